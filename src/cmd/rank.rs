//! `safe rank`: members by amount, largest first, with competition ranks,
//! shares of the ceiling and the cumulative share.

use crate::analysis::rank::{RankReport, rank_report};
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Rows, Table, View, member_cells, member_columns};

use super::{Ctx, Outcome};

use clap::Args;

use crate::cli::positive_count;

/// The arguments of `safe rank`, with its help.
#[derive(Debug, Args)]
#[command(
    about = "Rank members by amount, largest first",
    long_about = "Rank members by amount, largest first, with each member's share of the \
fund ceiling and the cumulative share. Tied amounts share a rank (competition ranking: \
1, 2, 3, 3, 5) and are ordered by name.",
    after_help = "Examples:\n  safe rank\n  safe rank --top 5 --unit bn\n  safe rank --asc --json | jq '.members[0]'"
)]
pub struct RankArgs {
    /// Show only the first N members
    #[arg(long, value_name = "N", value_parser = positive_count)]
    pub top: Option<usize>,
    /// Smallest first (ranks still count from the largest)
    #[arg(long)]
    pub asc: bool,
}

pub fn run(args: &RankArgs, ctx: &Ctx) -> Result<Outcome> {
    ctx.emit(&rank_report(&ctx.data, args.top, args.asc)?)
}

impl Report for RankReport {
    fn command(&self) -> &'static str {
        "rank"
    }

    fn listed(&self) -> Option<usize> {
        Some(self.members.len())
    }

    fn view(&self) -> View<'_> {
        let table = Table {
            columns: [
                member_columns(),
                vec![
                    Column::number("share_pct", "share of ceiling"),
                    Column::number("cumulative_pct", "cumulative"),
                ],
            ]
            .concat(),
            rows: Rows::lazy(self.members.len(), move |i| {
                let m = &self.members[i];
                let mut row = member_cells(Some(m.rank), &m.code, &m.name, m.amount);
                row.extend([Cell::Pct(m.share_pct), Cell::Pct(m.cumulative_pct)]);
                row
            }),
            footer: Vec::new(),
        }
        .with_basis(|i| self.members[i].basis);
        View {
            blocks: vec![Block::Table(table)],
        }
    }
}
