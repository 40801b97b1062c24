//! Tests of `safe chart`: the terminal chart and the SVG file.

use crate::support::*;

#[test]
fn chart_has_one_line_per_member_within_the_width() {
    let run = Test::on(SEED).args(["chart"]).run().ok();
    let lines = run.lines();
    assert_eq!(
        lines.len(),
        24,
        "the table's line, a heading, the unit, 19 bars and two footnotes"
    );
    assert!(lines[0].starts_with("Table: commission-2025-09, as of 2025-09-09"));
    let lines = &lines[1..];
    assert!(lines[21].starts_with("* not confirmed"));
    assert!(lines[22].starts_with("≈ rounded figure"));
    assert!(lines[1].ends_with("amount (€)"));
    assert!(lines[2].starts_with("PL Poland"));
    assert!(lines[20].starts_with("DK Denmark"));
    for line in &lines[1..21] {
        assert_eq!(line.chars().count(), 80, "80 columns when piped: {line:?}");
    }
    // The largest bar is full, the smallest still visible.
    assert_eq!(lines[2].matches('█').count(), 48);
    assert!(lines[20].contains('▏'));
    let run = Test::on(SEED)
        .args(["chart", "--width", "60", "--top", "5", "--by", "share"])
        .run()
        .ok();
    // The table's line (wrapped to two at 60 columns) comes first.
    assert!(run.stdout.starts_with("Table: commission-2025-09"));
    let lines: Vec<&str> = run
        .lines()
        .into_iter()
        .skip_while(|l| !l.starts_with("Share of the fund ceiling"))
        .collect();
    assert_eq!(
        lines.len(),
        14,
        "heading, unit, 5 bars (HU tied with FR), the footnotes and notes wrapped to 60"
    );
    assert!(lines[2].ends_with("≈29.13%"));
    assert!(lines.iter().all(|l| l.chars().count() <= 60));
    assert!(lines[1..7].iter().all(|l| l.chars().count() == 60));
    assert!(lines[11].starts_with("Not shown: BE, LT"), "{}", lines[11]);
    Test::on(SEED)
        .args(["chart", "--width", "5"])
        .run()
        .fails(2, "--width");
    Test::on(SEED)
        .args(["chart", "--color", "always"])
        .run()
        .ok()
        .stdout_has("\x1b[34m");
}

#[test]
fn chart_svg_is_well_formed_with_one_bar_per_member() {
    let t = Test::on(SEED);
    let path = t.dir().join("chart.svg");
    let run = t
        .args(["chart", "--svg", path.to_str().unwrap()])
        .run()
        .ok();
    assert!(
        run.stdout.contains("PL Poland"),
        "the terminal chart still prints"
    );
    let svg = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("valid XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let bars: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("rect") && n.attribute("class").is_some_and(|c| c.starts_with("bar "))
        })
        .collect();
    assert_eq!(bars.len(), 19);
    assert_eq!(bars[0].attribute("data-code"), Some("PL"));
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    for expected in [
        "Allocation by member",
        "PL Poland",
        "≈€43.7bn",
        "≈€46.7m",
        "€40bn",
        "Fund ceiling: €150bn.",
    ] {
        assert!(texts.contains(&expected), "SVG lacks {expected:?}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Source: European Commission"))
    );
    // --svg - writes the SVG itself to stdout.
    let out = Test::on(SEED)
        .args(["chart", "--by", "per-capita", "--top", "3", "--svg", "-"])
        .run()
        .ok()
        .stdout;
    let doc = roxmltree::Document::parse(&out).expect("valid XML on stdout");
    let bars = doc
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("bar ")))
        .count();
    assert_eq!(bars, 3);
}

#[test]
fn chart_svg_escapes_names() {
    let data = crate::support::table(
        "100",
        &[
            ("AA", "Alpha & <Beta>", "60"),
            ("BB", "\\\"Quoted\\\"", "30"),
        ],
    );
    let out = Test::new()
        .data(data)
        .args(["chart", "--svg", "-"])
        .run()
        .ok()
        .stdout;
    let doc = roxmltree::Document::parse(&out).expect("valid XML");
    assert!(doc.descendants().any(|n| {
        n.text()
            .is_some_and(|t| t.starts_with("Alpha & <Beta> (AA)"))
    }));
}

#[test]
fn chart_svg_to_an_unwritable_place_fails_cleanly() {
    Test::new()
        .args(["chart", "--svg", "/nonexistent-dir/chart.svg"])
        .run()
        .fails(
            74,
            "/nonexistent-dir/chart.svg: cannot write: no such file or directory",
        );
}
