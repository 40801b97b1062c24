//! The dataset: the allocation table's schema, loading and validation, and
//! the bundled default (the Commission's tentative allocation of
//! 9 September 2025, embedded in the binary).
//!
//! Validation happens while the JSON is read, so every error carries the
//! `line:column` where serde_json stood when it found the problem, and, for a
//! member, the member's code.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;

use rust_decimal::Decimal;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::money::{NumberError, parse_exact};

/// The table that ships with `safe`.
pub const BUNDLED_JSON: &str = include_str!("../data/safe-2025-09-tentative.json");
/// How the bundled table is named in messages and in JSON output.
pub const BUNDLED_ORIGIN: &str = "<bundled>";
/// How standard input is named in messages and in JSON output.
pub const STDIN_ORIGIN: &str = "<stdin>";
/// The only schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;
/// The longest code accepted (long enough for NUTS regions such as `PL91`).
pub const MAX_CODE_LEN: usize = 16;

/// A loaded, validated allocation table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    /// Where it came from: a path, `<stdin>` or `<bundled>`.
    pub origin: String,
    pub fund: Fund,
    pub edition: Option<Edition>,
    /// In file order.
    pub allocations: Vec<Allocation>,
    /// The exact sum of all amounts, computed with overflow checks on load.
    pub allocated: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fund {
    pub name: String,
    pub legal_basis: Option<String>,
    pub currency: String,
    pub ceiling: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an edition object {status, as_of, source}"
)]
pub struct Edition {
    pub status: String,
    pub as_of: String,
    pub source: String,
}

/// One member's line of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allocation {
    /// Upper-case; letters, digits and `-`.
    pub code: String,
    pub name: String,
    pub amount: Decimal,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a JSON object holding an allocation table"
)]
struct RawTable {
    schema_version: serde_json::Value,
    fund: Fund,
    #[serde(default)]
    edition: Option<ObjectOnly<Edition>>,
    allocations: Allocations,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a fund object {name, currency, ceiling}"
)]
struct RawFund<'a> {
    name: String,
    #[serde(default)]
    legal_basis: Option<String>,
    currency: String,
    #[serde(borrow)]
    ceiling: &'a RawValue,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an allocation object {code, name, amount}"
)]
struct RawAllocation<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    amount: &'a RawValue,
}

impl<'de> Deserialize<'de> for Fund {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ObjectOnly(raw) = ObjectOnly::<RawFund<'de>>::deserialize(deserializer)?;
        if raw.currency != "EUR" {
            return Err(de::Error::custom(format!(
                "fund currency must be \"EUR\", got {:?}",
                raw.currency
            )));
        }
        let name = raw.name.trim().to_string();
        check_text(&name, || "fund name".to_string()).map_err(de::Error::custom)?;
        let ceiling = positive_amount(raw.ceiling, || "fund ceiling".to_string(), "")
            .map_err(de::Error::custom)?;
        Ok(Fund {
            name,
            legal_basis: raw.legal_basis,
            currency: raw.currency,
            ceiling,
        })
    }
}

/// Reads `T` only from a JSON object. serde's derived `Deserialize` also
/// takes an array of field values (`["PL", "Poland", 1]`); a table in that
/// shape is a mistake, not an alternative syntax, so it is refused.
struct ObjectOnly<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }

        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(ObjectOnly)
    }
}

impl<'de> Deserialize<'de> for Allocation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ObjectOnly(raw) = ObjectOnly::<RawAllocation<'de>>::deserialize(deserializer)?;
        Allocation::try_from(raw).map_err(de::Error::custom)
    }
}

impl TryFrom<RawAllocation<'_>> for Allocation {
    type Error = String;

    /// Validates one member. Messages are only built when something is
    /// wrong: this runs once per member of tables with millions of them.
    fn try_from(raw: RawAllocation<'_>) -> Result<Self, String> {
        let code = validate_code(&raw.code)?;
        let trimmed = raw.name.trim();
        check_text(trimmed, || format!("name of member {code}"))?;
        let name = match raw.name {
            Cow::Owned(mut owned) if owned.len() == trimmed.len() => {
                owned.shrink_to_fit();
                owned
            }
            _ => trimmed.to_string(),
        };
        let amount = positive_amount(
            raw.amount,
            || format!("amount of {code} ({name})"),
            "; leave the member out instead",
        )?;
        Ok(Allocation { code, name, amount })
    }
}

/// Checks a code's form and returns it upper-cased.
pub fn validate_code(raw: &str) -> Result<String, String> {
    if raw.is_empty() {
        return Err("member code is empty".to_string());
    }
    if raw.chars().count() > MAX_CODE_LEN {
        return Err(format!(
            "member code {raw:?} is longer than {MAX_CODE_LEN} characters"
        ));
    }
    if !raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!(
            "member code {raw:?} may only hold letters, digits and '-'"
        ));
    }
    Ok(raw.to_ascii_uppercase())
}

/// Requires non-empty text without control characters; `what` names it in
/// the error.
fn check_text(text: &str, what: impl Fn() -> String) -> Result<(), String> {
    if text.is_empty() {
        return Err(format!("{} is empty", what()));
    }
    if text.chars().any(char::is_control) {
        return Err(format!("{} contains a control character", what()));
    }
    Ok(())
}

/// Reads an amount given as a JSON string or number, exactly (from the raw
/// JSON text: no f64 on the way), and requires it to be greater than zero.
/// `what` names it in errors; `zero_hint` is added to the "is zero" one.
fn positive_amount(
    value: &RawValue,
    what: impl Fn() -> String,
    zero_hint: &str,
) -> Result<Decimal, String> {
    let raw = value.get();
    let unescaped;
    let text = match raw.as_bytes().first() {
        Some(b'"') if !raw.contains('\\') => &raw[1..raw.len() - 1],
        Some(b'"') => {
            unescaped =
                serde_json::from_str::<String>(raw).map_err(|e| format!("{}: {e}", what()))?;
            unescaped.as_str()
        }
        Some(b'-' | b'0'..=b'9') => raw,
        first => {
            let kind = match first {
                Some(b'n') => "null",
                Some(b't' | b'f') => "a boolean",
                Some(b'[') => "an array",
                _ => "an object",
            };
            return Err(format!(
                "{} must be a number or a string holding one, got {kind}",
                what()
            ));
        }
    };
    let amount = parse_exact(text).map_err(|e| match e {
        NumberError::Empty | NumberError::Invalid => {
            format!("{} is not a number: {text:?}", what())
        }
        other => format!("{} {other}: {text}", what()),
    })?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(format!("{} is negative: {text}", what()));
    }
    if amount.is_zero() {
        return Err(format!("{} is zero{zero_hint}", what()));
    }
    Ok(amount)
}

/// The characters of `text` in lower case, without allocating.
fn lowercase(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase)
}

/// A 64-bit hash of a sequence of characters (the multiply-rotate step of
/// rustc's FxHash; fixed, so equal sequences always hash alike). It only
/// has to spread keys: a repeated hash is checked against the strings.
fn hash_of(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0u64, |h, c| {
        (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    })
}

/// The lower-case hash of a name, with a fast path for ASCII.
fn name_hash(name: &str) -> u64 {
    if name.is_ascii() {
        hash_of(name.bytes().map(|b| char::from(b.to_ascii_lowercase())))
    } else {
        hash_of(lowercase(name))
    }
}

/// Keys that are already hashes go into the sets as they are.
#[derive(Default)]
struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
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

type HashKeys = HashSet<u64, std::hash::BuildHasherDefault<IdentityHasher>>;

/// The allocations array, checked for duplicates and for an overflowing sum
/// as it is read, so the error points at the offending member.
struct Allocations {
    list: Vec<Allocation>,
    total: Decimal,
}

impl<'de> Deserialize<'de> for Allocations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AllocationsVisitor;

        impl<'de> Visitor<'de> for AllocationsVisitor {
            type Value = Allocations;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of allocations")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Allocations, A::Error> {
                let mut list: Vec<Allocation> = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                // Duplicates are found by 64-bit hashes; only a hash that
                // was seen before leads to comparing the strings themselves.
                // (The sets are left to grow: reserving their final size up
                // front measured slower, as every insert then misses the
                // cache.)
                let mut codes = HashKeys::default();
                let mut names = HashKeys::default();
                let mut total = Decimal::ZERO;
                while let Some(allocation) = seq.next_element::<Allocation>()? {
                    let index = list.len();
                    if !codes.insert(hash_of(allocation.code.chars())) {
                        if let Some(first) = list.iter().position(|a| a.code == allocation.code) {
                            return Err(de::Error::custom(format!(
                                "duplicate member code {} in allocations[{index}] (first in allocations[{first}])",
                                allocation.code
                            )));
                        }
                    }
                    if !names.insert(name_hash(&allocation.name)) {
                        let same =
                            |a: &Allocation| lowercase(&a.name).eq(lowercase(&allocation.name));
                        if let Some(first) = list.iter().position(same) {
                            return Err(de::Error::custom(format!(
                                "duplicate member name {:?} in allocations[{index}] (first in allocations[{first}])",
                                allocation.name
                            )));
                        }
                    }
                    total = total.checked_add(allocation.amount).ok_or_else(|| {
                        de::Error::custom(format!(
                            "arithmetic overflow: the sum of amounts exceeds {} at allocations[{index}] ({})",
                            Decimal::MAX,
                            allocation.code
                        ))
                    })?;
                    list.push(allocation);
                }
                if list.is_empty() {
                    return Err(de::Error::custom(
                        "allocations is empty: the table needs at least one member",
                    ));
                }
                Ok(Allocations { list, total })
            }
        }

        deserializer.deserialize_seq(AllocationsVisitor)
    }
}

/// Where to load the table from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source<'a> {
    Bundled,
    Stdin,
    File(&'a Path),
}

impl<'a> Source<'a> {
    /// `None` is the bundled table; `-` is standard input.
    pub fn from_arg(path: Option<&'a Path>) -> Self {
        match path {
            None => Source::Bundled,
            Some(p) if p.as_os_str() == "-" => Source::Stdin,
            Some(p) => Source::File(p),
        }
    }

    pub fn origin(&self) -> String {
        match self {
            Source::Bundled => BUNDLED_ORIGIN.to_string(),
            Source::Stdin => STDIN_ORIGIN.to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// Reads the raw bytes of a source: errors are "cannot read input" (66).
pub fn read_source(source: &Source<'_>) -> Result<Vec<u8>> {
    let origin = source.origin();
    match source {
        Source::Bundled => Ok(BUNDLED_JSON.as_bytes().to_vec()),
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::no_input(&origin, format!("cannot read: {}", io_reason(&e))))?;
            Ok(bytes)
        }
        Source::File(path) => read_file(path),
    }
}

/// Reads a whole file, turning every failure into a one-line, exit-66 error.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let origin = path.display().to_string();
    if path.is_dir() {
        return Err(Error::no_input(&origin, "cannot read: is a directory"));
    }
    std::fs::read(path)
        .map_err(|e| Error::no_input(&origin, format!("cannot read: {}", io_reason(&e))))
}

/// A short reason for an I/O error, without the `(os error N)` noise.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::IsADirectory => "is a directory".to_string(),
        ErrorKind::InvalidData => "not valid UTF-8".to_string(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// Loads and validates a table.
pub fn load(source: &Source<'_>) -> Result<Dataset> {
    let bytes = read_source(source)?;
    parse(&source.origin(), &bytes)
}

/// The bundled table (always valid: a test makes sure).
pub fn bundled() -> Result<Dataset> {
    load(&Source::Bundled)
}

/// Line and column (1-based, column in characters) of byte `offset`.
fn position_of(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Validates the text of a table already in memory; `origin` names it in
/// error messages.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Dataset> {
    // A UTF-8 byte-order mark (as some Windows editors write) is accepted.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::data(
            origin,
            Some(position_of(bytes, e.valid_up_to())),
            "not valid UTF-8 (the table must be UTF-8 JSON)",
        )
    })?;
    if text.trim().is_empty() {
        return Err(Error::data(
            origin,
            None,
            "empty input: expected a JSON table (see `safe --help` and the README for the schema)",
        ));
    }
    let ObjectOnly(raw): ObjectOnly<RawTable> =
        serde_json::from_str(text).map_err(|e| json_error(origin, &e))?;
    let version_ok = raw.schema_version.as_u64() == Some(u64::from(SCHEMA_VERSION));
    if !version_ok {
        return Err(Error::data(
            origin,
            None,
            format!(
                "unsupported schema_version {}: this safe reads version {SCHEMA_VERSION}",
                raw.schema_version
            ),
        ));
    }
    Ok(Dataset {
        origin: origin.to_string(),
        fund: raw.fund,
        edition: raw.edition.map(|ObjectOnly(e)| e),
        allocations: raw.allocations.list,
        allocated: raw.allocations.total,
    })
}

/// Turns a serde_json error into `origin:line:column: message`.
fn json_error(origin: &str, err: &serde_json::Error) -> Error {
    let text = err.to_string();
    // serde_json appends " at line L column C"; we put the position in front.
    let message = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let message = if message.starts_with("recursion limit exceeded") {
        "JSON nested too deeply (more than 128 levels)".to_string()
    } else {
        message.to_string()
    };
    let message = match err.classify() {
        serde_json::error::Category::Eof => {
            format!("unexpected end of input (truncated JSON?): {message}")
        }
        serde_json::error::Category::Syntax => format!("JSON syntax error: {message}"),
        _ => message,
    };
    let position = (err.line() > 0).then(|| (err.line(), err.column().max(1)));
    Error::data(origin, position, message)
}

impl Dataset {
    /// A table derived from this one (a scenario), with other allocations.
    /// The sum is recomputed with overflow checks; at least one member is
    /// required.
    pub fn derive(&self, origin: &str, allocations: Vec<Allocation>) -> Result<Dataset> {
        if allocations.is_empty() {
            return Err(Error::usage("the scenario leaves no member in the table"));
        }
        let allocated = allocations
            .iter()
            .try_fold(Decimal::ZERO, |acc, a| acc.checked_add(a.amount))
            .ok_or_else(|| Error::overflow("the scenario's total"))?;
        Ok(Dataset {
            origin: origin.to_string(),
            fund: self.fund.clone(),
            edition: self.edition.clone(),
            allocations,
            allocated,
        })
    }

    /// The allocation with `code` (case-insensitive), if any.
    pub fn find_code(&self, code: &str) -> Option<&Allocation> {
        self.allocations
            .iter()
            .find(|a| a.code.eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn table(allocations: &str) -> String {
        format!(
            r#"{{"schema_version":1,"fund":{{"name":"T","currency":"EUR","ceiling":"100"}},"allocations":[{allocations}]}}"#
        )
    }

    #[test]
    fn bundled_table_is_valid_and_sums_to_the_reported_total() {
        let data = bundled().unwrap();
        assert_eq!(data.allocations.len(), 19);
        assert_eq!(data.allocated, Decimal::from_str("149933700000").unwrap());
        assert_eq!(
            data.fund.ceiling,
            Decimal::from_str("150000000000").unwrap()
        );
        assert_eq!(data.allocations[0].code, "PL");
        assert_eq!(data.find_code("el").unwrap().name, "Greece");
    }

    #[test]
    fn numbers_and_strings_are_read_exactly() {
        let data = parse(
            "t",
            table(r#"{"code":"a","name":"A","amount":0.1},{"code":"b","name":"B","amount":"0.2"}"#)
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(data.allocated, Decimal::from_str("0.3").unwrap());
        assert_eq!(data.allocations[0].code, "A");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let text = "{\"schema_version\":1,\n\"fund\":{\"name\":\"T\",\"currency\":\"EUR\",\"ceiling\":1},\n\"allocations\":[{\"code\":\"A\",\"name\":\"A\",\"amount\":-1}]}";
        let err = parse("f.json", text.as_bytes()).unwrap_err();
        assert!(err.message.starts_with("f.json:3:"), "{}", err.message);
        assert!(
            err.message.contains("amount of A (A) is negative"),
            "{}",
            err.message
        );
    }

    #[test]
    fn position_counts_characters() {
        assert_eq!(position_of("ab\ncé€x".as_bytes(), 9), (2, 4));
    }
}
