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
    /// Rank members by amount, largest first
    #[command(
        long_about = "Rank members by amount, largest first, with each member's share of the \
fund ceiling and the cumulative share. Tied amounts share a rank (competition ranking: \
1, 2, 3, 3, 5) and are ordered by name.",
        after_help = "Examples:\n  safe rank\n  safe rank --top 5 --unit bn\n  safe rank --asc --json | jq '.members[0]'"
    )]
    Rank(crate::cmd::rank::RankArgs),

    /// Total the fund: allocated, ceiling, headroom, utilisation
    #[command(
        long_about = "Total the fund: the allocated sum, the ceiling, the unallocated headroom, \
the number of members and the utilisation of the ceiling. With --expect, exit 1 when the \
allocated sum differs from AMOUNT, saying by how much.",
        after_help = "Examples:\n  safe total\n  safe total --expect 149.9337bn\n  safe --edition council-2026-02 total --json"
    )]
    Total(crate::cmd::total::TotalArgs),

    /// Each member's share in percent, rounded your way
    #[command(
        long_about = "Each member's share in percent of the fund ceiling (default) or of the \
allocated sum. `nearest` rounds each share half-to-even, so equal amounts show equal shares; \
the total row is the exact sum of the column as shown. `largest-remainder` (Hamilton) makes \
the rounded column add up exactly to the rounded total; equal remainders go to the larger \
amount, then to the name that sorts first.",
        after_help = "Examples:\n  safe shares\n  safe shares --of allocated --method largest-remainder\n  safe shares --precision 4 --format csv"
    )]
    Shares(crate::cmd::shares::SharesArgs),

    /// The whole table as loaded, with its provenance
    #[command(
        after_help = "Examples:\n  safe table\n  safe table --sort name --format markdown\n  safe --edition council-2026-02 table --format csv"
    )]
    Table(crate::cmd::table::TableArgs),

    /// Check the table against the regulation's rules (exit 1 on failure)
    #[command(
        long_about = "Check the table against the regulation: the allocated sum within the \
ceiling (Art. 6), the three largest recipients within 60% of the ceiling (Art. 13), every \
recipient an EU member state (Art. 5), plus any expectations given. Exits 0 when every check \
passes and 1 when any fails.",
        after_help = "Examples:\n  safe check\n  safe check --expect-total 149.9337bn --expect-members 19\n  safe check --format junit > safe-junit.xml\n  safe check --format github"
    )]
    Check(crate::cmd::check::CheckArgs),

    /// One member in context: rank, ties, shares, per inhabitant, neighbours
    #[command(
        long_about = "One member in context: amount, rank (and who it ties with), share of the \
ceiling and of the allocated sum, amount per inhabitant, and the members just above and below \
with the gaps. MEMBER is a code (EL or GR), a name in any case and with or without accents \
(greece, Türkiye, turkiye) or a name people write (Czech Republic, Greek Cyprus, Turkey).",
        after_help = "Examples:\n  safe show PL\n  safe show 'Czech Republic'\n  safe show greece --json"
    )]
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

    /// Euros per inhabitant, ranked
    #[command(
        name = "per-capita",
        long_about = "Members ranked by euros per inhabitant, with population and amount beside it. \
Population: Eurostat, 1 January 2025 (bundled), or --population FILE, a CSV with a header \
naming `code` and `population`. A member with no figure is shown as not available.",
        after_help = "Examples:\n  safe per-capita\n  safe per-capita --top 5 --format csv"
    )]
    PerCapita(crate::cmd::per_capita::PerCapitaArgs),

    /// Compare the loaded table with OTHER, member by member
    #[command(
        long_about = "Compare the loaded table (the bundled one, or --data) with OTHER: each \
member's old and new amount, the change in euros and percent, new and dropped members, and the \
change in total, headroom and the Art. 13 position, and each row's basis before and after. OTHER \
is a bundled edition's id or a file. It reports and does not judge (exit 0) unless --exit-code \
asks it to fail (exit 1) when the tables differ at all, to pin a table in CI.",
        after_help = "Examples:\n  safe diff council-2026-02\n  safe --edition council-2026-02 diff commission-2025-09 --json\n  safe diff commission-2025-09 --exit-code"
    )]
    Diff(crate::cmd::diff::DiffArgs),

    /// Scenarios: add, set or remove members, optionally fit the ceiling
    #[command(
        name = "what-if",
        long_about = "Apply a scenario to the loaded table and report before, after and the \
change per member, the new totals, and the scenario's checks. --fit pro-rata scales the \
members the scenario did not set down in proportion, in whole euros (largest remainder), so \
the total is exactly the ceiling and nobody goes up. The scenario is reported either way: \
exit 0 unless the arguments are bad.",
        after_help = "Examples:\n  safe what-if --add TR=5bn:Türkiye\n  safe what-if --add TR=5bn --fit pro-rata\n  safe what-if --set PL=40bn --remove DK --json"
    )]
    WhatIf(crate::cmd::what_if::WhatIfArgs),

    /// A horizontal bar chart in the terminal, or as an SVG file
    #[command(
        long_about = "A horizontal bar chart, one bar per member with its label and value, \
sized to the terminal (80 columns when piped, or --width), drawn with Unicode block \
characters at eighth-of-a-character resolution. --svg FILE also writes the chart as a \
standalone SVG file (title, value axis, labels, values, ceiling and source); --svg - writes \
the SVG to stdout instead of the terminal chart.",
        after_help = "Examples:\n  safe chart\n  safe chart --by per-capita --top 10\n  safe chart --svg safe.svg"
    )]
    Chart(crate::cmd::chart::ChartArgs),

    /// One self-contained HTML page of the table, to share or print
    #[command(
        long_about = "Write one HTML5 page of the loaded table: its provenance, the headline \
figures, the regulation's rules, the ranking with shares, the bar chart, per-capita amounts, \
concentration and, for an edition that revises another, what changed. Self-contained (inline \
CSS and SVG, no script, nothing loaded from outside), readable on a phone, printable on A4, \
dark mode by the reader's preference. --output FILE writes it atomically.",
        after_help = "Examples:\n  safe report --output safe.html\n  safe --edition council-2026-02 report --output council.html\n  safe report > page.html"
    )]
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

    /// Print a shell completion script
    #[command(
        long_about = "Print a completion script for SHELL on stdout. Install it where your shell \
looks for completions, e.g. for bash: safe completions bash > ~/.local/share/bash-completion/completions/safe",
        after_help = "Examples:\n  safe completions bash > safe.bash\n  safe completions zsh > _safe\n  safe completions fish > safe.fish"
    )]
    Completions(crate::cmd::completions::CompletionsArgs),

    /// Print the man pages (roff): safe(1), or one per command
    #[command(
        long_about = "Print the main man page, safe(1), in roff on stdout; with COMMAND, that \
command's page, safe-COMMAND(1), with every option; with --dir DIR, write all of them into DIR \
(safe.1, safe-rank.1, …) and list the files written.",
        after_help = "Examples:\n  safe man > safe.1\n  safe man rank > safe-rank.1\n  safe man --dir man1"
    )]
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
