//! Every command, in every format, on tables at the edges of what a
//! `Decimal` holds: no panic, and either a result or a one-line error.

use crate::support::{Test, table};

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

fn commands() -> Vec<Vec<&'static str>> {
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

#[test]
fn extreme_tables_never_panic() {
    for (label, data) in extreme_tables() {
        for args in commands() {
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
    Test::new().data(data).args(["rank"]).run().fails(
        65,
        "table.json: cannot compute exactly: a share of the ceiling cannot be held exactly",
    );
}
