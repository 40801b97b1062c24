//! `safe` with no subcommand: a short overview of the loaded table (total,
//! headroom, the three largest, the Art. 13 position) and the commands.

use clap::CommandFactory;
use serde::Serialize;

use crate::analysis::rank::{RankRow, rank_report};
use crate::analysis::check::{Check, concentration_check};
use crate::analysis::total::{TotalReport, total_report};
use crate::cli::Cli;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};

use super::check::check_note;
use super::{Ctx, Outcome};

/// The overview report.
#[derive(Debug, Serialize)]
pub struct Overview {
    pub total: TotalReport,
    /// The three largest recipients.
    pub largest: Vec<RankRow>,
    /// The Art. 13 position.
    pub concentration: Check,
    /// Every subcommand with its one-line summary.
    pub commands: Vec<CommandLine>,
}

#[derive(Debug, Serialize)]
pub struct CommandLine {
    pub name: String,
    pub about: String,
}

pub fn run(ctx: &Ctx) -> Result<Outcome> {
    let commands = Cli::command()
        .get_subcommands()
        .map(|c| CommandLine {
            name: c.get_name().to_string(),
            about: c.get_about().map(|a| a.to_string()).unwrap_or_default(),
        })
        .collect();
    ctx.emit(&Overview {
        total: total_report(&ctx.data, None)?,
        largest: rank_report(&ctx.data, Some(3), false)?.members,
        concentration: concentration_check(&ctx.data)?,
        commands,
    })
}

impl Report for Overview {
    fn command(&self) -> &'static str {
        "overview"
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View {
        let t = &self.total;
        let mut rows = vec![
            vec![Cell::text("allocated"), Cell::Money(t.allocated)],
            vec![Cell::text("ceiling"), Cell::Money(t.ceiling)],
            vec![Cell::text("headroom"), Cell::Money(t.headroom)],
            vec![Cell::text("members"), Cell::Int(t.members as i64)],
        ];
        for m in &self.largest {
            rows.push(vec![
                Cell::text(format!("#{} {} {}", m.rank, m.code, m.name)),
                Cell::Money(m.amount),
            ]);
        }
        let c = &self.concentration;
        let width = self
            .commands
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(0);
        let mut blocks = vec![
            Block::Heading("safe: the EU's SAFE defence-loan allocation".to_string()),
            Block::Table(Table {
                columns: vec![
                    Column::text("metric", "figure"),
                    Column::number("value", "value"),
                ],
                rows,
                footer: Vec::new(),
            }),
            check_note(c),
            Block::Note(String::new()),
            Block::Heading("Commands (safe COMMAND --help for more):".to_string()),
        ];
        blocks.extend(
            self.commands
                .iter()
                .map(|c| Block::Note(format!("  {:<width$}  {}", c.name, c.about))),
        );
        View { blocks }
    }
}
