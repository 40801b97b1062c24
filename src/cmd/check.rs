//! `safe check`: the table against the regulation's rules and the user's
//! expectations; exit 1 when any check fails.

use rust_decimal::Decimal;

use crate::analysis::check::{
    CONCENTRATION_CAP_PCT, CONCENTRATION_TOP, Check, CheckId, CheckReport, check_report,
};
use crate::error::Result;
use crate::export::{Block, Cell, CheckLine, Column, Grid, Report, Subject, View};
use crate::money::format_short;
use crate::names::member_state;
use crate::words::some_of;

use super::{Ctx, Output};

/// The arguments of `safe check`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Check the table against the regulation's rules (exit 1 on failure)",
    long_about = "Check the table against the regulation: the allocated sum within the \
ceiling (Art. 6), the three largest recipients within 60% of the ceiling (Art. 13), every \
recipient an EU member state (Art. 5), plus any expectations given. Exits 0 when every check \
passes and 1 when any fails.",
    after_help = "Examples:\n  safe check\n  safe check --expect-total 149.9337bn --expect-members 19\n  safe check --format junit > safe-junit.xml\n  safe check --format github"
)]
pub struct Args {
    /// Also check that the allocated sum is exactly AMOUNT
    #[arg(long, value_name = "AMOUNT", value_parser = crate::values::amount, allow_hyphen_values = true)]
    pub expect_total: Option<Decimal>,
    /// Also check that the table has exactly N members
    #[arg(long, value_name = "N")]
    pub expect_members: Option<usize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let report = check_report(data, args.expect_total, args.expect_members)?;
    let failed = report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(complaint)
        .collect();
    Ok(Output::report(report, Subject::of(data)).failing_on(failed))
}

/// The stderr line for a failed check.
pub fn complaint(c: &Check) -> String {
    format!("check failed: {}: {}", rule(c), detail(c))
}

/// The rule a check tests, in words.
pub fn rule(c: &Check) -> String {
    match c.id {
        CheckId::Ceiling => "total within the ceiling".to_string(),
        CheckId::Concentration => {
            format!("top {CONCENTRATION_TOP} within {CONCENTRATION_CAP_PCT}% of the ceiling")
        }
        CheckId::MemberStates => "EU member states only".to_string(),
        CheckId::ExpectedTotal => format!("total is {}", format_short(c.limit)),
        CheckId::ExpectedMembers => plural(c.limit, "member"),
    }
}

/// `1 member`, `19 members`.
fn plural(n: Decimal, noun: &str) -> String {
    if n == Decimal::ONE {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The outcome of a check in one sentence, with its figures.
pub fn detail(c: &Check) -> String {
    let side = |passed: bool| if passed { "under" } else { "over" };
    let more_or_less = |d: Decimal| if d.is_sign_negative() { "less" } else { "more" };
    let difference = c.difference.unwrap_or_default();
    match c.id {
        CheckId::Ceiling => format!(
            "{} of {}: {} {} the ceiling",
            format_short(c.actual),
            format_short(c.limit),
            format_short(c.margin.abs()),
            side(c.passed)
        ),
        CheckId::Concentration => format!(
            "{} {} = {}%: {} {} the {} cap",
            c.members.join("+"),
            format_short(c.actual),
            c.actual_pct_of_ceiling.unwrap_or_default(),
            format_short(c.margin.abs()),
            side(c.passed),
            format_short(c.limit),
        ),
        CheckId::MemberStates if c.passed => "all members are EU member states".to_string(),
        CheckId::MemberStates => {
            let mut problems = Vec::new();
            if !c.members.is_empty() {
                problems.push(format!(
                    "not EU member states: {}",
                    some_of(&c.members, LISTED)
                ));
            }
            if !c.listed_twice.is_empty() {
                let twice: Vec<String> = c
                    .listed_twice
                    .iter()
                    .map(|[first, second]| {
                        let name = member_state(first).map_or(first.as_str(), |s| s.name.as_str());
                        format!("{name} as {first} and {second}")
                    })
                    .collect();
                problems.push(format!("listed twice: {}", some_of(&twice, LISTED)));
            }
            problems.join("; ")
        }
        CheckId::ExpectedTotal if c.passed => format!("{} as expected", format_short(c.actual)),
        CheckId::ExpectedTotal => format!(
            "{} but expected {}: {} {}",
            format_short(c.actual),
            format_short(c.limit),
            format_short(difference.abs()),
            more_or_less(difference)
        ),
        CheckId::ExpectedMembers if c.passed => {
            format!("{} as expected", plural(c.actual, "member"))
        }
        CheckId::ExpectedMembers => {
            format!("{} but expected {}", plural(c.actual, "member"), c.limit)
        }
    }
}

/// How many members a check's one-line detail names before it counts the
/// rest.
const LISTED: usize = 5;

/// The checks with their words, for the CI formats.
pub fn check_lines(checks: &[Check]) -> Vec<CheckLine> {
    checks
        .iter()
        .map(|c| CheckLine {
            check: c.clone(),
            rule: rule(c),
            detail: detail(c),
        })
        .collect()
}

impl Report for CheckReport {
    fn checks(&self) -> Option<Vec<CheckLine>> {
        Some(check_lines(&self.checks))
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View<'_> {
        View {
            blocks: check_blocks(self),
        }
    }
}

/// One check as a line of prose: `Art. 13 (top 3 within …): … .`
pub fn check_note(c: &Check) -> Block<'_> {
    Block::Note(format!(
        "{} ({}): {}{}.",
        c.reference.unwrap_or("Check"),
        rule(c),
        detail(c),
        if c.passed { "" } else { " (FAILS)" }
    ))
}

/// The checks as a table and a verdict (also used by `what-if`). CSV gets
/// the figures (id, reference, rule, passed, actual, limit, margin,
/// unit); tables show the rule, its reference, pass or FAIL and the
/// figures in words.
pub fn check_blocks(report: &CheckReport) -> Vec<Block<'_>> {
    let failed = report.checks.iter().filter(|c| !c.passed).count();
    let verdict = if failed == 0 {
        format!("All {} checks pass.", report.checks.len())
    } else {
        format!("{failed} of {} checks FAIL.", report.checks.len())
    };
    vec![
        Block::Part("checks"),
        Block::Grid(Grid {
            columns: vec![
                Column::text("id", "id").machine_only(),
                Column::text("reference", "ref."),
                Column::text("rule", "check"),
                Column::text("passed", "status"),
                Column::number("actual", "actual").machine_only(),
                Column::number("limit", "limit").machine_only(),
                Column::number("margin", "margin").machine_only(),
                Column::text("unit", "unit").machine_only(),
                Column::text("detail", "figures").human_only(),
            ],
            rows: report
                .checks
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(c.id.as_str()),
                        Cell::text(c.reference.unwrap_or("")),
                        Cell::text(rule(c)),
                        Cell::Check(c.passed),
                        Cell::Number(c.actual),
                        Cell::Number(c.limit),
                        Cell::Number(c.margin),
                        Cell::text(c.unit.as_str()),
                        Cell::text(detail(c)),
                    ]
                })
                .collect(),
            footer: Vec::new(),
        }),
        Block::Note(verdict),
    ]
}
