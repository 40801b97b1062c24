//! Euros per inhabitant: members ranked by amount per head, with the
//! population beside it; members with no population figure are listed as
//! not available, never divided by zero.

use crate::dataset::Text;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{per_capita, sum};
use crate::dataset::{Allocation, Basis, Dataset};
use crate::error::{Error, Result};
use crate::population::Population;

/// The `per-capita` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerCapitaReport {
    /// Where the population figures come from.
    pub population_source: String,
    /// Members with a figure, by euros per inhabitant (largest first), then
    /// members without one.
    pub members: Vec<PerCapitaRow>,
    /// Codes of members with no population figure.
    pub missing: Vec<Text>,
    /// All members with a figure, together.
    pub total: PerCapitaTotal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerCapitaRow {
    /// Competition rank by euros per inhabitant; null when not available.
    pub rank: Option<usize>,
    pub code: Text,
    pub name: Text,
    pub amount: Decimal,
    /// What the figure is.
    pub basis: Basis,
    pub population: Option<u64>,
    /// Euros per inhabitant, rounded to cents; null when not available.
    pub per_capita: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerCapitaTotal {
    pub member_count: usize,
    pub amount: Decimal,
    pub population: u64,
    /// `amount / population`, rounded to cents; null when no member has a
    /// figure.
    pub per_capita: Option<Decimal>,
}

pub fn per_capita_report(data: &Dataset, population: &Population) -> Result<PerCapitaReport> {
    let row = |a: &Allocation, population: Option<u64>| -> Result<PerCapitaRow> {
        Ok(PerCapitaRow {
            rank: None,
            code: a.code.clone(),
            name: a.name.clone(),
            amount: a.amount,
            basis: a.basis,
            population,
            per_capita: population.map(|p| per_capita(a.amount, p)).transpose()?,
        })
    };
    // Members with a figure first, ranked on the exact quotient (compared
    // by cross-multiplication would overflow; the rounded figure could tie
    // members that differ), computed once per member.
    let mut keyed: Vec<(Decimal, usize, u64)> = Vec::new();
    for (i, a) in data.allocations.iter().enumerate() {
        if let Some(p) = population.get(&a.code) {
            let exact = a.amount.checked_div(Decimal::from(p)).unwrap_or_default();
            keyed.push((exact, i, p));
        }
    }
    let name = |i: usize| &data.allocations[i].name;
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| name(a.1).cmp(name(b.1))));
    let mut known = Vec::with_capacity(data.allocations.len());
    for &(_, i, p) in &keyed {
        known.push(row(&data.allocations[i], Some(p))?);
    }
    let mut previous: Option<(Decimal, usize)> = None;
    for (i, (row, key)) in known.iter_mut().zip(&keyed).enumerate() {
        let value = key.0;
        let rank = match previous {
            Some((v, r)) if v == value => r,
            _ => i + 1,
        };
        row.rank = Some(rank);
        previous = Some((value, rank));
    }
    let amount = sum(known.iter().map(|r| &r.amount), "the total amount")?;
    let people = known
        .iter()
        .try_fold(0u64, |acc, r| acc.checked_add(r.population.unwrap_or(0)))
        .ok_or_else(|| Error::overflow("the total population"))?;
    let total = PerCapitaTotal {
        member_count: known.len(),
        amount,
        population: people,
        per_capita: if people > 0 {
            Some(per_capita(amount, people)?)
        } else {
            None
        },
    };
    drop(keyed);
    let mut missing = Vec::new();
    for a in &data.allocations {
        if population.get(&a.code).is_none() {
            missing.push(a.code.clone());
            known.push(row(a, None)?);
        }
    }
    Ok(PerCapitaReport {
        population_source: population.source.clone(),
        members: known,
        missing,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::bundled;

    #[test]
    fn latvia_first_denmark_last() {
        let report =
            per_capita_report(&bundled().unwrap(), &crate::population::bundled().unwrap()).unwrap();
        let first = &report.members[0];
        assert_eq!(
            (
                first.code.as_str(),
                first.per_capita.unwrap().to_string().as_str()
            ),
            ("LV", "3052.84")
        );
        let last = report.members.last().unwrap();
        assert_eq!(
            (
                last.code.as_str(),
                last.per_capita.unwrap().to_string().as_str()
            ),
            ("DK", "7.79")
        );
        assert_eq!(report.total.per_capita.unwrap().to_string(), "467.94");
        assert!(report.missing.is_empty());
    }

    #[test]
    fn missing_figures_are_listed_not_divided() {
        let population =
            crate::population::parse("p.csv", "p.csv", b"code,population\nPL,36497495\n").unwrap();
        let report = per_capita_report(&bundled().unwrap(), &population).unwrap();
        assert_eq!(report.members[0].code, "PL");
        assert_eq!(report.members[1].per_capita, None);
        assert_eq!(report.members[1].rank, None);
        assert_eq!(report.missing.len(), 18);
        assert_eq!(report.total.member_count, 1);
        assert_eq!(report.total.per_capita.unwrap().to_string(), "1197.34");
    }
}
