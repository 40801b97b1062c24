//! `safe table`: the whole table as loaded, with the edition's provenance.

use crate::analysis::table::{SortBy, TableReport, table_report};

use crate::error::Result;
use crate::export::{Block, Cell, Column, Grid, Report, Subject, View};

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
    pub top: Option<usize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let sort = args.sort.unwrap_or_default();
    let mut report = table_report(data, sort);
    report.allocations.truncate(args.top.unwrap_or(usize::MAX));
    Ok(Output::report(report, Subject::of(data)))
}

impl Report for TableReport<'_> {
    fn listed(&self) -> Option<usize> {
        Some(self.allocations.len())
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn shows_provenance(&self) -> bool {
        true
    }

    fn view(&self) -> View<'_> {
        let mut blocks = Vec::new();
        blocks.push(Block::Grid(Grid {
            columns: vec![
                Column::text("code", "code"),
                Column::text("name", "member"),
                Column::money("amount", "amount"),
                Column::basis("basis", "basis"),
                Column::text("decided", "decided"),
                Column::money("prefinancing", "pre-financing"),
            ],
            rows: self
                .allocations
                .iter()
                .map(|a| {
                    let p = a.provenance.as_deref();
                    vec![
                        Cell::text(&a.code),
                        Cell::text(&a.name),
                        Cell::Money(a.amount),
                        Cell::Basis(a.basis),
                        p.and_then(|p| p.decided.as_deref())
                            .map_or(Cell::Empty, Cell::text),
                        Cell::opt_money(p.and_then(|p| p.prefinancing)),
                    ]
                })
                .collect(),
            footer: vec![vec![
                Cell::text(""),
                Cell::text(format!(
                    "total ({})",
                    crate::words::members(self.allocations.len())
                )),
                Cell::Money(self.allocated),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]],
        }));
        View { blocks }
    }
}
