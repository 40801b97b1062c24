//! Commands: each module turns parsed arguments into a report (from
//! `analysis`) and says how the report looks as a [`View`]; the exporters in
//! `export` do the rest.

pub mod chart;
pub mod check;
pub mod completions;
pub mod diff;
pub mod editions;
pub mod overview;
pub mod per_capita;
pub mod rank;
pub mod report;
pub mod schema;
pub mod shares;
pub mod show;
pub mod stats;
pub mod table;
pub mod total;
pub mod what_if;

use std::cell::RefCell;
use std::io::{IsTerminal, Write};

use crate::cli::{Cli, ColorWhen, Command, Global};
use crate::dataset::{self, Dataset, LoadOptions, editions as bundled};
use crate::error::{Error, Result, exit};
use crate::export::{self, Format, Report, Style, TableInfo};
use crate::source::Source;

/// What a command hands back to `main`: stdout text it produced whole (a
/// report is written through [`Ctx::emit`] instead), lines for stderr, and
/// the exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: Vec<String>,
    pub code: u8,
}

/// What every command works with: the table, the style, and standard
/// output, which reports are written to as they are rendered (after
/// everything that can fail has been computed).
pub struct Ctx {
    pub data: Dataset,
    pub style: Style,
    pub out: RefCell<Box<dyn Write>>,
}

impl Ctx {
    /// Renders a report in the chosen format, exit code 0.
    pub fn emit(&self, report: &dyn Report) -> Result<Outcome> {
        self.emit_styled(report, self.style)
    }

    /// [`Ctx::emit`] with another style (a command's own `--width`).
    pub fn emit_styled(&self, report: &dyn Report, style: Style) -> Result<Outcome> {
        let mut out = self.out.borrow_mut();
        export::write(report, &TableInfo::of(&self.data), style, &mut *out)?;
        let mut outcome = Outcome::default();
        // CSV holds one table: say how to reach the others.
        let parts = report.parts();
        if style.format == Format::Csv && parts.len() > 1 && style.part.is_none() {
            let chosen = parts[0];
            let others: Vec<String> = parts
                .iter()
                .filter(|p| **p != chosen)
                .map(|p| format!("--part {p}"))
                .collect();
            outcome.stderr.push(format!(
                "note: the CSV holds the {chosen} table; {} for the other{}",
                others.join(" or "),
                if others.len() == 1 { "" } else { "s" }
            ));
        }
        Ok(outcome)
    }

    /// Renders a report whose verdict is `ok`; exit 1 (with `complaint` on
    /// stderr) when it is not.
    pub fn judge(&self, report: &dyn Report, ok: bool, complaint: Vec<String>) -> Result<Outcome> {
        let mut outcome = self.emit(report)?;
        if !ok {
            outcome.code = exit::CHECK_FAILED;
            outcome.stderr = complaint;
        }
        Ok(outcome)
    }
}

/// Decides the output style from the global options and the environment.
pub fn style(global: &Global) -> Style {
    let format = if global.json {
        Format::Json
    } else {
        global.format.unwrap_or_default()
    };
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match global.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !no_color_env && std::io::stdout().is_terminal(),
    };
    // A terminal that reports 0 columns (as under `script`) has an unknown
    // width, not a width of 0.
    let width = global.width.map(usize::from).or_else(|| {
        std::io::stdout()
            .is_terminal()
            .then(|| crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| usize::from(w))
            .filter(|&w| w > 0)
    });
    Style {
        format,
        unit: global.unit,
        color: color && format == Format::Table,
        width,
        part: global.part.map(crate::cli::PartArg::as_str),
    }
}

/// Runs the command the user asked for; reports go to `out`.
pub fn dispatch(cli: &Cli, out: Box<dyn Write>) -> Result<Outcome> {
    // These need no table.
    match &cli.command {
        Some(Command::Completions(args)) => return completions::completions(args),
        Some(Command::Man(args)) => return completions::man(args),
        Some(Command::Schema) => return schema::run(),
        Some(Command::Editions) => return editions::run(style(&cli.global)),
        _ => {}
    }
    let ctx = Ctx {
        data: load_table(&cli.global)?,
        style: style(&cli.global),
        out: RefCell::new(out),
    };
    let outcome = match &cli.command {
        None => overview::run(&ctx),
        Some(command) => run_command(command, &ctx),
    }
    .map_err(|e| e.in_table(&ctx.data.origin))
    .and_then(|outcome| {
        let mut out = ctx.out.borrow_mut();
        out.write_all(outcome.stdout.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| Error::write(&e))?;
        Ok(Outcome {
            stdout: String::new(),
            ..outcome
        })
    });
    // A table of millions of members is millions of strings; the process
    // is about to end, and the OS takes the memory back at once.
    std::mem::forget(ctx);
    outcome
}

fn run_command(command: &Command, ctx: &Ctx) -> Result<Outcome> {
    match command {
        Command::Rank(args) => rank::run(args, ctx),
        Command::Total(args) => total::run(args, ctx),
        Command::Shares(args) => shares::run(args, ctx),
        Command::Table(args) => table::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Show(args) => show::run(args, ctx),
        Command::Stats => stats::run(ctx),
        Command::PerCapita(args) => per_capita::run(args, ctx),
        Command::Diff(args) => diff::run(args, ctx),
        Command::WhatIf(args) => what_if::run(args, ctx),
        Command::Chart(args) => chart::run(args, ctx),
        Command::Report(args) => report::run(args, ctx),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
        Command::Schema => schema::run(),
        Command::Editions => editions::run(ctx.style),
    }
}

/// The table the global options name: `--data FILE`, `--edition ID`, or
/// the default edition.
pub fn load_table(global: &Global) -> Result<Dataset> {
    match &global.data {
        Some(path) => dataset::load(
            &Source::from_path(path),
            LoadOptions {
                format: global.data_format.map(Into::into),
                ceiling: global.ceiling,
            },
        ),
        None => bundled::load(global.edition.as_deref().unwrap_or(bundled::DEFAULT)),
    }
}
