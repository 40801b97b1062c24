//! The regulation's rules as checks on a table: the ceiling (Art. 6), the
//! concentration cap on the three largest recipients (Art. 13), loans to EU
//! member states only (Art. 5), and the expectations a user states.

use rust_decimal::Decimal;
use serde::Serialize;

use super::rank::ranked_top;
use super::total::Expectation;
use super::{pct, sub, sum};
use crate::dataset::Dataset;
use crate::error::Result;
use crate::money::{format_short, percent_of_exact};
use crate::names::member_state;
use crate::text::some_of;

/// How many members a check's one-line detail names before it counts the
/// rest.
const LISTED: usize = 5;

/// Art. 13: the three largest recipients together may not exceed this share
/// of the envelope.
pub const CONCENTRATION_CAP_PCT: u32 = 60;
/// How many of the largest recipients Art. 13 counts.
pub const CONCENTRATION_TOP: usize = 3;

/// The `check` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Whether every check passed.
    pub ok: bool,
    pub checks: Vec<Check>,
}

/// One rule and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Stable identifier: `ceiling`, `concentration`, `member_states`,
    /// `expected_total`, `expected_members`.
    pub id: &'static str,
    /// Where the rule comes from (`Art. 6`), if from the regulation.
    pub reference: Option<&'static str>,
    /// The rule in words.
    pub rule: String,
    pub passed: bool,
    /// The figure tested.
    pub actual: Decimal,
    /// The figure it is tested against.
    pub limit: Decimal,
    /// `limit − actual`: room left (negative: by how much it fails).
    pub margin: Decimal,
    /// `eur` or `count`.
    pub unit: &'static str,
    /// Codes of the members concerned (the three largest; non-members).
    pub members: Vec<String>,
    /// The outcome in one sentence, with the figures.
    pub detail: String,
}

/// The article a rule comes from, cited only for a SAFE table (one whose
/// legal basis is Regulation (EU) 2025/1106): another fund's table gets
/// the same rules without a citation.
fn cite(data: &Dataset, article: &'static str) -> Option<&'static str> {
    data.fund.cites_regulation().then_some(article)
}

/// Art. 6: allocated ≤ ceiling.
pub fn ceiling_check(data: &Dataset) -> Result<Check> {
    let (actual, limit) = (data.allocated, data.fund.ceiling);
    let margin = sub(limit, actual, "the headroom")?;
    let passed = actual <= limit;
    let detail = format!(
        "{} of {}: {} {} the ceiling",
        format_short(actual),
        format_short(limit),
        format_short(margin.abs()),
        if passed { "under" } else { "over" }
    );
    Ok(Check {
        id: "ceiling",
        reference: cite(data, "Art. 6"),
        rule: "total within the ceiling".to_string(),
        passed,
        actual,
        limit,
        margin,
        unit: "eur",
        members: Vec::new(),
        detail,
    })
}

/// Art. 13: the three largest recipients ≤ 60% of the ceiling.
pub fn concentration_check(data: &Dataset) -> Result<Check> {
    let top = ranked_top(&data.allocations, CONCENTRATION_TOP);
    let actual = sum(
        top.iter().map(|r| &r.allocation.amount),
        "the three largest",
    )?;
    // The cap is computed exactly or not at all: comparing against a
    // rounded cap could pass a table that is over it.
    let limit = percent_of_exact(data.fund.ceiling, CONCENTRATION_CAP_PCT).ok_or_else(|| {
        crate::error::Error::overflow(format!(
            "the concentration cap ({CONCENTRATION_CAP_PCT}% of the ceiling)"
        ))
    })?;
    let margin = sub(limit, actual, "the concentration margin")?;
    let passed = actual <= limit;
    let share = pct(actual, data.fund.ceiling, "the concentration share")?;
    let codes: Vec<String> = top.iter().map(|r| r.allocation.code.clone()).collect();
    let detail = format!(
        "{} {} = {share}%: {} {} the {} cap",
        codes.join("+"),
        format_short(actual),
        format_short(margin.abs()),
        if passed { "under" } else { "over" },
        format_short(limit),
    );
    Ok(Check {
        id: "concentration",
        reference: cite(data, "Art. 13"),
        rule: format!("top {CONCENTRATION_TOP} within {CONCENTRATION_CAP_PCT}% of the ceiling"),
        passed,
        actual,
        limit,
        margin,
        unit: "eur",
        members: codes,
        detail,
    })
}

/// Art. 5: loans go to EU member states only, and each state is one
/// recipient (`EL` and `GR` are both Greece).
pub fn member_states_check(data: &Dataset) -> Check {
    let mut outsiders: Vec<String> = Vec::new();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut twice: Vec<String> = Vec::new();
    for a in &data.allocations {
        match member_state(&a.code) {
            None => outsiders.push(a.code.clone()),
            Some(state) => match seen.iter().find(|(canonical, _)| *canonical == state.code) {
                Some((_, first)) => twice.push(format!("{} as {first} and {}", state.name, a.code)),
                None => seen.push((&state.code, &a.code)),
            },
        }
    }
    let passed = outsiders.is_empty() && twice.is_empty();
    let mut problems = Vec::new();
    if !outsiders.is_empty() {
        problems.push(format!(
            "not EU member states: {}",
            some_of(&outsiders, LISTED)
        ));
    }
    if !twice.is_empty() {
        problems.push(format!("listed twice: {}", some_of(&twice, LISTED)));
    }
    let detail = if passed {
        format!("all {} are EU member states", data.allocations.len())
    } else {
        problems.join("; ")
    };
    let count = Decimal::from(outsiders.len() + twice.len());
    Check {
        id: "member_states",
        reference: cite(data, "Art. 5"),
        rule: "EU member states only".to_string(),
        passed,
        actual: count,
        limit: Decimal::ZERO,
        margin: -count,
        unit: "count",
        members: outsiders,
        detail,
    }
}

/// The allocated sum equals what the user expects.
pub fn expected_total_check(data: &Dataset, expected: Decimal) -> Result<Check> {
    Ok(expectation_check(
        data.allocated,
        &Expectation::new(data.allocated, expected)?,
    ))
}

/// An expectation of the total (from `check --expect-total` or
/// `total --expect`) as a check.
pub fn expectation_check(actual: Decimal, e: &Expectation) -> Check {
    let detail = if e.matches {
        format!("{} as expected", format_short(actual))
    } else {
        format!(
            "{} but expected {}: {} {}",
            format_short(actual),
            format_short(e.expected),
            format_short(e.difference.abs()),
            if e.difference.is_sign_negative() {
                "less"
            } else {
                "more"
            }
        )
    };
    Check {
        id: "expected_total",
        reference: None,
        rule: format!("total is {}", format_short(e.expected)),
        passed: e.matches,
        actual,
        limit: e.expected,
        margin: -e.difference,
        unit: "eur",
        members: Vec::new(),
        detail,
    }
}

/// The number of members equals what the user expects.
pub fn expected_members_check(data: &Dataset, expected: usize) -> Check {
    let actual = data.allocations.len();
    let passed = actual == expected;
    Check {
        id: "expected_members",
        reference: None,
        rule: format!("{expected} members"),
        passed,
        actual: Decimal::from(actual),
        limit: Decimal::from(expected),
        margin: Decimal::from(expected) - Decimal::from(actual),
        unit: "count",
        members: Vec::new(),
        detail: if passed {
            format!("{actual} members as expected")
        } else {
            format!("{actual} members but expected {expected}")
        },
    }
}

/// The regulation's checks, then the expectations given.
pub fn check_report(
    data: &Dataset,
    expect_total: Option<Decimal>,
    expect_members: Option<usize>,
) -> Result<CheckReport> {
    let mut checks = vec![
        ceiling_check(data)?,
        concentration_check(data)?,
        member_states_check(data),
    ];
    if let Some(total) = expect_total {
        checks.push(expected_total_check(data, total)?);
    }
    if let Some(n) = expect_members {
        checks.push(expected_members_check(data, n));
    }
    Ok(CheckReport {
        ok: checks.iter().all(|c| c.passed),
        checks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::bundled;

    #[test]
    fn bundled_table_passes_the_regulation() {
        let report = check_report(&bundled().unwrap(), None, Some(19)).unwrap();
        assert!(report.ok);
        let c = &report.checks[1];
        assert_eq!(c.actual.to_string(), "76590000000");
        assert_eq!(c.margin.to_string(), "13410000000");
        assert_eq!(
            c.detail,
            "PL+RO+FR €76.59bn = 51.06%: €13.41bn under the €90bn cap"
        );
        assert_eq!(c.members, ["PL", "RO", "FR"]);
    }

    #[test]
    fn a_member_state_under_two_codes_fails() {
        let data = crate::dataset::parse(
            "t",
            br#"{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":"100"},
            "allocations":[{"code":"EL","name":"Greece","amount":"1"},{"code":"GR","name":"Hellas","amount":"1"}]}"#,
        )
        .unwrap();
        let check = member_states_check(&data);
        assert!(!check.passed);
        assert_eq!(check.detail, "listed twice: Greece as EL and GR");
    }

    #[test]
    fn expectations_can_fail() {
        let data = bundled().unwrap();
        let report =
            check_report(&data, Some(Decimal::from(150_000_000_000u64)), Some(20)).unwrap();
        assert!(!report.ok);
        assert!(!report.checks[3].passed);
        assert!(
            report.checks[3].detail.contains("€66.3m less"),
            "{}",
            report.checks[3].detail
        );
        assert!(!report.checks[4].passed);
    }
}
