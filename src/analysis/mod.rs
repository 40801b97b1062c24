//! Pure analysis: functions that take validated records and return typed,
//! `Serialize` reports of numbers, enums and ids (no prose: the views in
//! `cmd` write that). Nothing here reads files or prints. Each module is
//! named after the command it serves.

/// What the listings whose rows are kept small share (`rank`, `shares`,
/// `per-capita`: a member and what was worked out over the whole table
/// per row, the rest worked out by `get(i)` when a row is asked for): the
/// length, the rows one by one, reading ahead, and JSON as a list. The
/// type holds `rows: Vec<_>` whose items have an `allocation`.
macro_rules! small_rows {
    ($rows:ident, $row:ident) => {
        impl<'a> $rows<'a> {
            pub fn len(&self) -> usize {
                self.rows.len()
            }

            pub fn is_empty(&self) -> bool {
                self.rows.is_empty()
            }

            pub fn iter(&self) -> impl Iterator<Item = $row<'a>> + '_ {
                (0..self.len()).map(|i| self.get(i))
            }

            /// Reads the members of rows `rows` ahead of making them
            /// (see [`read_ahead`](crate::analysis::read_ahead)).
            pub fn read_ahead(&self, rows: std::ops::Range<usize>) {
                crate::analysis::read_ahead(
                    self.rows
                        .get(rows)
                        .unwrap_or_default()
                        .iter()
                        .map(|k| k.allocation),
                );
            }
        }
    };
}

pub mod bounds;
pub mod chart;
pub mod check;
pub mod diff;
pub mod exact;
pub mod overview;
pub mod per_capita;
pub mod rank;
pub mod shares;
pub mod show;
pub mod stats;
pub mod table;
pub mod timeline;
pub mod total;
pub mod what_if;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};
use crate::money::sub_exact;

/// Percentages in reports are rounded half-to-even to this many places,
/// except where a command takes `--precision`.
pub const PCT_PLACES: u32 = 2;

/// `part / whole × 100`, to the 28 significant digits a `Decimal` holds,
/// with overflow reported as an error naming `what`.
pub fn percent(part: Decimal, whole: Decimal, what: &str) -> Result<Decimal> {
    let hundred = Decimal::ONE_HUNDRED;
    part.checked_mul(hundred)
        .and_then(|p| p.checked_div(whole))
        .or_else(|| part.checked_div(whole)?.checked_mul(hundred))
        .ok_or_else(|| Error::overflow(what))
}

/// Rounds half-to-even to exactly `places` decimal places (so `10` prints as
/// `10.00` when `places` is 2).
pub fn round_to(value: Decimal, places: u32) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven);
    rounded.rescale(places);
    rounded
}

/// Reads `members` into the cache in one loop whose loads overlap: a
/// listing's rows are in ranking order and the table in file order, so a
/// row made on its own waits for memory (see `Rows::reading_ahead`).
pub fn read_ahead<'x>(members: impl Iterator<Item = &'x crate::dataset::Allocation>) {
    let mut touched = 0usize;
    for a in members {
        touched ^= a.code.len() ^ a.name.len() ^ a.max.scale() as usize;
    }
    std::hint::black_box(touched);
}

/// A percentage as reports show it: `part / whole × 100` rounded
/// half-to-even to [`PCT_PLACES`] places, from the exact quotient.
pub fn pct(part: Decimal, whole: Decimal, what: &str) -> Result<Decimal> {
    percent_with(
        part,
        whole,
        PCT_PLACES,
        RoundingStrategy::MidpointNearestEven,
        what,
    )
}

/// `part / whole × 100` rounded to exactly `places` decimal places with
/// `strategy` (half-to-even, down or up), from the exact quotient: in
/// 128-bit integers when the figures fit, as amounts in euros and cents
/// do, else in big integers. Never rounded twice.
pub fn percent_with(
    part: Decimal,
    whole: Decimal,
    places: u32,
    strategy: RoundingStrategy,
    what: &str,
) -> Result<Decimal> {
    ratio(part, whole, 2, places, strategy, what)
}

/// `part / whole × 10^exponent` rounded to `places` decimal places with
/// `strategy`, from the exact quotient (see [`percent_with`]); fewer
/// places only when the figure is too large for them.
pub fn ratio(
    part: Decimal,
    whole: Decimal,
    exponent: u32,
    places: u32,
    strategy: RoundingStrategy,
    what: &str,
) -> Result<Decimal> {
    // Nothing of something (an unchanged member): no division.
    if part.is_zero() && !whole.is_zero() && places <= 28 {
        return Ok(Decimal::new(0, places));
    }
    // A figure too large to hold with `places` decimals (a table of absurd
    // amounts) keeps as many as it can, rounded from the exact quotient.
    let mut error = None;
    for p in (0..=places).rev() {
        match ratio_at(part, whole, exponent, p, strategy, what) {
            Ok(value) => return Ok(value),
            Err(e) => error = Some(e),
        }
    }
    Err(error.unwrap_or_else(|| Error::overflow(what)))
}

fn ratio_at(
    part: Decimal,
    whole: Decimal,
    exponent: u32,
    places: u32,
    strategy: RoundingStrategy,
    what: &str,
) -> Result<Decimal> {
    if whole.is_zero() {
        return Err(Error::overflow(what));
    }
    // part/whole × 10^exponent × 10^places
    //   = pm × 10^(ws − ps + exponent + places) / wm.
    let (pm, ps) = (part.mantissa(), part.scale());
    let (wm, ws) = (whole.mantissa(), whole.scale());
    let shift = i64::from(ws) - i64::from(ps) + i64::from(exponent) + i64::from(places);
    let narrow = || -> Option<i128> {
        let (num, den) = fraction_i128(part, whole, exponent + places)?;
        round_quotient_i128(num, den, strategy)
    };
    let rounded = match narrow() {
        Some(q) => q,
        None => {
            use num_bigint::BigInt;
            let ten = BigInt::from(10u8);
            let (mut num, mut den) = (BigInt::from(pm), BigInt::from(wm));
            if shift >= 0 {
                num *= ten.pow(shift as u32);
            } else {
                den *= ten.pow((-shift) as u32);
            }
            if den < BigInt::ZERO {
                num = -num;
                den = -den;
            }
            let q = round_quotient_big(&num, &den, strategy);
            i128::try_from(q).map_err(|_| Error::overflow(what))?
        }
    };
    Decimal::try_from_i128_with_scale(rounded, places).map_err(|_| Error::overflow(what))
}

/// `part / whole × 10^digits` as a fraction of 128-bit integers with a
/// positive denominator, or `None` when it does not fit.
fn fraction_i128(part: Decimal, whole: Decimal, digits: u32) -> Option<(i128, i128)> {
    let (pm, ps) = (part.mantissa(), part.scale());
    let (wm, ws) = (whole.mantissa(), whole.scale());
    let shift = i64::from(ws) - i64::from(ps) + i64::from(digits);
    let pow = |n: i64| 10i128.checked_pow(u32::try_from(n).ok()?);
    let (num, den) = if shift >= 0 {
        (pm.checked_mul(pow(shift)?)?, wm)
    } else {
        (pm, wm.checked_mul(pow(-shift)?)?)
    };
    if den < 0 {
        Some((num.checked_neg()?, -den))
    } else {
        Some((num, den))
    }
}

/// `num / den` (den > 0) rounded to a whole number with `strategy`.
fn round_quotient_i128(num: i128, den: i128, strategy: RoundingStrategy) -> Option<i128> {
    let (q, r) = div_rem_floor(num, den);
    Some(match strategy {
        RoundingStrategy::ToNegativeInfinity => q,
        RoundingStrategy::ToPositiveInfinity => q + i128::from(r != 0),
        _ => {
            let twice = r.checked_mul(2)?;
            match twice.cmp(&den) {
                std::cmp::Ordering::Greater => q + 1,
                std::cmp::Ordering::Equal if q % 2 != 0 => q + 1,
                _ => q,
            }
        }
    })
}

/// `num / den` (den > 0) rounded down, and the remainder (0 ≤ r < den):
/// in 64 bits when both fit (amounts in cents do), one division either way.
fn div_rem_floor(num: i128, den: i128) -> (i128, i128) {
    if let (Ok(n), Ok(d)) = (i64::try_from(num), i64::try_from(den)) {
        let (q, r) = (n / d, n % d);
        return if r < 0 {
            (i128::from(q) - 1, i128::from(r) + i128::from(d))
        } else {
            (i128::from(q), i128::from(r))
        };
    }
    let (q, r) = (num / den, num % den);
    if r < 0 { (q - 1, r + den) } else { (q, r) }
}

/// `part / whole × 100` to `places` decimal places three ways from one
/// exact quotient: half-to-even, down and up (a figure and the outward
/// bounds of an exact one). `None` when the quotient needs more than 128
/// bits (the callers then take [`percent_with`] three times).
pub fn percents(part: Decimal, whole: Decimal, places: u32) -> Option<(Decimal, Decimal, Decimal)> {
    if whole.is_zero() {
        return None;
    }
    let (num, den) = fraction_i128(part, whole, 2 + places)?;
    let (q, r) = div_rem_floor(num, den);
    let twice = r.checked_mul(2)?;
    let nearest = match twice.cmp(&den) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q % 2 != 0 => q + 1,
        _ => q,
    };
    let up = q + i128::from(r != 0);
    let at = |v: i128| Decimal::try_from_i128_with_scale(v, places).ok();
    Some((at(nearest)?, at(q)?, at(up)?))
}

/// [`round_quotient_i128`] in big integers.
fn round_quotient_big(
    num: &num_bigint::BigInt,
    den: &num_bigint::BigInt,
    strategy: RoundingStrategy,
) -> num_bigint::BigInt {
    use num_bigint::BigInt;
    let zero = BigInt::ZERO;
    // Division rounds towards zero; the floor is one less below zero.
    let (mut q, mut r) = (num / den, num % den);
    if r < zero {
        q -= 1;
        r += den;
    }
    match strategy {
        RoundingStrategy::ToNegativeInfinity => q,
        RoundingStrategy::ToPositiveInfinity if r != zero => q + 1,
        RoundingStrategy::ToPositiveInfinity => q,
        _ => {
            let twice: BigInt = &r * 2;
            match twice.cmp(den) {
                std::cmp::Ordering::Greater => q + 1,
                std::cmp::Ordering::Equal if &q % 2 != zero => q + 1,
                _ => q,
            }
        }
    }
}

/// The exact sum of amounts, without trailing zeros (`0.1 + 0.2` is
/// `0.3`); an error when it cannot be held exactly.
pub fn sum<'a>(values: impl IntoIterator<Item = &'a Decimal>, what: &str) -> Result<Decimal> {
    crate::money::exact_sum(values).ok_or_else(|| Error::overflow(what))
}

/// The exact difference `a − b`, without trailing zeros; an error when it
/// cannot be held exactly.
pub fn sub(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    sub_exact(a, b)
        .map(|d| d.normalize())
        .ok_or_else(|| Error::overflow(what))
}

/// Euros per inhabitant, rounded half-to-even to cents (from the exact
/// quotient).
/// How a rounded figure's bounds are rounded: outward (the lower down, the
/// upper up) when its inputs have bounds of their own; half-to-even, as
/// the figure itself, when they are exact (so an exact figure's bounds are
/// the figure: its places say its precision).
pub fn bound_strategies(exact_inputs: bool) -> (RoundingStrategy, RoundingStrategy) {
    if exact_inputs {
        (
            RoundingStrategy::MidpointNearestEven,
            RoundingStrategy::MidpointNearestEven,
        )
    } else {
        (
            RoundingStrategy::ToNegativeInfinity,
            RoundingStrategy::ToPositiveInfinity,
        )
    }
}

pub fn per_capita(amount: Decimal, population: u64) -> Result<Decimal> {
    per_capita_with(amount, population, RoundingStrategy::MidpointNearestEven)
}

/// Euros per inhabitant, rounded to cents with `strategy` (down for a
/// lower bound, up for an upper one).
pub fn per_capita_with(
    amount: Decimal,
    population: u64,
    strategy: RoundingStrategy,
) -> Result<Decimal> {
    ratio(
        amount,
        Decimal::from(population),
        0,
        2,
        strategy,
        "an amount per inhabitant",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percent_is_exact_where_it_terminates() {
        assert_eq!(
            percent(d("76590000000"), d("150000000000"), "x").unwrap(),
            d("51.06")
        );
        assert_eq!(
            pct(d("43700000000"), d("150000000000"), "x")
                .unwrap()
                .to_string(),
            "29.13"
        );
        assert_eq!(pct(d("1"), d("1"), "x").unwrap().to_string(), "100.00");
        // Nothing of something, whatever the scales: zero at `places`.
        for zero in [d("0"), d("0.000"), -d("0.0")] {
            let p = pct(zero, d("150000000000.5"), "x").unwrap();
            assert_eq!(
                (p.to_string(), p.is_sign_negative()),
                ("0.00".into(), false)
            );
        }
    }

    #[test]
    fn the_integer_path_rounds_as_the_decimal_path() {
        for (part, whole) in [
            ("43700000000", "150000000000"),
            ("1", "3"),
            ("2", "3"),
            ("0.125", "100"),
            ("0.135", "100"),
            ("-0.125", "100"),
            ("46700000", "149933700000"),
            ("787669283", "150000000000"),
            ("12345678901234.56", "98765432109876.54"),
        ] {
            let (p, w) = (d(part), d(whole));
            let slow = round_to(percent(p, w, "x").unwrap(), PCT_PLACES);
            assert_eq!(pct(p, w, "x").unwrap(), slow, "{part}/{whole}");
        }
    }

    #[test]
    fn round_to_is_half_even() {
        assert_eq!(round_to(d("0.125"), 2), d("0.12"));
        assert_eq!(round_to(d("0.135"), 2), d("0.14"));
        assert_eq!(round_to(d("5"), 1).to_string(), "5.0");
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(percent(Decimal::MAX, d("0.0001"), "x").is_err());
        assert!(sum([&Decimal::MAX, &Decimal::ONE], "x").is_err());
        assert!(sub(Decimal::MIN, Decimal::ONE, "x").is_err());
    }
}
