//! `safe` with no subcommand: a short overview of the loaded table (total,
//! headroom, the three largest, the Art. 13 position) and the commands.

use serde::Serialize;

use crate::analysis::overview::{OverviewReport, overview_report};
use anyhow::Result;
use rust_decimal::Decimal;

use crate::export::view::{FigureRow, Measure};
use crate::export::{Block, Cell, Grid, Report, Subject, View};

use super::check::check_note;
use super::{Ctx, Output};

/// The overview report, with the commands `safe` has.
#[derive(Debug, Serialize)]
pub struct Overview<'a> {
    #[serde(flatten)]
    pub report: OverviewReport<'a>,
    /// The edition in one line, for people (JSON has it in `table`).
    #[serde(skip)]
    pub edition: String,
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
    let subject = Subject::of(data);
    Ok(Output::report(
        Overview {
            report: overview_report(data)?,
            edition: crate::export::provenance::edition_line(&subject),
            commands,
        },
        subject,
    ))
}

impl Report for Overview<'_> {
    fn shows_edition_note(&self) -> bool {
        true
    }

    fn view(&self) -> View<'_> {
        let t = &self.report.total;
        let c = &self.report.concentration;
        let money = t.precision.money();
        let bounded = |value: Decimal, min: Decimal, max: Decimal| {
            FigureRow::bounded(
                Cell::MoneyAt(value, money),
                min,
                max,
                Measure::Money,
                Some(money),
            )
        };
        let rows = vec![
            bounded(t.allocated, t.allocated_min, t.allocated_max).row("allocated", "allocated"),
            FigureRow::exact(Cell::MoneyAt(t.ceiling, money), t.ceiling).row("ceiling", "ceiling"),
            bounded(t.headroom, t.headroom_min, t.headroom_max).row("headroom", "headroom"),
            FigureRow::count(t.member_count).row("member_count", "members"),
            FigureRow::count(t.confirmed).row("confirmed", "confirmed"),
            FigureRow::bounded(
                Cell::Pct(t.utilisation_pct),
                t.utilisation_min_pct,
                t.utilisation_max_pct,
                Measure::Pct,
                None,
            )
            .row("utilisation_pct", "utilisation"),
            bounded(c.actual, c.actual_min, c.actual_max).row("top3", "top 3 (Art. 13)"),
            FigureRow::exact(Cell::MoneyAt(c.limit, money), c.limit).row("top3_cap", "60% cap"),
            bounded(c.margin, c.limit - c.actual_max, c.limit - c.actual_min)
                .row("top3_margin", "room under the cap"),
            FigureRow::stated(
                c.actual_pct_of_ceiling.map_or(Cell::Empty, Cell::Pct),
                c.actual_min != c.actual_max,
            )
            .row("top3_pct_of_ceiling", "top 3, % of ceiling"),
        ];
        let width = self
            .commands
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(0);
        let mut blocks = vec![
            Block::Heading("safe: the EU's SAFE defence-loan allocation".to_string()),
            Block::Note(format!("Edition: {}", self.edition)),
            Block::Grid(Grid {
                columns: FigureRow::columns("figure"),
                rows: rows.into(),
                footer: Vec::new(),
                json: None,
            }),
            Block::Heading(format!("The {} largest", self.report.largest.len())),
            Block::Grid(super::rank::rank_grid(
                &self.report.largest,
                t.precision,
                Some("largest"),
            )),
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
