//! The encoding of an input: tables are UTF-8. A UTF-16 file (as some
//! spreadsheets save "Unicode text") is recognised and refused with how to
//! save it as UTF-8, rather than reported as invalid bytes.

use crate::error::{Error, Result};

/// Refuses a UTF-16 input (by its byte-order mark, or by the NUL bytes of
/// mostly ASCII text), saying how to save it as UTF-8.
pub fn check(origin: &str, bytes: &[u8]) -> Result<()> {
    let which = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some("UTF-16 (little-endian)")
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16 (big-endian)")
    } else {
        // Without a byte-order mark: ASCII text in UTF-16 has a NUL in
        // every other byte.
        let head = &bytes[..bytes.len().min(64)];
        let nuls = |offset: usize| {
            head.iter()
                .skip(offset)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let half = head.len() / 2;
        if head.len() >= 4 && nuls(1) * 4 >= half * 3 {
            Some("UTF-16 (little-endian)")
        } else if head.len() >= 4 && nuls(0) * 4 >= half * 3 {
            Some("UTF-16 (big-endian)")
        } else {
            None
        }
    };
    match which {
        Some(encoding) => Err(Error::data(
            origin,
            Some((1, 1)),
            format!(
                "the file is {encoding}, and safe reads UTF-8: save it as UTF-8 (in a spreadsheet, \
                 \"CSV UTF-8\"; or `iconv -f UTF-16 -t UTF-8 FILE`)"
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_named() {
        let utf16: Vec<u8> = "code,name,amount\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = check("t.csv", &utf16).unwrap_err();
        assert!(err.message().contains("UTF-16 (little-endian)"), "{err}");
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&utf16);
        assert!(check("t.csv", &bom).is_err());
        assert!(check("t.csv", b"code,name,amount\n").is_ok());
        assert!(check("t.csv", "Ελλάδα,€".as_bytes()).is_ok());
    }
}
