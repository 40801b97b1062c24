//! Bounds of rounded figures against brute force: on small random tables of
//! whole-euro intervals, every combination of amounts is tried, and every
//! derived figure's bounds must hold each outcome (the stated one included)
//! and be attained (a quotient's, at its last printed digit, rounded
//! outward); checks are robust exactly when every combination agrees.

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use safe::analysis::check::check_report;
use safe::analysis::diff::diff_report;
use safe::analysis::rank::rank_report;
use safe::analysis::shares::{Base, Method, shares_report};
use safe::analysis::stats::stats_report;
use safe::analysis::total::total_report;
use safe::dataset::{Dataset, parse};
use serde_json::Value;

/// A row: (min, stated, max) in whole euros.
type Row = (i64, i64, i64);

fn rows(n: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (1i64..=30, 0i64..=3)
            .prop_flat_map(|(min, width)| (Just(min), min..=min + width, Just(min + width))),
        n,
    )
}

fn json(rows: &[Row], ceiling: i64) -> String {
    let rows: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, (min, stated, max))| {
            format!(
                r#"{{"code":"M{i}","name":"Member {i}","amount":{stated},"min":{min},"max":{max}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"schema_version":3,"fund":{{"name":"P","currency":"EUR","ceiling":"{ceiling}"}},"allocations":[{}]}}"#,
        rows.join(",")
    )
}

fn load(rows: &[Row], ceiling: i64) -> Dataset {
    parse("bounds", json(rows, ceiling).as_bytes()).expect("a valid table")
}

/// Every combination of whole amounts within the rows' bounds.
fn combinations(rows: &[Row]) -> Vec<Vec<i64>> {
    let mut all = vec![Vec::new()];
    for &(min, _, max) in rows {
        all = all
            .into_iter()
            .flat_map(|prefix: Vec<i64>| {
                (min..=max).map(move |x| {
                    let mut next = prefix.clone();
                    next.push(x);
                    next
                })
            })
            .collect();
    }
    all
}

fn dec(v: &Value) -> Decimal {
    v.to_string()
        .parse()
        .unwrap_or_else(|_| panic!("a number: {v}"))
}

/// A report as `safe --json` writes it (its listings made from the view's
/// fields), about `data`.
fn report(value: impl safe::export::Report, data: &safe::dataset::Dataset) -> Value {
    let subject = safe::export::Subject::of(data);
    let style = safe::export::Style {
        format: safe::export::Format::Json,
        ..Default::default()
    };
    let frame = safe::export::Frame {
        command: "test",
        subject: &subject,
        style,
    };
    serde_json::from_str(&safe::export::render(&value, &frame).unwrap()).unwrap()
}

const DOWN: RoundingStrategy = RoundingStrategy::ToNegativeInfinity;
const UP: RoundingStrategy = RoundingStrategy::ToPositiveInfinity;

/// The sum of the `k` largest.
fn top(amounts: &[i64], k: usize) -> i64 {
    let mut sorted = amounts.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.iter().take(k).sum()
}

fn median(amounts: &[i64]) -> Decimal {
    let mut sorted = amounts.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n % 2 == 1 {
        Decimal::from(sorted[n / 2])
    } else {
        Decimal::from(sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO
    }
}

/// The printed bounds of a quotient whose exact values run from `lo` to
/// `hi`, at `places`: rounded outward, or, from exact inputs, the figure
/// itself (rounded half-to-even) twice.
fn printed(lo: Decimal, hi: Decimal, places: u32, exact: bool) -> (Decimal, Decimal) {
    if exact {
        let figure = lo.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven);
        (figure, figure)
    } else {
        (
            lo.round_dp_with_strategy(places, DOWN),
            hi.round_dp_with_strategy(places, UP),
        )
    }
}

/// Asserts `[lo, hi]` is exactly the range of `values` (and holds `stated`).
fn exact_range(
    what: &str,
    lo: Decimal,
    hi: Decimal,
    values: impl Iterator<Item = Decimal>,
    stated: Decimal,
) -> Result<(), TestCaseError> {
    let values: Vec<Decimal> = values.collect();
    let (min, max) = (*values.iter().min().unwrap(), *values.iter().max().unwrap());
    prop_assert_eq!((lo, hi), (min, max), "{}", what);
    prop_assert!(
        lo <= stated && stated <= hi,
        "{}: stated {} outside",
        what,
        stated
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_bound_holds_every_combination_and_is_attained(
        table in rows(1..=5),
        ceiling in 5i64..=120,
    ) {
        let data = load(&table, ceiling);
        let combos = combinations(&table);
        let total = |c: &Vec<i64>| c.iter().sum::<i64>();

        // Sums, headroom, utilisation.
        let t = report(total_report(&safe::dataset::Summary::of(&data), None).unwrap(), &data);
        exact_range("allocated", dec(&t["allocated_min"]), dec(&t["allocated_max"]),
            combos.iter().map(|c| Decimal::from(total(c))), dec(&t["allocated"]))?;
        exact_range("headroom", dec(&t["headroom_min"]), dec(&t["headroom_max"]),
            combos.iter().map(|c| Decimal::from(ceiling - total(c))), dec(&t["headroom"]))?;
        let low = combos.iter().map(total).min().unwrap();
        let high = combos.iter().map(total).max().unwrap();
        let exact = low == high;
        let hundredths = |x: i64| Decimal::from(x * 100) / Decimal::from(ceiling);
        prop_assert_eq!(
            (dec(&t["utilisation_min_pct"]), dec(&t["utilisation_max_pct"])),
            printed(hundredths(low), hundredths(high), 2, exact)
        );

        // Ranks (competition ranking) and shares of the ceiling.
        let r = report(rank_report(&data, None, false).unwrap(), &data);
        for row in r["members"].as_array().unwrap() {
            let i: usize = row["code"].as_str().unwrap()[1..].parse().unwrap();
            let ranks = combos.iter().map(|c| {
                Decimal::from(1 + c.iter().filter(|&&x| x > c[i]).count())
            });
            exact_range("rank", dec(&row["rank_best"]), dec(&row["rank_worst"]), ranks, dec(&row["rank"]))?;
            prop_assert_eq!(
                (dec(&row["share_min_pct"]), dec(&row["share_max_pct"])),
                printed(hundredths(table[i].0), hundredths(table[i].2), 2, table[i].0 == table[i].2)
            );
        }

        // Shares of the allocated sum: a member's lowest share is its min
        // over its min plus everyone else's max.
        let s = report(shares_report(&data, Base::Allocated, Method::Nearest, 2, None).unwrap(), &data);
        for row in s["members"].as_array().unwrap() {
            let i: usize = row["code"].as_str().unwrap()[1..].parse().unwrap();
            let lowest = combos.iter().map(|c| Decimal::from(c[i]) / Decimal::from(total(c))).min().unwrap();
            let highest = combos.iter().map(|c| Decimal::from(c[i]) / Decimal::from(total(c))).max().unwrap();
            prop_assert_eq!(
                (dec(&row["share_min_pct"]), dec(&row["share_max_pct"])),
                printed(lowest * Decimal::ONE_HUNDRED, highest * Decimal::ONE_HUNDRED, 2, exact)
            );
            prop_assert!(dec(&row["share_min_pct"]) <= dec(&row["share_pct"]) && dec(&row["share_pct"]) <= dec(&row["share_max_pct"]));
        }

        // Top k, median, mean.
        let st = report(stats_report(&data).unwrap(), &data);
        for row in st["top"].as_array().unwrap() {
            let k = row["n"].as_u64().unwrap() as usize;
            exact_range(&format!("top {k}"), dec(&row["amount_min"]), dec(&row["amount_max"]),
                combos.iter().map(|c| Decimal::from(top(c, k))), dec(&row["amount"]))?;
        }
        exact_range("median", dec(&st["median_min"]), dec(&st["median_max"]),
            combos.iter().map(|c| median(c)), dec(&st["median"]))?;
        let n = Decimal::from(table.len());
        prop_assert_eq!(
            (dec(&st["mean_min"]), dec(&st["mean_max"])),
            printed(Decimal::from(low) / n, Decimal::from(high) / n, 2, exact)
        );

        // Checks: robust exactly when every combination agrees.
        let ch = report(check_report(&data, None, None).unwrap(), &data);
        for check in ch["checks"].as_array().unwrap() {
            let passes: Vec<bool> = match check["id"].as_str().unwrap() {
                "ceiling" => combos.iter().map(|c| total(c) <= ceiling).collect(),
                "concentration" => combos.iter().map(|c| Decimal::from(top(c, 3)) <= Decimal::from(ceiling) * Decimal::new(6, 1)).collect(),
                _ => continue,
            };
            let expected = if passes.iter().all(|&p| p) {
                "pass"
            } else if passes.iter().all(|&p| !p) {
                "fail"
            } else {
                "undetermined"
            };
            prop_assert_eq!(check["robust"].as_str().unwrap(), expected, "{}", check);
            exact_range("check actual", dec(&check["actual_min"]), dec(&check["actual_max"]),
                combos.iter().map(|c| Decimal::from(if check["id"] == "ceiling" { total(c) } else { top(c, 3) })),
                dec(&check["actual"]))?;
        }
    }

    #[test]
    fn a_change_is_beyond_rounding_exactly_when_no_combination_leaves_it_unchanged(
        (old, new) in (1usize..=4).prop_flat_map(|n| (rows(n..=n), rows(n..=n))),
    ) {
        let before = load(&old, 1000);
        let after = load(&new, 1000);
        let d = report(diff_report(&before, &after).unwrap(), &after);
        for row in d["members"].as_array().unwrap() {
            let i: usize = row["code"].as_str().unwrap()[1..].parse().unwrap();
            let changes: Vec<i64> = (old[i].0..=old[i].2)
                .flat_map(|o| (new[i].0..=new[i].2).map(move |x| x - o))
                .collect();
            exact_range("change", dec(&row["change_min"]), dec(&row["change_max"]),
                changes.iter().map(|&c| Decimal::from(c)), dec(&row["change"]))?;
            prop_assert_eq!(row["beyond_rounding"].as_bool().unwrap(), !changes.contains(&0), "{}", row);
        }
    }
}

/// `safe ARGS --json`.
fn run_json(args: &[&str]) -> Value {
    crate::support::Test::on(crate::support::SEED)
        .args(args)
        .args(["--json"])
        .run()
        .json()
}

#[test]
fn the_bundled_editions_carry_their_rounding_as_bounds() {
    use crate::support::text;
    // The Commission's figures, truncated by the press that printed them.
    let t = run_json(&["total"]);
    assert_eq!(
        [
            &t["allocated"],
            &t["allocated_min"],
            &t["allocated_max"],
            &t["headroom_min"],
            &t["headroom_max"]
        ]
        .map(text),
        [
            "149933700000",
            "149933700000",
            "152354800000",
            "-2354800000",
            "66300000"
        ]
    );
    let t = run_json(&["--edition", "council-2026-02", "total"]);
    assert_eq!(
        [text(&t["allocated_min"]), text(&t["allocated_max"])],
        ["149656930258", "149716930258"]
    );
    let t = run_json(&["--edition", "council-2026-04", "total"]);
    assert_eq!(
        [&t["allocated"], &t["allocated_min"], &t["allocated_max"]].map(text),
        ["147471930258", "147460930258", "147522930258"]
    );
    // Art. 6 passes on the stated figures and rounding decides it; the
    // Council's edition passes whatever the rounding.
    let c = run_json(&["check"]);
    assert_eq!(
        (&c["checks"][0]["passed"], c["checks"][0]["robust"].as_str()),
        (&Value::Bool(true), Some("undetermined"))
    );
    crate::support::Test::on(crate::support::SEED)
        .args(["check", "--strict"])
        .run()
        .code(1);
    crate::support::Test::on(crate::support::SEED)
        .args(["--edition", "council-2026-02", "check", "--strict"])
        .run()
        .ok();
    let c = run_json(&["--edition", "council-2026-02", "check"]);
    assert_eq!(
        [
            text(&c["checks"][1]["actual_min"]),
            text(&c["checks"][1]["actual_max"])
        ],
        ["76624156199", "76634156199"]
    );
    // Of the members with Council figures, only Estonia changed beyond
    // rounding; Poland's +34,100,805 is within it.
    let d = run_json(&["diff", "council-2026-02"]);
    let beyond: Vec<String> = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["new_basis"] == "council-decision" && m["beyond_rounding"] == true)
        .map(|m| {
            format!(
                "{} {} {}",
                text(&m["code"]),
                text(&m["change_min"]),
                text(&m["change_max"])
            )
        })
        .collect();
    assert_eq!(beyond, ["EE -326103000 -316103000"]);
    let pl = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "PL")
        .unwrap();
    assert_eq!(
        [
            &pl["change"],
            &pl["change_min"],
            &pl["change_max"],
            &pl["beyond_rounding"]
        ]
        .map(text),
        ["34100805", "-65899195", "34100805", "false"]
    );
    // Latvia as its ministry reported it.
    let lv = run_json(&["--edition", "latest", "show", "LV"]);
    assert_eq!(
        [
            &lv["amount"],
            &lv["basis"],
            &lv["amount_min"],
            &lv["amount_max"]
        ]
        .map(text),
        ["3490000000", "reported", "3480000000", "3500000000"]
    );
}
