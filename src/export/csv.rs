//! CSV (RFC 4180, via the `csv` crate): the report's main table with a
//! header row of stable snake_case keys and raw exact numbers (no thousands
//! separators, no currency signs, no footer rows).

use std::io::Write;

use super::{Block, Cell, Exporter, Report, Style, TableInfo, output_error};
use crate::error::{Error, Result};
use crate::text::neutralise_formula;

pub struct Csv;

impl Exporter for Csv {
    fn write(
        &self,
        report: &dyn Report,
        _table: &TableInfo,
        style: Style,
        out: &mut dyn Write,
    ) -> Result<()> {
        let view = report.view();
        // The tables, each with the part name that precedes it.
        let mut part = None;
        let mut tables = Vec::new();
        for block in &view.blocks {
            match block {
                Block::Part(name) => part = Some(*name),
                Block::Table(t) | Block::Chart(t) => tables.push((part.take(), t)),
                _ => {}
            }
        }
        let chosen = match style.part {
            None => tables.first(),
            Some(wanted) => tables.iter().find(|(name, _)| *name == Some(wanted)),
        };
        let Some((_, table)) = chosen else {
            let parts: Vec<&str> = tables.iter().filter_map(|(name, _)| *name).collect();
            return Err(crate::error::Error::usage(
                match (style.part, parts.is_empty()) {
                    (Some(wanted), true) => format!(
                        "--part {wanted}: `safe {}` writes a single table",
                        report.command()
                    ),
                    (Some(wanted), false) => format!(
                        "--part {wanted}: `safe {}` has the parts {}",
                        report.command(),
                        parts.join(", ")
                    ),
                    (None, _) => return Ok(()),
                },
            ));
        };
        let mut writer = csv::Writer::from_writer(out);
        let shown: Vec<bool> = table.columns.iter().map(|c| c.machine).collect();
        writer
            .write_record(table.columns.iter().filter(|c| c.machine).map(|c| c.key))
            .map_err(csv_error)?;
        // One string per column, reused from row to row.
        let mut fields: Vec<String> = Vec::new();
        for row in table.rows.iter() {
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
            writer.write_record(&fields[..used]).map_err(csv_error)?;
        }
        writer.flush().map_err(|e| Error::write(&e))
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::write(&e),
        other => output_error("CSV", format!("{other:?}")),
    }
}
