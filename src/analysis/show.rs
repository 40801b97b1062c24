//! One member in context: its rank and ties, shares, amount per inhabitant,
//! and the members just above and below it.

use rust_decimal::Decimal;
use serde::Serialize;

use super::bounds::{Range, pct_of, share_of_allocated};
use super::rank::{Ranked, rank_bounds, ranked};
use super::{PCT_PLACES, pct, per_capita, per_capita_with, sub};
use crate::dataset::{Allocation, Basis, Dataset, Precision};
use crate::error::Result;
use crate::population::Population;

/// The `show` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberReport<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub amount: Decimal,
    /// What the figure is, and whether it is confirmed.
    pub basis: Basis,
    pub confirmed: bool,
    /// The decision's date, the figure's source, the pre-financing and a
    /// note, as far as the table gives them.
    pub decided: Option<&'a str>,
    pub source: Option<&'a str>,
    pub prefinancing: Option<Decimal>,
    pub note: Option<&'a str>,
    /// Competition rank by amount (1 = largest).
    pub rank: usize,
    pub member_count: usize,
    /// Members with exactly the same amount.
    pub tied_with: Vec<Peer<'a>>,
    pub share_of_ceiling_pct: Decimal,
    pub share_of_allocated_pct: Decimal,
    /// Population on the reference date, when known.
    pub population: Option<u64>,
    /// Euros per inhabitant, rounded to cents, when the population is known.
    pub per_capita: Option<Decimal>,
    /// The nearest member with a larger amount, and how much larger.
    pub above: Option<Neighbour<'a>>,
    /// The nearest member with a smaller amount, and how much smaller.
    pub below: Option<Neighbour<'a>>,
    /// The bounds of the amount, and of the figures derived from it
    /// (shares and the amount per inhabitant rounded outward).
    pub amount_min: Decimal,
    pub amount_max: Decimal,
    pub rank_best: usize,
    pub rank_worst: usize,
    pub share_of_ceiling_min_pct: Decimal,
    pub share_of_ceiling_max_pct: Decimal,
    pub share_of_allocated_min_pct: Decimal,
    pub share_of_allocated_max_pct: Decimal,
    pub per_capita_min: Option<Decimal>,
    pub per_capita_max: Option<Decimal>,
    #[serde(skip)]
    pub figures: Precision,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Peer<'a> {
    pub code: &'a str,
    pub name: &'a str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbour<'a> {
    pub rank: usize,
    pub code: &'a str,
    pub name: &'a str,
    pub amount: Decimal,
    /// The (positive) difference from the member shown, on the stated
    /// figures.
    pub gap: Decimal,
    /// The bounds of its amount, and of the gap (the least and most the
    /// two amounts can differ within their bounds).
    pub amount_min: Decimal,
    pub amount_max: Decimal,
    pub gap_min: Decimal,
    pub gap_max: Decimal,
}

fn neighbour<'a>(r: &Ranked<'a>, shown: &Allocation) -> Result<Neighbour<'a>> {
    let a = r.allocation;
    let gap = |x: Decimal, y: Decimal| sub(x, y, "a gap").map(|d| d.abs());
    // Apart by at least the distance between the intervals (0 when they
    // overlap), at most from one's far end to the other's.
    let least = if a.min > shown.max {
        sub(a.min, shown.max, "a gap")?
    } else if shown.min > a.max {
        sub(shown.min, a.max, "a gap")?
    } else {
        Decimal::ZERO
    };
    Ok(Neighbour {
        rank: r.rank,
        code: &a.code,
        name: &a.name,
        amount: a.amount,
        gap: gap(a.amount, shown.amount)?,
        amount_min: a.min,
        amount_max: a.max,
        gap_min: least,
        gap_max: gap(a.max, shown.min)?.max(gap(a.min, shown.max)?),
    })
}

pub fn member_report<'a>(
    data: &'a Dataset,
    member: &'a Allocation,
    population: &Population,
) -> Result<MemberReport<'a>> {
    let list = ranked(&data.allocations);
    let at = list
        .iter()
        .position(|r| r.allocation.code == member.code)
        .unwrap_or_default();
    let amount = member.amount;
    let above = list[..at]
        .iter()
        .rev()
        .find(|r| r.allocation.amount != amount)
        .map(|r| neighbour(r, member))
        .transpose()?;
    let below = list[at..]
        .iter()
        .find(|r| r.allocation.amount != amount)
        .map(|r| neighbour(r, member))
        .transpose()?;
    let tied_with = list
        .iter()
        .filter(|r| r.allocation.amount == amount && r.allocation.code != member.code)
        .map(|r| Peer {
            code: &r.allocation.code,
            name: &r.allocation.name,
        })
        .collect();
    let people = population.get(&member.code);
    let provenance = member.provenance.as_deref();
    let range = Range::of(member);
    let total = Range {
        min: data.allocated_min,
        max: data.allocated_max,
    };
    let of_ceiling = pct_of(range, data.fund.ceiling, PCT_PLACES)?;
    let of_allocated = share_of_allocated(range, total, PCT_PLACES)?;
    let (best, worst) = rank_bounds(data, std::iter::once((list[at].rank, member)))[0];
    let per_head = |value: Decimal, strategy| {
        people
            .map(|p| per_capita_with(value, p, strategy))
            .transpose()
    };
    Ok(MemberReport {
        code: &member.code,
        name: &member.name,
        amount,
        basis: member.basis,
        confirmed: member.basis.confirmed(),
        decided: provenance.and_then(|p| p.decided.as_deref()),
        source: provenance.and_then(|p| p.source.as_deref()),
        prefinancing: provenance.and_then(|p| p.prefinancing),
        note: provenance.and_then(|p| p.note.as_deref()),
        rank: list[at].rank,
        member_count: list.len(),
        tied_with,
        share_of_ceiling_pct: pct(amount, data.fund.ceiling, "a share")?,
        share_of_allocated_pct: pct(amount, data.allocated, "a share")?,
        population: people,
        per_capita: people.map(|p| per_capita(amount, p)).transpose()?,
        above,
        below,
        amount_min: member.min,
        amount_max: member.max,
        rank_best: best,
        rank_worst: worst,
        share_of_ceiling_min_pct: of_ceiling.min,
        share_of_ceiling_max_pct: of_ceiling.max,
        share_of_allocated_min_pct: of_allocated.min,
        share_of_allocated_max_pct: of_allocated.max,
        per_capita_min: per_head(
            member.min,
            super::bound_strategies(member.min == member.max).0,
        )?,
        per_capita_max: per_head(
            member.max,
            super::bound_strategies(member.min == member.max).1,
        )?,
        figures: data.precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;

    #[test]
    fn france_ties_with_hungary_between_romania_and_italy() {
        let data = seed_edition().unwrap();
        let fr = crate::names::find_member("FR", &data).unwrap();
        let report = member_report(&data, fr, &crate::population::bundled().unwrap()).unwrap();
        assert_eq!(report.rank, 3);
        assert_eq!(report.tied_with[0].code, "HU");
        let above = report.above.unwrap();
        assert_eq!(
            (above.code, above.gap.to_string().as_str()),
            ("RO", "470000000")
        );
        let below = report.below.unwrap();
        assert_eq!(
            (below.code, below.gap.to_string().as_str()),
            ("IT", "1310000000")
        );
        assert_eq!(report.per_capita.unwrap().to_string(), "235.33");
    }

    #[test]
    fn the_largest_has_nobody_above() {
        let data = seed_edition().unwrap();
        let pl = crate::names::find_member("PL", &data).unwrap();
        let report = member_report(&data, pl, &crate::population::bundled().unwrap()).unwrap();
        assert!(report.above.is_none());
        assert_eq!(report.below.unwrap().code, "RO");
    }
}
