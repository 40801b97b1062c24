//! Reading exact numbers: [`parse_exact`] for numbers in data files
//! (`43700000000`, `0.1`, `4.37e10`) and [`parse_amount`] for amounts as
//! people type them (`149.9337bn`, `787m`, `€1.5bn`, `5e9`). Never through
//! `f64`, never rounded: a number with more digits than a `Decimal` holds
//! is an error, never a silent approximation.

use std::fmt;

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
pub const AMOUNT_FORMS: &str = "accepted forms: 149933700000, 149.9337bn, 787m, 46.7m, 1.5k, €1.5bn, 5 bn, EUR 5bn, 150_000_000_000, 1.5e11";

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

/// Where the number of an amount ends: digits, `.`, `_`, signs, and an
/// exponent (`5e9`, as data files accept) when digits follow the `e`
/// (`5eur` is 5 euros).
fn number_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-' | b'+') {
            i += 1;
        } else if matches!(b, b'e' | b'E') && i > 0 {
            let after = &bytes[i + 1..];
            let digits = match after.first() {
                Some(b'-' | b'+') => &after[1..],
                _ => after,
            };
            if digits.first().is_some_and(u8::is_ascii_digit) {
                i += 1 + after.len() - digits.len();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    i
}

/// Parses a positive amount of euros as people write it: plain euros or a
/// number with a `k`, `m`/`mn`/`million` or `bn`/`b`/`billion` suffix,
/// optionally with `€` or `EUR` in front or behind, `_` between digits, and
/// an exponent (`1.5e11`) as in data files.
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
    let split = number_end(text);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    proptest::proptest! {
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
        assert_eq!(parse_amount("5e9"), Ok(d("5000000000")));
        assert_eq!(parse_amount("1.5E11"), Ok(d("150000000000")));
        assert_eq!(parse_amount("5e-1"), Ok(d("0.5")));
        assert_eq!(parse_amount("1e3m"), Ok(d("1000000000")));
        assert_eq!(parse_amount("5eur"), Ok(d("5")));
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
            "five",
            "1e",
            "1e+",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?} should be refused");
        }
        let err = parse_amount("16,21bn").unwrap_err().to_string();
        assert!(err.contains("ambiguous"), "{err}");
        assert!(err.contains("149.9337bn"), "{err}");
    }
}
