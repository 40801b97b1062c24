//! Decisions on exact values: a figure that rounds a quotient (which way a
//! share rounds, which member gets the last unit of a largest-remainder
//! split, where an index lands at a midpoint) is decided on the exact
//! fraction, never on a 28-digit approximation of it. Integers of 128 bits
//! where the figures fit (amounts in euros and cents do), big integers
//! where they do not.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};
use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// `values` as integers at one scale (the largest of theirs): each value
/// is `integer / 10^scale`.
fn at_one_scale(values: &[Decimal]) -> (Vec<BigInt>, u32) {
    let scale = values.iter().map(|d| d.scale()).max().unwrap_or(0);
    let ints = values
        .iter()
        .map(|d| BigInt::from(d.mantissa()) * BigInt::from(10u8).pow(scale - d.scale()))
        .collect();
    (ints, scale)
}

/// `value × 10^places` as an integer, or `None` when `value` has more
/// places than that.
fn units(value: Decimal, places: u32) -> Option<BigInt> {
    let scale = value.scale();
    if scale > places {
        let ten = BigInt::from(10u8).pow(scale - places);
        let (q, r) = BigInt::from(value.mantissa()).div_rem(&ten);
        return r.is_zero().then_some(q);
    }
    Some(BigInt::from(value.mantissa()) * BigInt::from(10u8).pow(places - scale))
}

/// An integer count of units of `10^-places` as a `Decimal`, exactly.
fn from_units(units: &BigInt, places: u32, what: &str) -> Result<Decimal> {
    units
        .to_i128()
        .and_then(|u| Decimal::try_from_i128_with_scale(u, places).ok())
        .ok_or_else(|| Error::overflow(what))
}

/// `num / den` (den > 0) rounded half-to-even to a whole number.
fn nearest(num: &BigInt, den: &BigInt) -> BigInt {
    let (q, r) = num.div_mod_floor(den);
    let twice: BigInt = r * 2;
    match twice.cmp(den) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    }
}

/// Largest-remainder (Hamilton) rounding of the quotients
/// `parts[i] × factor / whole` to `places` decimal places so that they add
/// up to `target`: each is rounded down, and the units still missing go to
/// the largest remainders, compared exactly; equal remainders go to the
/// earlier part (callers pass parts in their tie-break order). With
/// `caps`, no part is rounded up past its cap. `whole` must be positive.
///
/// An error when a figure cannot be held, or the target cannot be met.
pub fn largest_remainder(
    parts: &[Decimal],
    factor: Decimal,
    whole: Decimal,
    places: u32,
    target: Decimal,
    caps: Option<&[Decimal]>,
    what: &str,
) -> Result<Vec<Decimal>> {
    if whole <= Decimal::ZERO {
        return Err(Error::overflow(what));
    }
    // parts[i] × factor / whole × 10^places over one denominator:
    //   P_i × fm × 10^(places + ws) / (wm × 10^(ps + fs)).
    let (ints, ps) = at_one_scale(parts);
    let ten = |n: u32| BigInt::from(10u8).pow(n);
    let numerator = BigInt::from(factor.mantissa()) * ten(places + whole.scale());
    let den = BigInt::from(whole.mantissa()) * ten(ps + factor.scale());
    let target = units(target, places).ok_or_else(|| Error::overflow(what))?;
    let caps: Option<Vec<BigInt>> = match caps {
        Some(c) => Some(
            c.iter()
                .map(|&c| units(c, places))
                .collect::<Option<_>>()
                .ok_or_else(|| Error::overflow(what))?,
        ),
        None => None,
    };
    let mut floors = Vec::with_capacity(parts.len());
    let mut rems = Vec::with_capacity(parts.len());
    for p in &ints {
        let (q, r) = (p * &numerator).div_mod_floor(&den);
        floors.push(q);
        rems.push(r);
    }
    let floor_sum: BigInt = floors.iter().sum();
    let missing = (target - floor_sum)
        .to_usize()
        .filter(|&m| m <= parts.len())
        .ok_or_else(|| Error::overflow(what))?;
    let mut order: Vec<usize> = (0..parts.len())
        .filter(|&i| {
            caps.as_ref()
                .is_none_or(|c| &floors[i] + BigInt::one() <= c[i])
        })
        .collect();
    // A stable sort keeps the callers' order among equal remainders.
    order.sort_by(|&a, &b| rems[b].cmp(&rems[a]));
    if order.len() < missing {
        return Err(Error::overflow(what));
    }
    for &i in order.iter().take(missing) {
        floors[i] += 1;
    }
    floors.iter().map(|u| from_units(u, places, what)).collect()
}

/// Herfindahl–Hirschman index of `amounts` (Σ (100 · aᵢ / A)², A their sum),
/// rounded half-to-even to 2 places from the exact fraction
/// `10⁴ · Σ aᵢ² / A²`.
pub fn hhi(amounts: &[Decimal]) -> Result<Decimal> {
    let what = "the HHI";
    let (ints, _) = at_one_scale(amounts);
    let total: BigInt = ints.iter().sum();
    if total.is_zero() {
        return Err(Error::overflow(what));
    }
    let squares: BigInt = ints.iter().map(|a| a * a).sum();
    let num = squares * BigInt::from(10u8).pow(6);
    from_units(&nearest(&num, &(&total * &total)), 2, what)
}

/// Gini coefficient of `ascending` amounts (Σ (2i − n − 1) · xᵢ / (n · A)),
/// rounded half-to-even to 4 places from the exact fraction.
pub fn gini(ascending: &[Decimal]) -> Result<Decimal> {
    let what = "the Gini coefficient";
    let (ints, _) = at_one_scale(ascending);
    let n = BigInt::from(ascending.len());
    let total: BigInt = ints.iter().sum();
    if total.is_zero() {
        return Err(Error::overflow(what));
    }
    let weighted: BigInt = ints
        .iter()
        .enumerate()
        .map(|(i, x)| x * (BigInt::from(2 * i + 1) - &n))
        .sum();
    let num = weighted * BigInt::from(10u8).pow(4);
    from_units(&nearest(&num, &(n * total)), 4, what)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn equal_remainders_go_to_the_earlier_part() {
        // FR 16.22bn and CY 1.19bn of 150bn: 10.8133… and 0.7933…, the
        // same remainder; the unit goes to FR, listed first.
        let shares = largest_remainder(
            &[d("16220000000"), d("1190000000")],
            d("100"),
            d("150000000000"),
            2,
            d("11.61"),
            None,
            "x",
        )
        .unwrap();
        assert_eq!(shares, [d("10.82"), d("0.79")]);
    }

    #[test]
    fn indices_at_a_midpoint_round_half_to_even() {
        // 5bn, 8bn, 35bn: HHI 5703.125 exactly.
        assert_eq!(hhi(&[d("5"), d("8"), d("35")]).unwrap(), d("5703.12"));
        assert_eq!(hhi(&[d("1"), d("1")]).unwrap(), d("5000"));
        assert_eq!(gini(&[d("1"), d("1")]).unwrap(), d("0"));
        assert_eq!(gini(&[d("0"), d("1")]).unwrap(), d("0.5"));
    }
}
