//! Tests of `safe editions` and the bundled editions' figures.

use crate::support::*;

#[test]
fn editions_lists_the_bundled_tables() {
    let json = Test::new().args(["editions", "--json"]).run().ok().json();
    let editions = json["editions"].as_array().unwrap();
    let ids: Vec<&str> = editions.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["commission-2025-09", COUNCIL, "council-2026-04"]);
    assert_eq!(editions[0]["default"], true);
    assert_eq!(editions[2]["latest"], true);
    assert_eq!(editions[1]["latest"], false);
    assert_eq!(text(&editions[0]["allocated"]), "149933700000");
    assert_eq!(editions[0]["confirmed"], 0);
    assert_eq!(editions[1]["confirmed"], 13);
    assert_eq!(editions[1]["member_count"], 19);
}

#[test]
fn the_default_stays_the_commission_table() {
    let json = Test::new().args(["total", "--json"]).run().ok().json();
    assert_eq!(text(&json["allocated"]), "149933700000");
    assert_eq!(json["confirmed"], 0);
    assert_eq!(json["table"]["edition"]["id"], "commission-2025-09");
    // Wherever its headroom is shown, the reader learns what rounding
    // leaves it: between a shortfall and the stated figure.
    Test::new()
        .args(["total"])
        .run()
        .ok()
        .stdout_has("-€2,354,800,000 to €66,300,000")
        .stdout_has("rounding, not money left over");
}

#[test]
fn the_council_edition_has_the_exact_figures() {
    let show = |member: &str| {
        Test::new()
            .args(["--edition", COUNCIL, "show", member, "--json"])
            .run()
            .ok()
            .json()
    };
    let pl = show("PL");
    assert_eq!(text(&pl["amount"]), "43734100805");
    assert_eq!(pl["basis"], "council-decision");
    assert_eq!(pl["confirmed"], true);
    assert_eq!(pl["decided"], "2026-02-17");
    let el = show("EL");
    assert_eq!(text(&el["amount"]), "787669283");
    assert_eq!(text(&el["prefinancing"]), "118150392.45");
    let lv = show("LV");
    assert_eq!(lv["basis"], "approved-unconfirmed");
    assert_eq!(lv["confirmed"], false);
    assert!(lv["note"].as_str().unwrap().contains("about EUR 3.49bn"));
    // "About 3.49bn" is never shown as an exact figure.
    assert_eq!(text(&lv["amount"]), "5680000000");
}

#[test]
fn every_listing_row_says_its_basis() {
    let json = Test::new()
        .args(["--edition", COUNCIL, "rank", "--json"])
        .run()
        .ok()
        .json();
    let rows = json["members"].as_array().unwrap();
    assert_eq!(rows.len(), 19);
    assert!(rows.iter().all(|r| r["basis"].is_string()), "{rows:?}");
    Test::new()
        .args(["--edition", COUNCIL, "rank"])
        .run()
        .ok()
        .stdout_has("decision")
        .stdout_has("approved*")
        .stdout_has("pending*")
        .stdout_has("* not confirmed");
    let csv = Test::new()
        .args(["--edition", COUNCIL, "shares", "--format", "csv"])
        .run()
        .ok();
    let header: Vec<&str> = csv.lines()[0].split(',').collect();
    let basis = header.iter().position(|h| *h == "basis").unwrap();
    assert_eq!(
        csv.lines()[1].split(',').nth(basis),
        Some("council-decision"),
        "{}",
        csv.stdout
    );
    let stats = Test::new()
        .args(["--edition", COUNCIL, "stats", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(stats["confirmed"], 13);
}

#[test]
fn latest_names_the_newest_edition() {
    let json = Test::new()
        .args(["--edition", "latest", "total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["table"]["edition"]["id"], "council-2026-04");
}

#[test]
fn safe_edition_in_the_environment_picks_the_default() {
    let json = Test::new()
        .env("SAFE_EDITION", "council-2026-02")
        .args(["total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "149656930258");
    let csv = Test::new()
        .env("SAFE_EDITION", "council-2026-02")
        .args(["editions", "--format", "csv"])
        .run()
        .ok()
        .stdout;
    assert!(csv.contains("\ncouncil-2026-02,true,"), "{csv}");
    assert!(csv.contains("\ncommission-2025-09,false,"), "{csv}");
    // --edition and --data still decide for a command.
    let json = Test::new()
        .env("SAFE_EDITION", "council-2026-02")
        .args(["--edition", "commission-2025-09", "total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "149933700000");
    Test::new()
        .env("SAFE_EDITION", "nope")
        .args(["total"])
        .run()
        .fails(2, "SAFE_EDITION: no bundled edition \"nope\"");
}
