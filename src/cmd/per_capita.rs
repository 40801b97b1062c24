//! `safe per-capita`: members ranked by euros per inhabitant.

use rust_decimal::Decimal;

use crate::analysis::per_capita::{
    PerCapitaReport, PerCapitaRow, PerCapitaTotal, per_capita_report,
};
use crate::dataset::Precision;
use crate::export::view::{
    Measure, amount_bound_fields, member_fields, range_fields, rank_bound_fields,
};
use crate::export::{
    Block, Cell, Column, Field, Grid, Listing, MemberFigures, Report, Subject, View,
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
        let table = Grid::listing(
            fields(self.figures),
            Some("members"),
            self.members.len(),
            move |i| self.members.get(i),
        )
        .reading_ahead(move |range| self.members.read_ahead(range));
        let total = |label: String, t: &PerCapitaTotal| {
            let range = |min: Option<Decimal>, max: Option<Decimal>| match (min, max) {
                (Some(min), Some(max)) => Cell::range(min, max, Measure::Euros),
                _ => Cell::Empty,
            };
            vec![
                ("name", Cell::text(label)),
                ("amount", Cell::amount(t.amount, t.amount_min, t.amount_max)),
                ("population", Cell::Int(t.population as i64)),
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

/// The columns of the listing per inhabitant, each with how its cell is
/// made.
fn fields<'a>(p: Precision) -> Vec<Field<'a, PerCapitaRow<'a>>> {
    fn member<'a>(m: &PerCapitaRow<'a>) -> MemberFigures<'a> {
        MemberFigures {
            rank: m.rank,
            code: m.code,
            name: m.name,
            amount: m.amount,
            amount_min: m.amount_min,
            amount_max: m.amount_max,
        }
    }
    fn ranks(m: &PerCapitaRow<'_>) -> Option<(usize, usize)> {
        m.rank_best.zip(m.rank_worst)
    }
    let mut fields = member_fields(p, member);
    // Here the amount is context: the figure per inhabitant is the one a
    // narrow terminal keeps.
    for field in &mut fields {
        if field.column.key == "amount" {
            field.column.priority = 1;
        }
    }
    fields.extend([
        Column::number("population", "population")
            .priority(3)
            .short("people")
            .of(|m: &PerCapitaRow<'a>| m.population.map_or(Cell::Empty, |p| Cell::Int(p as i64))),
        Column::euros("per_capita", "per inhabitant")
            .essential()
            .short("per head")
            .of(|m: &PerCapitaRow<'a>| {
                Cell::opt_euros(m.per_capita).about(m.per_capita_min != m.per_capita_max)
            }),
        Column::basis("basis", "basis").of(|m: &PerCapitaRow<'a>| Cell::Basis(m.basis)),
    ]);
    fields.extend(amount_bound_fields(p, member));
    fields.extend([
        Column::euros("per_capita_min", "per inhabitant min")
            .machine_only()
            .of(|m: &PerCapitaRow<'a>| Cell::opt_euros(m.per_capita_min)),
        Column::euros("per_capita_max", "per inhabitant max")
            .machine_only()
            .of(|m: &PerCapitaRow<'a>| Cell::opt_euros(m.per_capita_max)),
    ]);
    fields.extend(rank_bound_fields(ranks));
    let mut ranges = range_fields(p, member, ranks);
    ranges.insert(
        1,
        Column::number("per_capita_range", "per inhabitant within rounding")
            .human_only()
            .range()
            .of(
                |m: &PerCapitaRow<'a>| match (m.per_capita_min, m.per_capita_max) {
                    (Some(min), Some(max)) => Cell::range(min, max, Measure::Euros),
                    _ => Cell::Empty,
                },
            ),
    );
    fields.extend(ranges);
    fields
}
