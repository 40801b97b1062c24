//! Descriptive statistics and concentration of a table.
//!
//! * Herfindahl–Hirschman index: `HHI = Σ (100 · aᵢ / A)²` over all members,
//!   where `A` is the allocated sum: 10,000 when one member gets everything,
//!   `10,000 / n` when n members get equal amounts.
//! * Gini coefficient: with amounts sorted ascending `x₁ ≤ … ≤ xₙ`,
//!   `G = Σ (2i − n − 1) · xᵢ / (n · A)`: 0 when all amounts are equal,
//!   approaching 1 when one member gets everything.

use rust_decimal::Decimal;
use serde::Serialize;

use super::bounds::{Range, median, pct_of, quotient_range, sorted, top_sum};
use super::check::{Check, concentration_check};
use super::rank::ranked;
use super::{PCT_PLACES, pct, ratio, sum};
use crate::dataset::{Dataset, Precision};
use crate::error::Result;

/// The figures of the report computed on the stated figures only (the
/// others have exact bounds).
pub const ON_STATED_FIGURES: [&str; 3] = ["hhi", "gini", "top.share_of_allocated_pct"];

/// The `stats` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsReport<'a> {
    pub member_count: usize,
    /// How many members' figures are confirmed (a Council decision's exact
    /// amount).
    pub confirmed: usize,
    pub total: Decimal,
    /// The mean amount, rounded to cents.
    pub mean: Decimal,
    /// The median amount (the mean of the two middle amounts when the count
    /// is even), exact.
    pub median: Decimal,
    pub min: Extreme<'a>,
    pub max: Extreme<'a>,
    /// Herfindahl–Hirschman index of shares of the allocated sum, 0–10,000,
    /// rounded to 2 places.
    pub hhi: Decimal,
    /// Gini coefficient, 0–1, rounded to 4 places.
    pub gini: Decimal,
    /// The largest 1, 3 and 5 recipients together (as far as the table has
    /// them).
    pub top: Vec<TopShare>,
    /// The Art. 13 position, as `safe check` reports it.
    pub concentration: Check,
    /// The bounds of the total, the mean (rounded outward to cents) and
    /// the median.
    pub total_min: Decimal,
    pub total_max: Decimal,
    pub mean_min: Decimal,
    pub mean_max: Decimal,
    pub median_min: Decimal,
    pub median_max: Decimal,
    /// The figures computed on the stated figures only, without bounds:
    /// the smallest and largest members, HHI, Gini and the shares of the
    /// allocated sum (`top[].share_of_allocated_pct`).
    pub on_stated_figures: Vec<&'static str>,
    #[serde(skip)]
    pub figures: Precision,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extreme<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub amount: Decimal,
    /// The bounds of its amount.
    pub amount_min: Decimal,
    pub amount_max: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopShare {
    pub n: usize,
    pub amount: Decimal,
    pub share_of_allocated_pct: Decimal,
    pub share_of_ceiling_pct: Decimal,
    pub amount_min: Decimal,
    pub amount_max: Decimal,
    pub share_of_ceiling_min_pct: Decimal,
    pub share_of_ceiling_max_pct: Decimal,
}

pub fn stats_report(data: &Dataset) -> Result<StatsReport<'_>> {
    let list = ranked(&data.allocations);
    let count = list.len();
    let total = data.allocated;
    let mut ascending: Vec<Decimal> = list.iter().map(|r| r.allocation.amount).collect();
    ascending.reverse();
    let extreme = |i: usize| {
        let a = list[i].allocation;
        Extreme {
            code: &a.code,
            name: &a.name,
            amount: a.amount,
            amount_min: a.min,
            amount_max: a.max,
        }
    };
    let rounded = data.is_rounded();
    let mut top = Vec::new();
    for n in [1, 3, 5] {
        if n > count {
            break;
        }
        let amount = sum(
            list[..n].iter().map(|r| &r.allocation.amount),
            "a top-n sum",
        )?;
        let bounds = if rounded {
            Range {
                min: top_sum(data.allocations.iter().map(|a| a.min), n, "a top-n sum")?,
                max: top_sum(data.allocations.iter().map(|a| a.max), n, "a top-n sum")?,
            }
        } else {
            Range::exact(amount)
        };
        let of_ceiling = pct_of(bounds, data.fund.ceiling, PCT_PLACES)?;
        top.push(TopShare {
            n,
            amount,
            share_of_allocated_pct: pct(amount, total, "a top-n share")?,
            share_of_ceiling_pct: pct(amount, data.fund.ceiling, "a top-n share")?,
            amount_min: bounds.min,
            amount_max: bounds.max,
            share_of_ceiling_min_pct: of_ceiling.min,
            share_of_ceiling_max_pct: of_ceiling.max,
        });
    }
    let median_now = median(&ascending, "the median")?;
    let (median_min, median_max) = if rounded {
        let lows = sorted(data.allocations.iter().map(|a| a.min).collect());
        let highs = sorted(data.allocations.iter().map(|a| a.max).collect());
        (median(&lows, "the median")?, median(&highs, "the median")?)
    } else {
        (median_now, median_now)
    };
    let total_range = Range {
        min: data.allocated_min,
        max: data.allocated_max,
    };
    let mean = quotient_range(total_range, Decimal::from(count), 2, "the mean")?;
    Ok(StatsReport {
        member_count: count,
        confirmed: data.confirmed(),
        total,
        mean: ratio(
            total,
            Decimal::from(count),
            0,
            2,
            rust_decimal::RoundingStrategy::MidpointNearestEven,
            "the mean",
        )?,
        median: median_now,
        min: extreme(count - 1),
        max: extreme(0),
        hhi: super::exact::hhi(&ascending)?,
        gini: super::exact::gini(&ascending)?,
        top,
        concentration: concentration_check(data)?,
        total_min: total_range.min,
        total_max: total_range.max,
        mean_min: mean.min,
        mean_max: mean.max,
        median_min,
        median_max,
        on_stated_figures: ON_STATED_FIGURES.to_vec(),
        figures: data.precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn bundled_table_concentration() {
        let data = seed_edition().unwrap();
        let report = stats_report(&data).unwrap();
        assert_eq!(report.hhi.to_string(), "1399.52");
        assert_eq!(report.gini.to_string(), "0.5869");
        assert_eq!(report.median.to_string(), "3260000000");
        assert_eq!(report.mean.to_string(), "7891247368.42");
        assert_eq!(report.min.code, "DK");
        assert_eq!(report.max.code, "PL");
        assert_eq!(report.top[1].amount.to_string(), "76590000000");
        assert_eq!(report.top[1].share_of_ceiling_pct.to_string(), "51.06");
    }

    #[test]
    fn indices_at_their_extremes() {
        use super::super::exact::{gini, hhi};
        let equal = [d("5"), d("5"), d("5"), d("5")];
        assert_eq!(hhi(&equal).unwrap(), d("2500"));
        assert_eq!(gini(&equal).unwrap(), Decimal::ZERO);
        assert_eq!(hhi(&[d("7")]).unwrap(), d("10000"));
        // One of two gets everything but a sliver: Gini → (n−1)/n = 0.5.
        assert_eq!(gini(&[d("0.000001"), d("1000000")]).unwrap(), d("0.5"));
    }
}
