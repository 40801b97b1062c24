//! `safe rank`: members by amount, largest first, with competition ranks,
//! shares of the ceiling and the cumulative share.

use crate::analysis::rank::{RankReport, rank_report};
use crate::error::Result;
use crate::export::{
    Block, Cell, Column, Grid, Report, Rows, Subject, View, member_cells, member_columns,
};

use super::{Ctx, Output};

use crate::values::positive_count;

/// The arguments of `safe rank`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Rank members by amount, largest first",
    long_about = "Rank members by amount, largest first, with each member's share of the \
fund ceiling and the cumulative share. Tied amounts share a rank (competition ranking: \
1, 2, 3, 3, 5) and are ordered by name.",
    after_help = "Examples:\n  safe rank\n  safe rank --top 5 --unit bn\n  safe rank --asc --json | jq '.members[0]'"
)]
pub struct Args {
    /// Show only the first N members
    #[arg(long, value_name = "N", value_parser = positive_count)]
    pub top: Option<usize>,
    /// Smallest first (ranks still count from the largest)
    #[arg(long)]
    pub asc: bool,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    Ok(Output::report(
        rank_report(data, args.top, args.asc)?,
        Subject::of(data),
    ))
}

impl Report for RankReport {
    fn listed(&self) -> Option<usize> {
        Some(self.members.len())
    }

    fn view(&self) -> View<'_> {
        let table = Grid {
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
            blocks: vec![Block::Grid(table)],
        }
    }
}
