//! Value parsers for clap, shared by the commands' options: an amount
//! (the grammar of `money::parse_amount`) and a count of at least 1.

use std::num::NonZeroUsize;

use rust_decimal::Decimal;

use crate::money::parse_amount;

/// A count of at least 1 (`--top N`), said in words when it is not one.
pub fn positive_count(text: &str) -> Result<NonZeroUsize, String> {
    let digits = text.trim();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match digits.parse::<usize>() {
            Ok(n) => NonZeroUsize::new(n).ok_or_else(|| "must be at least 1".to_string()),
            // All digits, and still no `usize`: too large to be a count of
            // anything a table holds.
            Err(_) => Err(format!("is too large (at most {})", usize::MAX)),
        };
    }
    Err("must be a whole number of at least 1".to_string())
}

/// A rounding rule (`1m`, `0.1bn:truncated`).
pub fn rounding(text: &str) -> Result<crate::dataset::Rounding, String> {
    crate::dataset::Rounding::parse(text)
}

/// An amount of euros (`149.9337bn`, `787m`, `5e9`).
/// `--limit KIND=SIZE`, checked as it is parsed.
pub fn limit(text: &str) -> Result<String, String> {
    crate::source::Limits::default().set(text)?;
    Ok(text.to_string())
}

pub fn amount(text: &str) -> Result<Decimal, String> {
    parse_amount(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(positive_count("3"), Ok(NonZeroUsize::new(3).unwrap()));
        assert!(positive_count("0").unwrap_err().contains("at least 1"));
        assert!(
            positive_count("99999999999999999999999")
                .unwrap_err()
                .contains("too large")
        );
        assert!(positive_count("-1").unwrap_err().contains("whole number"));
        assert!(positive_count("2.5").unwrap_err().contains("whole number"));
    }
}
