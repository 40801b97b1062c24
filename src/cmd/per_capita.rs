//! `safe per-capita`: members ranked by euros per inhabitant.

use crate::analysis::per_capita::{PerCapitaReport, per_capita_report};
use crate::cli::PerCapitaArgs;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};
use crate::population;

use super::{Ctx, Outcome};

pub fn run(args: &PerCapitaArgs, ctx: &Ctx) -> Result<Outcome> {
    let people = population::load(args.population.as_deref())?;
    ctx.emit(&per_capita_report(&ctx.data, &people)?)
}

impl Report for PerCapitaReport {
    fn command(&self) -> &'static str {
        "per-capita"
    }

    fn view(&self) -> View {
        let people = |p: Option<u64>| p.map_or(Cell::Empty, |p| Cell::Int(p as i64));
        let table = Table {
            columns: vec![
                Column::number("rank", "#"),
                Column::text("code", "code"),
                Column::text("name", "member"),
                Column::money("amount", "amount"),
                Column::number("population", "population"),
                Column::money("per_capita", "per inhabitant"),
            ],
            rows: self
                .members
                .iter()
                .map(|m| {
                    vec![
                        m.rank.map_or(Cell::Empty, |r| Cell::Int(r as i64)),
                        Cell::text(&m.code),
                        Cell::text(&m.name),
                        Cell::Money(m.amount),
                        people(m.population),
                        Cell::opt_money(m.per_capita),
                    ]
                })
                .collect(),
            footer: vec![vec![
                Cell::text(""),
                Cell::text(""),
                Cell::text(format!("together ({} members)", self.total.members)),
                Cell::Money(self.total.amount),
                people(Some(self.total.population)),
                Cell::opt_money(self.total.per_capita),
            ]],
        };
        let mut blocks = vec![
            Block::Table(table),
            Block::Note(format!("Population: {}.", self.population_source)),
        ];
        if !self.missing.is_empty() {
            blocks.push(Block::Note(format!(
                "No population figure for {}: not available (–), and left out of the total.",
                self.missing.join(", ")
            )));
        }
        View { blocks }
    }
}
