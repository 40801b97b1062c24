//! The data behind a bar chart: one value per member (amount, share of the
//! ceiling or euros per inhabitant), largest first.

use rust_decimal::Decimal;
use serde::Serialize;

use super::per_capita::per_capita_report;
use super::rank::rank_report;
use crate::dataset::{Basis, Dataset, Precision};
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
pub struct ChartReport<'a> {
    /// What the bars measure (euros, percent of the ceiling, euros per
    /// inhabitant).
    pub by: By,
    /// The `--top` asked for (ties with the last bar are kept).
    pub top: Option<usize>,
    /// Listed in JSON from the view's fields (`cmd::chart`).
    #[serde(skip)]
    pub bars: Vec<Bar<'a>>,
    /// Members left out: beyond `--top`, or without a population figure.
    pub left_out: Vec<&'a str>,
    #[serde(skip)]
    pub figures: Precision,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar<'a> {
    pub rank: usize,
    pub code: &'a str,
    pub name: &'a str,
    pub value: Decimal,
    /// What the member's figure is.
    pub basis: Basis,
    /// The bounds of the value (rounded outward where it is rounded).
    pub value_min: Decimal,
    pub value_max: Decimal,
}

pub fn chart_report<'a>(
    data: &'a Dataset,
    by: By,
    top: Option<usize>,
    population: &Population,
) -> Result<ChartReport<'a>> {
    let (mut bars, mut left_out) = match by {
        By::Amount | By::Share => {
            let report = rank_report(data, None, false)?;
            let bars: Vec<Bar<'a>> = report
                .members
                .iter()
                .map(|m| {
                    let (value, value_min, value_max) = if by == By::Amount {
                        (m.amount, m.amount_min, m.amount_max)
                    } else {
                        (m.share_pct, m.share_min_pct, m.share_max_pct)
                    };
                    Bar {
                        rank: m.rank,
                        code: m.code,
                        name: m.name,
                        basis: m.basis,
                        value,
                        value_min,
                        value_max,
                    }
                })
                .collect();
            (bars, Vec::new())
        }
        By::PerCapita => {
            let report = per_capita_report(data, population, None)?;
            let bars: Vec<Bar<'a>> = report
                .members
                .iter()
                .filter_map(|m| {
                    Some(Bar {
                        rank: m.rank?,
                        code: m.code,
                        name: m.name,
                        basis: m.basis,
                        value: m.per_capita?,
                        value_min: m.per_capita_min?,
                        value_max: m.per_capita_max?,
                    })
                })
                .collect();
            (bars, report.missing)
        }
    };
    if let Some(n) = top {
        // Equal ranks are equal values: a cut never splits a tie.
        let mut kept = bars.len();
        if n < bars.len() {
            let last = bars[n - 1].rank;
            kept = n + bars[n..].iter().take_while(|b| b.rank == last).count();
        }
        left_out.extend(bars.iter().skip(kept).map(|b| b.code));
        bars.truncate(kept);
    }
    Ok(ChartReport {
        by,
        top,
        bars,
        left_out,
        figures: data.precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;

    #[test]
    fn bars_come_largest_first() {
        let people = crate::population::bundled().unwrap();
        let data = seed_edition().unwrap();
        let chart = chart_report(&data, By::PerCapita, Some(3), &people).unwrap();
        let codes: Vec<&str> = chart.bars.iter().map(|b| b.code).collect();
        assert_eq!(codes, ["LV", "LT", "EE"]);
        assert_eq!(chart.left_out.len(), 16);
        let data = seed_edition().unwrap();
        let chart = chart_report(&data, By::Share, None, &people).unwrap();
        assert_eq!(chart.bars[0].value.to_string(), "29.13");
    }
}
