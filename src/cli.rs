//! The command line: every option and subcommand, with its help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::analysis::shares::{Base, Method};
use crate::export::Format;
use crate::money::{Unit, parse_amount};

const AFTER_HELP: &str = "\
Amounts (AMOUNT) are euros: 149933700000, 149.9337bn, 787m, 46.7m, €1.5bn, '5 bn'.
Exit codes: 0 ok, 1 a check or expectation failed, 2 usage, 65 invalid data,
66 cannot read input, 74 cannot write output.";

/// Analyse the allocation table of the EU's €150bn SAFE defence-loan fund.
///
/// SAFE (Security Action for Europe, Council Regulation (EU) 2025/1106) lends
/// up to €150bn to EU member states for defence procurement. `safe` ranks the
/// members, totals the fund, computes shares and checks a table against the
/// regulation's rules, exactly (decimal arithmetic, no floating point).
/// The Commission's tentative allocation of 9 September 2025 is built in;
/// `--data FILE` loads another table.
#[derive(Debug, Parser)]
#[command(name = "safe", version, propagate_version = true, after_help = AFTER_HELP)]
#[command(arg_required_else_help = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes, before or after the subcommand.
#[derive(Debug, Args)]
pub struct Global {
    /// Load the allocation table from FILE (JSON; see the README for the
    /// schema) instead of the bundled one; `-` reads standard input
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Write JSON (the same as `--format json`)
    #[arg(long, global = true)]
    pub json: bool,

    /// Output format
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Unit for amounts in tables and Markdown
    #[arg(long, global = true, value_enum, default_value_t = Unit::Eur, value_name = "UNIT")]
    pub unit: Unit,

    /// When to use colour in tables
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank members by amount, largest first
    #[command(
        long_about = "Rank members by amount, largest first, with each member's share of the \
fund ceiling and the cumulative share. Tied amounts share a rank (competition ranking: \
1, 2, 3, 3, 5) and are ordered by name.",
        after_help = "Examples:\n  safe rank\n  safe rank --top 5 --unit bn\n  safe rank --asc --json | jq '.members[0]'"
    )]
    Rank(RankArgs),

    /// Total the fund: allocated, ceiling, headroom, utilisation
    #[command(
        long_about = "Total the fund: the allocated sum, the ceiling, the unallocated headroom, \
the number of members and the utilisation of the ceiling. With --expect, exit 1 when the \
allocated sum differs from AMOUNT, saying by how much.",
        after_help = "Examples:\n  safe total\n  safe total --expect 149.9337bn\n  safe --data next.json total --json"
    )]
    Total(TotalArgs),

    /// Each member's share in percent, rounded your way
    #[command(
        long_about = "Each member's share in percent of the fund ceiling (default) or of the \
allocated sum. `nearest` rounds each share half-to-even, so equal amounts show equal shares; \
the total row is the exact sum of the column as shown. `largest-remainder` (Hamilton) makes \
the rounded column add up exactly to the rounded total; equal remainders go to the larger \
amount, then to the name that sorts first.",
        after_help = "Examples:\n  safe shares\n  safe shares --of allocated --method largest-remainder\n  safe shares --precision 4 --format csv"
    )]
    Shares(SharesArgs),

    /// The whole table as loaded, with its provenance
    #[command(
        after_help = "Examples:\n  safe table\n  safe table --sort name --format markdown\n  safe --data other.json table"
    )]
    Table(TableArgs),

    /// Check the table against the regulation's rules (exit 1 on failure)
    #[command(
        long_about = "Check the table against the regulation: the allocated sum within the \
ceiling (Art. 6), the three largest recipients within 60% of the ceiling (Art. 13), every \
recipient an EU member state (Art. 5), plus any expectations given. Exits 0 when every check \
passes and 1 when any fails.",
        after_help = "Examples:\n  safe check\n  safe check --expect-total 149.9337bn --expect-members 19\n  safe --data proposal.json check --json | jq .ok"
    )]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct RankArgs {
    /// Show only the first N members
    #[arg(long, value_name = "N", value_parser = positive_count)]
    pub top: Option<usize>,
    /// Smallest first (ranks still count from the largest)
    #[arg(long)]
    pub asc: bool,
}

#[derive(Debug, Args)]
pub struct TotalArgs {
    /// Exit 1 unless the allocated sum is exactly AMOUNT
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub expect: Option<Decimal>,
}

#[derive(Debug, Args)]
pub struct SharesArgs {
    /// Shares of the fund ceiling or of the allocated sum
    #[arg(long, value_enum, default_value_t = Base::Fund)]
    pub of: Base,
    /// Decimal places of the rounded shares (0–10)
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub precision: u32,
    /// Rounding method
    #[arg(long, value_enum, default_value_t = Method::Nearest)]
    pub method: Method,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    Name,
    Code,
    /// Largest first
    Amount,
}

#[derive(Debug, Args)]
pub struct TableArgs {
    /// Sort the rows (default: the order of the file)
    #[arg(long, value_enum)]
    pub sort: Option<SortKey>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Also check that the allocated sum is exactly AMOUNT
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub expect_total: Option<Decimal>,
    /// Also check that the table has exactly N members
    #[arg(long, value_name = "N")]
    pub expect_members: Option<usize>,
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
