//! CSV rows read plainly: a header of known columns, comma-delimited, no
//! quote anywhere, no comment or blank line, LF or CRLF line ends. Cut at
//! line ends into a piece per core.

use crate::dataset::builder::RawRow;
use crate::dataset::csv::{COLUMNS, column_of, fund, raw_row};
use crate::dataset::{Fund, LoadOptions};

/// A plain CSV table: its fund, its known columns' places, and its rows
/// cut into pieces, each with the line its first row stands on.
pub struct Plain<'a> {
    pub fund: Fund,
    at: Vec<Option<usize>>,
    pub pieces: Vec<(&'a [u8], usize)>,
}

/// The table's plain shape, or `None` for the full reader.
pub fn plain<'a>(
    origin: &str,
    bytes: &'a [u8],
    options: &LoadOptions,
    cores: impl Fn(usize) -> usize,
) -> Option<Plain<'a>> {
    if options.ignore_unknown_columns {
        return None;
    }
    crate::source::check_encoding(origin, bytes).ok()?;
    let bytes = crate::source::strip_bom(bytes);
    // Quotes, comments and lone CRs are the full reader's (rows are
    // looked at on their cores).
    let header_end = memchr::memchr(b'\n', bytes)?;
    let line = std::str::from_utf8(&bytes[..header_end]).ok()?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.contains(['"', '\r']) {
        return None;
    }
    let at = header(line)?;
    let rows = &bytes[header_end + 1..];
    // Each line a row: a piece's first row's line from the lines before.
    let mut line = 2;
    let pieces = cut(rows, cores(rows.len()))
        .into_iter()
        .map(|piece| {
            let first = line;
            line += memchr::memchr_iter(b'\n', piece).count();
            (piece, first)
        })
        .collect();
    Some(Plain {
        fund: fund(origin, options.ceiling),
        at,
        pieces,
    })
}

/// Where each known column stands, for a header of known columns only,
/// each once, with code, name and amount (the full reader explains any
/// other), separated by commas; the header's field count last.
fn header(line: &str) -> Option<Vec<Option<usize>>> {
    if line.contains([';', '\t']) || line.starts_with('#') {
        return None;
    }
    let mut at: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    let mut fields = 0;
    for (i, name) in line.split(',').enumerate() {
        let k = column_of(name.trim())?;
        if at[k].replace(i).is_some() {
            return None;
        }
        fields += 1;
    }
    at.push(Some(fields));
    (at[0].is_some() && at[1].is_some() && at[2].is_some()).then_some(at)
}

/// `rows` cut after a line end into about `n` pieces.
fn cut(rows: &[u8], n: usize) -> Vec<&[u8]> {
    let mut pieces = Vec::with_capacity(n);
    let mut rest = rows;
    for k in (1..n).rev() {
        let target = rest.len() / (k + 1);
        match memchr::memchr(b'\n', &rest[target..]) {
            Some(end) => {
                let (head, tail) = rest.split_at(target + end + 1);
                pieces.push(head);
                rest = tail;
            }
            None => break,
        }
    }
    pieces.push(rest);
    pieces
}

impl Plain<'_> {
    /// The rows of one piece, each given to `each` with its line; `None`
    /// at the first that is not plain, or that `each` refuses.
    pub fn rows(
        &self,
        piece: &[u8],
        first_line: usize,
        mut each: impl FnMut(&RawRow<'_>, usize) -> Option<()>,
    ) -> Option<()> {
        let at = &self.at;
        let text = std::str::from_utf8(piece).ok()?;
        // A quote anywhere, a lone CR (a line end the full reader
        // translates), a comment or a blank line: the full reader's.
        if memchr::memchr(b'"', piece).is_some() {
            return None;
        }
        let fields_per_row = at[COLUMNS.len()]?;
        let mut fields: Vec<&str> = Vec::with_capacity(fields_per_row);
        let mut start = 0;
        let last = (piece.last() != Some(&b'\n')).then_some(piece.len());
        for (n, end) in memchr::memchr_iter(b'\n', piece).chain(last).enumerate() {
            // Cut at ASCII bytes: every slice is whole characters.
            let line = &text[start..end];
            start = end + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty()
                || line.starts_with('#')
                || memchr::memchr(b'\r', line.as_bytes()).is_some()
            {
                return None;
            }
            fields.clear();
            let mut from = 0;
            for comma in memchr::memchr_iter(b',', line.as_bytes()) {
                fields.push(&line[from..comma]);
                from = comma + 1;
            }
            fields.push(&line[from..]);
            if fields.len() != fields_per_row {
                return None;
            }
            let row = raw_row(|k| at[k].map(|i| fields[i]));
            if row.amount.trim().is_empty() {
                return None;
            }
            each(&row, first_line + n)?;
        }
        Some(())
    }
}
