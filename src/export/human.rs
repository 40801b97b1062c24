//! The layout the human formats share (terminal, Markdown, HTML): which
//! columns show, how many decimal places a money column takes, the text of
//! each cell, bars for charts, and the notes a view gets around it.

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::view::{Block, Cell, Column, Grid, Measure, View};
use super::{Listing, Report, Style, Subject};
use crate::money::{Unit, places_needed};

/// The mark human tables put after a figure that is not confirmed.
pub const UNCONFIRMED_MARK: &str = "*";

/// The mark human tables put before a rounded figure (one whose exact
/// value lies within bounds).
pub const ROUNDED_MARK: &str = "≈";

/// Who reads a footnote: a terminal user can run another command; a
/// page's reader cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Terminal,
    Page,
}

/// What one pass over a table's cells tells the human formats before
/// they lay it out: which columns show, how many decimal places each money
/// column needs, which marks need a footnote, the largest chart value.
pub(crate) struct Survey {
    /// Per column: shown to people (not machine-only, not a bounds column
    /// without `--ranges`, not an optional column no row fills).
    pub shown: Vec<bool>,
    /// Per column: decimal places so that no digit is lost and the column
    /// keeps one scale whatever rows are shown (money columns; 0 for the
    /// others).
    pub places: Vec<u32>,
    /// Some row's basis is stated and not confirmed.
    pub unconfirmed: bool,
    /// Some figure is rounded (marked `≈`).
    pub rounded: bool,
    /// Bounds columns are in the grid but left out (no `--ranges`).
    pub ranges_hidden: bool,
    /// The largest value of the last column (charts).
    pub chart_max: Decimal,
    /// Per column: the display width of its widest cell, body and footer
    /// (only from [`Survey::measured`], and only for the columns that may
    /// show; 0 for the others).
    pub widths: Vec<usize>,
}

impl Survey {
    pub fn of(table: &Grid<'_>, style: Style) -> Survey {
        Survey::make(table, style, false)
    }

    /// [`Survey::of`] with the [`Survey::widths`] of the cells, in the
    /// same pass: a money column's widest cell is known before its decimal
    /// places are, so each money cell's width is kept apart from the part
    /// its column's places add.
    pub fn measured(table: &Grid<'_>, style: Style) -> Survey {
        Survey::make(table, style, true)
    }

    fn make(table: &Grid<'_>, style: Style, measure: bool) -> Survey {
        let unit = style.unit;
        let n = table.columns.len();
        // Only columns people may see need decimal places (and widths).
        let relevant: Vec<bool> = table
            .columns
            .iter()
            .map(|c| c.human && (style.ranges || !c.ranges))
            .collect();
        let may_show: Vec<bool> = relevant.iter().map(|&r| r && measure).collect();
        let start = Tally {
            places: table
                .columns
                .iter()
                .map(|c| match c.precision {
                    Some(p) if c.money => places_at(p, unit),
                    _ => 0,
                })
                .collect(),
            filled: vec![false; n],
            unconfirmed: false,
            rounded: false,
            chart_max: None,
            widths: vec![0; n],
            unplaced: vec![[None; 2]; n],
        };
        let look = Look {
            table,
            unit,
            relevant: &relevant,
            may_show: &may_show,
        };
        // The body's rows on every core (a listing of a million members),
        // then the footer's.
        let mut tally = start.clone();
        let _ = crate::parallel::in_order(
            table.rows.len(),
            |rows| {
                let mut part = start.clone();
                let mut scratch = String::new();
                for row in table.rows.range(rows) {
                    part.visit(&look, &row, true, &mut scratch);
                }
                part
            },
            |part| {
                tally.merge(part);
                Ok::<(), std::convert::Infallible>(())
            },
        );
        let mut scratch = String::new();
        for row in &table.footer {
            tally.visit(&look, row, false, &mut scratch);
        }
        let Tally {
            places,
            filled,
            unconfirmed,
            rounded,
            chart_max,
            mut widths,
            unplaced,
        } = tally;
        for (i, parts) in unplaced.iter().enumerate() {
            for (k, w) in parts.iter().enumerate() {
                if let Some(w) = w {
                    widths[i] = widths[i].max(w + (k + 1) * places_len(places[i]));
                }
            }
        }
        let mut ranges_hidden = false;
        let shown = (0..n)
            .map(|i| {
                let c = &table.columns[i];
                if c.ranges && !style.ranges && filled[i] {
                    ranges_hidden = true;
                    return false;
                }
                c.human && (filled[i] || !c.optional)
            })
            .collect();
        Survey {
            shown,
            places,
            unconfirmed,
            rounded,
            ranges_hidden,
            chart_max: chart_max.unwrap_or(Decimal::ZERO),
            widths,
        }
    }

    /// The positions of the columns people see.
    pub fn shown_columns(&self) -> Vec<usize> {
        (0..self.shown.len()).filter(|&i| self.shown[i]).collect()
    }

    /// The footnotes under a human table: what its marks mean.
    pub fn footnotes(&self, reader: Reader) -> Vec<String> {
        let mut notes = Vec::new();
        if self.unconfirmed {
            notes.push(unconfirmed_note(reader));
        }
        if self.rounded {
            notes.push(match (reader, self.ranges_hidden) {
                (Reader::Terminal, true) => format!(
                    "{ROUNDED_MARK} rounded figure: its exact value lies within bounds (--ranges shows them)."
                ),
                (Reader::Page, _) => format!(
                    "{ROUNDED_MARK} rounded figure: its exact value lies within bounds, drawn as a whisker in the chart."
                ),
                _ => format!(
                    "{ROUNDED_MARK} rounded figure: its exact value lies within bounds."
                ),
            });
        }
        notes
    }
}

/// What [`UNCONFIRMED_MARK`] means.
pub fn unconfirmed_note(reader: Reader) -> String {
    match reader {
        Reader::Terminal => format!(
            "{UNCONFIRMED_MARK} not confirmed: a tentative or reported figure, not the exact amount of \
             a Council decision (safe show CODE gives its basis, source and note)."
        ),
        Reader::Page => format!(
            "{UNCONFIRMED_MARK} not confirmed: a tentative or reported figure, not the exact amount of \
             a Council decision."
        ),
    }
}

/// Decimal places that show a field of `precision` in `unit`.
pub fn places_at(precision: i32, unit: Unit) -> u32 {
    u32::try_from(precision + unit.shift() as i32).unwrap_or(0)
}

/// The table as people see it: only the [`Survey::shown`] columns (rows
/// made later are cut as they are made).
pub(crate) fn human_table<'a>(table: Grid<'a>, survey: &Survey) -> (Grid<'a>, Vec<u32>) {
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
        Grid {
            columns,
            rows,
            footer,
            json: table.json,
        },
        places,
    )
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

/// Where a chart's values stand: the column keyed `value` (else the
/// last).
pub(crate) fn chart_column(table: &Grid<'_>) -> usize {
    table
        .columns
        .iter()
        .position(|c| c.key == "value")
        .unwrap_or(table.columns.len().saturating_sub(1))
}

/// The value of a chart row.
pub(crate) fn chart_value(table: &Grid<'_>, row: &[Cell<'_>]) -> Decimal {
    row.get(chart_column(table))
        .and_then(Cell::value)
        .unwrap_or_default()
}

/// The human text of every cell (table and Markdown formats, for tables
/// small enough to lay out whole); `places` from [`Survey::places`].
pub(crate) fn human_cells(table: &Grid<'_>, unit: Unit, places: &[u32]) -> Vec<Vec<String>> {
    table
        .all_rows()
        .map(|row| human_row(table, &row, unit, places))
        .collect()
}

/// The human text of one row; `places` from [`Survey::places`].
pub(crate) fn human_row(
    table: &Grid<'_>,
    row: &[Cell<'_>],
    unit: Unit,
    places: &[u32],
) -> Vec<String> {
    let mut texts = Vec::new();
    human_row_into(table, row, unit, places, None, &mut texts);
    texts
}

/// [`human_row`] into `texts`, reusing its strings (a listing's rows are
/// each laid out twice: once to measure, once to write).
pub(crate) fn human_row_into(
    table: &Grid<'_>,
    row: &[Cell<'_>],
    unit: Unit,
    places: &[u32],
    shown: Option<&[bool]>,
    texts: &mut Vec<String>,
) {
    texts.resize_with(row.len(), String::new);
    for (i, (cell, text)) in row.iter().zip(texts.iter_mut()).enumerate() {
        text.clear();
        let column = &table.columns[i];
        // Only what people see is written out (machine-only and hidden
        // columns stay empty).
        if !column.human || shown.is_some_and(|s| !s.get(i).copied().unwrap_or(true)) {
            continue;
        }
        let money_places = places.get(i).copied().unwrap_or(0);
        cell_text(cell, column.money, unit, money_places, text);
    }
}

/// The most characters of a text a human view shows (a table's full
/// text is in JSON and CSV): a person cannot read more, and a view never
/// copies a 100 MB name.
pub const MAX_TEXT_CHARS: usize = 4_096;

/// `s` appended to `text`, cut at [`MAX_TEXT_CHARS`] with an ellipsis.
pub fn push_cut(text: &mut String, s: &str) {
    if s.len() <= MAX_TEXT_CHARS {
        text.push_str(s);
        return;
    }
    let mut chars = s.chars();
    text.extend(chars.by_ref().take(MAX_TEXT_CHARS));
    if chars.next().is_some() {
        text.push('…');
    }
}

/// `s` cut at [`MAX_TEXT_CHARS`] with an ellipsis.
pub fn cut_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_TEXT_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::new();
    push_cut(&mut out, s);
    std::borrow::Cow::Owned(out)
}

/// The human text of one cell, appended to `text`: `in_money_column`
/// cells print without `€` (the header has the unit) and with `places`.
fn cell_text(cell: &Cell<'_>, in_money_column: bool, unit: Unit, places: u32, text: &mut String) {
    let grouped = |text: &mut String, d: Decimal, unit: Unit, places: u32| {
        crate::money::push_grouped(text, d, unit, places)
    };
    // Money outside a money column carries its sign, `€` and unit.
    let money = |text: &mut String, d: Decimal, places: u32| {
        if d.is_sign_negative() && !d.is_zero() {
            text.push('-');
        }
        text.push('€');
        grouped(text, d.abs(), unit, places);
        text.push_str(unit_suffix(unit));
    };
    match cell {
        Cell::Text(s) => push_cut(text, s),
        Cell::Key(key) => push_cut(text, &key.1),
        Cell::Int(n) => grouped(text, Decimal::from(*n), Unit::Eur, 0),
        Cell::Money(d) | Cell::ExactBound(d) if in_money_column => grouped(text, *d, unit, places),
        Cell::Money(d) | Cell::ExactBound(d) => money(text, *d, places_needed(*d, unit)),
        Cell::MoneyAt(d, precision) => money(
            text,
            *d,
            places
                .max(places_needed(*d, unit))
                .max(places_at(*precision, unit)),
        ),
        Cell::Rounded(d) => {
            text.push_str(ROUNDED_MARK);
            cell_text(&Cell::Money(*d), in_money_column, unit, places, text);
        }
        Cell::Approx(inner) => {
            text.push_str(ROUNDED_MARK);
            cell_text(inner, in_money_column, unit, places, text);
        }
        Cell::Euros(d) => {
            text.push('€');
            grouped(text, *d, Unit::Eur, places_needed(*d, Unit::Eur).max(2));
        }
        Cell::Pct(d) => {
            grouped(text, *d, Unit::Eur, d.scale());
            text.push('%');
        }
        Cell::Pp(d) => {
            grouped(text, *d, Unit::Eur, d.scale());
            text.push_str(" pp");
        }
        Cell::Change(d, measure, sign) => {
            if *sign == std::cmp::Ordering::Greater {
                text.push('+');
            } else if *sign == std::cmp::Ordering::Less && !d.is_sign_negative() {
                // A fall that rounds to zero still shows its sign.
                text.push('-');
            }
            cell_text(
                &measured(*d, *measure, None),
                in_money_column,
                unit,
                places,
                text,
            );
        }
        Cell::Range(b) => {
            cell_text(
                &measured(b.min, b.measure, b.precision),
                in_money_column,
                unit,
                places,
                text,
            );
            text.push_str(" to ");
            cell_text(
                &measured(b.max, b.measure, b.precision),
                in_money_column,
                unit,
                places,
                text,
            );
        }
        Cell::Number(d) => grouped(text, *d, Unit::Eur, d.scale()),
        Cell::Check(true) => text.push_str("pass"),
        Cell::Check(false) => text.push_str("FAIL"),
        Cell::Yes(yes) => text.push_str(if *yes { "yes" } else { "" }),
        Cell::Verdict(v) => text.push_str(v),
        Cell::Basis(b) => {
            text.push_str(b.label());
            if !b.confirmed() {
                text.push_str(UNCONFIRMED_MARK);
            }
        }
        Cell::Empty => text.push('–'),
    }
}

/// What a survey reads from a grid (the same for every part of it).
struct Look<'g, 'a> {
    table: &'g Grid<'a>,
    unit: Unit,
    /// Per column: whether people may see it (its places matter).
    relevant: &'g [bool],
    /// Per column: whether its widths are wanted.
    may_show: &'g [bool],
}

/// A survey of some of a grid's rows: parts of a long listing are
/// surveyed apart and merged.
#[derive(Clone)]
struct Tally {
    places: Vec<u32>,
    filled: Vec<bool>,
    unconfirmed: bool,
    rounded: bool,
    chart_max: Option<Decimal>,
    widths: Vec<usize>,
    /// Per column, the widest cell less what its column's places add, by
    /// how many numbers take them (one or two).
    unplaced: Vec<[Option<usize>; 2]>,
}

impl Tally {
    fn visit(
        &mut self,
        look: &Look<'_, '_>,
        row: &[Cell<'_>],
        in_body: bool,
        scratch: &mut String,
    ) {
        let unit = look.unit;
        let places = &mut self.places;
        for (i, cell) in row.iter().enumerate().take(places.len()) {
            let inner = match cell {
                Cell::Approx(inner) => inner,
                cell => cell,
            };
            match inner {
                Cell::Money(d) | Cell::Rounded(d) | Cell::Change(d, Measure::Money, _)
                    if look.relevant[i] =>
                {
                    places[i] = places[i].max(places_needed(*d, unit))
                }
                // A column's lone figures share its places: the fewest that
                // hold every one of them exactly.
                Cell::MoneyAt(d, p) if look.relevant[i] => {
                    places[i] = places[i]
                        .max(places_needed(*d, unit))
                        .max(places_at(*p, unit))
                }
                Cell::Range(b) if b.measure == Measure::Money && look.relevant[i] => {
                    places[i] = places[i]
                        .max(places_needed(b.min, unit))
                        .max(places_needed(b.max, unit))
                        .max(b.precision.map_or(0, |p| places_at(p, unit)))
                }
                Cell::Basis(b) if in_body && b.marked() => self.unconfirmed |= !b.confirmed(),
                _ => {}
            }
            self.rounded |= matches!(cell, Cell::Rounded(_) | Cell::Approx(_));
            self.filled[i] |= !cell.is_blank();
            if !look.may_show[i] {
                continue;
            }
            let money = look.table.columns[i].money;
            match placed_numbers(cell, money) {
                0 => {
                    let width = match cell {
                        Cell::Text(s) if s.len() <= MAX_TEXT_CHARS => display_width(s),
                        _ => {
                            scratch.clear();
                            cell_text(cell, money, unit, places[i], scratch);
                            display_width(scratch)
                        }
                    };
                    self.widths[i] = self.widths[i].max(width);
                }
                k => {
                    let w = placed_width(cell, unit, places[i]) - k * places_len(places[i]);
                    let slot = &mut self.unplaced[i][k - 1];
                    *slot = Some(slot.map_or(w, |old| old.max(w)));
                }
            }
        }
        if in_body {
            let value = chart_value(look.table, row);
            self.chart_max = Some(self.chart_max.map_or(value, |m| m.max(value)));
        }
    }

    fn merge(&mut self, other: Tally) {
        let max =
            |a: &mut [usize], b: &[usize]| a.iter_mut().zip(b).for_each(|(a, b)| *a = (*a).max(*b));
        for (a, b) in self.places.iter_mut().zip(&other.places) {
            *a = (*a).max(*b);
        }
        for (a, b) in self.filled.iter_mut().zip(&other.filled) {
            *a |= *b;
        }
        self.unconfirmed |= other.unconfirmed;
        self.rounded |= other.rounded;
        self.chart_max = match (self.chart_max, other.chart_max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        max(&mut self.widths, &other.widths);
        for (a, b) in self.unplaced.iter_mut().zip(&other.unplaced) {
            for (a, b) in a.iter_mut().zip(b) {
                *a = (*a).max(*b);
            }
        }
    }
}

/// How many of a cell's numbers take its column's decimal places: 0, 1
/// or 2 (a range). Money in a money column does; so does money of a known
/// finest place ([`Cell::MoneyAt`], a range of such) in any column, whose
/// places are at least the column's.
fn placed_numbers(cell: &Cell<'_>, in_money_column: bool) -> usize {
    match cell {
        Cell::Approx(inner) => placed_numbers(inner, in_money_column),
        Cell::MoneyAt(..) => 1,
        Cell::Range(b) if b.measure == Measure::Money && b.precision.is_some() => 2,
        _ if !in_money_column => 0,
        Cell::Money(_) | Cell::Rounded(_) | Cell::Change(_, Measure::Money, _) => 1,
        Cell::Range(b) if b.measure == Measure::Money => 2,
        _ => 0,
    }
}

/// What `places` decimal places add to a number's text (the point and
/// the digits).
fn places_len(places: u32) -> usize {
    if places == 0 { 0 } else { places as usize + 1 }
}

/// The display width of [`cell_text`] of a cell with
/// [`placed_numbers`] > 0, from its digits (a listing's widths are known
/// without writing its cells twice).
fn placed_width(cell: &Cell<'_>, unit: Unit, places: u32) -> usize {
    let grouped = |d: Decimal| crate::money::grouped_len(d, unit, places);
    // Money shown with its sign, `€` (one column wide) and unit.
    let money = |d: Decimal| {
        usize::from(d.is_sign_negative() && !d.is_zero())
            + 1
            + grouped(d.abs())
            + unit_suffix(unit).len()
    };
    match cell {
        Cell::Money(d) => grouped(*d),
        Cell::Rounded(d) => ROUNDED_MARK.width() + grouped(*d),
        Cell::Approx(inner) => ROUNDED_MARK.width() + placed_width(inner, unit, places),
        Cell::Change(d, _, sign) => {
            let forced = *sign == std::cmp::Ordering::Greater
                || (*sign == std::cmp::Ordering::Less && !d.is_sign_negative());
            usize::from(forced) + grouped(*d)
        }
        Cell::MoneyAt(d, _) => money(*d),
        Cell::Range(b) if b.precision.is_some() => money(b.min) + " to ".len() + money(b.max),
        Cell::Range(b) => grouped(b.min) + " to ".len() + grouped(b.max),
        _ => 0,
    }
}

/// What follows a money figure shown with its unit.
fn unit_suffix(unit: Unit) -> &'static str {
    match unit {
        Unit::Eur => "",
        Unit::M => "m",
        Unit::Bn => "bn",
    }
}

/// The columns `text` takes on a terminal (ASCII: its length).
pub(crate) fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// A number of `measure` as the cell that shows it.
fn measured(value: Decimal, measure: Measure, precision: Option<i32>) -> Cell<'static> {
    match (measure, precision) {
        (Measure::Money, Some(p)) => Cell::MoneyAt(value, p),
        (Measure::Money, None) => Cell::Money(value),
        (Measure::Pct, _) => Cell::Pct(value),
        (Measure::Pp, _) => Cell::Pp(value),
        (Measure::Count, _) => Cell::Number(value),
        (Measure::Euros, _) => Cell::Euros(value),
    }
}

/// The human header of a column, with the unit for money columns.
pub(crate) fn human_header(column: &Column, unit: Unit) -> String {
    with_unit(column, &column.header, unit)
}

/// The column's short header (its header when it has none), for narrow
/// terminals.
pub(crate) fn short_header(column: &Column, unit: Unit) -> String {
    with_unit(column, column.short.unwrap_or(&column.header), unit)
}

fn with_unit(column: &Column, header: &str, unit: Unit) -> String {
    if column.money {
        format!("{header} ({})", unit.label())
    } else {
        header.to_string()
    }
}

/// The view the table and Markdown formats show: the report's, with the
/// provenance before it when the report shows it, then what `--top` cut,
/// then the edition's note when it concerns the report.
pub(crate) fn human_view<'a>(report: &'a dyn Report, table: &Subject, style: Style) -> View<'a> {
    let mut view = report.view();
    if let Some(places) = style.places {
        view = super::places::round_view(view, style.unit, places);
    }
    // A listing with no row says so in words (JSON and CSV keep its
    // columns).
    view.blocks.retain(|b| {
        !matches!(b, Block::Grid(g) if g.json.is_some() && g.rows.is_empty() && g.footer.is_empty())
    });
    let line = report.table_line(table).map(Block::Note);
    if let Some(part) = style.part {
        // One table of a report of several (`--part`), with its notes.
        let mut inside = false;
        view.blocks.retain(|block| {
            if let Block::Part(name) = block {
                inside = *name == part;
            }
            inside
        });
        view.blocks.splice(0..0, line);
        if part == "members" {
            if let Some(listing) = report.listed().filter(|l| l.shown < l.of) {
                view.blocks.push(Block::Note(listed_note(listing)));
            }
        }
        return view;
    }
    let mut blocks = Vec::new();
    if report.shows_provenance() {
        // The fund's name, then the table, then the rest of its
        // provenance.
        let mut facts = super::provenance::provenance(table).into_iter();
        blocks.extend(facts.next());
        blocks.extend(line);
        blocks.extend(facts);
    } else {
        blocks.extend(line);
    }
    blocks.append(&mut view.blocks);
    view.blocks = blocks;
    if let Some(listing) = report.listed().filter(|l| l.shown < l.of) {
        view.blocks.push(Block::Note(listed_note(listing)));
    }
    if report.shows_edition_note() {
        if let Some(note) = super::provenance::edition_note(table) {
            view.blocks.push(Block::Note(note));
        }
    }
    view
}

/// `4 of 19 members shown: the first 3 and those tied with the third.`
pub fn listed_note(l: Listing) -> String {
    let noun = |n: usize| crate::words::count(n, l.noun);
    let mut note = format!("{} of {} shown", l.shown, noun(l.of));
    if let Some(top) = l.top.filter(|&t| t < l.shown) {
        let tied = l.shown - top;
        note.push_str(&format!(
            " (--top {top}, and {} tied with the last of them)",
            noun(tied)
        ));
    }
    note.push('.');
    note
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::view::Bounds;
    use std::cmp::Ordering;

    proptest::proptest! {
        /// A money cell's width from its digits is the width of its text,
        /// and what its column's places add is `places_len` per number.
        #[test]
        fn a_placed_cells_width_is_its_texts_width(
            a in -(1i64 << 62)..(1i64 << 62),
            b in -(1i64 << 62)..(1i64 << 62),
            scale in 0u32..=8,
            more in 0u32..=3,
            kind in 0usize..4,
            sign in proptest::sample::select(vec![Ordering::Less, Ordering::Equal, Ordering::Greater]),
            unit in proptest::sample::select(vec![Unit::Eur, Unit::M, Unit::Bn]),
        ) {
            let (a, b) = (Decimal::new(a, scale), Decimal::new(b, scale));
            let cell = match kind {
                0 => Cell::Money(a),
                1 => Cell::Rounded(a),
                2 => Cell::Change(a, Measure::Money, sign),
                _ => Cell::Range(Box::new(Bounds {
                    min: a,
                    max: b,
                    measure: Measure::Money,
                    precision: None,
                })),
            };
            let k = placed_numbers(&cell, true);
            proptest::prop_assert_eq!(k, if kind == 3 { 2 } else { 1 });
            // A column's places cover each of its cells' numbers.
            let needed = places_needed(a, unit).max(places_needed(b, unit));
            let mut widths = Vec::new();
            for places in [needed, needed + more] {
                let mut text = String::new();
                cell_text(&cell, true, unit, places, &mut text);
                let width = placed_width(&cell, unit, places);
                proptest::prop_assert_eq!(width, display_width(&text), "{}", text);
                widths.push(width - k * places_len(places));
            }
            proptest::prop_assert_eq!(widths[0], widths[1]);
        }
    }
}
