//! Exact bounds of rounded figures. A rounded figure stands for an
//! interval (`dataset::Allocation::min` to `max`); every figure derived
//! from such figures gets the exact interval of values it can take over
//! all tables within the bounds, computed on exact values and, where a
//! figure is printed with fewer decimals (a percentage, cents), rounded
//! outward so that the printed interval always holds the exact one.
//!
//! Each bound here is attained by some table within the bounds (a corner of
//! the box: every member at its lower or upper bound); a property test
//! checks that against brute force.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::{percent_with, ratio, sub};
use crate::dataset::Allocation;
use crate::error::{Error, Result};
use crate::money::{add_exact, sub_exact};

/// An exact closed interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub min: Decimal,
    pub max: Decimal,
}

impl Range {
    /// A figure known exactly.
    pub fn exact(value: Decimal) -> Range {
        Range {
            min: value,
            max: value,
        }
    }

    /// A member's bounds.
    pub fn of(a: &Allocation) -> Range {
        Range {
            min: a.min,
            max: a.max,
        }
    }

    /// `self + other`, exactly.
    pub fn add(self, other: Range, what: &str) -> Result<Range> {
        let overflow = || Error::overflow(what);
        Ok(Range {
            min: add_exact(self.min, other.min)
                .ok_or_else(overflow)?
                .normalize(),
            max: add_exact(self.max, other.max)
                .ok_or_else(overflow)?
                .normalize(),
        })
    }

    /// `self − other`: from the least of `self` less the most of `other`.
    pub fn sub(self, other: Range, what: &str) -> Result<Range> {
        Ok(Range {
            min: sub(self.min, other.max, what)?,
            max: sub(self.max, other.min, what)?,
        })
    }
}

/// A check's outcome for every table within the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every value within the bounds passes.
    Pass,
    /// Every value within the bounds fails.
    Fail,
    /// Some pass and some fail: rounding decides.
    Undetermined,
}

impl Verdict {
    /// From whether the most and the least favourable values pass.
    pub fn of(best_passes: bool, worst_passes: bool) -> Verdict {
        match (best_passes, worst_passes) {
            (_, true) => Verdict::Pass,
            (false, false) => Verdict::Fail,
            (true, false) => Verdict::Undetermined,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Undetermined => "undetermined",
        }
    }
}

/// `part / whole × 100` as the interval of its two quotients, rounded to
/// `places` outward (the lower down, the upper up). When both quotients
/// are one (exact inputs), the bounds are the figure itself, rounded as it
/// is (half-to-even): the figure's places say its precision, as for any
/// percentage, and rounding of the inputs adds nothing.
pub fn pct_range(low: (Decimal, Decimal), high: (Decimal, Decimal), places: u32) -> Result<Range> {
    if low == high {
        let figure = percent_with(
            low.0,
            low.1,
            places,
            RoundingStrategy::MidpointNearestEven,
            "a share",
        )?;
        return Ok(Range::exact(figure));
    }
    Ok(Range {
        min: percent_with(
            low.0,
            low.1,
            places,
            RoundingStrategy::ToNegativeInfinity,
            "a share's lower bound",
        )?,
        max: percent_with(
            high.0,
            high.1,
            places,
            RoundingStrategy::ToPositiveInfinity,
            "a share's upper bound",
        )?,
    })
}

/// The share of a fixed base (`part` over `base`), rounded outward.
pub fn pct_of(part: Range, base: Decimal, places: u32) -> Result<Range> {
    pct_range((part.min, base), (part.max, base), places)
}

/// A member's share of the allocated sum: lowest with the member at its
/// lower bound and everyone else at their upper, highest the other way
/// (`total` is the table's `[Σ min, Σ max]`).
pub fn share_of_allocated(member: Range, total: Range, places: u32) -> Result<Range> {
    let what = "a share of the allocated sum";
    let low_whole = add_exact(
        member.min,
        sub_exact(total.max, member.max).ok_or_else(|| Error::overflow(what))?,
    )
    .ok_or_else(|| Error::overflow(what))?;
    let high_whole = add_exact(
        member.max,
        sub_exact(total.min, member.min).ok_or_else(|| Error::overflow(what))?,
    )
    .ok_or_else(|| Error::overflow(what))?;
    pct_range((member.min, low_whole), (member.max, high_whole), places)
}

/// `range / divisor` to `places`, rounded outward (from the exact
/// quotients).
pub fn quotient_range(range: Range, divisor: Decimal, places: u32, what: &str) -> Result<Range> {
    if range.min == range.max {
        // Exact inputs: the figure itself (see `pct_range`).
        return Ok(Range::exact(ratio(
            range.min,
            divisor,
            0,
            places,
            RoundingStrategy::MidpointNearestEven,
            what,
        )?));
    }
    Ok(Range {
        min: ratio(
            range.min,
            divisor,
            0,
            places,
            RoundingStrategy::ToNegativeInfinity,
            what,
        )?,
        max: ratio(
            range.max,
            divisor,
            0,
            places,
            RoundingStrategy::ToPositiveInfinity,
            what,
        )?,
    })
}

/// The sum of the `k` largest of `values`, exactly (the top-k sum is
/// monotone in every value, so its bounds are the sums of the `k` largest
/// lower bounds and of the `k` largest upper bounds).
pub fn top_sum(values: impl Iterator<Item = Decimal>, k: usize, what: &str) -> Result<Decimal> {
    let mut best: Vec<Decimal> = Vec::with_capacity(k + 1);
    for v in values {
        if best.len() == k && best.last().is_none_or(|last| v <= *last) {
            continue;
        }
        let at = best.partition_point(|b| *b >= v);
        best.insert(at, v);
        best.truncate(k);
    }
    crate::money::exact_sum(best.iter()).ok_or_else(|| Error::overflow(what))
}

/// The best and the worst competition rank each member can have (1 = the
/// largest; tied values share a rank) when every value lies within its
/// interval: best with the member at its upper bound and everyone else at
/// their lower, worst the other way. `O(n log n)`.
pub fn rank_ranges(values: &[Range]) -> Vec<(usize, usize)> {
    let mins: Vec<Decimal> = values.iter().map(|r| r.min).collect();
    let maxs: Vec<Decimal> = values.iter().map(|r| r.max).collect();
    rank_ranges_of(&mins, &maxs)
}

/// [`rank_ranges`] of values of any order (exact quotients, say): member
/// `i` lies between `mins[i]` and `maxs[i]`.
pub fn rank_ranges_of<T: Ord + Clone>(mins: &[T], maxs: &[T]) -> Vec<(usize, usize)> {
    let mut lows = mins.to_vec();
    let mut highs = maxs.to_vec();
    lows.sort_unstable();
    highs.sort_unstable();
    // How many of `sorted` are strictly above `x`.
    let above = |sorted: &[T], x: &T| sorted.len() - sorted.partition_point(|v| v <= x);
    mins.iter()
        .zip(maxs)
        .map(|(min, max)| {
            // Nobody's lower bound is above the member's own upper one by
            // being the member (min ≤ max).
            let best = 1 + above(&lows, max);
            // The member's own upper bound is above its lower one when it
            // is rounded: it does not outrank itself.
            let own = usize::from(max > min);
            let worst = 1 + above(&highs, min) - own;
            (best, worst)
        })
        .collect()
}

/// The median of `values` sorted ascending (the mean of the two middle
/// values when their count is even), exact.
pub fn median(ascending: &[Decimal], what: &str) -> Result<Decimal> {
    let n = ascending.len();
    if n == 0 {
        return Err(Error::internal("the median of no values"));
    }
    Ok(if n % 2 == 1 {
        ascending[n / 2].normalize()
    } else {
        let pair = add_exact(ascending[n / 2 - 1], ascending[n / 2])
            .ok_or_else(|| Error::overflow(what))?;
        crate::money::half(pair)
            .ok_or_else(|| Error::overflow(what))?
            .normalize()
    })
}

/// Sorts ascending.
pub fn sorted(mut values: Vec<Decimal>) -> Vec<Decimal> {
    values.sort_unstable_by(|a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(min: i64, max: i64) -> Range {
        Range {
            min: Decimal::from(min),
            max: Decimal::from(max),
        }
    }

    #[test]
    fn ranks_best_and_worst() {
        // 10 exact; 5..=12 can pass it; 5 exact.
        let ranks = rank_ranges(&[r(10, 10), r(5, 12), r(5, 5)]);
        assert_eq!(ranks, vec![(1, 2), (1, 2), (2, 3)]);
        // Equal exact values tie.
        assert_eq!(rank_ranges(&[r(3, 3), r(3, 3)]), vec![(1, 1), (1, 1)]);
    }

    #[test]
    fn top_sums_and_medians() {
        let values = [3, 9, 1, 9, 4].map(Decimal::from);
        assert_eq!(
            top_sum(values.into_iter(), 3, "x").unwrap(),
            Decimal::from(22)
        );
        assert_eq!(
            top_sum(values.into_iter(), 9, "x").unwrap(),
            Decimal::from(26)
        );
        let sorted = sorted(values.to_vec());
        assert_eq!(median(&sorted, "x").unwrap(), Decimal::from(4));
        assert_eq!(median(&sorted[..4], "x").unwrap(), Decimal::new(35, 1));
    }

    #[test]
    fn changes_beyond_rounding() {
        let old = r(43_700, 43_800);
        let new = Range::exact(Decimal::from(43_734));
        let change = new.sub(old, "x").unwrap();
        assert_eq!(change, r(-66, 34));
        // Rounding alone can explain it: 0 lies within.
        assert!(change.min < Decimal::ZERO && change.max > Decimal::ZERO);
        assert_eq!(
            Range::exact(Decimal::from(2_343))
                .sub(r(2_660, 2_670), "x")
                .unwrap(),
            r(-327, -317)
        );
    }
}
