//! The view model: what a report looks like to people, as blocks
//! (headings, notes, grids of typed cells). Commands build a [`View`];
//! exporters lay it out. No figure is computed here.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::dataset::Basis;

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
    Grid(Grid<'a>),
    /// Names the table that follows, for `--part` (reports of several
    /// tables: `members`, `totals`, `checks`). Shown by no format.
    Part(&'static str),
    /// A table whose last column is drawn as horizontal bars in the table
    /// and Markdown formats (CSV and JSON carry the numbers).
    Chart(Grid<'a>),
}

/// A table of typed cells. `footer` rows (totals) show in the table and
/// Markdown formats but not in CSV, so a spreadsheet sum stays right.
#[derive(Default)]
pub struct Grid<'a> {
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
    pub footer: Vec<Vec<Cell<'a>>>,
}

impl<'a> Grid<'a> {
    /// The table with a last column, `basis`, of each row's basis (so that
    /// the columns before it keep their places in CSV).
    pub fn with_basis(mut self, basis: impl Fn(usize) -> Basis + 'a) -> Grid<'a> {
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
