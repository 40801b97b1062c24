//! One format-neutral builder that every reader feeds: it does all of a
//! table's validation (codes, names and other text, amounts, provenance,
//! duplicates, the exact sum), so a new input format only has to find the
//! fields. Errors are plain messages; the reader adds where the row stands.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher, RandomState};

use rust_decimal::Decimal;

use super::{Allocation, Basis, Dataset, Edition, Fund, MAX_CODE_LEN, Provenance};
use crate::error::{Error, Result};
use crate::money::{ExactSum, NumberError, parse_exact};

/// One row as a reader found it: text, not yet checked. Amounts are the
/// number's text (without JSON quotes).
#[derive(Debug, Default, Clone, Copy)]
pub struct RawRow<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub amount: &'a str,
    pub basis: Option<&'a str>,
    pub decided: Option<&'a str>,
    pub source: Option<&'a str>,
    pub prefinancing: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// How a reader names the place of a row in its input, for duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `allocations[i]` (JSON).
    Index,
    /// `line N` (CSV and TSV).
    Line,
}

/// Collects validated rows, finding duplicates as they come.
pub struct Builder {
    list: Vec<Allocation>,
    /// Where each row stands (its line, for [`Place::Line`]).
    places: Vec<u32>,
    place: Place,
    /// Keyed hashes (a per-process random key: crafted names cannot make
    /// them collide) of codes and of lower-cased names, to row indices.
    codes: HashMap<u64, u32, PassThrough>,
    names: HashMap<u64, u32, PassThrough>,
    key: RandomState,
    total: ExactSum,
}

impl Builder {
    pub fn new(place: Place, capacity: usize) -> Self {
        Builder {
            list: Vec::with_capacity(capacity),
            places: Vec::new(),
            place,
            codes: HashMap::default(),
            names: HashMap::default(),
            key: RandomState::new(),
            total: ExactSum::new(),
        }
    }

    fn where_is(&self, index: usize) -> String {
        match self.place {
            Place::Index => format!("allocations[{index}]"),
            Place::Line => format!("line {}", self.places[index]),
        }
    }

    /// Checks one row and adds it. `line` is the row's line for
    /// [`Place::Line`] readers (ignored otherwise).
    pub fn push(&mut self, raw: RawRow<'_>, line: usize) -> Result<(), String> {
        if self.place == Place::Line {
            self.places.push(u32::try_from(line).unwrap_or(u32::MAX));
        }
        let pushed = self.add(raw);
        if pushed.is_err() && self.place == Place::Line {
            self.places.pop();
        }
        pushed
    }

    fn add(&mut self, raw: RawRow<'_>) -> Result<(), String> {
        let allocation = validate_row(&raw)?;
        let index = self.list.len();
        let index32 = u32::try_from(index).map_err(|_| "too many members".to_string())?;
        let code_hash = self.key.hash_one(allocation.code.as_bytes());
        if let Some(first) = self.first_equal(&self.codes, code_hash, |a| a.code == allocation.code)
        {
            return Err(format!(
                "duplicate member code {} in {} (first in {})",
                allocation.code,
                self.where_is(index),
                self.where_is(first)
            ));
        }
        self.codes.entry(code_hash).or_insert(index32);
        let name_hash = self.name_hash(&allocation.name);
        let same_name = |a: &Allocation| lowercase(&a.name).eq(lowercase(&allocation.name));
        if let Some(first) = self.first_equal(&self.names, name_hash, same_name) {
            return Err(format!(
                "duplicate member name {:?} in {} (first in {})",
                allocation.name,
                self.where_is(index),
                self.where_is(first)
            ));
        }
        self.names.entry(name_hash).or_insert(index32);
        self.total.add(allocation.amount);
        self.list.push(allocation);
        Ok(())
    }

    /// The first earlier row that `same` says equals the new one, given
    /// the new one's hash. Only a repeated hash leads to comparing rows;
    /// a repeated hash of different text (a 1 in 2^64 event for a keyed
    /// hash) falls back to looking at every row.
    fn first_equal(
        &self,
        map: &HashMap<u64, u32, PassThrough>,
        hash: u64,
        same: impl Fn(&Allocation) -> bool,
    ) -> Option<usize> {
        let first = *map.get(&hash)? as usize;
        if same(&self.list[first]) {
            return Some(first);
        }
        self.list.iter().position(same)
    }

    fn name_hash(&self, name: &str) -> u64 {
        let mut hasher = self.key.build_hasher();
        if name.is_ascii() {
            for b in name.bytes() {
                hasher.write_u8(b.to_ascii_lowercase());
            }
        } else {
            for c in lowercase(name) {
                hasher.write_u32(u32::from(c));
            }
        }
        hasher.finish()
    }

    /// The finished table; `origin` names it in messages.
    pub fn finish(self, origin: &str, fund: Fund, edition: Option<Edition>) -> Result<Dataset> {
        if self.list.is_empty() {
            let what = match self.place {
                Place::Index => "allocations is empty",
                Place::Line => "no rows below the header",
            };
            return Err(Error::data(
                origin,
                None,
                format!("{what}: the table needs at least one member"),
            ));
        }
        let allocated = self.total.total().ok_or_else(|| {
            Error::data(
                origin,
                None,
                format!(
                    "the sum of amounts cannot be held exactly (it needs more than 28 \
                     significant digits, or is above {})",
                    Decimal::MAX
                ),
            )
        })?;
        Ok(Dataset {
            origin: origin.to_string(),
            fund,
            edition,
            allocations: self.list,
            allocated,
        })
    }
}

/// Keys that are already (keyed) hashes go into the maps as they are.
#[derive(Default, Clone, Copy)]
pub struct PassThrough;

impl BuildHasher for PassThrough {
    type Hasher = PassThroughHasher;
    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

pub struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The characters of `text` in lower case, without allocating.
fn lowercase(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase)
}

/// Checks every field of one row. Messages are only built when something
/// is wrong: this runs once per member of tables with millions of them.
fn validate_row(raw: &RawRow<'_>) -> Result<Allocation, String> {
    let code = validate_code(raw.code)?;
    let name = raw.name.trim();
    check_text(name, || format!("name of member {code}"))?;
    let amount = positive_amount(raw.amount, || format!("amount of {code} ({name})"))?;
    let basis = match raw.basis.map(str::trim) {
        None | Some("") => Basis::Unstated,
        Some(text) => Basis::from_id(text).ok_or_else(|| {
            format!(
                "basis of {code} is {text:?}; expected one of {}",
                Basis::ALL.map(Basis::id).join(", ")
            )
        })?,
    };
    let optional = |value: Option<&str>, field: &str| -> Result<Option<String>, String> {
        match value.map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => {
                check_text(text, || format!("{field} of member {code}"))?;
                Ok(Some(text.to_string()))
            }
        }
    };
    let decided = optional(raw.decided, "decided")?;
    if let Some(date) = &decided {
        check_date(date).map_err(|e| format!("decided of member {code} {e}"))?;
    }
    let source = optional(raw.source, "source")?;
    let note = optional(raw.note, "note")?;
    let prefinancing = match raw.prefinancing.map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            let value = exact_number(text, || format!("prefinancing of {code}"))?;
            if value.is_sign_negative() && !value.is_zero() {
                return Err(format!("prefinancing of {code} is negative: {text}"));
            }
            if value > amount {
                return Err(format!(
                    "prefinancing of {code} ({text}) is larger than its amount ({amount})"
                ));
            }
            Some(value.normalize())
        }
    };
    let provenance = Provenance {
        decided,
        source,
        prefinancing,
        note,
    };
    let provenance = (provenance != Provenance::default()).then(|| Box::new(provenance));
    Ok(Allocation {
        code,
        name: name.to_string(),
        amount,
        basis,
        provenance,
    })
}

/// Checks a code's form and returns it upper-cased.
pub fn validate_code(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("member code is empty".to_string());
    }
    if !raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!(
            "member code {} may only hold letters, digits and '-'",
            quote(raw)
        ));
    }
    if raw.len() > MAX_CODE_LEN {
        return Err(format!(
            "member code {raw:?} is longer than {MAX_CODE_LEN} characters"
        ));
    }
    Ok(raw.to_ascii_uppercase())
}

/// Text for a message: quoted, control characters escaped, cut short.
pub fn quote(text: &str) -> String {
    const MAX: usize = 40;
    let mut short: String = text.chars().take(MAX).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("{short:?}")
}

/// Requires non-empty text without control characters (C0, DEL, C1); `what`
/// names it in the error. Text from a data file reaches terminals,
/// spreadsheets and web pages: a file that holds control characters is
/// refused rather than shown.
pub fn check_text(text: &str, what: impl Fn() -> String) -> Result<(), String> {
    if text.is_empty() {
        return Err(format!("{} is empty", what()));
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(format!(
            "{} contains a control character (U+{:04X}); control characters are not allowed in text fields",
            what(),
            u32::from(c)
        ));
    }
    Ok(())
}

/// Requires `YYYY-MM-DD` with a month 01–12 and a day 01–31.
pub fn check_date(text: &str) -> Result<(), String> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && matches!(
            &text[5..7],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
        && ("01"..="31").contains(&&text[8..10]);
    if ok {
        Ok(())
    } else {
        Err(format!("must be a date YYYY-MM-DD, got {}", quote(text)))
    }
}

/// Reads a number exactly; `what` names it in errors.
fn exact_number(text: &str, what: impl Fn() -> String) -> Result<Decimal, String> {
    parse_exact(text).map_err(|e| match e {
        NumberError::Empty | NumberError::Invalid => {
            let hint = if text.contains(',') || text.contains(' ') || text.contains('\'') {
                " (write digits with an optional '.' and no thousands separator: 43700000000 or 43700000000.50)"
            } else {
                ""
            };
            format!("{} is not a number: {}{hint}", what(), quote(text))
        }
        other => format!("{} {other}: {}", what(), quote(text)),
    })
}

/// Reads an amount exactly and requires it to be greater than zero.
pub fn positive_amount(text: &str, what: impl Fn() -> String) -> Result<Decimal, String> {
    let amount = exact_number(text.trim(), &what)?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(format!("{} is negative: {text}", what()));
    }
    if amount.is_zero() {
        return Err(format!("{} is zero; leave the member out instead", what()));
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(code: &'a str, name: &'a str, amount: &'a str) -> RawRow<'a> {
        RawRow {
            code,
            name,
            amount,
            ..RawRow::default()
        }
    }

    #[test]
    fn duplicates_name_both_places() {
        let mut b = Builder::new(Place::Line, 2);
        b.push(row("pl", "Poland", "1"), 2).unwrap();
        let err = b.push(row("PL", "Polska", "1"), 3).unwrap_err();
        assert_eq!(err, "duplicate member code PL in line 3 (first in line 2)");
        let err = b.push(row("XX", "POLAND", "1"), 4).unwrap_err();
        assert!(err.contains("duplicate member name \"POLAND\" in line 4 (first in line 2)"));
    }

    #[test]
    fn an_inexact_sum_is_an_error() {
        let mut b = Builder::new(Place::Index, 2);
        for code in ["A", "B"] {
            b.push(row(code, code, "43700000000.000000000000000001"), 0)
                .unwrap();
        }
        let err = b.finish("t", Fund::safe(), None).unwrap_err();
        assert!(err.message.contains("cannot be held exactly"), "{err}");
        // A partial sum may need more digits than the total.
        let mut b = Builder::new(Place::Index, 3);
        for (code, amount) in [
            ("A", "1"),
            ("B", "0.000000000000000001"),
            ("C", "0.999999999999999999"),
        ] {
            b.push(row(code, code, amount), 0).unwrap();
        }
        assert_eq!(
            b.finish("t", Fund::safe(), None).unwrap().allocated,
            Decimal::from(2)
        );
    }

    #[test]
    fn provenance_is_checked() {
        let mut b = Builder::new(Place::Index, 1);
        let mut r = row("PL", "Poland", "100");
        r.basis = Some("rumour");
        assert!(b.push(r, 0).unwrap_err().contains("basis of PL"));
        r.basis = Some("council-decision");
        r.prefinancing = Some("101");
        assert!(b.push(r, 0).unwrap_err().contains("larger than its amount"));
        r.prefinancing = Some("15");
        r.decided = Some("2026-13-01");
        assert!(b.push(r, 0).unwrap_err().contains("YYYY-MM-DD"));
        r.decided = Some("2026-02-17");
        r.note = Some("a\u{1b}[2J");
        assert!(b.push(r, 0).unwrap_err().contains("control character"));
        r.note = None;
        b.push(r, 0).unwrap();
        let a = &b.list[0];
        assert_eq!(a.basis, Basis::CouncilDecision);
        assert_eq!(a.provenance().prefinancing, Some(Decimal::from(15)));
    }

    #[test]
    fn dates() {
        assert!(check_date("2026-02-11").is_ok());
        assert!(check_date("2026-2-11").is_err());
        assert!(check_date("2026-02-32").is_err());
        assert!(check_date("2026-00-10").is_err());
    }
}
