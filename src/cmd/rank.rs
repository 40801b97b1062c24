//! `safe rank`: members by amount, largest first, with competition ranks,
//! shares of the ceiling and the cumulative share.

use crate::analysis::rank::{RankReport, RankRows, rank_report};
use crate::dataset::Precision;
use anyhow::Result;
use rust_decimal::Decimal;

use crate::export::view::{Measure, amount_bound_columns, rank_bound_columns};
use crate::export::{
    Block, Cell, Column, Grid, Listing, Report, Rows, Subject, View, member_cells, member_columns,
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
    pub top: Option<std::num::NonZeroUsize>,
    /// Smallest first (ranks still count from the largest)
    #[arg(long)]
    pub asc: bool,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    Ok(Output::report(
        rank_report(data, args.top.map(usize::from), args.asc)?,
        Subject::of(data),
    ))
}

impl Report for RankReport<'_> {
    fn listed(&self) -> Option<Listing> {
        Some(Listing {
            shown: self.members.len(),
            of: self.member_count,
            top: self.top,
            noun: "member",
        })
    }

    fn view(&self) -> View<'_> {
        View {
            blocks: vec![Block::Grid(rank_grid(&self.members, self.precision))],
        }
    }
}

/// A ranking as a grid (also the overview's largest members).
pub fn rank_grid<'a>(members: &'a RankRows<'a>, p: Precision) -> Grid<'a> {
    Grid {
        columns: [
            member_columns(p),
            vec![
                // People read the running total beside the amount; CSV
                // keeps its columns where they were.
                Column::money("cumulative_amount", "cumulative")
                    .precise(p.amount)
                    .human_only()
                    .priority(4)
                    .short("cum."),
                Column::number("share_pct", "share of ceiling").short("share"),
                Column::number("cumulative_pct", "cumulative share")
                    .priority(3)
                    .short("cum. share"),
                Column::basis("basis", "basis"),
                Column::money("cumulative_amount", "cumulative")
                    .precise(p.amount)
                    .machine_only(),
            ],
            amount_bound_columns(p).into(),
            rank_bound_columns().into(),
            vec![
                Column::number("share_min_pct", "share min").machine_only(),
                Column::number("share_max_pct", "share max").machine_only(),
                Column::money("cumulative_amount_min", "cumulative min")
                    .precise(p.money())
                    .machine_only(),
                Column::money("cumulative_amount_max", "cumulative max")
                    .precise(p.money())
                    .machine_only(),
                Column::number("cumulative_min_pct", "cumulative min").machine_only(),
                Column::number("cumulative_max_pct", "cumulative max").machine_only(),
                Column::money("amount_range", "amount within rounding")
                    .precise(p.money())
                    .human_only()
                    .range(),
                Column::number("rank_range", "rank within rounding")
                    .human_only()
                    .range(),
                Column::number("share_range", "share within rounding")
                    .human_only()
                    .range(),
                Column::number("cumulative_range", "cumulative share within rounding")
                    .human_only()
                    .range(),
                Column::money("cumulative_amount_range", "cumulative within rounding")
                    .precise(p.money())
                    .human_only()
                    .range(),
            ],
        ]
        .concat(),
        rows: Rows::lazy(members.len(), move |i| {
            let m = members.get(i);
            let mut row = member_cells(
                Some(m.rank),
                m.code,
                m.name,
                Cell::amount(m.amount, m.amount_min, m.amount_max),
            );
            let cumulative = || {
                Cell::amount(
                    m.cumulative_amount,
                    m.cumulative_amount_min,
                    m.cumulative_amount_max,
                )
            };
            row.extend([
                cumulative(),
                Cell::Pct(m.share_pct).about(m.share_min_pct != m.share_max_pct),
                Cell::Pct(m.cumulative_pct).about(m.cumulative_min_pct != m.cumulative_max_pct),
                Cell::Basis(m.basis),
                cumulative(),
                Cell::Money(m.amount_min),
                Cell::Money(m.amount_max),
                Cell::Int(m.rank_best as i64),
                Cell::Int(m.rank_worst as i64),
                Cell::Pct(m.share_min_pct),
                Cell::Pct(m.share_max_pct),
                Cell::Money(m.cumulative_amount_min),
                Cell::Money(m.cumulative_amount_max),
                Cell::Pct(m.cumulative_min_pct),
                Cell::Pct(m.cumulative_max_pct),
                Cell::range(m.amount_min, m.amount_max, Measure::Money),
                Cell::range(
                    Decimal::from(m.rank_best),
                    Decimal::from(m.rank_worst),
                    Measure::Count,
                ),
                Cell::range(m.share_min_pct, m.share_max_pct, Measure::Pct),
                Cell::range(m.cumulative_min_pct, m.cumulative_max_pct, Measure::Pct),
                Cell::range(
                    m.cumulative_amount_min,
                    m.cumulative_amount_max,
                    Measure::Money,
                ),
            ]);
            row
        })
        .reading_ahead(move |range| members.read_ahead(range)),
        footer: Vec::new(),
    }
}
