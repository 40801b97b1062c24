//! Ranking: members by amount, largest first, with competition ranks (tied
//! amounts share a rank and the next rank skips: 1, 2, 3, 3, 5).

use crate::dataset::Text;
use rust_decimal::Decimal;
use serde::Serialize;

use super::pct;
use crate::dataset::{Allocation, Basis, Dataset};
use crate::error::{Error, Result};

/// A member with its competition rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked<'a> {
    pub rank: usize,
    pub allocation: &'a Allocation,
}

/// The ranking order: larger amounts first, then names in order.
pub fn by_rank(a: &&Allocation, b: &&Allocation) -> std::cmp::Ordering {
    b.amount.cmp(&a.amount).then_with(|| a.name.cmp(&b.name))
}

/// Each member's amount as a 128-bit integer at the table's largest
/// scale, with its position, so that sorting compares integers rather than
/// `Decimal`s (4× cheaper); `None` when one does not fit (then `Decimal`s
/// are compared).
fn amount_keys(allocations: &[Allocation]) -> Option<Vec<(i128, u32)>> {
    let scale = allocations.iter().map(|a| a.amount.scale()).max()?;
    allocations
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let shift = scale - a.amount.scale();
            10i128
                .checked_pow(shift)
                .and_then(|p| a.amount.mantissa().checked_mul(p))
                .map(|k| (k, i as u32))
        })
        .collect()
}

/// Sorts by amount (largest first), then by name, and assigns competition
/// ranks. Names are unique in a table, so the order is total.
pub fn ranked(allocations: &[Allocation]) -> Vec<Ranked<'_>> {
    with_ranks(
        ranking_order(allocations)
            .into_iter()
            .map(|i| &allocations[i as usize])
            .collect(),
    )
}

/// The positions of the members in ranking order (largest first, then by
/// name).
pub fn ranking_order(allocations: &[Allocation]) -> Vec<u32> {
    match amount_keys(allocations) {
        Some(mut order) => {
            order.sort_unstable_by(|a, b| {
                b.0.cmp(&a.0).then_with(|| {
                    allocations[a.1 as usize]
                        .name
                        .cmp(&allocations[b.1 as usize].name)
                })
            });
            order.into_iter().map(|(_, i)| i).collect()
        }
        None => {
            let mut order: Vec<u32> = (0..allocations.len() as u32).collect();
            order.sort_by(|&a, &b| by_rank(&&allocations[a as usize], &&allocations[b as usize]));
            order
        }
    }
}

/// The first `k` of [`ranked`], selected in linear time rather than by
/// sorting the whole table. A member's competition rank depends only on
/// the members above it, all of which are among the first `k`.
pub fn ranked_top(allocations: &[Allocation], k: usize) -> Vec<Ranked<'_>> {
    if k <= SMALL_TOP {
        // One pass, keeping the best `k` so far in order: about one
        // comparison per member.
        let mut best: Vec<&Allocation> = Vec::with_capacity(k + 1);
        for a in allocations {
            if best.len() == k
                && best
                    .last()
                    .is_none_or(|last| by_rank(&a, last) != std::cmp::Ordering::Less)
            {
                continue;
            }
            let at = best.partition_point(|b| by_rank(b, &a) == std::cmp::Ordering::Less);
            best.insert(at, a);
            best.truncate(k);
        }
        return with_ranks(best);
    }
    let mut all: Vec<&Allocation> = allocations.iter().collect();
    if k < all.len() {
        all.select_nth_unstable_by(k, by_rank);
        all.truncate(k);
    }
    all.sort_by(by_rank);
    with_ranks(all)
}

/// Up to how many members [`ranked_top`] keeps in one pass (more: it
/// selects).
const SMALL_TOP: usize = 32;

/// Competition ranks for members already in ranking order.
fn with_ranks(sorted: Vec<&Allocation>) -> Vec<Ranked<'_>> {
    let mut out: Vec<Ranked<'_>> = Vec::with_capacity(sorted.len());
    for (i, allocation) in sorted.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.allocation.amount == allocation.amount => prev.rank,
            _ => i + 1,
        };
        out.push(Ranked { rank, allocation });
    }
    out
}

/// The order a listing is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Largest first.
    Desc,
    /// Smallest first.
    Asc,
}

/// The `rank` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankReport {
    /// `desc` (largest first) or `asc`.
    pub order: Order,
    /// Members in the whole table (before `--top`).
    pub member_count: usize,
    pub members: Vec<RankRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankRow {
    /// Competition rank by amount, 1 = largest, whatever the order shown.
    pub rank: usize,
    pub code: Text,
    pub name: Text,
    pub amount: Decimal,
    /// What the figure is (`council-decision`, `commission-tentative`, …).
    pub basis: Basis,
    /// Share of the fund ceiling, in percent, rounded to 2 places.
    pub share_pct: Decimal,
    /// Running sum of amounts down the list as shown.
    pub cumulative_amount: Decimal,
    /// Running share of the ceiling, in percent, rounded to 2 places.
    pub cumulative_pct: Decimal,
}

/// Builds the `rank` report: `top` keeps the first N rows of the chosen
/// order; `ascending` shows the smallest first (ranks still count from the
/// largest).
pub fn rank_report(data: &Dataset, top: Option<usize>, ascending: bool) -> Result<RankReport> {
    let mut list = match top {
        Some(k) if !ascending => ranked_top(&data.allocations, k),
        _ => ranked(&data.allocations),
    };
    if ascending {
        // Smallest first; within a tie, still by name.
        list.sort_by(|a, b| {
            a.allocation
                .amount
                .cmp(&b.allocation.amount)
                .then_with(|| a.allocation.name.cmp(&b.allocation.name))
        });
    }
    let ceiling = data.fund.ceiling;
    let mut cumulative = Decimal::ZERO;
    let mut members = Vec::new();
    for r in list.into_iter().take(top.unwrap_or(usize::MAX)) {
        let a = r.allocation;
        cumulative = crate::money::add_exact(cumulative, a.amount)
            .ok_or_else(|| Error::overflow("the cumulative amount"))?;
        members.push(RankRow {
            rank: r.rank,
            code: a.code.clone(),
            name: a.name.clone(),
            amount: a.amount,
            basis: a.basis,
            share_pct: pct(a.amount, ceiling, "a share of the ceiling")?,
            cumulative_amount: cumulative,
            cumulative_pct: pct(cumulative, ceiling, "the cumulative share")?,
        });
    }
    Ok(RankReport {
        order: if ascending { Order::Asc } else { Order::Desc },
        member_count: data.allocations.len(),
        members,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::bundled;

    #[test]
    fn integer_keys_rank_as_decimals_do() {
        let data = crate::dataset::parse(
            "t",
            br#"{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":"100"},
            "allocations":[{"code":"A","name":"b","amount":"1.5"},{"code":"B","name":"a","amount":"1.50"},
            {"code":"C","name":"c","amount":"2"},{"code":"D","name":"d","amount":"0.001"}]}"#,
        )
        .unwrap();
        let codes: Vec<&str> = ranked(&data.allocations)
            .iter()
            .map(|r| r.allocation.code.as_str())
            .collect();
        assert_eq!(codes, ["C", "B", "A", "D"]);
        let mut slow: Vec<&Allocation> = data.allocations.iter().collect();
        slow.sort_by(by_rank);
        assert_eq!(
            slow.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(),
            codes
        );
    }

    #[test]
    fn competition_ranks_share_and_skip() {
        let data = bundled().unwrap();
        let list = ranked(&data.allocations);
        let ranks: Vec<(usize, &str)> = list
            .iter()
            .map(|r| (r.rank, r.allocation.code.as_str()))
            .collect();
        assert_eq!(
            &ranks[..5],
            &[(1, "PL"), (2, "RO"), (3, "FR"), (3, "HU"), (5, "IT")]
        );
        assert_eq!(
            &ranks[15..],
            &[(16, "FI"), (16, "ES"), (18, "EL"), (19, "DK")]
        );
    }

    #[test]
    fn top_k_selection_matches_the_full_ranking() {
        let data = bundled().unwrap();
        let full = ranked(&data.allocations);
        for k in 0..=20 {
            assert_eq!(
                ranked_top(&data.allocations, k),
                full[..k.min(full.len())],
                "k = {k}"
            );
        }
    }

    proptest::proptest! {
        /// The first `k` (kept in one pass or selected) are the first `k`
        /// of the full ranking, ties and all.
        #[test]
        fn the_top_k_are_the_first_k_of_the_ranking(
            amounts in proptest::collection::vec(1u32..6, 0..80),
            k in 0usize..90,
        ) {
            let allocations: Vec<Allocation> = amounts
                .iter()
                .enumerate()
                .map(|(i, &a)| Allocation::new(format!("M{i}"), format!("n{:03}", (i * 37) % 101), Decimal::from(a), Basis::Unstated))
                .collect();
            let full = ranked(&allocations);
            proptest::prop_assert_eq!(ranked_top(&allocations, k), &full[..k.min(full.len())]);
        }
    }

    #[test]
    fn top_and_ascending() {
        let data = bundled().unwrap();
        let report = rank_report(&data, Some(2), true).unwrap();
        assert_eq!(report.members.len(), 2);
        assert_eq!(report.members[0].code, "DK");
        assert_eq!(report.members[0].rank, 19);
        assert_eq!(report.members[1].code, "EL");
        assert_eq!(report.member_count, 19);
    }

    #[test]
    fn cumulative_share_reaches_the_utilisation() {
        let data = bundled().unwrap();
        let report = rank_report(&data, None, false).unwrap();
        let last = report.members.last().unwrap();
        assert_eq!(last.cumulative_amount, data.allocated);
        assert_eq!(last.cumulative_pct.to_string(), "99.96");
        assert_eq!(report.members[0].share_pct.to_string(), "29.13");
    }
}
