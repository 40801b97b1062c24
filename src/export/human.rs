//! The layout the human formats share (terminal, Markdown, HTML): which
//! columns show, how many decimal places a money column takes, the text of
//! each cell, bars for charts, and the notes a view gets around it.

use rust_decimal::Decimal;

use super::view::{Block, Cell, Column, Grid, View};
use super::{Report, Subject};
use crate::dataset::Basis;
use crate::money::{Unit, places_needed};

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
    pub fn of(table: &Grid<'_>, unit: Unit) -> Survey {
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
    human_row_into(table, row, unit, places, &mut texts);
    texts
}

/// [`human_row`] into `texts`, reusing its strings (a listing's rows are
/// each laid out twice: once to measure, once to write).
pub(crate) fn human_row_into(
    table: &Grid<'_>,
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

/// The view the table and Markdown formats show: the report's, with the
/// edition's note after it when the report shows the headroom.
pub(crate) fn human_view<'a>(report: &'a dyn Report, table: &Subject) -> View<'a> {
    let mut view = report.view();
    if report.shows_provenance() {
        let mut blocks = super::provenance::provenance(table);
        blocks.append(&mut view.blocks);
        view.blocks = blocks;
    }
    if let Some(n) = report.listed().filter(|&n| n < table.member_count) {
        view.blocks.push(Block::Note(format!(
            "{n} of {} shown.",
            crate::words::members(table.member_count)
        )));
    }
    if report.shows_headroom() {
        if let Some(note) = table.edition.as_ref().and_then(|e| e.note.as_ref()) {
            view.blocks.push(Block::Note(format!("Note: {note}")));
        }
    }
    view
}
