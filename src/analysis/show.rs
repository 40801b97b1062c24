//! One member in context: its rank and ties, shares, amount per inhabitant,
//! and the members just above and below it.

use crate::dataset::Text;
use rust_decimal::Decimal;
use serde::Serialize;

use super::rank::{Ranked, ranked};
use super::{pct, per_capita, sub};
use crate::dataset::{Allocation, Basis, Dataset};
use crate::error::Result;
use crate::population::Population;

/// The `show` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberReport {
    pub code: Text,
    pub name: Text,
    pub amount: Decimal,
    /// What the figure is, and whether it is confirmed.
    pub basis: Basis,
    pub confirmed: bool,
    /// The decision's date, the figure's source, the pre-financing and a
    /// note, as far as the table gives them.
    pub decided: Option<String>,
    pub source: Option<String>,
    pub prefinancing: Option<Decimal>,
    pub note: Option<String>,
    /// Competition rank by amount (1 = largest).
    pub rank: usize,
    pub member_count: usize,
    /// Members with exactly the same amount.
    pub tied_with: Vec<Peer>,
    pub share_of_ceiling_pct: Decimal,
    pub share_of_allocated_pct: Decimal,
    /// Population on the reference date, when known.
    pub population: Option<u64>,
    /// Euros per inhabitant, rounded to cents, when the population is known.
    pub per_capita: Option<Decimal>,
    /// The nearest member with a larger amount, and how much larger.
    pub above: Option<Neighbour>,
    /// The nearest member with a smaller amount, and how much smaller.
    pub below: Option<Neighbour>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Peer {
    pub code: Text,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbour {
    pub rank: usize,
    pub code: Text,
    pub name: Text,
    pub amount: Decimal,
    /// The (positive) difference from the member shown.
    pub gap: Decimal,
}

fn neighbour(r: &Ranked<'_>, amount: Decimal) -> Result<Neighbour> {
    let a = r.allocation;
    Ok(Neighbour {
        rank: r.rank,
        code: a.code.clone(),
        name: a.name.clone(),
        amount: a.amount,
        gap: sub(a.amount, amount, "a gap")?.abs(),
    })
}

pub fn member_report(
    data: &Dataset,
    member: &Allocation,
    population: &Population,
) -> Result<MemberReport> {
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
        .map(|r| neighbour(r, amount))
        .transpose()?;
    let below = list[at..]
        .iter()
        .find(|r| r.allocation.amount != amount)
        .map(|r| neighbour(r, amount))
        .transpose()?;
    let tied_with = list
        .iter()
        .filter(|r| r.allocation.amount == amount && r.allocation.code != member.code)
        .map(|r| Peer {
            code: r.allocation.code.clone(),
            name: r.allocation.name.clone(),
        })
        .collect();
    let people = population.get(&member.code);
    let provenance = member.provenance();
    Ok(MemberReport {
        code: member.code.clone(),
        name: member.name.clone(),
        amount,
        basis: member.basis,
        confirmed: member.basis.confirmed(),
        decided: provenance.decided,
        source: provenance.source,
        prefinancing: provenance.prefinancing,
        note: provenance.note,
        rank: list[at].rank,
        member_count: list.len(),
        tied_with,
        share_of_ceiling_pct: pct(amount, data.fund.ceiling, "a share")?,
        share_of_allocated_pct: pct(amount, data.allocated, "a share")?,
        population: people,
        per_capita: people.map(|p| per_capita(amount, p)).transpose()?,
        above,
        below,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::bundled;

    #[test]
    fn france_ties_with_hungary_between_romania_and_italy() {
        let data = bundled().unwrap();
        let fr = data.find_code("FR").unwrap();
        let report = member_report(&data, fr, &crate::population::bundled().unwrap()).unwrap();
        assert_eq!(report.rank, 3);
        assert_eq!(report.tied_with[0].code, "HU");
        let above = report.above.unwrap();
        assert_eq!(
            (above.code.as_str(), above.gap.to_string().as_str()),
            ("RO", "470000000")
        );
        let below = report.below.unwrap();
        assert_eq!(
            (below.code.as_str(), below.gap.to_string().as_str()),
            ("IT", "1310000000")
        );
        assert_eq!(report.per_capita.unwrap().to_string(), "235.33");
    }

    #[test]
    fn the_largest_has_nobody_above() {
        let data = bundled().unwrap();
        let pl = data.find_code("PL").unwrap();
        let report = member_report(&data, pl, &crate::population::bundled().unwrap()).unwrap();
        assert!(report.above.is_none());
        assert_eq!(report.below.unwrap().code, "RO");
    }
}
