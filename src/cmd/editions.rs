//! `safe editions`: the editions built into the binary, with how many of
//! each one's figures are confirmed.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::dataset::editions::{self, ALL};
use crate::export::view::Measure;
use crate::export::{Block, Cell, Column, Field, Grid, Report, Subject, View};
use anyhow::Result;

use super::{Ctx, Output};

/// The `editions` report.
#[derive(Debug, Serialize)]
pub struct EditionsReport {
    /// Listed in JSON from the view's fields.
    #[serde(skip)]
    pub editions: Vec<EditionRow>,
}

/// One bundled edition.
#[derive(Debug)]
pub struct EditionRow {
    pub id: &'static str,
    pub title: Option<String>,
    pub status: String,
    pub as_of: String,
    /// The edition this one revises.
    pub predecessor: Option<&'static str>,
    /// Loaded when neither --data nor --edition is given.
    pub default: bool,
    /// What `--edition latest` loads.
    pub latest: bool,
    pub member_count: usize,
    /// Rows whose figure is confirmed (a Council decision's exact amount).
    pub confirmed: usize,
    pub allocated: Decimal,
    pub source: String,
    pub note: Option<String>,
    /// The bounds of the total (its rounded figures' bounds added up).
    pub allocated_min: Decimal,
    pub allocated_max: Decimal,
}

/// The arguments of `safe editions` (none), with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "The bundled editions: id, title, as-of date, members, confirmed figures, total",
    long_about = "List the editions built into safe, oldest first. commission-2025-09 is the \
Commission's tentative allocation of 9 September 2025 as news agencies reported it, rounded; \
council-2026-02 holds the best-known figures after the Council's implementing decisions of \
February 2026 (13 exact maximum loan amounts, 6 tentative ones); council-2026-04 (the newest, \
marked latest and default) adds the decisions of April 2026 and the figures Latvia and \
Lithuania reported. Each row of a table carries its basis. Pick one with --edition ID (or \
--edition latest); SAFE_EDITION=ID in the environment pins one for every command.",
    after_help = "Examples:\n  safe editions\n  safe --edition council-2026-02 rank\n  safe diff council-2026-02"
)]
pub struct Args {}

pub fn run<'c>(_args: &Args, _ctx: &'c Ctx) -> Result<Output<'c>> {
    let latest = editions::find(editions::LATEST)?.id;
    let default = editions::default_id()?;
    let mut rows = Vec::new();
    for bundled in ALL {
        let data = editions::load(bundled.id)?;
        let edition = data.edition.clone().unwrap_or_default();
        rows.push(EditionRow {
            id: bundled.id,
            title: edition.title,
            status: edition.status,
            as_of: edition.as_of,
            predecessor: bundled.predecessor,
            default: bundled.id == default,
            latest: bundled.id == latest,
            member_count: data.allocations.len(),
            confirmed: data.confirmed(),
            allocated: data.allocated,
            source: edition.source,
            note: edition.note,
            allocated_min: data.allocated_min,
            allocated_max: data.allocated_max,
        });
    }
    let subject = Subject::of(&editions::load(default)?);
    Ok(Output::report(EditionsReport { editions: rows }, subject))
}

impl Report for EditionsReport {
    /// A list of every edition, about no one table.
    fn table_line(&self, _table: &Subject) -> Option<String> {
        None
    }

    fn view(&self) -> View<'_> {
        let editions = &self.editions;
        let mut blocks = vec![Block::Grid(Grid::listing(
            fields(),
            Some("editions"),
            editions.len(),
            move |i| &editions[i],
        ))];
        blocks.push(Block::Note(
            "confirmed: figures fixed to the euro by a Council implementing decision. \
             Pick an edition with --edition ID; --edition latest is the newest."
                .to_string(),
        ));
        View { blocks }
    }
}

/// The columns of the list of editions, each with how its cell is made.
fn fields<'a>() -> Vec<Field<'a, &'a EditionRow>> {
    type Row<'a> = &'a EditionRow;
    let text = |t: &'a Option<String>| t.as_deref().map_or(Cell::Empty, Cell::text);
    vec![
        Column::text("id", "edition")
            .essential()
            .of(|e: &Row<'a>| Cell::text(e.id)),
        Column::text("default", "default").of(|e: &Row<'a>| Cell::Yes(e.default)),
        Column::text("as_of", "as of").of(|e: &Row<'a>| Cell::text(e.as_of.as_str())),
        Column::text("status", "status").of(|e: &Row<'a>| Cell::text(e.status.as_str())),
        Column::number("member_count", "members")
            .of(|e: &Row<'a>| Cell::Int(e.member_count as i64)),
        Column::number("confirmed", "confirmed").of(|e: &Row<'a>| Cell::Int(e.confirmed as i64)),
        Column::money("allocated", "total")
            .of(|e: &Row<'a>| Cell::amount(e.allocated, e.allocated_min, e.allocated_max)),
        Column::money("allocated_range", "total within rounding")
            .human_only()
            .optional()
            .of(|e: &Row<'a>| Cell::range(e.allocated_min, e.allocated_max, Measure::Money)),
        Column::text("title", "title").of(move |e: &Row<'a>| text(&e.title)),
        Column::text("latest", "latest").of(|e: &Row<'a>| Cell::Yes(e.latest)),
        Column::text("predecessor", "revises")
            .of(|e: &Row<'a>| e.predecessor.map_or(Cell::Empty, Cell::text)),
        Column::text("source", "source")
            .machine_only()
            .of(|e: &Row<'a>| Cell::text(e.source.as_str())),
        Column::text("note", "note")
            .machine_only()
            .of(move |e: &Row<'a>| text(&e.note)),
        Column::money("allocated_min", "total min")
            .machine_only()
            .of(|e: &Row<'a>| Cell::Money(e.allocated_min)),
        Column::money("allocated_max", "total max")
            .machine_only()
            .of(|e: &Row<'a>| Cell::Money(e.allocated_max)),
    ]
}
