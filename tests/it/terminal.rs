//! The terminal table at a width: the most important columns that fit,
//! one line per member, a note naming what is left out; charts that keep
//! their marks or refuse a width they cannot honour.

use crate::support::*;

/// Display columns of a line (the box-drawing and `≈` characters are one
/// each; no wide characters in these tables).
fn width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn listings_are_tables_at_80_and_100_columns() {
    let commands: [&[&str]; 7] = [
        &["rank"],
        &["shares"],
        &["per-capita"],
        &["table"],
        &["diff", "commission-2025-09"],
        &["stats"],
        &["check"],
    ];
    for w in ["80", "100"] {
        for command in commands {
            let run = Test::new()
                .args(["--edition", "council-2026-04", "--width", w])
                .args(command)
                .run()
                .ok();
            let out = &run.stdout;
            assert!(
                !out.contains("─[ row"),
                "{command:?} at {w}: records\n{out}"
            );
            let limit: usize = w.parse().unwrap();
            for line in out.lines() {
                assert!(width(line) <= limit, "{command:?} at {w}: {line:?}");
            }
            if command[0] != "stats" && command[0] != "check" {
                assert!(
                    out.lines().any(|l| l.starts_with('│')
                        && l.contains(" PL ")
                        && (l.contains("43,734,100,805") || l.contains("1,198.28"))),
                    "{command:?} at {w}: PL's code and figure are not on one line\n{out}"
                );
            }
        }
    }
    let rank = Test::new()
        .args(["--edition", "council-2026-04", "--width", "80", "rank"])
        .run()
        .ok();
    assert!(rank.lines().len() <= 34, "{}", rank.stdout);
}

/// The columns a narrow table shows and those its note names are the
/// columns of the whole table: nothing disappears unsaid.
#[test]
fn a_narrow_table_names_every_column_it_leaves_out() {
    let headers = |text: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.starts_with('│'))
            .map(|l| {
                l.trim_matches('│')
                    .split('┆')
                    .map(|c| c.trim().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    for command in [
        vec!["rank"],
        vec!["shares"],
        vec!["per-capita"],
        vec!["table"],
        vec!["diff", "commission-2025-09"],
    ] {
        let full = Test::new()
            .args(["--edition", "council-2026-04"])
            .args(&command)
            .run()
            .ok();
        let all = headers(&full.stdout);
        for w in ["40", "60", "80"] {
            let run = Test::new()
                .args(["--edition", "council-2026-04", "--width", w])
                .args(&command)
                .run()
                .ok();
            if run.stdout.contains("─[ row") {
                // Records hold every column.
                continue;
            }
            let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
            let shown = headers(&run.stdout);
            let named = flat
                .split_once(&format!("Not shown at {w} columns: "))
                .map(|(_, rest)| rest.split(". --width").next().unwrap_or(""))
                .unwrap_or("");
            for header in &all {
                let short = |h: &str| {
                    match h {
                        "share of ceiling" => "share",
                        "cumulative share" => "cum. share",
                        "cumulative (€)" => "cum. (€)",
                        "population" => "people",
                        "per inhabitant" => "per head",
                        "pre-financing (€)" => "pre-fin. (€)",
                        "basis before" => "was",
                        "basis after" => "basis",
                        other => other,
                    }
                    .to_string()
                };
                assert!(
                    shown.contains(header)
                        || shown.contains(&short(header))
                        || named.split("; ").any(|n| n == header),
                    "{command:?} at {w}: {header:?} is neither shown nor named\n{}",
                    run.stdout
                );
            }
            if shown.len() < all.len() {
                assert!(
                    !named.is_empty(),
                    "{command:?} at {w}: no note\n{}",
                    run.stdout
                );
            }
        }
    }
}

#[test]
fn a_chart_keeps_its_marks_or_refuses_the_width() {
    let run = Test::new()
        .args(["--edition", "council-2026-04", "--width", "30"])
        .args(["chart", "--by", "per-capita"])
        .run()
        .ok();
    let json = Test::new()
        .args([
            "--edition",
            "council-2026-04",
            "chart",
            "--by",
            "per-capita",
            "--json",
        ])
        .run()
        .ok()
        .json();
    for bar in json["bars"].as_array().unwrap() {
        let code = bar["code"].as_str().unwrap();
        let line = run
            .lines()
            .into_iter()
            .find(|l| l.starts_with(&format!("{code} ")))
            .unwrap_or_else(|| panic!("no bar for {code}:\n{}", run.stdout));
        let label = line.split("  ").next().unwrap();
        let unconfirmed = bar["basis"] != "council-decision";
        assert_eq!(label.ends_with('*'), unconfirmed, "{line:?}");
        assert!(width(line) <= 30, "{line:?}");
    }
    Test::new()
        .args(["--width", "20", "chart"])
        .run()
        .fails(2, "--width 20: this chart needs at least");
}

/// Every line of a drawn table is as wide as its top rule, whether the
/// table is written row by row (no width, a width it fits, colour) or
/// laid out to wrap: on exact, rounded and mixed tables, for every
/// command with a table. (A cell measured at other decimal places than
/// it is written with would stick out.)
#[test]
fn every_line_of_a_table_is_as_wide_as_its_rule() {
    let commands: [&[&str]; 10] = [
        &["rank"],
        &["shares"],
        &["per-capita"],
        &["table"],
        &["diff", "commission-2025-09"],
        &["diff", "council-2026-04"],
        &["what-if", "--set", "PL=40bn"],
        &["stats"],
        &["check"],
        &["total"],
    ];
    let tables = [
        vec!["--edition", "commission-2025-09"],
        vec!["--edition", "council-2026-04"],
        vec![
            "--data",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/good/tenths.json"),
        ],
    ];
    let styles: [&[&str]; 6] = [
        &[],
        &["--ranges"],
        &["--unit", "bn"],
        &["--width", "100"],
        &["--width", "70"],
        &["--color", "always", "--width", "200"],
    ];
    // Colour codes take no columns.
    let visible = |line: &str| {
        let mut n = 0;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                n += 1;
            }
        }
        n
    };
    let mut tables_seen = 0;
    for table in &tables {
        for command in commands {
            for style in styles {
                let run = Test::new()
                    .args(table)
                    .args(style)
                    .args(command)
                    .run()
                    .code_in(&[0, 1, 2]);
                let mut rule = None;
                for line in run.stdout.lines() {
                    match line.chars().find(|c| *c != '\x1b') {
                        Some('┌') => {
                            rule = Some(visible(line));
                            tables_seen += 1;
                        }
                        Some('│' | '╞' | '├' | '└') if rule.is_some() => assert_eq!(
                            Some(visible(line)),
                            rule,
                            "{table:?} {style:?} {command:?}: {line:?}\n{}",
                            run.stdout
                        ),
                        _ => {}
                    }
                    if line.starts_with('└') {
                        rule = None;
                    }
                }
            }
        }
    }
    assert!(tables_seen > 150, "{tables_seen} tables");
}
