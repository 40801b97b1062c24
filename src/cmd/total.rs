//! `safe total`: the allocated sum, the ceiling, the headroom, the number of
//! members and the utilisation; `--expect` turns it into a CI check.

use crate::analysis::check::expectation_check;
use crate::analysis::total::{TotalReport, total_report};
use crate::export::view::{FigureRow, Measure};
use crate::export::{Block, Cell, CheckLine, Grid, Report, Subject, View};
use anyhow::Result;

use super::{Ctx, Output};

use rust_decimal::Decimal;

/// The arguments of `safe total`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Total the fund: allocated, ceiling, headroom, utilisation",
    long_about = "Total the fund: the allocated sum, the ceiling, the unallocated headroom, \
the number of members and the utilisation of the ceiling. With --expect, exit 1 when the \
allocated sum differs from AMOUNT, saying by how much.",
    after_help = "Examples:\n  safe total\n  safe total --expect 147471930258\n  SAFE_EDITION=commission-2025-09 safe total --expect 149.9337bn\n  safe --edition council-2026-02 total --json"
)]
pub struct Args {
    /// Exit 1 unless the allocated sum is exactly AMOUNT
    #[arg(long, value_name = "AMOUNT", value_parser = crate::values::amount, allow_hyphen_values = true)]
    pub expect: Option<Decimal>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    // The totals only: a large table is summed up without its rows.
    let data = ctx.summary()?;
    let report = total_report(&data, args.expect)?;
    let failed: Vec<String> = report
        .expectation
        .iter()
        .map(|e| expectation_check(report.allocated, e))
        .filter(|c| !c.passed)
        .map(|c| super::check::complaint(&c))
        .collect();
    Ok(Output::report(report, Subject::of_summary(&data)).failing_on(failed))
}

impl Report for TotalReport {
    fn checks(&self) -> Option<Vec<CheckLine>> {
        self.expectation
            .as_ref()
            .map(|e| super::check::check_lines(&[expectation_check(self.allocated, e)], false))
    }

    fn shows_edition_note(&self) -> bool {
        true
    }

    fn view(&self) -> View<'_> {
        let money = self.precision.money();
        let bounded = |value: Decimal, min: Decimal, max: Decimal| {
            FigureRow::bounded(
                Cell::MoneyAt(value, money),
                min,
                max,
                Measure::Money,
                Some(money),
            )
        };
        let mut rows = vec![
            bounded(self.allocated, self.allocated_min, self.allocated_max)
                .row("allocated", "allocated"),
            FigureRow::exact(Cell::MoneyAt(self.ceiling, money), self.ceiling)
                .row("ceiling", "ceiling"),
            bounded(self.headroom, self.headroom_min, self.headroom_max)
                .row("headroom", "headroom"),
            FigureRow::count(self.member_count).row("member_count", "members"),
            FigureRow::count(self.confirmed).row("confirmed", "confirmed"),
            FigureRow::bounded(
                Cell::Pct(self.utilisation_pct),
                self.utilisation_min_pct,
                self.utilisation_max_pct,
                Measure::Pct,
                None,
            )
            .row("utilisation_pct", "utilisation"),
        ];
        if let Some(e) = &self.expectation {
            rows.push(
                FigureRow::exact(Cell::MoneyAt(e.expected, money), e.expected)
                    .row("expected", "expected"),
            );
            rows.push(
                FigureRow::bounded(
                    Cell::money_change(e.difference),
                    e.difference_min,
                    e.difference_max,
                    Measure::Money,
                    Some(money),
                )
                .row("difference", "difference"),
            );
        }
        View {
            blocks: vec![Block::Grid(Grid {
                columns: FigureRow::columns("metric"),
                rows: rows.into(),
                footer: Vec::new(),
                json: None,
            })],
        }
    }
}
