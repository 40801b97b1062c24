//! Output formats. Commands compute a typed report; an exporter only
//! renders it. Every report is `Serialize` (the JSON exporter writes it as it
//! is) and describes itself as a [`View`]: headings, notes and tables of
//! typed [`Cell`]s, which the table, CSV and Markdown exporters lay out
//! without recomputing a figure.

mod csv;
mod json;
mod markdown;
pub mod svg;
mod table;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::money::{Unit, format_grouped, places_needed};

/// The version of the JSON documents `safe` writes.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// An output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Human-readable table (the default).
    #[default]
    Table,
    /// One JSON document, with `schema_version`.
    Json,
    /// RFC 4180 CSV of the report's main table, exact raw numbers.
    Csv,
    /// GitHub-flavoured Markdown, numeric columns right-aligned.
    Markdown,
}

/// How to render: chosen once from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub format: Format,
    pub unit: Unit,
    /// Colour and emphasis in the human table.
    pub color: bool,
    /// Columns available for charts (the terminal's width, 80 when piped).
    pub width: usize,
}

/// What every command produces.
pub trait Report: ToJson {
    /// The command's name, written into the JSON envelope.
    fn command(&self) -> &'static str;
    /// The report as headings, notes and tables.
    fn view(&self) -> View;
}

/// JSON for any `Serialize` report, inside the common envelope.
pub trait ToJson {
    fn to_json(&self, command: &str, table: &TableInfo) -> serde_json::Result<String>;
}

impl<T: Serialize> ToJson for T {
    fn to_json(&self, command: &str, table: &TableInfo) -> serde_json::Result<String> {
        #[derive(Serialize)]
        struct Envelope<'a, R> {
            schema_version: u32,
            command: &'a str,
            table: &'a TableInfo,
            #[serde(flatten)]
            report: &'a R,
        }
        serde_json::to_string_pretty(&Envelope {
            schema_version: JSON_SCHEMA_VERSION,
            command,
            table,
            report: self,
        })
    }
}

/// The loaded table's identity, in every JSON document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableInfo {
    /// `<bundled>`, `<stdin>` or the path given to `--data`.
    pub origin: String,
    pub fund: String,
    pub currency: String,
    pub ceiling: Decimal,
    pub status: Option<String>,
    pub as_of: Option<String>,
}

impl TableInfo {
    pub fn of(data: &Dataset) -> Self {
        TableInfo {
            origin: data.origin.clone(),
            fund: data.fund.name.clone(),
            currency: data.fund.currency.clone(),
            ceiling: data.fund.ceiling,
            status: data.edition.as_ref().map(|e| e.status.clone()),
            as_of: data.edition.as_ref().map(|e| e.as_of.clone()),
        }
    }
}

/// A report laid out for people: blocks in order.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// A title line.
    Heading(String),
    /// A line of prose (provenance, a note under a table).
    Note(String),
    Table(Table),
    /// A table whose last column is drawn as horizontal bars in the table
    /// and Markdown formats (CSV and JSON carry the numbers).
    Chart(Table),
}

/// A table of typed cells. `footer` rows (totals) show in the table and
/// Markdown formats but not in CSV, so a spreadsheet sum stays right.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub footer: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone)]
pub struct Column {
    /// The CSV header (snake_case, stable).
    pub key: &'static str,
    /// The human header.
    pub header: String,
    /// Money cells in this column print without a currency sign, and the
    /// header carries the unit instead (`amount (€m)`).
    pub money: bool,
    /// Right-aligned (numbers).
    pub numeric: bool,
}

impl Column {
    pub fn text(key: &'static str, header: &str) -> Self {
        Column {
            key,
            header: header.to_string(),
            money: false,
            numeric: false,
        }
    }
    pub fn number(key: &'static str, header: &str) -> Self {
        Column {
            numeric: true,
            ..Column::text(key, header)
        }
    }
    pub fn money(key: &'static str, header: &str) -> Self {
        Column {
            money: true,
            ..Column::number(key, header)
        }
    }
}

/// The columns a member listing starts with: rank, code, name, amount.
pub fn member_columns() -> Vec<Column> {
    vec![
        Column::number("rank", "#"),
        Column::text("code", "code"),
        Column::text("name", "member"),
        Column::money("amount", "amount"),
    ]
}

/// The cells under [`member_columns`]; a missing rank shows as not
/// available.
pub fn member_cells(rank: Option<usize>, code: &str, name: &str, amount: Decimal) -> Vec<Cell> {
    vec![
        rank.map_or(Cell::Empty, |r| Cell::Int(r as i64)),
        Cell::text(code),
        Cell::text(name),
        Cell::Money(amount),
    ]
}

/// A horizontal bar `eighths` eighths of a character long, drawn with
/// Unicode block characters (`█` and the partial blocks `▏▎▍▌▋▊▉`).
pub fn bar(eighths: usize) -> String {
    const PARTIAL: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let mut out = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        out.push(PARTIAL[eighths % 8]);
    }
    out
}

/// How many eighths of `width` characters a bar for `value` takes when
/// `max` fills the width; any positive value gets at least one eighth.
pub fn bar_eighths(value: Decimal, max: Decimal, width: usize) -> usize {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return 0;
    }
    let full = Decimal::from(width * 8);
    let eighths = value
        .checked_div(max)
        .and_then(|r| r.checked_mul(full))
        .map(|e| e.floor().min(full))
        .and_then(|e| usize::try_from(e.mantissa() / 10i128.pow(e.scale())).ok())
        .unwrap_or(0);
    eighths.max(1)
}

/// The largest value of a chart, which fills the width.
pub(crate) fn chart_max(table: &Table) -> Decimal {
    table
        .rows
        .iter()
        .map(|r| chart_value(r))
        .max()
        .unwrap_or_default()
}

/// The value of a chart row (its last cell).
pub(crate) fn chart_value(row: &[Cell]) -> Decimal {
    match row.last() {
        Some(Cell::Money(d) | Cell::Pct(d) | Cell::Number(d)) => *d,
        Some(Cell::Int(i)) => Decimal::from(*i),
        _ => Decimal::ZERO,
    }
}

/// One value, typed so each format can print it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Euros, exact.
    Money(Decimal),
    /// A percentage, already rounded by the report.
    Pct(Decimal),
    /// Any other exact number (an index, a ratio).
    Number(Decimal),
    /// A rule's outcome.
    Check(bool),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }
    pub fn opt_money(v: Option<Decimal>) -> Self {
        v.map_or(Cell::Empty, Cell::Money)
    }
    pub fn opt_pct(v: Option<Decimal>) -> Self {
        v.map_or(Cell::Empty, Cell::Pct)
    }

    /// The exact, unformatted text (CSV).
    pub fn raw(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Money(d) | Cell::Pct(d) | Cell::Number(d) => d.to_string(),
            Cell::Check(true) => "pass".to_string(),
            Cell::Check(false) => "fail".to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// Decimal places per money column so that no digit is lost and the
/// column lines up. (Percentages and indices keep the scale the report gave
/// them.)
fn money_places(table: &Table, unit: Unit) -> Vec<u32> {
    (0..table.columns.len())
        .map(|i| {
            table
                .rows
                .iter()
                .chain(&table.footer)
                .filter_map(|row| match row.get(i) {
                    Some(Cell::Money(d)) => Some(places_needed(*d, unit)),
                    _ => None,
                })
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// The human text of every cell (table and Markdown formats).
pub(crate) fn human_cells(table: &Table, unit: Unit) -> Vec<Vec<String>> {
    let places = money_places(table, unit);
    table
        .rows
        .iter()
        .chain(&table.footer)
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| {
                    let column = &table.columns[i];
                    let money_places = places[i];
                    match cell {
                        Cell::Text(s) => s.clone(),
                        Cell::Int(n) => format_grouped(Decimal::from(*n), Unit::Eur, 0),
                        Cell::Money(d) if column.money => format_grouped(*d, unit, money_places),
                        Cell::Money(d) => {
                            let suffix = match unit {
                                Unit::Eur => "",
                                Unit::M => "m",
                                Unit::Bn => "bn",
                            };
                            let sign = if d.is_sign_negative() && !d.is_zero() {
                                "-"
                            } else {
                                ""
                            };
                            format!(
                                "{sign}€{}{suffix}",
                                format_grouped(d.abs(), unit, places_needed(*d, unit))
                            )
                        }
                        Cell::Pct(d) => format!("{}%", format_grouped(*d, Unit::Eur, d.scale())),
                        Cell::Number(d) => format_grouped(*d, Unit::Eur, d.scale()),
                        Cell::Check(true) => "pass".to_string(),
                        Cell::Check(false) => "FAIL".to_string(),
                        Cell::Empty => "–".to_string(),
                    }
                })
                .collect()
        })
        .collect()
}

/// The human header of a column, with the unit for money columns.
pub(crate) fn human_header(column: &Column, unit: Unit) -> String {
    if column.money {
        format!("{} ({})", column.header, unit.label())
    } else {
        column.header.clone()
    }
}

/// One output format. Implementations only lay out what the report holds.
pub trait Exporter {
    fn render(&self, report: &dyn Report, table: &TableInfo, style: Style) -> Result<String>;
}

/// The exporter for a format.
pub fn exporter(format: Format) -> &'static dyn Exporter {
    match format {
        Format::Table => &table::HumanTable,
        Format::Json => &json::Json,
        Format::Csv => &csv::Csv,
        Format::Markdown => &markdown::Markdown,
    }
}

/// Renders a report in the chosen format. The text is complete before
/// anything is written, so a failure never leaves half a document on stdout.
pub fn render(report: &dyn Report, table: &TableInfo, style: Style) -> Result<String> {
    exporter(style.format).render(report, table, style)
}

pub(crate) fn output_error(what: &str, err: impl std::fmt::Display) -> Error {
    Error {
        kind: crate::error::Kind::Output,
        message: format!("cannot render {what}: {err}"),
    }
}
