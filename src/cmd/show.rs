//! `safe show MEMBER`: one member in context (rank and ties, shares,
//! amount per inhabitant, the members just above and below).

use crate::analysis::show::{MemberReport, Neighbour, member_report};
use crate::error::Result;
use crate::export::{Block, Cell, Column, Grid, Report, Subject, View};
use crate::names::find_member;
use crate::population;

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
    let data = ctx.table()?;
    let member = find_member(&args.member, data)?;
    let people = population::load(args.population.as_deref())?;
    Ok(Output::report(
        member_report(data, member, &people)?,
        Subject::of(data),
    ))
}

fn neighbour_row<'a>(position: &'a str, n: &'a Neighbour, sign: i64) -> Vec<Cell<'a>> {
    vec![
        Cell::text(position),
        Cell::Int(n.rank as i64),
        Cell::text(n.code.as_str()),
        Cell::text(n.name.as_str()),
        Cell::Money(n.amount),
        Cell::Money(n.gap * rust_decimal::Decimal::from(sign)),
    ]
}

impl Report for MemberReport {
    fn view(&self) -> View<'_> {
        let facts = Grid {
            columns: vec![
                Column::text("metric", "metric"),
                Column::number("value", "value"),
            ],
            rows: vec![
                vec![Cell::key("amount", "amount"), Cell::Money(self.amount)],
                vec![
                    Cell::key("rank", "rank"),
                    // CSV: the rank; tables: "9 of 19".
                    Cell::key(
                        self.rank.to_string(),
                        format!("{} of {}", self.rank, self.member_count),
                    ),
                ],
                vec![
                    Cell::key("share_of_ceiling_pct", "share of ceiling"),
                    Cell::Pct(self.share_of_ceiling_pct),
                ],
                vec![
                    Cell::key("share_of_allocated_pct", "share of allocated"),
                    Cell::Pct(self.share_of_allocated_pct),
                ],
                vec![
                    Cell::key("population", "population"),
                    self.population.map_or(Cell::Empty, |p| Cell::Int(p as i64)),
                ],
                vec![
                    Cell::key("per_capita", "per inhabitant"),
                    Cell::opt_euros(self.per_capita),
                ],
                vec![Cell::key("basis", "basis"), Cell::Basis(self.basis)],
                vec![
                    Cell::key("decided", "decided"),
                    self.decided.as_deref().map_or(Cell::Empty, Cell::text),
                ],
                vec![
                    Cell::key("prefinancing", "pre-financing"),
                    Cell::opt_money(self.prefinancing),
                ],
            ]
            .into(),
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
            Block::Grid(facts),
        ];
        if !neighbours.is_empty() {
            blocks.push(Block::Grid(Grid {
                columns: vec![
                    Column::text("position", "neighbour"),
                    Column::number("rank", "#"),
                    Column::text("code", "code"),
                    Column::text("name", "member"),
                    Column::money("amount", "amount"),
                    Column::money("gap", "difference"),
                ],
                rows: neighbours.into(),
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
