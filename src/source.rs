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

    /// The whole input, without a leading UTF-8 byte-order mark.
    pub fn read(&self) -> Result<Vec<u8>> {
        let mut bytes = match self {
            Source::Stdin => {
                // A closed standard input (`<&-`) reads as empty in Rust's
                // standard library; it is unreadable, not an empty table.
                if crate::fds::closed_at_start(0) {
                    return Err(Error::no_input(
                        STDIN_ORIGIN,
                        "cannot read: standard input is closed",
                    ));
                }
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map_err(|e| {
                        Error::no_input(STDIN_ORIGIN, format!("cannot read: {}", io_reason(&e)))
                    })?;
                bytes
            }
            Source::File(path) => read_file(path)?,
        };
        if bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
        }
        Ok(bytes)
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

/// Reads a whole file, turning every failure into a one-line, exit-66 error.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let origin = display_path(path);
    if path.is_dir() {
        return Err(Error::no_input(&origin, "cannot read: is a directory"));
    }
    std::fs::read(path)
        .map_err(|e| Error::no_input(&origin, format!("cannot read: {}", io_reason(&e))))
}
