//! The analysis commands: show, stats, per-capita, diff and what-if, on the
//! bundled table (with the figures the issue gives) and on written tables.

use crate::support::{Test, table, text};
use rust_decimal::Decimal;

const REVISION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/example-revision.json"
);

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
    let json = Test::new().args(["show", "HU", "--json"]).run().ok().json();
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
    Test::new()
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
    Test::new()
        .args(["show", "Germany"])
        .run()
        .fails(2, "Germany (DE) did not request a SAFE loan in this table");
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
fn stats_on_the_bundled_table() {
    let json = Test::new().args(["stats", "--json"]).run().ok().json();
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
    Test::new()
        .args(["stats"])
        .run()
        .ok()
        .stdout_has("1,399.52")
        .stdout_has("0.5869")
        .stdout_has("€76.59bn = 51.06%: €13.41bn under the €90bn cap");
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

#[test]
fn per_capita_ranks_by_euros_per_inhabitant() {
    let json = Test::new().args(["per-capita", "--json"]).run().ok().json();
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
    Test::new()
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
fn diff_against_the_example_revision() {
    let json = Test::new()
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
    assert_eq!(by("PL")["status"], "increased");
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
    let old = table("100", &[("AA", "A", "50")]);
    let new = table("100", &[("AA", "A", "40"), ("BB", "B", "30")]);
    let json = Test::new()
        .data(&old)
        .args(["diff", "-", "--json"])
        .stdin(&new)
        .run()
        .ok()
        .json();
    assert_eq!(json["members"][1]["status"], "added");
    assert!(json["members"][1]["old_amount"].is_null());
    assert!(json["members"][1]["change_pct"].is_null());
    assert_eq!(text(&json["change"]["allocated"]), "20");
    Test::new()
        .args(["--data", "-", "diff", "-"])
        .stdin(&old)
        .run()
        .fails(2, "cannot both read standard input");
    Test::new()
        .args(["diff", "nope.json"])
        .run()
        .fails(66, "nope.json");
    Test::new()
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
fn what_if_turkiye_gets_5bn() {
    let run = Test::new()
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
    Test::new()
        .args(["what-if", "--add", "TR=5bn"])
        .run()
        .ok()
        .stdout_has("add TR Türkiye €5bn")
        .stdout_has("€4.9337bn over the ceiling")
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
    let json = Test::new()
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
    let json = Test::new()
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
    Test::new()
        .args(["what-if", "--set", "Polnd=1bn"])
        .run()
        .fails(2, "did you mean Poland (PL)?");
    Test::new()
        .args(["what-if", "--remove", "DE"])
        .run()
        .fails(2, "Germany (DE) did not request");
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
