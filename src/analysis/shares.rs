//! Shares: each member's percentage of the fund ceiling or of the allocated
//! sum, rounded either each on its own (half-to-even) or by the largest
//! remainder method so the column adds up.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::bounds::{Range, pct_of, share_of_allocated};
use super::rank::{rank_bounds, ranked};
use super::{percent, round_to, sum};
use crate::dataset::{Allocation, Basis, Dataset, Precision};
use crate::error::{Error, Result};

/// What a share is a share of (`--of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// The fund's ceiling (€150bn for SAFE).
    #[default]
    Fund,
    /// The sum actually allocated.
    Allocated,
}

/// How shares are rounded (`--method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Each share rounded half-to-even on its own: equal amounts always get
    /// equal shares, but the column may not add up to the rounded total.
    #[default]
    Nearest,
    /// Hamilton's method: round down, then give one unit each to the largest
    /// remainders until the column adds up to the rounded total exactly.
    /// Equal remainders go to the larger amount, then to the name that
    /// sorts first.
    LargestRemainder,
}

/// The `shares` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharesReport<'a> {
    pub of: Base,
    pub method: Method,
    /// Decimal places of the rounded shares.
    pub precision: u32,
    /// The amount shares are taken of (ceiling or allocated sum).
    pub base: Decimal,
    /// The sum of all amounts.
    pub allocated: Decimal,
    pub member_count: usize,
    /// The `--top` asked for (ties with the last row are kept).
    pub top: Option<usize>,
    /// Members in ranking order.
    /// Listed in JSON from the view's fields (`cmd::shares`).
    #[serde(skip)]
    pub members: ShareRows<'a>,
    /// The rows shown together: their count, amounts and rounded shares
    /// added up as shown.
    pub shown: Shown,
    /// The whole table's share of the base, exact (28 significant digits).
    pub total_exact_pct: Decimal,
    /// The sum of the rounded column of every member, exactly as the
    /// column would show it.
    pub total_rounded_pct: Decimal,
    /// The bounds of the sum of amounts and of the whole table's share
    /// (rounded outward).
    pub allocated_min: Decimal,
    pub allocated_max: Decimal,
    pub total_min_pct: Decimal,
    pub total_max_pct: Decimal,
    #[serde(skip)]
    pub figures: Precision,
}

/// The rows a listing shows, added up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shown {
    pub member_count: usize,
    pub amount: Decimal,
    pub amount_min: Decimal,
    pub amount_max: Decimal,
    /// The rounded shares of the rows shown, added up.
    pub share_pct: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow<'a> {
    pub rank: usize,
    pub code: &'a str,
    pub name: &'a str,
    pub amount: Decimal,
    /// What the figure is.
    pub basis: Basis,
    /// `amount / base × 100` to 28 significant digits.
    pub share_exact_pct: Decimal,
    /// The share rounded by the chosen method.
    pub share_pct: Decimal,
    pub amount_min: Decimal,
    pub amount_max: Decimal,
    pub rank_best: usize,
    pub rank_worst: usize,
    /// The bounds of the exact share within the bounds of every figure,
    /// rounded outward to `precision` places.
    pub share_min_pct: Decimal,
    pub share_max_pct: Decimal,
}

/// The rows of a `shares` report, kept small (a member, its ranks and its
/// rounded share: the rounding is over the whole table); the exact share
/// and the bounds are worked out when a row is asked for (each quotient
/// was checked when the report was made).
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRows<'a> {
    of: Base,
    base: Decimal,
    /// The bounds of the sum of amounts (shares of the allocated sum).
    total: Range,
    precision: u32,
    rows: Vec<ShareKept<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
struct ShareKept<'a> {
    allocation: &'a Allocation,
    rank: u32,
    best: u32,
    worst: u32,
    share_pct: Decimal,
}

impl<'a> ShareRows<'a> {
    /// The bounds of a member's share, rounded outward.
    fn bounds(&self, a: &Allocation) -> Result<Range> {
        match self.of {
            Base::Fund => pct_of(Range::of(a), self.base, self.precision),
            Base::Allocated => share_of_allocated(Range::of(a), self.total, self.precision),
        }
    }

    /// Row `i` with every figure.
    pub fn get(&self, i: usize) -> ShareRow<'a> {
        let k = &self.rows[i];
        let a = k.allocation;
        let exact = percent(a.amount, self.base, "a share").unwrap_or_default();
        let bounds = self.bounds(a).unwrap_or(Range {
            min: k.share_pct,
            max: k.share_pct,
        });
        ShareRow {
            rank: k.rank as usize,
            code: &a.code,
            name: &a.name,
            amount: a.amount,
            basis: a.basis,
            share_exact_pct: exact.normalize(),
            share_pct: k.share_pct,
            amount_min: a.min,
            amount_max: a.max,
            rank_best: k.best as usize,
            rank_worst: k.worst as usize,
            share_min_pct: bounds.min,
            share_max_pct: bounds.max,
        }
    }
}

small_rows!(ShareRows, ShareRow);

pub fn shares_report(
    data: &Dataset,
    of: Base,
    method: Method,
    precision: u32,
    top: Option<usize>,
) -> Result<SharesReport<'_>> {
    let base = match of {
        Base::Fund => data.fund.ceiling,
        Base::Allocated => data.allocated,
    };
    let list = ranked(&data.allocations);
    let total_exact_pct = percent(data.allocated, base, "the total share")?;
    // Rounded from the exact quotients (never from a 28-digit
    // approximation of them): ties and midpoints are decided exactly.
    let nearest = |part: Decimal| {
        super::percent_with(
            part,
            base,
            precision,
            RoundingStrategy::MidpointNearestEven,
            "a share",
        )
    };
    let rounded: Vec<Decimal> = match method {
        Method::Nearest => list
            .iter()
            .map(|r| nearest(r.allocation.amount))
            .collect::<Result<_>>()?,
        Method::LargestRemainder => {
            let amounts: Vec<Decimal> = list.iter().map(|r| r.allocation.amount).collect();
            super::exact::largest_remainder(
                &amounts,
                Decimal::ONE_HUNDRED,
                base,
                precision,
                nearest(data.allocated)?,
                None,
                "the largest-remainder shares",
            )?
        }
    };
    let total_rounded_pct = round_to(sum(&rounded, "the sum of shares")?, precision);
    let total = Range {
        min: data.allocated_min,
        max: data.allocated_max,
    };
    // The shares are rounded over the whole table, then the list is cut.
    let mut shown = list.len();
    if let Some(k) = top.filter(|&k| k < list.len()) {
        let last = list[k - 1].allocation.amount;
        shown = k + list[k..]
            .iter()
            .take_while(|r| r.allocation.amount == last)
            .count();
    }
    let ranks = rank_bounds(data, list[..shown].iter().map(|r| (r.rank, r.allocation)));
    let mut members = ShareRows {
        of,
        base,
        total,
        precision,
        rows: Vec::with_capacity(shown),
    };
    for ((r, s), (best, worst)) in list.iter().zip(&rounded).zip(ranks) {
        let a = r.allocation;
        // Every quotient a row will show, checked now.
        members.bounds(a)?;
        let narrow = |n: usize| u32::try_from(n).map_err(|_| Error::overflow("a rank"));
        members.rows.push(ShareKept {
            allocation: a,
            rank: narrow(r.rank)?,
            best: narrow(best)?,
            worst: narrow(worst)?,
            share_pct: *s,
        });
    }
    let total_bounds = match of {
        Base::Fund => pct_of(total, base, precision)?,
        Base::Allocated => Range::exact(round_to(Decimal::ONE_HUNDRED, precision)),
    };
    Ok(SharesReport {
        of,
        method,
        precision,
        base,
        allocated: data.allocated,
        member_count: list.len(),
        top,
        shown: Shown {
            member_count: shown,
            amount: sum(
                list[..shown].iter().map(|r| &r.allocation.amount),
                "the amounts shown",
            )?,
            amount_min: sum(
                list[..shown].iter().map(|r| &r.allocation.min),
                "the amounts shown",
            )?,
            amount_max: sum(
                list[..shown].iter().map(|r| &r.allocation.max),
                "the amounts shown",
            )?,
            share_pct: round_to(sum(&rounded[..shown], "the shares shown")?, precision),
        },
        members,
        total_exact_pct: total_exact_pct.normalize(),
        total_rounded_pct,
        allocated_min: total.min,
        allocated_max: total.max,
        total_min_pct: total_bounds.min,
        total_max_pct: total_bounds.max,
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
    fn nearest_gives_equal_amounts_equal_shares() {
        let data = seed_edition().unwrap();
        let report = shares_report(&data, Base::Fund, Method::Nearest, 2, None).unwrap();
        let fr = report.members.iter().find(|m| m.code == "FR").unwrap();
        let hu = report.members.iter().find(|m| m.code == "HU").unwrap();
        assert_eq!(fr.share_pct, hu.share_pct);
        assert_eq!(fr.share_pct.to_string(), "10.81");
        assert_eq!(report.total_exact_pct, d("99.9558"));
    }

    #[test]
    fn largest_remainder_of_allocated_is_100() {
        let data = seed_edition().unwrap();
        let report =
            shares_report(&data, Base::Allocated, Method::LargestRemainder, 2, None).unwrap();
        assert_eq!(report.total_rounded_pct.to_string(), "100.00");
        for m in report.members.iter() {
            assert!((m.share_pct - m.share_exact_pct).abs() < d("0.01"));
        }
    }
}
