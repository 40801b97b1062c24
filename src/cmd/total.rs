//! `safe total`: the allocated sum, the ceiling, the headroom, the number of
//! members and the utilisation; `--expect` turns it into a CI check.

use crate::analysis::check::{Check, expectation_check};
use crate::analysis::total::{TotalReport, total_report};
use crate::cli::TotalArgs;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};

use super::{Ctx, Outcome};

pub fn run(args: &TotalArgs, ctx: &Ctx) -> Result<Outcome> {
    let report = total_report(&ctx.data, args.expect)?;
    let failed: Vec<String> = report
        .checks()
        .unwrap_or_default()
        .iter()
        .filter(|c| !c.passed)
        .map(super::check::complaint)
        .collect();
    ctx.judge(&report, failed.is_empty(), failed)
}

impl Report for TotalReport {
    fn command(&self) -> &'static str {
        "total"
    }

    fn checks(&self) -> Option<Vec<Check>> {
        self.expectation
            .as_ref()
            .map(|e| vec![expectation_check(self.allocated, e)])
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
