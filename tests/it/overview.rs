//! Tests of `safe` with no command: the overview.

use crate::support::*;

#[test]
fn no_subcommand_gives_an_overview() {
    Test::on(SEED)
        .run()
        .ok()
        .stdout_has("€149,933,700,000")
        .stdout_has("€66,300,000")
        .stdout_has("Edition: commission-2025-09")
        .stdout_has("The 4 largest")
        .stdout_has("Hungary")
        .stdout_has("tentative*")
        .stdout_has("* not confirmed")
        .stdout_has("51.06%")
        .stdout_has("what-if");
    let json = Test::on(SEED).args(["--json"]).run().ok().json();
    assert_eq!(json["command"], "overview");
    assert_eq!(text(&json["total"]["headroom"]), "66300000");
    // The three largest, and Hungary tied with France at #3.
    assert_eq!(json["largest"].as_array().unwrap().len(), 4);
    assert!(
        json["commands"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "per-capita")
    );
}
