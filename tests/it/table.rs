//! Tests of `safe table`: provenance, sorting, --top and total rows.

use crate::support::*;

#[test]
fn table_shows_provenance_and_sorts() {
    Test::on(SEED)
        .args(["table"])
        .run()
        .ok()
        .stdout_has("Security Action for Europe (SAFE)")
        .stdout_has("tentative as of 2025-09-09")
        .stdout_has("Source: ")
        .stdout_has("total (19 members)");
    let json = Test::on(SEED)
        .args(["table", "--sort", "name", "--json"])
        .run()
        .ok()
        .json();
    let names: Vec<String> = json["allocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| text(&a["name"]))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(json["table"]["edition"]["as_of"], "2025-09-09");
    let json = Test::on(SEED)
        .args(["table", "--sort", "code", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["allocations"][0]["code"], "BE");
    let json = Test::on(SEED).args(["table", "--json"]).run().ok().json();
    assert_eq!(
        json["allocations"][18]["code"], "DK",
        "file order by default"
    );
}
