//! Tests of `safe stats`: descriptive statistics and concentration.

use crate::support::*;

#[test]
fn stats_on_the_bundled_table() {
    let json = Test::on(SEED).args(["stats", "--json"]).run().ok().json();
    assert_eq!(text(&json["member_count"]), "19");
    assert_eq!(text(&json["total"]), "149933700000");
    assert_eq!(text(&json["mean"]), "7891247368.42");
    assert_eq!(text(&json["median"]), "3260000000");
    assert_eq!(json["min"]["code"], "DK");
    assert_eq!(json["max"]["code"], "PL");
    assert_eq!(text(&json["hhi"]), "1399.52");
    assert_eq!(text(&json["gini"]), "0.5869");
    let top: Vec<(String, String)> = json["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (text(&t["n"]), text(&t["amount"])))
        .collect();
    assert_eq!(
        top,
        [
            ("1".to_string(), "43700000000".to_string()),
            ("3".to_string(), "76590000000".to_string()),
            ("5".to_string(), "107700000000".to_string())
        ]
    );
    assert_eq!(text(&json["concentration"]["margin"]), "13410000000");
    Test::on(SEED)
        .args(["stats"])
        .run()
        .ok()
        .stdout_has("≈1,399.52")
        .stdout_has("≈0.5869")
        .stdout_has("≈€76.59bn = ≈51.06% of the ceiling: €13.41bn under the €90bn cap");
}

#[test]
fn stats_on_a_small_even_table() {
    let data = table("100", &[("AA", "A", "10"), ("BB", "B", "10")]);
    let json = Test::new()
        .data(data)
        .args(["stats", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["median"]), "10");
    assert_eq!(text(&json["hhi"]), "5000.00");
    assert_eq!(text(&json["gini"]), "0.0000");
    assert_eq!(
        json["top"].as_array().unwrap().len(),
        1,
        "only the largest 1 fits two members"
    );
}
