//! `safe per-capita`: members ranked by euros per inhabitant.

use rust_decimal::Decimal;

use crate::analysis::per_capita::{PerCapitaReport, PerCapitaTotal, per_capita_report};
use crate::export::view::{Measure, amount_bound_columns, rank_bound_columns};
use crate::export::{
    Block, Cell, Column, Grid, Listing, Report, Rows, Subject, View, member_cells, member_columns,
};
use anyhow::Result;

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
    pub top: Option<std::num::NonZeroUsize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let people = ctx.population(args.population.as_deref())?;
    let data = ctx.table()?;
    let report = per_capita_report(data, &people, args.top.map(usize::from))?;
    Ok(Output::report(report, Subject::of(data)))
}

impl Report for PerCapitaReport<'_> {
    fn listed(&self) -> Option<Listing> {
        Some(Listing {
            shown: self.members.len(),
            of: self.member_count,
            top: self.top,
            noun: "member",
        })
    }

    fn view(&self) -> View<'_> {
        let p = self.figures;
        let people = |p: Option<u64>| p.map_or(Cell::Empty, |p| Cell::Int(p as i64));
        let table = Grid {
            columns: [
                // Here the amount is context: the figure per inhabitant is
                // the one a narrow terminal keeps.
                member_columns(p)
                    .into_iter()
                    .map(|c| if c.key == "amount" { c.priority(1) } else { c })
                    .collect(),
                vec![
                    Column::number("population", "population")
                        .priority(3)
                        .short("people"),
                    Column::euros("per_capita", "per inhabitant")
                        .essential()
                        .short("per head"),
                    Column::basis("basis", "basis"),
                ],
                amount_bound_columns(p).into(),
                vec![
                    Column::euros("per_capita_min", "per inhabitant min").machine_only(),
                    Column::euros("per_capita_max", "per inhabitant max").machine_only(),
                ],
                rank_bound_columns().into(),
                vec![
                    Column::money("amount_range", "amount within rounding")
                        .precise(p.money())
                        .human_only()
                        .range(),
                    Column::text("per_capita_range", "per inhabitant within rounding")
                        .human_only()
                        .range(),
                    Column::text("rank_range", "rank within rounding")
                        .human_only()
                        .range(),
                ],
            ]
            .concat(),
            rows: Rows::lazy(self.members.len(), move |i| {
                let m = self.members.get(i);
                let mut row = member_cells(
                    m.rank,
                    m.code,
                    m.name,
                    Cell::amount(m.amount, m.amount_min, m.amount_max),
                );
                let opt_int = |v: Option<usize>| v.map_or(Cell::Empty, |v| Cell::Int(v as i64));
                row.extend([
                    people(m.population),
                    Cell::opt_euros(m.per_capita).about(m.per_capita_min != m.per_capita_max),
                    Cell::Basis(m.basis),
                    Cell::Money(m.amount_min),
                    Cell::Money(m.amount_max),
                    Cell::opt_euros(m.per_capita_min),
                    Cell::opt_euros(m.per_capita_max),
                    opt_int(m.rank_best),
                    opt_int(m.rank_worst),
                    Cell::range(m.amount_min, m.amount_max, Measure::Money),
                    match (m.per_capita_min, m.per_capita_max) {
                        (Some(min), Some(max)) => Cell::range(min, max, Measure::Euros),
                        _ => Cell::Empty,
                    },
                    match (m.rank_best, m.rank_worst) {
                        (Some(b), Some(w)) => {
                            Cell::range(Decimal::from(b), Decimal::from(w), Measure::Count)
                        }
                        _ => Cell::Empty,
                    },
                ]);
                row
            })
            .reading_ahead(move |range| self.members.read_ahead(range)),
            footer: Vec::new(),
        };
        let total = |label: String, t: &PerCapitaTotal| {
            let range = |min: Option<Decimal>, max: Option<Decimal>| match (min, max) {
                (Some(min), Some(max)) => Cell::range(min, max, Measure::Euros),
                _ => Cell::Empty,
            };
            vec![
                ("name", Cell::text(label)),
                ("amount", Cell::amount(t.amount, t.amount_min, t.amount_max)),
                ("population", people(Some(t.population))),
                (
                    "per_capita",
                    Cell::opt_euros(t.per_capita).about(t.per_capita_min != t.per_capita_max),
                ),
                (
                    "amount_range",
                    Cell::range(t.amount_min, t.amount_max, Measure::Money),
                ),
                (
                    "per_capita_range",
                    range(t.per_capita_min, t.per_capita_max),
                ),
            ]
        };
        // A total adds up the rows it names that have a population figure.
        let figures = |rows: usize, with: usize| {
            if rows == with {
                String::new()
            } else {
                format!("; {with} with a population figure")
            }
        };
        let (rows, of) = (self.members.len(), self.member_count);
        let members = crate::words::members;
        let table = if rows < of {
            table
                .with_total(total(
                    format!(
                        "shown ({rows} of {}{})",
                        members(of),
                        figures(rows, self.shown.member_count)
                    ),
                    &self.shown,
                ))
                .with_total(total(
                    format!(
                        "all {}{}",
                        members(of),
                        figures(of, self.total.member_count)
                    ),
                    &self.total,
                ))
        } else {
            table.with_total(total(
                format!(
                    "total ({}{})",
                    members(of),
                    figures(of, self.total.member_count)
                ),
                &self.total,
            ))
        };
        let mut blocks = vec![
            Block::Grid(table),
            Block::Note(format!("Population: {}.", self.population_source)),
        ];
        if !self.missing.is_empty() {
            blocks.push(Block::Note(format!(
                "No population figure for {}: not available (–), and left out of the totals.",
                crate::words::some_of(&self.missing, 30)
            )));
        }
        View { blocks }
    }
}
