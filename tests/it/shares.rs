//! Tests of `safe shares`: rounding methods, precision, total rows.

use crate::support::*;

#[test]
fn shares_nearest_gives_equal_amounts_equal_shares() {
    let json = Test::on(SEED).args(["shares", "--json"]).run().ok().json();
    assert_eq!(json["of"], "fund");
    assert_eq!(json["method"], "nearest");
    let members = json["members"].as_array().unwrap();
    let share = |code: &str| {
        let m = members.iter().find(|m| m["code"] == code).unwrap();
        (text(&m["share_pct"]), text(&m["share_exact_pct"]))
    };
    assert_eq!(share("FR"), share("HU"));
    assert_eq!(share("ES"), share("FI"));
    assert_eq!(share("PL").0, "29.13");
    assert!(share("PL").1.starts_with("29.1333333"));
    assert!(share("IT").1.starts_with("9.9333333333333333"));
    assert_eq!(text(&json["total_exact_pct"]), "99.9558");
    // The column as shown adds up to 99.95 (checked with Python decimal), and the table says so.
    assert_eq!(text(&json["total_rounded_pct"]), "99.95");
    Test::on(SEED)
        .args(["shares"])
        .run()
        .ok()
        .stdout_has("99.95%")
        .stdout_has("99.9558%");
}

#[test]
fn shares_largest_remainder_adds_up_to_the_rounded_total() {
    let json = Test::on(SEED)
        .args([
            "shares",
            "--of",
            "allocated",
            "--method",
            "largest-remainder",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["total_rounded_pct"]), "100.00");
    let json = Test::on(SEED)
        .args([
            "shares",
            "--method",
            "largest-remainder",
            "--precision",
            "1",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["total_rounded_pct"]), "100.0");
    let sum: rust_decimal::Decimal = json["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            text(&m["share_pct"])
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(sum.to_string(), "100.0");
}

#[test]
fn shares_precision_is_bounded() {
    Test::new()
        .args(["shares", "--precision", "11"])
        .run()
        .fails(2, "--precision");
    let json = Test::new()
        .args(["shares", "--precision", "0", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["members"][0]["share_pct"]), "29");
}
