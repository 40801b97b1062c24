//! Commands, one module per subcommand. Each starts with what it does and
//! holds its arguments (clap), its `run` (arguments and a [`Ctx`] in, an
//! [`Output`] out: what to show, never written here) and the view of its
//! report (the words around the figures). `crate::sink` writes what `run`
//! returns; `crate::cli` lists the commands and calls them.

pub mod chart;
pub mod check;
pub mod completions;
pub mod diff;
pub mod editions;
pub mod man;
pub mod overview;
pub mod participants;
pub mod per_capita;
pub mod rank;
pub mod report;
pub mod schema;
pub mod shares;
pub mod show;
pub mod stats;
pub mod table;
pub mod timeline;
pub mod total;
pub mod what_if;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

pub use crate::export::output::Output;

use crate::dataset::{self, Dataset, LoadOptions};
use crate::export::Style;
use crate::source::Source;
use anyhow::{Context as _, Result};

/// Where the table comes from (`--data`, `--edition`, or the default).
#[derive(Debug, Clone, PartialEq)]
pub enum TableSpec {
    /// A bundled edition, by id or `latest`.
    Edition(String),
    /// A file (`-`: standard input).
    File { path: PathBuf, options: LoadOptions },
}

/// What a command works with: the output style, and the table, loaded the
/// first time a command asks for it (so the commands that need none, such
/// as `schema` or `man`, never load one). A command that compares the table
/// with another (`diff`, the page's "what changed") keeps the other here
/// too, so that its report can borrow both.
pub struct Ctx {
    pub style: Style,
    /// The command line's definition (for the overview's list of
    /// commands, completions and man pages).
    pub cli: fn() -> clap::Command,
    spec: TableSpec,
    /// How much an input may hold (`--limit`): the table's, a second
    /// table's, the population's.
    pub limits: crate::source::Limits,
    /// The files read (the table, a second table, populations), so that
    /// none is written over.
    inputs: std::sync::Mutex<Vec<PathBuf>>,
    table: OnceCell<Dataset>,
    other: OnceCell<Dataset>,
    /// The origin of a table summed up without its rows.
    summed: OnceCell<String>,
}

impl Ctx {
    pub fn new(
        style: Style,
        spec: TableSpec,
        limits: crate::source::Limits,
        cli: fn() -> clap::Command,
    ) -> Self {
        Ctx {
            style,
            cli,
            inputs: std::sync::Mutex::new(match &spec {
                TableSpec::File { path, .. } if path.as_os_str() != "-" => vec![path.clone()],
                _ => Vec::new(),
            }),
            spec,
            limits,
            table: OnceCell::new(),
            other: OnceCell::new(),
            summed: OnceCell::new(),
        }
    }

    /// Population figures: the bundled ones, or `--population FILE` (`-`:
    /// standard input, unless the table is read from it).
    pub fn population(&self, path: Option<&Path>) -> Result<crate::population::Population> {
        let table_from_stdin =
            matches!(&self.spec, TableSpec::File { path, .. } if path.as_os_str() == "-");
        if table_from_stdin && path.is_some_and(|p| p.as_os_str() == "-") {
            anyhow::bail!(crate::error::Error::usage(
                "--population - and --data - both read standard input: give one of them a file",
            ));
        }
        if let Some(p) = path {
            self.reads(p);
        }
        crate::population::load(path, self.limits)
    }

    /// Notes that the command reads `path` (a file is never written over
    /// by the command that reads it).
    pub fn reads(&self, path: &Path) {
        if path.as_os_str() != "-" {
            if let Ok(mut inputs) = self.inputs.lock() {
                inputs.push(path.to_path_buf());
            }
        }
    }

    /// The files the command reads.
    pub fn inputs(&self) -> Vec<PathBuf> {
        self.inputs.lock().map(|i| i.clone()).unwrap_or_default()
    }

    /// Where the table comes from.
    pub fn spec(&self) -> &TableSpec {
        &self.spec
    }

    /// The table, loaded on first use.
    pub fn table(&self) -> Result<&Dataset> {
        if let Some(data) = self.table.get() {
            return Ok(data);
        }
        let data = load(&self.spec)?;
        Ok(self.table.get_or_init(|| data))
    }

    /// The table summed up (what `total` needs): a file is summed up from
    /// its bytes when it can be (`dataset::summarize`), without keeping
    /// its rows; a loaded table or an edition from its rows.
    pub fn summary(&self) -> Result<dataset::Summary> {
        if let Some(data) = self.table.get() {
            return Ok(dataset::Summary::of(data));
        }
        match &self.spec {
            TableSpec::File { path, options } => {
                let summary = dataset::summarize(&Source::from_path(path), *options)?;
                let _ = self.summed.set(summary.origin.clone());
                Ok(summary)
            }
            TableSpec::Edition(_) => Ok(dataset::Summary::of(self.table()?)),
        }
    }

    /// The table, if a command has loaded it (errors then name it).
    pub fn loaded(&self) -> Option<&Dataset> {
        self.table.get()
    }

    /// The origin of the table the command loaded or summed up, if any.
    pub fn loaded_origin(&self) -> Option<&str> {
        self.table
            .get()
            .map(|d| d.origin.as_str())
            .or_else(|| self.summed.get().map(String::as_str))
    }

    /// The table and another one, loaded side by side on two threads when
    /// neither is loaded yet (two large files take the time of one).
    pub fn table_and_other(
        &self,
        other: impl FnOnce() -> Result<Dataset> + Send,
    ) -> Result<(&Dataset, &Dataset)> {
        if self.table.get().is_none() {
            let spec = &self.spec;
            // Always two threads: the tables' sizes are not known yet.
            let (second, table) = crate::parallel::join(usize::MAX, other, || load(spec));
            let (table, second) = (table?, second?);
            let _ = self.table.set(table);
            let _ = self.other.set(second);
        } else if self.other.get().is_none() {
            let second = other()?;
            let _ = self.other.set(second);
        }
        self.both()
    }

    /// Keeps `data` as the other table (a scenario's, a predecessor's),
    /// for reports that borrow it.
    pub fn keep(&self, data: Dataset) -> Result<&Dataset> {
        if self.other.set(data).is_err() {
            anyhow::bail!("a second table was kept twice");
        }
        self.other.get().context("a table was not kept")
    }

    fn both(&self) -> Result<(&Dataset, &Dataset)> {
        match (self.table.get(), self.other.get()) {
            (Some(a), Some(b)) => Ok((a, b)),
            _ => anyhow::bail!("a table was not kept"),
        }
    }
}

/// Loads the table `spec` names.
pub fn load(spec: &TableSpec) -> Result<Dataset> {
    match spec {
        TableSpec::Edition(id) => dataset::editions::load(id),
        TableSpec::File { path, options } => dataset::load(&Source::from_path(path), *options),
    }
}
