//! Tests of `safe show`: one member in context, and looking members up by name.

use crate::support::*;

#[test]
fn show_finds_members_by_code_name_and_alias() {
    for query in ["EL", "el", "GR", "Greece", "greece", "GREECE"] {
        let json = Test::new()
            .args(["show", query, "--json"])
            .run()
            .ok()
            .json();
        assert_eq!(json["code"], "EL", "{query}");
    }
    for (query, code) in [
        ("Czech Republic", "CZ"),
        ("czechia", "CZ"),
        ("Greek Cyprus", "CY"),
        ("Greek Cypriot Administration", "CY"),
        ("Lithuania", "LT"),
    ] {
        let json = Test::new()
            .args(["show", query, "--json"])
            .run()
            .ok()
            .json();
        assert_eq!(json["code"], code, "{query}");
    }
}

#[test]
fn show_gives_rank_ties_shares_per_capita_and_neighbours() {
    let json = Test::on(SEED)
        .args(["show", "HU", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["rank"]), "3");
    assert_eq!(json["tied_with"][0]["code"], "FR");
    assert_eq!(text(&json["share_of_ceiling_pct"]), "10.81");
    assert_eq!(text(&json["share_of_allocated_pct"]), "10.81");
    assert_eq!(text(&json["population"]), "9539502");
    assert_eq!(text(&json["per_capita"]), "1699.25");
    assert_eq!(json["above"]["code"], "RO");
    assert_eq!(text(&json["above"]["gap"]), "470000000");
    assert_eq!(json["below"]["code"], "IT");
    assert_eq!(text(&json["below"]["gap"]), "1310000000");
    Test::on(SEED)
        .args(["show", "Denmark"])
        .run()
        .ok()
        .stdout_has("Denmark (DK)")
        .stdout_has("19 of 19")
        .stdout_has("€7.79");
}

#[test]
fn show_explains_unknown_and_absent_names() {
    Test::new()
        .args(["show", "Polnd"])
        .run()
        .fails(2, "did you mean Poland (PL)?");
    Test::new().args(["show", "Germany"]).run().fails(
        2,
        "Germany (DE) is not in this table (it did not request a SAFE loan",
    );
    for q in ["Turkey", "Türkiye", "turkiye", "TR"] {
        Test::new().args(["show", q]).run().fails(
            2,
            "Türkiye (TR) is not in this table: not an EU member state",
        );
    }
    Test::new()
        .args(["show", "Xanadu"])
        .run()
        .fails(2, "no member called \"Xanadu\"");
}

#[test]
fn show_on_a_user_table_with_regions_and_no_population() {
    let data = table(
        "100",
        &[
            ("PL91", "Warszawski stołeczny", "60"),
            ("PL92", "Mazowiecki regionalny", "30"),
        ],
    );
    let run = Test::new()
        .data(&data)
        .args(["show", "warszawski stoleczny", "--json"])
        .run()
        .ok();
    let json = run.json();
    assert_eq!(json["code"], "PL91");
    assert!(json["per_capita"].is_null());
    Test::new()
        .data(&data)
        .args(["show", "pl92"])
        .run()
        .ok()
        .stdout_has("No population figure for PL92");
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

#[test]
fn an_exact_name_wins_over_a_folded_one() {
    let t = Test::new();
    let data = t.file("names.csv", "code,name,amount\nX1,Polánd,8\nX2,Poland,5\n");
    let data = data.to_str().unwrap();
    for (query, amount) in [("Poland", "5"), ("Polánd", "8")] {
        let json = Test::new()
            .args(["--data", data, "show", query, "--json"])
            .run()
            .ok()
            .json();
        assert_eq!(text(&json["amount"]), amount, "{query}");
    }
    // The scenario changes the row named, not its folded twin.
    let json = Test::new()
        .args(["--data", data, "what-if", "--set", "Polánd=1", "--json"])
        .run()
        .ok()
        .json();
    let x1 = json["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "X1")
        .unwrap();
    assert_eq!(text(&x1["new_amount"]), "1", "{x1}");
    // Case alone picks the one that differs only in case; a folded name
    // that fits both is an error naming both.
    let json = Test::new()
        .args(["--data", data, "show", "POLAND", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["code"], "X2");
    Test::new()
        .args(["--data", data, "show", "Polãnd"])
        .run()
        .fails(2, "\"Polãnd\" fits 2 members: \"Polánd\" (X1), \"Poland\" (X2); give a code or the name exactly");
}

#[test]
fn names_a_reader_cannot_tell_apart_do_not_load() {
    for twin in ["Po\u{200b}land", "POLAND", "Pola\u{301}nd\u{00ad}"] {
        let other = if twin.contains('\u{301}') {
            "Polánd"
        } else {
            "Poland"
        };
        let t = Test::new();
        let data = t.file(
            "twins.csv",
            format!("code,name,amount\nX1,{other},8\nX2,{twin},5\n"),
        );
        Test::new()
            .args(["--data", data.to_str().unwrap(), "total"])
            .run()
            .fails(65, "twins.csv:3:1: duplicate member name");
    }
}

#[test]
fn suggestions_come_from_the_table() {
    // XX is no country: the suggestions are members of the table.
    let run = Test::new().args(["show", "XX"]).run().code(2);
    assert!(run.stderr.contains("did you mean"), "{}", run.stderr);
    assert!(!run.stderr.contains("Austria"), "{}", run.stderr);
    // A known country outside the table says so.
    Test::new()
        .args(["show", "AT"])
        .run()
        .fails(2, "Austria (AT) is not in this table");
    // A mistyped edition lists the editions.
    Test::new()
        .args(["diff", "council-2026-2"])
        .run()
        .fails(
            66,
            "the editions are commission-2025-09, council-2026-02, council-2026-04, latest",
        )
        .stderr_has("did you mean council-2026-02?");
}
