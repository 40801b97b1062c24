//! Tests of `safe total`: the envelope, its bounds and --expect.

use crate::support::*;

#[test]
fn total_gives_allocated_ceiling_headroom_and_utilisation() {
    let json = Test::on(SEED).args(["total", "--json"]).run().ok().json();
    assert_eq!(text(&json["allocated"]), "149933700000");
    assert_eq!(text(&json["ceiling"]), "150000000000");
    assert_eq!(text(&json["headroom"]), "66300000");
    assert_eq!(text(&json["member_count"]), "19");
    assert_eq!(text(&json["utilisation_pct"]), "99.96");
    Test::on(SEED)
        .args(["total"])
        .run()
        .ok()
        .stdout_has("€149,933,700,000")
        .stdout_has("€66,300,000")
        .stdout_has("99.96%");
}

#[test]
fn total_expect_passes_on_the_exact_sum_in_any_written_form() {
    for form in [
        "149933700000",
        "149.9337bn",
        "€149.9337bn",
        "149933.7m",
        "149.9337 bn",
    ] {
        Test::on(SEED).args(["total", "--expect", form]).run().ok();
    }
}

#[test]
fn total_expect_fails_with_the_difference() {
    let run = Test::on(SEED)
        .args(["total", "--expect", "150bn"])
        .run()
        .code(1);
    assert!(
        run.stdout.contains("€150,000,000,000"),
        "the report still prints"
    );
    assert!(run.stderr.contains("€66.3m less"), "{}", run.stderr);
    let json = Test::on(SEED)
        .args(["total", "--expect", "149bn", "--json"])
        .run()
        .code(1)
        .json();
    assert_eq!(json["expectation"]["matches"], false);
    assert_eq!(text(&json["expectation"]["difference"]), "933700000");
}
