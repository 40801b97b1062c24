//! Tests of `safe diff`: member and total changes, beyond or within rounding.

use crate::support::*;

#[test]
fn diff_against_the_example_revision() {
    let json = Test::on(SEED)
        .args(["diff", REVISION, "--json"])
        .run()
        .ok()
        .json();
    let by = |code: &str| {
        json["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["code"] == code)
            .unwrap()
            .clone()
    };
    // PL's change is within what the rounding of 43.7bn can explain.
    assert_eq!(by("PL")["status"], "within_rounding");
    assert_eq!(text(&by("PL")["change"]), "34100805");
    assert_eq!(text(&by("PL")["change_pct"]), "0.08");
    assert_eq!(by("LV")["status"], "decreased");
    assert_eq!(text(&by("LV")["change"]), "-680000000");
    assert_eq!(by("DK")["status"], "removed");
    assert!(by("DK")["new_amount"].is_null());
    assert_eq!(by("RO")["status"], "unchanged");
    assert_eq!(text(&json["change"]["member_count"]), "-1");
    assert_eq!(text(&json["change"]["allocated"]), "-1152599195");
    assert_eq!(text(&json["new"]["headroom"]), "1218899195");
    assert_eq!(text(&json["change"]["top3"]), "34100805");
    assert_eq!(json["new"]["top3_within_cap"], true);
}

#[test]
fn diff_shows_added_members_and_reads_stdin() {
    // Files have no dates: OTHER is before, the loaded table after.
    let old = table("100", &[("AA", "A", "50")]);
    let new = table("100", &[("AA", "A", "40"), ("BB", "B", "30")]);
    let json = Test::new()
        .data(&new)
        .args(["diff", "-", "--json"])
        .stdin(&old)
        .run()
        .ok()
        .json();
    assert_eq!(json["members"][1]["status"], "added");
    assert!(json["members"][1]["old_amount"].is_null());
    assert!(json["members"][1]["change_pct"].is_null());
    assert_eq!(text(&json["change"]["allocated"]), "20");
    Test::on(SEED)
        .args(["--data", "-", "diff", "-"])
        .stdin(&old)
        .run()
        .fails(2, "cannot both read standard input");
    Test::on(SEED)
        .args(["diff", "nope.json"])
        .run()
        .fails(66, "nope.json");
    Test::on(SEED)
        .args([
            "diff",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/bad/amount-zero.json"
            ),
        ])
        .run()
        .fails(65, "is zero");
}

#[test]
fn diff_against_an_edition_shows_the_councils_changes() {
    let json = Test::on(SEED)
        .args(["diff", COUNCIL, "--json"])
        .run()
        .ok()
        .json();
    let members = json["members"].as_array().unwrap();
    let change = |code: &str| {
        members
            .iter()
            .find(|m| m["code"] == code)
            .map(|m| {
                (
                    text(&m["change"]),
                    m["old_basis"].clone(),
                    m["new_basis"].clone(),
                )
            })
            .unwrap()
    };
    let (pl, old, new) = change("PL");
    assert_eq!(pl, "34100805");
    assert_eq!(old, "commission-tentative");
    assert_eq!(new, "council-decision");
    assert_eq!(change("EE").0, "-316103000");
    // The edition is the same object as in the `table` header.
    assert_eq!(json["new"]["edition"]["id"], COUNCIL);
    assert_eq!(json["old"]["edition"], json["table"]["edition"]);
}
