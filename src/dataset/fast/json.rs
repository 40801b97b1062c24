//! JSON rows read plainly: the `allocations` array of a table, each row an
//! object of known keys, each once, whose values are strings without
//! escapes, numbers or null. The array is cut into a piece per core where
//! a row seems to start (`}`, `,`, `{`); each piece before another must
//! end exactly where the next starts, or a cut fell inside a string and
//! the full reader reads the table. The rest of the document (fund,
//! edition, rounding) is read by the full reader's own code, with the rows
//! left out.

use crate::dataset::builder::RawRow;
use crate::dataset::{Edition, Fund, Rounding};

/// A plain JSON table: its text, where its rows' array opens, the
/// table's rounding if it stands before the rows, and the pieces the
/// array is cut into (each from a row's start to the next piece's, the
/// last to the array's end).
pub struct Plain<'a> {
    text: &'a str,
    open: usize,
    pub early_rounding: Option<Rounding>,
    pub pieces: Vec<(usize, Option<usize>)>,
}

/// The table's plain shape, or `None` for the full reader.
pub fn plain<'a>(
    origin: &str,
    bytes: &'a [u8],
    cores: impl Fn(usize) -> usize,
) -> Option<Plain<'a>> {
    crate::source::check_encoding(origin, bytes).ok()?;
    let text = std::str::from_utf8(crate::source::strip_bom(bytes)).ok()?;
    let b = text.as_bytes();
    let (open, early_rounding) = rows_start(b)?;
    let mut starts = vec![open + 1];
    let n = cores(b.len() - open);
    for k in 1..n {
        let from = open + (b.len() - open) * k / n;
        match next_row_start(b, from) {
            Some(at) if starts.last().is_some_and(|&last| at > last) => starts.push(at),
            _ => break,
        }
    }
    let pieces = starts
        .iter()
        .enumerate()
        .map(|(k, &start)| (start, starts.get(k + 1).copied()))
        .collect();
    Some(Plain {
        text,
        open,
        early_rounding,
        pieces,
    })
}

impl Plain<'_> {
    /// The rows of the piece from `start` up to `stop` (the next piece's
    /// first row) or the array's end, each given to `each`; where the
    /// array ends, for the last piece. `None` at anything not plain, a
    /// piece that does not end where the next starts, or a row `each`
    /// refuses.
    pub fn rows(
        &self,
        (start, stop): (usize, Option<usize>),
        mut each: impl FnMut(&RawRow<'_>) -> Option<()>,
    ) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut i = ws(b, start);
        if stop.is_none() && start == self.open + 1 && b.get(i) == Some(&b']') {
            return Some(i);
        }
        loop {
            if let Some(next) = stop {
                if i >= next {
                    return (i == next).then_some(i);
                }
            }
            let (raw, after) = row(b, i)?;
            each(&raw)?;
            i = ws(b, after);
            match b.get(i)? {
                b',' => i = ws(b, i + 1),
                b']' if stop.is_none() => return Some(i),
                _ => return None,
            }
        }
    }

    /// The fund, edition and rounding of the table whose rows' array
    /// closes at `close`, read by the full reader's own code with the
    /// rows left out.
    pub fn parts(&self, close: usize) -> Option<(Fund, Option<Edition>, Option<Rounding>)> {
        let rest = format!("{}[]{}", &self.text[..self.open], &self.text[close + 1..]);
        crate::dataset::json::parts(&rest)
    }
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
