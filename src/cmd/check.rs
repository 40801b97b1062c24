//! `safe check`: the table against the regulation's rules and the user's
//! expectations; exit 1 when any check fails.

use rust_decimal::Decimal;

use crate::analysis::bounds::Verdict;
use crate::analysis::check::{
    CONCENTRATION_CAP_PCT, CONCENTRATION_TOP, Check, CheckId, CheckReport, CheckUnit, check_report,
};
use crate::export::view::Measure;
use crate::export::{Block, Cell, CheckLine, Column, Grid, Report, Subject, View};
use crate::money::{format_compact, format_compact_apart, format_compact_range, format_short};
use crate::names::member_state;
use crate::words::some_of;
use anyhow::Result;

use super::{Ctx, Output};

/// The arguments of `safe check`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Check the table against the regulation's rules (exit 1 on failure)",
    long_about = "Check the table against the regulation: the allocated sum within the \
ceiling (Art. 6), the three largest recipients within 60% of the ceiling (Art. 13), every \
recipient an EU member state (Art. 5), plus any expectations given. Exits 0 when every check \
passes and 1 when any fails.",
    after_help = "Examples:\n  safe check\n  safe check --expect-total 147471930258 --expect-members 19\n  safe check --format junit > safe-junit.xml\n  safe check --format github"
)]
pub struct Args {
    /// Also check that the allocated sum is exactly AMOUNT
    #[arg(long, value_name = "AMOUNT", value_parser = crate::values::amount, allow_hyphen_values = true)]
    pub expect_total: Option<Decimal>,
    /// Also check that the table has exactly N members
    #[arg(long, value_name = "N")]
    pub expect_members: Option<usize>,
    /// Fail (exit 1) also when a check is undetermined within the bounds
    /// of rounded figures (it passes on the stated figures but could fail
    /// on the exact ones)
    #[arg(long)]
    pub strict: bool,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let mut report = check_report(data, args.expect_total, args.expect_members)?;
    report.strict = args.strict;
    let failed = report
        .checks
        .iter()
        .filter(|c| fails(c, args.strict))
        .map(complaint)
        .collect();
    Ok(Output::report(report, Subject::of(data)).failing_on(failed))
}

/// Whether a check makes `safe check` fail: on the stated figures, or
/// (`--strict`) also when rounding could make it fail.
pub fn fails(c: &Check, strict: bool) -> bool {
    !c.passed || (strict && c.robust != Verdict::Pass)
}

/// The stderr line for a failed check.
pub fn complaint(c: &Check) -> String {
    if c.passed {
        format!(
            "check undetermined within rounding (--strict): {}: {}",
            rule(c),
            detail(c)
        )
    } else {
        format!("check failed: {}: {}", rule(c), detail(c))
    }
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

/// An amount for prose: rounded for reading (the exact figure is in the
/// table of figures beside it).
fn compact(d: Decimal) -> String {
    format_compact(d)
}

/// A check's figure and its bounds for prose: rounded for reading, never
/// printed on the wrong side of (or equal to) the limit it is compared
/// with, the bounds outward and as far apart as the exact ones; an
/// expected total's exactly, as its expectation is stated.
fn figures(c: &Check) -> [String; 3] {
    if c.actual_min == c.actual_max {
        let figure = if c.id == CheckId::ExpectedTotal {
            format_short(c.actual)
        } else {
            format_compact_apart(c.actual, &[c.limit])
        };
        return [figure.clone(), figure.clone(), figure];
    }
    // A rounded figure: `≈` before the stated one.
    let [low, mid, high] = if c.id == CheckId::ExpectedTotal {
        [c.actual_min, c.actual, c.actual_max].map(format_short)
    } else {
        format_compact_range(c.actual_min, c.actual, c.actual_max, &[c.limit])
    };
    [low, format!("≈{mid}"), high]
}

/// The bounds of a check's figure in prose, rounded outward, and what
/// they mean for the rule; empty when the figure is exact.
fn within_rounding(c: &Check) -> String {
    if c.actual_min == c.actual_max {
        return String::new();
    }
    let [low, _, high] = figures(c);
    let outcome = match c.robust {
        Verdict::Pass => "so it passes whatever the rounding",
        Verdict::Fail => "so it fails whatever the rounding",
        Verdict::Undetermined => "so rounding decides (undetermined)",
    };
    format!("; within rounding {low} to {high}, {outcome}")
}

/// The outcome of a check in one sentence, with its figures (amounts
/// rounded for reading, except an expected total, which is exact).
pub fn detail(c: &Check) -> String {
    let side = |passed: bool| if passed { "under" } else { "over" };
    let more_or_less = |d: Decimal| if d.is_sign_negative() { "less" } else { "more" };
    let difference = c.difference.unwrap_or_default();
    let text = match c.id {
        CheckId::Ceiling => format!(
            "{} of {}: {} {} the ceiling",
            figures(c)[1],
            format_short(c.limit),
            compact(c.margin.abs()),
            side(c.passed)
        ),
        CheckId::Concentration => {
            let tied = if c.tied.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} tie{} with {} at #{CONCENTRATION_TOP})",
                    c.tied.join(", "),
                    if c.tied.len() == 1 { "s" } else { "" },
                    c.members.last().map_or("", |m| m.as_str())
                )
            };
            format!(
                "{}{tied} {} = {}{}% of the ceiling: {} {} the {} cap",
                c.members.join("+"),
                figures(c)[1],
                if c.actual_min != c.actual_max {
                    "≈"
                } else {
                    ""
                },
                c.actual_pct_of_ceiling.unwrap_or_default(),
                compact(c.margin.abs()),
                side(c.passed),
                format_short(c.limit),
            )
        }
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
        CheckId::ExpectedTotal if c.passed => format!("{} as expected", figures(c)[1]),
        CheckId::ExpectedTotal => format!(
            "{} but expected {}: {} {}",
            figures(c)[1],
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
    };
    text + &within_rounding(c)
}

/// Codes separated by spaces (a list in one CSV cell).
fn codes(list: &[crate::dataset::Text]) -> String {
    list.iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many members a check's one-line detail names before it counts the
/// rest.
const LISTED: usize = 5;

/// The checks with their words, for the CI formats; `strict`: an
/// undetermined check fails.
pub fn check_lines(checks: &[Check], strict: bool) -> Vec<CheckLine> {
    checks
        .iter()
        .map(|c| CheckLine {
            check: c.clone(),
            rule: rule(c),
            detail: detail(c),
            fails: fails(c, strict),
        })
        .collect()
}

impl Report for CheckReport {
    fn checks(&self) -> Option<Vec<CheckLine>> {
        Some(check_lines(&self.checks, self.strict))
    }

    fn shows_edition_note(&self) -> bool {
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

/// What the checks come to, whatever the rounding (`All 3 checks pass.`;
/// `2 of 3 checks pass whatever the rounding; 1 is undetermined: …`).
fn verdict(report: &CheckReport) -> String {
    let n = report.checks.len();
    let bounded = report.checks.iter().any(|c| c.actual_min != c.actual_max);
    let failed = report.checks.iter().filter(|c| !c.passed).count();
    if !bounded {
        return match (failed, n) {
            (0, 1) => "The check passes.".to_string(),
            (0, n) => format!("All {n} checks pass."),
            (f, n) => format!("{f} of {n} checks FAIL."),
        };
    }
    let count = |v: Verdict| report.checks.iter().filter(|c| c.robust == v).count();
    let (pass, fail, undetermined) = (
        count(Verdict::Pass),
        count(Verdict::Fail),
        count(Verdict::Undetermined),
    );
    let mut parts = vec![match (pass, n) {
        (p, n) if p == n => format!("All {n} checks pass whatever the rounding"),
        (p, n) => format!("{p} of {n} pass whatever the rounding"),
    }];
    if fail > 0 {
        parts.push(format!(
            "{fail} FAIL{} whatever the rounding",
            if fail == 1 { "S" } else { "" }
        ));
    }
    if undetermined > 0 {
        let stated: Vec<String> = report
            .checks
            .iter()
            .filter(|c| c.robust == Verdict::Undetermined)
            .map(|c| {
                format!(
                    "{} {} on the stated figures",
                    c.reference.map_or_else(|| rule(c), str::to_string),
                    if c.passed { "passes" } else { "FAILS" }
                )
            })
            .collect();
        parts.push(format!(
            "{undetermined} undetermined: rounding decides ({}; safe check --strict fails on {})",
            stated.join(", "),
            if undetermined == 1 { "it" } else { "them" }
        ));
    }
    parts.join("; ") + "."
}

/// A check's figure as people read it: euros, or a count of members.
fn figure<'a>(c: &Check, value: Decimal, precision: i32) -> Cell<'a> {
    match c.unit {
        CheckUnit::Eur => Cell::MoneyAt(value, precision),
        CheckUnit::Count => Cell::text(plural(value, "member")),
    }
}

/// The checks as a table, a line of prose each and a verdict, then their
/// exact figures (also used by `what-if`). CSV writes the first table:
/// the figures, each check's rule and outcomes.
pub fn check_blocks(report: &CheckReport) -> Vec<Block<'_>> {
    let bounded = report.checks.iter().any(|c| c.actual_min != c.actual_max);
    let precision = report
        .checks
        .iter()
        .flat_map(|c| [c.actual, c.limit, c.margin, c.actual_min, c.actual_max])
        .map(crate::money::precision_of)
        .max()
        .unwrap_or(0);
    let mut blocks = vec![
        Block::Part("checks"),
        Block::Grid(Grid {
            columns: vec![
                Column::text("id", "id").machine_only(),
                Column::text("reference", "ref.").essential(),
                Column::text("rule", "check").priority(2),
                // People read the verdict that holds whatever the rounding,
                // and the stated figures' beside it when they differ.
                Column::text("status", "status").human_only().essential(),
                Column::text("stated", "on stated figures")
                    .human_only()
                    .optional()
                    .essential()
                    .short("stated"),
                Column::text("passed", "passed").machine_only(),
                Column::number("actual", "actual").machine_only(),
                Column::number("limit", "limit").machine_only(),
                Column::number("margin", "margin").machine_only(),
                Column::text("unit", "unit").machine_only(),
                // Columns since schema 3 follow those of before.
                Column::number("difference", "difference").machine_only(),
                Column::text("robust", "robust").machine_only(),
                Column::number("actual_pct_of_ceiling", "% of ceiling").machine_only(),
                Column::number("actual_min", "min").machine_only(),
                Column::number("actual_max", "max").machine_only(),
                // JSON's lists, as codes separated by spaces.
                Column::text("members", "members").machine_only(),
                Column::text("tied", "tied").machine_only(),
            ],
            rows: report
                .checks
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(c.id.as_str()),
                        Cell::text(c.reference.unwrap_or("")),
                        Cell::text(rule(c)),
                        match c.robust {
                            Verdict::Pass => Cell::Check(true),
                            Verdict::Fail => Cell::Check(false),
                            Verdict::Undetermined => Cell::Verdict("undetermined"),
                        },
                        if bounded {
                            Cell::Check(c.passed)
                        } else {
                            Cell::Empty
                        },
                        Cell::Check(c.passed),
                        Cell::Number(c.actual),
                        Cell::Number(c.limit),
                        Cell::Number(c.margin),
                        Cell::text(c.unit.as_str()),
                        c.difference.map_or(Cell::Empty, Cell::Number),
                        Cell::Verdict(c.robust.as_str()),
                        Cell::opt_pct(c.actual_pct_of_ceiling),
                        Cell::Number(c.actual_min),
                        Cell::Number(c.actual_max),
                        Cell::Text(codes(&c.members).into()),
                        Cell::Text(codes(&c.tied).into()),
                    ]
                })
                .collect(),
            footer: Vec::new(),
            json: None,
        }),
    ];
    for c in &report.checks {
        blocks.push(Block::Note(format!(
            "{}: {}.",
            c.reference.map_or_else(|| rule(c), str::to_string),
            detail(c)
        )));
    }
    blocks.push(Block::Note(verdict(report)));
    blocks.push(Block::Grid(Grid {
        columns: vec![
            Column::text("check", "figures").essential(),
            Column::number("actual", "actual").essential(),
            Column::text("range", "within rounding")
                .optional()
                .priority(3),
            Column::number("limit", "limit"),
            Column::number("margin", "margin"),
            Column::number("difference", "difference")
                .optional()
                .priority(2),
        ],
        rows: report
            .checks
            .iter()
            .map(|c| {
                vec![
                    Cell::text(c.reference.map_or_else(|| rule(c), str::to_string)),
                    figure(c, c.actual, precision).about(c.actual_min != c.actual_max),
                    match c.unit {
                        CheckUnit::Eur => Cell::range_at(
                            c.actual_min,
                            c.actual_max,
                            Measure::Money,
                            Some(precision),
                        ),
                        CheckUnit::Count => Cell::Empty,
                    },
                    figure(c, c.limit, precision),
                    figure(c, c.margin, precision).about(c.actual_min != c.actual_max),
                    c.difference.map_or(Cell::Empty, |d| match c.unit {
                        CheckUnit::Eur => Cell::money_change(d).about(c.actual_min != c.actual_max),
                        CheckUnit::Count => Cell::change(d, Measure::Count, d.cmp(&Decimal::ZERO)),
                    }),
                ]
            })
            .collect(),
        footer: Vec::new(),
        json: None,
    }));
    blocks
}
