//! Tests of `safe rank`: order, competition ranks, --top with ties, --asc.

use crate::support::*;

#[test]
fn rank_lists_members_largest_first_with_competition_ranks() {
    let run = Test::on(SEED).args(["rank", "--json"]).run().ok();
    let json = run.json();
    let members = json["members"].as_array().unwrap();
    assert_eq!(members.len(), 19);
    let ranks: Vec<(String, String)> = members
        .iter()
        .map(|m| (text(&m["rank"]), text(&m["code"])))
        .collect();
    let expect = [
        ("1", "PL"),
        ("2", "RO"),
        ("3", "FR"),
        ("3", "HU"),
        ("5", "IT"),
        ("6", "BE"),
        ("7", "LT"),
        ("8", "PT"),
        ("9", "LV"),
        ("10", "BG"),
        ("11", "EE"),
        ("12", "SK"),
        ("13", "CZ"),
        ("14", "HR"),
        ("15", "CY"),
        ("16", "FI"),
        ("16", "ES"),
        ("18", "EL"),
        ("19", "DK"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(r, c)| (r.to_string(), c.to_string()))
        .collect();
    assert_eq!(ranks, expect);
    assert_eq!(text(&members[0]["amount"]), "43700000000");
    assert_eq!(text(&members[0]["share_pct"]), "29.13");
    assert_eq!(text(&members[18]["amount"]), "46700000");
    assert_eq!(text(&members[18]["cumulative_amount"]), "149933700000");
    assert_eq!(json["schema_version"], 4);
    assert_eq!(json["command"], "rank");
}

#[test]
fn rank_human_table_has_thousands_separators_and_every_digit() {
    Test::on(SEED)
        .args(["rank"])
        .run()
        .ok()
        .stdout_has("43,700,000,000")
        .stdout_has("46,700,000")
        .stdout_has("amount (€)")
        .stdout_lacks("\x1b[");
}

#[test]
fn rank_top_and_ascending() {
    // Hungary ties with France at #3: both are shown.
    let run = Test::new().args(["rank", "--top", "3"]).run().ok();
    assert!(run.stdout.contains("Poland") && run.stdout.contains("France"));
    assert!(run.stdout.contains("Hungary"));
    assert!(!run.stdout.contains("Italy"));
    assert!(
        run.stdout
            .contains("4 of 19 members shown (--top 3, and 1 member tied")
    );
    // Smallest first, ties at the cut are kept too (ES and FI share 1bn).
    let json = Test::new()
        .args(["rank", "--asc", "--top", "3", "--json"])
        .run()
        .ok()
        .json();
    let codes: Vec<&str> = json["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["DK", "EL", "FI", "ES"]);
    let json = Test::new()
        .args(["rank", "--asc", "--top", "2", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["order"], "asc");
    assert_eq!(json["members"][0]["code"], "DK");
    assert_eq!(text(&json["members"][0]["rank"]), "19");
    assert_eq!(json["members"][1]["code"], "EL");
}

#[test]
fn rank_top_zero_is_a_usage_error() {
    Test::new()
        .args(["rank", "--top", "0"])
        .run()
        .fails(2, "at least 1");
    Test::new()
        .args(["rank", "--top", "x"])
        .run()
        .fails(2, "--top");
}
