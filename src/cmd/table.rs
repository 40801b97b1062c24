//! `safe table`: the whole table as loaded, with the edition's provenance.

use crate::analysis::table::{SortBy, TableReport, table_report};

use anyhow::Result;
use rust_decimal::Decimal;

use crate::dataset::{Allocation, Precision, Provenance};
use crate::export::view::Measure;
use crate::export::{Block, Cell, Column, Field, Grid, Listing, Report, Subject, View};

use super::{Ctx, Output};

/// The arguments of `safe table`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "The whole table as loaded, with its provenance",
    after_help = "Examples:\n  safe table\n  safe table --sort name --format markdown\n  safe --edition council-2026-02 table --format csv"
)]
pub struct Args {
    /// Sort the rows (default: the order of the file)
    #[arg(long, value_enum)]
    pub sort: Option<SortBy>,
    /// Only the first N members
    #[arg(long, value_name = "N", value_parser = crate::values::positive_count)]
    pub top: Option<std::num::NonZeroUsize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let report = table_report(
        data,
        args.sort.unwrap_or_default(),
        args.top.map(usize::from),
    )?;
    Ok(Output::report(report, Subject::of(data)))
}

impl Report for TableReport<'_> {
    fn listed(&self) -> Option<Listing> {
        Some(Listing {
            shown: self.allocations.len(),
            of: self.member_count,
            top: self.top,
            noun: "member",
        })
    }

    fn shows_edition_note(&self) -> bool {
        true
    }

    fn shows_provenance(&self) -> bool {
        true
    }

    fn view(&self) -> View<'_> {
        let grid = Grid::listing(
            fields(self.figures),
            Some("allocations"),
            self.allocations.len(),
            move |i| self.allocations[i],
        );
        let total = |label: String, amount: Decimal, min: Decimal, max: Decimal| {
            vec![
                ("name", Cell::text(label)),
                ("amount", Cell::amount(amount, min, max)),
                ("amount_range", Cell::range(min, max, Measure::Money)),
            ]
        };
        let shown = &self.shown;
        let mut grid = grid.with_total(total(
            crate::words::subtotal_label(shown.member_count, self.member_count, "member"),
            shown.amount,
            shown.amount_min,
            shown.amount_max,
        ));
        if shown.member_count < self.member_count {
            grid = grid.with_total(total(
                crate::words::all_label(self.member_count, "member"),
                self.allocated,
                self.allocated_min,
                self.allocated_max,
            ));
        }
        let blocks = vec![Block::Grid(grid)];
        View { blocks }
    }
}

/// A text cell, or empty.
/// The columns of the table, each with how its cell is made from a row.
fn fields<'a>(p: Precision) -> Vec<Field<'a, &'a Allocation>> {
    // Text a row's provenance holds, if any.
    fn said<'a>(a: &&'a Allocation, what: fn(&'a Provenance) -> Option<&'a str>) -> Cell<'a> {
        a.provenance
            .as_deref()
            .and_then(what)
            .map_or(Cell::Empty, Cell::text)
    }
    // A bound: the number for a rounded row; an exact row's bounds are left
    // empty in CSV, so that editing its amount keeps the row whole when it
    // is read back (JSON carries them).
    fn bound(a: &Allocation, value: Decimal) -> Cell<'_> {
        if a.min == a.max {
            Cell::ExactBound(value)
        } else {
            Cell::Money(value)
        }
    }
    type Row<'a> = &'a Allocation;
    vec![
        Column::text("code", "code")
            .essential()
            .of(|a: &Row<'a>| Cell::text(a.code.as_str())),
        Column::text("name", "member")
            .priority(2)
            .of(|a: &Row<'a>| Cell::text(a.name.as_str())),
        Column::money("amount", "amount")
            .precise(p.amount)
            .essential()
            .of(|a: &Row<'a>| Cell::amount(a.amount, a.min, a.max)),
        Column::basis("basis", "basis").of(|a: &Row<'a>| Cell::Basis(a.basis)),
        Column::text("decided", "decided")
            .optional()
            .priority(3)
            .of(|a: &Row<'a>| said(a, |p| p.decided.as_deref())),
        Column::money("prefinancing", "pre-financing")
            .precise(p.prefinancing)
            .optional()
            .priority(4)
            .short("pre-fin.")
            .of(|a: &Row<'a>| {
                Cell::opt_money(a.provenance.as_deref().and_then(|p| p.prefinancing))
            }),
        Column::text("source", "source")
            .machine_only()
            .of(|a: &Row<'a>| said(a, |p| p.source.as_deref())),
        Column::text("note", "note")
            .machine_only()
            .of(|a: &Row<'a>| said(a, |p| p.note.as_deref())),
        Column::money("amount_min", "min")
            .precise(p.money())
            .machine_only()
            .of(|a: &Row<'a>| bound(a, a.min)),
        Column::money("amount_max", "max")
            .precise(p.money())
            .machine_only()
            .of(|a: &Row<'a>| bound(a, a.max)),
        // Since schema 4.
        Column::text("url", "url")
            .machine_only()
            .of(|a: &Row<'a>| said(a, |p| p.url.as_deref())),
        Column::money("amount_range", "amount within rounding")
            .precise(p.money())
            .human_only()
            .range()
            .of(|a: &Row<'a>| Cell::range(a.min, a.max, Measure::Money)),
    ]
}
