//! `safe rank`: members by amount, largest first, with competition ranks,
//! shares of the ceiling and the cumulative share.

use crate::analysis::rank::{RankReport, RankRow, RankRows, rank_report};
use crate::dataset::Precision;
use anyhow::Result;

use crate::export::view::{
    Measure, amount_bound_fields, member_fields, range_fields, rank_bound_fields,
};
use crate::export::{
    Block, Cell, Column, Field, Grid, Listing, MemberFigures, Report, Subject, View,
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
            blocks: vec![Block::Grid(rank_grid(
                &self.members,
                self.precision,
                Some("members"),
            ))],
        }
    }
}

/// A ranking as a grid (also the overview's largest members), listed in
/// JSON under `json`.
pub fn rank_grid<'a>(
    members: &'a RankRows<'a>,
    p: Precision,
    json: Option<&'static str>,
) -> Grid<'a> {
    Grid::listing(fields(p), json, members.len(), move |i| members.get(i))
        .reading_ahead(move |range| members.read_ahead(range))
}

/// The columns of a ranking, each with how its cell is made.
fn fields<'a>(p: Precision) -> Vec<Field<'a, RankRow<'a>>> {
    fn member<'a>(m: &RankRow<'a>) -> MemberFigures<'a> {
        MemberFigures {
            rank: Some(m.rank),
            code: m.code,
            name: m.name,
            amount: m.amount,
            amount_min: m.amount_min,
            amount_max: m.amount_max,
        }
    }
    fn ranks(m: &RankRow<'_>) -> Option<(usize, usize)> {
        Some((m.rank_best, m.rank_worst))
    }
    let cumulative = |m: &RankRow<'a>| {
        Cell::amount(
            m.cumulative_amount,
            m.cumulative_amount_min,
            m.cumulative_amount_max,
        )
    };
    let mut fields = member_fields(p, member);
    fields.extend([
        // People read the running total beside the amount; CSV keeps its
        // columns where they were.
        Column::money("cumulative_amount", "cumulative")
            .precise(p.amount)
            .human_only()
            .priority(4)
            .short("cum.")
            .of(cumulative),
        Column::number("share_pct", "share of ceiling")
            .short("share")
            .of(|m: &RankRow<'a>| Cell::Pct(m.share_pct).about(m.share_min_pct != m.share_max_pct)),
        Column::number("cumulative_pct", "cumulative share")
            .priority(3)
            .short("cum. share")
            .of(|m: &RankRow<'a>| {
                Cell::Pct(m.cumulative_pct).about(m.cumulative_min_pct != m.cumulative_max_pct)
            }),
        Column::basis("basis", "basis").of(|m: &RankRow<'a>| Cell::Basis(m.basis)),
        Column::money("cumulative_amount", "cumulative")
            .precise(p.amount)
            .machine_only()
            .of(cumulative),
    ]);
    fields.extend(amount_bound_fields(p, member));
    fields.extend(rank_bound_fields(ranks));
    fields.extend([
        Column::number("share_min_pct", "share min")
            .machine_only()
            .of(|m: &RankRow<'a>| Cell::Pct(m.share_min_pct)),
        Column::number("share_max_pct", "share max")
            .machine_only()
            .of(|m: &RankRow<'a>| Cell::Pct(m.share_max_pct)),
        Column::money("cumulative_amount_min", "cumulative min")
            .precise(p.money())
            .machine_only()
            .of(|m: &RankRow<'a>| Cell::Money(m.cumulative_amount_min)),
        Column::money("cumulative_amount_max", "cumulative max")
            .precise(p.money())
            .machine_only()
            .of(|m: &RankRow<'a>| Cell::Money(m.cumulative_amount_max)),
        Column::number("cumulative_min_pct", "cumulative min")
            .machine_only()
            .of(|m: &RankRow<'a>| Cell::Pct(m.cumulative_min_pct)),
        Column::number("cumulative_max_pct", "cumulative max")
            .machine_only()
            .of(|m: &RankRow<'a>| Cell::Pct(m.cumulative_max_pct)),
    ]);
    fields.extend(range_fields(p, member, ranks));
    fields.extend([
        Column::number("share_range", "share within rounding")
            .human_only()
            .range()
            .of(|m: &RankRow<'a>| Cell::range(m.share_min_pct, m.share_max_pct, Measure::Pct)),
        Column::number("cumulative_range", "cumulative share within rounding")
            .human_only()
            .range()
            .of(|m: &RankRow<'a>| {
                Cell::range(m.cumulative_min_pct, m.cumulative_max_pct, Measure::Pct)
            }),
        Column::money("cumulative_amount_range", "cumulative within rounding")
            .precise(p.money())
            .human_only()
            .range()
            .of(|m: &RankRow<'a>| {
                Cell::range(
                    m.cumulative_amount_min,
                    m.cumulative_amount_max,
                    Measure::Money,
                )
            }),
    ]);
    fields
}
