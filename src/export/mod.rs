//! Output formats: the registry. Commands compute a typed report; an
//! exporter only renders it. Every report is `Serialize` (the JSON exporter
//! writes it as it is) and describes itself as a [`View`] (see [`view`]):
//! headings, notes and grids of typed cells, which the terminal, CSV and
//! Markdown exporters lay out without recomputing a figure.
//!
//! * [`view`]: the view model; [`human`]: the layout the human formats
//!   share; [`provenance`]: the table's provenance in words; [`ci`]: what
//!   the CI formats share;
//! * one module per format: `terminal` (`--format table`), `json`, `csv`,
//!   `markdown`, `junit`, `github`; [`svg`] and [`html`] for the chart file
//!   and the page.

pub mod ci;
mod csv;
pub mod fit;
mod github;
pub mod html;
pub mod human;
mod json;
mod junit;
mod markdown;
pub mod output;
mod permit;
mod places;
pub mod provenance;
pub mod svg;
mod terminal;
pub mod view;

use std::io::Write;

use serde::Serialize;

pub use ci::CheckLine;
pub use permit::permit;
pub use view::{Block, Cell, Column, Field, Grid, MemberFigures, Rows, View};

use crate::dataset::Dataset;

use crate::money::Unit;

/// The version of the JSON documents `safe` writes.
pub const JSON_SCHEMA_VERSION: u32 = crate::dataset::OUTPUT_VERSION;

/// An output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Human-readable table (the default).
    #[default]
    Table,
    /// One JSON document, with `schema_version`.
    Json,
    /// CSV of the report's main table (RFC 4180 quoting, LF line ends),
    /// exact raw numbers.
    Csv,
    /// GitHub-flavoured Markdown, numeric columns right-aligned.
    Markdown,
    /// JUnit XML: one test case per check (check, and total --expect).
    Junit,
    /// GitHub Actions workflow commands: an ::error per failed check
    /// and a ::notice summary (check, and total --expect).
    Github,
}

impl Format {
    /// Every format, from clap's own list (tests iterate over it, so a new
    /// format cannot be left out).
    pub fn all() -> &'static [Format] {
        <Format as clap::ValueEnum>::value_variants()
    }

    /// The format's name on the command line (`--format NAME`).
    pub fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

/// The tables of a report of several (`--part`): CSV writes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// Member by member
    Members,
    /// The headline figures before and after
    Totals,
    /// The scenario's checks
    Checks,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Members => "members",
            Part::Totals => "totals",
            Part::Checks => "checks",
        }
    }
}

/// How to render: chosen once from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub format: Format,
    pub unit: Unit,
    /// Colour and emphasis in the human table.
    pub color: bool,
    /// Which of several tables CSV writes (`--part`); `None`: the first.
    pub part: Option<&'static str>,
    /// Columns available (`--width`, or the terminal's); `None` when
    /// unknown (piped): tables then do not wrap, and charts take 80.
    pub width: Option<usize>,
    /// Show the bounds of rounded figures in listings (`--ranges`).
    pub ranges: bool,
    /// Round money figures to this many places of the unit (`--places`).
    pub places: Option<u32>,
    /// Start CSV with a UTF-8 byte-order mark (`--bom`), for spreadsheets
    /// that otherwise read it in a legacy encoding.
    pub bom: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            format: Format::Table,
            unit: Unit::Eur,
            color: false,
            part: None,
            width: None,
            ranges: false,
            places: None,
            bom: false,
        }
    }
}

/// What every command produces.
pub trait Report: ToJson {
    /// Whether the edition's note concerns the report (it speaks of the
    /// table's totals): the human formats then show it under the report.
    fn shows_edition_note(&self) -> bool {
        false
    }
    /// The names of the tables a report has, when it has several
    /// (`--part`): CSV writes one, and says on stderr how to get the others.
    fn parts(&self) -> &'static [&'static str] {
        &[]
    }
    /// For a listing that `--top` may cut: how many rows it shows, of how
    /// many (the human formats say so when that is fewer).
    fn listed(&self) -> Option<Listing> {
        None
    }
    /// The line every human view opens with, naming the table its figures
    /// come from (edition id and as-of date, or the file); `None` for a
    /// report about no one table (`editions`).
    fn table_line(&self, table: &Subject) -> Option<String> {
        Some(provenance::table_line(table))
    }
    /// Whether the table and Markdown formats open with the table's
    /// provenance (fund, legal basis, ceiling, edition, source).
    fn shows_provenance(&self) -> bool {
        false
    }
    /// The report's checks, for the CI formats (JUnit, GitHub): `None`
    /// for a report that checks nothing.
    fn checks(&self) -> Option<Vec<CheckLine>> {
        None
    }
    /// The report as headings, notes and tables.
    fn view(&self) -> View<'_>;
}

/// How much of a listing a report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    /// Rows shown.
    pub shown: usize,
    /// Rows the listing has without `--top`.
    pub of: usize,
    /// The `--top` asked for, if any: rows tied with the last of those
    /// are shown too, so `shown` may be larger.
    pub top: Option<usize>,
    /// What a row is (`member`, `change`).
    pub noun: &'static str,
}

/// JSON for any `Serialize` report, inside the common envelope, with the
/// rows of its listings (`listings`: the grids of its view that name a
/// JSON key, see [`Grid::listing`]) after its own fields.
pub trait ToJson {
    fn to_json(
        &self,
        command: &str,
        table: &Subject,
        listings: &[&Grid<'_>],
        out: &mut dyn Write,
    ) -> serde_json::Result<()>;
}

impl<T: Serialize> ToJson for T {
    fn to_json(
        &self,
        command: &str,
        table: &Subject,
        listings: &[&Grid<'_>],
        out: &mut dyn Write,
    ) -> serde_json::Result<()> {
        #[derive(Serialize)]
        struct Envelope<'a, 'g, R> {
            schema_version: u32,
            command: &'a str,
            table: &'a Subject,
            #[serde(flatten)]
            report: &'a R,
            #[serde(flatten)]
            listings: json::Listings<'a, 'g>,
        }
        // Buffered here, so that serde's many small writes are not each a
        // call through `dyn Write`.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(
            &mut out,
            &Envelope {
                schema_version: JSON_SCHEMA_VERSION,
                command,
                table,
                report: self,
                listings: json::Listings(listings),
            },
        )?;
        out.flush().map_err(serde_json::Error::io)
    }
}

/// The loaded table's identity: the `table` object of every JSON document,
/// of one shape whatever the command.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subject {
    /// `<bundled>`, `<stdin>` or the path given to `--data`.
    pub origin: String,
    /// The fund: name, legal basis, currency, ceiling.
    pub fund: crate::dataset::Fund,
    /// The edition (id, title, status, as-of, source, note), or null.
    pub edition: Option<crate::dataset::Edition>,
    /// How many members the table has.
    pub member_count: usize,
    /// How many of their figures are confirmed.
    pub confirmed: usize,
}

impl Subject {
    pub fn of(data: &Dataset) -> Self {
        Subject::of_summary(&crate::dataset::Summary::of(data))
    }

    /// The identity of a table summed up.
    pub fn of_summary(data: &crate::dataset::Summary) -> Self {
        Subject {
            origin: data.origin.clone(),
            fund: data.fund.clone(),
            edition: data.edition.clone(),
            member_count: data.member_count,
            confirmed: data.confirmed,
        }
    }
}

/// What an exporter is told besides the report: the command that made it
/// (for the JSON envelope and messages), the table it is about and the
/// style.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub command: &'a str,
    pub subject: &'a Subject,
    pub style: Style,
}

/// One output format: it only lays out what the report holds, writing as
/// it goes (a large listing is never built whole in memory). Whether the
/// format may show the report was decided before ([`permit`]).
pub trait Exporter {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        out: &mut dyn Write,
    ) -> std::io::Result<()>;
}

/// The exporter for a format.
pub fn exporter(format: Format) -> &'static dyn Exporter {
    match format {
        Format::Table => &terminal::Terminal,
        Format::Json => &json::Json,
        Format::Csv => &csv::Csv,
        Format::Markdown => &markdown::Markdown,
        Format::Junit => &junit::Junit,
        Format::Github => &github::Github,
    }
}

/// Writes a report in the chosen format to `out` (after [`permit`]).
pub fn write(report: &dyn Report, frame: &Frame<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    exporter(frame.style.format).write(report, frame, out)
}

/// A report in the chosen format, as text (for pages that embed it, and
/// for tests).
pub fn render(report: &dyn Report, frame: &Frame<'_>) -> anyhow::Result<String> {
    use anyhow::Context as _;
    permit(frame.command, frame.style, None, Some(report))?;
    let mut out = Vec::new();
    let what = || {
        format!(
            "rendering `safe {}` as {}",
            frame.command,
            frame.style.format.name()
        )
    };
    write(report, frame, &mut out).with_context(what)?;
    String::from_utf8(out).with_context(what)
}
