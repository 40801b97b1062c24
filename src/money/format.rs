//! Writing exact numbers: plain text for CSV and JSON ([`push_plain`]),
//! grouped digits in a unit for people ([`push_grouped`]), and short forms
//! for prose ([`format_short`]). Nothing here loses a digit unless the
//! caller asks for fewer places.

use rust_decimal::{Decimal, RoundingStrategy};

use super::Unit;

/// Zeros to pad with, a slice at a time.
const ZEROS: &str = "0000000000000000000000000000000000000000";

/// Appends `n` zeros to `out`.
fn push_zeros(out: &mut String, mut n: usize) {
    while n > 0 {
        let k = n.min(ZEROS.len());
        out.push_str(&ZEROS[..k]);
        n -= k;
    }
}

/// `value` as `Decimal`'s `Display` writes it (every digit of its scale:
/// `-1.50`, `0.001`, `42`), appended to `out` without allocating.
pub fn push_plain(out: &mut String, value: Decimal) {
    if value.is_sign_negative() {
        out.push('-');
    }
    let scale = value.scale() as usize;
    let mut digits = itoa::Buffer::new();
    let all = digits.format(value.mantissa().unsigned_abs());
    if all.len() > scale {
        let (int, frac) = all.split_at(all.len() - scale);
        out.push_str(int);
        if scale > 0 {
            out.push('.');
            out.push_str(frac);
        }
    } else {
        out.push_str("0.");
        push_zeros(out, scale - all.len());
        out.push_str(all);
    }
}

/// The trailing zeros of `m` (not zero), at most `cap`: in 64 bits when it
/// fits (128-bit division is slow).
fn trailing_zeros(m: u128, cap: u32) -> u32 {
    let mut zeros = 0;
    match u64::try_from(m) {
        Ok(mut m) => {
            while zeros < cap && m % 10 == 0 {
                m /= 10;
                zeros += 1;
            }
        }
        Err(_) => {
            let mut m = m;
            while zeros < cap && m % 10 == 0 {
                m /= 10;
                zeros += 1;
            }
        }
    }
    zeros
}

/// The finest decimal place `value` uses: `e` such that it is a whole
/// number of 10^-e (2 for 0.45, 0 for 7, -5 for 46,700,000); zero uses
/// none (`i32::MIN`).
pub fn precision_of(value: Decimal) -> i32 {
    let m = value.mantissa().unsigned_abs();
    if m == 0 {
        return i32::MIN;
    }
    let zeros = trailing_zeros(m, u32::MAX) as i32;
    value.scale() as i32 - zeros
}

/// How many decimal places `value` needs in `unit` to show every digit.
pub fn places_needed(value: Decimal, unit: Unit) -> u32 {
    let scale = value.scale() + unit.shift();
    let m = value.mantissa().unsigned_abs();
    if m == 0 || scale == 0 {
        return 0;
    }
    scale - trailing_zeros(m, scale)
}

/// Formats `value` in `unit` with `,` thousands separators and exactly
/// `places` decimal places. `places` should be at least
/// [`places_needed`]; if it is smaller, the value is rounded half-to-even
/// (this is only used for percentages that are already rounded).
pub fn format_grouped(value: Decimal, unit: Unit, places: u32) -> String {
    let mut out = String::new();
    push_grouped(&mut out, value, unit, places);
    out
}

/// [`format_grouped`], appended to `out`.
pub fn push_grouped(out: &mut String, value: Decimal, unit: Unit, places: u32) {
    let needed = places_needed(value, unit);
    let value = if needed > places && unit == Unit::Eur {
        value.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven)
    } else {
        value
    };
    let scale = (value.scale() + unit.shift()) as usize;
    let mut digits = itoa::Buffer::new();
    let all = digits.format(value.mantissa().unsigned_abs());
    let (int, frac_digits, leading_zeros) = if all.len() > scale {
        let (int, frac) = all.split_at(all.len() - scale);
        (int, frac, 0)
    } else {
        ("0", all, scale - all.len())
    };
    // The fraction without its trailing zeros, then padded to `places`.
    let frac_digits = frac_digits.trim_end_matches('0');
    let shown = if frac_digits.is_empty() {
        0
    } else {
        leading_zeros + frac_digits.len()
    };
    let width = shown.max(places as usize);
    out.reserve(2 + int.len() + int.len() / 3 + width);
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    // Groups of three digits, the first one possibly shorter.
    let first = match int.len() % 3 {
        0 => 3,
        short => short,
    };
    out.push_str(&int[..first.min(int.len())]);
    let mut at = first;
    while at < int.len() {
        out.push(',');
        out.push_str(&int[at..at + 3]);
        at += 3;
    }
    if width > 0 {
        out.push('.');
        if shown > 0 {
            push_zeros(out, leading_zeros);
            out.push_str(frac_digits);
        }
        push_zeros(out, width - shown);
    }
}

/// The length of [`push_grouped`]'s text (all ASCII), worked out from the
/// number's digits without writing it.
pub fn grouped_len(value: Decimal, unit: Unit, places: u32) -> usize {
    let needed = places_needed(value, unit);
    let value = if needed > places && unit == Unit::Eur {
        value.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven)
    } else {
        value
    };
    let sign = usize::from(value.is_sign_negative() && !value.is_zero());
    let scale = (value.scale() + unit.shift()) as usize;
    let m = value.mantissa().unsigned_abs();
    let all = m.checked_ilog10().map_or(1, |l| l as usize + 1);
    let int = if all > scale { all - scale } else { 1 };
    let width = (places_needed(value, unit) as usize).max(places as usize);
    sign + int + (int - 1) / 3 + if width > 0 { width + 1 } else { 0 }
}

/// A short human form of an amount for prose: `€43.7bn`, `€787m`,
/// `€46.7m`, `€66.3m`, `€950`. Exact: it uses as many digits as the value
/// has.
pub fn format_short(value: Decimal) -> String {
    let abs = value.abs();
    let unit = if abs >= Decimal::from(1_000_000_000u64) {
        Unit::Bn
    } else if abs >= Decimal::from(1_000_000u64) {
        Unit::M
    } else {
        Unit::Eur
    };
    let places = places_needed(value, unit);
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    let suffix = match unit {
        Unit::Eur => "",
        Unit::M => "m",
        Unit::Bn => "bn",
    };
    format!(
        "{sign}€{}{suffix}",
        format_grouped(value.abs(), unit, places)
    )
}

/// An amount rounded for reading, as prose and chart labels show it: at
/// most four significant figures in the largest fitting unit (`€43.73bn`,
/// `€787.7m`, `€46.8k`, `€75.94`), rounded half-to-even. Wherever it is
/// printed, the exact figure is printed beside it (a table, a tooltip).
pub fn format_compact(value: Decimal) -> String {
    format_compact_with(value, RoundingStrategy::MidpointNearestEven)
}

/// The digits [`format_compact`] keeps.
const COMPACT_DIGITS: u32 = 4;

/// [`format_compact`] with a rounding direction: a lower bound is printed
/// rounded down (`ToNegativeInfinity`) and an upper bound rounded up
/// (`ToPositiveInfinity`), so that the printed range holds the exact one.
pub fn format_compact_with(value: Decimal, strategy: RoundingStrategy) -> String {
    compact_to(value, COMPACT_DIGITS, strategy).0
}

/// `value` compact, with as many more significant digits as it takes to
/// print it apart from each of `limits` it differs from, on the right
/// side (€150,033,700,000 against €150bn: `€150.03bn`, never `€150bn`).
pub fn format_compact_apart(value: Decimal, limits: &[Decimal]) -> String {
    let nearest = RoundingStrategy::MidpointNearestEven;
    for digits in COMPACT_DIGITS..=MAX_DIGITS {
        let (text, shown) = compact_to(value, digits, nearest);
        if limits.iter().all(|&l| shown.cmp(&l) == value.cmp(&l)) {
            return text;
        }
    }
    format_short(value)
}

/// A figure and its bounds compact, the bounds rounded outward, with the
/// significant digits it takes for the printed range to be apart where
/// the exact one is, to hold the figure apart from either end it differs
/// from, and to be no more than twice as wide as the exact range:
/// (`€147.46bn`, `€147.47bn`, `€147.53bn`).
pub fn format_compact_range(
    min: Decimal,
    value: Decimal,
    max: Decimal,
    limits: &[Decimal],
) -> [String; 3] {
    use RoundingStrategy::{MidpointNearestEven, ToNegativeInfinity, ToPositiveInfinity};
    let width = max.checked_sub(min);
    let mut last = None;
    for digits in COMPACT_DIGITS..=MAX_DIGITS {
        let (lo, low) = compact_to(min, digits, ToNegativeInfinity);
        let (mid, shown) = compact_to(value, digits, MidpointNearestEven);
        let (hi, high) = compact_to(max, digits, ToPositiveInfinity);
        let apart = |a: Decimal, b: Decimal, x: Decimal, y: Decimal| (a < b) == (x < y);
        let sides = |printed: Decimal, exact: Decimal| {
            limits.iter().all(|&l| printed.cmp(&l) == exact.cmp(&l))
        };
        if apart(low, high, min, max)
            && apart(low, shown, min, value)
            && apart(shown, high, value, max)
            && sides(low, min)
            && sides(shown, value)
            && sides(high, max)
            && match (
                high.checked_sub(low),
                width.and_then(|w| w.checked_mul(Decimal::TWO)),
            ) {
                (Some(printed), Some(twice)) => printed <= twice,
                _ => true,
            }
        {
            return [lo, mid, hi];
        }
        last = Some([lo, mid, hi]);
    }
    last.unwrap_or_default()
}

/// The most significant digits a compact figure is given.
const MAX_DIGITS: u32 = 28;

/// [`format_compact_with`] to `digits` significant digits: the text and
/// the value it shows, in euros.
fn compact_to(value: Decimal, digits: u32, strategy: RoundingStrategy) -> (String, Decimal) {
    const UNITS: [(u32, &str); 4] = [(9, "bn"), (6, "m"), (3, "k"), (0, "")];
    let abs = value.abs();
    // The largest unit the value reaches (thousands only from 10,000, so
    // that €3,052.84 stays euros); rounding may carry it into the next.
    let mut at = UNITS
        .iter()
        .position(|&(shift, suffix)| {
            let floor = if suffix == "k" { 4 } else { shift };
            abs >= Decimal::from(10u64.pow(floor))
        })
        .unwrap_or(UNITS.len() - 1);
    loop {
        let (shift, suffix) = UNITS[at];
        let scaled = shifted(value, shift);
        let int_digits = integer_digits(scaled.abs());
        let places = digits
            .saturating_sub(int_digits)
            .min(if shift == 0 { 2 } else { digits });
        let rounded = scaled.round_dp_with_strategy(places, strategy);
        // Past what the unit shows (1,000 of it; 10,000 plain euros), the
        // rounding carried into the next unit.
        let carried = Decimal::from(if shift == 0 { 10_000 } else { 1000 });
        if at > 0 && rounded.abs() >= carried {
            at -= 1;
            continue;
        }
        let rounded = rounded.normalize();
        let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
            "-"
        } else {
            ""
        };
        let shown = rounded.abs();
        // Euros with cents keep both places (`€75.90`, not `€75.9`).
        let places = if shift == 0 && shown.scale() > 0 {
            2
        } else {
            shown.scale()
        };
        let euros = rounded
            .checked_mul(Decimal::from(10u64.pow(shift)))
            .unwrap_or(rounded);
        return (
            format!(
                "{sign}€{}{suffix}",
                format_grouped(shown, Unit::Eur, places)
            ),
            euros,
        );
    }
}

/// `value` rounded to `places` decimal places of `unit` (`1.5bn` to one
/// place of €bn), with `strategy`, back in euros; `value` itself when
/// that many places hold it.
pub fn round_at(value: Decimal, unit: Unit, places: u32, strategy: RoundingStrategy) -> Decimal {
    if places_needed(value, unit) <= places {
        return value;
    }
    let shift = unit.shift();
    let rounded = shifted(value, shift).round_dp_with_strategy(places, strategy);
    rounded
        .checked_mul(Decimal::from(10u64.pow(shift)))
        .map_or(value, |d| d.normalize())
}

/// `value / 10^shift`, exactly (a move of the decimal point).
fn shifted(value: Decimal, shift: u32) -> Decimal {
    let scale = value.scale() + shift;
    if scale <= 28 {
        Decimal::from_i128_with_scale(value.mantissa(), scale)
    } else {
        // Past 28 places only digits far below what is shown are lost.
        value / Decimal::from(10u64.pow(shift))
    }
}

/// How many digits the integer part of `value` (≥ 0) has (1 for `0.5`).
fn integer_digits(value: Decimal) -> u32 {
    let mut int = value.trunc().mantissa().unsigned_abs();
    let mut n = 1;
    while int >= 10 {
        int /= 10;
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    proptest::proptest! {
        /// Grouped text is the value in its unit, every digit kept, in
        /// groups of three, with at least `places` decimals (euros with
        /// more places than asked are rounded half-to-even); its length is
        /// `grouped_len`'s.
        #[test]
        fn grouped_text_is_the_value_in_groups_of_three(
            mantissa in proptest::num::i128::ANY,
            scale in 0u32..=28,
            places in 0u32..=30,
            unit in proptest::sample::select(vec![Unit::Eur, Unit::M, Unit::Bn]),
        ) {
            let value = Decimal::from_i128_with_scale(mantissa >> 32, scale);
            let mut text = String::new();
            push_grouped(&mut text, value, unit, places);
            proptest::prop_assert_eq!(grouped_len(value, unit, places), text.len(), "{}", text);
            let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
            let int = int.trim_start_matches('-');
            let groups: Vec<&str> = int.split(',').collect();
            proptest::prop_assert!(groups[0].len() <= 3 && !groups[0].is_empty(), "{}", text);
            proptest::prop_assert!(groups[1..].iter().all(|g| g.len() == 3), "{}", text);
            proptest::prop_assert!(frac.len() >= places as usize, "{}", text);
            let expected = if unit == Unit::Eur && places_needed(value, unit) > places {
                value.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven)
            } else {
                value
            };
            proptest::prop_assume!(expected.scale() + unit.shift() <= 28);
            let mut exact = expected;
            exact.set_scale(expected.scale() + unit.shift()).unwrap();
            let digits = text.replace(',', "");
            let digits = if digits.contains('.') {
                digits.trim_end_matches('0').trim_end_matches('.')
            } else {
                &digits
            };
            proptest::prop_assert_eq!(digits, exact.normalize().to_string(), "{}", text);
        }

        /// Plain text is `Decimal`'s own, digit for digit.
        #[test]
        fn plain_text_is_decimals_display(mantissa in proptest::num::i128::ANY, scale in 0u32..=28) {
            let value = Decimal::from_i128_with_scale(mantissa % 10i128.pow(28), scale);
            let mut text = String::new();
            push_plain(&mut text, value);
            proptest::prop_assert_eq!(text, value.to_string());
            let mut zero = String::new();
            push_plain(&mut zero, -Decimal::new(0, scale));
            proptest::prop_assert_eq!(zero, (-Decimal::new(0, scale)).to_string());
        }

    }

    #[test]
    fn format_grouped_keeps_every_digit() {
        assert_eq!(
            format_grouped(d("43700000000"), Unit::Eur, 0),
            "43,700,000,000"
        );
        assert_eq!(format_grouped(d("46700000"), Unit::Bn, 4), "0.0467");
        assert_eq!(format_grouped(d("46700000"), Unit::M, 1), "46.7");
        assert_eq!(format_grouped(d("43700000000"), Unit::M, 1), "43,700.0");
        assert_eq!(format_grouped(d("-66300000"), Unit::Eur, 0), "-66,300,000");
        assert_eq!(format_grouped(d("0.1"), Unit::Eur, 2), "0.10");
        assert_eq!(format_grouped(d("999"), Unit::Eur, 0), "999");
        assert_eq!(format_grouped(d("1000"), Unit::Eur, 0), "1,000");
        assert_eq!(places_needed(d("46700000"), Unit::Bn), 4);
        assert_eq!(places_needed(d("46700000"), Unit::Eur), 0);
    }

    #[test]
    fn format_short_reads_like_prose() {
        assert_eq!(format_short(d("43700000000")), "€43.7bn");
        assert_eq!(format_short(d("66300000")), "€66.3m");
        assert_eq!(format_short(d("787000000")), "€787m");
        assert_eq!(format_short(d("950")), "€950");
        assert_eq!(format_short(d("-4933700000")), "-€4.9337bn");
    }

    #[test]
    fn compact_amounts_keep_four_significant_figures() {
        assert_eq!(format_compact(d("43734100805")), "€43.73bn");
        assert_eq!(format_compact(d("43700000000")), "€43.7bn");
        assert_eq!(format_compact(d("149656930258")), "€149.7bn");
        assert_eq!(format_compact(d("787669283")), "€787.7m");
        assert_eq!(format_compact(d("46796822")), "€46.8m");
        assert_eq!(format_compact(d("66300000")), "€66.3m");
        assert_eq!(format_compact(d("1000000000")), "€1bn");
        assert_eq!(format_compact(d("999960000")), "€1bn");
        assert_eq!(format_compact(d("46796.22")), "€46.8k");
        assert_eq!(format_compact(d("3052.84")), "€3,053");
        assert_eq!(format_compact(d("75.9")), "€75.90");
        assert_eq!(format_compact(d("7.79")), "€7.79");
        assert_eq!(format_compact(d("-2354800000")), "-€2.355bn");
        assert_eq!(format_compact(d("0")), "€0");
        assert_eq!(
            format_compact_with(d("-2354800000"), RoundingStrategy::ToNegativeInfinity),
            "-€2.355bn"
        );
        assert_eq!(
            format_compact_with(d("149656930258"), RoundingStrategy::ToPositiveInfinity),
            "€149.7bn"
        );
        assert_eq!(
            format_compact_with(d("149656930258"), RoundingStrategy::ToNegativeInfinity),
            "€149.6bn"
        );
    }
}
