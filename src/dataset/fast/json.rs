//! JSON rows read plainly: the `allocations` array of a table, each row an
//! object of known keys, each once, whose values are strings without
//! escapes, numbers or null. The array is cut into a piece per core where
//! a row seems to start (`}`, `,`, `{`); each piece before another must
//! end exactly where the next starts, or a cut fell inside a string and
//! the full reader reads the table. The rest of the document (fund,
//! edition, rounding) is read by the full reader's own code, with the rows
//! left out.

use super::{Summary, Tally, tally_each};
use crate::dataset::builder::RawRow;
use crate::dataset::{LoadOptions, Rounding};

pub fn summary(
    origin: &str,
    bytes: &[u8],
    options: &LoadOptions,
    cores: impl Fn(usize) -> usize,
) -> Option<Summary> {
    crate::source::check_encoding(origin, bytes).ok()?;
    let text = std::str::from_utf8(crate::source::strip_bom(bytes)).ok()?;
    let b = text.as_bytes();
    let (open, early) = rows_start(b)?;
    // The rows' rounding: --rounding, else the table's when it comes
    // before the rows (checked against the table's below).
    let rounding = options.rounding.or(early);
    let mut starts = vec![open + 1];
    let n = cores(b.len() - open);
    for k in 1..n {
        let from = open + (b.len() - open) * k / n;
        match next_row_start(b, from) {
            Some(at) if starts.last().is_some_and(|&last| at > last) => starts.push(at),
            _ => break,
        }
    }
    let pieces: Vec<(usize, Option<usize>)> = starts
        .iter()
        .enumerate()
        .map(|(k, &start)| (start, starts.get(k + 1).copied()))
        .collect();
    let close = std::sync::OnceLock::new();
    let tally = tally_each(&pieces, |&(start, stop)| {
        let (tally, end) = read_rows(b, start, stop, options, rounding)?;
        match stop {
            Some(next) => (end == next).then_some(tally),
            None => {
                let _ = close.set(end);
                Some(tally)
            }
        }
    })?;
    // The document without its rows, read by the full reader's code.
    let close = *close.get()?;
    let rest = format!("{}[]{}", &text[..open], &text[close + 1..]);
    let (fund, edition, table_rounding) = crate::dataset::json::parts(&rest)?;
    if options.rounding.or(table_rounding) != rounding {
        return None;
    }
    tally.finish(origin, fund, edition)
}

fn ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Where the top-level `allocations` array opens, and the table's
/// `rounding` if it stands before it.
fn rows_start(b: &[u8]) -> Option<(usize, Option<Rounding>)> {
    let mut i = ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut rounding = None;
    loop {
        i = ws(b, i + 1);
        let (key, after) = plain_string(b, i)?;
        i = ws(b, after);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = ws(b, i + 1);
        match key {
            "allocations" => return (b.get(i) == Some(&b'[')).then_some((i, rounding)),
            "rounding" => {
                let (rule, after) = plain_string(b, i)?;
                rounding = Some(Rounding::parse(rule).ok()?);
                i = after;
            }
            _ => i = skip_value(b, i)?,
        }
        i = ws(b, i);
        if b.get(i) != Some(&b',') {
            return None;
        }
    }
}

/// A string without escapes or control characters at `i`, and where it
/// ends.
fn plain_string(b: &[u8], i: usize) -> Option<(&str, usize)> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let len = b[i + 1..].iter().position(|&c| c == b'"')?;
    let inner = &b[i + 1..i + 1 + len];
    if inner.iter().any(|&c| c == b'\\' || c < 0x20) {
        return None;
    }
    Some((std::str::from_utf8(inner).ok()?, i + len + 2))
}

/// Past any JSON value at `i` (strings with escapes, nested arrays and
/// objects); the full reader checks it.
fn skip_value(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *b.get(i)? {
            b'"' => {
                i += 1;
                loop {
                    match *b.get(i)? {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' if depth > 0 => {
                depth -= 1;
                i += 1;
            }
            b',' | b'}' | b']' if depth == 0 => return Some(i),
            _ => i += 1,
        }
        if depth == 0
            && matches!(
                b.get(i),
                Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            )
        {
            return Some(i);
        }
    }
}

/// The first place at or after `from` where a row seems to start: a `{`
/// after `,` after `}` (white space between).
fn next_row_start(b: &[u8], from: usize) -> Option<usize> {
    let back = |mut j: usize| {
        while j > 0 && matches!(b[j - 1], b' ' | b'\t' | b'\n' | b'\r') {
            j -= 1;
        }
        j
    };
    let mut at = from;
    loop {
        at += b.get(at..)?.iter().position(|&c| c == b'{')?;
        let comma = back(at);
        if comma > 0 && b[comma - 1] == b',' {
            let brace = back(comma - 1);
            if brace > 0 && b[brace - 1] == b'}' {
                return Some(at);
            }
        }
        at += 1;
    }
}

/// The rows from `start` up to `stop` (the next piece's first row) or the
/// array's end, each checked and added; with where reading ended.
fn read_rows(
    b: &[u8],
    start: usize,
    stop: Option<usize>,
    options: &LoadOptions,
    rounding: Option<Rounding>,
) -> Option<(Tally, usize)> {
    let span = stop.unwrap_or(b.len()) - start;
    let mut tally = Tally::with_capacity(span / 48);
    let mut i = ws(b, start);
    if stop.is_none() && b.get(i) == Some(&b']') && start > 0 && b[start - 1] == b'[' {
        return Some((tally, i));
    }
    loop {
        if stop.is_some_and(|s| i >= s) {
            return Some((tally, i));
        }
        let (raw, after) = row(b, i)?;
        tally.add(&raw, options, rounding)?;
        i = ws(b, after);
        match b.get(i)? {
            b',' => i = ws(b, i + 1),
            b']' => return Some((tally, i)),
            _ => return None,
        }
    }
}

/// A value of a row: a string's text, a number's, or null.
#[derive(Clone, Copy)]
enum Value<'a> {
    Text(&'a str),
    Number(&'a str),
    Null,
}

/// The row object at `i`, as the full reader would hand it on, and where
/// it ends.
fn row(b: &[u8], mut i: usize) -> Option<(RawRow<'_>, usize)> {
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut values: [Option<Value<'_>>; 11] = [None; 11];
    loop {
        i = ws(b, i + 1);
        let (key, after) = plain_string(b, i)?;
        let k = match key {
            "code" => 0,
            "name" => 1,
            "amount" => 2,
            "basis" => 3,
            "decided" => 4,
            "source" => 5,
            "prefinancing" => 6,
            "note" => 7,
            "min" | "amount_min" => 8,
            "max" | "amount_max" => 9,
            "url" => 10,
            _ => return None,
        };
        i = ws(b, after);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = ws(b, i + 1);
        let (value, after) = match b.get(i)? {
            b'"' => plain_string(b, i).map(|(s, end)| (Value::Text(s), end))?,
            b'n' if b[i..].starts_with(b"null") => (Value::Null, i + 4),
            b'-' | b'0'..=b'9' => number(b, i).map(|end| {
                // ASCII digits and signs: a str slice.
                (
                    Value::Number(std::str::from_utf8(&b[i..end]).unwrap_or("")),
                    end,
                )
            })?,
            _ => return None,
        };
        if values[k].replace(value).is_some() {
            return None;
        }
        i = ws(b, after);
        match b.get(i)? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    // Text fields take a string (or null where optional); figures a
    // string or a number.
    let text = |k: usize| match values[k] {
        Some(Value::Text(s)) => Some(Some(s)),
        None | Some(Value::Null) => Some(None),
        Some(Value::Number(_)) => None,
    };
    let figure = |k: usize| match values[k] {
        Some(Value::Text(s) | Value::Number(s)) => Some(s),
        _ => None,
    };
    let required = |k: usize| match values[k] {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    };
    let raw = RawRow {
        code: required(0)?,
        name: required(1)?,
        amount: figure(2)?,
        basis: text(3)?,
        decided: text(4)?,
        source: text(5)?,
        prefinancing: figure(6),
        note: text(7)?,
        min: figure(8),
        max: figure(9),
        url: text(10)?,
    };
    Some((raw, i + 1))
}

/// Where a JSON number at `i` ends, if it is one:
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn number(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = |mut j: usize| {
        let from = j;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        (j > from).then_some(j)
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    i = match b.get(i)? {
        b'0' => i + 1,
        b'1'..=b'9' => digits(i)?,
        _ => return None,
    };
    if b.get(i) == Some(&b'.') {
        i = digits(i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i)?;
    }
    Some(i)
}
