//! `safe timeline`, `safe participants` and the events in `show`: dated,
//! sourced facts, a month kept a month, days left counted from `--today`.

use serde_json::Value;

use crate::support::*;

const TODAY: &str = "2026-12-04";

fn timeline(extra: &[&str]) -> Value {
    Test::new()
        .args(["timeline", "--today", TODAY, "--json"])
        .args(extra)
        .run()
        .ok()
        .json()
}

fn events(json: &Value) -> &Vec<Value> {
    json["events"].as_array().unwrap()
}

fn dates(json: &Value) -> Vec<&str> {
    events(json)
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect()
}

#[test]
fn the_timeline_holds_the_dated_facts_each_with_its_source_and_basis() {
    let json = timeline(&[]);
    let dates = dates(&json);
    for date in [
        "2025-05-27",
        "2025-09-09",
        "2026-02-11",
        "2026-04-10",
        "2026-05-08",
        "2026-05-12",
        "2026-12-31",
    ] {
        assert!(dates.contains(&date), "{date} in {dates:?}");
    }
    let find = |date: &str, code: &str| {
        events(&json)
            .iter()
            .find(|e| e["date"] == date && e["code"] == code)
            .unwrap_or_else(|| panic!("{date} {code}"))
    };
    assert_eq!(find("2026-05-08", "PL")["kind"], "loan-agreement");
    assert_eq!(text(&find("2026-05-08", "PL")["amount"]), "43734100805");
    assert_eq!(find("2026-05-12", "RO")["kind"], "loan-agreement");
    for e in events(&json) {
        assert!(e["source"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
        assert!(["official", "reported"].contains(&e["basis"].as_str().unwrap()));
    }
    let bases: Vec<&str> = events(&json)
        .iter()
        .map(|e| e["basis"].as_str().unwrap())
        .collect();
    assert!(bases.contains(&"official") && bases.contains(&"reported"));
    // In date order, a month before the days within it.
    let order: Vec<&str> = dates.clone();
    let june = order.iter().position(|d| *d == "2026-06").unwrap();
    let may_30 = order.iter().rposition(|d| *d == "2026-05-30").unwrap();
    assert!(may_30 < june);
    // The CSV has a row per event; the terminal shows the dates.
    let csv = Test::new()
        .args(["timeline", "--today", TODAY, "--format", "csv"])
        .run()
        .ok();
    assert_eq!(csv.lines().len(), events(&json).len() + 1);
    assert!(csv.lines()[0].starts_with("date,precision,status,days_left,kind,code,name,title,"));
    Test::new()
        .args(["timeline", "--today", TODAY])
        .run()
        .ok()
        .stdout_has("2026-05-08")
        .stdout_has("Poland's loan agreement signed");
}

#[test]
fn a_month_stays_a_month_in_every_format() {
    let json = timeline(&["--member", "LT"]);
    let june = events(&json)
        .iter()
        .find(|e| e["kind"] == "prefinancing")
        .unwrap();
    assert_eq!(june["date"], "2026-06");
    assert_eq!(june["precision"], "month");
    // A rounded figure carries its bounds.
    assert_eq!(text(&june["amount"]), "956300000");
    assert_eq!(text(&june["amount_min"]), "956200000");
    assert_eq!(text(&june["amount_max"]), "956400000");
    for format in ["table", "markdown", "csv"] {
        let out = Test::new()
            .args([
                "timeline", "--member", "LT", "--today", TODAY, "--format", format,
            ])
            .run()
            .ok();
        assert!(out.stdout.contains("2026-06"), "{format}: {}", out.stdout);
        assert!(!out.stdout.contains("2026-06-"), "{format}: a made-up day");
    }
    Test::new()
        .args(["timeline", "--member", "LT", "--today", TODAY])
        .run()
        .ok()
        .stdout_has("≈956,300,000");
}

#[test]
fn days_left_count_from_today() {
    let json = timeline(&[]);
    let deadline = events(&json)
        .iter()
        .find(|e| e["date"] == "2026-12-31")
        .unwrap();
    assert_eq!(deadline["status"], "upcoming");
    assert_eq!(deadline["days_left"], 27);
    Test::new()
        .args(["timeline", "--today", TODAY])
        .run()
        .ok()
        .stdout_has("in 27 days")
        .stdout_has("(2026-12-31), in 27 days");
    // The day itself, and after it.
    let json = Test::new()
        .args(["timeline", "--today", "2026-12-31", "--json"])
        .run()
        .ok()
        .json();
    let deadline = events(&json)
        .iter()
        .find(|e| e["date"] == "2026-12-31")
        .unwrap();
    assert_eq!(
        (&deadline["status"], &deadline["days_left"]),
        (&"now".into(), &0.into())
    );
    let json = Test::new()
        .args(["timeline", "--today", "2027-01-01", "--json"])
        .run()
        .ok()
        .json();
    let deadline = events(&json)
        .iter()
        .find(|e| e["date"] == "2026-12-31")
        .unwrap();
    assert_eq!(
        (&deadline["status"], &deadline["days_left"]),
        (&"past".into(), &Value::Null)
    );
    // SOURCE_DATE_EPOCH sets today (2026-12-04 00:00 UTC).
    let json = Test::new()
        .env("SOURCE_DATE_EPOCH", "1796342400")
        .args(["timeline", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["today"], TODAY);
}

#[test]
fn a_member_keeps_its_own_events_and_says_what_was_not_found() {
    let json = timeline(&["--member", "PL"]);
    let found = dates(&json);
    assert!(found.contains(&"2026-05-08"), "{found:?}");
    assert!(!found.contains(&"2026-05-12"), "{found:?}");
    assert!(events(&json).iter().all(|e| e["code"] == "PL"));
    assert_eq!(
        json["missing"],
        serde_json::json!(["no pre-financing payment found"])
    );
    // Any name or code of the country, and --country.
    for query in ["Poland", "polska", "pl"] {
        let other = timeline(&["--country", query]);
        assert_eq!(dates(&other), found, "{query}");
    }
    let hungary = Test::new()
        .args(["timeline", "--member", "HU", "--today", TODAY])
        .run()
        .ok();
    assert!(hungary.stdout.contains("No event found"));
    assert!(
        hungary
            .stdout
            .contains("HU: no Council decision found; no loan agreement found")
    );
    // show carries the member's events.
    let show = Test::on("latest")
        .args(["show", "PL", "--json"])
        .run()
        .ok()
        .json();
    let shown: Vec<&str> = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert!(shown.contains(&"2026-05-08"), "{shown:?}");
    Test::new()
        .args(["show", "HU", "--today", TODAY])
        .run()
        .ok()
        .stdout_has(
            "no Council decision found; no loan agreement found; no pre-financing payment found",
        );
}

#[test]
fn a_period_keeps_what_may_fall_in_it() {
    let may = timeline(&["--from", "2026-05", "--to", "2026-05"]);
    let found = dates(&may);
    assert!(found.contains(&"2026-05") && found.contains(&"2026-05-08"));
    assert!(found.iter().all(|d| d.starts_with("2026-05")), "{found:?}");
    let nothing = timeline(&["--from", "2031"]);
    assert!(events(&nothing).is_empty());
    Test::new()
        .args(["timeline", "--from", "2031", "--today", TODAY])
        .run()
        .ok()
        .stdout_has("No event found");
    Test::new()
        .args(["timeline", "--from", "2026-06", "--to", "2026-05"])
        .run()
        .fails(2, "--from 2026-06 is after --to 2026-05");
    Test::new()
        .args(["timeline", "--from", "2026-13"])
        .run()
        .fails(2, "--from");
    Test::new()
        .args(["timeline", "--today", "2026-02-30"])
        .run()
        .fails(2, "real calendar day");
}

#[test]
fn participants_say_who_takes_part_and_how() {
    let json = Test::new()
        .args(["participants", "--today", TODAY, "--json"])
        .run()
        .ok()
        .json();
    let rows = json["participants"].as_array().unwrap();
    let row = |code: &str| rows.iter().find(|r| r["code"] == code).unwrap();
    assert_eq!(row("TR")["standing"], "requested");
    assert_eq!(row("CA")["standing"], "agreement");
    assert_eq!(row("UK")["standing"], "talks-failed");
    assert_eq!(row("UK")["since"], "2025-11-28");
    assert_eq!(row("UA")["standing"], "eligible");
    assert_eq!(row("NO")["standing"], "eligible");
    assert_eq!(row("KR")["standing"], "letter-of-intent");
    assert_eq!(row("JP")["standing"], "none-found");
    assert_eq!(row("JP")["basis"], Value::Null);
    for code in ["TR", "CA", "UK", "UA", "NO"] {
        assert!(row(code)["source"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(row(code)["basis"].is_string(), "{code}");
    }
    let standing = |s: &str| rows.iter().filter(|r| r["standing"] == s).count();
    assert_eq!(standing("borrower"), 19);
    assert_eq!(standing("no-loan"), 8);
    assert_eq!(row("PL")["in_table"], true);
    assert_eq!(row("DE")["in_table"], false);
    // One country, by any of its names, with its events.
    for query in ["TR", "Turkey", "Türkiye", "turkiye"] {
        let one = Test::new()
            .args(["participants", query, "--json"])
            .run()
            .ok()
            .json();
        assert_eq!(one["participants"].as_array().unwrap().len(), 1, "{query}");
        assert_eq!(one["participants"][0]["code"], "TR");
    }
    let canada = Test::new()
        .args(["participants", "Canada", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(canada["events"].as_array().unwrap().len(), 3);
    Test::new()
        .args(["participants", "Turky"])
        .run()
        .fails(2, "did you mean Türkiye (TR)?");
    // show keeps its exit code for a country not in the table, and points
    // to participants.
    Test::new()
        .args(["show", "TR"])
        .run()
        .fails(2, "`safe participants TR` gives its standing in SAFE");
}

#[test]
fn text_typed_for_a_country_is_escaped() {
    let run = Test::new()
        .args(["timeline", "--member", "X\u{1b}[31m\u{202e}"])
        .run()
        .code(2);
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{202e}'));
    assert_eq!(run.stderr.lines().count(), 1);
}

#[test]
fn the_events_schema_describes_the_bundled_facts() {
    let schema = Test::new().args(["schema", "events"]).run().ok().json();
    let data: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/events.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
