//! The command line: every option and subcommand, with its help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::export::Format;
use crate::money::{Unit, parse_amount};

const AFTER_HELP: &str = "\
Amounts (AMOUNT) are euros: 149933700000, 149.9337bn, 787m, 46.7m, €1.5bn, '5 bn'.
Exit codes: 0 ok, 1 a check or expectation failed, 2 usage, 65 invalid data,
66 cannot read input, 70 internal error (a bug: please report it),
74 cannot write output.";

/// Analyse the allocation table of the EU's €150bn SAFE defence-loan fund.
///
/// SAFE (Security Action for Europe, Council Regulation (EU) 2025/1106) lends
/// up to €150bn to EU member states for defence procurement. `safe` ranks the
/// members, totals the fund, computes shares and checks a table against the
/// regulation's rules, exactly (decimal arithmetic, no floating point).
/// The Commission's tentative allocation of 9 September 2025 is built in
/// (the default edition), beside the Council's figures of February 2026
/// (`--edition council-2026-02`); `--data FILE` loads another table.
#[derive(Debug, Parser)]
#[command(name = "safe", version, propagate_version = true, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes, before or after the subcommand.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Load the allocation table from FILE (JSON, CSV or TSV, by its
    /// extension; see `safe schema`) instead of a bundled edition; `-` reads
    /// standard input
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "edition")]
    pub data: Option<PathBuf>,

    /// Use the bundled edition ID (see `safe editions`; `latest`: the newest)
    /// [default: commission-2025-09]
    #[arg(long, global = true, value_name = "ID")]
    pub edition: Option<String>,

    /// The format of --data: needed for standard input, else taken from the
    /// file's extension (JSON when it has none)
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "FORMAT",
        requires = "data"
    )]
    pub data_format: Option<DataFormatArg>,

    /// The fund ceiling for a CSV or TSV table [default: SAFE's €150bn]
    #[arg(long, global = true, value_name = "AMOUNT", value_parser = amount_arg, requires = "data")]
    pub ceiling: Option<Decimal>,

    /// Write JSON (the same as `--format json`)
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// Output format
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Unit for amounts in tables and Markdown
    #[arg(long, global = true, value_enum, default_value_t = Unit::Eur, value_name = "UNIT")]
    pub unit: Unit,

    /// Lay tables and charts out for N columns (default: the terminal's
    /// width; when piped, tables do not wrap and charts take 80). Text
    /// columns wrap; numbers never split
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,

    /// Which table CSV writes, for reports of several: `members` (the
    /// default), `totals` (diff, what-if) or `checks` (what-if)
    #[arg(long, global = true, value_enum, value_name = "PART")]
    pub part: Option<PartArg>,

    /// When to use colour in tables
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

/// `--part`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PartArg {
    /// Member by member
    Members,
    /// The headline figures before and after
    Totals,
    /// The scenario's checks
    Checks,
}

impl PartArg {
    pub fn as_str(self) -> &'static str {
        match self {
            PartArg::Members => "members",
            PartArg::Totals => "totals",
            PartArg::Checks => "checks",
        }
    }
}

/// `--data-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormatArg {
    Json,
    /// Comma- or semicolon-separated, with a header row
    Csv,
    /// Tab-separated, with a header row
    Tsv,
}

impl From<DataFormatArg> for crate::dataset::DataFormat {
    fn from(f: DataFormatArg) -> Self {
        match f {
            DataFormatArg::Json => Self::Json,
            DataFormatArg::Csv => Self::Csv,
            DataFormatArg::Tsv => Self::Tsv,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    /// Colour always, even into a pipe or a file
    Always,
    /// Never colour
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Rank(crate::cmd::rank::RankArgs),

    Total(crate::cmd::total::TotalArgs),

    Shares(crate::cmd::shares::SharesArgs),

    Table(crate::cmd::table::TableArgs),

    Check(crate::cmd::check::CheckArgs),

    Show(crate::cmd::show::ShowArgs),

    /// Count, total, mean, median, concentration (HHI, Gini), Art. 13
    #[command(
        long_about = "Descriptive statistics and concentration of the table.\n\n\
HHI (Herfindahl-Hirschman index, 0-10,000) = sum over members of (100 x amount / allocated)^2: \
10,000 when one member gets everything, 10,000/n for n equal members.\n\n\
Gini coefficient (0-1), with amounts sorted ascending x1..xn summing to A: \
G = sum over i of (2i - n - 1) x_i / (n A): 0 when all amounts are equal.\n\n\
Also the largest 1, 3 and 5 recipients' share, and the Art. 13 position (the three largest \
against 60% of the ceiling).",
        after_help = "Examples:\n  safe stats\n  safe stats --json | jq .hhi"
    )]
    Stats,

    PerCapita(crate::cmd::per_capita::PerCapitaArgs),

    Diff(crate::cmd::diff::DiffArgs),

    WhatIf(crate::cmd::what_if::WhatIfArgs),

    Chart(crate::cmd::chart::ChartArgs),

    Report(crate::cmd::report::ReportArgs),

    /// The bundled editions: id, title, as-of date, members, confirmed figures, total
    #[command(
        long_about = "List the editions built into safe. commission-2025-09 (the default) is the \
Commission's tentative allocation of 9 September 2025 as news agencies reported it, rounded; \
council-2026-02 holds the best-known figures after the Council's implementing decisions of \
February 2026: 13 exact maximum loan amounts and 6 tentative ones, each row with its basis. \
Pick one with --edition ID (or --edition latest).",
        after_help = "Examples:\n  safe editions\n  safe --edition council-2026-02 rank\n  safe diff council-2026-02"
    )]
    Editions,

    /// Print the JSON Schema of the data format
    #[command(
        long_about = "Print the JSON Schema (draft 2020-12) of the table format --data reads, \
schema_version 2 (version 1 files, without provenance, still load).",
        after_help = "Examples:\n  safe schema > safe-table.schema.json"
    )]
    Schema,

    Completions(crate::cmd::completions::CompletionsArgs),

    Man(crate::cmd::completions::ManArgs),
}

/// A count of at least 1.
pub fn positive_count(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("must be a whole number of at least 1".to_string()),
    }
}

/// clap adapter for [`parse_amount`].
pub fn amount_arg(text: &str) -> Result<Decimal, String> {
    parse_amount(text).map_err(|e| e.to_string())
}
