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
pub mod json;

use std::fmt;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::source::Source;

pub use builder::validate_code;

/// The longest code accepted (long enough for NUTS regions such as `PL91`).
pub const MAX_CODE_LEN: usize = 16;
/// The newest data-format version this build reads (it reads 1 and 2).
pub const SCHEMA_VERSION: u32 = 2;
/// What the fund's `legal_basis` must mention for the table to be a SAFE
/// table, whose checks cite the regulation's articles.
pub const REGULATION: &str = "2025/1106";

/// A loaded, validated allocation table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    /// Where it came from: a path, `<stdin>` or `<bundled:ID>`.
    pub origin: String,
    pub fund: Fund,
    pub edition: Option<Edition>,
    /// In file order.
    pub allocations: Vec<Allocation>,
    /// The exact sum of all amounts (an error on load if it cannot be held
    /// exactly).
    pub allocated: Decimal,
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
    /// An estimate or a figure as reported elsewhere.
    Estimate,
    /// The table does not say.
    #[default]
    Unstated,
}

impl Basis {
    /// Every basis, in the order the documentation lists them.
    pub const ALL: [Basis; 6] = [
        Basis::CouncilDecision,
        Basis::CommissionTentative,
        Basis::ApprovedUnconfirmed,
        Basis::AwaitingDecision,
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
            Basis::Estimate => "an estimate or a figure as reported",
            Basis::Unstated => "the table does not say what the figure is",
        }
    }

    /// Only a Council decision's figure is confirmed.
    pub fn confirmed(self) -> bool {
        self == Basis::CouncilDecision
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allocation {
    /// Upper-case; letters, digits and `-`. Codes and names are held
    /// inline (no allocation) up to 24 bytes, as nearly all are.
    pub code: Text,
    pub name: Text,
    pub amount: Decimal,
    pub basis: Basis,
    /// Where the figure comes from, when the table says (boxed: most
    /// large tables have none, and it keeps a row small).
    #[serde(flatten)]
    pub provenance: Option<Box<Provenance>>,
}

/// A row's optional provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Provenance {
    /// The date of the decision (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The pre-financing amount, exact (`0`: none requested).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefinancing: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
            basis,
            provenance: None,
        }
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
    /// The format; `None`: from the extension, JSON when it says nothing.
    pub format: Option<DataFormat>,
    /// The ceiling for a CSV or TSV table (which has no fund header).
    pub ceiling: Option<Decimal>,
}

/// Loads and validates a table from a file or standard input.
pub fn load(source: &Source<'_>, options: LoadOptions) -> Result<Dataset> {
    let format = options
        .format
        .or(match source {
            Source::File(path) => DataFormat::from_path(path),
            _ => None,
        })
        .unwrap_or(DataFormat::Json);
    let origin = source.origin();
    if options.ceiling.is_some() && format == DataFormat::Json {
        return Err(Error::usage(
            "--ceiling is for CSV and TSV tables; a JSON table states its own ceiling",
        ));
    }
    let bytes = source.read()?;
    match format {
        DataFormat::Json => json::parse(&origin, &bytes),
        DataFormat::Csv => csv::parse(&origin, &bytes, None, options.ceiling),
        DataFormat::Tsv => csv::parse(&origin, &bytes, Some(b'\t'), options.ceiling),
    }
}

/// Validates a JSON table already in memory; `origin` names it in errors.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Dataset> {
    json::parse(origin, bytes)
}

/// The default bundled edition (always valid: a test makes sure).
pub fn bundled() -> Result<Dataset> {
    editions::load(editions::DEFAULT)
}

impl Dataset {
    /// A table derived from this one (a scenario), with other allocations.
    /// The sum is recomputed exactly; at least one member is required.
    pub fn derive(&self, origin: &str, allocations: Vec<Allocation>) -> Result<Dataset> {
        if allocations.is_empty() {
            return Err(Error::usage("the scenario leaves no member in the table"));
        }
        let allocated = crate::money::exact_sum(allocations.iter().map(|a| &a.amount))
            .ok_or_else(|| Error::overflow("the scenario's total"))?;
        Ok(Dataset {
            origin: origin.to_string(),
            fund: self.fund.clone(),
            edition: self.edition.clone(),
            allocations,
            allocated,
        })
    }

    /// How many rows' figures are confirmed.
    pub fn confirmed(&self) -> usize {
        self.allocations
            .iter()
            .filter(|a| a.basis.confirmed())
            .count()
    }

    /// The allocation with `code` (case-insensitive), if any.
    pub fn find_code(&self, code: &str) -> Option<&Allocation> {
        self.allocations
            .iter()
            .find(|a| a.code.eq_ignore_ascii_case(code))
    }
}
