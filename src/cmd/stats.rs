//! `safe stats`: count, total, mean, median, extremes, concentration (HHI,
//! Gini, the largest 1/3/5) and the Art. 13 position.

use crate::analysis::stats::{StatsReport, stats_report};
use crate::error::Result;
use crate::export::{Block, Cell, Column, Grid, Report, Subject, View};

use super::check::check_note;
use super::{Ctx, Output};

/// The arguments of `safe stats` (none), with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Count, total, mean, median, concentration (HHI, Gini), Art. 13",
    long_about = "Descriptive statistics and concentration of the table.\n\n\
HHI (Herfindahl-Hirschman index, 0-10,000) = sum over members of (100 x amount / allocated)^2: \
10,000 when one member gets everything, 10,000/n for n equal members.\n\n\
Gini coefficient (0-1), with amounts sorted ascending x1..xn summing to A: \
G = sum over i of (2i - n - 1) x_i / (n A): 0 when all amounts are equal.\n\n\
Also the largest 1, 3 and 5 recipients' share, and the Art. 13 position (the three largest \
against 60% of the ceiling).",
    after_help = "Examples:\n  safe stats\n  safe stats --json | jq .hhi"
)]
pub struct Args {}

pub fn run<'c>(_args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    Ok(Output::report(stats_report(data)?, Subject::of(data)))
}

impl Report for StatsReport {
    fn view(&self) -> View<'_> {
        let blank = || Cell::text("");
        let mut rows = vec![
            vec![
                Cell::key("member_count", "members"),
                Cell::Int(self.member_count as i64),
                blank(),
                blank(),
            ],
            vec![
                Cell::key("confirmed", "confirmed figures"),
                Cell::Int(self.confirmed as i64),
                blank(),
                blank(),
            ],
            vec![
                Cell::key("total", "total"),
                Cell::Money(self.total),
                blank(),
                blank(),
            ],
            vec![
                Cell::key("mean", "mean"),
                Cell::Money(self.mean),
                blank(),
                blank(),
            ],
            vec![
                Cell::key("median", "median"),
                Cell::Money(self.median),
                blank(),
                blank(),
            ],
            vec![
                Cell::key(
                    "largest_member",
                    format!("largest: {} {}", self.max.code, self.max.name),
                ),
                Cell::Money(self.max.amount),
                blank(),
                blank(),
            ],
            vec![
                Cell::key(
                    "smallest_member",
                    format!("smallest: {} {}", self.min.code, self.min.name),
                ),
                Cell::Money(self.min.amount),
                blank(),
                blank(),
            ],
        ];
        for t in &self.top {
            rows.push(vec![
                Cell::key(
                    format!("largest_{}_together", t.n),
                    format!("largest {} together", t.n),
                ),
                Cell::Money(t.amount),
                Cell::Pct(t.share_of_allocated_pct),
                Cell::Pct(t.share_of_ceiling_pct),
            ]);
        }
        rows.push(vec![
            Cell::key("hhi", "HHI (0–10,000)"),
            Cell::Number(self.hhi),
            blank(),
            blank(),
        ]);
        rows.push(vec![
            Cell::key("gini", "Gini (0–1)"),
            Cell::Number(self.gini),
            blank(),
            blank(),
        ]);
        let c = &self.concentration;
        View {
            blocks: vec![
                Block::Grid(Grid {
                    columns: vec![
                        Column::text("metric", "statistic"),
                        Column::number("value", "value"),
                        Column::number("share_of_allocated_pct", "of allocated"),
                        Column::number("share_of_ceiling_pct", "of ceiling"),
                    ],
                    rows: rows.into(),
                    footer: Vec::new(),
                }),
                check_note(c),
            ],
        }
    }
}
