//! CSV (RFC 4180 quoting, LF line ends, via the `csv` crate): the report's main table with a
//! header row of stable snake_case keys and raw exact numbers (no thousands
//! separators, no currency signs, no footer rows), after a UTF-8
//! byte-order mark with `--bom`.

use std::io::Write;

use super::{Block, Cell, Exporter, Frame, Grid, Report, View};
use crate::escape::neutralise_formula;

pub struct Csv;

/// The grid CSV writes: the first of the view, or the one after the
/// `--part` asked for; `None` when there is none.
pub(super) fn grid<'v, 'a>(view: &'v View<'a>, wanted: Option<&str>) -> Option<&'v Grid<'a>> {
    let mut part = None;
    for block in &view.blocks {
        match block {
            Block::Part(name) => part = Some(*name),
            Block::Grid(t) | Block::Chart(t) if wanted.is_none() || part == wanted => {
                return Some(t);
            }
            Block::Grid(_) | Block::Chart(_) => part = None,
            _ => {}
        }
    }
    None
}

impl Exporter for Csv {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut view = report.view();
        let Some(at) = grid(&view, frame.style.part).and_then(|chosen| {
            view.blocks.iter().position(
                |b| matches!(b, Block::Grid(g) | Block::Chart(g) if std::ptr::eq(g, chosen)),
            )
        }) else {
            return Ok(());
        };
        // The chosen grid.
        let grid = match view.blocks.swap_remove(at) {
            Block::Grid(g) | Block::Chart(g) => g,
            _ => return Ok(()),
        };
        // `--bom`: spreadsheets that guess the encoding read UTF-8 only
        // after its byte-order mark (Türkiye, not mojibake).
        if frame.style.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::Writer::from_writer(out);
        let shown: Vec<bool> = grid.columns.iter().map(|c| c.machine).collect();
        writer
            .write_record(grid.columns.iter().filter(|c| c.machine).map(|c| c.key))
            .map_err(io_error)?;
        // One string per column, reused from row to row.
        let mut fields: Vec<String> = Vec::new();
        for row in grid.rows.iter() {
            let cells = row.iter().zip(&shown).filter(|(_, shown)| **shown);
            fields.resize_with(row.len(), String::new);
            let mut used = 0;
            for ((cell, _), field) in cells.zip(fields.iter_mut()) {
                used += 1;
                field.clear();
                match cell {
                    // Text from the data file: a cell a spreadsheet would
                    // run as a formula is neutralised; numbers are not text.
                    Cell::Text(t) => field.push_str(&neutralise_formula(t)),
                    Cell::Key(key) => field.push_str(&neutralise_formula(&key.0)),
                    other => other.raw_into(field),
                }
            }
            writer.write_record(&fields[..used]).map_err(io_error)?;
        }
        writer.flush()
    }
}

fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}
