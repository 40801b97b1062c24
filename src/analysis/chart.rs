//! The data behind a bar chart: one value per member (amount, share of the
//! ceiling or euros per inhabitant), largest first.

use crate::dataset::Text;
use rust_decimal::Decimal;
use serde::Serialize;

use super::per_capita::per_capita_report;
use super::rank::rank_report;
use crate::dataset::{Basis, Dataset};
use crate::error::Result;
use crate::population::Population;

/// What the bars measure (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum By {
    /// Euros allocated.
    #[default]
    Amount,
    /// Percent of the fund ceiling.
    Share,
    /// Euros per inhabitant.
    PerCapita,
}

/// The `chart` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartReport {
    /// What the bars measure (euros, percent of the ceiling, euros per
    /// inhabitant).
    pub by: By,
    pub bars: Vec<Bar>,
    /// Members left out: beyond `--top`, or without a population figure.
    pub left_out: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub rank: usize,
    pub code: Text,
    pub name: Text,
    pub value: Decimal,
    /// What the member's figure is.
    pub basis: Basis,
}

pub fn chart_report(
    data: &Dataset,
    by: By,
    top: Option<usize>,
    population: &Population,
) -> Result<ChartReport> {
    let (mut bars, mut left_out) = match by {
        By::Amount | By::Share => {
            let report = rank_report(data, None, false)?;
            let bars: Vec<Bar> = report
                .members
                .into_iter()
                .map(|m| Bar {
                    rank: m.rank,
                    code: m.code,
                    name: m.name,
                    basis: m.basis,
                    value: if by == By::Amount {
                        m.amount
                    } else {
                        m.share_pct
                    },
                })
                .collect();
            (bars, Vec::new())
        }
        By::PerCapita => {
            let report = per_capita_report(data, population)?;
            let bars: Vec<Bar> = report
                .members
                .into_iter()
                .filter_map(|m| {
                    Some(Bar {
                        rank: m.rank?,
                        code: m.code,
                        name: m.name,
                        basis: m.basis,
                        value: m.per_capita?,
                    })
                })
                .collect();
            (bars, report.missing)
        }
    };
    if let Some(n) = top {
        left_out.extend(bars.iter().skip(n).map(|b| b.code.clone()));
        bars.truncate(n);
    }
    Ok(ChartReport { by, bars, left_out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::bundled;

    #[test]
    fn bars_come_largest_first() {
        let people = crate::population::bundled().unwrap();
        let chart = chart_report(&bundled().unwrap(), By::PerCapita, Some(3), &people).unwrap();
        let codes: Vec<&str> = chart.bars.iter().map(|b| b.code.as_str()).collect();
        assert_eq!(codes, ["LV", "LT", "EE"]);
        assert_eq!(chart.left_out.len(), 16);
        let chart = chart_report(&bundled().unwrap(), By::Share, None, &people).unwrap();
        assert_eq!(chart.bars[0].value.to_string(), "29.13");
    }
}
