//! Ranking: members by amount, largest first, with competition ranks (tied
//! amounts share a rank and the next rank skips: 1, 2, 3, 3, 5).

use rust_decimal::Decimal;
use serde::Serialize;

use super::bounds::{Range, pct_of, rank_ranges};
use super::{PCT_PLACES, pct};
use crate::dataset::{Allocation, Basis, Dataset, Precision};
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

/// [`ranking_order`] when every amount at the table's largest scale fits
/// 64 bits (as nearly all tables' do): each member becomes one 128-bit
/// integer, its amount's key above its position, so that the sort compares
/// plain integers (a million members in a few tens of milliseconds rather
/// than a few hundred); runs of equal amounts are then put in name order.
fn packed_order(allocations: &[Allocation]) -> Option<Vec<u32>> {
    u32::try_from(allocations.len()).ok()?;
    let scale = allocations.iter().map(|a| a.amount.scale()).max()?;
    let mut keys = allocations
        .iter()
        .zip(0u32..)
        .map(|(a, i)| {
            let k = 10i128
                .checked_pow(scale - a.amount.scale())
                .and_then(|p| a.amount.mantissa().checked_mul(p))
                .and_then(|k| i64::try_from(k).ok())?;
            // Largest first: the complement of the amount's order-keeping
            // unsigned form.
            let descending = !((k as u64) ^ (1 << 63));
            Some((u128::from(descending) << 32) | u128::from(i))
        })
        .collect::<Option<Vec<u128>>>()?;
    keys.sort_unstable();
    let position = |key: &u128| *key as u32;
    for run in keys.chunk_by_mut(|a, b| a >> 32 == b >> 32) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| {
                allocations[position(a) as usize]
                    .name
                    .cmp(&allocations[position(b) as usize].name)
            });
        }
    }
    Some(keys.iter().map(position).collect())
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
/// name): by packed integer keys where every amount fits them (rank and
/// diff of a million members 1.13× and 1.17× faster: benches/notes.md),
/// else by comparing the members.
pub fn ranking_order(allocations: &[Allocation]) -> Vec<u32> {
    if let Some(order) = packed_order(allocations) {
        return order;
    }
    let mut order: Vec<u32> = (0..allocations.len() as u32).collect();
    order.sort_by(|&a, &b| by_rank(&&allocations[a as usize], &&allocations[b as usize]));
    order
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

/// The first `k` of a ranking and every member tied with the last of them
/// (as SQL's `FETCH FIRST k ROWS WITH TIES`): a cut never splits a tie.
pub fn ranked_top_with_ties(allocations: &[Allocation], k: usize) -> Vec<Ranked<'_>> {
    let mut top = ranked_top(allocations, k);
    if let Some(last) = top.last().copied().filter(|_| top.len() == k) {
        let mut tied: Vec<&Allocation> = allocations
            .iter()
            .filter(|a| a.amount == last.allocation.amount && a.name > last.allocation.name)
            .collect();
        tied.sort_by(|a, b| a.name.cmp(&b.name));
        top.extend(tied.into_iter().map(|allocation| Ranked {
            rank: last.rank,
            allocation,
        }));
    }
    top
}

/// Keeps the first `k` of `list` (in its order) and the rows after them
/// whose `key` equals the `k`-th's.
pub fn keep_with_ties<T, K: PartialEq>(list: &mut Vec<T>, k: usize, key: impl Fn(&T) -> K) {
    if list.len() <= k || k == 0 {
        return;
    }
    let last = key(&list[k - 1]);
    let end = k + list[k..].iter().take_while(|t| key(t) == last).count();
    list.truncate(end);
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
pub struct RankReport<'a> {
    /// `desc` (largest first) or `asc`.
    pub order: Order,
    /// Members in the whole table (before `--top`).
    pub member_count: usize,
    /// The `--top` asked for: the rows are the first N and any tied with
    /// the last of them.
    pub top: Option<usize>,
    /// Listed in JSON from the view's fields (`cmd::rank`).
    #[serde(skip)]
    pub members: RankRows<'a>,
    /// The finest decimal place of the table's figures.
    #[serde(skip)]
    pub precision: Precision,
}

/// The rows of a ranking, kept small (a million members): each holds its
/// member, ranks and running sums; the shares are worked out when a row
/// is asked for ([`RankRows::get`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RankRows<'a> {
    ceiling: Decimal,
    rows: Vec<Kept<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Kept<'a> {
    allocation: &'a Allocation,
    rank: u32,
    best: u32,
    worst: u32,
    cumulative: Decimal,
    cumulative_min: Decimal,
    cumulative_max: Decimal,
}

impl<'a> RankRows<'a> {
    /// Row `i` with every figure (shares exact and rounded as the report
    /// says; the quotients were checked when the report was made).
    pub fn get(&self, i: usize) -> RankRow<'a> {
        let k = &self.rows[i];
        let a = k.allocation;
        let ceiling = self.ceiling;
        // A figure and its bounds: from one quotient when the figure is
        // exact (the common case), else each from its own.
        let figure = |value: Decimal, min: Decimal, max: Decimal| {
            if min == max {
                if let Some((v, _, _)) = super::percents(value, ceiling, PCT_PLACES) {
                    return (v, Range::exact(v));
                }
            }
            let v = pct(value, ceiling, "a share").unwrap_or_default();
            let r = Range { min, max };
            (v, pct_of(r, ceiling, PCT_PLACES).unwrap_or(r))
        };
        let (share_pct, share) = figure(a.amount, a.min, a.max);
        let (cumulative_pct, cumulative_share) =
            figure(k.cumulative, k.cumulative_min, k.cumulative_max);
        RankRow {
            rank: k.rank as usize,
            code: &a.code,
            name: &a.name,
            amount: a.amount,
            basis: a.basis,
            share_pct,
            cumulative_amount: k.cumulative,
            cumulative_pct,
            amount_min: a.min,
            amount_max: a.max,
            rank_best: k.best as usize,
            rank_worst: k.worst as usize,
            share_min_pct: share.min,
            share_max_pct: share.max,
            cumulative_amount_min: k.cumulative_min,
            cumulative_amount_max: k.cumulative_max,
            cumulative_min_pct: cumulative_share.min,
            cumulative_max_pct: cumulative_share.max,
        }
    }
}

small_rows!(RankRows, RankRow);

#[derive(Debug, Clone, PartialEq)]
pub struct RankRow<'a> {
    /// Competition rank by amount, 1 = largest, whatever the order shown.
    pub rank: usize,
    pub code: &'a str,
    pub name: &'a str,
    pub amount: Decimal,
    /// What the figure is (`council-decision`, `commission-tentative`, …).
    pub basis: Basis,
    /// Share of the fund ceiling, in percent, rounded to 2 places.
    pub share_pct: Decimal,
    /// Running sum of amounts down the list as shown.
    pub cumulative_amount: Decimal,
    /// Running share of the ceiling, in percent, rounded to 2 places.
    pub cumulative_pct: Decimal,
    /// The bounds of the amount (the amount itself when exact).
    pub amount_min: Decimal,
    pub amount_max: Decimal,
    /// The best and worst rank the member can have within the bounds.
    pub rank_best: usize,
    pub rank_worst: usize,
    /// The bounds of the share (rounded outward).
    pub share_min_pct: Decimal,
    pub share_max_pct: Decimal,
    pub cumulative_amount_min: Decimal,
    pub cumulative_amount_max: Decimal,
    pub cumulative_min_pct: Decimal,
    pub cumulative_max_pct: Decimal,
}

/// Builds the `rank` report: `top` keeps the first N rows of the chosen
/// order and any tied with the last of them; `ascending` shows the
/// smallest first (ranks still count from the largest).
pub fn rank_report(data: &Dataset, top: Option<usize>, ascending: bool) -> Result<RankReport<'_>> {
    let list = match (top, ascending) {
        (Some(k), false) => ranked_top_with_ties(&data.allocations, k),
        _ => {
            let mut list = ranked(&data.allocations);
            if ascending {
                // Smallest first; within a tie, still by name.
                list.sort_by(|a, b| {
                    a.allocation
                        .amount
                        .cmp(&b.allocation.amount)
                        .then_with(|| a.allocation.name.cmp(&b.allocation.name))
                });
                if let Some(k) = top {
                    keep_with_ties(&mut list, k, |r| r.allocation.amount);
                }
            }
            list
        }
    };
    let ceiling = data.fund.ceiling;
    let ranks = rank_bounds(data, list.iter().map(|r| (r.rank, r.allocation)));
    let mut cumulative = Range::exact(Decimal::ZERO);
    let mut running = Decimal::ZERO;
    let mut rows = Vec::with_capacity(list.len());
    for (r, (best, worst)) in list.into_iter().zip(ranks) {
        let a = r.allocation;
        running = crate::money::add_exact(running, a.amount)
            .ok_or_else(|| Error::overflow("the cumulative amount"))?;
        cumulative = cumulative.add(Range::of(a), "the cumulative amount")?;
        // The quotients are checked here, so that rows made later cannot
        // fail.
        pct(a.amount, ceiling, "a share of the ceiling")?;
        pct(running, ceiling, "the cumulative share")?;
        pct_of(Range::of(a), ceiling, PCT_PLACES)?;
        pct_of(cumulative, ceiling, PCT_PLACES)?;
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        rows.push(Kept {
            allocation: a,
            rank: small(r.rank),
            best: small(best),
            worst: small(worst),
            cumulative: running,
            cumulative_min: cumulative.min,
            cumulative_max: cumulative.max,
        });
    }
    let members = RankRows { ceiling, rows };
    Ok(RankReport {
        order: if ascending { Order::Asc } else { Order::Desc },
        member_count: data.allocations.len(),
        top,
        members,
        precision: data.precision,
    })
}

/// The best and worst rank of each of `shown` (members of `data`) within
/// the bounds: their stated rank twice for an exact table; counted
/// against every member for a few, through one sort for many.
pub fn rank_bounds<'a>(
    data: &'a Dataset,
    shown: impl Iterator<Item = (usize, &'a Allocation)>,
) -> Vec<(usize, usize)> {
    if !data.is_rounded() {
        return shown.map(|(rank, _)| (rank, rank)).collect();
    }
    let shown: Vec<&Allocation> = shown.map(|(_, a)| a).collect();
    let all = &data.allocations;
    if shown.len() <= 64 {
        return shown
            .iter()
            .map(|a| {
                let best = 1 + all.iter().filter(|b| b.min > a.max).count();
                let worst =
                    all.iter().filter(|b| b.max > a.min).count() + 1 - usize::from(a.max > a.min);
                (best, worst)
            })
            .collect();
    }
    let ranges: Vec<Range> = all.iter().map(Range::of).collect();
    let ranks = rank_ranges(&ranges);
    let base = all.as_ptr() as usize;
    let size = std::mem::size_of::<Allocation>().max(1);
    shown
        .iter()
        .map(|a| ranks[(*a as *const Allocation as usize - base) / size])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;

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
        let data = seed_edition().unwrap();
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
        let data = seed_edition().unwrap();
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

        /// The ranking order is a sort by `by_rank`, whatever the amounts'
        /// signs and scales, and whether or not they fit 64 bits.
        #[test]
        fn the_ranking_order_is_a_sort_by_rank(
            amounts in proptest::collection::vec((-3i64..4, 0u32..3, proptest::bool::weighted(0.1)), 0..60),
        ) {
            let allocations: Vec<Allocation> = amounts
                .iter()
                .enumerate()
                .map(|(i, &(a, scale, huge))| {
                    let mantissa = if huge { i128::from(a) << 80 } else { i128::from(a) * 1_000 };
                    let amount = Decimal::from_i128_with_scale(mantissa, scale);
                    Allocation::new(format!("M{i}"), format!("n{:03}", (i * 37) % 101), amount, Basis::Unstated)
                })
                .collect();
            let mut expected: Vec<u32> = (0..allocations.len() as u32).collect();
            expected.sort_by(|&a, &b| by_rank(&&allocations[a as usize], &&allocations[b as usize]));
            proptest::prop_assert_eq!(ranking_order(&allocations), expected);
        }
    }

    #[test]
    fn top_and_ascending() {
        let data = seed_edition().unwrap();
        let report = rank_report(&data, Some(2), true).unwrap();
        assert_eq!(report.members.len(), 2);
        assert_eq!(report.members.get(0).code, "DK");
        assert_eq!(report.members.get(0).rank, 19);
        assert_eq!(report.members.get(1).code, "EL");
        assert_eq!(report.member_count, 19);
    }

    #[test]
    fn cumulative_share_reaches_the_utilisation() {
        let data = seed_edition().unwrap();
        let report = rank_report(&data, None, false).unwrap();
        let last = report.members.get(report.members.len() - 1);
        assert_eq!(last.cumulative_amount, data.allocated);
        assert_eq!(last.cumulative_pct.to_string(), "99.96");
        assert_eq!(report.members.get(0).share_pct.to_string(), "29.13");
    }
}
