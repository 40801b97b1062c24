//! Where input comes from: a file or standard input. Reading is the only
//! thing done here; every failure is one exit-66 line naming the input, and
//! a UTF-8 byte-order mark is dropped.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result, io_reason};

/// How standard input is named in messages and in JSON output.
pub const STDIN_ORIGIN: &str = "<stdin>";

/// An input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source<'a> {
    Stdin,
    File(&'a Path),
}

impl<'a> Source<'a> {
    /// `-` is standard input; anything else a file.
    pub fn from_path(path: &'a Path) -> Self {
        if path.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::File(path)
        }
    }

    /// How messages and reports name this input. A path's control
    /// characters are shown escaped, so a file name cannot drive the
    /// terminal a message is printed on.
    pub fn origin(&self) -> String {
        match self {
            Source::Stdin => STDIN_ORIGIN.to_string(),
            Source::File(p) => display_path(p),
        }
    }

    /// The whole input, without a leading UTF-8 byte-order mark: text
    /// within `limits.input`, without NUL bytes, not UTF-16. Read a chunk
    /// at a time, so that an input past its limit (a device, an endless
    /// stream) is refused (exit 65) in bounded memory, and a NUL byte at
    /// once.
    pub fn read(&self, limits: Limits) -> Result<Vec<u8>> {
        let origin = self.origin();
        let mut reader: Box<dyn Read> = match self {
            Source::Stdin => {
                // A closed standard input (`<&-`) reads as empty in Rust's
                // standard library; it is unreadable, not an empty table.
                if crate::fds::closed_at_start(0) {
                    return Err(Error::no_input(
                        STDIN_ORIGIN,
                        "cannot read: standard input is closed",
                    ));
                }
                Box::new(std::io::stdin().lock())
            }
            Source::File(path) => Box::new(open_file(path)?),
        };
        let cannot =
            |e: std::io::Error| Error::no_input(&origin, format!("cannot read: {}", io_reason(&e)));
        let hint = match self {
            Source::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            Source::Stdin => 0,
        };
        let mut bytes =
            Vec::with_capacity(usize::try_from(hint.min(limits.input)).unwrap_or(0) + 1);
        let mut checked = 0;
        loop {
            // Into the buffer itself, a chunk at a time (no copy, and no
            // zeroing of what is about to be read).
            let n = loop {
                match (&mut reader).take(CHUNK as u64).read_to_end(&mut bytes) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(cannot(e)),
                }
            };
            let done = n == 0;
            if checked == 0 && (bytes.len() >= HEAD || done) {
                check_encoding(&origin, &bytes)?;
            }
            if checked > 0 || bytes.len() >= HEAD || done {
                if let Some(at) = memchr::memchr(0, &bytes[checked..]) {
                    return Err(Error::data(
                        &origin,
                        Some(line_and_column(&bytes, checked + at)),
                        "holds a NUL byte: a table is text (UTF-8), not binary data",
                    ));
                }
                checked = bytes.len();
            }
            if bytes.len() as u64 > limits.input {
                return Err(Error::data(
                    &origin,
                    None,
                    format!(
                        "is larger than the input limit of {} (--limit input=SIZE raises it)",
                        size_text(limits.input)
                    ),
                ));
            }
            if done {
                break;
            }
        }
        if bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
        }
        Ok(bytes)
    }
}

/// How much is read at a time.
const CHUNK: usize = 1 << 20;

/// How much of an input tells its encoding.
const HEAD: usize = 64;

/// How much an input may hold (`--limit KIND=SIZE`): a runaway input (a
/// device, an endless stream, a file of one endless line) is refused with a
/// clear error (exit 65) in bounded memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole input, in bytes.
    pub input: u64,
    /// One row's fields together.
    pub record: u64,
    /// One field (a name, a note).
    pub field: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input: 1 << 30,
            record: 256 << 20,
            field: 256 << 20,
        }
    }
}

impl Limits {
    /// Reads `KIND=SIZE` (`input=2GiB`, `field=64m`) into these limits.
    pub fn set(&mut self, text: &str) -> std::result::Result<(), String> {
        let (kind, size) = text.split_once('=').ok_or_else(|| {
            format!("expected KIND=SIZE (input=2GiB, record=64MiB, field=1MiB), got {text:?}")
        })?;
        let size = parse_size(size.trim())?;
        match kind.trim() {
            "input" => self.input = size,
            "record" => self.record = size,
            "field" => self.field = size,
            other => {
                return Err(format!(
                    "no limit called {other:?}: the limits are input, record and field"
                ));
            }
        }
        Ok(())
    }
}

/// A size in bytes: a whole number, with an optional unit of 1,024s (`k`
/// or `KiB`, `m` or `MiB`, `g` or `GiB`; `B` for bytes).
fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = &text[digits.len()..];
    let factor: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" | "kb" => 1 << 10,
        "m" | "mib" | "mb" => 1 << 20,
        "g" | "gib" | "gb" => 1 << 30,
        _ => {
            return Err(format!(
                "unknown unit {unit:?} in the size {text:?}: use k, m or g (1,024s)"
            ));
        }
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            format!("invalid size {text:?}: a whole number of bytes, such as 512m or 2GiB")
        })
}

/// A size for messages: `1 GiB`, `256 MiB`, `1,000 bytes`.
pub fn size_text(bytes: u64) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

/// The line and column (1-based, in bytes) of byte `at`.
fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line, column)
}

/// Refuses a UTF-16 input (by its byte-order mark, or by the NUL bytes of
/// mostly ASCII text), saying how to save it as UTF-8.
pub fn check_encoding(origin: &str, bytes: &[u8]) -> Result<()> {
    let which = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some("UTF-16 (little-endian)")
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16 (big-endian)")
    } else {
        // Without a byte-order mark: ASCII text in UTF-16 has a NUL in
        // every other byte, and text in the others.
        let head = &bytes[..bytes.len().min(HEAD)];
        let count = |offset: usize, nul: bool| {
            head.iter()
                .skip(offset)
                .step_by(2)
                .filter(|&&b| (b == 0) == nul)
                .count()
        };
        let half = head.len() / 2;
        let mostly = |n: usize| n * 4 >= half * 3;
        if head.len() >= 4 && mostly(count(1, true)) && mostly(count(0, false)) {
            Some("UTF-16 (little-endian)")
        } else if head.len() >= 4 && mostly(count(0, true)) && mostly(count(1, false)) {
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

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading UTF-8 byte-order mark (as some Windows
/// programs write).
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// A path as messages show it: control characters escaped.
pub fn display_path(path: &Path) -> String {
    crate::escape::escape_controls(&path.display().to_string()).into_owned()
}

/// Opens a file to read, turning every failure into a one-line, exit-66
/// error.
fn open_file(path: &Path) -> Result<std::fs::File> {
    let origin = display_path(path);
    if path.is_dir() {
        return Err(Error::no_input(&origin, "cannot read: is a directory"));
    }
    std::fs::File::open(path)
        .map_err(|e| Error::no_input(&origin, format!("cannot read: {}", io_reason(&e))))
}
