//! Totals: what is allocated, the ceiling, the headroom and utilisation, and
//! an optional expectation for CI.

use rust_decimal::Decimal;
use serde::Serialize;

use super::bounds::{Range, pct_of};
use super::{PCT_PLACES, pct, sub};
use crate::dataset::{Precision, Summary};
use crate::error::Result;

/// The `total` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalReport {
    pub allocated: Decimal,
    pub ceiling: Decimal,
    /// `ceiling − allocated`; negative when the table is over the ceiling.
    pub headroom: Decimal,
    pub member_count: usize,
    /// How many members' figures are confirmed (a Council decision's exact
    /// amount).
    pub confirmed: usize,
    /// `allocated / ceiling × 100`, rounded to 2 places.
    pub utilisation_pct: Decimal,
    /// Present when `--expect` was given.
    pub expectation: Option<Expectation>,
    /// The bounds of the allocated sum: the sums of the rows' bounds.
    pub allocated_min: Decimal,
    pub allocated_max: Decimal,
    /// The bounds of the headroom.
    pub headroom_min: Decimal,
    pub headroom_max: Decimal,
    /// The bounds of the utilisation, rounded outward.
    pub utilisation_min_pct: Decimal,
    pub utilisation_max_pct: Decimal,
    /// The finest decimal place of the table's figures.
    #[serde(skip)]
    pub precision: Precision,
}

/// An expected figure and how far the table is from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expectation {
    pub expected: Decimal,
    /// `actual − expected`.
    pub difference: Decimal,
    pub matches: bool,
    /// The bounds of the difference (within the figures' rounding).
    pub difference_min: Decimal,
    pub difference_max: Decimal,
    /// The bounds of the total tested.
    #[serde(skip)]
    pub bounds: Range,
}

impl Expectation {
    /// `actual` (within `bounds`) against `expected`.
    pub fn new(actual: Decimal, bounds: Range, expected: Decimal) -> Result<Self> {
        let what = "the difference from the expected total";
        let difference = sub(actual, expected, what)?;
        let range = bounds.sub(Range::exact(expected), what)?;
        Ok(Expectation {
            expected,
            difference,
            matches: difference.is_zero(),
            difference_min: range.min,
            difference_max: range.max,
            bounds,
        })
    }
}

/// The totals of a table summed up (a loaded table: `Summary::of`).
pub fn total_report(data: &Summary, expect: Option<Decimal>) -> Result<TotalReport> {
    let allocated = data.allocated;
    let ceiling = data.fund.ceiling;
    let bounds = Range {
        min: data.allocated_min,
        max: data.allocated_max,
    };
    let headroom = Range::exact(ceiling).sub(bounds, "the headroom")?;
    let utilisation = pct_of(bounds, ceiling, PCT_PLACES)?;
    Ok(TotalReport {
        allocated,
        ceiling,
        headroom: sub(ceiling, allocated, "the headroom")?,
        member_count: data.member_count,
        confirmed: data.confirmed,
        utilisation_pct: pct(allocated, ceiling, "the utilisation")?,
        expectation: expect
            .map(|e| Expectation::new(allocated, bounds, e))
            .transpose()?,
        allocated_min: bounds.min,
        allocated_max: bounds.max,
        headroom_min: headroom.min,
        headroom_max: headroom.max,
        utilisation_min_pct: utilisation.min,
        utilisation_max_pct: utilisation.max,
        precision: data.precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;
    use std::str::FromStr;

    #[test]
    fn bundled_totals() {
        let data = seed_edition().unwrap();
        let report = total_report(&Summary::of(&data), None).unwrap();
        assert_eq!(report.allocated.to_string(), "149933700000");
        assert_eq!(report.headroom.to_string(), "66300000");
        assert_eq!(report.utilisation_pct.to_string(), "99.96");
        assert_eq!(report.member_count, 19);
    }

    #[test]
    fn expectation_says_by_how_much() {
        let actual = Decimal::from_str("149933700000").unwrap();
        let e = Expectation::new(
            actual,
            Range::exact(actual),
            Decimal::from_str("150000000000").unwrap(),
        )
        .unwrap();
        assert!(!e.matches);
        assert_eq!(e.difference.to_string(), "-66300000");
    }
}
