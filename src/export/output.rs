//! What a command hands back to be shown: a report (rendered in the
//! chosen format) or a document of one fixed format (an HTML page, an SVG
//! chart, a man page) on standard output, files to write, notes for
//! stderr and the exit status. One writer (`crate::sink`) does all the
//! writing; a command never touches standard output.

use std::io::Write;
use std::path::PathBuf;

use super::{Report, Subject};

/// Everything a command produced.
pub struct Output<'a> {
    /// What goes to standard output.
    pub show: Show<'a>,
    /// Files to write, all or none (each atomically).
    pub files: Vec<FileOut<'a>>,
    /// Lines for stderr, each shown as `safe: LINE`.
    pub notes: Vec<String>,
    /// The exit status once everything is written (0, or 1 for a failed
    /// check).
    pub status: u8,
    /// Set when the command writes one fixed format (HTML, roff, …):
    /// any `--format` but the default `table` is then refused, unless it
    /// is JSON and the document is JSON.
    pub fixed: Option<Fixed>,
}

/// The one format a command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed {
    /// What it is, for messages (`HTML`, `a man page in roff`).
    pub what: &'static str,
    /// Whether it is JSON (so `--json` is no contradiction).
    pub json: bool,
}

/// What goes to standard output.
pub enum Show<'a> {
    Nothing,
    /// A report, rendered in the chosen format, about `subject`.
    Report {
        report: Box<dyn Report + 'a>,
        subject: Box<Subject>,
    },
    /// A document of its own fixed format.
    Document(Box<dyn Document + 'a>),
}

/// A file to write.
pub struct FileOut<'a> {
    pub path: PathBuf,
    pub document: Box<dyn Document + 'a>,
}

/// Something that writes itself in its own format, as it goes.
pub trait Document {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()>;
}

impl Document for String {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self.as_bytes())
    }
}

impl Document for Vec<u8> {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self)
    }
}

impl Document for &'static str {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self.as_bytes())
    }
}

impl<'a> Output<'a> {
    /// A report on standard output, exit 0.
    pub fn report(report: impl Report + 'a, subject: Subject) -> Self {
        Output {
            show: Show::Report {
                report: Box::new(report),
                subject: Box::new(subject),
            },
            ..Output::nothing()
        }
    }

    /// A fixed-format document on standard output, exit 0.
    pub fn document(document: impl Document + 'a, fixed: Fixed) -> Self {
        Output {
            show: Show::Document(Box::new(document)),
            fixed: Some(fixed),
            ..Output::nothing()
        }
    }

    /// Nothing yet: exit 0, no files, no notes.
    pub fn nothing() -> Self {
        Output {
            show: Show::Nothing,
            files: Vec::new(),
            notes: Vec::new(),
            status: crate::error::exit::OK,
            fixed: None,
        }
    }

    /// The output with a file to write.
    pub fn with_file(mut self, path: PathBuf, document: impl Document + 'a) -> Self {
        self.files.push(FileOut {
            path,
            document: Box::new(document),
        });
        self
    }

    /// The output with exit status 1 (a failed check) and the lines saying
    /// why, when `failed` holds any.
    pub fn failing_on(mut self, failed: Vec<String>) -> Self {
        if !failed.is_empty() {
            self.status = crate::error::exit::CHECK_FAILED;
            self.notes.extend(failed);
        }
        self
    }
}
