//! Comparing two tables: each member's old and new amount, the change in
//! euros and percent, members added and dropped, and the change in total,
//! headroom and Art. 13 position.

use rust_decimal::Decimal;
use serde::Serialize;

use super::bounds::{Range, Verdict};
use super::check::concentration_check;
use super::rank::{by_rank, ranking_order};
use super::{PCT_PLACES, pct, round_to, sub};
use std::collections::HashMap;

use crate::dataset::{Allocation, Basis, Dataset, Edition, Precision};
use crate::error::Result;
use crate::money::sub_exact;

/// What happened to a member between two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unchanged,
    /// The stated figure changed, but by no more than the two figures'
    /// rounding can explain: it may not have changed at all.
    WithinRounding,
    /// Changed beyond rounding.
    Increased,
    Decreased,
    Added,
    Removed,
}

impl Status {
    /// The status in JSON and CSV (`within_rounding`).
    pub fn id(self) -> &'static str {
        match self {
            Status::WithinRounding => "within_rounding",
            other => other.label(),
        }
    }

    /// The status in words (`within rounding`).
    pub fn label(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::WithinRounding => "within rounding",
            Status::Increased => "increased",
            Status::Decreased => "decreased",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// One member's change, as reports show it.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberChange<'a> {
    pub code: &'a str,
    pub name: &'a str,
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
    /// The bounds of the old and the new figure (null for a missing
    /// side).
    pub old_amount_min: Option<Decimal>,
    pub old_amount_max: Option<Decimal>,
    pub new_amount_min: Option<Decimal>,
    pub new_amount_max: Option<Decimal>,
    /// The bounds of the change: from the new figure's lower bound less
    /// the old one's upper, to the new upper less the old lower.
    pub change_min: Decimal,
    pub change_max: Decimal,
    /// Whether the change is more than rounding can explain (its bounds
    /// exclude zero); for exact figures, whether there is a change.
    pub beyond_rounding: bool,
}

/// A member's line in a diff: where it stands in each table ([`NONE`]
/// when absent), the two figures that are computed (the change's bounds
/// are made from the tables' bounds when asked for), and the old figure
/// and basis, copied: lines come in the new table's ranking, so reading
/// them from the old table would jump around memory (and with exact
/// tables, nothing else is needed from it).
#[derive(Debug, Clone, PartialEq)]
struct ChangeRow {
    new: u32,
    old: u32,
}

/// The change from `old` to `new` (a missing side counts as zero) and its
/// percentage of the old amount; `None` for a change that cannot be held,
/// which [`diff_report`] refuses for every line before handing the lines
/// on (so a line made later always has both).
fn change(
    old: Option<&Allocation>,
    new: Option<&Allocation>,
) -> Option<(Decimal, Option<Decimal>)> {
    let amount = |a: Option<&Allocation>| a.map_or(Decimal::ZERO, |a| a.amount);
    let change = sub(amount(new), amount(old), "a change").ok()?;
    let pct = match old {
        None => None,
        Some(old) => Some(pct(change, old.amount, "a change").ok()?),
    };
    Some((change, pct))
}

/// Not in this table.
const NONE: u32 = u32::MAX;

/// Every member's change, in report order: the new table's ranking, then
/// the removed members in the old table's. Codes, names and amounts are
/// read from the two tables when a change is asked for, so a diff of a
/// million members holds one small line per member.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberChanges<'a> {
    old: &'a [Allocation],
    new: &'a [Allocation],
    rows: Vec<ChangeRow>,
    /// Every figure of both tables is exact (then a change is its own
    /// bounds).
    exact: bool,
}

impl<'a> MemberChanges<'a> {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The change in line `i` (`i < len()`).
    pub fn get(&self, i: usize) -> MemberChange<'a> {
        self.change_of(&self.rows[i])
    }

    fn change_of(&self, row: &ChangeRow) -> MemberChange<'a> {
        let new = self.new.get(row.new as usize);
        let before = self.old.get(row.old as usize);
        let in_old = before.is_some();
        // The old table's bounds are read only when a table has bounds
        // (exact figures are their own bounds).
        let old = before.filter(|_| new.is_none() || !self.exact);
        // (Checked for every line when the diff was made.)
        let (change, change_pct) = change(before, new).unwrap_or_default();
        let (change_min, change_max) = if self.exact {
            (change, change)
        } else {
            change_bounds(old, new, change)
        };
        let beyond_rounding = change_min > Decimal::ZERO || change_max < Decimal::ZERO;
        let status = match (in_old, new) {
            (false, _) => Status::Added,
            (_, None) => Status::Removed,
            _ if change.is_zero() => Status::Unchanged,
            _ if !beyond_rounding => Status::WithinRounding,
            _ if change.is_sign_positive() => Status::Increased,
            _ => Status::Decreased,
        };
        // A member is in at least one table; the new one names it.
        let named = new.or(old);
        let old_amount = before.map(|a| a.amount);
        let old_bound = |bound: fn(&Allocation) -> Decimal| match old {
            Some(a) => Some(bound(a)),
            None => old_amount,
        };
        MemberChange {
            code: named.map_or("", |a| a.code.as_str()),
            name: named.map_or("", |a| a.name.as_str()),
            status,
            old_amount,
            new_amount: new.map(|a| a.amount),
            change,
            change_pct,
            old_basis: before.map(|a| a.basis),
            new_basis: new.map(|a| a.basis),
            old_amount_min: old_bound(|a| a.min),
            old_amount_max: old_bound(|a| a.max),
            new_amount_min: new.map(|a| a.min),
            new_amount_max: new.map(|a| a.max),
            change_min,
            change_max,
            beyond_rounding,
        }
    }

    /// Reads the members of lines `lines` from both tables, in one loop
    /// whose loads overlap (lines are in ranking order, the tables in
    /// file order: made one by one, each line would wait for memory).
    pub fn read_ahead(&self, lines: std::ops::Range<usize>) {
        super::read_ahead(
            self.rows
                .get(lines)
                .unwrap_or_default()
                .iter()
                .flat_map(|row| {
                    [
                        self.new.get(row.new as usize),
                        self.old.get(row.old as usize),
                    ]
                })
                .flatten(),
        );
    }

    pub fn iter(&self) -> impl Iterator<Item = MemberChange<'a>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Keeps the first `n` lines, and those after them whose new amount
    /// ties with the `n`-th's (a cut never splits a tie).
    pub fn truncate_with_ties(&mut self, n: usize) {
        let new = self.new;
        let amount = |row: &ChangeRow| new.get(row.new as usize).map(|a| a.amount);
        // A removed member has no new amount, and ties with nobody.
        if self.rows.get(n.wrapping_sub(1)).and_then(amount).is_some() {
            super::rank::keep_with_ties(&mut self.rows, n, amount);
        } else {
            self.rows.truncate(n);
        }
    }

    /// Keeps the lines whose change `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&MemberChange<'a>) -> bool) {
        let mut rows = std::mem::take(&mut self.rows);
        rows.retain(|row| keep(&self.change_of(row)));
        self.rows = rows;
    }
}

/// The bounds of a change (a missing side counts as exactly zero). Every
/// bound was checked to be exact when the diff was made.
fn change_bounds(
    old: Option<&Allocation>,
    new: Option<&Allocation>,
    change: Decimal,
) -> (Decimal, Decimal) {
    // Exact on both sides (the common case): the change is its own bounds.
    let exact_side = |a: Option<&Allocation>| a.is_none_or(|a| a.min == a.max);
    if exact_side(old) && exact_side(new) {
        return (change, change);
    }
    let (old_min, old_max) = old.map_or((Decimal::ZERO, Decimal::ZERO), |a| (a.min, a.max));
    let (new_min, new_max) = new.map_or((Decimal::ZERO, Decimal::ZERO), |a| (a.min, a.max));
    let exact = |a: Decimal, b: Decimal| sub_exact(a, b).map_or(change, |d| d.normalize());
    (exact(new_min, old_max), exact(new_max, old_min))
}

/// One table's headline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub origin: String,
    /// The edition (as in the `table` object), or null.
    pub edition: Option<Edition>,
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
    /// The bounds of the allocated sum, the headroom and the three largest
    /// together, and the cap's outcome within them.
    pub allocated_min: Decimal,
    pub allocated_max: Decimal,
    pub headroom_min: Decimal,
    pub headroom_max: Decimal,
    pub top3_min: Decimal,
    pub top3_max: Decimal,
    pub top3_margin_min: Decimal,
    pub top3_margin_max: Decimal,
    pub top3_within_cap_robust: Verdict,
    #[serde(skip)]
    pub figures: Precision,
}

impl Side {
    pub fn of(data: &Dataset) -> Result<Side> {
        let art13 = concentration_check(data)?;
        let allocated = Range {
            min: data.allocated_min,
            max: data.allocated_max,
        };
        let headroom = Range::exact(data.fund.ceiling).sub(allocated, "the headroom")?;
        Ok(Side {
            origin: data.origin.clone(),
            edition: data.edition.clone(),
            member_count: data.allocations.len(),
            allocated: data.allocated,
            ceiling: data.fund.ceiling,
            headroom: sub(data.fund.ceiling, data.allocated, "the headroom")?,
            top3: art13.actual,
            top3_pct_of_ceiling: pct(art13.actual, data.fund.ceiling, "the top-3 share")?,
            top3_margin: art13.margin,
            top3_within_cap: art13.passed,
            allocated_min: allocated.min,
            allocated_max: allocated.max,
            headroom_min: headroom.min,
            headroom_max: headroom.max,
            top3_min: art13.actual_min,
            top3_max: art13.actual_max,
            top3_margin_min: sub(art13.limit, art13.actual_max, "the concentration margin")?,
            top3_margin_max: sub(art13.limit, art13.actual_min, "the concentration margin")?,
            top3_within_cap_robust: art13.robust,
            figures: data.precision,
        })
    }

    /// What the table is called: a bundled edition's id, a file's name,
    /// `scenario` (see [`crate::dataset::table_name`]).
    pub fn label(&self) -> &str {
        crate::dataset::table_name(&self.origin, self.edition.as_ref())
    }

    fn allocated(&self) -> Range {
        Range {
            min: self.allocated_min,
            max: self.allocated_max,
        }
    }
}

/// The differences of the headline figures (`new − old`), with their
/// bounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideChange {
    pub member_count: i64,
    pub allocated: Decimal,
    pub ceiling: Decimal,
    pub headroom: Decimal,
    pub top3: Decimal,
    /// In percentage points.
    pub top3_pct_of_ceiling: Decimal,
    /// Whether the top three's exact share of the ceiling rose or fell
    /// (the rounded change may be 0.00 either way).
    #[serde(skip)]
    pub top3_share_moved: std::cmp::Ordering,
    pub top3_margin: Decimal,
    pub allocated_min: Decimal,
    pub allocated_max: Decimal,
    pub headroom_min: Decimal,
    pub headroom_max: Decimal,
    pub top3_min: Decimal,
    pub top3_max: Decimal,
    pub top3_margin_min: Decimal,
    pub top3_margin_max: Decimal,
}

/// Which table of a comparison is "before".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// OTHER before, the loaded table after (as `git diff REV` reads), or
    /// a table before its scenario.
    Given,
    /// The loaded table is older than OTHER by their as-of dates, so it
    /// is before.
    ByDate,
}

impl Order {
    /// The order of a diff of the loaded `table` against `other`: by their
    /// as-of dates when both have one and they differ, else OTHER first.
    pub fn of(table: &Dataset, other: &Dataset) -> Order {
        let date = |d: &Dataset| d.edition.as_ref().map(|e| e.as_of.clone());
        match (date(table), date(other)) {
            (Some(a), Some(b)) if a.len() == b.len() && a < b => Order::ByDate,
            _ => Order::Given,
        }
    }
}

/// The `diff` report (also the heart of `what-if`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport<'a> {
    pub old: Side,
    pub new: Side,
    pub change: SideChange,
    /// The lines the diff has (before `--top`; after `--changed-only` or
    /// `--beyond-rounding`).
    pub change_count: usize,
    /// The `--top` asked for (ties with the last line are kept).
    pub top: Option<usize>,
    /// Members of the new table in its ranking order, then removed members
    /// (listed in JSON from the view's fields: `cmd::diff`).
    #[serde(skip)]
    pub members: MemberChanges<'a>,
    /// How the sides were ordered: `given` (OTHER before, the loaded table
    /// after) or `by_date` (the loaded table is older, so it is before).
    pub order: Order,
    /// Whether the tables are equal: the same members with the same
    /// amounts (to the last digit), bounds and bases, under the same
    /// ceiling.
    pub identical: bool,
}

/// For each member of `new`, its position in `old` ([`NONE`]: added).
/// The tables are walked side by side first (successive editions of a
/// table mostly list the same members in the same order, give or take a
/// member added or removed): equal codes are matched, and one code that
/// is only on one side is stepped over. Only the members not matched so
/// are then looked up, in a map (keyed hashing) of the old members not
/// matched. A code is unique in its table, so a match of equal codes is
/// the only match, and a member left over can only match one left over.
fn old_positions(old: &[Allocation], new: &[Allocation]) -> Vec<u32> {
    fn code(a: &Allocation) -> &str {
        a.code.as_str()
    }
    let mut found = vec![NONE; new.len()];
    let mut matched = vec![false; old.len()];
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        if code(&old[i]) == code(&new[j]) {
            found[j] = i as u32;
            matched[i] = true;
            i += 1;
            j += 1;
        } else if old.get(i + 1).is_some_and(|o| code(o) == code(&new[j])) {
            i += 1;
        } else if new.get(j + 1).is_some_and(|n| code(n) == code(&old[i])) {
            j += 1;
        } else {
            i += 1;
            j += 1;
        }
    }
    let left: HashMap<&str, u32> = (0..old.len())
        .filter(|&i| !matched[i])
        .map(|i| (code(&old[i]), i as u32))
        .collect();
    if !left.is_empty() {
        for (j, a) in new.iter().enumerate() {
            if found[j] == NONE {
                found[j] = left.get(code(a)).copied().unwrap_or(NONE);
            }
        }
    }
    found
}

pub fn diff_report<'a>(old: &'a Dataset, new: &'a Dataset) -> Result<DiffReport<'a>> {
    if old.allocations.len() >= NONE as usize || new.allocations.len() >= NONE as usize {
        return Err(crate::error::Error::usage(
            "a diff holds at most 4,294,967,294 members",
        ));
    }
    // The ranking on this core; matching the members and each table's
    // headline figures on another.
    let size = old.allocations.len().max(new.allocations.len());
    let ((positions, sides), ranking) = crate::parallel::join(
        size,
        || {
            let positions = old_positions(&old.allocations, &new.allocations);
            (
                positions,
                Side::of(old).and_then(|o| Ok((o, Side::of(new)?))),
            )
        },
        || ranking_order(&new.allocations),
    );
    // Each member's line goes where the new table's ranking puts it; the
    // tables are read in file order (reading them in ranking order would
    // jump around memory for every member).
    let mut line_of = vec![0u32; new.allocations.len()];
    for (line, position) in ranking.into_iter().enumerate() {
        line_of[position as usize] = line as u32;
    }
    let blank = ChangeRow {
        new: NONE,
        old: NONE,
    };
    let mut rows = vec![blank; new.allocations.len()];
    let mut in_new = vec![false; old.allocations.len()];
    let mut identical = old.fund.ceiling == new.fund.ceiling;
    for (position, a) in new.allocations.iter().enumerate() {
        let found = Some(positions[position] as usize).filter(|&i| i != NONE as usize);
        if let Some(i) = found {
            in_new[i] = true;
        }
        let before = found.map(|i| &old.allocations[i]);
        let row = ChangeRow {
            new: position as u32,
            old: found.map_or(NONE, |i| i as u32),
        };
        // Every line's change and percentage can be held (checked here,
        // made again when the line is made).
        let change = sub(
            a.amount,
            before.map_or(Decimal::ZERO, |b| b.amount),
            "a change",
        )?;
        if let Some(b) = before {
            pct(change, b.amount, "a change")?;
        }
        identical &= before.is_some_and(|o| {
            change.is_zero() && o.basis == a.basis && o.min == a.min && o.max == a.max
        });
        rows[line_of[position] as usize] = row;
    }
    drop(line_of);
    // Removed members, in the old table's ranking order.
    let mut gone: Vec<usize> = (0..old.allocations.len()).filter(|&i| !in_new[i]).collect();
    identical &= gone.is_empty();
    gone.sort_by(|&x, &y| by_rank(&&old.allocations[x], &&old.allocations[y]));
    rows.extend(gone.into_iter().map(|i| ChangeRow {
        new: NONE,
        old: i as u32,
    }));
    // A table whose sum has no bounds has none anywhere.
    let exact = old.allocated_min == old.allocated_max && new.allocated_min == new.allocated_max;
    if !exact {
        check_change_bounds(&rows, old, new)?;
    }
    let (o, n) = sides?;
    let change = side_change(&o, &n)?;
    Ok(DiffReport {
        old: o,
        new: n,
        change,
        change_count: rows.len(),
        top: None,
        members: MemberChanges {
            old: &old.allocations,
            new: &new.allocations,
            rows,
            exact,
        },
        order: Order::Given,
        identical,
    })
}

/// Checks that every change's bounds can be held exactly (as every change
/// can), so that a line made later never fails.
fn check_change_bounds(rows: &[ChangeRow], old: &Dataset, new: &Dataset) -> Result<()> {
    for row in rows {
        let old_row = old.allocations.get(row.old as usize);
        let new_row = new.allocations.get(row.new as usize);
        let zero = Decimal::ZERO;
        for (a, b) in [
            (
                new_row.map_or(zero, |a| a.min),
                old_row.map_or(zero, |a| a.max),
            ),
            (
                new_row.map_or(zero, |a| a.max),
                old_row.map_or(zero, |a| a.min),
            ),
        ] {
            sub(a, b, "a change's bound")?;
        }
    }
    Ok(())
}

/// The change in the headline figures from `o` to `n`, with bounds.
fn side_change(o: &Side, n: &Side) -> Result<SideChange> {
    let allocated = n.allocated().sub(o.allocated(), "the change in total")?;
    let headroom = Range {
        min: o.headroom_min,
        max: o.headroom_max,
    };
    let headroom = Range {
        min: n.headroom_min,
        max: n.headroom_max,
    }
    .sub(headroom, "the change in headroom")?;
    let top3 = Range {
        min: n.top3_min,
        max: n.top3_max,
    }
    .sub(
        Range {
            min: o.top3_min,
            max: o.top3_max,
        },
        "the change in the top three",
    )?;
    let margin = Range {
        min: n.top3_margin_min,
        max: n.top3_margin_max,
    }
    .sub(
        Range {
            min: o.top3_margin_min,
            max: o.top3_margin_max,
        },
        "the change in the margin",
    )?;
    Ok(SideChange {
        member_count: n.member_count as i64 - o.member_count as i64,
        allocated: sub(n.allocated, o.allocated, "the change in total")?,
        ceiling: sub(n.ceiling, o.ceiling, "the change in ceiling")?,
        headroom: sub(n.headroom, o.headroom, "the change in headroom")?,
        top3: sub(n.top3, o.top3, "the change in the top three")?,
        top3_pct_of_ceiling: round_to(
            sub(n.top3_pct_of_ceiling, o.top3_pct_of_ceiling, "a change")?,
            PCT_PLACES,
        ),
        top3_share_moved: crate::money::cmp_ratios(n.top3, n.ceiling, o.top3, o.ceiling),
        top3_margin: sub(n.top3_margin, o.top3_margin, "the change in the margin")?,
        allocated_min: allocated.min,
        allocated_max: allocated.max,
        headroom_min: headroom.min,
        headroom_max: headroom.max,
        top3_min: top3.min,
        top3_max: top3.max,
        top3_margin_min: margin.min,
        top3_margin_max: margin.max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{parse, seed_edition};

    proptest::proptest! {
        /// The walk side by side finds each member where a plain lookup
        /// by code does, whatever was added, removed or moved.
        #[test]
        fn old_positions_are_where_the_codes_are(
            old in proptest::sample::subsequence((0..40u32).collect::<Vec<_>>(), 0..40),
            new in proptest::sample::subsequence((0..40u32).collect::<Vec<_>>(), 0..40),
            swaps in proptest::collection::vec((0..40usize, 0..40usize), 0..4),
        ) {
            // Mostly in order, some members moved.
            let mut new = new;
            for (a, b) in swaps {
                if a < new.len() && b < new.len() {
                    new.swap(a, b);
                }
            }
            let table = |codes: &[u32]| -> Vec<Allocation> {
                codes
                    .iter()
                    .map(|c| Allocation::new(format!("M{c}"), format!("Member {c}"), Decimal::ONE, Basis::CouncilDecision))
                    .collect()
            };
            let (old_rows, new_rows) = (table(&old), table(&new));
            let expected: Vec<u32> = new
                .iter()
                .map(|c| old.iter().position(|o| o == c).map_or(NONE, |i| i as u32))
                .collect();
            proptest::prop_assert_eq!(old_positions(&old_rows, &new_rows), expected);
        }
    }

    #[test]
    fn a_table_against_itself_is_unchanged() {
        let data = seed_edition().unwrap();
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

    /// Members are matched by code whatever their order: by position while
    /// the tables agree, by lookup after the first difference.
    #[test]
    fn members_are_matched_by_code_in_any_order() {
        let table = |rows: &[(&str, &str)]| {
            let rows: Vec<String> = rows
                .iter()
                .map(|(c, a)| format!(r#"{{"code":"{c}","name":"{c}","amount":"{a}"}}"#))
                .collect();
            let text = format!(
                r#"{{"schema_version":1,"fund":{{"name":"T","currency":"EUR","ceiling":"100"}},"allocations":[{}]}}"#,
                rows.join(",")
            );
            parse("t", text.as_bytes()).unwrap()
        };
        let old = table(&[("A", "10"), ("B", "20"), ("C", "30"), ("D", "5")]);
        let new = table(&[("A", "10"), ("C", "31"), ("B", "20"), ("E", "1")]);
        let report = diff_report(&old, &new).unwrap();
        let got: Vec<(&str, Status, String)> = report
            .members
            .iter()
            .map(|m| (m.code, m.status, m.change.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("C", Status::Increased, "1".to_string()),
                ("B", Status::Unchanged, "0".to_string()),
                ("A", Status::Unchanged, "0".to_string()),
                ("E", Status::Added, "1".to_string()),
                ("D", Status::Removed, "-5".to_string()),
            ]
        );
        assert!(!report.identical);
        assert!(diff_report(&old, &old).unwrap().identical);
    }
}
