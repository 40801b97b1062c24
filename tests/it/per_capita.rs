//! Tests of `safe per-capita`: euros per inhabitant and population files.

use crate::support::*;

#[test]
fn per_capita_ranks_by_euros_per_inhabitant() {
    let json = Test::on(SEED)
        .args(["per-capita", "--json"])
        .run()
        .ok()
        .json();
    let members = json["members"].as_array().unwrap();
    let first: Vec<(String, String)> = members[..3]
        .iter()
        .map(|m| (text(&m["code"]), text(&m["per_capita"])))
        .collect();
    assert_eq!(
        first,
        [
            ("LV".to_string(), "3052.84".to_string()),
            ("LT".to_string(), "2203.65".to_string()),
            ("EE".to_string(), "1941.61".to_string())
        ]
    );
    assert_eq!(members[18]["code"], "DK");
    assert_eq!(text(&members[18]["per_capita"]), "7.79");
    assert_eq!(text(&json["total"]["per_capita"]), "467.94");
    assert_eq!(text(&json["total"]["population"]), "320413530");
    Test::on(SEED)
        .args(["per-capita"])
        .run()
        .ok()
        .stdout_has("3,052.84")
        .stdout_has("Eurostat");
}

#[test]
fn per_capita_with_a_partial_population_file() {
    let t = Test::new();
    let file = t.file("pop.csv", "code,population\nPL,36497495\nlv,1860565\n");
    let run = t
        .args([
            "per-capita",
            "--population",
            file.to_str().unwrap(),
            "--json",
        ])
        .run()
        .ok();
    let json = run.json();
    assert_eq!(json["members"][0]["code"], "LV");
    assert_eq!(json["members"][1]["code"], "PL");
    assert!(json["members"][2]["per_capita"].is_null());
    assert!(json["members"][2]["rank"].is_null());
    assert_eq!(json["missing"].as_array().unwrap().len(), 17);
    assert_eq!(text(&json["total"]["member_count"]), "2");
    let t = Test::new();
    let file = t.file("pop.csv", "code,population\nPL,36497495\n");
    t.args(["per-capita", "--population", file.to_str().unwrap()])
        .run()
        .ok()
        .stdout_has("No population figure for RO, FR")
        .stdout_has("–");
}

#[test]
fn per_capita_refuses_bad_population_files() {
    for (contents, fragment) in [
        (
            "code,population\nPL,0\n",
            "pop.csv:2:1: population of PL must be a whole number above zero",
        ),
        (
            "code,population\nPL,-5\n",
            "must be a whole number above zero",
        ),
        (
            "code,population\nPL,3.5\n",
            "must be a whole number above zero",
        ),
        (
            "code,population\nPL,1\nPL,2\n",
            "pop.csv:3:1: population of PL is given twice",
        ),
        (
            "country,people\nPL,1\n",
            "the header must name a `code` and a `population` column",
        ),
        (
            "code,population\nP L,5\n",
            "may only hold letters, digits and '-'",
        ),
        ("code,population\n", "no population figures"),
        (
            "code,population\nPL\n",
            "a row has 1 fields where the header has 2",
        ),
    ] {
        let t = Test::new();
        let file = t.file("pop.csv", contents);
        t.args(["per-capita", "--population", file.to_str().unwrap()])
            .run()
            .fails(65, fragment);
    }
    Test::new()
        .args(["per-capita", "--population", "missing.csv"])
        .run()
        .fails(66, "missing.csv: cannot read: no such file");
}

#[test]
fn a_population_too_large_says_so() {
    let t = Test::new();
    let path = t.file("p.csv", "code,population\nPL,18446744073709551616\n");
    let other = t.file(
        "q.csv",
        "code,population\nPL,18446744073709551615\nRO,18446744073709551615\n",
    );
    for path in [path, other] {
        Test::new()
            .args(["per-capita", "--population", path.to_str().unwrap()])
            .run()
            .fails(65, "more people than live on Earth");
    }
}
