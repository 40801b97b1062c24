//! Euros per inhabitant: members ranked by amount per head, with the
//! population beside it; members with no population figure are listed as
//! not available, never divided by zero.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::bounds::Range;
use super::{per_capita, per_capita_with, sum};
use crate::dataset::{Allocation, Basis, Dataset, Precision};
use crate::error::{Error, Result};
use crate::population::Population;

/// The `per-capita` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerCapitaReport<'a> {
    /// Where the population figures come from.
    pub population_source: String,
    /// Members in the table.
    pub member_count: usize,
    /// The `--top` asked for (ties with the last row are kept).
    pub top: Option<usize>,
    /// Members with a figure, by euros per inhabitant (largest first), then
    /// members without one.
    /// Listed in JSON from the view's fields (`cmd::per_capita`).
    #[serde(skip)]
    pub members: PerCapitaRows<'a>,
    /// Codes of members with no population figure.
    pub missing: Vec<&'a str>,
    /// The rows shown that have a figure, together.
    pub shown: PerCapitaTotal,
    /// All members with a figure, together.
    pub total: PerCapitaTotal,
    #[serde(skip)]
    pub figures: Precision,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PerCapitaRow<'a> {
    /// Competition rank by euros per inhabitant; null when not available.
    pub rank: Option<usize>,
    pub code: &'a str,
    pub name: &'a str,
    pub amount: Decimal,
    /// What the figure is.
    pub basis: Basis,
    pub population: Option<u64>,
    /// Euros per inhabitant, rounded to cents; null when not available.
    pub per_capita: Option<Decimal>,
    pub amount_min: Decimal,
    pub amount_max: Decimal,
    /// The bounds of the amount per inhabitant, rounded outward to cents,
    /// and of the rank by it (null when not available).
    pub per_capita_min: Option<Decimal>,
    pub per_capita_max: Option<Decimal>,
    pub rank_best: Option<usize>,
    pub rank_worst: Option<usize>,
}

/// The rows of a `per-capita` report, kept small (a member, its
/// population and its ranks); the figures per inhabitant are worked out
/// when a row is asked for (each was checked when the report was made).
#[derive(Debug, Clone, PartialEq)]
pub struct PerCapitaRows<'a> {
    rows: Vec<Kept<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Kept<'a> {
    allocation: &'a Allocation,
    /// None: no population figure (and no rank).
    population: Option<u64>,
    rank: u32,
    best: u32,
    worst: u32,
}

impl<'a> PerCapitaRows<'a> {
    /// Row `i` with every figure.
    pub fn get(&self, i: usize) -> PerCapitaRow<'a> {
        let k = &self.rows[i];
        let a = k.allocation;
        let head = |value: Decimal, strategy| {
            k.population
                .and_then(|p| per_capita_with(value, p, strategy).ok())
        };
        let ranked = |r: u32| k.population.map(|_| r as usize);
        PerCapitaRow {
            rank: ranked(k.rank),
            code: &a.code,
            name: &a.name,
            amount: a.amount,
            basis: a.basis,
            population: k.population,
            per_capita: head(a.amount, RoundingStrategy::MidpointNearestEven),
            amount_min: a.min,
            amount_max: a.max,
            per_capita_min: head(a.min, super::bound_strategies(a.min == a.max).0),
            per_capita_max: head(a.max, super::bound_strategies(a.min == a.max).1),
            rank_best: ranked(k.best),
            rank_worst: ranked(k.worst),
        }
    }

    /// The members with a figure and their populations.
    fn known(&self) -> impl Iterator<Item = (&'a Allocation, u64)> + '_ {
        self.rows
            .iter()
            .filter_map(|k| k.population.map(|p| (k.allocation, p)))
    }
}

small_rows!(PerCapitaRows, PerCapitaRow);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerCapitaTotal {
    pub member_count: usize,
    pub amount: Decimal,
    pub population: u64,
    /// `amount / population`, rounded to cents; null when no member has a
    /// figure.
    pub per_capita: Option<Decimal>,
    pub amount_min: Decimal,
    pub amount_max: Decimal,
    pub per_capita_min: Option<Decimal>,
    pub per_capita_max: Option<Decimal>,
}

impl PerCapitaTotal {
    /// The rows with a figure, together.
    fn of(rows: &PerCapitaRows<'_>) -> Result<PerCapitaTotal> {
        let amount = sum(rows.known().map(|(a, _)| &a.amount), "the total amount")?;
        let range = Range {
            min: sum(rows.known().map(|(a, _)| &a.min), "the total amount")?,
            max: sum(rows.known().map(|(a, _)| &a.max), "the total amount")?,
        };
        let people = rows
            .known()
            .try_fold(0u64, |acc, (_, p)| acc.checked_add(p))
            .ok_or_else(|| Error::overflow("the total population"))?;
        let head = |value: Decimal, strategy| {
            (people > 0)
                .then(|| per_capita_with(value, people, strategy))
                .transpose()
        };
        Ok(PerCapitaTotal {
            member_count: rows.known().count(),
            amount,
            population: people,
            per_capita: head(amount, RoundingStrategy::MidpointNearestEven)?,
            amount_min: range.min,
            amount_max: range.max,
            per_capita_min: head(range.min, super::bound_strategies(range.min == range.max).0)?,
            per_capita_max: head(range.max, super::bound_strategies(range.min == range.max).1)?,
        })
    }
}

/// An amount per inhabitant as the exact quotient, ordered exactly.
#[derive(Debug, Clone, Copy)]
struct PerHead {
    amount: Decimal,
    people: Decimal,
}

impl PerHead {
    fn of(amount: Decimal, people: u64) -> Self {
        PerHead {
            amount,
            people: Decimal::from(people),
        }
    }
}

impl Ord for PerHead {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        crate::money::cmp_ratios(self.amount, self.people, other.amount, other.people)
    }
}

impl PartialOrd for PerHead {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for PerHead {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for PerHead {}

pub fn per_capita_report<'a>(
    data: &'a Dataset,
    population: &Population,
    top: Option<usize>,
) -> Result<PerCapitaReport<'a>> {
    // Members with a figure first, ranked on the exact quotient (the
    // rounded figure could tie members that differ; so could a 28-digit
    // approximation of the quotient).
    let mut keyed: Vec<(PerHead, usize, u64)> = Vec::new();
    for (i, a) in data.allocations.iter().enumerate() {
        if let Some(p) = population.get(&a.code) {
            keyed.push((PerHead::of(a.amount, p), i, p));
        }
    }
    let name = |i: usize| &data.allocations[i].name;
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| name(a.1).cmp(name(b.1))));
    // Ranks within the bounds, on the exact quotients of the bounds.
    let rank_ranges = if data.is_rounded() {
        let bound = |f: fn(&Allocation) -> Decimal| -> Vec<PerHead> {
            keyed
                .iter()
                .map(|&(_, i, p)| PerHead::of(f(&data.allocations[i]), p))
                .collect()
        };
        super::bounds::rank_ranges_of(&bound(|a| a.min), &bound(|a| a.max))
    } else {
        Vec::new()
    };
    let narrow = |n: usize| u32::try_from(n).map_err(|_| Error::overflow("a rank"));
    let mut members = PerCapitaRows {
        rows: Vec::with_capacity(data.allocations.len()),
    };
    let mut previous: Option<(PerHead, usize)> = None;
    for (k, &(value, i, p)) in keyed.iter().enumerate() {
        let rank = match previous {
            Some((v, r)) if v == value => r,
            _ => k + 1,
        };
        previous = Some((value, rank));
        let (best, worst) = rank_ranges.get(k).copied().unwrap_or((rank, rank));
        let a = &data.allocations[i];
        // Every figure a row will show, checked now.
        per_capita(a.amount, p)?;
        per_capita_with(a.min, p, RoundingStrategy::ToNegativeInfinity)?;
        per_capita_with(a.max, p, RoundingStrategy::ToPositiveInfinity)?;
        members.rows.push(Kept {
            allocation: a,
            population: Some(p),
            rank: narrow(rank)?,
            best: narrow(best)?,
            worst: narrow(worst)?,
        });
    }
    let total = PerCapitaTotal::of(&members)?;
    let mut missing = Vec::new();
    for a in &data.allocations {
        if population.get(&a.code).is_none() {
            missing.push(a.code.as_str());
            members.rows.push(Kept {
                allocation: a,
                population: None,
                rank: 0,
                best: 0,
                worst: 0,
            });
        }
    }
    if let Some(k) = top {
        // Equal ranks are equal amounts per inhabitant; members without a
        // figure share no rank, so none is tied.
        let rows = &mut members.rows;
        if rows
            .get(k.wrapping_sub(1))
            .is_some_and(|r| r.population.is_some())
        {
            super::rank::keep_with_ties(rows, k, |r| r.rank);
        } else {
            rows.truncate(k);
        }
    }
    let shown = PerCapitaTotal::of(&members)?;
    Ok(PerCapitaReport {
        population_source: population.source.clone(),
        member_count: data.allocations.len(),
        top,
        members,
        missing,
        shown,
        total,
        figures: data.precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;

    #[test]
    fn latvia_first_denmark_last() {
        let data = seed_edition().unwrap();
        let report =
            per_capita_report(&data, &crate::population::bundled().unwrap(), None).unwrap();
        let first = report.members.get(0);
        assert_eq!(
            (first.code, first.per_capita.unwrap().to_string().as_str()),
            ("LV", "3052.84")
        );
        let last = report.members.get(report.members.len() - 1);
        assert_eq!(
            (last.code, last.per_capita.unwrap().to_string().as_str()),
            ("DK", "7.79")
        );
        assert_eq!(report.total.per_capita.unwrap().to_string(), "467.94");
        assert!(report.missing.is_empty());
    }

    #[test]
    fn missing_figures_are_listed_not_divided() {
        let population =
            crate::population::parse("p.csv", "p.csv", b"code,population\nPL,36497495\n").unwrap();
        let data = seed_edition().unwrap();
        let report = per_capita_report(&data, &population, None).unwrap();
        assert_eq!(report.members.get(0).code, "PL");
        assert_eq!(report.members.get(1).per_capita, None);
        assert_eq!(report.members.get(1).rank, None);
        assert_eq!(report.missing.len(), 18);
        assert_eq!(report.total.member_count, 1);
        assert_eq!(report.total.per_capita.unwrap().to_string(), "1197.34");
    }
}
