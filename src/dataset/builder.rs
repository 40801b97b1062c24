//! One format-neutral builder that every reader feeds: it does all of a
//! table's validation (codes, names and other text, amounts and their
//! bounds, provenance, duplicates, the exact sums), so a new input format
//! only has to find the fields. Errors are plain messages; the reader adds
//! where the row stands.

use rust_decimal::Decimal;

pub use super::text::check_text;
use super::text::{check_chars, hash_bytes, name_hash, name_key};
use super::{
    Allocation, Basis, Dataset, Edition, Fund, MAX_CODE_LEN, Precision, Provenance, Rounding, Text,
};
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
    /// The source's address.
    pub url: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The bounds of a rounded figure.
    pub min: Option<&'a str>,
    pub max: Option<&'a str>,
}

/// How a reader names the place of a row in its input, for duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `allocations[i]` (JSON).
    Index,
    /// `line N` (CSV and TSV).
    Line,
}

/// Collects validated rows. Duplicates are found when the table is
/// finished, by sorting: each row's code and lower-cased name are hashed,
/// the (hash, row) pairs sorted, and only rows of equal hash compared, in
/// order of their text. That is O(n log n) whatever the names: text crafted
/// so that many hashes collide only makes a group that is itself sorted.
pub struct Builder {
    list: Vec<Allocation>,
    /// Where each row stands (its line, for [`Place::Line`]).
    places: Vec<u32>,
    place: Place,
    code_hashes: Vec<u64>,
    name_hashes: Vec<u64>,
    /// Per row: whether it states its own bounds (a rounding rule then
    /// leaves it alone).
    own_bounds: Vec<bool>,
    total: ExactSum,
    /// How large a row's fields and each field may be.
    limits: crate::source::Limits,
}

/// Why a table could not be finished.
#[derive(Debug)]
pub enum Unfinished {
    /// A row breaks a rule found only once every row is in (a duplicate):
    /// the reader says where that row stands.
    Row {
        index: usize,
        /// The row's line, for [`Place::Line`] readers.
        line: usize,
        message: String,
    },
    /// The table as a whole.
    Table(Error),
}

impl Builder {
    pub fn new(place: Place, capacity: usize) -> Self {
        Builder {
            list: Vec::with_capacity(capacity),
            places: Vec::new(),
            place,
            code_hashes: Vec::with_capacity(capacity),
            name_hashes: Vec::with_capacity(capacity),
            own_bounds: Vec::with_capacity(capacity),
            total: ExactSum::new(),
            limits: crate::source::Limits::default(),
        }
    }

    /// The builder with these limits on a row and a field (`--limit`).
    pub fn limited(mut self, limits: crate::source::Limits) -> Self {
        self.limits = limits;
        self
    }

    /// How messages name row `index`: `allocations[3]` or `line 5`.
    pub fn where_is(&self, index: usize) -> String {
        match self.place {
            Place::Index => format!("allocations[{index}]"),
            Place::Line => format!("line {}", self.places[index]),
        }
    }

    /// The line of row `index` ([`Place::Line`] readers).
    pub fn line_of(&self, index: usize) -> usize {
        self.places.get(index).map_or(0, |&l| l as usize)
    }

    /// Checks one row and adds it. `line` is the row's line for
    /// [`Place::Line`] readers (ignored otherwise).
    pub fn push(&mut self, raw: RawRow<'_>, line: usize) -> Result<(), String> {
        let allocation = check_row(&raw, self.limits)?;
        if self.place == Place::Line {
            self.places.push(u32::try_from(line).unwrap_or(u32::MAX));
        }
        self.code_hashes.push(hash_bytes(allocation.code.bytes()));
        self.name_hashes.push(name_hash(&allocation.name));
        self.own_bounds.push(raw.min.is_some() || raw.max.is_some());
        self.total.add(allocation.amount);
        self.list.push(allocation);
        Ok(())
    }

    /// Adds the rows of `next`, a builder of the rows that follow this
    /// one's in the same input (read on another thread).
    pub fn append(&mut self, next: Builder) {
        self.list.extend(next.list);
        self.places.extend(next.places);
        self.code_hashes.extend(next.code_hashes);
        self.name_hashes.extend(next.name_hashes);
        self.own_bounds.extend(next.own_bounds);
        self.total.merge(&next.total);
    }

    /// The first duplicate code or name, in file order: the row that
    /// repeats an earlier one, and the message naming both.
    fn first_duplicate(&self) -> Option<(usize, String)> {
        let codes = || first_repeat(&self.code_hashes, |i| self.list[i].code.clone());
        let names = || first_repeat(&self.name_hashes, |i| name_key(&self.list[i].name));
        // The two sorts are independent: for a large table, one on each
        // core (a thread costs more than sorting a small one).
        let (codes, names) = crate::parallel::join(self.list.len(), codes, names);
        let code_message = |(first, dup): (usize, usize)| {
            (
                dup,
                format!(
                    "duplicate member code {} in {} (first in {})",
                    self.list[dup].code,
                    self.where_is(dup),
                    self.where_is(first)
                ),
            )
        };
        let name_message = |(first, dup): (usize, usize)| {
            let (a, b) = (&self.list[first].name, &self.list[dup].name);
            let how = if a == b {
                String::new()
            } else if a.to_lowercase() == b.to_lowercase() {
                format!(", the same name as {:?} but for case", a.as_str())
            } else {
                format!(
                    ", which a reader cannot tell from {:?} (they differ only in invisible \
                     characters, Unicode normalisation or case)",
                    a.as_str()
                )
            };
            (
                dup,
                format!(
                    "duplicate member name {:?} in {} (first in {}){how}",
                    b.as_str(),
                    self.where_is(dup),
                    self.where_is(first)
                ),
            )
        };
        match (codes, names) {
            (Some(c), Some(n)) if n.1 < c.1 => Some(name_message(n)),
            (Some(c), _) => Some(code_message(c)),
            (None, Some(n)) => Some(name_message(n)),
            (None, None) => None,
        }
    }

    /// The finished table; `origin` names it in messages. `rounding`
    /// gives every row without its own bounds the bounds of a figure
    /// rounded so.
    pub fn finish(
        mut self,
        origin: &str,
        fund: Fund,
        edition: Option<Edition>,
        rounding: Option<Rounding>,
    ) -> Result<Dataset, Unfinished> {
        if self.list.is_empty() {
            let what = match self.place {
                Place::Index => "allocations is empty",
                Place::Line => "no rows below the header",
            };
            return Err(Unfinished::Table(Error::data(
                origin,
                None,
                format!("{what}: the table needs at least one member"),
            )));
        }
        if let Some((index, message)) = self.first_duplicate() {
            return Err(Unfinished::Row {
                index,
                line: self.line_of(index),
                message,
            });
        }
        let too_large = |what: &str| {
            Unfinished::Table(Error::data(
                origin,
                None,
                format!(
                    "the sum of {what} cannot be held exactly (it needs more than 28 \
                     significant digits, or is above {})",
                    Decimal::MAX
                ),
            ))
        };
        let allocated = self.total.total().ok_or_else(|| too_large("amounts"))?;
        if let Some(rule) = rounding {
            for (index, a) in self.list.iter_mut().enumerate() {
                if self.own_bounds[index] {
                    continue;
                }
                let (min, max) = rule.bounds(a.amount).map_err(|why| Unfinished::Row {
                    index,
                    line: self.places.get(index).map_or(0, |&l| l as usize),
                    message: format!("amount of {} ({}) {why} ({rule})", a.code, a.amount),
                })?;
                a.min = min;
                a.max = max;
            }
        }
        let (mut low, mut high) = (ExactSum::new(), ExactSum::new());
        let mut precision = Precision::default();
        for a in &self.list {
            low.add(a.min);
            high.add(a.max);
            precision.add(a);
        }
        let allocated_min = low.total().ok_or_else(|| too_large("lower bounds"))?;
        let allocated_max = high.total().ok_or_else(|| too_large("upper bounds"))?;
        Ok(Dataset {
            origin: origin.to_string(),
            fund,
            edition,
            rounding,
            allocations: self.list,
            allocated,
            allocated_min: allocated_min.normalize(),
            allocated_max: allocated_max.normalize(),
            precision,
            lines: self.places,
        })
    }
}

/// The first row (in order) whose key repeats an earlier row's, as
/// `(first, repeat)`. Rows are grouped by hash through one sort; within a
/// group of equal hashes the keys are sorted too, so equal keys sit side by
/// side.
fn first_repeat<K: Ord>(hashes: &[u64], key: impl Fn(usize) -> K) -> Option<(usize, usize)> {
    // Most tables have no repeated hash at all: sorting the bare hashes
    // tells, at half the cost of sorting them with their rows.
    let mut sorted = hashes.to_vec();
    sorted.sort_unstable();
    if sorted.windows(2).all(|w| w[0] != w[1]) {
        return None;
    }
    drop(sorted);
    let mut order: Vec<(u64, u32)> = hashes
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    order.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for group in order.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        let mut keyed: Vec<(K, usize)> = group
            .iter()
            .map(|&(_, i)| (key(i as usize), i as usize))
            .collect();
        keyed.sort();
        for run in keyed.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
            let found = (run[0].1, run[1].1);
            if best.is_none_or(|b| found.1 < b.1) {
                best = Some(found);
            }
        }
    }
    best
}

/// Checks every field of one row. Messages are only built when something
/// is wrong: this runs once per member of tables with millions of them.
/// `text` without leading and trailing white space (at once when it
/// starts and ends with a printable ASCII character, as nearly all do).
fn trim(text: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let bytes = text.as_bytes();
    if printable(bytes.first()) && printable(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// Checks one row as every reader's rows are checked (its size within
/// `limits`, then every field) and returns it.
pub(crate) fn check_row(
    raw: &RawRow<'_>,
    limits: crate::source::Limits,
) -> Result<Allocation, String> {
    check_sizes(raw, limits)?;
    validate_row(raw)
}

/// Refuses a row whose fields together, or any one field, pass the
/// limits (`--limit record=SIZE`, `--limit field=SIZE`).
fn check_sizes(raw: &RawRow<'_>, limits: crate::source::Limits) -> Result<(), String> {
    let fields = [
        ("code", Some(raw.code)),
        ("name", Some(raw.name)),
        ("amount", Some(raw.amount)),
        ("basis", raw.basis),
        ("decided", raw.decided),
        ("source", raw.source),
        ("prefinancing", raw.prefinancing),
        ("url", raw.url),
        ("note", raw.note),
        ("min", raw.min),
        ("max", raw.max),
    ];
    let mut record = 0u64;
    for (which, text) in fields {
        let len = text.map_or(0, str::len) as u64;
        if len > limits.field {
            return Err(format!(
                "the {which} field is longer than the field limit of {} (--limit field=SIZE raises it)",
                crate::source::size_text(limits.field)
            ));
        }
        record += len;
    }
    if record > limits.record {
        return Err(format!(
            "the row is longer than the record limit of {} (--limit record=SIZE raises it)",
            crate::source::size_text(limits.record)
        ));
    }
    Ok(())
}

fn validate_row(raw: &RawRow<'_>) -> Result<Allocation, String> {
    let code = validate_code(raw.code)?;
    // Checked before trimming: a tab or line break is refused, not trimmed
    // away.
    check_chars(raw.name, || format!("name of member {code}"))?;
    let name = trim(raw.name);
    check_text(name, || format!("name of member {code}"))?;
    if !super::text::visible(name) {
        return Err(format!(
            "name of member {code} shows nothing: it holds only spaces and invisible characters"
        ));
    }
    let amount = positive_amount(raw.amount, || format!("amount of {code} ({name})"))?;
    let bound = |text: Option<&str>, which: &str| -> Result<Decimal, String> {
        match text.map(trim) {
            None | Some("") => Ok(amount),
            Some(text) => positive_amount(text, || format!("{which} of {code} ({name})")),
        }
    };
    let given = |t: Option<&str>| t.map(trim).is_some_and(|t| !t.is_empty());
    if given(raw.min) != given(raw.max) {
        let (has, lacks) = if given(raw.min) {
            ("min", "max")
        } else {
            ("max", "min")
        };
        return Err(format!(
            "{code} ({name}) has a {has} but no {lacks}: give a row both bounds or neither \
             (equal to its amount when it is exact)"
        ));
    }
    let min = bound(raw.min, "min")?;
    let max = bound(raw.max, "max")?;
    if min > amount {
        return Err(format!(
            "min of {code} ({min}) is above its amount ({amount}): the bounds must hold the figure"
        ));
    }
    if max < amount {
        return Err(format!(
            "max of {code} ({max}) is below its amount ({amount}): the bounds must hold the figure"
        ));
    }
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
        let Some(value) = value else {
            return Ok(None);
        };
        check_chars(value, || format!("{field} of member {code}"))?;
        match value.trim() {
            "" => Ok(None),
            text => Ok(Some(text.to_string())),
        }
    };
    let decided = optional(raw.decided, "decided")?;
    if let Some(date) = &decided {
        check_date(date).map_err(|e| format!("decided of member {code} {e}"))?;
    }
    let source = optional(raw.source, "source")?;
    let url = optional(raw.url, "url")?;
    if let Some(url) = &url {
        check_url(url).map_err(|e| format!("url of member {code} {e}"))?;
    }
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
        url,
        prefinancing,
        note,
    };
    let provenance = (provenance != Provenance::default()).then(|| Box::new(provenance));
    Ok(Allocation {
        code,
        name: name.into(),
        amount,
        min,
        max,
        basis,
        provenance,
    })
}

/// Checks a code's form and returns it upper-cased.
pub fn validate_code(raw: &str) -> Result<Text, String> {
    let raw = trim(raw);
    if raw.is_empty() {
        return Err("member code is empty".to_string());
    }
    if !raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
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
    let mut code = Text::from(raw);
    code.make_ascii_uppercase();
    Ok(code)
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

/// Requires an address with no space in it (a page links it only when it
/// is `https:`; anything else stays text).
pub fn check_url(url: &str) -> Result<(), String> {
    if url.chars().any(char::is_whitespace) {
        return Err(format!(
            "must be an address without spaces, got {}",
            quote(url)
        ));
    }
    Ok(())
}

/// Requires a real calendar date, `YYYY-MM-DD`.
pub fn check_date(text: &str) -> Result<(), String> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10);
    if !shaped {
        return Err(format!("must be a date YYYY-MM-DD, got {}", quote(text)));
    }
    let number = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => {
            return Err(format!(
                "must be a date YYYY-MM-DD, got {}: there is no month {month}",
                quote(text)
            ));
        }
    };
    if day == 0 || day > days {
        return Err(format!(
            "must be a date YYYY-MM-DD, got {}: {} has {days} days",
            quote(text),
            MONTHS[month as usize - 1]
        ));
    }
    Ok(())
}

/// The months, for messages.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reads a number exactly; `what` names it in errors.
fn exact_number(text: &str, what: impl Fn() -> String) -> Result<Decimal, String> {
    parse_exact(text).map_err(|e| match e {
        NumberError::Empty | NumberError::Invalid => {
            let separators = [',', ' ', '\'', '_', '\u{a0}', '\u{202f}', '\u{2009}', '\u{2007}'];
            let hint = if text.contains(separators) {
                " (write digits with an optional '.' and no thousands separator of any kind (comma, space, \
                 no-break or thin space, apostrophe, underscore): 43700000000 or 43700000000.50)"
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
    let amount = exact_number(trim(text), &what)?;
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

    fn duplicate(rows: &[(&str, &str)]) -> Option<String> {
        let mut b = Builder::new(Place::Line, 2);
        for (i, (code, name)) in rows.iter().enumerate() {
            b.push(row(code, name, "1"), i + 2).unwrap();
        }
        match b.finish("t", Fund::safe(), None, None) {
            Err(Unfinished::Row { message, .. }) => Some(message),
            Err(Unfinished::Table(e)) => panic!("{e}"),
            Ok(_) => None,
        }
    }

    #[test]
    fn duplicates_name_both_places() {
        assert_eq!(
            duplicate(&[("pl", "Poland"), ("PL", "Polska")]).unwrap(),
            "duplicate member code PL in line 3 (first in line 2)"
        );
        assert_eq!(
            duplicate(&[("pl", "Poland"), ("XX", "Romania"), ("YY", "POLAND")]).unwrap(),
            "duplicate member name \"POLAND\" in line 4 (first in line 2), the same name as \"Poland\" but for case"
        );
        // The first repeat in file order is reported, whatever the key.
        assert_eq!(
            duplicate(&[("A", "a"), ("B", "b"), ("C", "b"), ("A", "d")]).unwrap(),
            "duplicate member name \"b\" in line 4 (first in line 3)"
        );
        assert_eq!(duplicate(&[("A", "a"), ("B", "b")]), None);
    }

    #[test]
    fn colliding_hashes_are_told_apart() {
        // Equal hashes of different text are not duplicates.
        assert_eq!(first_repeat(&[7, 7, 7], |i| ["x", "y", "z"][i]), None);
        assert_eq!(
            first_repeat(&[7, 7, 7, 7], |i| ["x", "y", "x", "y"][i]),
            Some((0, 2))
        );
    }

    #[test]
    fn an_inexact_sum_is_an_error() {
        let mut b = Builder::new(Place::Index, 2);
        for code in ["A", "B"] {
            b.push(row(code, code, "43700000000.000000000000000001"), 0)
                .unwrap();
        }
        let Err(Unfinished::Table(err)) = b.finish("t", Fund::safe(), None, None) else {
            panic!("an inexact sum was accepted");
        };
        assert!(err.message().contains("cannot be held exactly"), "{err}");
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
            b.finish("t", Fund::safe(), None, None).unwrap().allocated,
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
        assert!(check_date("2026-13-01").is_err());
        // Real calendar dates only.
        assert!(check_date("2026-02-30").is_err());
        assert!(check_date("2026-04-31").is_err());
        assert!(check_date("2026-02-29").is_err());
        assert!(check_date("2028-02-29").is_ok());
        assert!(check_date("2100-02-29").is_err());
        assert!(check_date("2000-02-29").is_ok());
        assert!(check_date("2026-12-31").is_ok());
    }
}
