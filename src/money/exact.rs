//! Exact arithmetic on amounts: sums that never round ([`ExactSum`]), and
//! `+`, `−`, `× k` and percentages that are exact or `None`.

use rust_decimal::Decimal;

/// `value × 10^28` as a big integer: every `Decimal` exactly.
fn wide(value: Decimal) -> num_bigint::BigInt {
    num_bigint::BigInt::from(value.mantissa())
        * num_bigint::BigInt::from(10u8).pow(28 - value.scale())
}

/// How `a / b` compares with `c / d`, exactly (`b` and `d` positive),
/// by comparing `a × d` with `c × b` as big integers: a decision never
/// rests on a rounded quotient.
pub fn cmp_ratios(a: Decimal, b: Decimal, c: Decimal, d: Decimal) -> std::cmp::Ordering {
    // a·d against c·b, each as an integer over 10^(its scales), brought
    // to one scale: in 128 bits when they fit (amounts and populations
    // do), else in big integers.
    let (left_scale, right_scale) = (a.scale() + d.scale(), c.scale() + b.scale());
    let narrow = || {
        let left = a.mantissa().checked_mul(d.mantissa())?;
        let right = c.mantissa().checked_mul(b.mantissa())?;
        let lift = |v: i128, by: u32| v.checked_mul(10i128.checked_pow(by)?);
        Some(if left_scale >= right_scale {
            left.cmp(&lift(right, left_scale - right_scale)?)
        } else {
            lift(left, right_scale - left_scale)?.cmp(&right)
        })
    };
    narrow().unwrap_or_else(|| (wide(a) * wide(d)).cmp(&(wide(c) * wide(b))))
}

/// `value / 2` exactly, or `None` when it needs more digits than a
/// `Decimal` holds (the half of an odd 28-digit figure).
pub fn half(value: Decimal) -> Option<Decimal> {
    let m = value.mantissa();
    if m % 2 == 0 {
        return Decimal::try_from_i128_with_scale(m / 2, value.scale()).ok();
    }
    Decimal::try_from_i128_with_scale(m.checked_mul(5)?, value.scale() + 1).ok()
}

/// `result` if it is exactly `expected` (a value × 10^28). rust_decimal's
/// checked operations do not fail when an exact result needs more than 28
/// significant digits: they round and lower the scale. A result whose
/// scale is below what the operands need may be rounded or may only have
/// dropped trailing zeros; only then is it checked against the exact value.
fn exact_or_none(
    result: Decimal,
    needed_scale: u32,
    expected: impl FnOnce() -> num_bigint::BigInt,
) -> Option<Decimal> {
    if result.scale() >= needed_scale || wide(result) == expected() {
        Some(result)
    } else {
        None
    }
}

/// `a + b` (or `a − b`) at the larger scale, when both mantissas fit in 64
/// bits and the scales in 18 places (every amount a table holds): in 128
/// bits nothing can round, so the result is exact when it fits a
/// `Decimal` at that scale (`None`: the general way decides).
fn small(a: Decimal, b: Decimal, minus: bool) -> Option<Decimal> {
    let (ma, mb) = (
        i64::try_from(a.mantissa()).ok()?,
        i64::try_from(b.mantissa()).ok()?,
    );
    let scale = a.scale().max(b.scale());
    if scale > 18 {
        return None;
    }
    let at = |m: i64, s: u32| i128::from(m) * POW10[(scale - s) as usize];
    let (ma, mb) = (at(ma, a.scale()), at(mb, b.scale()));
    let r = if minus { ma - mb } else { ma + mb };
    Decimal::try_from_i128_with_scale(r, scale).ok()
}

/// `a + b`, exactly, or `None`.
pub fn add_exact(a: Decimal, b: Decimal) -> Option<Decimal> {
    if let Some(r) = small(a, b, false) {
        return Some(r);
    }
    let r = a.checked_add(b)?;
    exact_or_none(r, a.scale().max(b.scale()), || wide(a) + wide(b))
}

/// `a − b`, exactly, or `None` (see [`add_exact`]).
pub fn sub_exact(a: Decimal, b: Decimal) -> Option<Decimal> {
    if let Some(r) = small(a, b, true) {
        return Some(r);
    }
    let r = a.checked_sub(b)?;
    exact_or_none(r, a.scale().max(b.scale()), || wide(a) - wide(b))
}

/// `a × k` for a whole number `k`, exactly, or `None`.
pub fn mul_int_exact(a: Decimal, k: u32) -> Option<Decimal> {
    let r = a.checked_mul(Decimal::from(k))?;
    exact_or_none(r, a.scale(), || wide(a) * num_bigint::BigInt::from(k))
}

/// An exact running sum. It adds mantissas as 128-bit integers at the
/// largest scale seen so far (no rounding can happen there: an overflow is
/// detected) and continues in a big integer (at scale 28) when that runs
/// out, so the result is exact whenever the final total can be held,
/// whatever the order of the terms.
#[derive(Debug, Clone, Default)]
pub struct ExactSum {
    /// The sum × 10^scale.
    mantissa: i128,
    scale: u32,
    /// The sum × 10^28, once 128 bits have run out.
    wide: Option<num_bigint::BigInt>,
}

/// 10^n for n = 0..=28.
pub const POW10: [i128; 29] = {
    let mut table = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

impl ExactSum {
    pub fn new() -> Self {
        ExactSum::default()
    }

    pub fn add(&mut self, value: Decimal) {
        if let Some(total) = &mut self.wide {
            *total += wide(value);
            return;
        }
        if self.add_fast(value.mantissa(), value.scale()).is_none() {
            let so_far = num_bigint::BigInt::from(self.mantissa)
                * num_bigint::BigInt::from(10u8).pow(28 - self.scale);
            self.wide = Some(so_far + wide(value));
        }
    }

    /// Adds another sum (of other terms) to this one.
    pub fn merge(&mut self, other: &ExactSum) {
        if self.wide.is_none()
            && other.wide.is_none()
            && self.add_fast(other.mantissa, other.scale).is_some()
        {
            return;
        }
        let as_wide = |s: &ExactSum| {
            s.wide.clone().unwrap_or_else(|| {
                num_bigint::BigInt::from(s.mantissa)
                    * num_bigint::BigInt::from(10u8).pow(28 - s.scale)
            })
        };
        self.wide = Some(as_wide(self) + as_wide(other));
    }

    /// Adds `m × 10^-s` in 128 bits, or `None` (and no change) on overflow.
    fn add_fast(&mut self, m: i128, s: u32) -> Option<()> {
        let (sum, scale) = if s <= self.scale {
            let term = m.checked_mul(POW10[(self.scale - s) as usize])?;
            (self.mantissa.checked_add(term)?, self.scale)
        } else {
            let so_far = self
                .mantissa
                .checked_mul(POW10[(s - self.scale) as usize])?;
            (so_far.checked_add(m)?, s)
        };
        self.mantissa = sum;
        self.scale = scale;
        Some(())
    }

    /// The total, at the largest scale of its terms when that fits (`1.50 +
    /// 2.5` is `4.00`), or `None` when it cannot be held exactly.
    pub fn total(&self) -> Option<Decimal> {
        let (mut mantissa, mut scale) = match &self.wide {
            None => (num_bigint::BigInt::from(self.mantissa), self.scale),
            Some(wide) => (wide.clone(), 28),
        };
        let limit = num_bigint::BigInt::from((1i128 << 96) - 1);
        let ten = num_bigint::BigInt::from(10u8);
        let zero = num_bigint::BigInt::ZERO;
        // Drop trailing zeros only as far as needed to fit (or, from the big
        // integer, all of them, as its scale of 28 is not the terms').
        while scale > 0
            && (self.wide.is_some() || mantissa.magnitude() > limit.magnitude())
            && (&mantissa % &ten) == zero
        {
            mantissa /= &ten;
            scale -= 1;
        }
        let m = i128::try_from(&mantissa).ok()?;
        Decimal::try_from_i128_with_scale(m, scale).ok()
    }
}

/// The exact sum of `values`, without trailing zeros (`0.1 + 0.2` is
/// `0.3`), or `None` when it cannot be held exactly.
pub fn exact_sum<'a>(values: impl IntoIterator<Item = &'a Decimal>) -> Option<Decimal> {
    let mut total = ExactSum::new();
    for v in values {
        total.add(*v);
    }
    total.total().map(|d| d.normalize())
}

/// `value × percent / 100`, exactly, or `None` when the result cannot be
/// held exactly (it is tried in both orders, so a value near the top of
/// the range still works when the result fits).
pub fn percent_of_exact(value: Decimal, percent: u32) -> Option<Decimal> {
    let div_100 = |v: Decimal| {
        let r = v.checked_div(Decimal::ONE_HUNDRED)?.normalize();
        (mul_int_exact(r, 100)? == v).then_some(r)
    };
    mul_int_exact(value.normalize(), percent)
        .and_then(div_100)
        .or_else(|| div_100(value).and_then(|v| mul_int_exact(v, percent)))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_half_is_exact_or_none() {
        let d = |s: &str| <Decimal as std::str::FromStr>::from_str(s).unwrap();
        assert_eq!(half(d("3")), Some(d("1.5")));
        assert_eq!(half(d("4")), Some(d("2")));
        assert_eq!(half(d("3.0000000000000000000000000001")), None);
        assert_eq!(half(d("1e-28")), None);
    }
    use super::*;
    use std::str::FromStr;

    proptest::proptest! {
        /// The 64-bit way gives what rust_decimal's checked operations
        /// give (value and scale) whenever those are exact.
        #[test]
        fn small_sums_are_rust_decimals(
            a in proptest::num::i64::ANY,
            b in proptest::num::i64::ANY,
            sa in 0u32..=20,
            sb in 0u32..=20,
        ) {
            let (a, b) = (Decimal::new(a, sa.min(28)), Decimal::new(b, sb.min(28)));
            for minus in [false, true] {
                let general = if minus { a.checked_sub(b) } else { a.checked_add(b) };
                let exact = general.filter(|r| r.scale() >= a.scale().max(b.scale()));
                if let (Some(fast), Some(exact)) = (small(a, b, minus), exact) {
                    proptest::prop_assert_eq!(fast, exact);
                    proptest::prop_assert_eq!(fast.scale(), exact.scale());
                }
                let fast_or_general = if minus { sub_exact(a, b) } else { add_exact(a, b) };
                if let Some(exact) = exact {
                    proptest::prop_assert_eq!(fast_or_general, Some(exact));
                }
            }
        }
    }

    /// Two sums merged are the sum of all their terms, in 128 bits or past
    /// them.
    #[test]
    fn merged_sums_are_the_sum_of_all_terms() {
        let terms = [
            Decimal::new(150, 2),
            Decimal::new(25, 1),
            Decimal::MAX,
            Decimal::new(1, 28),
            Decimal::new(7, 0),
        ];
        for split in 0..=terms.len() {
            for skip in 0..terms.len() {
                let kept: Vec<Decimal> = terms
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != skip)
                    .map(|(_, d)| *d)
                    .collect();
                let split = split.min(kept.len());
                let mut all = ExactSum::new();
                kept.iter().for_each(|d| all.add(*d));
                let (mut head, mut tail) = (ExactSum::new(), ExactSum::new());
                kept[..split].iter().for_each(|d| head.add(*d));
                kept[split..].iter().for_each(|d| tail.add(*d));
                head.merge(&tail);
                assert_eq!(head.total(), all.total(), "split {split}, without {skip}");
                assert_eq!(
                    head.total().map(|t| t.to_string()),
                    all.total().map(|t| t.to_string())
                );
            }
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_sum_that_would_round_is_refused() {
        let a = d("43700000000.000000000000000001");
        assert_eq!(add_exact(a, a), None);
        assert_eq!(add_exact(d("1.50"), d("2.5")), Some(d("4.00")));
        assert_eq!(add_exact(Decimal::MAX, d("0.4")), None);
        assert_eq!(sub_exact(Decimal::MAX, d("0.4")), None);
        assert_eq!(sub_exact(d("0.3"), d("0.1")), Some(d("0.2")));
    }

    #[test]
    fn a_product_that_would_round_is_refused() {
        assert_eq!(mul_int_exact(d("1.0000000000000000000000000001"), 9), None);
        // Only trailing zeros dropped: still exact.
        assert_eq!(
            mul_int_exact(d("1.0000000000000000000000000001"), 60),
            Some(d("60.000000000000000000000000006"))
        );
        assert_eq!(
            mul_int_exact(d("150000000000"), 60),
            Some(d("9000000000000"))
        );
        assert_eq!(mul_int_exact(Decimal::MAX, 2), None);
    }

    #[test]
    fn exact_sums_keep_the_scale_and_never_round() {
        let mut s = ExactSum::new();
        s.add(d("1.50"));
        s.add(d("2.5"));
        assert_eq!(s.total().unwrap().to_string(), "4.00");
        let mut s = ExactSum::new();
        s.add(Decimal::MAX);
        s.add(d("0.4"));
        assert_eq!(s.total(), None);
        s.add(d("-0.4"));
        assert_eq!(s.total(), Some(Decimal::MAX));
        let mut s = ExactSum::new();
        for _ in 0..2 {
            s.add(d("43700000000.000000000000000001"));
        }
        assert_eq!(s.total(), None);
    }

    #[test]
    fn a_percentage_is_exact_or_none() {
        assert_eq!(
            percent_of_exact(d("150000000000"), 60),
            Some(d("90000000000"))
        );
        assert_eq!(
            percent_of_exact(d("1.0000000000000000000000000001"), 60),
            None
        );
        let big = Decimal::MAX / Decimal::from(10);
        assert_eq!(
            percent_of_exact(big.trunc() - big.trunc() % Decimal::ONE_HUNDRED, 60),
            Some(
                (big.trunc() - big.trunc() % Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED
                    * Decimal::from(60)
            )
        );
    }
}
