//! The overview `safe` prints with no command: the totals, the three
//! largest recipients and the Art. 13 position.

use serde::Serialize;

use super::check::{Check, concentration_check};
use super::rank::{RankRows, rank_report};
use super::total::{TotalReport, total_report};
use crate::dataset::Dataset;
use crate::error::Result;

#[derive(Debug, Serialize)]
pub struct OverviewReport<'a> {
    pub total: TotalReport,
    /// The three largest recipients (and any tied with the third), as
    /// `rank --top 3` lists them (in JSON from the view's fields, as
    /// `rank` lists them: `cmd::rank`).
    #[serde(skip)]
    pub largest: RankRows<'a>,
    /// The Art. 13 position.
    pub concentration: Check,
}

pub fn overview_report(data: &Dataset) -> Result<OverviewReport<'_>> {
    Ok(OverviewReport {
        total: total_report(&crate::dataset::Summary::of(data), None)?,
        largest: rank_report(data, Some(3), false)?.members,
        concentration: concentration_check(data)?,
    })
}
