//! The CSV and TSV reader, for tables exported from spreadsheets: a header
//! row naming `code`, `name` and `amount` (any order, any case) and
//! optionally `basis`, `decided`, `source`, `prefinancing`, `note`, `min`,
//! `max`; comma, semicolon or tab delimited; quoted fields (RFC 4180: a
//! quote that is never closed, or text after a closing quote, is an
//! error); line ends LF, CRLF or CR alone; a UTF-8 BOM is dropped. Lines
//! starting with `#` are comments.
//!
//! A CSV table has no fund header: it is taken to be a SAFE table (the
//! €150bn ceiling of Art. 6 and the regulation's rules). `--ceiling AMOUNT`
//! sets another ceiling; the table is then no longer SAFE's, and checks do
//! not cite the regulation.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::builder::{Builder, Place, RawRow, Unfinished};
use super::{Dataset, Fund, LoadOptions, Rounding};
use crate::source::Limits;
use std::io::Read;

use crate::error::{Error, Result};

/// The columns a header may name.
pub const COLUMNS: [&str; 11] = [
    "code",
    "name",
    "amount",
    "basis",
    "decided",
    "source",
    "prefinancing",
    "note",
    "min",
    "max",
    "url",
];
const REQUIRED: usize = 3;

/// Reads a CSV (`delimiter` `None`: comma or semicolon, whichever the
/// header uses) or TSV table.
pub fn parse(
    origin: &str,
    bytes: &[u8],
    delimiter: Option<u8>,
    options: &LoadOptions,
) -> Result<Dataset> {
    let bytes = lone_cr_as_lf(crate::source::strip_bom(bytes));
    let table = parse_rows(origin, &bytes, delimiter, options)?;
    finish(origin, table, options.ceiling, options.rounding)
}

/// Line ends of a lone CR (as old Mac programs write) read as LF, so that
/// lines are counted as a reader counts them. A CR inside a quoted field
/// is no loss: text fields cannot hold one.
fn lone_cr_as_lf(bytes: &[u8]) -> Cow<'_, [u8]> {
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return Cow::Borrowed(bytes);
    }
    Cow::Owned(
        (0..bytes.len())
            .map(|i| if lone(i) { b'\n' } else { bytes[i] })
            .collect(),
    )
}

/// The rows of a table. (A large table of plain rows is read on every
/// core by `dataset::fast` before it comes here.)
fn parse_rows(
    origin: &str,
    bytes: &[u8],
    delimiter: Option<u8>,
    options: &LoadOptions,
) -> Result<Builder> {
    let limits = options.limits;
    let delimiter = delimiter.unwrap_or_else(|| sniff(bytes));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .flexible(false)
        .from_reader(bytes);
    let csv_error = |e: csv::Error| read_error(origin, &e);
    let headers = reader.headers().map_err(csv_error)?.clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::data(
            origin,
            None,
            "empty input: expected a header row naming code, name and amount",
        ));
    }
    // Where each known column stands; unknown columns are an error, so a
    // misspelt `ammount` is not silently ignored.
    let mut at: [Option<usize>; 11] = [None; 11];
    for (i, header) in headers.iter().enumerate() {
        let header = header.trim();
        let Some(k) = column_of(header) else {
            if options.ignore_unknown_columns {
                continue;
            }
            return Err(Error::data(
                origin,
                Some((1, 1)),
                format!(
                    "unknown column {} (column {}) in the header; the columns are {} \
                     (`amount_min` and `amount_max`, as `safe table` writes them, are min and \
                     max); --ignore-unknown-columns reads the table without the others{}",
                    super::builder::quote(header),
                    i + 1,
                    COLUMNS.join(", "),
                    if header.contains('\t') {
                        " (the header is separated by tabs: is the table TSV? --data-format tsv \
                         reads it so)"
                    } else {
                        ""
                    }
                ),
            ));
        };
        if at[k].replace(i).is_some() {
            return Err(Error::data(
                origin,
                Some((1, 1)),
                format!("column {} appears twice in the header", COLUMNS[k]),
            ));
        }
    }
    if let Some(missing) = (0..REQUIRED).find(|&k| at[k].is_none()) {
        return Err(Error::data(
            origin,
            Some((1, 1)),
            format!(
                "the header has no `{}` column (it must name code, name and amount; found: {})",
                COLUMNS[missing],
                headers
                    .iter()
                    .map(super::builder::quote)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let columns = Columns {
        at,
        count: headers.len(),
        delimiter,
        limits,
    };
    // The rows start where the header ends.
    let start = reader.position().clone();
    let rows = &bytes[start.byte() as usize..];
    let first_line = start.line() as usize;
    let builder = read_rows(origin, rows, first_line, &columns)?;
    Ok(builder)
}

/// A CSV or TSV table's fund: SAFE's, unless `--ceiling` gives another
/// (then a fund named after the file).
pub(super) fn fund(origin: &str, ceiling: Option<Decimal>) -> Fund {
    match ceiling {
        None => Fund::safe(),
        Some(ceiling) => Fund {
            name: format!("Allocation table {origin}"),
            legal_basis: None,
            currency: "EUR".to_string(),
            ceiling,
        },
    }
}

/// The table from its rows: a SAFE table unless `ceiling` says otherwise.
fn finish(
    origin: &str,
    builder: Builder,
    ceiling: Option<Decimal>,
    rounding: Option<Rounding>,
) -> Result<Dataset> {
    builder
        .finish(origin, fund(origin, ceiling), None, rounding)
        .map_err(|e| match e {
            Unfinished::Row { line, message, .. } => Error::data(origin, Some((line, 1)), message),
            Unfinished::Table(e) => e,
        })
}

/// A row from its fields: `field(k)` is the row's field under
/// [`COLUMNS`]`[k]`, if the header has that column. Text as `safe`
/// exports it: a formula-like cell's `'` taken off.
pub(super) fn raw_row<'r>(field: impl Fn(usize) -> Option<&'r str>) -> RawRow<'r> {
    let text = |k: usize| field(k).map(crate::escape::restore_formula);
    RawRow {
        code: field(0).unwrap_or(""),
        name: text(1).unwrap_or(""),
        amount: field(2).unwrap_or(""),
        basis: field(3),
        decided: field(4),
        source: text(5),
        prefinancing: field(6),
        note: text(7),
        min: field(8),
        max: field(9),
        url: field(10),
    }
}

/// Which known column a header names (in any case): one of [`COLUMNS`],
/// or `amount_min`/`amount_max` (the bounds as `safe table` writes them).
pub(super) fn column_of(header: &str) -> Option<usize> {
    let name = match header.to_ascii_lowercase().as_str() {
        "amount_min" => "min",
        "amount_max" => "max",
        _ => header,
    }
    .to_string();
    COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(&name))
}

/// Where the known columns stand in a row, and how rows are delimited.
struct Columns {
    at: [Option<usize>; 11],
    /// How many fields the header has (every row must have as many).
    count: usize,
    delimiter: u8,
    /// How large a row and a field may be.
    limits: Limits,
}

/// A header the rows of a chunk are read under: the csv reader keeps a
/// copy of its header record, and this one is small (were the first row
/// the header, a copy of a 100 MB name).
const HEADER: &[u8] = b"-\n";

/// A position in the chunk from one in `HEADER` followed by the chunk.
fn unprefixed(p: &csv::Position) -> csv::Position {
    let mut out = csv::Position::new();
    out.set_byte(p.byte().saturating_sub(HEADER.len() as u64))
        .set_line(p.line().saturating_sub(1).max(1))
        .set_record(p.record().saturating_sub(1));
    out
}

/// Checks the rows in `chunk` (whose first line is line `first_line` of
/// the input) into a builder.
fn read_rows(origin: &str, chunk: &[u8], first_line: usize, columns: &Columns) -> Result<Builder> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(columns.delimiter)
        .comment(Some(b'#'))
        .has_headers(true)
        .flexible(true)
        .from_reader(HEADER.chain(chunk));
    let line_of = |p: Option<&csv::Position>| {
        p.map_or(first_line, |p| {
            first_line + row_line(chunk, &unprefixed(p)) - 1
        })
    };
    // One row a line at most (a long name is one row, not thousands).
    let lines = chunk.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut builder =
        Builder::new(Place::Line, lines.min(chunk.len() / 16)).limited(columns.limits);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(read_error_at(origin, &e, line_of(e.position()))),
        }
        let line = line_of(record.position());
        // The record as written, for its quotes (rarely any).
        let start = record
            .position()
            .map_or(0, |p| unprefixed(p).byte() as usize);
        let end = unprefixed(reader.position()).byte() as usize;
        let raw = &chunk[start.min(chunk.len())..end.min(chunk.len())];
        if raw.contains(&b'"') {
            check_quotes(raw, columns.delimiter).map_err(|(offset, message)| {
                let before = &raw[..offset];
                let newlines = before.iter().filter(|&&b| b == b'\n').count();
                let line_start = before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let column = String::from_utf8_lossy(&before[line_start..])
                    .chars()
                    .count()
                    + 1;
                // The record's own line: where reading began, past
                // comments and blank lines.
                Error::data(origin, Some((line + newlines, column)), message)
            })?;
        }
        if record.len() != columns.count {
            return Err(Error::data(
                origin,
                Some((line, 1)),
                format!(
                    "a row has {} fields where the header has {}",
                    record.len(),
                    columns.count
                ),
            ));
        }
        let row = raw_row(|k| columns.at[k].and_then(|i| record.get(i)));
        if row.amount.trim().is_empty() {
            return Err(Error::data(
                origin,
                Some((line, 1)),
                format!("the amount of {} is empty", row.code.trim()),
            ));
        }
        builder
            .push(row, line)
            .map_err(|m| Error::data(origin, Some((line, 1)), m))?;
    }
    Ok(builder)
}

/// Checks the quotes of one record as written (RFC 4180): a quoted field
/// ends with a quote followed by the delimiter or the end of the line, a
/// quote inside it is doubled, and every quote that opens a field closes
/// it. Fails with the byte offset of the trouble and what it is.
fn check_quotes(raw: &[u8], delimiter: u8) -> std::result::Result<(), (usize, String)> {
    let mut i = 0;
    let mut field_start = true;
    while i < raw.len() {
        let b = raw[i];
        if field_start && b == b'"' {
            let open = i;
            i += 1;
            loop {
                match raw.get(i) {
                    None => {
                        return Err((
                            open,
                            "a quoted field is never closed (an unbalanced `\"`?): it runs to the \
                             end of the file"
                                .to_string(),
                        ));
                    }
                    Some(b'"') if raw.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        match raw.get(i) {
                            None | Some(b'\n' | b'\r') => {}
                            Some(&d) if d == delimiter => {}
                            Some(_) => {
                                return Err((
                                    i,
                                    "text after a closing quote (write the whole field in \
                                     quotes, with any quote inside it doubled: \"Pol\"\"and\")"
                                        .to_string(),
                                ));
                            }
                        }
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            field_start = false;
            continue;
        }
        field_start = b == delimiter || b == b'\n';
        i += 1;
    }
    Ok(())
}

/// The line a row starts on, from the position the CSV reader gives it:
/// that is where reading began, before the comment and blank lines it
/// skipped.
fn row_line(chunk: &[u8], position: &csv::Position) -> usize {
    let mut line = position.line() as usize;
    let mut at = position.byte() as usize;
    while let Some(&first) = chunk.get(at) {
        if first != b'#' && first != b'\n' && first != b'\r' {
            break;
        }
        match chunk[at..].iter().position(|&b| b == b'\n') {
            Some(end) => {
                at += end + 1;
                line += 1;
            }
            None => break,
        }
    }
    line
}

/// A CSV reading error as one line naming `origin` and the line (shared
/// with the population reader).
pub fn read_error(origin: &str, e: &csv::Error) -> Error {
    read_error_at(origin, e, e.position().map_or(0, |p| p.line() as usize))
}

/// [`read_error`] at `line` of the input.
fn read_error_at(origin: &str, e: &csv::Error, line: usize) -> Error {
    let line = (line > 0).then_some(line);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("a row has {len} fields where the header has {expected_len}"),
        _ => e.to_string(),
    };
    Error::data(origin, line.map(|l| (l, 1)), message)
}

/// Comma unless the header line has more semicolons than commas (as
/// spreadsheets write CSV where the comma is the decimal mark).
fn sniff(bytes: &[u8]) -> u8 {
    let header = bytes
        .split(|&b| b == b'\n')
        .find(|line| !line.starts_with(b"#"))
        .unwrap_or_default();
    let count = |c: u8| header.iter().filter(|&&b| b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_any_order_case_and_delimiter() {
        let t = parse(
            "t.csv",
            b"Amount;CODE;name\r\n1.5;pl;Poland\r\n2;RO;Romania\r\n",
            None,
            &LoadOptions::default(),
        )
        .unwrap();
        assert_eq!(t.allocated, Decimal::new(35, 1));
        assert_eq!(t.allocations[0].code, "PL");
        assert_eq!(t.fund.ceiling, Decimal::from(150_000_000_000u64));
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse(
            "t.csv",
            b"code,name,amount\nPL,Poland,1\nRO,Romania,\"1,5\"\n",
            None,
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(
            err.message().starts_with("t.csv:3:1: amount of RO"),
            "{}",
            err.message()
        );
        assert!(
            err.message().contains("thousands separator"),
            "{}",
            err.message()
        );
        let err = parse(
            "t.csv",
            b"code,name\nPL,Poland\n",
            None,
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(
            err.message().contains("no `amount` column"),
            "{}",
            err.message()
        );
    }
}
