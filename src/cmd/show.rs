//! `safe show MEMBER`: one member in context (rank and ties, shares,
//! amount per inhabitant, the members just above and below).

use rust_decimal::Decimal;

use crate::analysis::show::{MemberReport, Neighbour, member_report};
use crate::export::view::{FigureRow, Measure};
use crate::export::{Block, Cell, Column, Grid, Report, Subject, View};
use crate::names::find_member;
use anyhow::Result;

use super::{Ctx, Output};

use std::path::PathBuf;

/// The arguments of `safe show`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "One member in context: rank, ties, shares, per inhabitant, neighbours",
    long_about = "One member in context: amount, rank (and who it ties with), share of the \
ceiling and of the allocated sum, amount per inhabitant, and the members just above and below \
with the gaps. MEMBER is a code (EL or GR), a name in any case and with or without accents \
(greece, Türkiye, turkiye) or a name people write (Czech Republic, Greek Cyprus, Turkey).",
    after_help = "Examples:\n  safe show PL\n  safe show 'Czech Republic'\n  safe show greece --json"
)]
pub struct Args {
    /// A code, a name or an alias
    pub member: String,
    /// Population figures for the per-inhabitant amount (CSV code,population)
    #[arg(long, value_name = "FILE")]
    pub population: Option<PathBuf>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let people = ctx.population(args.population.as_deref())?;
    let data = ctx.table()?;
    let member = find_member(&args.member, data)?;
    Ok(Output::report(
        member_report(data, member, &people)?,
        Subject::of(data),
    ))
}

fn neighbour_row<'a>(position: &'a str, n: &'a Neighbour<'_>) -> Vec<Cell<'a>> {
    vec![
        Cell::text(position),
        Cell::Int(n.rank as i64),
        Cell::text(n.code),
        Cell::text(n.name),
        Cell::amount(n.amount, n.amount_min, n.amount_max),
        Cell::amount(n.gap, n.gap_min, n.gap_max),
        Cell::range(n.amount_min, n.amount_max, Measure::Money),
        Cell::range(n.gap_min, n.gap_max, Measure::Money),
    ]
}

impl Report for MemberReport<'_> {
    fn view(&self) -> View<'_> {
        let p = self.figures;
        let money = p.money();
        let pct =
            |value, min, max| FigureRow::bounded(Cell::Pct(value), min, max, Measure::Pct, None);
        let rows = vec![
            FigureRow::bounded(
                Cell::MoneyAt(self.amount, p.amount),
                self.amount_min,
                self.amount_max,
                Measure::Money,
                Some(money),
            )
            .row("amount", "amount"),
            FigureRow {
                // CSV: the rank; tables: "9 of 19".
                value: Cell::key(
                    self.rank.to_string(),
                    format!("{} of {}", self.rank, self.member_count),
                ),
                // A rounded amount whose rank cannot change says so,
                // rather than leave the cell blank.
                range: if self.rank_best == self.rank_worst && self.amount_min != self.amount_max {
                    Cell::Text(format!("{} whatever the rounding", self.rank).into())
                } else {
                    Cell::range(
                        Decimal::from(self.rank_best),
                        Decimal::from(self.rank_worst),
                        Measure::Count,
                    )
                },
                min: Cell::Int(self.rank_best as i64),
                max: Cell::Int(self.rank_worst as i64),
            }
            .row("rank", "rank"),
            FigureRow::count(self.member_count).row("member_count", "members"),
            pct(
                self.share_of_ceiling_pct,
                self.share_of_ceiling_min_pct,
                self.share_of_ceiling_max_pct,
            )
            .row("share_of_ceiling_pct", "share of ceiling"),
            pct(
                self.share_of_allocated_pct,
                self.share_of_allocated_min_pct,
                self.share_of_allocated_max_pct,
            )
            .row("share_of_allocated_pct", "share of allocated"),
            FigureRow::text(self.population.map_or(Cell::Empty, |p| Cell::Int(p as i64)))
                .row("population", "population"),
            match (self.per_capita, self.per_capita_min, self.per_capita_max) {
                (Some(v), Some(min), Some(max)) => {
                    FigureRow::bounded(Cell::Euros(v), min, max, Measure::Euros, None)
                }
                _ => FigureRow::text(Cell::Empty),
            }
            .row("per_capita", "per inhabitant"),
            FigureRow::text(Cell::Basis(self.basis)).row("basis", "basis"),
            FigureRow::text(self.decided.map_or(Cell::Empty, Cell::text)).row("decided", "decided"),
            FigureRow::text(
                self.prefinancing
                    .map_or(Cell::Empty, |v| Cell::MoneyAt(v, p.prefinancing)),
            )
            .row("prefinancing", "pre-financing"),
        ];
        let facts = Grid {
            columns: FigureRow::columns("metric"),
            rows: rows.into(),
            footer: Vec::new(),
            json: None,
        };
        let mut neighbours = Vec::new();
        if let Some(n) = &self.above {
            neighbours.push(neighbour_row("above", n));
        }
        if let Some(n) = &self.below {
            neighbours.push(neighbour_row("below", n));
        }
        let mut blocks = vec![
            Block::Heading(format!(
                "{} ({})",
                crate::export::human::cut_text(self.name),
                self.code
            )),
            Block::Grid(facts),
        ];
        if !neighbours.is_empty() {
            blocks.push(Block::Grid(Grid {
                columns: vec![
                    Column::text("position", "neighbour").essential(),
                    Column::number("rank", "#"),
                    Column::text("code", "code").essential(),
                    Column::text("name", "member").priority(2),
                    Column::money("amount", "amount").precise(p.amount),
                    Column::money("gap", "gap").precise(p.amount),
                    Column::money("amount_range", "amount within rounding")
                        .precise(money)
                        .human_only()
                        .range(),
                    Column::money("gap_range", "gap within rounding")
                        .precise(money)
                        .human_only()
                        .range(),
                ],
                rows: neighbours.into(),
                footer: Vec::new(),
                json: None,
            }));
        }
        blocks.push(Block::Note(format!(
            "Basis: {} ({}).",
            self.basis.describe(),
            if self.confirmed {
                "confirmed"
            } else {
                "not confirmed"
            }
        )));
        if self.amount_min != self.amount_max {
            blocks.push(Block::Note(
                "The figure is rounded: the exact amount lies within rounding as shown, and so do the \
                 rank, shares and amount per inhabitant (--ranges shows the bounds of the neighbours \
                 and gaps)."
                    .to_string(),
            ));
        }
        if let Some(source) = self.source {
            blocks.push(Block::Note(format!("Source: {source}")));
        }
        if let Some(note) = self.note {
            blocks.push(Block::Note(format!("Note: {note}")));
        }
        if !self.tied_with.is_empty() {
            let peers: Vec<String> = self
                .tied_with
                .iter()
                .map(|p| format!("{} ({})", p.name, p.code))
                .collect();
            blocks.push(Block::Note(format!(
                "Rank {} is shared with {}.",
                self.rank,
                peers.join(", ")
            )));
        }
        if self.population.is_none() {
            blocks.push(Block::Note(format!(
                "No population figure for {}: the amount per inhabitant is not available.",
                self.code
            )));
        }
        View { blocks }
    }
}
