//! `safe show MEMBER`: one member in context (rank and ties, shares,
//! amount per inhabitant, the members just above and below).

use crate::analysis::show::{MemberReport, Neighbour, member_report};
use crate::cli::ShowArgs;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};
use crate::names::find_member;
use crate::population;

use super::{Ctx, Outcome};

pub fn run(args: &ShowArgs, ctx: &Ctx) -> Result<Outcome> {
    let member = find_member(&args.member, &ctx.data)?;
    let people = population::load(args.population.as_deref())?;
    ctx.emit(&member_report(&ctx.data, member, &people)?)
}

fn neighbour_row(position: &str, n: &Neighbour, sign: i64) -> Vec<Cell> {
    vec![
        Cell::text(position),
        Cell::Int(n.rank as i64),
        Cell::text(&n.code),
        Cell::text(&n.name),
        Cell::Money(n.amount),
        Cell::Money(n.gap * rust_decimal::Decimal::from(sign)),
    ]
}

impl Report for MemberReport {
    fn command(&self) -> &'static str {
        "show"
    }

    fn view(&self) -> View {
        let mut rank = format!("{} of {}", self.rank, self.members_total);
        if !self.tied_with.is_empty() {
            let peers: Vec<String> = self
                .tied_with
                .iter()
                .map(|p| format!("{} ({})", p.name, p.code))
                .collect();
            rank.push_str(&format!(", tied with {}", peers.join(", ")));
        }
        let facts = Table {
            columns: vec![
                Column::text("metric", "metric"),
                Column::number("value", "value"),
            ],
            rows: vec![
                vec![Cell::text("amount"), Cell::Money(self.amount)],
                vec![Cell::text("rank"), Cell::text(rank)],
                vec![
                    Cell::text("share of ceiling"),
                    Cell::Pct(self.share_of_ceiling_pct),
                ],
                vec![
                    Cell::text("share of allocated"),
                    Cell::Pct(self.share_of_allocated_pct),
                ],
                vec![
                    Cell::text("population"),
                    self.population.map_or(Cell::Empty, |p| Cell::Int(p as i64)),
                ],
                vec![
                    Cell::text("per inhabitant"),
                    Cell::opt_money(self.per_capita),
                ],
                vec![Cell::text("basis"), Cell::Basis(self.basis)],
                vec![
                    Cell::text("decided"),
                    self.decided.as_deref().map_or(Cell::Empty, Cell::text),
                ],
                vec![
                    Cell::text("pre-financing"),
                    Cell::opt_money(self.prefinancing),
                ],
            ],
            footer: Vec::new(),
        };
        let mut neighbours = Vec::new();
        if let Some(n) = &self.above {
            neighbours.push(neighbour_row("above", n, 1));
        }
        if let Some(n) = &self.below {
            neighbours.push(neighbour_row("below", n, -1));
        }
        let mut blocks = vec![
            Block::Heading(format!("{} ({})", self.name, self.code)),
            Block::Table(facts),
        ];
        if !neighbours.is_empty() {
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::text("position", "neighbour"),
                    Column::number("rank", "#"),
                    Column::text("code", "code"),
                    Column::text("name", "member"),
                    Column::money("amount", "amount"),
                    Column::money("gap", "difference"),
                ],
                rows: neighbours,
                footer: Vec::new(),
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
        if let Some(source) = &self.source {
            blocks.push(Block::Note(format!("Source: {source}")));
        }
        if let Some(note) = &self.note {
            blocks.push(Block::Note(format!("Note: {note}")));
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
