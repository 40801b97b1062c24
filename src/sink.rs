//! Where output goes: standard output (checked to be open, a closed pipe
//! being a normal end) and files, which are written atomically.

use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Kind, Result};
use crate::source::{display_path, io_reason};

fn output_error(message: String) -> Error {
    Error {
        kind: Kind::Output,
        message,
    }
}

/// Fails when standard output is closed (`safe rank >&-`): Rust's standard
/// library would otherwise drop everything written to it without a word.
pub fn check_stdout_open() -> Result<()> {
    if crate::source::was_closed(1) {
        return Err(output_error(
            "cannot write output: standard output is closed".to_string(),
        ));
    }
    Ok(())
}

/// Writes the whole text to standard output. A reader that closed the pipe
/// early (`| head`) is a normal end, not an error; any other failure
/// (a full disk, `/dev/full`) is.
pub fn write_stdout(text: &str) -> Result<()> {
    check_stdout_open()?;
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(output_error(format!(
            "cannot write output: {}",
            io_reason(&e)
        ))),
    }
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same
/// directory, then renamed over `path`. If anything fails, `path` is left
/// as it was and the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |e: io::Error| {
        output_error(format!(
            "{}: cannot write: {}",
            display_path(path),
            io_reason(&e)
        ))
    };
    if path.is_dir() {
        return Err(fail(io::Error::from(io::ErrorKind::IsADirectory)));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".safe-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    // A new file gets the usual 0644; a replaced one keeps its mode (the
    // temporary file starts as 0600).
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions())
        .unwrap_or_else(|_| std::os::unix::fs::PermissionsExt::from_mode(0o644));
    file.as_file().set_permissions(mode).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.svg");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert_eq!(err.kind, Kind::Output);
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
