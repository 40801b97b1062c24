//! Every view as precise as its figure: "exact", "increased", "pass"
//! only where rounding cannot undo them; ranges only for rounded inputs;
//! short figures that never contradict their comparison; `--places`.

use crate::support::*;

/// The human rows of a view that name `code` (terminal or Markdown).
fn rows_of<'a>(text: &'a str, code: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| (l.starts_with('│') || l.starts_with('|')) && l.contains(&format!(" {code} ")))
        .collect()
}

#[test]
fn a_change_within_rounding_is_not_called_an_increase() {
    for view in [vec![], vec!["--format", "markdown"]] {
        let run = Test::new()
            .args(["--edition", "commission-2025-09", "diff", "council-2026-02"])
            .args(&view)
            .run()
            .ok();
        for code in ["PL", "RO"] {
            let rows = rows_of(&run.stdout, code);
            assert!(!rows.is_empty(), "{code} {view:?}\n{}", run.stdout);
            for row in rows {
                assert!(
                    !row.contains("increased") && !row.contains("decreased"),
                    "{view:?}: {row}"
                );
                assert!(row.contains("within rounding"), "{view:?}: {row}");
            }
        }
        let ee = rows_of(&run.stdout, "EE");
        assert!(
            ee.iter().any(|r| r.contains("decreased")),
            "{view:?}: {ee:?}"
        );
    }
    let json = Test::new()
        .args([
            "--edition",
            "commission-2025-09",
            "diff",
            "council-2026-02",
            "--json",
        ])
        .run()
        .ok()
        .json();
    let pl = json["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "PL")
        .unwrap();
    assert_eq!(pl["status"], "within_rounding");
}

#[test]
fn the_page_says_exact_and_pass_only_where_rounding_cannot_undo_them() {
    for (edition, art6) in [("commission-2025-09", "undetermined"), ("latest", "pass")] {
        let html = Test::new()
            .args(["--edition", edition, "report"])
            .run()
            .ok()
            .stdout;
        let doc = scraper::Html::parse_document(&html);
        let select = |s: &str| scraper::Selector::parse(s).unwrap();
        for card in doc.select(&select("#headline li")) {
            let text: String = card.text().collect();
            assert!(
                !(text.contains("exact") && text.contains("within rounding")),
                "{edition}: a figure with a range is called exact: {text}"
            );
        }
        // The Art. 6 row's status is the verdict whatever the rounding.
        let row = doc
            .select(&select("#rules tbody tr"))
            .find(|r| r.text().collect::<String>().contains("Art. 6"))
            .unwrap();
        let status = row.select(&select("td")).nth(2).unwrap();
        let text: String = status.text().collect();
        assert_eq!(text, art6, "{edition}");
        let class = status.value().attr("class").unwrap_or("");
        assert_eq!(class.contains("pass"), art6 == "pass", "{edition}: {class}");
        assert!(!html.contains("Figures are exact"), "{edition}");
    }
}

#[test]
fn exact_figures_have_no_ranges_and_rounded_ones_are_marked() {
    let show = Test::new()
        .args(["--edition", "latest", "show", "PL"])
        .run()
        .ok();
    for line in show.lines() {
        if line.contains("share of ceiling") || line.contains("per inhabitant") {
            assert!(!line.contains(" to "), "{line}");
            assert!(!line.contains('≈'), "{line}");
        }
    }
    let json = Test::new()
        .args(["--edition", "latest", "show", "PL", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        json["share_of_ceiling_min_pct"],
        json["share_of_ceiling_max_pct"]
    );
    assert_eq!(json["per_capita_min"], json["per_capita_max"]);
    let per_capita = Test::new()
        .args(["--edition", "latest", "per-capita"])
        .run()
        .ok();
    let lv = rows_of(&per_capita.stdout, "LV");
    assert!(lv[0].contains("≈€1,875.77"), "{lv:?}");
    let total = Test::new()
        .args(["--data", "tests/data/good/small.csv", "total"])
        .run();
    assert!(!total.stdout.contains(" to "), "{}", total.stdout);
}

#[test]
fn places_round_every_money_figure_and_say_so() {
    let run = Test::new()
        .args([
            "--edition",
            "latest",
            "total",
            "--unit",
            "bn",
            "--places",
            "2",
        ])
        .run()
        .ok();
    assert!(run.stdout.contains("≈€147.47bn"), "{}", run.stdout);
    assert!(run.stdout.contains("€150.00bn"), "{}", run.stdout);
    assert!(
        run.stdout.contains("€147.46bn to €147.53bn"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--places 2"), "{}", run.stdout);
    // Without --places, lone figures share their column's places.
    let run = Test::new()
        .args(["--edition", "latest", "total", "--unit", "bn"])
        .run()
        .ok();
    assert!(run.stdout.contains("€147.471930258bn"), "{}", run.stdout);
    Test::new()
        .args(["total", "--places", "2", "--json"])
        .run()
        .fails(2, "--places");
    Test::new()
        .args(["total", "--ranges"])
        .run()
        .fails(2, "--ranges");
    Test::new()
        .args(["chart", "--ranges"])
        .run()
        .fails(2, "chart --svg draws their bounds");
}

#[test]
fn a_figure_over_a_limit_never_prints_equal_to_it() {
    let t = Test::new();
    let over = t.file("over.json", fixture("good/over.json"));
    let run = Test::new()
        .args(["--data", over.to_str().unwrap(), "check"])
        .run()
        .code(1);
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("€150bn of €150bn"), "{text}");
    }
    assert!(
        run.stderr.contains("€150.03bn of €150bn: €33.7m over"),
        "{}",
        run.stderr
    );
    // A range is told apart from its ends, no wider than twice the exact
    // one: the latest edition's total lies in €147.461bn–€147.523bn.
    let run = Test::new()
        .args(["--edition", "latest", "total", "--expect", "149933700000"])
        .run()
        .code(1);
    assert!(
        !run.stderr.contains("€147.4bn to €147.6bn"),
        "{}",
        run.stderr
    );
    let check = Test::new()
        .args(["--edition", "latest", "check"])
        .run()
        .ok();
    assert!(
        check
            .stdout
            .contains("within rounding €147.46bn to €147.53bn"),
        "{}",
        check.stdout
    );
}
