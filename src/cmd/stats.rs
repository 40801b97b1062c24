//! `safe stats`: count, total, mean, median, extremes, concentration (HHI,
//! Gini, the largest 1/3/5) and the Art. 13 position.

use crate::analysis::stats::{StatsReport, stats_report};
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};

use super::check::check_note;
use super::{Ctx, Outcome};

pub fn run(ctx: &Ctx) -> Result<Outcome> {
    ctx.emit(&stats_report(&ctx.data)?)
}

impl Report for StatsReport {
    fn command(&self) -> &'static str {
        "stats"
    }

    fn view(&self) -> View {
        let blank = || Cell::text("");
        let mut rows = vec![
            vec![
                Cell::text("members"),
                Cell::Int(self.count as i64),
                blank(),
                blank(),
            ],
            vec![
                Cell::text("confirmed figures"),
                Cell::Int(self.confirmed as i64),
                blank(),
                blank(),
            ],
            vec![
                Cell::text("total"),
                Cell::Money(self.total),
                blank(),
                blank(),
            ],
            vec![Cell::text("mean"), Cell::Money(self.mean), blank(), blank()],
            vec![
                Cell::text("median"),
                Cell::Money(self.median),
                blank(),
                blank(),
            ],
            vec![
                Cell::text(format!("largest: {} {}", self.max.code, self.max.name)),
                Cell::Money(self.max.amount),
                blank(),
                blank(),
            ],
            vec![
                Cell::text(format!("smallest: {} {}", self.min.code, self.min.name)),
                Cell::Money(self.min.amount),
                blank(),
                blank(),
            ],
        ];
        for t in &self.top {
            rows.push(vec![
                Cell::text(format!("largest {} together", t.n)),
                Cell::Money(t.amount),
                Cell::Pct(t.share_of_allocated_pct),
                Cell::Pct(t.share_of_ceiling_pct),
            ]);
        }
        rows.push(vec![
            Cell::text("HHI (0–10,000)"),
            Cell::Number(self.hhi),
            blank(),
            blank(),
        ]);
        rows.push(vec![
            Cell::text("Gini (0–1)"),
            Cell::Number(self.gini),
            blank(),
            blank(),
        ]);
        let c = &self.concentration;
        View {
            blocks: vec![
                Block::Table(Table {
                    columns: vec![
                        Column::text("metric", "statistic"),
                        Column::number("value", "value"),
                        Column::number("share_of_allocated_pct", "of allocated"),
                        Column::number("share_of_ceiling_pct", "of ceiling"),
                    ],
                    rows,
                    footer: Vec::new(),
                }),
                check_note(c),
            ],
        }
    }
}
