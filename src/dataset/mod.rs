//! The dataset: an allocation table's schema, its provenance, loading and
//! validation, and the bundled editions.
//!
//! * [`json`] and [`csv`] read a format and feed rows to one
//!   format-neutral [`builder::Builder`], which does every check (codes,
//!   names, amounts, provenance, duplicates, the exact sum); a reader only
//!   adds where in its input a row stands;
//! * [`editions`] holds the tables built into the binary;
//! * reading files and standard input is [`crate::source`]'s job.

pub mod builder;
pub mod csv;
pub mod editions;
mod fast;
pub mod json;
mod summary;
pub mod text;

use std::fmt;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::source::Source;

pub use builder::validate_code;
pub use summary::Summary;

/// The longest code accepted (long enough for NUTS regions such as `PL91`).
pub const MAX_CODE_LEN: usize = 16;
/// The newest data-format version this build reads (it reads 1 to 4).
pub const SCHEMA_VERSION: u32 = 4;
/// The version of the JSON documents `safe` writes (`schema_version` of
/// every `--json` output); `safe table --json` documents of versions 3 to
/// this one read back as tables.
pub const OUTPUT_VERSION: u32 = 4;
/// The regulation's address on EUR-Lex (its European Legislation
/// Identifier), which pages link.
pub const REGULATION_URL: &str = "https://eur-lex.europa.eu/eli/reg/2025/1106/oj";
/// What the fund's `legal_basis` must mention for the table to be a SAFE
/// table, whose checks cite the regulation's articles.
pub const REGULATION: &str = "2025/1106";

/// A loaded, validated allocation table.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Where it came from: a path, `<stdin>` or `<bundled>`.
    pub origin: String,
    pub fund: Fund,
    pub edition: Option<Edition>,
    /// The rounding rule that gave rows without their own bounds theirs
    /// (`--rounding`, or the table's `rounding`), if any.
    pub rounding: Option<Rounding>,
    /// In file order.
    pub allocations: Vec<Allocation>,
    /// The exact sum of all amounts (an error on load if it cannot be held
    /// exactly).
    pub allocated: Decimal,
    /// The exact sums of the lower and upper bounds.
    pub allocated_min: Decimal,
    pub allocated_max: Decimal,
    /// The finest decimal place each field uses.
    pub precision: Precision,
    /// Where each row stands in its file, by line (CSV and TSV; empty
    /// otherwise), so that a CI annotation points at the row.
    pub lines: Vec<u32>,
}

/// The finest decimal place a field's figures use in the whole table: `e`
/// such that every value is a whole number of 10^-e (2: cents; 0: euros;
/// -5: hundreds of thousands). Human views show a field's column with that
/// many places (in euros), whatever rows they show, so that one column
/// keeps one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Precision {
    pub amount: i32,
    /// Of the bounds (`min`, `max`).
    pub bounds: i32,
    pub prefinancing: i32,
}

impl Default for Precision {
    fn default() -> Self {
        Precision {
            amount: i32::MIN,
            bounds: i32::MIN,
            prefinancing: i32::MIN,
        }
    }
}

impl Precision {
    /// The precision of a table's rows.
    pub fn of(allocations: &[Allocation]) -> Precision {
        let mut p = Precision::default();
        for a in allocations {
            p.add(a);
        }
        p
    }

    /// Takes `a`'s figures into account.
    pub fn add(&mut self, a: &Allocation) {
        use crate::money::precision_of;
        self.add_amount(a.amount);
        if a.min != a.max {
            self.bounds = self
                .bounds
                .max(precision_of(a.min))
                .max(precision_of(a.max));
        }
        if let Some(p) = a.provenance.as_deref().and_then(|p| p.prefinancing) {
            self.prefinancing = self.prefinancing.max(precision_of(p));
        }
    }

    /// Takes an amount into account (of a row whose bounds are itself and
    /// which has no pre-financing: all [`Precision::add`] looks at).
    pub fn add_amount(&mut self, amount: Decimal) {
        self.amount = self.amount.max(crate::money::precision_of(amount));
    }

    /// The finer of two precisions, field by field.
    pub fn max(self, other: Precision) -> Precision {
        Precision {
            amount: self.amount.max(other.amount),
            bounds: self.bounds.max(other.bounds),
            prefinancing: self.prefinancing.max(other.prefinancing),
        }
    }

    /// Of amounts and their bounds together (sums, changes, ranges).
    pub fn money(self) -> i32 {
        self.amount.max(self.bounds)
    }
}

/// How the figures of a table were rounded (`--rounding UNIT[:MODE]`, or a
/// JSON table's `rounding`): each row without its own bounds stands for
/// the interval of values that round to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rounding {
    /// The unit figures were rounded to (`1m`: to the million).
    pub unit: Decimal,
    pub mode: RoundingMode,
}

/// To nearest (a figure stands for ± half a unit) or truncated (for itself
/// up to one unit more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    Nearest,
    Truncated,
}

impl Rounding {
    /// Reads `UNIT[:nearest|truncated]` (`1m`, `0.1bn:truncated`; nearest
    /// when not said).
    pub fn parse(text: &str) -> std::result::Result<Rounding, String> {
        let (unit, mode) = match text.rsplit_once(':') {
            Some((unit, mode)) => (unit, Some(mode.trim())),
            None => (text, None),
        };
        let mode = match mode {
            None | Some("nearest") => RoundingMode::Nearest,
            Some("truncated") => RoundingMode::Truncated,
            Some(other) => {
                return Err(format!(
                    "unknown rounding {}: write nearest or truncated after ':' (1m:truncated)",
                    builder::quote(other)
                ));
            }
        };
        let unit = crate::money::parse_amount(unit).map_err(|e| e.to_string())?;
        if mode == RoundingMode::Nearest && crate::money::half(unit).is_none() {
            return Err(format!(
                "the rounding unit {unit} is too fine: a figure rounded to nearest stands for half \
                 a unit either side, and half of it needs more than 28 decimal places; use a \
                 coarser unit, or :truncated"
            ));
        }
        Ok(Rounding { unit, mode })
    }

    /// The bounds of `amount` under this rule, or why it cannot have been
    /// rounded so (it is not a whole number of units).
    pub fn bounds(&self, amount: Decimal) -> std::result::Result<(Decimal, Decimal), String> {
        use crate::money::{add_exact, sub_exact};
        let whole = amount.checked_rem(self.unit).is_some_and(|r| r.is_zero());
        if !whole {
            return Err(format!(
                "is not a whole number of {} (the rounding unit), so it was not rounded to it; \
                 give the row its own min and max (equal to its amount when it is exact)",
                crate::money::format_short(self.unit)
            ));
        }
        let overflow = || "cannot hold its bounds exactly".to_string();
        match self.mode {
            RoundingMode::Nearest => {
                let half = crate::money::half(self.unit).ok_or_else(overflow)?;
                Ok((
                    sub_exact(amount, half).ok_or_else(overflow)?,
                    add_exact(amount, half).ok_or_else(overflow)?,
                ))
            }
            RoundingMode::Truncated => {
                Ok((amount, add_exact(amount, self.unit).ok_or_else(overflow)?))
            }
        }
    }
}

impl Serialize for Rounding {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Rounding", 2)?;
        s.serialize_field("unit", &self.unit)?;
        s.serialize_field("mode", &self.mode)?;
        s.end()
    }
}

impl fmt::Display for Rounding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match self.mode {
            RoundingMode::Nearest => "to the nearest",
            RoundingMode::Truncated => "down to",
        };
        write!(
            f,
            "rounded {mode} {}",
            crate::money::format_short(self.unit)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fund {
    pub name: String,
    pub legal_basis: Option<String>,
    pub currency: String,
    pub ceiling: Decimal,
}

impl Fund {
    /// The SAFE fund as the regulation sets it up (Art. 6: €150bn).
    pub fn safe() -> Fund {
        Fund {
            name: "Security Action for Europe (SAFE)".to_string(),
            legal_basis: Some("Council Regulation (EU) 2025/1106 of 27 May 2025".to_string()),
            currency: "EUR".to_string(),
            ceiling: Decimal::from(150_000_000_000u64),
        }
    }

    /// Whether the table declares Regulation (EU) 2025/1106 as its legal
    /// basis: only then do checks cite its articles.
    pub fn cites_regulation(&self) -> bool {
        self.legal_basis
            .as_deref()
            .is_some_and(|b| b.contains(REGULATION))
    }
}

/// Which table this is and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Edition {
    /// A short stable id (`council-2026-02`), if the file gives one.
    pub id: Option<String>,
    pub title: Option<String>,
    /// `tentative`, `adopted`, …
    pub status: String,
    /// The date the figures stand at (`YYYY-MM-DD`).
    pub as_of: String,
    pub source: String,
    /// The source's address, where it is known (a page links it only when
    /// it is `https:`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Anything a reader must know about the figures as a whole.
    pub note: Option<String>,
}

/// What a figure is, and so whether it is confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// The maximum loan amount fixed by a Council implementing decision:
    /// exact and confirmed.
    CouncilDecision,
    /// The Commission's tentative allocation (9 September 2025), as
    /// reported.
    CommissionTentative,
    /// The plan was approved, but the amount is not confirmed here; the
    /// figure is an earlier one.
    ApprovedUnconfirmed,
    /// No decision yet; the figure is an earlier one.
    AwaitingDecision,
    /// A figure as a government or the press reported it, not a Council
    /// decision's exact amount.
    Reported,
    /// An estimate (a scenario's figure).
    Estimate,
    /// The table does not say.
    #[default]
    Unstated,
}

impl Basis {
    /// Every basis, in the order the documentation lists them.
    pub const ALL: [Basis; 7] = [
        Basis::CouncilDecision,
        Basis::CommissionTentative,
        Basis::ApprovedUnconfirmed,
        Basis::AwaitingDecision,
        Basis::Reported,
        Basis::Estimate,
        Basis::Unstated,
    ];

    /// The id used in data files and output.
    pub fn id(self) -> &'static str {
        match self {
            Basis::CouncilDecision => "council-decision",
            Basis::CommissionTentative => "commission-tentative",
            Basis::ApprovedUnconfirmed => "approved-unconfirmed",
            Basis::AwaitingDecision => "awaiting-decision",
            Basis::Reported => "reported",
            Basis::Estimate => "estimate",
            Basis::Unstated => "unstated",
        }
    }

    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Basis::CouncilDecision => "decision",
            Basis::CommissionTentative => "tentative",
            Basis::ApprovedUnconfirmed => "approved",
            Basis::AwaitingDecision => "pending",
            Basis::Reported => "reported",
            Basis::Estimate => "estimate",
            Basis::Unstated => "unstated",
        }
    }

    /// What the basis means, in a sentence fragment.
    pub fn describe(self) -> &'static str {
        match self {
            Basis::CouncilDecision => {
                "maximum loan amount fixed by a Council implementing decision"
            }
            Basis::CommissionTentative => "the Commission's tentative allocation, as reported",
            Basis::ApprovedUnconfirmed => {
                "plan approved, amount not confirmed: the figure is the tentative one"
            }
            Basis::AwaitingDecision => "no decision yet: the figure is the tentative one",
            Basis::Reported => {
                "a figure as a government or the press reported it, not the Council decision's exact amount"
            }
            Basis::Estimate => "an estimate (a scenario's figure)",
            Basis::Unstated => "the table does not say what the figure is",
        }
    }

    /// Only a Council decision's figure is confirmed.
    pub fn confirmed(self) -> bool {
        self == Basis::CouncilDecision
    }

    /// Whether views mark the figure as not confirmed: the table says what
    /// it is, and it is not a Council decision (a table that says nothing
    /// is not marked row by row).
    pub fn marked(self) -> bool {
        !self.confirmed() && self != Basis::Unstated
    }

    pub fn from_id(id: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.id() == id)
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A member's code or name: a string stored inline when short.
pub type Text = compact_str::CompactString;

/// One member's line of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Upper-case; letters, digits and `-`. Codes and names are held
    /// inline (no allocation) up to 24 bytes, as nearly all are.
    pub code: Text,
    pub name: Text,
    /// The stated figure.
    pub amount: Decimal,
    /// The bounds the exact figure lies within (inclusive): both the
    /// amount for an exact figure, wider for a rounded one.
    pub min: Decimal,
    pub max: Decimal,
    pub basis: Basis,
    /// Where the figure comes from, when the table says (boxed: most
    /// large tables have none, and it keeps a row small).
    pub provenance: Option<Box<Provenance>>,
}

/// A row's optional provenance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    /// The date of the decision (`YYYY-MM-DD`).
    pub decided: Option<String>,
    pub source: Option<String>,
    /// The source's address, where it is known (a page links it only
    /// when it is `https:`).
    pub url: Option<String>,
    /// The pre-financing amount, exact (`0`: none requested).
    pub prefinancing: Option<Decimal>,
    pub note: Option<String>,
}

impl Allocation {
    /// A row with no provenance beyond its basis.
    pub fn new(
        code: impl Into<Text>,
        name: impl Into<Text>,
        amount: Decimal,
        basis: Basis,
    ) -> Self {
        Allocation {
            code: code.into(),
            name: name.into(),
            amount,
            min: amount,
            max: amount,
            basis,
            provenance: None,
        }
    }

    /// The row with bounds `min` to `max`.
    pub fn within(self, min: Decimal, max: Decimal) -> Self {
        Allocation { min, max, ..self }
    }

    /// Whether the figure is rounded (its bounds are not the figure).
    pub fn is_rounded(&self) -> bool {
        self.min != self.max
    }

    pub fn provenance(&self) -> Provenance {
        self.provenance.as_deref().cloned().unwrap_or_default()
    }
}

/// The input formats `--data` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DataFormat {
    /// A JSON table (see `safe schema`)
    Json,
    /// Comma- or semicolon-separated, with a header row
    Csv,
    /// Tab-separated, with a header row
    Tsv,
}

impl DataFormat {
    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<DataFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(DataFormat::Json),
            "csv" => Some(DataFormat::Csv),
            "tsv" | "tab" => Some(DataFormat::Tsv),
            _ => None,
        }
    }
}

/// How to load a table from a file or standard input.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LoadOptions {
    /// The format; `None`: from the extension, else from the first
    /// character (`{`: JSON; otherwise CSV, or TSV when the header has
    /// tabs and no commas or semicolons).
    pub format: Option<DataFormat>,
    /// The ceiling for a CSV or TSV table (which has no fund header).
    pub ceiling: Option<Decimal>,
    /// The rounding of rows without their own bounds (`--rounding`).
    pub rounding: Option<Rounding>,
    /// How much the input may hold (`--limit`).
    pub limits: crate::source::Limits,
    /// Columns of a CSV or TSV table that `safe` does not know are read
    /// past (`--ignore-unknown-columns`) rather than refused.
    pub ignore_unknown_columns: bool,
}

/// Loads and validates a table from a file or standard input.
pub fn load(source: &Source<'_>, options: LoadOptions) -> anyhow::Result<Dataset> {
    let (origin, bytes, format) = read_input(source, options)?;
    match fast::load(&origin, &bytes, format, &options) {
        Some(data) => Ok(data),
        None => parse_input(&origin, &bytes, format, options),
    }
}

/// A table's figures summed up (what `total` needs), checked as [`load`]
/// checks it: at once from the bytes when the table has the plain shape
/// a large export has (see `fast`), else from the table loaded.
pub fn summarize(source: &Source<'_>, options: LoadOptions) -> anyhow::Result<Summary> {
    let (origin, bytes, format) = read_input(source, options)?;
    match fast::summary(&origin, &bytes, format, &options) {
        Some(summary) => Ok(summary),
        None => Ok(Summary::of(&parse_input(&origin, &bytes, format, options)?)),
    }
}

/// The input's name, its bytes and its format (by name, `--data-format`
/// or its first character).
fn read_input(
    source: &Source<'_>,
    options: LoadOptions,
) -> anyhow::Result<(String, Vec<u8>, DataFormat)> {
    let origin = source.origin();
    let by_name = options.format.or(match source {
        Source::File(path) => DataFormat::from_path(path),
        _ => None,
    });
    if options.ceiling.is_some() && by_name == Some(DataFormat::Json) {
        anyhow::bail!(Error::usage(
            "--ceiling is for CSV and TSV tables; a JSON table states its own ceiling",
        ));
    }
    let bytes = source.read(options.limits)?;
    let format = by_name.unwrap_or_else(|| sniff_format(&bytes));
    if options.ceiling.is_some() && format == DataFormat::Json {
        anyhow::bail!(Error::usage(
            "--ceiling is for CSV and TSV tables; this table reads as JSON, which states its own ceiling",
        ));
    }
    Ok((origin, bytes, format))
}

/// Validates a table read from `origin`.
fn parse_input(
    origin: &str,
    bytes: &[u8],
    format: DataFormat,
    options: LoadOptions,
) -> anyhow::Result<Dataset> {
    Ok(match format {
        DataFormat::Json => json::parse_with(origin, bytes, options.rounding, options.limits),
        DataFormat::Csv => csv::parse(origin, bytes, None, &options),
        DataFormat::Tsv => csv::parse(origin, bytes, Some(b'\t'), &options),
    }?)
}

/// The format of a table that neither its name nor `--data-format` gives:
/// JSON when it starts with `{` or `[`, or when its first line has no
/// delimiter (it cannot be a header of three columns); else TSV when that
/// line has tabs and no commas or semicolons, else CSV.
pub fn sniff_format(bytes: &[u8]) -> DataFormat {
    let text = crate::source::strip_bom(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let first = text[start..]
        .split(|&b| b == b'\n' || b == b'\r')
        .next()
        .unwrap_or_default();
    let has = |c: u8| first.contains(&c);
    match text.get(start) {
        Some(b'{' | b'[') => DataFormat::Json,
        _ if !has(b',') && !has(b';') && !has(b'\t') => DataFormat::Json,
        _ if has(b'\t') && !has(b',') && !has(b';') => DataFormat::Tsv,
        _ => DataFormat::Csv,
    }
}

/// Validates a JSON table already in memory; `origin` names it in errors.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Dataset> {
    json::parse(origin, bytes)
}

/// What a table is called in one line: a bundled edition's id, `-` for
/// standard input, else its origin (a file's name as given, `scenario`).
pub fn table_name<'a>(origin: &'a str, edition: Option<&'a Edition>) -> &'a str {
    if origin == editions::BUNDLED_ORIGIN {
        if let Some(id) = edition.and_then(|e| e.id.as_deref()) {
            return id;
        }
    }
    if origin == crate::source::STDIN_ORIGIN {
        return "-";
    }
    origin
}

/// The seed edition (`commission-2025-09`, the Commission's table of
/// September 2025), named: the tests that rely on its figures use it.
pub fn seed_edition() -> anyhow::Result<Dataset> {
    editions::load(editions::SEED)
}

impl Dataset {
    /// A table derived from this one (a scenario), with other allocations.
    /// The sum is recomputed exactly; at least one member is required.
    pub fn derive(&self, origin: &str, allocations: Vec<Allocation>) -> Result<Dataset> {
        if allocations.is_empty() {
            return Err(Error::usage("the scenario leaves no member in the table"));
        }
        // One pass: the sums of the amounts and of their bounds, and the
        // precision.
        let mut sums: [crate::money::ExactSum; 3] = Default::default();
        let mut precision = Precision::default();
        for a in &allocations {
            sums[0].add(a.amount);
            sums[1].add(a.min);
            sums[2].add(a.max);
            precision.add(a);
        }
        let [amount, min, max] = sums.map(|s| {
            s.total()
                .map(|d| d.normalize())
                .ok_or_else(|| Error::overflow("the scenario's total"))
        });
        Ok(Dataset {
            origin: origin.to_string(),
            fund: self.fund.clone(),
            // A scenario is no edition: it is the table as changed.
            edition: None,
            rounding: self.rounding,
            allocated: amount?,
            allocated_min: min?,
            allocated_max: max?,
            precision,
            allocations,
            lines: Vec::new(),
        })
    }

    /// Whether any figure is rounded (has bounds wider than itself).
    pub fn is_rounded(&self) -> bool {
        self.allocated_min != self.allocated_max
    }

    /// How many rows' figures are confirmed.
    pub fn confirmed(&self) -> usize {
        self.allocations
            .iter()
            .filter(|a| a.basis.confirmed())
            .count()
    }

    /// The line of the file the row with `code` stands on, when the table
    /// came from a CSV or TSV file.
    pub fn line_of(&self, code: &str) -> Option<usize> {
        if self.lines.is_empty() {
            return None;
        }
        let at = self
            .allocations
            .iter()
            .position(|a| a.code.eq_ignore_ascii_case(code))?;
        self.lines.get(at).map(|&l| l as usize)
    }
}
