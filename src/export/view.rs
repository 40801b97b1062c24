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
    /// The key under which the JSON document carries this grid's rows,
    /// one object per row with the CSV's columns (a listing: see
    /// [`Grid::listing`]); `None`: the report's own fields say it.
    pub json: Option<&'static str>,
}

/// One column of a listing, declared once: what it is (its [`Column`]:
/// key, header, kind, where it shows) and how its cell is made from a
/// row. A listing's CSV, JSON rows and human views all come from its list
/// of fields ([`Grid::listing`]).
pub struct Field<'a, R> {
    pub column: Column,
    cell: CellOf<'a, R>,
}

/// How a field's cell is made from a row.
type CellOf<'a, R> = Box<dyn Fn(&R) -> Cell<'a> + Sync + 'a>;

impl<'a> Grid<'a> {
    /// The grid with its rows read ahead (see [`Rows::reading_ahead`]).
    pub fn reading_ahead(mut self, ahead: impl Fn(std::ops::Range<usize>) + Sync + 'a) -> Self {
        self.rows = self.rows.reading_ahead(ahead);
        self
    }

    /// A listing of `len` rows, row `i` read by `row(i)` when it is shown
    /// and each of its cells made by its field. `json` is the key the
    /// JSON document lists the rows under (`members`), `None` for a
    /// listing inside another report.
    pub fn listing<R: 'a>(
        fields: Vec<Field<'a, R>>,
        json: Option<&'static str>,
        len: usize,
        row: impl Fn(usize) -> R + Sync + 'a,
    ) -> Self {
        let (columns, cells): (Vec<Column>, Vec<CellOf<'a, R>>) =
            fields.into_iter().map(|f| (f.column, f.cell)).unzip();
        Grid {
            columns,
            rows: Rows::lazy(len, move |i| {
                let r = row(i);
                cells.iter().map(|cell| cell(&r)).collect()
            }),
            footer: Vec::new(),
            json,
        }
    }

    /// The grid with a total row: `cells` under the columns of those keys,
    /// blank elsewhere.
    pub fn with_total(mut self, cells: Vec<(&str, Cell<'a>)>) -> Self {
        let mut row: Vec<Cell<'a>> = vec![Cell::text(""); self.columns.len()];
        for (key, cell) in cells {
            if let Some(i) = self.columns.iter().position(|c| c.key == key) {
                row[i] = cell;
            }
        }
        self.footer.push(row);
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
        make: MakeRow<'a>,
        /// Reads what a run of rows will need into the cache, all at once,
        /// before they are made one by one (see [`Rows::reading_ahead`]).
        ahead: Option<ReadAhead<'a>>,
    },
}

/// How a lazy row is made: row `i`'s cells.
type MakeRow<'a> = Box<dyn Fn(usize) -> Vec<Cell<'a>> + Sync + 'a>;

/// Rows read ahead at a time: a window's members (a few hundred bytes
/// each, in two tables for a diff) fit a core's cache.
const READ_AHEAD: usize = 256;

/// What [`Rows::reading_ahead`] is given.
type ReadAhead<'a> = Box<dyn Fn(std::ops::Range<usize>) + Sync + 'a>;

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
    pub fn lazy(len: usize, make: impl Fn(usize) -> Vec<Cell<'a>> + Sync + 'a) -> Self {
        Rows::Lazy {
            len,
            make: Box::new(make),
            ahead: None,
        }
    }

    /// Lazy rows whose data lie scattered in memory (a ranking of a
    /// table kept in file order): before a run of rows is made, `ahead`
    /// reads what they need in one tight loop, where the processor fetches
    /// many at once, rather than one cache miss per row as it is made.
    pub fn reading_ahead(self, ahead: impl Fn(std::ops::Range<usize>) + Sync + 'a) -> Self {
        match self {
            Rows::Lazy { len, make, .. } => Rows::Lazy {
                len,
                make,
                ahead: Some(Box::new(ahead)),
            },
            built => built,
        }
    }

    /// Rows `range`, in order, read ahead a window at a time (see
    /// [`Rows::reading_ahead`]). A window's data stay in the core's cache
    /// until its rows are made; a whole chunk's would not.
    pub fn range(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = std::borrow::Cow<'_, [Cell<'a>]>> {
        let (start, end) = (range.start, range.end);
        range.map(move |i| {
            if (i - start) % READ_AHEAD == 0 {
                self.read_ahead(i..(i + READ_AHEAD).min(end));
            }
            self.row(i)
        })
    }

    /// Readies rows `range` (see [`Rows::reading_ahead`]).
    fn read_ahead(&self, range: std::ops::Range<usize>) {
        if let Rows::Lazy {
            ahead: Some(ahead), ..
        } = self
        {
            ahead(range);
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
        (0..self.len()).map(move |i| self.row(i))
    }

    /// Row `i` (`i < len()`).
    pub fn row(&self, i: usize) -> std::borrow::Cow<'_, [Cell<'a>]> {
        match self {
            Rows::Built(rows) => std::borrow::Cow::Borrowed(&rows[i][..]),
            Rows::Lazy { make, .. } => std::borrow::Cow::Owned(make(i)),
        }
    }

    /// The rows with `more` applied to each (row `i` and its cells).
    pub fn extended(self, more: impl Fn(usize, &mut Vec<Cell<'a>>) + Sync + 'a) -> Self {
        match self {
            Rows::Built(mut rows) => {
                for (i, row) in rows.iter_mut().enumerate() {
                    more(i, row);
                }
                Rows::Built(rows)
            }
            Rows::Lazy { len, make, ahead } => Rows::Lazy {
                len,
                make: Box::new(move |i| {
                    let mut row = make(i);
                    more(i, &mut row);
                    row
                }),
                ahead,
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    /// The CSV header (snake_case, stable: the JSON key).
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
    /// Left out of human views when no row has a value in it (every cell
    /// empty, or a basis the table does not state).
    pub optional: bool,
    /// Shown in human views only with `--ranges` (the bounds of rounded
    /// figures in a listing); always in CSV.
    pub ranges: bool,
    /// For money: the finest decimal place the column's field uses in the
    /// whole table (see `dataset::Precision`), so that the column keeps one
    /// scale whatever rows are shown.
    pub precision: Option<i32>,
    /// How much the column matters when a terminal table must fit a width:
    /// 0 (essential) is always shown; the others are left out, the largest
    /// first (and, among equals, the rightmost), one line per row kept.
    pub priority: u8,
    /// A shorter header for narrow terminals (`share` for `share of
    /// ceiling`).
    pub short: Option<&'static str>,
    /// Sentences (an event, a source): at a width, counted at
    /// [`PROSE_WIDTH`] columns and wrapped at spaces to fit.
    pub prose: bool,
}

/// The columns a prose column is counted at when a terminal table is fit
/// to a width (it wraps to that, or to what the width leaves).
pub const PROSE_WIDTH: usize = 30;

impl Column {
    pub fn text(key: &'static str, header: &str) -> Self {
        Column {
            key,
            header: header.to_string(),
            money: false,
            numeric: false,
            human: true,
            machine: true,
            optional: false,
            ranges: false,
            precision: None,
            priority: 1,
            short: None,
            prose: false,
        }
    }
    /// Sentences, wrapped at spaces to fit a width (see [`Column::prose`]).
    pub fn prose(self) -> Self {
        Column {
            prose: true,
            ..self
        }
    }
    /// Always shown, whatever the width (a row's key and main figure).
    pub fn essential(self) -> Self {
        Column {
            priority: 0,
            ..self
        }
    }
    /// Left out of a narrow terminal table before columns of a smaller
    /// priority (see [`Column::priority`]).
    pub fn priority(self, priority: u8) -> Self {
        Column { priority, ..self }
    }
    /// A shorter header for narrow terminals.
    pub fn short(self, header: &'static str) -> Self {
        Column {
            short: Some(header),
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
    /// Left out of human views when no row has a value in it.
    pub fn optional(self) -> Self {
        Column {
            optional: true,
            ..self
        }
    }
    /// A bound of rounded figures: in human listings only with `--ranges`,
    /// and then only when a row is rounded.
    pub fn range(self) -> Self {
        Column {
            ranges: true,
            optional: true,
            ..self
        }
    }
    /// Money of a field whose finest decimal place in the table is
    /// `precision`.
    pub fn precise(self, precision: i32) -> Self {
        Column {
            precision: Some(precision),
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
        Column::text(key, header).optional()
    }
}

impl Column {
    /// This column as a field of a listing whose cell `cell` makes from a
    /// row.
    pub fn of<'a, R>(self, cell: impl Fn(&R) -> Cell<'a> + Sync + 'a) -> Field<'a, R> {
        Field {
            column: self,
            cell: Box::new(cell),
        }
    }
}

/// What a [`Cell::Change`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Euros (shown like [`Cell::Money`]).
    Money,
    /// A percentage (like [`Cell::Pct`]).
    Pct,
    /// Percentage points (like [`Cell::Pp`]).
    Pp,
    /// A whole number (like [`Cell::Int`]).
    Count,
    /// Euros `--unit` never scales (like [`Cell::Euros`]).
    Euros,
}

/// The bounds of a rounded figure, as one cell: `from to to` in tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Bounds {
    pub min: Decimal,
    pub max: Decimal,
    pub measure: Measure,
    /// For money: the finest decimal place of the field (see
    /// [`Cell::MoneyAt`]).
    pub precision: Option<i32>,
}

/// One value, typed so each format can print it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    /// Euros, exact, shown in the unit of `--unit`.
    Money(Decimal),
    /// Euros of a field whose finest decimal place in the table is the
    /// second value (see `dataset::Precision`): a lone figure shows as many
    /// places as its column would.
    MoneyAt(Decimal, i32),
    /// A rounded figure: euros whose exact value lies within bounds (shown
    /// with `≈` in tables).
    Rounded(Decimal),
    /// A figure of another kind whose exact value lies within bounds
    /// (a share, a figure per inhabitant, a change): shown with `≈`.
    /// Boxed: a listing's cells stay small.
    Approx(Box<Cell<'a>>),
    /// Euros that `--unit` never scales (euros per inhabitant), shown to
    /// the cent.
    Euros(Decimal),
    /// A percentage, already rounded by the report.
    Pct(Decimal),
    /// A change of a percentage, in percentage points (`+0.02 pp`).
    Pp(Decimal),
    /// A change, shown with its sign: `+` when the exact change is a rise
    /// (so a rise that rounds to `0.00%` shows `+0.00%`), `-` for a fall.
    Change(Decimal, Measure, std::cmp::Ordering),
    /// Any other exact number (an index, a ratio).
    Number(Decimal),
    /// The bounds of a rounded figure (`43,700,000,000 to 43,800,000,000`).
    /// Boxed: a listing's cells stay small.
    Range(Box<Bounds>),
    /// A bound of an exact figure (the figure itself): left empty in CSV,
    /// where a row's bounds are written only when it is rounded (so that
    /// editing an amount keeps the row whole when it is read back); JSON
    /// gives the number.
    ExactBound(Decimal),
    /// A rule's outcome.
    Check(bool),
    /// A yes-or-no fact (an edition is the default): `yes` or blank in
    /// tables, `true` or `false` in CSV and JSON.
    Yes(bool),
    /// A three-valued outcome (`pass`, `fail`, `undetermined`).
    Verdict(&'static str),
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
    /// The euros a money cell holds (for a compact form beside it).
    pub fn euros(&self) -> Option<Decimal> {
        match self {
            Cell::Approx(inner) => inner.euros(),
            Cell::Money(d) | Cell::MoneyAt(d, _) | Cell::Rounded(d) => Some(*d),
            _ => None,
        }
    }
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
    /// A change of `measure`, signed as `exact` is (`Ordering` of the
    /// exact change against zero).
    pub fn change(value: Decimal, measure: Measure, exact: std::cmp::Ordering) -> Self {
        Cell::Change(value, measure, exact)
    }
    /// A change of money, signed as it is.
    pub fn money_change(value: Decimal) -> Self {
        Cell::Change(value, Measure::Money, value.cmp(&Decimal::ZERO))
    }
    /// This figure, marked `≈` when `rounded` (its bounds are not a
    /// point).
    pub fn about(self, rounded: bool) -> Self {
        match self {
            _ if !rounded => self,
            Cell::Money(d) => Cell::Rounded(d),
            cell @ (Cell::Rounded(_) | Cell::Approx(_) | Cell::Empty) => cell,
            cell => Cell::Approx(Box::new(cell)),
        }
    }

    /// An amount, marked as rounded when its bounds are not the amount.
    pub fn amount(value: Decimal, min: Decimal, max: Decimal) -> Self {
        if min == max {
            Cell::Money(value)
        } else {
            Cell::Rounded(value)
        }
    }
    /// The bounds `min` to `max` of a figure of `measure`, or empty when
    /// they are one value (an exact figure has nothing more to say).
    pub fn range(min: Decimal, max: Decimal, measure: Measure) -> Self {
        Cell::range_at(min, max, measure, None)
    }

    /// [`Cell::range`] of money of a field whose finest decimal place is
    /// `precision`.
    pub fn range_at(min: Decimal, max: Decimal, measure: Measure, precision: Option<i32>) -> Self {
        if min == max {
            Cell::Empty
        } else {
            Cell::Range(Box::new(Bounds {
                min,
                max,
                measure,
                precision,
            }))
        }
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

    /// Whether the cell holds nothing worth a column (empty, or a basis
    /// the table does not state).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Approx(inner) => inner.is_blank(),
            Cell::Empty | Cell::ExactBound(_) | Cell::Basis(Basis::Unstated) => true,
            Cell::Text(t) => t.is_empty(),
            _ => false,
        }
    }

    /// The number a cell holds, if any.
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Cell::Approx(inner) => inner.value(),
            Cell::Money(d)
            | Cell::MoneyAt(d, _)
            | Cell::Rounded(d)
            | Cell::Euros(d)
            | Cell::Pct(d)
            | Cell::Pp(d)
            | Cell::Change(d, ..)
            | Cell::Number(d) => Some(*d),
            Cell::Int(i) => Some(Decimal::from(*i)),
            _ => None,
        }
    }

    /// [`Cell::raw`], appended to `out`.
    pub fn raw_into(&self, out: &mut String) {
        use std::fmt::Write as _;
        // Writing to a string cannot fail.
        let _ = match self {
            Cell::Approx(inner) => {
                inner.raw_into(out);
                Ok(())
            }
            Cell::Text(s) => out.write_str(s),
            Cell::Int(i) => write!(out, "{i}"),
            Cell::Money(d)
            | Cell::MoneyAt(d, _)
            | Cell::Rounded(d)
            | Cell::Euros(d)
            | Cell::Pct(d)
            | Cell::Pp(d)
            | Cell::Change(d, ..)
            | Cell::Number(d) => {
                crate::money::push_plain(out, *d);
                Ok(())
            }
            Cell::Range(b) => {
                crate::money::push_plain(out, b.min);
                out.push_str("..");
                crate::money::push_plain(out, b.max);
                Ok(())
            }
            Cell::Check(passed) | Cell::Yes(passed) => write!(out, "{passed}"),
            Cell::Verdict(v) => out.write_str(v),
            Cell::Basis(b) => out.write_str(b.id()),
            Cell::Key(key) => out.write_str(&key.0),
            Cell::ExactBound(_) | Cell::Empty => Ok(()),
        };
    }
}

/// A row of a report of named figures (`total`, `show`, `stats`): the
/// figure, its bounds in words for people (`within rounding`, left out
/// when every figure is exact) and as two numbers for CSV (`min`, `max`).
pub struct FigureRow<'a> {
    pub value: Cell<'a>,
    pub range: Cell<'a>,
    pub min: Cell<'a>,
    pub max: Cell<'a>,
}

impl<'a> FigureRow<'a> {
    /// An exact figure: its bounds are itself.
    pub fn exact(value: Cell<'a>, figure: Decimal) -> Self {
        FigureRow {
            value,
            range: Cell::Empty,
            min: Cell::Money(figure),
            max: Cell::Money(figure),
        }
    }

    /// A figure of `measure` within `min` and `max`: marked `≈` and given
    /// its range when they are not one value (money of a field whose
    /// finest place is `precision`).
    pub fn bounded(
        value: Cell<'a>,
        min: Decimal,
        max: Decimal,
        measure: Measure,
        precision: Option<i32>,
    ) -> Self {
        FigureRow {
            value: value.about(min != max),
            range: Cell::range_at(min, max, measure, precision),
            min: Cell::Number(min),
            max: Cell::Number(max),
        }
    }

    /// A figure worked out on the stated figures only (no bounds): marked
    /// `≈` when the table is rounded, since its exact value is not known.
    pub fn stated(value: Cell<'a>, rounded_table: bool) -> Self {
        FigureRow {
            value: value.about(rounded_table),
            range: Cell::Empty,
            min: Cell::Empty,
            max: Cell::Empty,
        }
    }

    /// A count (exact).
    pub fn count(n: usize) -> Self {
        FigureRow {
            value: Cell::Int(n as i64),
            range: Cell::Empty,
            min: Cell::Int(n as i64),
            max: Cell::Int(n as i64),
        }
    }

    /// Text (no bounds).
    pub fn text(value: Cell<'a>) -> Self {
        FigureRow {
            value,
            range: Cell::Empty,
            min: Cell::Empty,
            max: Cell::Empty,
        }
    }

    /// The grid row: its id (CSV) and label (tables), then the cells of
    /// [`FigureRow::columns`].
    pub fn row(self, id: impl Into<Cow<'a, str>>, label: impl Into<Cow<'a, str>>) -> Vec<Cell<'a>> {
        vec![
            Cell::key(id, label),
            self.value,
            self.range,
            self.min,
            self.max,
        ]
    }

    /// The columns: `metric` (its header `first`), `value`, the bounds in
    /// words (people) and as `min`, `max` (CSV).
    pub fn columns(first: &str) -> Vec<Column> {
        vec![
            Column::text("metric", first).essential(),
            Column::number("value", "value").essential(),
            Column::text("range", "within rounding")
                .human_only()
                .optional(),
            Column::number("min", "min").machine_only(),
            Column::number("max", "max").machine_only(),
        ]
    }
}

/// The figures every member listing starts with, read from a row of any
/// of them (see [`member_fields`]).
pub struct MemberFigures<'a> {
    /// Competition rank by amount; `None` where a listing has none.
    pub rank: Option<usize>,
    pub code: &'a str,
    pub name: &'a str,
    pub amount: Decimal,
    pub amount_min: Decimal,
    pub amount_max: Decimal,
}

/// The fields a member listing starts with: rank, code, name, amount
/// (money of the table's precision, marked ≈ when rounded); `of` reads
/// them from a row.
pub fn member_fields<'a, R: 'a>(
    precision: crate::dataset::Precision,
    of: fn(&R) -> MemberFigures<'a>,
) -> Vec<Field<'a, R>> {
    vec![
        Column::number("rank", "#")
            .essential()
            .of(move |r| of(r).rank.map_or(Cell::Empty, |n| Cell::Int(n as i64))),
        Column::text("code", "code")
            .essential()
            .of(move |r| Cell::text(of(r).code)),
        Column::text("name", "member")
            .priority(2)
            .of(move |r| Cell::text(of(r).name)),
        Column::money("amount", "amount")
            .precise(precision.amount)
            .essential()
            .of(move |r| {
                let m = of(r);
                Cell::amount(m.amount, m.amount_min, m.amount_max)
            }),
    ]
}

/// The bounds of a member's amount, for machines (`amount_min`,
/// `amount_max`), shown to the table's finest decimal place of bounds.
pub fn amount_bound_fields<'a, R: 'a>(
    precision: crate::dataset::Precision,
    of: fn(&R) -> MemberFigures<'a>,
) -> Vec<Field<'a, R>> {
    vec![
        Column::money("amount_min", "min")
            .precise(precision.money())
            .machine_only()
            .of(move |r| Cell::Money(of(r).amount_min)),
        Column::money("amount_max", "max")
            .precise(precision.money())
            .machine_only()
            .of(move |r| Cell::Money(of(r).amount_max)),
    ]
}

/// The best and worst rank within the bounds, for machines; `of` reads
/// them from a row (`None`: the row has no rank).
pub fn rank_bound_fields<'a, R: 'a>(of: fn(&R) -> Option<(usize, usize)>) -> Vec<Field<'a, R>> {
    let int = |n: usize| Cell::Int(n as i64);
    vec![
        Column::number("rank_best", "best rank")
            .machine_only()
            .of(move |r| of(r).map_or(Cell::Empty, |(best, _)| int(best))),
        Column::number("rank_worst", "worst rank")
            .machine_only()
            .of(move |r| of(r).map_or(Cell::Empty, |(_, worst)| int(worst))),
    ]
}

/// The bounds of the amount and of the rank in words, for people who ask
/// (`--ranges`); `of` and `ranks` read them from a row.
pub fn range_fields<'a, R: 'a>(
    precision: crate::dataset::Precision,
    of: fn(&R) -> MemberFigures<'a>,
    ranks: fn(&R) -> Option<(usize, usize)>,
) -> Vec<Field<'a, R>> {
    vec![
        Column::money("amount_range", "amount within rounding")
            .precise(precision.money())
            .human_only()
            .range()
            .of(move |r| {
                let m = of(r);
                Cell::range(m.amount_min, m.amount_max, Measure::Money)
            }),
        Column::number("rank_range", "rank within rounding")
            .human_only()
            .range()
            .of(move |r| {
                ranks(r).map_or(Cell::Empty, |(best, worst)| {
                    Cell::range(Decimal::from(best), Decimal::from(worst), Measure::Count)
                })
            }),
    ]
}
