//! Pure analysis: functions that take validated records and return typed,
//! `Serialize` reports of numbers, enums and ids (no prose: the views in
//! `cmd` write that). Nothing here reads files or prints. Each module is
//! named after the command it serves.

pub mod chart;
pub mod check;
pub mod diff;
pub mod overview;
pub mod per_capita;
pub mod rank;
pub mod shares;
pub mod show;
pub mod stats;
pub mod table;
pub mod total;
pub mod what_if;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};
use crate::money::{ExactSum, sub_exact};

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

/// A percentage as reports show it: `part / whole × 100` rounded
/// half-to-even to [`PCT_PLACES`] places, from the exact quotient (in
/// 128-bit integers when the figures fit, as they do for amounts in
/// euros and cents; through `Decimal` otherwise).
pub fn pct(part: Decimal, whole: Decimal, what: &str) -> Result<Decimal> {
    if let Some(fast) = pct_exact_rounding(part, whole) {
        return Ok(fast);
    }
    Ok(round_to(percent(part, whole, what)?, PCT_PLACES))
}

/// `part / whole × 100` to 2 places, half-to-even, in integers: `None`
/// when the figures do not fit in 128 bits.
fn pct_exact_rounding(part: Decimal, whole: Decimal) -> Option<Decimal> {
    const POW10: [i128; 13] = [
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
        10_000_000_000,
        100_000_000_000,
        1_000_000_000_000,
    ];
    let (pm, ps) = (part.mantissa(), part.scale());
    let (wm, ws) = (whole.mantissa(), whole.scale());
    if wm <= 0 {
        return None;
    }
    // part/whole × 100 × 10^2 = pm × 10^(ws − ps + 4) / wm.
    let shift = i64::from(ws) - i64::from(ps) + 4;
    let (numerator, denominator) = if shift >= 0 {
        (pm.checked_mul(*POW10.get(shift as usize)?)?, wm)
    } else {
        (pm, wm.checked_mul(*POW10.get((-shift) as usize)?)?)
    };
    let quotient = numerator.div_euclid(denominator);
    let remainder = numerator.rem_euclid(denominator);
    // Half-to-even on the exact remainder.
    let twice = remainder.checked_mul(2)?;
    let rounded = match twice.cmp(&denominator) {
        std::cmp::Ordering::Greater => quotient + 1,
        std::cmp::Ordering::Equal if quotient % 2 != 0 => quotient + 1,
        _ => quotient,
    };
    Decimal::try_from_i128_with_scale(rounded, PCT_PLACES).ok()
}

/// The exact sum of amounts, without trailing zeros (`0.1 + 0.2` is
/// `0.3`); an error when it cannot be held exactly.
pub fn sum<'a>(values: impl IntoIterator<Item = &'a Decimal>, what: &str) -> Result<Decimal> {
    let mut total = ExactSum::new();
    for v in values {
        total.add(*v);
    }
    total
        .total()
        .map(|d| d.normalize())
        .ok_or_else(|| Error::overflow(what))
}

/// The exact difference `a − b`, without trailing zeros; an error when it
/// cannot be held exactly.
pub fn sub(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    sub_exact(a, b)
        .map(|d| d.normalize())
        .ok_or_else(|| Error::overflow(what))
}

/// Euros per inhabitant, rounded half-to-even to cents.
pub fn per_capita(amount: Decimal, population: u64) -> Result<Decimal> {
    amount
        .checked_div(Decimal::from(population))
        .map(|v| round_to(v, 2))
        .ok_or_else(|| Error::overflow("an amount per inhabitant"))
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
            assert_eq!(pct_exact_rounding(p, w), Some(slow), "{part}/{whole}");
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
