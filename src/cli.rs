//! The command line: the global options, the list of commands (each
//! command's own options live in its `cmd` module), the checks between
//! options that clap cannot make wherever an option stands, and usage
//! errors in one line.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::cmd::{self, Ctx, Output, TableSpec};
use crate::dataset::{DataFormat, LoadOptions, Rounding, editions};
use anyhow::Context as _;

use crate::error::{Error, Result};
use crate::export::{Format, Part, Style};
use crate::money::Unit;

const AFTER_HELP: &str = "\
Amounts (AMOUNT) are euros: 149933700000, 149.9337bn, 787m, 46.7m, €1.5bn, '5 bn', 5e9.
Environment: SAFE_EDITION=ID pins the edition loaded without --edition (default: the newest);
NO_COLOR turns colour off.
Exit codes: 0 ok, 1 a check or expectation failed, 2 usage, 65 invalid data,
66 cannot read input, 70 internal error (a bug: please report it),
74 cannot write output; 128+N killed by signal N (temporary files removed).";

/// Declares a struct with the top level's help and settings: [`Cli`] (the
/// whole command line) and [`TopLevel`] (its global options alone), so both
/// say the same.
macro_rules! top_level {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($body:tt)* }) => {
        /// Analyse the allocation table of the EU's €150bn SAFE defence-loan fund.
        ///
        /// SAFE (Security Action for Europe, Council Regulation (EU) 2025/1106) lends
        /// up to €150bn to EU member states for defence procurement. `safe` ranks the
        /// members, totals the fund, computes shares and checks a table against the
        /// regulation's rules, exactly (decimal arithmetic, no floating point).
        /// Three editions are built in: the newest (`council-2026-04`, the best-known
        /// figures as of April 2026) answers by default; `--edition ID` or
        /// SAFE_EDITION=ID pins another (`commission-2025-09`: the Commission's
        /// tentative allocation of 9 September 2025); `--data FILE` loads a table.
        #[derive(Debug, Parser)]
        #[command(name = "safe", version, propagate_version = true, after_help = AFTER_HELP)]
        $(#[$meta])*
        $vis struct $name { $($body)* }
    };
}

top_level! {
    pub struct Cli {
        #[command(flatten)]
        pub global: Global,
        #[command(subcommand)]
        pub command: Option<Command>,
    }
}

// The top level without its commands (see `Cli::parser`; a doc comment
// here would join the help's).
top_level! {
    struct TopLevel {
        #[command(flatten)]
        global: Global,
    }
}

impl Cli {
    /// The command line clap parses for `args` (the program's name
    /// first): the top level with only the command `args` name, or, when
    /// they ask for help or name no command, all of it. Clap copies every
    /// global option into every command it holds before parsing; with one
    /// command, `safe` starts in about half a millisecond less.
    pub fn parser(args: &[std::ffi::OsString]) -> clap::Command {
        use clap::CommandFactory;
        let top = TopLevel::command();
        let named = named_command(&top, args);
        match named.and_then(Command::alone) {
            Some(command) => top.subcommand(command),
            None => Cli::command(),
        }
    }
}

/// The command `args` name (the first word that is neither an option nor
/// an option's value), unless they ask for help or a version.
fn named_command<'a>(top: &clap::Command, args: &'a [std::ffi::OsString]) -> Option<&'a str> {
    let takes_value = |long: &str| {
        top.get_arguments()
            .any(|a| a.get_long() == Some(long) && a.get_action().takes_values())
    };
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    let mut named = None;
    while let Some(word) = words.next() {
        let word = word?;
        match word {
            "-h" | "--help" | "-V" | "--version" | "help" => return None,
            "--" => return named,
            _ if named.is_some() => {}
            _ => match word.strip_prefix("--") {
                Some(long) if !long.contains('=') && takes_value(long) => {
                    words.next();
                }
                Some(_) => {}
                None if word.starts_with('-') => {}
                None => named = Some(word),
            },
        }
    }
    named
}

/// Options every command takes, before or after the subcommand. Which of
/// them go together is checked after parsing ([`Global::check`]), so an
/// option means the same wherever it stands.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Load the allocation table from FILE (JSON, CSV or TSV, by its
    /// extension or, for standard input and other names, by its first
    /// character; see `safe schema`) instead of a bundled edition; `-`
    /// reads standard input
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Use the bundled edition ID (see `safe editions`; `latest`: the
    /// newest) [default: $SAFE_EDITION, else the newest edition]
    #[arg(long, global = true, value_name = "ID")]
    pub edition: Option<String>,

    /// Read a CSV or TSV table past columns safe does not know (a
    /// spreadsheet's own), rather than refuse it
    #[arg(long, global = true)]
    pub ignore_unknown_columns: bool,

    /// The format of --data, when its extension does not say
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub data_format: Option<DataFormat>,

    /// The fund ceiling for a CSV or TSV table [default: SAFE's €150bn]
    #[arg(long, global = true, value_name = "AMOUNT", value_parser = crate::values::amount)]
    pub ceiling: Option<Decimal>,

    /// Write JSON (the same as `--format json`)
    #[arg(long, global = true)]
    pub json: bool,

    /// Output format
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Unit for amounts in tables and Markdown
    #[arg(long, global = true, value_enum, default_value_t = Unit::Eur, value_name = "UNIT")]
    pub unit: Unit,

    /// Round every money figure in tables, Markdown and the page to N
    /// decimal places of --unit (nearest; bounds outward): `--unit bn
    /// --places 2` shows €147.47bn. A figure rounding changed is marked ≈.
    /// JSON and CSV keep every digit
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=12))]
    pub places: Option<u32>,

    /// Lay tables and charts out for N columns (default: the terminal's
    /// width; when piped, tables do not wrap and charts take 80). Text
    /// wraps; numbers never split
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,

    /// One table of a report of several (diff, what-if): `members`,
    /// `totals` or `checks` (what-if); CSV writes `members` without it
    #[arg(long, global = true, value_enum, value_name = "PART")]
    pub part: Option<Part>,

    /// When to use colour in tables
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Take the figures of --data as rounded to UNIT (nearest, or
    /// truncated to it): each row without its own min and max stands for
    /// the interval of figures that round to it (1m: ±500,000)
    #[arg(long, global = true, value_name = "UNIT[:nearest|truncated]", value_parser = crate::values::rounding)]
    pub rounding: Option<Rounding>,

    /// In listings, show the bounds of rounded figures (amount, rank,
    /// shares within rounding)
    #[arg(long, global = true)]
    pub ranges: bool,

    /// Start CSV with a UTF-8 byte-order mark, so that Excel and
    /// LibreOffice read its accents right (with --format csv)
    #[arg(long, global = true)]
    pub bom: bool,

    /// Raise or lower a limit on what an input may hold, KIND=SIZE
    /// (repeatable): `input` (the whole file, default 1GiB), `record` (one
    /// row, 256MiB), `field` (one field, 256MiB); SIZE in bytes or with k,
    /// m, g (1,024s). An input past a limit is refused (exit 65) before it
    /// fills memory
    #[arg(long = "limit", global = true, value_name = "KIND=SIZE", value_parser = crate::values::limit)]
    pub limits: Vec<String>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    /// Colour always, even into a pipe or a file
    Always,
    /// Never colour
    Never,
}

/// Lists the commands once: the `Command` enum clap parses and the call
/// of each command's `run`.
macro_rules! commands {
    ($($variant:ident($module:ident)),* $(,)?) => {
        /// The subcommands; each one's help and options are its `Args`.
        #[derive(Debug, Subcommand)]
        pub enum Command {
            $($variant(cmd::$module::Args),)*
        }

        impl Command {
            /// The command `name` alone, as clap's derive builds it among
            /// the others (its module's name, with `-` for `_`).
            pub fn alone(name: &str) -> Option<clap::Command> {
                $(if stringify!($module).replace('_', "-") == name {
                    return Some(<cmd::$module::Args as clap::Args>::augment_args(
                        clap::Command::new(name.to_string()),
                    ));
                })*
                None
            }

            /// Runs the command.
            pub fn run<'c>(&self, ctx: &'c Ctx) -> anyhow::Result<Output<'c>> {
                match self {
                    $(Command::$variant(args) => cmd::$module::run(args, ctx),)*
                }
            }
        }
    };
}

commands! {
    Rank(rank),
    Total(total),
    Shares(shares),
    Table(table),
    Check(check),
    Show(show),
    Stats(stats),
    PerCapita(per_capita),
    Diff(diff),
    WhatIf(what_if),
    Chart(chart),
    Timeline(timeline),
    Participants(participants),
    Report(report),
    Editions(editions),
    Schema(schema),
    Completions(completions),
    Man(man),
}

/// The name `safe` gives a run without a command, in JSON and messages.
pub const OVERVIEW: &str = "overview";

impl Cli {
    /// Runs what the command line asks for (the overview without a
    /// command).
    pub fn run<'c>(&self, ctx: &'c Ctx) -> anyhow::Result<Output<'c>> {
        match &self.command {
            Some(command) => command.run(ctx),
            None => cmd::overview::run(ctx),
        }
    }
}

impl Global {
    /// The options that go together only in some ways, checked after
    /// parsing (clap's own checks of global options depend on where they
    /// stand).
    pub fn check(&self) -> Result<()> {
        if self.data.is_some() && self.edition.is_some() {
            return Err(Error::usage(
                "--edition cannot be used with --data: a table comes either from a file or from a bundled edition",
            ));
        }
        if self.data.is_none() {
            if self.data_format.is_some() {
                return Err(Error::usage(
                    "--data-format needs --data FILE: the bundled editions have their own format",
                ));
            }
            if self.ignore_unknown_columns {
                return Err(Error::usage(
                    "--ignore-unknown-columns needs --data FILE (a CSV or TSV table)",
                ));
            }
            if self.ceiling.is_some() {
                return Err(Error::usage(
                    "--ceiling needs --data FILE (a CSV or TSV table): the bundled editions state their ceiling",
                ));
            }
            if self.rounding.is_some() {
                return Err(Error::usage(
                    "--rounding needs --data FILE: the bundled editions state each figure's bounds",
                ));
            }
        }
        if let (true, Some(format)) = (self.json, self.format) {
            if format != Format::Json {
                return Err(Error::usage(format!(
                    "--json cannot be used with --format {}: --json is --format json",
                    format.name()
                )));
            }
        }
        Ok(())
    }

    /// The limits on inputs, from `--limit` (each already checked).
    pub fn limits(&self) -> Result<crate::source::Limits> {
        let mut limits = crate::source::Limits::default();
        for text in &self.limits {
            limits.set(text).map_err(Error::usage)?;
        }
        Ok(limits)
    }

    /// Where the table comes from: `--data`, `--edition`, `SAFE_EDITION`
    /// or the default edition.
    pub fn table_spec(&self) -> anyhow::Result<TableSpec> {
        if let Some(path) = &self.data {
            return Ok(TableSpec::File {
                path: path.clone(),
                options: LoadOptions {
                    format: self.data_format,
                    ceiling: self.ceiling,
                    rounding: self.rounding,
                    limits: self.limits()?,
                    ignore_unknown_columns: self.ignore_unknown_columns,
                },
            });
        }
        // An unknown id is a usage error now, not when the table loads.
        let id = match &self.edition {
            Some(id) => editions::find(id).context("--edition")?.id,
            None => editions::default_id()?,
        };
        Ok(TableSpec::Edition(id.to_string()))
    }

    /// The output style, from the options and the environment.
    pub fn style(&self) -> Style {
        let format = if self.json {
            Format::Json
        } else {
            self.format.unwrap_or_default()
        };
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match self.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => !no_color_env && std::io::stdout().is_terminal(),
        };
        // A terminal that reports 0 columns (as under `script`) has an
        // unknown width, not a width of 0.
        let width = self.width.map(usize::from).or_else(|| {
            std::io::stdout()
                .is_terminal()
                .then(|| crossterm::terminal::size().ok())
                .flatten()
                .map(|(w, _)| usize::from(w))
                .filter(|&w| w > 0)
        });
        Style {
            format,
            unit: self.unit,
            color: color && format == Format::Table,
            width,
            part: self.part.map(Part::as_str),
            ranges: self.ranges,
            places: self.places,
            bom: self.bom,
        }
    }
}

/// A usage error in one line, built from clap's error context: what is
/// wrong, with the argument's name, the accepted values, clap's
/// suggestion, the usage line and where to read more.
pub fn usage_error(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind as ClapKind};
    let get = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut message = match (err.kind(), &arg, &value) {
        (ClapKind::MissingRequiredArgument, Some(arg), _) => {
            format!("missing required argument {arg}")
        }
        (ClapKind::InvalidValue | ClapKind::ValueValidation, Some(arg), Some(value)) => {
            let why = std::error::Error::source(err)
                .map(|e| format!(": {e}"))
                .unwrap_or_default();
            format!("invalid value '{value}' for {arg}{why}")
        }
        (ClapKind::UnknownArgument, Some(arg), _) => format!("unexpected argument '{arg}'"),
        (ClapKind::InvalidSubcommand, Some(arg), _) => format!("no command called '{arg}'"),
        (ClapKind::ArgumentConflict, Some(arg), _) => match get(ContextKind::PriorArg) {
            Some(prior) => format!("{arg} cannot be used with {prior}"),
            None => format!("{arg} cannot be used here"),
        },
        (ClapKind::NoEquals, Some(arg), _) => format!("{arg} needs '=' and a value"),
        (ClapKind::TooManyValues, Some(arg), Some(value)) => {
            format!("unexpected value '{value}' for {arg}")
        }
        _ => {
            // Anything else: clap's own first line.
            let text = err.render().to_string();
            text.lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_string()
        }
    };
    if let Some(values) = get(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        message.push_str(&format!("; possible values: {values}"));
    } else if value.as_deref() == Some("") && err.kind() == ClapKind::InvalidValue {
        message.push_str(": it is empty");
    }
    if let Some(suggested) =
        get(ContextKind::SuggestedArg).or_else(|| get(ContextKind::SuggestedValue))
    {
        message.push_str(&format!("; did you mean '{suggested}'?"));
    }
    if let Some(suggested) = get(ContextKind::SuggestedSubcommand) {
        message.push_str(&format!("; did you mean '{suggested}'?"));
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        message.push_str(&format!(" (usage: {usage}"));
        let command: Vec<&str> = usage
            .split(' ')
            .take_while(|w| !w.starts_with(['<', '[', '-']))
            .collect();
        message.push_str(&format!("; see '{} --help')", command.join(" ")));
    } else {
        message.push_str(" (see 'safe --help')");
    }
    message
}
