//! `safe per-capita`: members ranked by euros per inhabitant.

use crate::analysis::per_capita::{PerCapitaReport, per_capita_report};
use crate::error::Result;
use crate::export::{
    Block, Cell, Column, Grid, Report, Rows, Subject, View, member_cells, member_columns,
};
use crate::population;

use super::{Ctx, Output};

use std::path::PathBuf;

/// The arguments of `safe per-capita`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Euros per inhabitant, ranked",
    name = "per-capita",
    long_about = "Members ranked by euros per inhabitant, with population and amount beside it. \
Population: Eurostat, 1 January 2025 (bundled), or --population FILE, a CSV with a header \
naming `code` and `population`. A member with no figure is shown as not available.",
    after_help = "Examples:\n  safe per-capita\n  safe per-capita --top 5 --format csv"
)]
pub struct Args {
    /// Population figures (CSV with `code` and `population` columns)
    #[arg(long, value_name = "FILE")]
    pub population: Option<PathBuf>,
    /// Only the first N members
    #[arg(long, value_name = "N", value_parser = crate::values::positive_count)]
    pub top: Option<usize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let people = population::load(args.population.as_deref())?;
    let mut report = per_capita_report(data, &people)?;
    report.members.truncate(args.top.unwrap_or(usize::MAX));
    Ok(Output::report(report, Subject::of(data)))
}

impl Report for PerCapitaReport {
    fn listed(&self) -> Option<usize> {
        Some(self.members.len())
    }

    fn view(&self) -> View<'_> {
        let people = |p: Option<u64>| p.map_or(Cell::Empty, |p| Cell::Int(p as i64));
        let table = Grid {
            columns: [
                member_columns(),
                vec![
                    Column::number("population", "population"),
                    Column::euros("per_capita", "per inhabitant"),
                ],
            ]
            .concat(),
            rows: Rows::lazy(self.members.len(), move |i| {
                let m = &self.members[i];
                let mut row = member_cells(m.rank, &m.code, &m.name, m.amount);
                row.extend([people(m.population), Cell::opt_euros(m.per_capita)]);
                row
            }),
            footer: vec![vec![
                Cell::text(""),
                Cell::text(""),
                Cell::text(format!(
                    "together ({})",
                    crate::words::members(self.total.member_count)
                )),
                Cell::Money(self.total.amount),
                people(Some(self.total.population)),
                Cell::opt_euros(self.total.per_capita),
            ]],
        }
        .with_basis(|i| self.members[i].basis);
        let mut blocks = vec![
            Block::Grid(table),
            Block::Note(format!("Population: {}.", self.population_source)),
        ];
        if !self.missing.is_empty() {
            blocks.push(Block::Note(format!(
                "No population figure for {}: not available (–), and left out of the total.",
                crate::words::some_of(&self.missing, 30)
            )));
        }
        View { blocks }
    }
}
