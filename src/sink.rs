//! The one writer: what a command returns ([`Output`]) is checked against
//! the chosen format, then its files are written, then standard output,
//! then its notes on stderr. Nothing else in `safe` writes to standard
//! output.
//!
//! Files are written the way `cp` would leave them, but atomically:
//!
//! * a regular file is replaced whole: written to a temporary file beside
//!   it and renamed over it, keeping its mode (and, as root, its owner); a
//!   read-only file is refused, as root too;
//! * a symbolic link is followed (a dangling one too) and its target
//!   replaced, so the link stays a link;
//! * a character or block device or a FIFO is opened and written in place;
//!   a path that is standard output (`/dev/stdout`, `/dev/fd/1`) and `-`
//!   are written as standard output; a directory or a socket is refused;
//! * several files are written all or none: every replacement is staged
//!   before the first is renamed into place;
//! * on SIGINT, SIGTERM or SIGHUP, temporary files are removed and `safe`
//!   exits with 128 + the signal's number.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use crate::error::{Error, Result, io_reason};
use crate::export::output::{Document, FileOut, Output, Show};
use crate::export::{self, Format, Frame, Style};
use crate::source::display_path;

/// How standard output is named in messages.
const STDOUT: &str = "standard output";

/// Writes everything `output` holds and returns the exit status.
pub fn deliver(output: Output<'_>, command: &str, style: Style, inputs: &[PathBuf]) -> Result<u8> {
    let report = match &output.show {
        Show::Report { report, .. } => Some(report.as_ref()),
        _ => None,
    };
    export::permit(command, style, output.fixed, report)?;
    refuse_overwriting_inputs(&output.files, inputs)?;
    write_files(&output.files)?;
    let mut notes = Vec::new();
    match &output.show {
        Show::Nothing => {}
        Show::Report { report, subject } => {
            let frame = Frame {
                command,
                subject,
                style,
            };
            to_stdout(|out| export::write(report.as_ref(), &frame, out))?;
            // CSV holds one table: say how to reach the others.
            let parts = report.parts();
            if style.format == Format::Csv && parts.len() > 1 && style.part.is_none() {
                let others: Vec<String> =
                    parts[1..].iter().map(|p| format!("--part {p}")).collect();
                notes.push(format!(
                    "note: the CSV holds the {} table; {} for the other{}",
                    parts[0],
                    others.join(" or "),
                    if others.len() == 1 { "" } else { "s" }
                ));
            }
        }
        Show::Document(document) => to_stdout(|out| document.write_to(out))?,
    }
    notes.extend(output.notes);
    let mut stderr = io::stderr().lock();
    for line in notes {
        let _ = writeln!(stderr, "safe: {line}");
    }
    Ok(output.status)
}

/// A table that does not load, in the CI format asked for (see
/// `export::ci::load_failure`), on standard output: the CI step that reads
/// it sees the failure. Nothing for the other formats. `table` is the
/// loaded table's origin, if one loaded.
pub fn deliver_failure(
    err: &anyhow::Error,
    table: Option<&str>,
    command: &str,
    style: Style,
) -> Result<()> {
    match export::ci::load_failure(style.format, command, err, table) {
        Some(text) => to_stdout(|out| out.write_all(text.as_bytes())),
        None => Ok(()),
    }
}

/// Writes to standard output through one buffer. A reader that closed
/// the pipe early (`| head`) ends the writing quietly: the exit status is
/// still the command's.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    if crate::fds::closed_at_start(1) {
        return Err(Error::output(
            STDOUT,
            "cannot write: it was closed when safe started",
        ));
    }
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::write(STDOUT, &e)),
    }
}

/// Where one file goes.
#[derive(Debug)]
enum Target {
    Stdout,
    /// A device or a FIFO, written in place; `what` names it.
    InPlace {
        path: PathBuf,
        what: &'static str,
    },
    /// A regular file (or none yet) at `path` (links followed), replaced:
    /// with the mode (and owner) of the file there, or a new file's.
    Replace {
        path: PathBuf,
        mode: Option<u32>,
        owner: Option<(u32, u32)>,
    },
}

/// Refuses to write a file that is one of the command's inputs (the same
/// file, through any link): as `cp` refuses to copy a file onto itself,
/// the table is never destroyed by its own report. Exit 74, nothing
/// written.
fn refuse_overwriting_inputs(files: &[FileOut<'_>], inputs: &[PathBuf]) -> Result<()> {
    let id = |p: &Path| std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()));
    let inputs: Vec<(u64, u64)> = inputs.iter().filter_map(|p| id(p)).collect();
    for file in files {
        if id(&file.path).is_some_and(|out| inputs.contains(&out)) {
            return Err(Error::output(
                &display_path(&file.path),
                "cannot write: it is an input of this command (writing it would destroy the \
                 table it is made from); choose another file",
            ));
        }
    }
    Ok(())
}

/// Writes `files`, all or none (see the module docs).
fn write_files(files: &[FileOut<'_>]) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let targets: Vec<Target> = files
        .iter()
        .map(|f| resolve(&f.path))
        .collect::<Result<_>>()?;
    let mut staged = Vec::new();
    for (file, target) in files.iter().zip(&targets) {
        if let Target::Replace { path, mode, owner } = target {
            // On an error, `staged` is dropped: its temporary files go.
            staged.push(stage(
                &file.path,
                path,
                *mode,
                *owner,
                file.document.as_ref(),
            )?);
        }
    }
    for (file, target) in files.iter().zip(&targets) {
        match target {
            Target::Stdout => to_stdout(|out| file.document.write_to(out))?,
            Target::InPlace { path, what } => write_in_place(path, what, file.document.as_ref())?,
            Target::Replace { .. } => {}
        }
    }
    for file in staged {
        file.commit()?;
    }
    Ok(())
}

/// What is at `path`, and so how to write it.
fn resolve(path: &Path) -> Result<Target> {
    let shown = display_path(path);
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    match fs::metadata(path) {
        Ok(meta) => {
            if is_stdout(&meta) {
                return Ok(Target::Stdout);
            }
            let kind = meta.file_type();
            let in_place = |what| {
                Ok(Target::InPlace {
                    path: path.to_path_buf(),
                    what,
                })
            };
            if kind.is_dir() {
                Err(Error::output(&shown, "cannot write: is a directory"))
            } else if kind.is_socket() {
                Err(Error::output(
                    &shown,
                    "cannot write: is a socket (safe writes files, devices and FIFOs)",
                ))
            } else if kind.is_char_device() {
                in_place("a character device")
            } else if kind.is_block_device() {
                in_place("a block device")
            } else if kind.is_fifo() {
                in_place("a FIFO")
            } else if meta.permissions().readonly() {
                Err(Error::output(
                    &shown,
                    "cannot write: the file is read-only, and safe does not replace a file its \
                     owner protected (make it writable or remove it first)",
                ))
            } else {
                Ok(Target::Replace {
                    path: follow_links(path)?,
                    mode: Some(meta.mode() & 0o7777),
                    owner: Some((meta.uid(), meta.gid())),
                })
            }
        }
        // Nothing there yet, or a dangling link: its target is created.
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::Replace {
            path: follow_links(path)?,
            mode: None,
            owner: None,
        }),
        Err(e) => Err(Error::output(
            &shown,
            format!("cannot write: {}", io_reason(&e)),
        )),
    }
}

/// Whether `meta` is the file standard output is open on (`/dev/stdout`).
fn is_stdout(meta: &fs::Metadata) -> bool {
    use std::os::fd::AsFd;
    if crate::fds::closed_at_start(1) {
        return false;
    }
    let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    File::from(fd)
        .metadata()
        .is_ok_and(|out| out.dev() == meta.dev() && out.ino() == meta.ino())
}

/// `path` with its symbolic links followed to the file they name (which
/// may not exist yet).
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&at).map_err(|e| {
                    Error::output(
                        &display_path(path),
                        format!("cannot write: {}", io_reason(&e)),
                    )
                })?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(Error::output(
        &display_path(path),
        "cannot write: too many levels of symbolic links",
    ))
}

/// Opens a device or FIFO and writes the document into it.
fn write_in_place(path: &Path, what: &str, document: &dyn Document) -> Result<()> {
    let fail = |e: io::Error| {
        Error::output(
            &format!("{} ({what})", display_path(path)),
            format!("cannot write: {}", io_reason(&e)),
        )
    };
    let file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(fail)?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    document
        .write_to(&mut out)
        .and_then(|()| out.flush())
        .map_err(fail)
}

/// A document written to a temporary file beside its destination, ready
/// to be renamed into place. Dropped before that, it removes its file.
struct Staged {
    temp: Option<tempfile::NamedTempFile>,
    destination: PathBuf,
    /// The path as the user gave it, for messages.
    shown: String,
}

fn stage(
    given: &Path,
    destination: &Path,
    mode: Option<u32>,
    owner: Option<(u32, u32)>,
    document: &dyn Document,
) -> Result<Staged> {
    let shown = display_path(given);
    let fail = |e: io::Error| Error::output(&shown, format!("cannot write: {}", io_reason(&e)));
    let dir = match destination.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = {
        // Created and registered under the lock, so that a signal's
        // handler removes it whenever the signal comes.
        let mut temps = temps();
        install_handler();
        // A new file gets 0666 less the umask, as `cp` gives it (the
        // operating system applies the umask); a replaced one keeps its
        // mode (below).
        let temp = tempfile::Builder::new()
            .prefix(".safe-")
            .suffix(".tmp")
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(dir)
            .map_err(fail)?;
        temps.push(temp.path().to_path_buf());
        temp
    };
    let staged = Staged {
        temp: Some(temp),
        destination: destination.to_path_buf(),
        shown: shown.clone(),
    };
    let file = staged.temp.as_ref().map(|t| t.as_file());
    if let Some(file) = file {
        if let Some(mode) = mode {
            file.set_permissions(fs::Permissions::from_mode(mode))
                .map_err(fail)?;
        }
        if let Some((uid, gid)) = owner {
            // Only root may give a file away; for anyone else this is the
            // owner it has already.
            let _ = std::os::unix::fs::fchown(file, Some(uid), Some(gid));
        }
        let mut out = BufWriter::with_capacity(1 << 16, file);
        document
            .write_to(&mut out)
            .and_then(|()| out.flush())
            .map_err(fail)?;
        drop(out);
        file.sync_all().map_err(fail)?;
    }
    Ok(staged)
}

impl Staged {
    /// Renames the temporary file over the destination.
    fn commit(mut self) -> Result<()> {
        let Some(temp) = self.temp.take() else {
            return Ok(());
        };
        let mut temps = temps();
        let path = temp.path().to_path_buf();
        let result = temp.persist(&self.destination);
        temps.retain(|p| *p != path);
        // A failed rename hands the file back; dropping it removes it.
        result.map(drop).map_err(|e| {
            Error::output(
                &self.shown,
                format!("cannot write: {}", io_reason(&e.error)),
            )
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let mut temps = temps();
            let path = temp.path().to_path_buf();
            drop(temp);
            temps.retain(|p| *p != path);
        }
    }
}

/// The temporary files that exist now.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes the temporary files that exist now (for a panic's way out:
/// the lock is only tried, as the panic may have come while it was held).
pub fn remove_temporary_files() {
    if let Ok(temps) = TEMPS.try_lock() {
        for path in temps.iter() {
            let _ = fs::remove_file(path);
        }
    }
}

/// Removes the temporary files on SIGINT, SIGTERM and SIGHUP, then exits
/// with 128 + the signal (installed the first time a file is staged).
fn install_handler() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held until the process ends: no new temporary file can
                // be made, and none renamed, after this.
                let temps = temps();
                for path in temps.iter() {
                    let _ = fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::output::Output;

    fn write(path: &Path, text: &str) -> Result<u8> {
        deliver(
            Output::nothing().with_file(path.to_path_buf(), text.to_string()),
            "test",
            Style::default(),
            &[],
        )
    }

    #[test]
    fn an_atomic_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.svg");
        std::fs::write(&path, "old").unwrap();
        write(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let err = write(dir.path(), "x").unwrap_err();
        assert_eq!(err.kind(), crate::error::Kind::Output);
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn links_are_followed_and_stay_links() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.svg");
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink("real.svg", &link).unwrap();
        write(&link, "new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn files_are_written_all_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.1");
        let output = Output::nothing()
            .with_file(good.clone(), "a".to_string())
            .with_file(dir.path().join("missing/b.1"), "b".to_string());
        assert!(deliver(output, "test", Style::default(), &[]).is_err());
        assert!(!good.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
