//! Where input comes from: a file or standard input. Reading is the only
//! thing done here; every failure is one exit-66 line naming the input, and
//! a UTF-8 byte-order mark is dropped.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

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
                if was_closed(0) {
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
    crate::text::escape_controls(&path.display().to_string()).into_owned()
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

/// A short reason for an I/O error, without the `(os error N)` noise.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".to_string(),
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

/// Whether standard descriptor `fd` (0, 1 or 2) was closed when `safe`
/// started. Rust's runtime opens `/dev/null` read-write in place of a
/// closed standard descriptor, so reads would find nothing and writes
/// vanish without an error; a shell's `</dev/null` or `>/dev/null` opens it
/// read-only or write-only. Linux only (it reads `/proc/self`); elsewhere
/// it answers no.
pub fn was_closed(fd: u8) -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let (Ok(target), Ok(null)) = (
        std::fs::metadata(format!("/proc/self/fd/{fd}")),
        std::fs::metadata("/dev/null"),
    ) else {
        return false;
    };
    if !target.file_type().is_char_device() || target.rdev() != null.rdev() {
        return false;
    }
    let Ok(info) = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")) else {
        return false;
    };
    const ACCESS_MODE: u32 = 0o3;
    const READ_WRITE: u32 = 0o2;
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .is_some_and(|flags| flags & ACCESS_MODE == READ_WRITE)
}
