//! Tests of `safe what-if`: scenarios, fits and their checks.

use crate::support::*;
use rust_decimal::Decimal;

#[test]
fn what_if_turkiye_gets_5bn() {
    let run = Test::on(SEED)
        .args(["what-if", "--add", "TR=5bn:Türkiye", "--json"])
        .run()
        .ok();
    let json = run.json();
    assert_eq!(text(&json["new"]["headroom"]), "-4933700000");
    assert_eq!(json["checks"]["ok"], false);
    let checks = json["checks"]["checks"].as_array().unwrap();
    assert_eq!(checks[0]["passed"], false);
    assert_eq!(checks[2]["id"], "member_states");
    assert_eq!(checks[2]["members"][0], "TR");
    Test::on(SEED)
        .args(["what-if", "--add", "TR=5bn"])
        .run()
        .ok()
        .stdout_has("add TR Türkiye €5bn")
        .stdout_has("€4.934bn over the ceiling")
        .stdout_has("€4,933,700,000")
        .stdout_has("not EU member states: TR");
}

#[test]
fn what_if_fit_pro_rata_lands_exactly_on_the_ceiling() {
    let json = Test::new()
        .args(["what-if", "--add", "TR=5bn", "--fit", "pro-rata", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["new"]["allocated"]), "150000000000");
    assert_eq!(text(&json["new"]["headroom"]), "0");
    assert_eq!(json["fit"]["applied"], true);
    assert_eq!(text(&json["fit"]["target"]), "145000000000");
    let mut total = Decimal::ZERO;
    for m in json["members"].as_array().unwrap() {
        let new: Decimal = text(&m["new_amount"]).parse().unwrap();
        total += new;
        if m["code"] == "TR" {
            assert_eq!(new, Decimal::from(5_000_000_000u64));
        } else {
            let old: Decimal = text(&m["old_amount"]).parse().unwrap();
            assert!(new <= old, "{} went up", m["code"]);
            assert_eq!(new.fract(), Decimal::ZERO, "whole euros");
        }
    }
    assert_eq!(total, Decimal::from(150_000_000_000u64));
}

#[test]
fn what_if_set_and_remove_by_name_or_code() {
    let json = Test::on(SEED)
        .args([
            "what-if",
            "--set",
            "Poland=40bn",
            "--remove",
            "dk",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["new"]["member_count"]), "18");
    assert_eq!(text(&json["change"]["allocated"]), "-3746700000");
    assert_eq!(json["changes"][0]["action"], "remove");
    assert_eq!(json["changes"][0]["code"], "DK");
    assert!(json["changes"][0]["amount"].is_null());
    assert_eq!(json["changes"][1]["action"], "set");
    assert_eq!(json["changes"][1]["name"], "Poland");
    assert_eq!(text(&json["changes"][1]["amount"]), "40000000000");
    let json = Test::on(SEED)
        .args(["what-if", "--set", "PL=30bn", "--fit", "pro-rata", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        json["fit"]["applied"], false,
        "within the ceiling: nothing to fit"
    );
}

#[test]
fn what_if_refuses_bad_scenarios() {
    Test::new().args(["what-if"]).run().fails(2, "no scenario");
    Test::new()
        .args(["what-if", "--add", "PL=1bn"])
        .run()
        .fails(
            2,
            "Poland (PL) is already in the table; use --set PL=AMOUNT",
        );
    // Another code of a country in the table (GR is Greece's EL).
    Test::new()
        .args(["what-if", "--add", "GR=1bn"])
        .run()
        .fails(
            2,
            "Greece (EL) is already in the table; use --set EL=AMOUNT",
        );
    Test::new()
        .args(["what-if", "--set", "Polnd=1bn"])
        .run()
        .fails(2, "did you mean Poland (PL)?");
    Test::new()
        .args(["what-if", "--remove", "DE"])
        .run()
        .fails(2, "Germany (DE) is not in this table");
    Test::new()
        .args(["what-if", "--add", "TR"])
        .run()
        .fails(2, "expected CODE=AMOUNT[:NAME]");
    Test::new()
        .args(["what-if", "--add", "TR=5,5bn"])
        .run()
        .fails(2, "ambiguous");
    Test::new()
        .args(["what-if", "--add", "T R=5bn"])
        .run()
        .fails(2, "may only hold letters");
    Test::new()
        .args(["what-if", "--set", "PL=-5bn"])
        .run()
        .fails(2, "positive");
    Test::new()
        .args(["what-if", "--remove", "PL", "--set", "PL=1bn"])
        .run()
        .fails(2, "PL is changed more than once");
    Test::new()
        .args(["what-if", "--set", "PL=200bn", "--fit", "pro-rata"])
        .run()
        .fails(2, "already exceed the ceiling");
    let one = table("100", &[("AA", "A", "50")]);
    Test::new()
        .data(&one)
        .args(["what-if", "--remove", "AA"])
        .run()
        .fails(2, "leaves no member");
    Test::new()
        .data(&one)
        .args(["what-if", "--set", "AA=200", "--fit", "pro-rata"])
        .run()
        .fails(2, "cannot fit pro rata");
}

#[test]
fn what_if_makes_no_silent_zeros_and_no_second_poland() {
    Test::new()
        .args([
            "what-if",
            "--add",
            "TR=149999999999.99",
            "--fit",
            "pro-rata",
        ])
        .run()
        .fails(2, "18 members would get €0");
    Test::new()
        .args(["what-if", "--add", "XX=5:Poland"])
        .run()
        .fails(
            2,
            "the name \"Poland\" of XX (an added member) is already PL's",
        );
    // Two additions a reader cannot tell apart: the second is refused.
    Test::new()
        .args([
            "what-if",
            "--add",
            "XX=5:Atlantis",
            "--add",
            "XY=5:ATLANTIS",
        ])
        .run()
        .fails(
            2,
            "the name \"ATLANTIS\" of XY (an added member) is already XX's",
        );
}
