//! Totals: what is allocated, the ceiling, the headroom and utilisation, and
//! an optional expectation for CI.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{pct, sub};
use crate::dataset::Dataset;
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
}

/// An expected figure and how far the table is from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expectation {
    pub expected: Decimal,
    /// `actual − expected`.
    pub difference: Decimal,
    pub matches: bool,
}

impl Expectation {
    pub fn new(actual: Decimal, expected: Decimal) -> Result<Self> {
        let difference = sub(actual, expected, "the difference from the expected total")?;
        Ok(Expectation {
            expected,
            difference,
            matches: difference.is_zero(),
        })
    }
}

pub fn total_report(data: &Dataset, expect: Option<Decimal>) -> Result<TotalReport> {
    let allocated = data.allocated;
    let ceiling = data.fund.ceiling;
    Ok(TotalReport {
        allocated,
        ceiling,
        headroom: sub(ceiling, allocated, "the headroom")?,
        member_count: data.allocations.len(),
        confirmed: data.confirmed(),
        utilisation_pct: pct(allocated, ceiling, "the utilisation")?,
        expectation: expect.map(|e| Expectation::new(allocated, e)).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::bundled;
    use std::str::FromStr;

    #[test]
    fn bundled_totals() {
        let report = total_report(&bundled().unwrap(), None).unwrap();
        assert_eq!(report.allocated.to_string(), "149933700000");
        assert_eq!(report.headroom.to_string(), "66300000");
        assert_eq!(report.utilisation_pct.to_string(), "99.96");
        assert_eq!(report.member_count, 19);
    }

    #[test]
    fn expectation_says_by_how_much() {
        let e = Expectation::new(
            Decimal::from_str("149933700000").unwrap(),
            Decimal::from_str("150000000000").unwrap(),
        )
        .unwrap();
        assert!(!e.matches);
        assert_eq!(e.difference.to_string(), "-66300000");
    }
}
