//! Editions, provenance, CSV/TSV input and names (issue 8): the bundled
//! editions, `--edition`, `safe editions`, `diff EDITION`, tables from
//! spreadsheets and the countries people type.

use crate::support::{Test, bundled, fixture, text};

const COUNCIL: &str = "council-2026-02";

#[test]
fn editions_lists_both_bundled_tables() {
    let json = Test::new().args(["editions", "--json"]).run().ok().json();
    let editions = json["editions"].as_array().unwrap();
    let ids: Vec<&str> = editions.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["commission-2025-09", COUNCIL]);
    assert_eq!(editions[0]["default"], true);
    assert_eq!(editions[1]["latest"], true);
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
    // Wherever its headroom is shown, the reader learns it is rounding.
    Test::new()
        .args(["total"])
        .run()
        .ok()
        .stdout_has("artefact of rounding");
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
    assert!(csv.lines()[0].ends_with(",basis"), "{}", csv.stdout);
    assert!(
        csv.lines()[1].ends_with(",council-decision"),
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
    assert_eq!(json["table"]["edition"]["id"], COUNCIL);
}

#[test]
fn edition_and_data_do_not_mix() {
    Test::new()
        .data(bundled())
        .args(["--edition", COUNCIL, "total"])
        .run()
        .fails(2, "cannot be used with");
    Test::new()
        .args(["--edition", "council-2027", "total"])
        .run()
        .fails(2, "no bundled edition \"council-2027\"");
}

#[test]
fn diff_against_an_edition_shows_the_councils_changes() {
    let json = Test::new()
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
    assert_eq!(json["new"]["edition"], COUNCIL);
}

/// The bundled table as a spreadsheet would export it.
fn bundled_rows() -> Vec<(String, String, String)> {
    let json: serde_json::Value = serde_json::from_str(&bundled()).unwrap();
    json["allocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (text(&a["code"]), text(&a["name"]), text(&a["amount"])))
        .collect()
}

fn delimited(sep: &str, eol: &str, header: &str) -> String {
    let mut out = format!("{header}{eol}");
    for (code, name, amount) in bundled_rows() {
        out.push_str(&format!("{code}{sep}\"{name}\"{sep}{amount}{eol}"));
    }
    out
}

fn total_of(name: &str, contents: impl AsRef<[u8]>) -> String {
    let t = Test::new();
    let path = t.file(name, contents);
    let json = t
        .args(["--data", path.to_str().unwrap(), "total", "--json"])
        .run()
        .ok()
        .json();
    text(&json["allocated"])
}

#[test]
fn tables_from_spreadsheets_give_the_same_total() {
    let comma = delimited(",", "\n", "code,name,amount");
    assert_eq!(total_of("t.csv", &comma), "149933700000");
    // Semicolons, a BOM, CRLF, and the columns in another order and case.
    let mut reordered = String::from("\u{feff}Name;AMOUNT;Code\r\n");
    for (code, name, amount) in bundled_rows() {
        reordered.push_str(&format!("\"{name}\";{amount};{code}\r\n"));
    }
    assert_eq!(total_of("t.csv", &reordered), "149933700000");
    let tsv = delimited("\t", "\n", "code\tname\tamount");
    assert_eq!(total_of("t.tsv", &tsv), "149933700000");
    let json = Test::new()
        .args(["--data", "-", "--data-format", "csv", "total", "--json"])
        .stdin(&comma)
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "149933700000");
    assert_eq!(json["table"]["origin"], "<stdin>");
}

#[test]
fn a_bad_cell_names_the_file_and_line() {
    let t = Test::new();
    let path = t.file(
        "bad.csv",
        "code,name,amount\nPL,Poland,43700000000\nRO,Romania,\"16,680,000,000\"\n",
    );
    let run = t
        .args(["--data", path.to_str().unwrap(), "total"])
        .run()
        .fails(65, "bad.csv:3:1: amount of RO (Romania) is not a number");
    run.stderr_has("no thousands separator");
    let cases: &[(&str, &str)] = &[
        ("code,name\nPL,Poland\n", "no `amount` column"),
        (
            "code,name,amount\nPL,Poland,\n",
            ":2:1: the amount of PL is empty",
        ),
        (
            "code,name,amount\nPL,Poland,1\nPL,Polska,2\n",
            ":3:1: duplicate member code PL in line 3 (first in line 2)",
        ),
        (
            "code,name,amount,ammount\nPL,Poland,1,2\n",
            "unknown column \"ammount\"",
        ),
        ("code,name,amount\nPL,Poland,-5\n", "is negative"),
        // The line of a row after comment and blank lines is its own.
        (
            "code,name,amount\nPL,Poland,1\n# a note\n\nRO,Romania,x\n",
            ":5:1: amount of RO (Romania) is not a number",
        ),
        ("code,name,amount\n", "no rows below the header"),
        (
            "code,name,amount\nPL,Poland,1,extra\n",
            "a row has 4 fields",
        ),
    ];
    for (csv, fragment) in cases {
        let t = Test::new();
        let path = t.file("t.csv", csv);
        t.args(["--data", path.to_str().unwrap(), "rank"])
            .run()
            .fails(65, fragment);
    }
}

#[test]
fn a_csv_table_is_safe_unless_its_ceiling_says_otherwise() {
    let csv = "code,name,amount\nPL,Poland,50000000000\n";
    let t = Test::new();
    let path = t.file("t.csv", csv);
    let json = t
        .args(["--data", path.to_str().unwrap(), "check", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["table"]["fund"]["ceiling"]), "150000000000");
    assert_eq!(json["checks"][0]["reference"], "Art. 6");
    let t = Test::new();
    let path = t.file("t.csv", csv);
    let json = t
        .args([
            "--data",
            path.to_str().unwrap(),
            "--ceiling",
            "200bn",
            "check",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["table"]["fund"]["ceiling"]), "200000000000");
    assert!(json["checks"][0]["reference"].is_null());
    Test::new()
        .data(bundled())
        .args(["--ceiling", "1bn", "total"])
        .run()
        .fails(2, "--ceiling is for CSV and TSV tables");
}

#[test]
fn another_funds_table_cites_no_article() {
    let run = Test::new()
        .data(fixture("good/regional-fund.json"))
        .args(["check"])
        .run()
        .code(1);
    assert!(!run.stdout.contains("Art."), "{}", run.stdout);
    assert!(!run.stderr.contains("Art."), "{}", run.stderr);
    let json = Test::new()
        .data(fixture("good/regional-fund.json"))
        .args(["check", "--json"])
        .run()
        .code(1)
        .json();
    for check in json["checks"].as_array().unwrap() {
        assert!(check["reference"].is_null(), "{check}");
    }
    // The bundled table does cite the regulation.
    Test::new().args(["check"]).run().ok().stdout_has("Art. 13");
}

#[test]
fn names_people_type() {
    for uk in ["UK", "GB", "United Kingdom", "Britain", "great britain"] {
        Test::new()
            .args(["show", uk])
            .run()
            .fails(2, "United Kingdom (UK) is not in this table")
            .stderr_has("failed in late November 2025");
    }
    let run = Test::new().args(["show", "UK"]).run();
    assert!(!run.stderr.contains("Ukraine"), "{}", run.stderr);
    for (query, name) in [
        ("Japan", "Japan (JP)"),
        ("South Korea", "South Korea (KR)"),
        ("Republic of Korea", "South Korea (KR)"),
        ("Switzerland", "Switzerland (CH)"),
        ("Iceland", "Iceland (IS)"),
        ("Liechtenstein", "Liechtenstein (LI)"),
        ("Deutschland", "Germany (DE)"),
    ] {
        Test::new().args(["show", query]).run().fails(2, name);
    }
    for (query, name) in [
        ("Česko", "Czechia (CZ)"),
        ("cesko", "Czechia (CZ)"),
        ("Polska", "Poland (PL)"),
        ("Ελλάδα", "Greece (EL)"),
        ("ελλαδα", "Greece (EL)"),
        ("България", "Bulgaria (BG)"),
        ("España", "Spain (ES)"),
        ("romania", "Romania (RO)"),
        ("Magyarország", "Hungary (HU)"),
    ] {
        Test::new()
            .args(["show", query])
            .run()
            .ok()
            .stdout_has(name);
    }
}

/// A CSV table of `n` members (about 30 bytes a row), with `#` comments
/// sprinkled in, so that a large one is read on two threads.
fn large_csv(n: usize) -> String {
    let mut out = String::from("# a comment before the header\ncode,name,amount\n");
    for i in 0..n {
        if i % 1000 == 0 {
            out.push_str("# a comment line\n");
        }
        out.push_str(&format!(
            "M{i:07},Member {i},{}.{:02}\n",
            1 + i % 997,
            i % 100
        ));
    }
    out
}

/// The line of `needle` in `text` (1-based).
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.starts_with(needle)).unwrap() + 1
}

#[test]
fn a_large_csv_read_on_two_threads_is_the_table_read_in_one() {
    let n = 60_000;
    let csv = large_csv(n);
    assert!(csv.len() > 1 << 20, "large enough for two threads");
    // The exact total, in cents.
    let cents: u64 = (0..n as u64).map(|i| (1 + i % 997) * 100 + i % 100).sum();
    let expected = format!("{}.{:02}", cents / 100, cents % 100);
    assert_eq!(total_of("big.csv", &csv), expected);
    // With a quote somewhere, the same file is read in one piece.
    let quoted = csv.replacen("Member 5,", "\"Member 5\",", 1);
    assert_eq!(total_of("quoted.csv", &quoted), expected);
    // Errors in the second half name their own line of the file.
    let bad_line = line_of(&csv, "M0050000,");
    let bad = csv.replacen("M0050000,Member 50000,", "M0050000,Member 50000,x", 1);
    let t = Test::new();
    let path = t.file("bad.csv", &bad);
    t.args(["--data", path.to_str().unwrap(), "total"])
        .run()
        .fails(65, &format!("bad.csv:{bad_line}:1: amount of M0050000"));
    // A duplicate across the halves points at the later line, and names
    // the first.
    let first = line_of(&csv, "M0000007,");
    let later = line_of(&csv, "M0055000,");
    let twice = csv.replacen("M0055000,", "M0000007,", 1);
    let t = Test::new();
    let path = t.file("twice.csv", &twice);
    t.args(["--data", path.to_str().unwrap(), "total"])
        .run()
        .fails(
            65,
            &format!("twice.csv:{later}:1: duplicate member code M0000007 in line {later} (first in line {first})"),
        );
    // A row with a field too many, in the second half.
    let extra_line = line_of(&csv, "M0040000,");
    let extra = csv.replacen("M0040000,Member 40000,", "M0040000,Member 40000,1,", 1);
    let t = Test::new();
    let path = t.file("extra.csv", &extra);
    t.args(["--data", path.to_str().unwrap(), "total"])
        .run()
        .fails(
            65,
            &format!("extra.csv:{extra_line}:1: a row has 4 fields where the header has 3"),
        );
}
