//! `safe stats`: count, total, mean, median, extremes, concentration (HHI,
//! Gini, the largest 1/3/5) and the Art. 13 position.

use crate::analysis::stats::{StatsReport, stats_report};
use anyhow::Result;
use rust_decimal::Decimal;

use crate::export::view::Measure;
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

impl Report for StatsReport<'_> {
    fn view(&self) -> View<'_> {
        let c = &self.concentration;
        let mut blocks = vec![
            Block::Grid(Grid {
                columns: columns(),
                rows: rows(self).into(),
                footer: Vec::new(),
                json: None,
            }),
            check_note(c),
        ];
        if self.total_min != self.total_max {
            blocks.push(Block::Note(
                "Within rounding: HHI, Gini and the shares of the allocated sum are worked out on the \
                 stated figures (marked ≈: their exact values are not known); the other figures show \
                 their bounds."
                    .to_string(),
            ));
        }
        View { blocks }
    }
}

/// The rows of the statistics: each figure with its bounds, the shares of
/// the largest together, and the code of a row about one member.
fn rows<'a>(r: &'a StatsReport<'_>) -> Vec<Vec<Cell<'a>>> {
    let p = r.figures;
    let money = p.money();
    let blank = || Cell::Empty;
    let bounded = |value: Decimal, min: Decimal, max: Decimal, places: i32| {
        vec![
            Cell::MoneyAt(value, places).about(min != max),
            Cell::range_at(min, max, Measure::Money, Some(places.max(money))),
            Cell::Money(min),
            Cell::Money(max),
        ]
    };
    let stated = |value: Cell<'static>| vec![value, blank(), blank(), blank()];
    let bounded_change = |value: Decimal, min: Decimal, max: Decimal| {
        vec![
            Cell::money_change(value).about(min != max),
            Cell::range_at(min, max, Measure::Money, Some(money)),
            Cell::Money(min),
            Cell::Money(max),
        ]
    };
    // Worked out on the stated figures only: not known exactly when
    // the table is rounded.
    let rounded = r.total_min != r.total_max;
    let row =
        |id: String, label: String, mut cells: Vec<Cell<'static>>, shares: [Cell<'static>; 5]| {
            let mut row = vec![Cell::key(id, label)];
            row.append(&mut cells);
            row.extend(shares);
            row
        };
    let no_shares = || [blank(), blank(), blank(), blank(), blank()];
    let mut rows = vec![
        row(
            "member_count".into(),
            "members".into(),
            stated(Cell::Int(r.member_count as i64)),
            no_shares(),
        ),
        row(
            "confirmed".into(),
            "confirmed figures".into(),
            stated(Cell::Int(r.confirmed as i64)),
            no_shares(),
        ),
        row(
            "total".into(),
            "total".into(),
            bounded(r.total, r.total_min, r.total_max, p.amount),
            no_shares(),
        ),
        row(
            "mean".into(),
            "mean".into(),
            bounded(r.mean, r.mean_min, r.mean_max, 2),
            no_shares(),
        ),
        row(
            "median".into(),
            "median".into(),
            bounded(r.median, r.median_min, r.median_max, money),
            no_shares(),
        ),
        row(
            "largest_member".into(),
            format!("largest: {} {}", r.max.code, r.max.name),
            bounded(r.max.amount, r.max.amount_min, r.max.amount_max, p.amount),
            no_shares(),
        ),
        row(
            "smallest_member".into(),
            format!("smallest: {} {}", r.min.code, r.min.name),
            bounded(r.min.amount, r.min.amount_min, r.min.amount_max, p.amount),
            no_shares(),
        ),
    ];
    for t in &r.top {
        rows.push(row(
            format!("largest_{}_together", t.n),
            format!("largest {} together", t.n),
            bounded(t.amount, t.amount_min, t.amount_max, p.amount),
            [
                Cell::Pct(t.share_of_allocated_pct).about(rounded),
                Cell::Pct(t.share_of_ceiling_pct)
                    .about(t.share_of_ceiling_min_pct != t.share_of_ceiling_max_pct),
                Cell::range(
                    t.share_of_ceiling_min_pct,
                    t.share_of_ceiling_max_pct,
                    Measure::Pct,
                ),
                Cell::Pct(t.share_of_ceiling_min_pct),
                Cell::Pct(t.share_of_ceiling_max_pct),
            ],
        ));
    }
    let c = &r.concentration;
    rows.push(row(
        "top3_cap".into(),
        format!(
            "{}% cap (Art. 13)",
            crate::analysis::check::CONCENTRATION_CAP_PCT
        ),
        stated(Cell::MoneyAt(c.limit, money)),
        no_shares(),
    ));
    rows.push(row(
        "top3_margin".into(),
        "room under the cap".into(),
        bounded_change(c.margin, c.limit - c.actual_max, c.limit - c.actual_min),
        no_shares(),
    ));
    rows.push(row(
        "hhi".into(),
        "HHI (0–10,000)".into(),
        stated(Cell::Number(r.hhi).about(rounded)),
        no_shares(),
    ));
    rows.push(row(
        "gini".into(),
        "Gini (0–1)".into(),
        stated(Cell::Number(r.gini).about(rounded)),
        no_shares(),
    ));
    // A row about one member carries its code (CSV's last column).
    for row in &mut rows {
        let code = match &row[0] {
            Cell::Key(key) if key.0 == "largest_member" => Cell::text(r.max.code),
            Cell::Key(key) if key.0 == "smallest_member" => Cell::text(r.min.code),
            _ => Cell::Empty,
        };
        row.push(code);
    }
    rows
}

/// The statistics' columns.
fn columns() -> Vec<Column> {
    vec![
        Column::text("metric", "statistic").essential(),
        Column::number("value", "value").essential(),
        Column::text("range", "within rounding")
            .human_only()
            .optional(),
        Column::number("min", "min").machine_only(),
        Column::number("max", "max").machine_only(),
        Column::number("share_of_allocated_pct", "of allocated")
            .priority(2)
            .short("% alloc."),
        Column::number("share_of_ceiling_pct", "of ceiling").short("% ceil."),
        Column::text("share_of_ceiling_range", "of ceiling, within rounding")
            .human_only()
            .optional()
            .priority(3)
            .short("% ceil. range"),
        Column::number("share_of_ceiling_min_pct", "of ceiling min").machine_only(),
        Column::number("share_of_ceiling_max_pct", "of ceiling max").machine_only(),
        // Columns since schema 4 follow.
        Column::text("code", "code").machine_only(),
    ]
}
