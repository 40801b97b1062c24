//! Output formats. Commands compute a typed report; an exporter only
//! renders it. Every report is `Serialize` (the JSON exporter writes it as it
//! is) and describes itself as a [`View`]: headings, notes and tables of
//! typed [`Cell`]s, which the table, CSV and Markdown exporters lay out
//! without recomputing a figure.

mod csv;
mod github;
pub mod html;
mod json;
mod junit;
mod markdown;
pub mod svg;
mod table;

use rust_decimal::Decimal;
use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::dataset::{Basis, Dataset};
use crate::error::{Error, Result};
use crate::money::{Unit, places_needed};

/// The version of the JSON documents `safe` writes.
pub const JSON_SCHEMA_VERSION: u32 = 2;

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
    /// JUnit XML: one test case per check (check, and total --expect).
    Junit,
    /// GitHub Actions workflow commands: an ::error per failed check
    /// and a ::notice summary (check, and total --expect).
    Github,
}

/// The commands whose reports hold checks, for the CI formats.
pub const CI_COMMANDS: &[&str] = &["`safe check`", "`safe total --expect AMOUNT`"];

impl Format {
    /// Every format, from clap's own list (tests iterate over it, so a new
    /// format cannot be left out).
    pub fn all() -> &'static [Format] {
        <Format as clap::ValueEnum>::value_variants()
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
}

/// What every command produces.
pub trait Report: ToJson {
    /// The command's name, written into the JSON envelope.
    fn command(&self) -> &'static str;
    /// Whether the report shows the table's headroom: the table and
    /// Markdown formats then add the edition's note (for the Commission's
    /// rounded table, that its headroom comes from rounding).
    fn shows_headroom(&self) -> bool {
        false
    }
    /// The names of the tables a report has, when it has several
    /// (`--part`): CSV writes one, and says on stderr how to get the others.
    fn parts(&self) -> &'static [&'static str] {
        &[]
    }
    /// How many members a listing shows (after `--top`): the table and
    /// Markdown formats say so when that is fewer than the table has.
    fn listed(&self) -> Option<usize> {
        None
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

/// A check with its words, as the CI formats show it.
#[derive(Debug, Clone)]
pub struct CheckLine {
    pub check: crate::analysis::check::Check,
    /// The rule in words (`total within the ceiling`).
    pub rule: String,
    /// The outcome in words, with the figures.
    pub detail: String,
}

/// JSON for any `Serialize` report, inside the common envelope.
pub trait ToJson {
    fn to_json(
        &self,
        command: &str,
        table: &TableInfo,
        out: &mut dyn Write,
    ) -> serde_json::Result<()>;
}

impl<T: Serialize> ToJson for T {
    fn to_json(
        &self,
        command: &str,
        table: &TableInfo,
        out: &mut dyn Write,
    ) -> serde_json::Result<()> {
        #[derive(Serialize)]
        struct Envelope<'a, R> {
            schema_version: u32,
            command: &'a str,
            table: &'a TableInfo,
            #[serde(flatten)]
            report: &'a R,
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
            },
        )?;
        out.flush().map_err(serde_json::Error::io)
    }
}

/// The loaded table's identity: the `table` object of every JSON document,
/// of one shape whatever the command.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableInfo {
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

impl TableInfo {
    pub fn of(data: &Dataset) -> Self {
        TableInfo {
            origin: data.origin.clone(),
            fund: data.fund.clone(),
            edition: data.edition.clone(),
            member_count: data.allocations.len(),
            confirmed: data.confirmed(),
        }
    }
}

/// A report laid out for people: blocks in order.
#[derive(Default)]
pub struct View<'a> {
    pub blocks: Vec<Block<'a>>,
}

pub enum Block<'a> {
    /// A title line.
    Heading(String),
    /// A line of prose (provenance, a note under a table).
    Note(String),
    Table(Table<'a>),
    /// Names the table that follows, for `--part` (reports of several
    /// tables: `members`, `totals`, `checks`). Shown by no format.
    Part(&'static str),
    /// A table whose last column is drawn as horizontal bars in the table
    /// and Markdown formats (CSV and JSON carry the numbers).
    Chart(Table<'a>),
}

/// A table of typed cells. `footer` rows (totals) show in the table and
/// Markdown formats but not in CSV, so a spreadsheet sum stays right.
#[derive(Default)]
pub struct Table<'a> {
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
    pub footer: Vec<Vec<Cell<'a>>>,
}

impl<'a> Table<'a> {
    /// The table with a last column, `basis`, of each row's basis (so that
    /// the columns before it keep their places in CSV).
    pub fn with_basis(mut self, basis: impl Fn(usize) -> Basis + 'a) -> Table<'a> {
        self.columns.push(Column::basis("basis", "basis"));
        self.rows = self
            .rows
            .extended(move |i, row| row.push(Cell::Basis(basis(i))));
        for row in &mut self.footer {
            row.push(Cell::Empty);
        }
        self
    }

    /// Every row, the footer last.
    pub fn all_rows(&self) -> impl Iterator<Item = std::borrow::Cow<'_, [Cell<'a>]>> {
        self.rows.iter().chain(
            self.footer
                .iter()
                .map(|r| std::borrow::Cow::Borrowed(&r[..])),
        )
    }
}

/// The rows of a table: built, or made one at a time when rendered (a
/// listing of a million members is never held as cells: each format makes
/// a row, writes it and lets it go).
pub enum Rows<'a> {
    Built(Vec<Vec<Cell<'a>>>),
    Lazy {
        len: usize,
        make: Box<dyn Fn(usize) -> Vec<Cell<'a>> + 'a>,
    },
}

impl Default for Rows<'_> {
    fn default() -> Self {
        Rows::Built(Vec::new())
    }
}

impl<'a> From<Vec<Vec<Cell<'a>>>> for Rows<'a> {
    fn from(rows: Vec<Vec<Cell<'a>>>) -> Self {
        Rows::Built(rows)
    }
}

impl<'a> FromIterator<Vec<Cell<'a>>> for Rows<'a> {
    fn from_iter<I: IntoIterator<Item = Vec<Cell<'a>>>>(rows: I) -> Self {
        Rows::Built(rows.into_iter().collect())
    }
}

impl<'a> Rows<'a> {
    /// `len` rows, row `i` made by `make(i)` each time it is rendered.
    pub fn lazy(len: usize, make: impl Fn(usize) -> Vec<Cell<'a>> + 'a) -> Self {
        Rows::Lazy {
            len,
            make: Box::new(make),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Rows::Built(rows) => rows.len(),
            Rows::Lazy { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = std::borrow::Cow<'_, [Cell<'a>]>> {
        (0..self.len()).map(move |i| match self {
            Rows::Built(rows) => std::borrow::Cow::Borrowed(&rows[i][..]),
            Rows::Lazy { make, .. } => std::borrow::Cow::Owned(make(i)),
        })
    }

    /// The rows with `more` applied to each (row `i` and its cells).
    pub fn extended(self, more: impl Fn(usize, &mut Vec<Cell<'a>>) + 'a) -> Self {
        match self {
            Rows::Built(mut rows) => {
                for (i, row) in rows.iter_mut().enumerate() {
                    more(i, row);
                }
                Rows::Built(rows)
            }
            Rows::Lazy { len, make } => Rows::lazy(len, move |i| {
                let mut row = make(i);
                more(i, &mut row);
                row
            }),
        }
    }
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
    /// Shown in the table and Markdown formats.
    pub human: bool,
    /// Written to CSV.
    pub machine: bool,
    /// A column of changes: rises show a `+` in tables.
    pub signed: bool,
}

impl Column {
    pub fn text(key: &'static str, header: &str) -> Self {
        Column {
            key,
            header: header.to_string(),
            money: false,
            numeric: false,
            human: true,
            machine: true,
            signed: false,
        }
    }
    /// A column of changes (`+` on rises in tables).
    pub fn signed(self) -> Self {
        Column {
            signed: true,
            ..self
        }
    }
    /// Only in CSV (figures the table format shows in words).
    pub fn machine_only(self) -> Self {
        Column {
            human: false,
            ..self
        }
    }
    /// Only in the table and Markdown formats (words CSV carries as
    /// figures).
    pub fn human_only(self) -> Self {
        Column {
            machine: false,
            ..self
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
    /// A column of euros that `--unit` does not scale ([`Cell::Euros`]).
    pub fn euros(key: &'static str, header: &str) -> Self {
        Column::number(key, header)
    }
    /// A column of [`Cell::Basis`]: left out of human tables when no row
    /// states a basis.
    pub fn basis(key: &'static str, header: &str) -> Self {
        Column::text(key, header)
    }
}

/// The mark human tables put after a figure that is not confirmed.
pub const UNCONFIRMED_MARK: &str = "*";

/// What one pass over a table's cells tells the human formats before
/// they lay it out: which columns show, how many decimal places each money
/// column needs, whether a figure is unconfirmed, the largest chart value.
pub(crate) struct Survey {
    /// Per column: shown to people (not machine-only, and not a basis
    /// column in which no row states a basis).
    pub shown: Vec<bool>,
    /// Per column: decimal places so that no digit is lost and the column
    /// lines up (money columns; 0 for the others).
    pub places: Vec<u32>,
    /// Some row's basis is stated and not confirmed.
    pub unconfirmed: bool,
    /// The largest value of the last column (charts).
    pub chart_max: Decimal,
}

impl Survey {
    pub fn of(table: &Table<'_>, unit: Unit) -> Survey {
        let n = table.columns.len();
        let mut places = vec![0u32; n];
        let mut has_basis = vec![false; n];
        let mut basis_stated = vec![false; n];
        let mut unconfirmed = false;
        let mut chart_max = Decimal::ZERO;
        let mut first = true;
        let mut visit = |row: &[Cell<'_>], in_body: bool| {
            for (i, cell) in row.iter().enumerate().take(n) {
                match cell {
                    Cell::Money(d) => places[i] = places[i].max(places_needed(*d, unit)),
                    Cell::Basis(b) if in_body => {
                        has_basis[i] = true;
                        if *b != Basis::Unstated {
                            basis_stated[i] = true;
                            unconfirmed |= !b.confirmed();
                        }
                    }
                    _ => {}
                }
            }
            if in_body {
                let value = chart_value(row);
                if first || value > chart_max {
                    chart_max = value;
                }
                first = false;
            }
        };
        for row in table.rows.iter() {
            visit(&row, true);
        }
        for row in &table.footer {
            visit(row, false);
        }
        Survey {
            shown: (0..n)
                .map(|i| table.columns[i].human && (basis_stated[i] || !has_basis[i]))
                .collect(),
            places,
            unconfirmed,
            chart_max,
        }
    }

    /// The positions of the columns people see.
    pub fn shown_columns(&self) -> Vec<usize> {
        (0..self.shown.len()).filter(|&i| self.shown[i]).collect()
    }

    /// The footnote under a human table with unconfirmed figures.
    pub fn footnote(&self) -> Option<String> {
        self.unconfirmed.then(|| {
            format!(
                "{UNCONFIRMED_MARK} not confirmed: a tentative or reported figure, not a Council decision's \
                 exact amount (`safe show CODE` gives its basis, source and note)"
            )
        })
    }
}

/// The table as people see it: only the [`Survey::shown`] columns (rows
/// made later are cut as they are made).
pub(crate) fn human_table<'a>(table: Table<'a>, survey: &Survey) -> (Table<'a>, Vec<u32>) {
    let shown = survey.shown.clone();
    if shown.iter().all(|&s| s) {
        return (table, survey.places.clone());
    }
    let keep = |row: &mut Vec<Cell<'_>>, shown: &[bool]| {
        let mut i = 0;
        row.retain(|_| {
            i += 1;
            shown.get(i - 1).copied().unwrap_or(true)
        });
    };
    let pick = |values: &[u32]| -> Vec<u32> {
        values
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(v, _)| *v)
            .collect()
    };
    let places = pick(&survey.places);
    let columns = table
        .columns
        .into_iter()
        .zip(&shown)
        .filter(|(_, s)| **s)
        .map(|(c, _)| c)
        .collect();
    let mut footer = table.footer;
    for row in &mut footer {
        keep(row, &shown);
    }
    let rows = table.rows.extended(move |_, row| keep(row, &shown));
    (
        Table {
            columns,
            rows,
            footer,
        },
        places,
    )
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
pub fn member_cells<'a>(
    rank: Option<usize>,
    code: &'a str,
    name: &'a str,
    amount: Decimal,
) -> Vec<Cell<'a>> {
    vec![
        rank.map_or(Cell::Empty, |r| Cell::Int(r as i64)),
        Cell::Text(code.into()),
        Cell::Text(name.into()),
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

/// The number a cell holds, if any.
fn cell_value(cell: &Cell<'_>) -> Option<Decimal> {
    match cell {
        Cell::Money(d) | Cell::Euros(d) | Cell::Pct(d) | Cell::Pp(d) | Cell::Number(d) => Some(*d),
        Cell::Int(i) => Some(Decimal::from(*i)),
        _ => None,
    }
}

/// The value of a chart row (its last cell).
pub(crate) fn chart_value(row: &[Cell<'_>]) -> Decimal {
    match row.last() {
        Some(Cell::Money(d) | Cell::Euros(d) | Cell::Pct(d) | Cell::Pp(d) | Cell::Number(d)) => *d,
        Some(Cell::Int(i)) => Decimal::from(*i),
        _ => Decimal::ZERO,
    }
}

/// One value, typed so each format can print it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    /// Euros, exact, shown in the unit of `--unit`.
    Money(Decimal),
    /// Euros that `--unit` never scales (euros per inhabitant).
    Euros(Decimal),
    /// A percentage, already rounded by the report.
    Pct(Decimal),
    /// A change of a percentage, in percentage points (`+0.02 pp`).
    Pp(Decimal),
    /// Any other exact number (an index, a ratio).
    Number(Decimal),
    /// A rule's outcome.
    Check(bool),
    /// What a figure is (its id in CSV; a label, marked when not
    /// confirmed, in tables).
    Basis(Basis),
    /// The name of a figure in a report of named figures: its snake_case
    /// id (the JSON key) in CSV, words in tables.
    /// (Boxed: a cell of a listing stays small.)
    Key(Box<(Cow<'a, str>, Cow<'a, str>)>),
    Empty,
}

impl<'a> Cell<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::Text(s.into())
    }
    pub fn opt_money(v: Option<Decimal>) -> Self {
        v.map_or(Cell::Empty, Cell::Money)
    }
    pub fn opt_euros(v: Option<Decimal>) -> Self {
        v.map_or(Cell::Empty, Cell::Euros)
    }
    pub fn opt_pct(v: Option<Decimal>) -> Self {
        v.map_or(Cell::Empty, Cell::Pct)
    }
    /// A named figure's key: `id` in CSV, `label` in tables.
    pub fn key(id: impl Into<Cow<'a, str>>, label: impl Into<Cow<'a, str>>) -> Self {
        Cell::Key(Box::new((id.into(), label.into())))
    }
    pub fn opt_basis(v: Option<Basis>) -> Self {
        v.map_or(Cell::Empty, Cell::Basis)
    }

    /// The exact, unformatted text (CSV).
    pub fn raw(&self) -> String {
        let mut out = String::new();
        self.raw_into(&mut out);
        out
    }

    /// [`Cell::raw`], appended to `out`.
    pub fn raw_into(&self, out: &mut String) {
        use std::fmt::Write as _;
        // Writing to a string cannot fail.
        let _ = match self {
            Cell::Text(s) => out.write_str(s),
            Cell::Int(i) => write!(out, "{i}"),
            Cell::Money(d) | Cell::Euros(d) | Cell::Pct(d) | Cell::Pp(d) | Cell::Number(d) => {
                crate::money::push_plain(out, *d);
                Ok(())
            }
            Cell::Check(passed) => write!(out, "{passed}"),
            Cell::Basis(b) => out.write_str(b.id()),
            Cell::Key(key) => out.write_str(&key.0),
            Cell::Empty => Ok(()),
        };
    }
}

/// The human text of every cell (table and Markdown formats, for tables
/// small enough to lay out whole); `places` from [`Survey::places`].
pub(crate) fn human_cells(table: &Table<'_>, unit: Unit, places: &[u32]) -> Vec<Vec<String>> {
    table
        .all_rows()
        .map(|row| human_row(table, &row, unit, places))
        .collect()
}

/// The human text of one row; `places` from [`Survey::places`].
pub(crate) fn human_row(
    table: &Table<'_>,
    row: &[Cell<'_>],
    unit: Unit,
    places: &[u32],
) -> Vec<String> {
    let mut texts = Vec::new();
    human_row_into(table, row, unit, places, &mut texts);
    texts
}

/// [`human_row`] into `texts`, reusing its strings (a listing's rows are
/// each laid out twice: once to measure, once to write).
pub(crate) fn human_row_into(
    table: &Table<'_>,
    row: &[Cell<'_>],
    unit: Unit,
    places: &[u32],
    texts: &mut Vec<String>,
) {
    texts.resize_with(row.len(), String::new);
    for (i, (cell, text)) in row.iter().zip(texts.iter_mut()).enumerate() {
        text.clear();
        let column = &table.columns[i];
        let money_places = places.get(i).copied().unwrap_or(0);
        let rise = column.signed && cell_value(cell).is_some_and(|d| d > Decimal::ZERO);
        if rise {
            text.push('+');
        }
        let grouped = |text: &mut String, d: Decimal, unit: Unit, places: u32| {
            crate::money::push_grouped(text, d, unit, places)
        };
        match cell {
            Cell::Text(s) => text.push_str(s),
            Cell::Key(key) => text.push_str(&key.1),
            Cell::Int(n) => grouped(text, Decimal::from(*n), Unit::Eur, 0),
            Cell::Money(d) if column.money => grouped(text, *d, unit, money_places),
            Cell::Money(d) => {
                if d.is_sign_negative() && !d.is_zero() {
                    text.push('-');
                }
                text.push('€');
                grouped(text, d.abs(), unit, places_needed(*d, unit));
                text.push_str(match unit {
                    Unit::Eur => "",
                    Unit::M => "m",
                    Unit::Bn => "bn",
                });
            }
            Cell::Euros(d) => {
                text.push('€');
                grouped(text, *d, Unit::Eur, places_needed(*d, Unit::Eur));
            }
            Cell::Pct(d) => {
                grouped(text, *d, Unit::Eur, d.scale());
                text.push('%');
            }
            Cell::Pp(d) => {
                grouped(text, *d, Unit::Eur, d.scale());
                text.push_str(" pp");
            }
            Cell::Number(d) => grouped(text, *d, Unit::Eur, d.scale()),
            Cell::Check(true) => text.push_str("pass"),
            Cell::Check(false) => text.push_str("FAIL"),
            Cell::Basis(b) => {
                text.push_str(b.label());
                if !b.confirmed() {
                    text.push_str(UNCONFIRMED_MARK);
                }
            }
            Cell::Empty => text.push('–'),
        }
    }
}

/// The human header of a column, with the unit for money columns.
pub(crate) fn human_header(column: &Column, unit: Unit) -> String {
    if column.money {
        format!("{} ({})", column.header, unit.label())
    } else {
        column.header.clone()
    }
}

/// One output format. Implementations only lay out what the report holds,
/// writing as they go (a large listing is never built whole in memory);
/// anything that can make the format refuse a report (a usage error) is
/// checked before the first byte is written.
pub trait Exporter {
    fn write(
        &self,
        report: &dyn Report,
        table: &TableInfo,
        style: Style,
        out: &mut dyn Write,
    ) -> Result<()>;
}

/// A format that lays a report out as one text (small by nature: the CI
/// reports), written when complete.
pub(crate) trait TextExporter {
    fn text(&self, report: &dyn Report, table: &TableInfo, style: Style) -> Result<String>;
}

impl<T: TextExporter> Exporter for T {
    fn write(
        &self,
        report: &dyn Report,
        table: &TableInfo,
        style: Style,
        out: &mut dyn Write,
    ) -> Result<()> {
        let text = self.text(report, table, style)?;
        out.write_all(text.as_bytes()).map_err(|e| Error::write(&e))
    }
}

/// The exporter for a format.
pub fn exporter(format: Format) -> &'static dyn Exporter {
    match format {
        Format::Table => &table::HumanTable,
        Format::Json => &json::Json,
        Format::Csv => &csv::Csv,
        Format::Markdown => &markdown::Markdown,
        Format::Junit => &junit::Junit,
        Format::Github => &github::Github,
    }
}

/// Writes a report in the chosen format to `out`.
pub fn write(
    report: &dyn Report,
    table: &TableInfo,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    exporter(style.format).write(report, table, style, out)
}

/// A report in the chosen format, as text (for pages that embed it, and
/// for tests).
pub fn render(report: &dyn Report, table: &TableInfo, style: Style) -> Result<String> {
    let mut out = Vec::new();
    write(report, table, style, &mut out)?;
    String::from_utf8(out).map_err(|e| output_error("text", e))
}

/// The table's provenance as lines of text: fund, legal basis, ceiling,
/// edition and source.
pub fn provenance<'a>(table: &TableInfo) -> Vec<Block<'a>> {
    let mut blocks = vec![Block::Heading(table.fund.name.clone())];
    if let Some(basis) = &table.fund.legal_basis {
        blocks.push(Block::Note(format!("Legal basis: {basis}")));
    }
    blocks.push(Block::Note(format!(
        "Ceiling: {}",
        crate::money::format_short(table.fund.ceiling)
    )));
    if let Some(e) = &table.edition {
        let name = match (&e.id, &e.title) {
            (Some(id), Some(title)) => format!("{id}: {title}, "),
            (Some(id), None) => format!("{id}, "),
            (None, Some(title)) => format!("{title}, "),
            (None, None) => String::new(),
        };
        blocks.push(Block::Note(format!(
            "Edition: {name}{} as of {}",
            e.status, e.as_of
        )));
        blocks.push(Block::Note(format!("Source: {}", e.source)));
    }
    blocks
}

/// The view the table and Markdown formats show: the report's, with the
/// edition's note after it when the report shows the headroom.
pub(crate) fn human_view<'a>(report: &'a dyn Report, table: &TableInfo) -> View<'a> {
    let mut view = report.view();
    if report.shows_provenance() {
        let mut blocks = provenance(table);
        blocks.append(&mut view.blocks);
        view.blocks = blocks;
    }
    if let Some(n) = report.listed().filter(|&n| n < table.member_count) {
        view.blocks.push(Block::Note(format!(
            "{n} of {} shown.",
            crate::text::members(table.member_count)
        )));
    }
    if report.shows_headroom() {
        if let Some(note) = table.edition.as_ref().and_then(|e| e.note.as_ref()) {
            view.blocks.push(Block::Note(format!("Note: {note}")));
        }
    }
    view
}

/// The checks of a report for a CI format, or a usage error naming the
/// commands that have them.
pub(crate) fn ci_checks(report: &dyn Report, format: &str) -> Result<Vec<CheckLine>> {
    report.checks().ok_or_else(|| {
        Error::usage(format!(
            "--format {format} reports checks: use it with {}; `safe {}` checks nothing",
            CI_COMMANDS.join(" or "),
            report.command()
        ))
    })
}

/// A table's name for CI reports: its edition's id, or where it came from,
/// with the fund.
pub(crate) fn table_label(table: &TableInfo) -> String {
    let name = table
        .edition
        .as_ref()
        .and_then(|e| e.id.as_deref())
        .filter(|_| table.origin == crate::dataset::editions::BUNDLED_ORIGIN)
        .unwrap_or(&table.origin);
    format!("{} ({name})", table.fund.name)
}

pub(crate) fn output_error(what: &str, err: impl std::fmt::Display) -> Error {
    Error {
        kind: crate::error::Kind::Output,
        message: format!("cannot render {what}: {err}"),
    }
}
