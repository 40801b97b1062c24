//! `safe check`: the table against the regulation's rules and the user's
//! expectations; exit 1 when any check fails.

use crate::analysis::check::{Check, CheckReport, check_report};
use crate::cli::CheckArgs;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};

use super::{Ctx, Outcome};

pub fn run(args: &CheckArgs, ctx: &Ctx) -> Result<Outcome> {
    let report = check_report(&ctx.data, args.expect_total, args.expect_members)?;
    let complaint = report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(complaint)
        .collect();
    ctx.judge(&report, report.ok, complaint)
}

/// The stderr line for a failed check.
pub fn complaint(c: &Check) -> String {
    format!("check failed: {}: {}", c.rule, c.detail)
}

impl Report for CheckReport {
    fn command(&self) -> &'static str {
        "check"
    }

    fn checks(&self) -> Option<Vec<Check>> {
        Some(self.checks.clone())
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View {
        View {
            blocks: check_blocks(self),
        }
    }
}

/// One check as a line of prose: `Art. 13 (top 3 within …): … .`
pub fn check_note(c: &Check) -> Block {
    Block::Note(format!(
        "{} ({}): {}{}.",
        c.reference.unwrap_or("Check"),
        c.rule,
        c.detail,
        if c.passed { "" } else { " (FAILS)" }
    ))
}

/// The checks as a table and a verdict (also used by `what-if`).
pub fn check_blocks(report: &CheckReport) -> Vec<Block> {
    let failed = report.checks.iter().filter(|c| !c.passed).count();
    let verdict = if failed == 0 {
        format!("All {} checks pass.", report.checks.len())
    } else {
        format!("{failed} of {} checks FAIL.", report.checks.len())
    };
    vec![
        Block::Table(Table {
            columns: vec![
                Column::text("rule", "check"),
                Column::text("reference", "ref."),
                Column::text("status", "status"),
                Column::text("detail", "figures"),
            ],
            rows: report
                .checks
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(&c.rule),
                        Cell::text(c.reference.unwrap_or("")),
                        Cell::Check(c.passed),
                        Cell::text(&c.detail),
                    ]
                })
                .collect(),
            footer: Vec::new(),
        }),
        Block::Note(verdict),
    ]
}
