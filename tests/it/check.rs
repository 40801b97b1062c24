//! Tests of `safe check`: the regulation's rules, expectations, --strict.

use crate::support::*;

#[test]
fn check_is_green_on_the_bundled_table() {
    let run = Test::on(SEED)
        .args([
            "check",
            "--expect-total",
            "149.9337bn",
            "--expect-members",
            "19",
        ])
        .run()
        .ok()
        // The headline verdict holds whatever the rounding: Art. 6 is
        // undetermined on this rounded table, though it passes on the
        // stated figures.
        .stdout_has("3 of 5 pass whatever the rounding; 2 undetermined")
        .stdout_has("Art. 6 passes on the stated figures")
        .stdout_has("≈51.06%");
    assert!(run.stdout.contains("€13.41bn under"), "{}", run.stdout);
    let json = Test::on(SEED).args(["check", "--json"]).run().ok().json();
    assert_eq!(json["ok"], true);
    let ids: Vec<&str> = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ceiling", "concentration", "member_states"]);
    assert_eq!(text(&json["checks"][1]["actual"]), "76590000000");
    assert_eq!(text(&json["checks"][1]["limit"]), "90000000000");
    assert_eq!(text(&json["checks"][1]["margin"]), "13410000000");
}

#[test]
fn check_fails_over_the_ceiling() {
    let over = bundled_with("PL", "43800000000");
    let run = Test::new().data(over).args(["check"]).run().code(1);
    assert!(run.stdout.contains("FAIL"), "{}", run.stdout);
    assert!(
        run.stderr.contains("€33.7m over the ceiling"),
        "{}",
        run.stderr
    );
    let json = Test::new()
        .data(bundled_with("PL", "43800000000"))
        .args(["check", "--json"])
        .run()
        .code(1)
        .json();
    assert_eq!(json["ok"], false);
    assert_eq!(json["checks"][0]["passed"], false);
    assert_eq!(text(&json["checks"][0]["margin"]), "-33700000");
}

#[test]
fn check_fails_over_the_concentration_cap() {
    // Three members of €31bn each: €93bn > 60% of €150bn, within the ceiling.
    let data = table(
        "150000000000",
        &[
            ("PL", "Poland", "31bn".replace("bn", "000000000").as_str()),
            ("RO", "Romania", "31000000000"),
            ("FR", "France", "31000000000"),
        ],
    );
    let run = Test::new()
        .data(data)
        .args(["check", "--json"])
        .run()
        .code(1);
    let json = run.json();
    assert_eq!(json["checks"][0]["passed"], true);
    assert_eq!(json["checks"][1]["passed"], false);
    assert_eq!(text(&json["checks"][1]["margin"]), "-3000000000");
    assert!(run.stderr.contains("€3bn over"), "{}", run.stderr);
}

#[test]
fn check_fails_when_a_recipient_is_not_a_member_state() {
    let data = table(
        "100",
        &[
            ("PL", "Poland", "10"),
            ("TR", "Türkiye", "5"),
            ("pl91", "Warsaw region", "1"),
        ],
    );
    let run = Test::new().data(data).args(["check"]).run().code(1);
    assert!(
        run.stderr.contains("not EU member states: TR, PL91"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_expectations_can_fail() {
    Test::on(SEED)
        .args(["check", "--expect-members", "20"])
        .run()
        .code(1)
        .stderr_has("19 members but expected 20");
    Test::on(SEED)
        .args(["check", "--expect-total", "150bn"])
        .run()
        .code(1)
        .stderr_has("€66.3m less");
}

#[test]
fn a_failing_check_never_has_a_positive_margin() {
    let json = Test::on(SEED)
        .args([
            "check",
            "--expect-total",
            "150bn",
            "--expect-members",
            "20",
            "--json",
        ])
        .run()
        .code(1)
        .json();
    for check in json["checks"].as_array().unwrap() {
        let margin: f64 = text(&check["margin"]).parse().unwrap();
        if check["passed"] == false {
            assert!(margin < 0.0, "{check}");
        }
    }
    assert_eq!(text(&json["checks"][3]["difference"]), "-66300000");
    assert_eq!(text(&json["checks"][2]["margin"]), "0");
    // Tables give each check in words, rounded for reading, and the
    // exact figures beside; CSV carries the figures as numbers.
    let table = Test::on(SEED).args(["check"]).run().ok().stdout;
    assert!(table.contains("€13.41bn under the €90bn cap"), "{table}");
    assert!(table.contains("€13,410,000,000"), "{table}");
    let csv = Test::on(SEED).args(["check", "--format", "csv"]).run().ok();
    assert_eq!(
        csv.lines()[0],
        "id,reference,rule,passed,actual,limit,margin,unit,difference,robust,actual_pct_of_ceiling,actual_min,actual_max,members,tied"
    );
}

#[test]
fn a_failing_check_names_a_few_members_and_counts_the_rest() {
    let rows: Vec<(String, String, String)> = (0..50_000)
        .map(|i| (format!("X{i}"), format!("Region {i}"), "1".to_string()))
        .collect();
    let rows: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(c, n, a)| (c.as_str(), n.as_str(), a.as_str()))
        .collect();
    let run = Test::new()
        .data(table("1000000", &rows))
        .args(["check"])
        .run()
        .code(1);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("EU member states"))
        .unwrap();
    assert!(line.len() < 300, "{line}");
    assert!(line.contains("and 49,995 more"), "{line}");
}

#[test]
fn the_bundled_table_still_passes() {
    Test::new().args(["check"]).run().ok();
    assert!(bundled().contains("\"PL\""));
}
