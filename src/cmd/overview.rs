//! `safe` with no subcommand: a short overview of the loaded table (total,
//! headroom, the three largest, the Art. 13 position) and the commands.

use serde::Serialize;

use crate::analysis::overview::{OverviewReport, overview_report};
use crate::error::Result;
use crate::export::{Block, Cell, Column, Grid, Report, Subject, View};

use super::check::check_note;
use super::{Ctx, Output};

/// The overview report, with the commands `safe` has.
#[derive(Debug, Serialize)]
pub struct Overview {
    #[serde(flatten)]
    pub report: OverviewReport,
    /// Every subcommand with its one-line summary.
    pub commands: Vec<CommandLine>,
}

#[derive(Debug, Serialize)]
pub struct CommandLine {
    pub name: String,
    pub about: String,
}

pub fn run(ctx: &Ctx) -> Result<Output<'_>> {
    let data = ctx.table()?;
    let commands = (ctx.cli)()
        .get_subcommands()
        .map(|c| CommandLine {
            name: c.get_name().to_string(),
            about: c.get_about().map(|a| a.to_string()).unwrap_or_default(),
        })
        .collect();
    Ok(Output::report(
        Overview {
            report: overview_report(data)?,
            commands,
        },
        Subject::of(data),
    ))
}

impl Report for Overview {
    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View<'_> {
        let t = &self.report.total;
        let mut rows = vec![
            vec![
                Cell::key("allocated", "allocated"),
                Cell::Money(t.allocated),
            ],
            vec![Cell::key("ceiling", "ceiling"), Cell::Money(t.ceiling)],
            vec![Cell::key("headroom", "headroom"), Cell::Money(t.headroom)],
            vec![
                Cell::key("member_count", "members"),
                Cell::Int(t.member_count as i64),
            ],
        ];
        for m in &self.report.largest {
            rows.push(vec![
                Cell::key(
                    format!("largest_{}", m.rank),
                    format!("#{} {} {}", m.rank, m.code, m.name),
                ),
                Cell::Money(m.amount),
            ]);
        }
        let c = &self.report.concentration;
        let width = self
            .commands
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(0);
        let mut blocks = vec![
            Block::Heading("safe: the EU's SAFE defence-loan allocation".to_string()),
            Block::Grid(Grid {
                columns: vec![
                    Column::text("metric", "figure"),
                    Column::number("value", "value"),
                ],
                rows: rows.into(),
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
