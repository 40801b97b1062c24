//! Scenarios ("what if Türkiye got €5bn?"): add, set and remove members,
//! optionally scale the others down pro rata to fit the ceiling, and report
//! the change and the scenario's checks.

use crate::dataset::Text;
use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::Serialize;

use super::check::{CheckReport, check_report};
use super::diff::{DiffReport, diff_report};
use super::{sub, sum};
use crate::dataset::text::{name_hash, same_name};
use crate::dataset::{Allocation, Basis, Dataset};
use crate::error::{Error, Result};
use crate::money::format_short;

/// One change to the table. Codes are upper-case and, for `Set` and
/// `Remove`, already known to be in the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add {
        code: String,
        name: String,
        amount: Decimal,
    },
    Set {
        code: String,
        amount: Decimal,
    },
    Remove {
        code: String,
    },
}

impl Change {
    pub fn code(&self) -> &str {
        match self {
            Change::Add { code, .. } | Change::Set { code, .. } | Change::Remove { code } => code,
        }
    }
}

/// How to bring a scenario back within the ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    /// Scale the members the scenario did not set down in proportion, in
    /// whole euros (largest remainder), so the total is the ceiling exactly.
    ProRata,
}

/// What the fit did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitOutcome {
    pub method: Fit,
    /// Whether any scaling was needed (false when already within the
    /// ceiling).
    pub applied: bool,
    /// What the scaled members share after the fit.
    pub target: Decimal,
    /// How many members were scaled.
    pub scaled_members: usize,
}

/// A scenario applied: the table it makes, ready to compare with the
/// table it came from ([`Scenario::report`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub after: Dataset,
    pub changes: Vec<AppliedChange>,
    pub fit: Option<FitOutcome>,
}

/// The `what-if` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIfReport<'a> {
    /// The changes as applied.
    pub changes: Vec<AppliedChange>,
    pub fit: Option<FitOutcome>,
    /// Before and after, member by member.
    #[serde(flatten)]
    pub diff: DiffReport<'a>,
    /// `safe check` on the scenario's table.
    pub checks: CheckReport,
}

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Add,
    Set,
    Remove,
}

/// One change as applied: the member and its new amount (none for a
/// removal).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedChange {
    pub action: Action,
    pub code: Text,
    pub name: Text,
    pub amount: Option<Decimal>,
}

impl Scenario {
    /// The scenario against `data`, the table it was made from. (A caller
    /// that must keep the report longer than the scenario hands the
    /// scenario's table to an owner and builds the report from its parts.)
    pub fn report<'a>(&'a self, data: &'a Dataset) -> Result<WhatIfReport<'a>> {
        Ok(WhatIfReport {
            changes: self.changes.clone(),
            fit: self.fit.clone(),
            diff: diff_report(data, &self.after)?,
            checks: check_report(&self.after, None, None)?,
        })
    }
}

/// Up to this many changes, each member's code is compared with theirs
/// rather than hashed.
const FEW_CHANGES: usize = 8;

/// Applies `changes` (each code at most once) and the optional fit.
pub fn what_if(data: &Dataset, changes: &[Change], fit: Option<Fit>) -> Result<Scenario> {
    let mut touched = HashSet::new();
    for change in changes {
        if !touched.insert(change.code().to_string()) {
            return Err(Error::usage(format!(
                "{} is changed more than once in this scenario",
                change.code()
            )));
        }
    }
    let mut allocations: Vec<Allocation> =
        Vec::with_capacity(data.allocations.len() + changes.len());
    // A few changes are compared directly; many are looked up by hash.
    let by_code: std::collections::HashMap<&str, &Change> = if changes.len() > FEW_CHANGES {
        changes.iter().map(|c| (c.code(), c)).collect()
    } else {
        std::collections::HashMap::new()
    };
    let change_of = |code: &str| {
        if changes.len() > FEW_CHANGES {
            by_code.get(code).copied()
        } else {
            changes.iter().find(|c| c.code() == code)
        }
    };
    // The names of the members set or removed, met on the way.
    let mut changed_names: std::collections::HashMap<&str, &Text> =
        std::collections::HashMap::new();
    for a in &data.allocations {
        let change = change_of(a.code.as_str());
        if change.is_some() {
            changed_names.insert(a.code.as_str(), &a.name);
        }
        match change {
            Some(Change::Remove { .. }) => {}
            Some(Change::Set { amount, .. }) => allocations.push(Allocation::new(
                a.code.clone(),
                a.name.clone(),
                *amount,
                Basis::Estimate,
            )),
            _ => allocations.push(a.clone()),
        }
    }
    // The same rule as the loader's: names a reader cannot tell apart are
    // one name. The added names are keyed by a hash of the name as a
    // reader sees it (a hash that matches is confirmed by comparing the
    // names), and the table is read through once against them: memory
    // grows with the additions, not with the table.
    let added: Vec<(&String, &String, Decimal, u64)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Add { code, name, amount } => Some((code, name, *amount, name_hash(name))),
            _ => None,
        })
        .collect();
    let mut by_hash: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
    for (k, added) in added.iter().enumerate() {
        by_hash.entry(added.3).or_default().push(k);
    }
    // For each addition, the first member of the table with its name.
    let mut taken: Vec<Option<usize>> = vec![None; added.len()];
    if !added.is_empty() {
        for (i, a) in allocations.iter().enumerate() {
            for &k in by_hash.get(&name_hash(&a.name)).into_iter().flatten() {
                if taken[k].is_none() && same_name(&a.name, added[k].1) {
                    taken[k] = Some(i);
                }
            }
        }
    }
    for (k, &(code, name, _, hash)) in added.iter().enumerate() {
        // A member of the table first, else an earlier addition.
        let owner = taken[k].map(|i| allocations[i].code.as_str()).or_else(|| {
            by_hash[&hash]
                .iter()
                .take_while(|&&j| j < k)
                .find(|&&j| same_name(added[j].1, name))
                .map(|&j| added[j].0.as_str())
        });
        if let Some(owner) = owner {
            return Err(Error::usage(format!(
                "the name {name:?} of {code} (an added member) is already {owner}'s; a table \
                 cannot hold one name twice"
            )));
        }
    }
    for &(code, name, amount, _) in &added {
        allocations.push(Allocation::new(
            code.clone(),
            name.clone(),
            amount,
            Basis::Estimate,
        ));
    }
    let mut after = data.derive("scenario", allocations)?;
    let fit = match fit {
        Some(method) => Some(fit_pro_rata(&mut after, &touched, method)?),
        None => None,
    };
    Ok(Scenario {
        changes: changes.iter().map(|c| applied(c, &changed_names)).collect(),
        fit,
        after,
    })
}

fn applied(change: &Change, names: &std::collections::HashMap<&str, &Text>) -> AppliedChange {
    let name = |code: &str| names.get(code).map_or_else(|| code.into(), |&n| n.clone());
    match change {
        Change::Add { code, name, amount } => AppliedChange {
            action: Action::Add,
            code: code.into(),
            name: name.into(),
            amount: Some(*amount),
        },
        Change::Set { code, amount } => AppliedChange {
            action: Action::Set,
            code: code.into(),
            name: name(code),
            amount: Some(*amount),
        },
        Change::Remove { code } => AppliedChange {
            action: Action::Remove,
            code: code.into(),
            name: name(code),
            amount: None,
        },
    }
}

/// Scales the members not in `fixed` down in proportion so the total is the
/// ceiling exactly, in whole euros (or the finest unit the amounts use),
/// distributing the rounding by largest remainder; nobody goes up.
fn fit_pro_rata(after: &mut Dataset, fixed: &HashSet<String>, method: Fit) -> Result<FitOutcome> {
    let ceiling = after.fund.ceiling;
    let scalable: Vec<usize> = (0..after.allocations.len())
        .filter(|&i| !fixed.contains(after.allocations[i].code.as_str()))
        .collect();
    let fixed_sum = sum(
        after
            .allocations
            .iter()
            .filter(|a| fixed.contains(a.code.as_str()))
            .map(|a| &a.amount),
        "the amounts the scenario sets",
    )?;
    let target = sub(ceiling, fixed_sum, "the room left for the other members")?;
    if after.allocated <= ceiling {
        return Ok(FitOutcome {
            method,
            applied: false,
            target: sub(after.allocated, fixed_sum, "the room left")?,
            scaled_members: 0,
        });
    }
    if target.is_sign_negative() && !target.is_zero() {
        return Err(Error::usage(format!(
            "cannot fit pro rata: the amounts this scenario sets ({}) already exceed the ceiling ({}) on their own",
            format_short(fixed_sum),
            format_short(ceiling)
        )));
    }
    if scalable.is_empty() {
        return Err(Error::usage(
            "cannot fit pro rata: the scenario sets every member, so there is nobody to scale",
        ));
    }
    let originals: Vec<Decimal> = scalable
        .iter()
        .map(|&i| after.allocations[i].amount)
        .collect();
    let scalable_sum = sum(&originals, "the members to scale")?;
    let places = originals
        .iter()
        .map(|a| a.normalize().scale())
        .chain(std::iter::once(target.normalize().scale()))
        .max()
        .unwrap_or(0);
    // Each scaled by target / sum, exactly, then by largest remainder.
    let scaled = super::exact::largest_remainder(
        &originals,
        target,
        scalable_sum,
        places,
        target,
        Some(&originals),
        "the pro-rata fit",
    )?;
    let mut zeros = Vec::new();
    for (&i, amount) in scalable.iter().zip(scaled) {
        let row = &mut after.allocations[i];
        if amount.is_zero() {
            zeros.push(row.code.clone());
        }
        row.amount = amount.normalize();
        // A figure the scenario computes is what it is: exact.
        row.min = row.amount;
        row.max = row.amount;
        row.basis = Basis::Estimate;
        row.provenance = None;
    }
    if !zeros.is_empty() {
        // A table cannot hold a zero amount; the loader would refuse it.
        return Err(Error::usage(format!(
            "cannot fit pro rata: {} member{} would get €0 ({}); a table cannot hold a zero amount, so lower the amounts the scenario sets or --remove them",
            zeros.len(),
            if zeros.len() == 1 { "" } else { "s" },
            crate::words::some_of(&zeros, 5)
        )));
    }
    after.allocated = sum(
        after.allocations.iter().map(|a| &a.amount),
        "the fitted total",
    )?;
    after.allocated_min = sum(after.allocations.iter().map(|a| &a.min), "the fitted total")?;
    after.allocated_max = sum(after.allocations.iter().map(|a| &a.max), "the fitted total")?;
    after.precision = crate::dataset::Precision::of(&after.allocations);
    Ok(FitOutcome {
        method,
        applied: true,
        target,
        scaled_members: scalable.len(),
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

    fn turkiye() -> Change {
        Change::Add {
            code: "TR".into(),
            name: "Türkiye".into(),
            amount: d("5000000000"),
        }
    }

    #[test]
    fn adding_turkiye_goes_over_the_ceiling_and_fails_membership() {
        let data = seed_edition().unwrap();
        let scenario = what_if(&data, &[turkiye()], None).unwrap();
        let report = scenario.report(&data).unwrap();
        assert_eq!(report.diff.new.headroom, d("-4933700000"));
        assert!(!report.checks.ok);
        let members = report
            .checks
            .checks
            .iter()
            .find(|c| c.id == crate::analysis::check::CheckId::MemberStates)
            .unwrap();
        assert_eq!(members.members, ["TR"]);
    }

    #[test]
    fn pro_rata_fits_the_ceiling_exactly_and_nobody_goes_up() {
        let data = seed_edition().unwrap();
        let scenario = what_if(&data, &[turkiye()], Some(Fit::ProRata)).unwrap();
        let report = scenario.report(&data).unwrap();
        assert_eq!(report.diff.new.allocated, data.fund.ceiling);
        let fit = report.fit.unwrap();
        assert!(fit.applied);
        assert_eq!(fit.scaled_members, 19);
        for m in report.diff.members.iter() {
            if m.code == "TR" {
                assert_eq!(m.new_amount, Some(d("5000000000")));
            } else {
                assert!(m.change <= Decimal::ZERO, "{} went up", m.code);
                assert_eq!(m.new_amount.unwrap().scale(), 0, "whole euros");
            }
        }
    }

    #[test]
    fn set_and_remove() {
        let data = seed_edition().unwrap();
        let changes = [
            Change::Set {
                code: "PL".into(),
                amount: d("40000000000"),
            },
            Change::Remove { code: "DK".into() },
        ];
        let scenario = what_if(&data, &changes, None).unwrap();
        let report = scenario.report(&data).unwrap();
        assert_eq!(report.diff.new.member_count, 18);
        assert_eq!(report.diff.change.allocated, d("-3746700000"));
        let twice = [
            Change::Remove { code: "DK".into() },
            Change::Remove { code: "DK".into() },
        ];
        assert!(what_if(&data, &twice, None).is_err());
    }

    #[test]
    fn a_fit_that_cannot_work_is_an_error() {
        let data = seed_edition().unwrap();
        let too_much = [Change::Set {
            code: "PL".into(),
            amount: d("200000000000"),
        }];
        let err = what_if(&data, &too_much, Some(Fit::ProRata)).unwrap_err();
        assert!(
            err.message().contains("exceed the ceiling"),
            "{}",
            err.message()
        );
    }
}
