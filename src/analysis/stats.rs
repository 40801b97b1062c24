//! Descriptive statistics and concentration of a table.
//!
//! * Herfindahl–Hirschman index: `HHI = Σ (100 · aᵢ / A)²` over all members,
//!   where `A` is the allocated sum: 10,000 when one member gets everything,
//!   `10,000 / n` when n members get equal amounts.
//! * Gini coefficient: with amounts sorted ascending `x₁ ≤ … ≤ xₙ`,
//!   `G = Σ (2i − n − 1) · xᵢ / (n · A)`: 0 when all amounts are equal,
//!   approaching 1 when one member gets everything.

use crate::dataset::Text;
use rust_decimal::Decimal;
use serde::Serialize;

use super::check::{Check, concentration_check};
use super::rank::ranked;
use super::{pct, round_to, sum};
use crate::dataset::Dataset;
use crate::error::{Error, Result};

/// The `stats` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsReport {
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
    pub min: Extreme,
    pub max: Extreme,
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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extreme {
    pub code: Text,
    pub name: Text,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopShare {
    pub n: usize,
    pub amount: Decimal,
    pub share_of_allocated_pct: Decimal,
    pub share_of_ceiling_pct: Decimal,
}

/// Herfindahl–Hirschman index (0–10,000) of `amounts`, summing to `total`.
pub fn hhi(amounts: &[Decimal], total: Decimal) -> Result<Decimal> {
    let mut index = Decimal::ZERO;
    for a in amounts {
        let share = a
            .checked_div(total)
            .ok_or_else(|| Error::overflow("a share for the HHI"))?;
        index = index
            .checked_add(
                share
                    .checked_mul(share)
                    .ok_or_else(|| Error::overflow("the HHI"))?,
            )
            .ok_or_else(|| Error::overflow("the HHI"))?;
    }
    index
        .checked_mul(Decimal::from(10_000))
        .ok_or_else(|| Error::overflow("the HHI"))
}

/// Gini coefficient (0–1) of `amounts` sorted ascending, summing to
/// `total`.
pub fn gini(ascending: &[Decimal], total: Decimal) -> Result<Decimal> {
    let n = ascending.len() as i64;
    let overflow = || Error::overflow("the Gini coefficient");
    let mut g = Decimal::ZERO;
    for (i, a) in ascending.iter().enumerate() {
        let weight = Decimal::from(2 * (i as i64 + 1) - n - 1);
        let share = a.checked_div(total).ok_or_else(overflow)?;
        g = g
            .checked_add(weight.checked_mul(share).ok_or_else(overflow)?)
            .ok_or_else(overflow)?;
    }
    g.checked_div(Decimal::from(n)).ok_or_else(overflow)
}

pub fn stats_report(data: &Dataset) -> Result<StatsReport> {
    let list = ranked(&data.allocations);
    let count = list.len();
    let total = data.allocated;
    let mut ascending: Vec<Decimal> = list.iter().map(|r| r.allocation.amount).collect();
    ascending.reverse();
    let median = if count % 2 == 1 {
        ascending[count / 2]
    } else {
        let pair = sum(
            [&ascending[count / 2 - 1], &ascending[count / 2]],
            "the median",
        )?;
        pair / Decimal::TWO
    };
    let extreme = |i: usize| {
        let a = list[i].allocation;
        Extreme {
            code: a.code.clone(),
            name: a.name.clone(),
            amount: a.amount,
        }
    };
    let mut top = Vec::new();
    for n in [1, 3, 5] {
        if n > count {
            break;
        }
        let amount = sum(
            list[..n].iter().map(|r| &r.allocation.amount),
            "a top-n sum",
        )?;
        top.push(TopShare {
            n,
            amount,
            share_of_allocated_pct: pct(amount, total, "a top-n share")?,
            share_of_ceiling_pct: pct(amount, data.fund.ceiling, "a top-n share")?,
        });
    }
    Ok(StatsReport {
        member_count: count,
        confirmed: data.confirmed(),
        total,
        mean: round_to(
            total
                .checked_div(Decimal::from(count))
                .ok_or_else(|| Error::overflow("the mean"))?,
            2,
        ),
        median: median.normalize(),
        min: extreme(count - 1),
        max: extreme(0),
        hhi: round_to(hhi(&ascending, total)?, 2),
        gini: round_to(gini(&ascending, total)?, 4),
        top,
        concentration: concentration_check(data)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::bundled;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn bundled_table_concentration() {
        let report = stats_report(&bundled().unwrap()).unwrap();
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
        let equal = [d("5"), d("5"), d("5"), d("5")];
        assert_eq!(hhi(&equal, d("20")).unwrap(), d("2500"));
        assert_eq!(gini(&equal, d("20")).unwrap(), Decimal::ZERO);
        let one = [d("7")];
        assert_eq!(hhi(&one, d("7")).unwrap(), d("10000"));
        // One of two gets everything but a sliver: Gini → (n−1)/n = 0.5.
        let skew = [d("0.000001"), d("1000000")];
        assert_eq!(
            round_to(gini(&skew, d("1000000.000001")).unwrap(), 4),
            d("0.5")
        );
    }
}
