//! `safe total`: the allocated sum, the ceiling, the headroom, the number of
//! members and the utilisation; `--expect` turns it into a CI check.

use crate::analysis::check::expectation_check;
use crate::analysis::total::{TotalReport, total_report};
use crate::error::Result;
use crate::export::{Block, Cell, CheckLine, Column, Grid, Report, Subject, View};

use super::{Ctx, Output};

use rust_decimal::Decimal;

/// The arguments of `safe total`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Total the fund: allocated, ceiling, headroom, utilisation",
    long_about = "Total the fund: the allocated sum, the ceiling, the unallocated headroom, \
the number of members and the utilisation of the ceiling. With --expect, exit 1 when the \
allocated sum differs from AMOUNT, saying by how much.",
    after_help = "Examples:\n  safe total\n  safe total --expect 149.9337bn\n  safe --edition council-2026-02 total --json"
)]
pub struct Args {
    /// Exit 1 unless the allocated sum is exactly AMOUNT
    #[arg(long, value_name = "AMOUNT", value_parser = crate::values::amount, allow_hyphen_values = true)]
    pub expect: Option<Decimal>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let report = total_report(data, args.expect)?;
    let failed: Vec<String> = report
        .expectation
        .iter()
        .map(|e| expectation_check(report.allocated, e))
        .filter(|c| !c.passed)
        .map(|c| super::check::complaint(&c))
        .collect();
    Ok(Output::report(report, Subject::of(data)).failing_on(failed))
}

impl Report for TotalReport {
    fn checks(&self) -> Option<Vec<CheckLine>> {
        self.expectation
            .as_ref()
            .map(|e| super::check::check_lines(&[expectation_check(self.allocated, e)]))
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View<'_> {
        let mut rows = vec![
            vec![
                Cell::key("allocated", "allocated"),
                Cell::Money(self.allocated),
            ],
            vec![Cell::key("ceiling", "ceiling"), Cell::Money(self.ceiling)],
            vec![
                Cell::key("headroom", "headroom"),
                Cell::Money(self.headroom),
            ],
            vec![
                Cell::key("member_count", "members"),
                Cell::Int(self.member_count as i64),
            ],
            vec![
                Cell::key("confirmed", "confirmed"),
                Cell::Int(self.confirmed as i64),
            ],
            vec![
                Cell::key("utilisation_pct", "utilisation"),
                Cell::Pct(self.utilisation_pct),
            ],
        ];
        if let Some(e) = &self.expectation {
            rows.push(vec![
                Cell::key("expected", "expected"),
                Cell::Money(e.expected),
            ]);
            rows.push(vec![
                Cell::key("difference", "difference"),
                Cell::Money(e.difference),
            ]);
        }
        View {
            blocks: vec![Block::Grid(Grid {
                columns: vec![
                    Column::text("metric", "metric"),
                    Column::number("value", "value"),
                ],
                rows: rows.into(),
                footer: Vec::new(),
            })],
        }
    }
}
