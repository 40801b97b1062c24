//! `safe table`: the whole table as loaded, with the edition's provenance.

use crate::analysis::table::{SortBy, TableReport, table_report};

use anyhow::Result;
use rust_decimal::Decimal;

use crate::export::view::{Measure, amount_bound_columns};
use crate::export::{Block, Cell, Column, Grid, Listing, Report, Rows, Subject, View};

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
        let p = self.figures;
        let grid = Grid {
            columns: [
                vec![
                    Column::text("code", "code").essential(),
                    Column::text("name", "member").priority(2),
                    Column::money("amount", "amount")
                        .precise(p.amount)
                        .essential(),
                    Column::basis("basis", "basis"),
                    Column::text("decided", "decided").optional().priority(3),
                    Column::money("prefinancing", "pre-financing")
                        .precise(p.prefinancing)
                        .optional()
                        .priority(4)
                        .short("pre-fin."),
                    Column::text("source", "source").machine_only(),
                    Column::text("note", "note").machine_only(),
                ],
                amount_bound_columns(p).into(),
                vec![
                    // Since schema 4.
                    Column::text("url", "url").machine_only(),
                    Column::money("amount_range", "amount within rounding")
                        .precise(p.money())
                        .human_only()
                        .range(),
                ],
            ]
            .concat(),
            rows: Rows::lazy(self.allocations.len(), move |i| {
                let a = self.allocations[i];
                let p = a.provenance.as_deref();
                vec![
                    Cell::text(a.code.as_str()),
                    Cell::text(a.name.as_str()),
                    Cell::amount(a.amount, a.min, a.max),
                    Cell::Basis(a.basis),
                    opt_text(p.and_then(|p| p.decided.as_deref())),
                    Cell::opt_money(p.and_then(|p| p.prefinancing)),
                    opt_text(p.and_then(|p| p.source.as_deref())),
                    opt_text(p.and_then(|p| p.note.as_deref())),
                    // An exact row's bounds are left empty in CSV, so that
                    // editing its amount keeps the row whole when it is
                    // read back (JSON carries them).
                    if a.min == a.max {
                        Cell::Empty
                    } else {
                        Cell::Money(a.min)
                    },
                    if a.min == a.max {
                        Cell::Empty
                    } else {
                        Cell::Money(a.max)
                    },
                    opt_text(p.and_then(|p| p.url.as_deref())),
                    Cell::range(a.min, a.max, Measure::Money),
                ]
            }),
            footer: Vec::new(),
        };
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
fn opt_text(text: Option<&str>) -> Cell<'_> {
    text.map_or(Cell::Empty, Cell::text)
}
