//! The regulation's rules as checks on a table: the ceiling (Art. 6), the
//! concentration cap on the three largest recipients (Art. 13), loans to EU
//! member states only (Art. 5), and the expectations a user states.

use rust_decimal::Decimal;
use serde::Serialize;

use super::bounds::{Range, Verdict, top_sum};
use super::rank::ranked_top;
use super::total::Expectation;
use super::{pct, sub, sum};
use crate::dataset::{Dataset, Text};
use crate::error::Result;
use crate::money::percent_of_exact;
use crate::names::member_state;

/// Art. 13: the three largest recipients together may not exceed this share
/// of the envelope.
pub const CONCENTRATION_CAP_PCT: u32 = 60;
/// How many of the largest recipients Art. 13 counts.
pub const CONCENTRATION_TOP: usize = 3;

/// The `check` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Whether every check passed on the stated figures.
    pub ok: bool,
    /// Every check within the bounds of rounded figures: `fail` if any
    /// fails for every value within them, else `undetermined` if any may
    /// go either way, else `pass`.
    pub robust: Verdict,
    pub checks: Vec<Check>,
    /// Whether an undetermined check counts as failed (`--strict`).
    pub strict: bool,
}

/// Which rule a check tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    /// Art. 6: the allocated sum within the ceiling.
    Ceiling,
    /// Art. 13: the three largest within 60% of the ceiling.
    Concentration,
    /// Art. 5: EU member states only, each once.
    MemberStates,
    /// `--expect-total` / `total --expect`.
    ExpectedTotal,
    /// `--expect-members`.
    ExpectedMembers,
}

impl CheckId {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Ceiling => "ceiling",
            CheckId::Concentration => "concentration",
            CheckId::MemberStates => "member_states",
            CheckId::ExpectedTotal => "expected_total",
            CheckId::ExpectedMembers => "expected_members",
        }
    }
}

/// What a check's figures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckUnit {
    /// Euros.
    Eur,
    /// Members.
    Count,
}

impl CheckUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckUnit::Eur => "eur",
            CheckUnit::Count => "count",
        }
    }
}

/// One rule and its outcome, in figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub id: CheckId,
    /// Where the rule comes from (`Art. 6`): only for a SAFE table.
    pub reference: Option<&'static str>,
    pub passed: bool,
    /// The figure tested.
    pub actual: Decimal,
    /// The figure it is tested against.
    pub limit: Decimal,
    /// Room left under the limit: `limit − actual` for the limits,
    /// `−|actual − limit|` for the expectations. Negative exactly when the
    /// check fails.
    pub margin: Decimal,
    /// For the expectations: `actual − limit`, signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Decimal>,
    pub unit: CheckUnit,
    /// Codes of the members concerned: the three largest
    /// (`concentration`), the codes that are not member states
    /// (`member_states`).
    pub members: Vec<Text>,
    /// `member_states`: states listed under two codes, as
    /// `[first code, second code]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub listed_twice: Vec<[String; 2]>,
    /// `concentration`: the three largest as a percentage of the ceiling,
    /// rounded to 2 places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_pct_of_ceiling: Option<Decimal>,
    /// `concentration`: members outside the three with the third's
    /// amount (either could be counted; the sum is the same).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tied: Vec<Text>,
    /// The outcome for every value within the bounds of rounded figures.
    pub robust: Verdict,
    /// The bounds of the figure tested (`actual` itself when exact).
    pub actual_min: Decimal,
    pub actual_max: Decimal,
    /// The line of the file the first row concerned stands on (a CSV or
    /// TSV table's), for CI annotations.
    #[serde(skip)]
    pub line: Option<usize>,
}

impl Check {
    fn new(id: CheckId, passed: bool, actual: Decimal, limit: Decimal, margin: Decimal) -> Check {
        Check {
            id,
            reference: None,
            passed,
            actual,
            limit,
            margin: nonzero_sign(margin),
            difference: None,
            unit: CheckUnit::Eur,
            members: Vec::new(),
            listed_twice: Vec::new(),
            actual_pct_of_ceiling: None,
            tied: Vec::new(),
            robust: if passed { Verdict::Pass } else { Verdict::Fail },
            actual_min: actual,
            actual_max: actual,
            line: None,
        }
    }

    /// The check with `actual` within `bounds`, judged against `limit` by
    /// `passes`.
    fn within(self, bounds: Range, passes: impl Fn(Decimal) -> bool) -> Check {
        // Every check here is monotone: the least and the greatest values
        // are the extremes of passing.
        let (low, high) = (passes(bounds.min), passes(bounds.max));
        Check {
            robust: match (low, high) {
                (true, true) => Verdict::Pass,
                (false, false) => Verdict::Fail,
                _ => Verdict::Undetermined,
            },
            actual_min: bounds.min,
            actual_max: bounds.max,
            ..self
        }
    }
}

/// `d` without the sign of a negative zero (`-0` prints as `0`).
fn nonzero_sign(d: Decimal) -> Decimal {
    if d.is_zero() { Decimal::ZERO } else { d }
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
    let bounds = Range {
        min: data.allocated_min,
        max: data.allocated_max,
    };
    Ok(Check {
        reference: cite(data, "Art. 6"),
        ..Check::new(CheckId::Ceiling, actual <= limit, actual, limit, margin)
    }
    .within(bounds, |v| v <= limit))
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
    let bounds = if data.is_rounded() {
        let what = "the three largest";
        Range {
            min: top_sum(
                data.allocations.iter().map(|a| a.min),
                CONCENTRATION_TOP,
                what,
            )?,
            max: top_sum(
                data.allocations.iter().map(|a| a.max),
                CONCENTRATION_TOP,
                what,
            )?,
        }
    } else {
        Range::exact(actual)
    };
    let tied = match top.last().filter(|_| top.len() == CONCENTRATION_TOP) {
        Some(third) => {
            crate::analysis::rank::ranked_top_with_ties(&data.allocations, CONCENTRATION_TOP)
                .into_iter()
                .skip(CONCENTRATION_TOP)
                .filter(|r| r.allocation.amount == third.allocation.amount)
                .map(|r| r.allocation.code.clone())
                .collect()
        }
        None => Vec::new(),
    };
    Ok(Check {
        reference: cite(data, "Art. 13"),
        members: top.iter().map(|r| r.allocation.code.clone()).collect(),
        actual_pct_of_ceiling: Some(pct(actual, data.fund.ceiling, "the concentration share")?),
        tied,
        ..Check::new(
            CheckId::Concentration,
            actual <= limit,
            actual,
            limit,
            margin,
        )
    }
    .within(bounds, |v| v <= limit))
}

/// Art. 5: loans go to EU member states only, and each state is one
/// recipient (`EL` and `GR` are both Greece).
pub fn member_states_check(data: &Dataset) -> Check {
    let mut outsiders: Vec<Text> = Vec::new();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut twice: Vec<[String; 2]> = Vec::new();
    for a in &data.allocations {
        match member_state(&a.code) {
            None => outsiders.push(a.code.clone()),
            Some(state) => match seen.iter().find(|(canonical, _)| *canonical == state.code) {
                Some((_, first)) => twice.push([first.to_string(), a.code.to_string()]),
                None => seen.push((&state.code, &a.code)),
            },
        }
    }
    let count = Decimal::from(outsiders.len() + twice.len());
    Check {
        reference: cite(data, "Art. 5"),
        unit: CheckUnit::Count,
        members: outsiders,
        listed_twice: twice,
        ..Check::new(
            CheckId::MemberStates,
            count.is_zero(),
            count,
            Decimal::ZERO,
            -count,
        )
    }
}

/// The allocated sum equals what the user expects.
pub fn expected_total_check(data: &Dataset, expected: Decimal) -> Result<Check> {
    let bounds = Range {
        min: data.allocated_min,
        max: data.allocated_max,
    };
    Ok(expectation_check(
        data.allocated,
        &Expectation::new(data.allocated, bounds, expected)?,
    ))
}

/// An expectation of the total (from `check --expect-total` or
/// `total --expect`) as a check. Within rounding, it passes only when the
/// total is exactly the expected one, and fails when the expected total
/// lies outside the bounds.
pub fn expectation_check(actual: Decimal, e: &Expectation) -> Check {
    let (min, max) = (e.bounds.min, e.bounds.max);
    let check = Check {
        difference: Some(nonzero_sign(e.difference)),
        ..Check::new(
            CheckId::ExpectedTotal,
            e.matches,
            actual,
            e.expected,
            -e.difference.abs(),
        )
    };
    let inside = min <= e.expected && e.expected <= max;
    Check {
        robust: if min == max {
            check.robust
        } else if inside {
            Verdict::Undetermined
        } else {
            Verdict::Fail
        },
        actual_min: min,
        actual_max: max,
        ..check
    }
}

/// The number of members equals what the user expects.
pub fn expected_members_check(data: &Dataset, expected: usize) -> Check {
    let actual = Decimal::from(data.allocations.len());
    let expected = Decimal::from(expected);
    let difference = actual - expected;
    Check {
        difference: Some(difference),
        unit: CheckUnit::Count,
        ..Check::new(
            CheckId::ExpectedMembers,
            difference.is_zero(),
            actual,
            expected,
            -difference.abs(),
        )
    }
}

/// The verdict of several checks within rounding.
pub fn overall(checks: &[Check]) -> Verdict {
    if checks.iter().any(|c| c.robust == Verdict::Fail) {
        Verdict::Fail
    } else if checks.iter().any(|c| c.robust == Verdict::Undetermined) {
        Verdict::Undetermined
    } else {
        Verdict::Pass
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
    // A finding about rows points at the first of them.
    for c in &mut checks {
        let first = c
            .members
            .first()
            .map(|m| m.as_str())
            .or_else(|| c.listed_twice.first().map(|[_, second]| second.as_str()));
        c.line = first.and_then(|code| data.line_of(code));
    }
    Ok(CheckReport {
        ok: checks.iter().all(|c| c.passed),
        robust: overall(&checks),
        checks,
        strict: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;

    #[test]
    fn bundled_table_passes_the_regulation() {
        let data = seed_edition().unwrap();
        let report = check_report(&data, None, Some(19)).unwrap();
        assert!(report.ok);
        let c = &report.checks[1];
        assert_eq!(c.actual.to_string(), "76590000000");
        assert_eq!(c.margin.to_string(), "13410000000");
        assert_eq!(c.actual_pct_of_ceiling.unwrap().to_string(), "51.06");
        assert_eq!(c.members, ["PL", "RO", "FR"]);
        assert_eq!(report.checks[2].margin.to_string(), "0");
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
        assert_eq!(check.listed_twice, [["EL".to_string(), "GR".to_string()]]);
        assert_eq!(check.margin.to_string(), "-1");
    }

    #[test]
    fn expectations_can_fail() {
        let data = seed_edition().unwrap();
        let report =
            check_report(&data, Some(Decimal::from(150_000_000_000u64)), Some(20)).unwrap();
        assert!(!report.ok);
        assert!(!report.checks[3].passed);
        let total = &report.checks[3];
        assert_eq!(total.difference, Some(Decimal::from(-66_300_000)));
        // A failing check's margin is negative, whichever side it misses on.
        assert_eq!(total.margin, Decimal::from(-66_300_000));
        let members = &report.checks[4];
        assert!(!members.passed);
        assert_eq!(members.difference, Some(Decimal::from(-1)));
        assert_eq!(members.margin, Decimal::from(-1));
    }
}
