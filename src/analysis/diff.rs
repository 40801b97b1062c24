//! Comparing two tables: each member's old and new amount, the change in
//! euros and percent, members added and dropped, and the change in total,
//! headroom and Art. 13 position.

use crate::dataset::Text;
use rust_decimal::Decimal;
use serde::Serialize;

use super::check::concentration_check;
use super::rank::ranked;
use super::{PCT_PLACES, pct, round_to, sub};
use std::collections::HashMap;

use crate::dataset::{Allocation, Basis, Dataset};
use crate::error::Result;

/// What happened to a member between two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unchanged,
    Increased,
    Decreased,
    Added,
    Removed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Increased => "increased",
            Status::Decreased => "decreased",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberChange {
    pub code: Text,
    pub name: Text,
    pub status: Status,
    /// Null for an added member.
    pub old_amount: Option<Decimal>,
    /// Null for a removed member.
    pub new_amount: Option<Decimal>,
    /// `new − old`, a missing side counting as zero.
    pub change: Decimal,
    /// `change / old × 100`, rounded to 2 places; null for an added member.
    pub change_pct: Option<Decimal>,
    /// What the old figure is (null for an added member).
    pub old_basis: Option<Basis>,
    /// What the new figure is (null for a removed member).
    pub new_basis: Option<Basis>,
}

/// One table's headline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub origin: String,
    /// The edition's id, if the table has one.
    pub edition: Option<String>,
    pub member_count: usize,
    pub allocated: Decimal,
    pub ceiling: Decimal,
    pub headroom: Decimal,
    /// The three largest recipients together (Art. 13).
    pub top3: Decimal,
    pub top3_pct_of_ceiling: Decimal,
    /// Room under the 60% cap (negative when over).
    pub top3_margin: Decimal,
    pub top3_within_cap: bool,
}

impl Side {
    pub fn of(data: &Dataset) -> Result<Side> {
        let art13 = concentration_check(data)?;
        Ok(Side {
            origin: data.origin.clone(),
            edition: data.edition.as_ref().and_then(|e| e.id.clone()),
            member_count: data.allocations.len(),
            allocated: data.allocated,
            ceiling: data.fund.ceiling,
            headroom: sub(data.fund.ceiling, data.allocated, "the headroom")?,
            top3: art13.actual,
            top3_pct_of_ceiling: pct(art13.actual, data.fund.ceiling, "the top-3 share")?,
            top3_margin: art13.margin,
            top3_within_cap: art13.passed,
        })
    }
}

impl Side {
    /// The edition's id, or else where the table came from.
    pub fn label(&self) -> &str {
        self.edition.as_deref().unwrap_or(&self.origin)
    }
}

/// The differences of the headline figures (`new − old`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideChange {
    pub member_count: i64,
    pub allocated: Decimal,
    pub ceiling: Decimal,
    pub headroom: Decimal,
    pub top3: Decimal,
    /// In percentage points.
    pub top3_pct_of_ceiling: Decimal,
}

/// The `diff` report (also the heart of `what-if`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    pub old: Side,
    pub new: Side,
    pub change: SideChange,
    /// Members of the new table in its ranking order, then removed members.
    pub members: Vec<MemberChange>,
    /// Whether the tables are equal: the same members with the same
    /// amounts (to the last digit) and bases, under the same ceiling.
    pub identical: bool,
}

/// Rows by code, for looking members up in one step.
fn by_code(data: &Dataset) -> HashMap<&str, &Allocation> {
    data.allocations
        .iter()
        .map(|a| (a.code.as_str(), a))
        .collect()
}

pub fn diff_report(old: &Dataset, new: &Dataset) -> Result<DiffReport> {
    let mut members = Vec::new();
    let (old_rows, new_rows) = (by_code(old), by_code(new));
    for r in ranked(&new.allocations) {
        let a = r.allocation;
        let old_row = old_rows.get(a.code.as_str());
        let before = old_row.map(|o| o.amount);
        let change = sub(a.amount, before.unwrap_or_default(), "a change")?;
        let status = match before {
            None => Status::Added,
            Some(_) if change.is_zero() => Status::Unchanged,
            Some(_) if change.is_sign_positive() => Status::Increased,
            Some(_) => Status::Decreased,
        };
        members.push(MemberChange {
            code: a.code.clone(),
            name: a.name.clone(),
            status,
            old_amount: before,
            new_amount: Some(a.amount),
            change,
            change_pct: before.map(|b| pct(change, b, "a change")).transpose()?,
            old_basis: old_row.map(|o| o.basis),
            new_basis: Some(a.basis),
        });
    }
    for r in ranked(&old.allocations) {
        let a = r.allocation;
        if !new_rows.contains_key(a.code.as_str()) {
            members.push(MemberChange {
                code: a.code.clone(),
                name: a.name.clone(),
                status: Status::Removed,
                old_amount: Some(a.amount),
                new_amount: None,
                change: -a.amount,
                change_pct: Some(round_to(-Decimal::ONE_HUNDRED, PCT_PLACES)),
                old_basis: Some(a.basis),
                new_basis: None,
            });
        }
    }
    let (o, n) = (Side::of(old)?, Side::of(new)?);
    let change = SideChange {
        member_count: n.member_count as i64 - o.member_count as i64,
        allocated: sub(n.allocated, o.allocated, "the change in total")?,
        ceiling: sub(n.ceiling, o.ceiling, "the change in ceiling")?,
        headroom: sub(n.headroom, o.headroom, "the change in headroom")?,
        top3: sub(n.top3, o.top3, "the change in the top three")?,
        top3_pct_of_ceiling: round_to(
            sub(n.top3_pct_of_ceiling, o.top3_pct_of_ceiling, "a change")?,
            PCT_PLACES,
        ),
    };
    let identical = o.ceiling == n.ceiling
        && members
            .iter()
            .all(|m| m.status == Status::Unchanged && m.old_basis == m.new_basis);
    Ok(DiffReport {
        old: o,
        new: n,
        change,
        members,
        identical,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{bundled, parse};

    #[test]
    fn a_table_against_itself_is_unchanged() {
        let data = bundled().unwrap();
        let report = diff_report(&data, &data).unwrap();
        assert!(report.members.iter().all(|m| m.status == Status::Unchanged));
        assert!(report.change.allocated.is_zero());
    }

    #[test]
    fn changes_additions_and_removals() {
        let old = parse("old", br#"{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":"100"},
            "allocations":[{"code":"A","name":"A","amount":"40"},{"code":"B","name":"B","amount":"20"}]}"#).unwrap();
        let new = parse("new", br#"{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":"100"},
            "allocations":[{"code":"A","name":"A","amount":"30"},{"code":"C","name":"C","amount":"25"}]}"#).unwrap();
        let report = diff_report(&old, &new).unwrap();
        let by = |c: &str| report.members.iter().find(|m| m.code == c).unwrap().clone();
        assert_eq!(by("A").status, Status::Decreased);
        assert_eq!(by("A").change_pct.unwrap().to_string(), "-25.00");
        assert_eq!(by("C").status, Status::Added);
        assert_eq!(by("C").change_pct, None);
        assert_eq!(by("B").status, Status::Removed);
        assert_eq!(by("B").change.to_string(), "-20");
        assert_eq!(report.change.allocated.to_string(), "-5");
        assert_eq!(report.change.headroom.to_string(), "5");
    }
}
