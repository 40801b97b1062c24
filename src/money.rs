//! Money: exact decimal parsing and formatting.
//!
//! * [`parse_exact`] reads a plain decimal number (as found in a data file:
//!   `43700000000`, `0.1`, `4.37e10`) into a [`Decimal`] without ever going
//!   through `f64` and without rounding: a number with more digits than a
//!   `Decimal` holds is an error, never a silent approximation.
//! * [`parse_amount`] reads an amount as people type it on the command line:
//!   `149933700000`, `149.9337bn`, `787m`, `€1.5bn`, `5 bn`.
//! * [`Unit`] and [`format_grouped`] print amounts with thousands separators
//!   in euros, millions or billions, again without losing a digit.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Why a number could not be read exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Empty text.
    Empty,
    /// Not a decimal number at all.
    Invalid,
    /// More significant digits, or a larger value, than a `Decimal` holds.
    TooLarge,
    /// More decimal places than a `Decimal` holds (28).
    TooPrecise,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NumberError::Empty => "is empty",
            NumberError::Invalid => "is not a decimal number",
            NumberError::TooLarge => {
                "has more digits than can be held exactly (at most 29 significant digits, below 7.9e28)"
            }
            NumberError::TooPrecise => {
                "has more decimal places than can be held exactly (at most 28)"
            }
        })
    }
}

impl std::error::Error for NumberError {}

/// The largest exponent we bother to look at; anything beyond is too large
/// (or, for a zero mantissa, still zero).
const MAX_EXPONENT_DIGITS: usize = 6;

/// Parses a plain decimal number exactly: an optional sign, digits with an
/// optional fraction, and an optional exponent (`e`/`E`), as JSON writes
/// numbers. No spaces, no separators, no suffixes.
///
/// Trailing zeros in the fraction never count against the limit
/// (`1.5000000000000000000000000000000` is fine), and the result keeps the
/// smallest scale that represents the value.
pub fn parse_exact(text: &str) -> Result<Decimal, NumberError> {
    match parse_plain(text.as_bytes()) {
        Some(value) => Ok(value),
        None => parse_general(text),
    }
}

/// The common case of [`parse_exact`], in 64 bits: unsigned digits with
/// at most one `.`, at most 18 digits in all, nothing else. `None` for any
/// other text (which [`parse_general`] then reads).
fn parse_plain(bytes: &[u8]) -> Option<Decimal> {
    if bytes.is_empty() || bytes.len() > 19 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut fraction: Option<u32> = None;
    for &b in bytes {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                if let Some(f) = &mut fraction {
                    *f += 1;
                }
            }
            b'.' if fraction.is_none() => fraction = Some(0),
            _ => return None,
        }
    }
    if digits == 0 || digits > 18 {
        return None;
    }
    if mantissa == 0 {
        return Some(Decimal::ZERO);
    }
    // Trailing zeros of a fraction are not digits.
    let mut scale = fraction.unwrap_or(0);
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    Some(Decimal::from_i128_with_scale(i128::from(mantissa), scale))
}

/// [`parse_exact`] for any text.
fn parse_general(text: &str) -> Result<Decimal, NumberError> {
    let bytes = text.as_bytes();
    let (negative, mut i) = match bytes.first() {
        None => return Err(NumberError::Empty),
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        Some(_) => (false, 0),
    };
    // The value is `mantissa × 10^pending_zeros × 10^-(fraction − exponent)`.
    // Trailing zeros are held back in `pending_zeros` so that they can be
    // dropped from a fraction rather than counted as digits; the mantissa
    // stops growing past 30 digits (the count still tells the error).
    let mut mantissa: u128 = 0;
    let mut significant: u64 = 0;
    let mut pending_zeros: u64 = 0;
    let mut fraction: i64 = 0;
    let mut seen_digit = false;
    let mut seen_dot = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                seen_digit = true;
                if seen_dot {
                    fraction += 1;
                }
                if b == b'0' {
                    if significant > 0 {
                        pending_zeros += 1;
                    }
                } else {
                    significant += pending_zeros + 1;
                    if significant <= 30 {
                        for _ in 0..pending_zeros {
                            mantissa *= 10;
                        }
                        mantissa = mantissa * 10 + u128::from(b - b'0');
                    }
                    pending_zeros = 0;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return Err(NumberError::Invalid);
    }
    let mut exponent: i64 = 0;
    if i < bytes.len() {
        if bytes[i] != b'e' && bytes[i] != b'E' {
            return Err(NumberError::Invalid);
        }
        i += 1;
        let exp_negative = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let exp_text = &text[i..];
        if exp_text.is_empty() || !exp_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::Invalid);
        }
        let exp_text = exp_text.trim_start_matches('0');
        if exp_text.len() > MAX_EXPONENT_DIGITS {
            if significant == 0 {
                return Ok(Decimal::ZERO);
            }
            return Err(if exp_negative {
                NumberError::TooPrecise
            } else {
                NumberError::TooLarge
            });
        }
        let magnitude: i64 = if exp_text.is_empty() {
            0
        } else {
            exp_text.parse().map_err(|_| NumberError::Invalid)?
        };
        exponent = if exp_negative { -magnitude } else { magnitude };
    }
    if significant == 0 {
        return Ok(Decimal::ZERO);
    }
    let mut scale = fraction - exponent;
    // Trailing zeros of a fraction are not digits.
    let dropped = (pending_zeros as i64).min(scale.max(0));
    pending_zeros -= dropped as u64;
    scale -= dropped;
    if scale < 0 {
        pending_zeros += scale.unsigned_abs();
        scale = 0;
        if significant + pending_zeros > 29 {
            return Err(NumberError::TooLarge);
        }
    }
    if scale > 28 {
        return Err(NumberError::TooPrecise);
    }
    if significant + pending_zeros > 29 {
        return Err(NumberError::TooLarge);
    }
    for _ in 0..pending_zeros {
        mantissa *= 10;
    }
    let mantissa = i128::try_from(mantissa).map_err(|_| NumberError::TooLarge)?;
    let mantissa = if negative { -mantissa } else { mantissa };
    Decimal::try_from_i128_with_scale(mantissa, scale as u32).map_err(|_| NumberError::TooLarge)
}

/// Why an amount typed on the command line was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    pub input: String,
    pub reason: String,
}

/// The forms [`parse_amount`] accepts, for error messages and help.
pub const AMOUNT_FORMS: &str = "accepted forms: 149933700000, 149.9337bn, 787m, 46.7m, 1.5k, €1.5bn, 5 bn, EUR 5bn, 150_000_000_000";

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid amount '{}': {} ({AMOUNT_FORMS})",
            self.input, self.reason
        )
    }
}

impl std::error::Error for AmountError {}

/// Suffixes and their multipliers, matched case-insensitively.
const SUFFIXES: &[(&str, u64)] = &[
    ("", 1),
    ("k", 1_000),
    ("thousand", 1_000),
    ("m", 1_000_000),
    ("mn", 1_000_000),
    ("mio", 1_000_000),
    ("million", 1_000_000),
    ("b", 1_000_000_000),
    ("bn", 1_000_000_000),
    ("bln", 1_000_000_000),
    ("billion", 1_000_000_000),
];

/// Parses a positive amount of euros as people write it: plain euros or a
/// number with a `k`, `m`/`mn`/`million` or `bn`/`b`/`billion` suffix,
/// optionally with `€` or `EUR` in front or behind, and `_` between digits.
///
/// A comma is refused: `150,000` (thousands) and `16,21bn` (decimal comma)
/// cannot be told apart.
pub fn parse_amount(input: &str) -> Result<Decimal, AmountError> {
    let fail = |reason: &str| AmountError {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    let mut text = input.trim();
    for prefix in ["€", "EUR", "eur", "Eur"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.trim_start();
            break;
        }
    }
    for suffix in ["€", "EUR", "eur", "Eur"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            text = rest.trim_end();
            break;
        }
    }
    if text.is_empty() {
        return Err(fail("no number"));
    }
    if text.contains(',') {
        return Err(fail(
            "a comma is ambiguous (thousands separator or decimal comma?); write 150000000000 or 150bn, and use '.' for decimals",
        ));
    }
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_' || c == '-' || c == '+'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let suffix = suffix.trim();
    if number.contains("__") || number.starts_with('_') || number.ends_with('_') {
        return Err(fail("'_' may only stand between digits"));
    }
    let number: String = number.chars().filter(|&c| c != '_').collect();
    let multiplier = SUFFIXES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(suffix))
        .map(|&(_, m)| m)
        .ok_or_else(|| fail(&format!("unknown unit '{suffix}'")))?;
    let value = parse_exact(&number).map_err(|e| match e {
        NumberError::Empty => fail("no number"),
        other => fail(&format!("the number {other}")),
    })?;
    let value = value
        .checked_mul(Decimal::from(multiplier))
        .ok_or_else(|| fail("too large to hold exactly"))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(fail("amounts must be positive"));
    }
    if value.is_zero() {
        return Err(fail("amounts must be greater than zero"));
    }
    Ok(value.normalize())
}

/// The unit in which human output shows amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Euros, with every digit.
    #[default]
    Eur,
    /// Millions of euros.
    M,
    /// Billions of euros.
    Bn,
}

impl Unit {
    /// How many decimal places the unit moves the point.
    pub fn shift(self) -> u32 {
        match self {
            Unit::Eur => 0,
            Unit::M => 6,
            Unit::Bn => 9,
        }
    }

    /// The label used in column headers: `€`, `€m`, `€bn`.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Eur => "€",
            Unit::M => "€m",
            Unit::Bn => "€bn",
        }
    }
}

impl FromStr for Unit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        <Unit as clap::ValueEnum>::from_str(s, true)
    }
}

/// The decimal digits of `n` (`0` for zero), written into `buf`.
fn digits(mut n: u128, buf: &mut [u8; 40]) -> &[u8] {
    let mut i = buf.len();
    // 128-bit division is slow: only the digits past 64 bits take it.
    while n > u128::from(u64::MAX) {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut n = n as u64;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// `value` as `Decimal`'s `Display` writes it (every digit of its scale:
/// `-1.50`, `0.001`, `42`), appended to `out` without allocating.
pub fn push_plain(out: &mut String, value: Decimal) {
    if value.is_sign_negative() {
        out.push('-');
    }
    let scale = value.scale() as usize;
    let mut buf = [0u8; 40];
    let all = digits(value.mantissa().unsigned_abs(), &mut buf);
    // Digits are ASCII.
    let all = std::str::from_utf8(all).unwrap_or_default();
    if all.len() > scale {
        let (int, frac) = all.split_at(all.len() - scale);
        out.push_str(int);
        if scale > 0 {
            out.push('.');
            out.push_str(frac);
        }
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - all.len()));
        out.push_str(all);
    }
}

/// How many decimal places `value` needs in `unit` to show every digit.
pub fn places_needed(value: Decimal, unit: Unit) -> u32 {
    let scale = value.scale() + unit.shift();
    let m = value.mantissa().unsigned_abs();
    if m == 0 || scale == 0 {
        return 0;
    }
    // Trailing zeros of the mantissa, in 64 bits when it fits.
    let mut zeros = 0;
    match u64::try_from(m) {
        Ok(mut m) => {
            while zeros < scale && m % 10 == 0 {
                m /= 10;
                zeros += 1;
            }
        }
        Err(_) => {
            let mut m = m;
            while zeros < scale && m % 10 == 0 {
                m /= 10;
                zeros += 1;
            }
        }
    }
    scale - zeros
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
        value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointNearestEven)
    } else {
        value
    };
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    let scale = (value.scale() + unit.shift()) as usize;
    let mut buf = [0u8; 40];
    let all = digits(value.mantissa().unsigned_abs(), &mut buf);
    // Digits are ASCII.
    let all = std::str::from_utf8(all).unwrap_or_default();
    let (int, frac_digits, leading_zeros) = if all.len() > scale {
        let (int, frac) = all.split_at(all.len() - scale);
        (int, frac, 0)
    } else {
        ("0", all, scale - all.len())
    };
    for (i, c) in int.char_indices() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    // The fraction without its trailing zeros, then padded to `places`.
    let frac_digits = frac_digits.trim_end_matches('0');
    let shown = if frac_digits.is_empty() {
        0
    } else {
        leading_zeros + frac_digits.len()
    };
    let width = shown.max(places as usize);
    if width > 0 {
        out.push('.');
        if shown > 0 {
            out.extend(std::iter::repeat_n('0', leading_zeros));
            out.push_str(frac_digits);
        }
        out.extend(std::iter::repeat_n('0', width - shown));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
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

        /// The 64-bit path reads plain numbers exactly as the general one.
        #[test]
        fn plain_numbers_read_as_the_general_parser_reads_them(
            int in "[0-9]{0,12}",
            frac in proptest::option::of("[0-9]{0,8}"),
        ) {
            let text = match &frac {
                Some(f) => format!("{int}.{f}"),
                None => int.clone(),
            };
            let general = parse_general(&text);
            match parse_plain(text.as_bytes()) {
                Some(fast) => {
                    proptest::prop_assert_eq!(Ok(fast), general.clone());
                    proptest::prop_assert_eq!(Ok(fast.scale()), general.map(|g| g.scale()));
                }
                None => proptest::prop_assert!(
                    int.len() + frac.map_or(0, |f| f.len()) > 18 || int.is_empty()
                ),
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

    /// The first, string-building implementation, kept as a reference for
    /// the allocation-free one.
    #[allow(clippy::all)]
    fn reference_parse(text: &str) -> Result<Decimal, NumberError> {
        if text.is_empty() {
            return Err(NumberError::Empty);
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        let negative = match bytes[0] {
            b'-' => {
                i = 1;
                true
            }
            b'+' => {
                i = 1;
                false
            }
            _ => false,
        };
        let mut digits = String::new();
        let mut frac_len: i64 = 0;
        let mut seen_digit = false;
        let mut seen_dot = false;
        while i < bytes.len() {
            match bytes[i] {
                b'0'..=b'9' => {
                    seen_digit = true;
                    digits.push(bytes[i] as char);
                    if seen_dot {
                        frac_len += 1;
                    }
                }
                b'.' if !seen_dot => seen_dot = true,
                _ => break,
            }
            i += 1;
        }
        if !seen_digit {
            return Err(NumberError::Invalid);
        }
        let mut exponent: i64 = 0;
        if i < bytes.len() {
            if bytes[i] != b'e' && bytes[i] != b'E' {
                return Err(NumberError::Invalid);
            }
            i += 1;
            let exp_negative = match bytes.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let exp_text = &text[i..];
            if exp_text.is_empty() || !exp_text.bytes().all(|b| b.is_ascii_digit()) {
                return Err(NumberError::Invalid);
            }
            let exp_text = exp_text.trim_start_matches('0');
            if exp_text.len() > MAX_EXPONENT_DIGITS {
                if digits.bytes().all(|b| b == b'0') {
                    return Ok(Decimal::ZERO);
                }
                return Err(if exp_negative {
                    NumberError::TooPrecise
                } else {
                    NumberError::TooLarge
                });
            }
            let magnitude: i64 = if exp_text.is_empty() {
                0
            } else {
                exp_text.parse().map_err(|_| NumberError::Invalid)?
            };
            exponent = if exp_negative { -magnitude } else { magnitude };
        }

        // value = digits * 10^(exponent - frac_len)
        let mut scale = frac_len - exponent;
        let mut digits = digits.trim_start_matches('0').to_string();
        if digits.is_empty() {
            return Ok(Decimal::ZERO);
        }
        while scale > 0 && digits.ends_with('0') {
            digits.pop();
            scale -= 1;
        }
        if scale < 0 {
            let zeros = usize::try_from(-scale).map_err(|_| NumberError::TooLarge)?;
            if digits.len() + zeros > 29 {
                return Err(NumberError::TooLarge);
            }
            digits.push_str(&"0".repeat(zeros));
            scale = 0;
        }
        if scale > 28 {
            return Err(NumberError::TooPrecise);
        }
        if digits.len() > 29 {
            return Err(NumberError::TooLarge);
        }
        let mantissa: i128 = digits.parse().map_err(|_| NumberError::TooLarge)?;
        let mantissa = if negative { -mantissa } else { mantissa };
        Decimal::try_from_i128_with_scale(mantissa, scale as u32).map_err(|_| NumberError::TooLarge)
    }

    proptest::proptest! {
        #[test]
        fn parse_exact_agrees_with_the_reference(text in "[-+]?[0-9]{0,35}(\\.[0-9]{0,35})?([eE][-+]?[0-9]{1,3})?") {
            proptest::prop_assert_eq!(parse_exact(&text), reference_parse(&text));
        }

        #[test]
        fn parse_exact_agrees_on_zero_padded_numbers(
            lead in 0usize..40, digits in "[1-9][0-9]{0,30}", trail in 0usize..40, dot in 0usize..32, exp in -40i32..40,
        ) {
            let mut body = format!("{}{}{}", "0".repeat(lead), digits, "0".repeat(trail));
            let at = body.len().saturating_sub(dot);
            body.insert(at, '.');
            let text = format!("{body}e{exp}");
            proptest::prop_assert_eq!(parse_exact(&text), reference_parse(&text));
        }
    }

    #[test]
    fn parse_exact_reads_plain_numbers() {
        assert_eq!(parse_exact("43700000000"), Ok(d("43700000000")));
        assert_eq!(parse_exact("0.1"), Ok(d("0.1")));
        assert_eq!(parse_exact("-5"), Ok(d("-5")));
        assert_eq!(parse_exact("+5.50"), Ok(d("5.5")));
        assert_eq!(parse_exact("4.37e10"), Ok(d("43700000000")));
        assert_eq!(parse_exact("467E-1"), Ok(d("46.7")));
        assert_eq!(parse_exact("0e999999999"), Ok(Decimal::ZERO));
    }

    #[test]
    fn parse_exact_refuses_what_it_cannot_hold() {
        assert_eq!(parse_exact(""), Err(NumberError::Empty));
        assert_eq!(parse_exact("abc"), Err(NumberError::Invalid));
        assert_eq!(parse_exact("1.2.3"), Err(NumberError::Invalid));
        assert_eq!(parse_exact("1e"), Err(NumberError::Invalid));
        assert_eq!(parse_exact("."), Err(NumberError::Invalid));
        assert_eq!(parse_exact("1 000"), Err(NumberError::Invalid));
        // 30 significant digits
        assert_eq!(
            parse_exact("123456789012345678901234567890"),
            Err(NumberError::TooLarge)
        );
        // 29 digits but above 2^96
        assert_eq!(
            parse_exact("99999999999999999999999999999"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_exact("0.00000000000000000000000000001"),
            Err(NumberError::TooPrecise)
        );
        assert_eq!(parse_exact("1e29"), Err(NumberError::TooLarge));
        assert_eq!(parse_exact("1e-9999999"), Err(NumberError::TooPrecise));
    }

    #[test]
    fn parse_exact_ignores_trailing_fraction_zeros() {
        assert_eq!(
            parse_exact("1.5000000000000000000000000000000000"),
            Ok(d("1.5"))
        );
        assert_eq!(
            parse_exact("79228162514264337593543950335"),
            Ok(Decimal::MAX)
        );
    }

    #[test]
    fn parse_amount_reads_suffixes() {
        assert_eq!(parse_amount("149933700000"), Ok(d("149933700000")));
        assert_eq!(parse_amount("149.9337bn"), Ok(d("149933700000")));
        assert_eq!(parse_amount("787m"), Ok(d("787000000")));
        assert_eq!(parse_amount("46.7m"), Ok(d("46700000")));
        assert_eq!(parse_amount("€1.5bn"), Ok(d("1500000000")));
        assert_eq!(parse_amount("5 bn"), Ok(d("5000000000")));
        assert_eq!(parse_amount("EUR 5BN"), Ok(d("5000000000")));
        assert_eq!(parse_amount("5bn EUR"), Ok(d("5000000000")));
        assert_eq!(parse_amount("2 billion"), Ok(d("2000000000")));
        assert_eq!(parse_amount("1.5k"), Ok(d("1500")));
        assert_eq!(parse_amount("150_000_000_000"), Ok(d("150000000000")));
        assert_eq!(parse_amount("0.3"), Ok(d("0.3")));
    }

    #[test]
    fn parse_amount_refuses_ambiguity_and_nonsense() {
        for bad in [
            "150,000,000,000",
            "16,21bn",
            "",
            "€",
            "bn",
            "5 trillion",
            "-5bn",
            "0",
            "0m",
            "1__0",
            "_10",
            "1e5",
            "five",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?} should be refused");
        }
        let err = parse_amount("16,21bn").unwrap_err().to_string();
        assert!(err.contains("ambiguous"), "{err}");
        assert!(err.contains("149.9337bn"), "{err}");
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
}

/// `value × 10^28` as a big integer: every `Decimal` exactly.
fn wide(value: Decimal) -> num_bigint::BigInt {
    num_bigint::BigInt::from(value.mantissa())
        * num_bigint::BigInt::from(10u8).pow(28 - value.scale())
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

/// `a + b`, exactly, or `None`.
pub fn add_exact(a: Decimal, b: Decimal) -> Option<Decimal> {
    let r = a.checked_add(b)?;
    exact_or_none(r, a.scale().max(b.scale()), || wide(a) + wide(b))
}

/// `a − b`, exactly, or `None` (see [`add_exact`]).
pub fn sub_exact(a: Decimal, b: Decimal) -> Option<Decimal> {
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
const POW10: [i128; 29] = {
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
mod exact_tests {
    use super::*;

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
