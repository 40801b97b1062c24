//! `safe rank`: members by amount, largest first, with competition ranks,
//! shares of the ceiling and the cumulative share.

use crate::analysis::rank::{RankReport, rank_report};
use crate::cli::RankArgs;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};

use super::{Ctx, Outcome};

pub fn run(args: &RankArgs, ctx: &Ctx) -> Result<Outcome> {
    ctx.emit(&rank_report(&ctx.data, args.top, args.asc)?)
}

impl Report for RankReport {
    fn command(&self) -> &'static str {
        "rank"
    }

    fn view(&self) -> View {
        let table = Table {
            columns: vec![
                Column::number("rank", "#"),
                Column::text("code", "code"),
                Column::text("name", "member"),
                Column::money("amount", "amount"),
                Column::number("share_pct", "share of ceiling"),
                Column::number("cumulative_pct", "cumulative"),
            ],
            rows: self
                .members
                .iter()
                .map(|m| {
                    vec![
                        Cell::Int(m.rank as i64),
                        Cell::text(&m.code),
                        Cell::text(&m.name),
                        Cell::Money(m.amount),
                        Cell::Pct(m.share_pct),
                        Cell::Pct(m.cumulative_pct),
                    ]
                })
                .collect(),
            footer: Vec::new(),
        };
        let mut blocks = vec![Block::Table(table)];
        if self.members.len() < self.members_total {
            blocks.push(Block::Note(format!(
                "{} of {} members shown.",
                self.members.len(),
                self.members_total
            )));
        }
        View { blocks }
    }
}
