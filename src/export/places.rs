//! `--places N`: every money figure of a human view rounded to N decimal
//! places of the unit (`--unit`), nearest; a bound outward. A figure that
//! rounding changed is marked `≈`, and a note says so. Figures are rounded
//! as they are shown: a total is the report's exact sum, rounded, never a
//! sum of rounded cells.

use rust_decimal::{Decimal, RoundingStrategy};

use super::view::{Block, Bounds, Cell, Grid, Measure, View};
use crate::money::{Unit, round_at};

/// The view with its money figures at `places` places of `unit`.
pub fn round_view(view: View<'_>, unit: Unit, places: u32) -> View<'_> {
    let mut rounded_any = false;
    let mut blocks: Vec<Block<'_>> = view
        .blocks
        .into_iter()
        .map(|block| match block {
            Block::Grid(grid) => {
                rounded_any = true;
                Block::Grid(round_grid(grid, unit, places))
            }
            Block::Chart(grid) => Block::Chart(round_grid(grid, unit, places)),
            other => other,
        })
        .collect();
    if rounded_any {
        blocks.push(Block::Note(format!(
            "Money figures rounded to {places} decimal place{} of {} (--places {places}): ≈ marks each \
             one rounding changed; totals are exact sums, rounded.",
            if places == 1 { "" } else { "s" },
            unit.label()
        )));
    }
    View { blocks }
}

fn round_grid(grid: Grid<'_>, unit: Unit, places: u32) -> Grid<'_> {
    // One scale for every money column: exactly `places`.
    let precision = places as i32 - unit.shift() as i32;
    let columns = grid
        .columns
        .into_iter()
        .map(|c| if c.money { c.precise(precision) } else { c })
        .collect();
    let round_row = move |row: &mut Vec<Cell<'_>>| {
        for cell in row.iter_mut() {
            *cell = round_cell(std::mem::replace(cell, Cell::Empty), unit, places);
        }
    };
    let mut footer = grid.footer;
    footer.iter_mut().for_each(round_row);
    Grid {
        columns,
        rows: grid.rows.extended(move |_, row| round_row(row)),
        footer,
        json: grid.json,
    }
}

/// A money cell at `places` places of `unit`, marked when that changed it.
fn round_cell(cell: Cell<'_>, unit: Unit, places: u32) -> Cell<'_> {
    let nearest = |d: Decimal| round_at(d, unit, places, RoundingStrategy::MidpointNearestEven);
    let precision = places as i32 - unit.shift() as i32;
    match cell {
        Cell::Money(d) => Cell::Money(nearest(d)).about(nearest(d) != d),
        Cell::Rounded(d) => Cell::Rounded(nearest(d)),
        Cell::MoneyAt(d, _) => Cell::MoneyAt(nearest(d), precision).about(nearest(d) != d),
        Cell::Change(d, Measure::Money, sign) => {
            Cell::Change(nearest(d), Measure::Money, sign).about(nearest(d) != d)
        }
        Cell::Range(b) if b.measure == Measure::Money => {
            let min = round_at(b.min, unit, places, RoundingStrategy::ToNegativeInfinity);
            let max = round_at(b.max, unit, places, RoundingStrategy::ToPositiveInfinity);
            Cell::Range(Box::new(Bounds {
                min,
                max,
                measure: Measure::Money,
                precision: b.precision.map(|_| precision),
            }))
        }
        Cell::Approx(inner) => round_cell(*inner, unit, places).about(true),
        other => other,
    }
}
