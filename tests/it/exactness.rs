//! Exact arithmetic: big-integer oracles, values near the limits, overflow as errors.

use crate::support::*;
use num_bigint::BigInt;
use proptest::prelude::*;
use rust_decimal::Decimal;
use safe::analysis::check::concentration_check;
use safe::dataset::parse;

#[test]
fn exact_decimals_tenths_add_up_to_the_ceiling() {
    let data = table("0.3", &[("AA", "Alpha", "0.1"), ("BB", "Beta", "0.2")]);
    let run = Test::new().data(&data).args(["total", "--json"]).run().ok();
    assert!(run.stdout.contains("\"headroom\": 0,"), "{}", run.stdout);
    assert!(run.stdout.contains("\"allocated\": 0.3,"), "{}", run.stdout);
    let json = Test::new()
        .data(&data)
        .args(["check", "--json"])
        .run()
        .code(1)
        .json();
    // Within the ceiling exactly (the other rules fail: two members, not EU).
    assert_eq!(json["checks"][0]["passed"], true);
    assert_eq!(text(&json["checks"][0]["margin"]), "0");
    // The same figures as JSON numbers rather than strings.
    let data = fixture("good/tenths.json");
    let json = Test::new()
        .data(data)
        .args(["total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["headroom"]), "0");
    assert_eq!(text(&json["utilisation_pct"]), "100.00");
}

#[test]
fn exact_decimals_pass_check_on_an_eu_table() {
    let data = table(
        "0.3",
        &[
            ("PL", "Poland", "0.1"),
            ("RO", "Romania", "0.05"),
            ("FR", "France", "0.05"),
            ("HU", "Hungary", "0.1"),
        ],
    );
    // Three largest: 0.1 + 0.1 + 0.05 = 0.25 > 0.18, so only the ceiling passes;
    // a table of many small members passes every rule exactly.
    let json = Test::new()
        .data(&data)
        .args(["check", "--json"])
        .run()
        .code(1)
        .json();
    assert_eq!(text(&json["checks"][0]["margin"]), "0");
    let rows: Vec<(String, String, String)> =
        ["PL", "RO", "FR", "HU", "IT", "BE", "LT", "PT", "LV", "BG"]
            .iter()
            .map(|c| (c.to_string(), format!("Member {c}"), "0.03".to_string()))
            .collect();
    let rows: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    Test::new()
        .data(table("0.3", &rows))
        .args(["check"])
        .run()
        .ok()
        .stdout_has("All 3 checks pass");
}

/// The largest mantissa a `Decimal` holds (2^96 − 1).
fn max_mantissa() -> u128 {
    (1u128 << 96) - 1
}

/// An amount as (mantissa, scale): small, 28-digit, and near the limit.
fn amount() -> impl Strategy<Value = (u128, u32)> {
    let mantissa = prop_oneof![
        1u128..1_000_000,
        10u128.pow(27)..10u128.pow(28),
        (max_mantissa() - 1_000_000)..=max_mantissa(),
        1u128..=max_mantissa(),
    ];
    (mantissa, 0u32..=28)
}

fn text_of((mantissa, scale): (u128, u32)) -> String {
    let digits = mantissa.to_string();
    let scale = scale as usize;
    if scale == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{int}.{frac}")
}

/// The value × 10^28, exactly.
fn scaled((mantissa, scale): (u128, u32)) -> BigInt {
    BigInt::from(mantissa) * BigInt::from(10).pow(28 - scale)
}

fn scaled_decimal(d: Decimal) -> BigInt {
    BigInt::from(d.mantissa()) * BigInt::from(10).pow(28 - d.scale())
}

/// Whether a value × 10^28 can be held exactly by a `Decimal`.
fn representable(value: &BigInt) -> bool {
    let ten = BigInt::from(10);
    let mut v = value.clone();
    let mut scale = 28;
    while scale > 0 && (&v % &ten) == BigInt::from(0) {
        v /= &ten;
        scale -= 1;
    }
    v.magnitude() <= &num_bigint::BigUint::from(max_mantissa())
}

fn amounts_table(ceiling: &str, amounts: &[String]) -> String {
    let rows: Vec<String> = amounts
        .iter()
        .enumerate()
        .map(|(i, a)| format!(r#"{{"code":"M{i}","name":"Member {i}","amount":"{a}"}}"#))
        .collect();
    format!(
        r#"{{"schema_version":1,"fund":{{"name":"T","currency":"EUR","ceiling":"{ceiling}"}},"allocations":[{}]}}"#,
        rows.join(",")
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_total_is_exact_or_an_error(amounts in prop::collection::vec(amount(), 1..6)) {
        let texts: Vec<String> = amounts.iter().map(|&a| text_of(a)).collect();
        let exact: BigInt = amounts.iter().map(|&a| scaled(a)).sum();
        match parse("t", amounts_table("1", &texts).as_bytes()) {
            Ok(data) => {
                prop_assert!(representable(&exact));
                prop_assert_eq!(scaled_decimal(data.allocated), exact);
            }
            Err(e) => {
                prop_assert!(!representable(&exact), "refused a representable sum: {}", e.message());
                prop_assert!(e.message().contains("cannot be held exactly"), "{}", e.message());
            }
        }
    }

    #[test]
    fn the_concentration_cap_is_compared_exactly(
        ceiling in amount(),
        amounts in prop::collection::vec(amount(), 1..5),
    ) {
        let texts: Vec<String> = amounts.iter().map(|&a| text_of(a)).collect();
        let Ok(data) = parse("t", amounts_table(&text_of(ceiling), &texts).as_bytes()) else {
            return Ok(()); // an inexact total: covered above
        };
        let mut sorted: Vec<BigInt> = amounts.iter().map(|&a| scaled(a)).collect();
        sorted.sort();
        let top3: BigInt = sorted.iter().rev().take(3).sum();
        let cap_x100: BigInt = scaled(ceiling) * BigInt::from(60);
        match concentration_check(&data) {
            Ok(check) => {
                prop_assert_eq!(check.passed, top3.clone() * BigInt::from(100) <= cap_x100.clone());
                prop_assert_eq!(scaled_decimal(check.actual), top3.clone());
                prop_assert_eq!(scaled_decimal(check.limit) * BigInt::from(100), cap_x100.clone());
                prop_assert_eq!(scaled_decimal(check.margin) * BigInt::from(100), cap_x100 - top3 * BigInt::from(100));
            }
            Err(e) => {
                prop_assert!(e.message().contains("cannot compute exactly"), "{}", e.message());
                // Refused only when the cap, the top three or the margin
                // cannot be held exactly.
                let limit_ok = cap_x100.clone() % BigInt::from(100) == BigInt::from(0)
                    && representable(&(cap_x100.clone() / BigInt::from(100)));
                let margin = cap_x100.clone() - top3.clone() * BigInt::from(100);
                let margin_ok = margin.clone() % BigInt::from(100) == BigInt::from(0)
                    && representable(&(margin / BigInt::from(100)));
                prop_assert!(!(limit_ok && representable(&top3) && margin_ok), "{}", e.message());
            }
        }
    }
}

const MAX: &str = "79228162514264337593543950335";

const SLIVER: &str = "0.0000000000000000000000000001";

fn extreme_tables() -> Vec<(&'static str, String)> {
    vec![
        (
            "one member at the maximum",
            table(MAX, &[("PL", "Poland", MAX)]),
        ),
        (
            "maximum over a tiny ceiling",
            table(SLIVER, &[("PL", "Poland", MAX)]),
        ),
        (
            "slivers under a huge ceiling",
            table(
                MAX,
                &[
                    ("PL", "Poland", SLIVER),
                    ("RO", "Romania", SLIVER),
                    ("FR", "France", "0.0000000000000000000000000002"),
                ],
            ),
        ),
        (
            "near the maximum together",
            table(
                MAX,
                &[
                    ("PL", "Poland", "39614081257132168796771975167"),
                    ("RO", "Romania", "39614081257132168796771975167"),
                    ("FR", "France", "1"),
                ],
            ),
        ),
        (
            "mixed scales",
            table(
                "1000",
                &[
                    ("PL", "Poland", "999.9999999999999999999999999"),
                    ("RO", "Romania", SLIVER),
                ],
            ),
        ),
    ]
}

#[test]
fn extreme_tables_never_panic() {
    for (label, data) in extreme_tables() {
        for args in extreme_commands() {
            for format in ["table", "json", "csv", "markdown"] {
                let run = Test::new()
                    .data(&data)
                    .args(&args)
                    .args(["--format", format, "--unit", "bn"])
                    .stdin(&data)
                    .run();
                assert!(
                    matches!(run.code, 0 | 1 | 2 | 65),
                    "{label}: safe {} exited {}:\n{}",
                    run.args,
                    run.code,
                    run.stderr
                );
                if matches!(run.code, 2 | 65) {
                    assert!(
                        run.stdout.is_empty(),
                        "{label}: safe {}: output on failure",
                        run.args
                    );
                    assert_eq!(
                        run.stderr.lines().count(),
                        1,
                        "{label}: safe {}:\n{}",
                        run.args,
                        run.stderr
                    );
                }
            }
        }
    }
}

#[test]
fn overflow_is_reported_not_wrapped() {
    let data = table(SLIVER, &[("PL", "Poland", MAX)]);
    Test::new()
        .data(data)
        .args(["rank"])
        .run()
        .fails(65, "table.json: cannot compute exactly: a share");
}

#[test]
fn a_sum_past_28_digits_is_an_error_not_a_rounded_pass() {
    let data = table(
        "87400000000",
        &[
            ("A", "Alpha", "43700000000.000000000000000001"),
            ("B", "Beta", "43700000000.000000000000000001"),
        ],
    );
    for args in [
        vec!["total"],
        vec!["total", "--expect", "87400000000"],
        vec!["check"],
    ] {
        Test::new()
            .data(&data)
            .args(&args)
            .run()
            .fails(65, "the sum of amounts cannot be held exactly")
            .stderr_has("table.json:");
    }
}

#[test]
fn a_cap_that_cannot_be_held_exactly_is_an_error() {
    let data = table(
        "1.0000000000000000000000000001",
        &[("A", "Alpha", "0.6000000000000000000000000001")],
    );
    for command in ["check", "stats"] {
        Test::new()
            .data(&data)
            .args([command])
            .run()
            .fails(65, "cannot compute exactly: the concentration cap")
            .stderr_has("table.json: ");
    }
}

#[test]
fn a_huge_ceiling_is_checked_or_named() {
    // Above Decimal::MAX / 60: the cap is still computed (÷100, then ×60).
    let data = table("70000000000000000000000000000", &[("PL", "Poland", "1")]);
    let json = Test::new()
        .data(&data)
        .args(["check", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        text(&json["checks"][1]["limit"]),
        "42000000000000000000000000000"
    );
    Test::new().data(&data).args(["stats"]).run().ok();
    Test::new()
        .data(&data)
        .args(["diff", "commission-2025-09"])
        .run()
        .ok();
}

fn extreme_commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["rank"],
        vec!["rank", "--top", "1", "--asc"],
        vec!["total", "--expect", "1"],
        vec![
            "shares",
            "--method",
            "largest-remainder",
            "--precision",
            "10",
        ],
        vec!["shares", "--of", "allocated"],
        vec!["table", "--sort", "amount"],
        vec!["check", "--expect-total", "1", "--expect-members", "2"],
        vec!["show", "PL"],
        vec!["stats"],
        vec!["per-capita"],
        vec!["diff", "-"],
        vec!["what-if", "--add", "TR=5bn", "--fit", "pro-rata"],
        vec!["what-if", "--set", "PL=1", "--fit", "pro-rata"],
        vec!["chart", "--by", "share"],
        vec!["chart", "--svg", "-"],
        vec!["chart", "--by", "per-capita", "--svg", "-"],
        vec![],
    ]
}
