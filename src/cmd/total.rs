//! `safe total`: the allocated sum, the ceiling, the headroom, the number of
//! members and the utilisation; `--expect` turns it into a CI check.

use crate::analysis::totals::{TotalReport, total_report};
use crate::cli::TotalArgs;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};
use crate::money::format_short;

use super::{Ctx, Outcome};

pub fn run(args: &TotalArgs, ctx: &Ctx) -> Result<Outcome> {
    let report = total_report(&ctx.data, args.expect)?;
    let (ok, complaint) = match &report.expectation {
        Some(e) if !e.matches => (
            false,
            vec![format!(
                "expected total {} but the table allocates {}: {} {}",
                format_short(e.expected),
                format_short(report.allocated),
                format_short(e.difference.abs()),
                if e.difference.is_sign_negative() {
                    "less"
                } else {
                    "more"
                }
            )],
        ),
        _ => (true, Vec::new()),
    };
    ctx.judge(&report, ok, complaint)
}

impl Report for TotalReport {
    fn command(&self) -> &'static str {
        "total"
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View {
        let mut rows = vec![
            vec![Cell::text("allocated"), Cell::Money(self.allocated)],
            vec![Cell::text("ceiling"), Cell::Money(self.ceiling)],
            vec![Cell::text("headroom"), Cell::Money(self.headroom)],
            vec![Cell::text("members"), Cell::Int(self.members as i64)],
            vec![Cell::text("confirmed"), Cell::Int(self.confirmed as i64)],
            vec![Cell::text("utilisation"), Cell::Pct(self.utilisation_pct)],
        ];
        if let Some(e) = &self.expectation {
            rows.push(vec![Cell::text("expected"), Cell::Money(e.expected)]);
            rows.push(vec![Cell::text("difference"), Cell::Money(e.difference)]);
        }
        View {
            blocks: vec![Block::Table(Table {
                columns: vec![
                    Column::text("metric", "metric"),
                    Column::number("value", "value"),
                ],
                rows,
                footer: Vec::new(),
            })],
        }
    }
}
