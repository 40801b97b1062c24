//! JSON: the report as it is (every report derives `Serialize`), inside
//! the common envelope, with exact decimal numbers, and the rows of its
//! listings made from the same fields as their CSV; written as it is
//! serialized.

use std::io::Write;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{Block, Cell, Column, Exporter, Frame, Grid, Report};

pub struct Json;

impl Exporter for Json {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        // The listings.
        let grids: Vec<Grid<'_>> = report
            .view()
            .blocks
            .into_iter()
            .filter_map(|b| match b {
                Block::Grid(g) | Block::Chart(g) if g.json.is_some() => Some(g),
                _ => None,
            })
            .collect();
        let listings: Vec<&Grid<'_>> = grids.iter().collect();
        report
            .to_json(frame.command, frame.subject, &listings, out)
            .map_err(|e| match e.io_error_kind() {
                Some(kind) => std::io::Error::from(kind),
                None => std::io::Error::other(e),
            })?;
        out.write_all(b"\n")
    }
}

/// The listings of a report, each under its key: one object per row, with
/// the columns CSV writes, in its order.
pub(super) struct Listings<'v, 'a>(pub &'v [&'v Grid<'a>]);

impl Serialize for Listings<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for grid in self.0 {
            if let Some(key) = grid.json {
                map.serialize_entry(key, &Rows(grid))?;
            }
        }
        map.end()
    }
}

struct Rows<'v, 'a>(&'v Grid<'a>);

impl Serialize for Rows<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let grid = self.0;
        let len = grid.rows.len();
        let mut seq = serializer.serialize_seq(Some(len))?;
        for row in grid.rows.range(0..len) {
            seq.serialize_element(&Row(&grid.columns, &row))?;
        }
        seq.end()
    }
}

struct Row<'v, 'a>(&'v [Column], &'v [Cell<'a>]);

impl Serialize for Row<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (column, cell) in self.0.iter().zip(self.1) {
            if column.machine {
                map.serialize_entry(column.key, &Value(cell))?;
            }
        }
        map.end()
    }
}

/// A cell as a JSON value: numbers exact (from their decimal text),
/// outcomes as booleans, ids as strings, nothing as `null`.
struct Value<'v, 'a>(&'v Cell<'a>);

impl Serialize for Value<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cell::Approx(inner) => Value(inner).serialize(serializer),
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Int(n) => serializer.serialize_i64(*n),
            Cell::Money(d)
            | Cell::MoneyAt(d, _)
            | Cell::Rounded(d)
            | Cell::Euros(d)
            | Cell::Pct(d)
            | Cell::Pp(d)
            | Cell::Change(d, ..)
            | Cell::Number(d)
            | Cell::ExactBound(d) => Serialize::serialize(d, serializer),
            Cell::Check(yes) | Cell::Yes(yes) => serializer.serialize_bool(*yes),
            Cell::Verdict(v) => serializer.serialize_str(v),
            Cell::Basis(b) => b.serialize(serializer),
            Cell::Key(key) => serializer.serialize_str(&key.0),
            // Bounds are two columns of their own in CSV and JSON.
            Cell::Range(_) | Cell::Empty => serializer.serialize_none(),
        }
    }
}
