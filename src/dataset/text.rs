//! What text from a data file may hold, and when two names are one.
//!
//! Text fields (names, sources, notes, the fund's and the edition's words)
//! reach terminals, spreadsheets, Markdown, XML and HTML. A field is
//! refused (exit 65, naming it and the code point) when it holds:
//!
//! * a control character (C0, DEL, C1), tab and line breaks included;
//! * a bidirectional control (U+061C, U+200E, U+200F, U+202A–U+202E,
//!   U+2066–U+2069): it can reverse the rest of a line, amounts included;
//! * a non-character (U+FDD0–U+FDEF, U+xFFFE and U+xFFFF): XML and HTML
//!   cannot hold U+FFFE and U+FFFF, and HTML calls any of them an error;
//! * a line or paragraph separator (U+2028, U+2029).
//!
//! Two names are the same member when a reader cannot tell them apart:
//! compared after Unicode normalisation (NFC), without invisible code
//! points (default-ignorable ones such as zero-width spaces, joiners,
//! variation selectors and soft hyphens, and blanks such as U+2800), with
//! every kind of space as a space, under Unicode full case folding (`ΕΛΛΑΣ`
//! and `Ελλας` are one). `Polánd` and `Poland` are two names. A name with
//! nothing visible is refused.

use icu_properties::props::{BinaryProperty, DefaultIgnorableCodePoint, WhiteSpace};

/// Whether `c` shows nothing: default-ignorable, or a blank that is not
/// (U+2800 BRAILLE PATTERN BLANK and the Hangul fillers).
pub fn invisible(c: char) -> bool {
    DefaultIgnorableCodePoint::for_char(c)
        || matches!(
            c,
            '\u{2800}' | '\u{3164}' | '\u{FFA0}' | '\u{115F}' | '\u{1160}'
        )
}

/// Whether `text` shows anything but spaces and invisible characters.
pub fn visible(text: &str) -> bool {
    if text.is_ascii() {
        // ASCII holds no invisible character, and its white space is
        // these six.
        return text
            .bytes()
            .any(|b| !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '));
    }
    text.chars()
        .any(|c| !c.is_whitespace() && !WhiteSpace::for_char(c) && !invisible(c))
}

pub use crate::escape::forbidden;

/// Requires non-empty text in which every character may stand; `what`
/// names the field in the error.
pub fn check_text(text: &str, what: impl Fn() -> String) -> Result<(), String> {
    if text.is_empty() {
        return Err(format!("{} is empty", what()));
    }
    check_chars(text, what)
}

/// Requires that every character of `text` may stand in a text field.
pub fn check_chars(text: &str, what: impl Fn() -> String) -> Result<(), String> {
    let bad = if text.is_ascii() {
        // ASCII's control characters, without decoding characters.
        text.bytes()
            .find(|&b| b < 0x20 || b == 0x7f)
            .map(|b| (char::from(b), "a control character"))
    } else {
        text.chars().find_map(|c| forbidden(c).map(|why| (c, why)))
    };
    if let Some((c, why)) = bad {
        return Err(format!(
            "{} contains {why} (U+{:04X}); control, bidirectional-control and non-characters are \
             not allowed in text fields",
            what(),
            u32::from(c)
        ));
    }
    Ok(())
}

/// A fast 64-bit hash (FxHash's multiply-rotate step). It need not resist
/// crafted collisions: equal hashes are resolved by comparing, not by
/// probing.
pub fn hash_bytes(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0u64, |h, b| {
        (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    })
}

/// The hash of a name as a reader sees it ([`name_key`]), without a copy
/// of an ASCII name.
pub fn name_hash(name: &str) -> u64 {
    if name.is_ascii() {
        hash_bytes(name.bytes().map(|b| b.to_ascii_lowercase()))
    } else {
        hash_bytes(name_key(name).bytes())
    }
}

/// Whether two names are one as a reader sees them, without copying ASCII
/// ones.
pub fn same_name(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        name_key(a) == name_key(b)
    }
}

/// The name as a reader sees it, for comparing names: NFC, without
/// default-ignorable code points, in lower case.
pub fn name_key(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    let shown: String = name
        .chars()
        .filter(|&c| !invisible(c))
        .map(|c| if WhiteSpace::for_char(c) { ' ' } else { c })
        .collect();
    let composed = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(&shown);
    icu_casemap::CaseMapperBorrowed::new()
        .fold_string(&composed)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_visible_as_unicode_says() {
        for b in 0u8..0x80 {
            let text = format!(" {} ", char::from(b));
            let unicode = text
                .chars()
                .any(|c| !c.is_whitespace() && !WhiteSpace::for_char(c) && !invisible(c));
            assert_eq!(visible(&text), unicode, "{b:#x}");
        }
    }

    #[test]
    fn names_a_reader_cannot_tell_apart_are_one() {
        assert_eq!(name_key("Poland"), name_key("Po\u{200b}land"));
        assert_eq!(name_key("POLAND"), name_key("poland"));
        assert_eq!(name_key("Gre\u{301}ce"), name_key("Gréce"));
        assert_eq!(name_key("Pol\u{ad}and"), name_key("Poland"));
        assert_ne!(name_key("Polánd"), name_key("Poland"));
        // Full case folding: final sigma and capital sigma are one.
        assert_eq!(name_key("ΕΛΛΑΣ"), name_key("Ελλας"));
        assert_eq!(name_key("Straße"), name_key("STRASSE"));
        // Blanks that are not default-ignorable, and other spaces.
        assert_eq!(name_key("Po\u{2800}land"), name_key("Poland"));
        assert_eq!(name_key("Czech\u{a0}Republic"), name_key("Czech Republic"));
        assert!(!visible("\u{2800}\u{200b} \u{3000}"));
        assert!(visible("\u{2800}x"));
    }

    #[test]
    fn what_text_may_hold() {
        let what = || "name of PL".to_string();
        assert!(check_text("Ελλάδα", what).is_ok());
        for bad in [
            "Pol\tand",
            "a\u{202e}b",
            "x\u{ffff}",
            "x\u{fffe}",
            "a\u{2066}b",
            "a\u{2028}b",
            "a\u{1b}[2J",
        ] {
            assert!(check_text(bad, what).is_err(), "{bad:?}");
        }
        let err = check_text("a\u{202e}b", what).unwrap_err();
        assert!(
            err.contains("bidirectional control character (U+202E)"),
            "{err}"
        );
    }
}
