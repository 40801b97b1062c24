//! Output formats, charts, completions, the man page and the overview:
//! every command in every format, CSV read back and compared with JSON,
//! Markdown alignment, chart geometry, SVG parsed as XML.

use crate::support::{Test, text};

const REVISION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/example-revision.json"
);

/// Every command's arguments, and where its main table sits in its JSON.
fn commands() -> Vec<(Vec<&'static str>, &'static str)> {
    vec![
        (vec!["rank"], "members"),
        (vec!["rank", "--top", "4", "--asc"], "members"),
        (vec!["shares"], "members"),
        (
            vec![
                "shares",
                "--of",
                "allocated",
                "--method",
                "largest-remainder",
                "--precision",
                "3",
            ],
            "members",
        ),
        (vec!["table", "--sort", "amount"], "allocations"),
        (vec!["check"], "checks"),
        (vec!["editions"], "editions"),
        (vec!["per-capita"], "members"),
        (vec!["diff", REVISION], "members"),
        (
            vec!["what-if", "--add", "TR=5bn", "--fit", "pro-rata"],
            "members",
        ),
        (vec!["chart", "--by", "per-capita"], "bars"),
        (vec!["total"], ""),
        (vec!["stats"], ""),
        (vec!["show", "PL"], ""),
        (vec![], ""),
    ]
}

#[test]
fn csv_matches_the_json_figures_exactly() {
    for (args, array) in commands() {
        let json = Test::new().args(&args).args(["--json"]).run().ok().json();
        let csv_out = Test::new()
            .args(&args)
            .args(["--format", "csv"])
            .run()
            .code(0)
            .stdout;
        let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert!(!rows.is_empty(), "{args:?}: empty CSV");
        assert!(!csv_out.contains("\x1b["), "{args:?}: CSV must be raw");
        if array.is_empty() {
            continue;
        }
        let items = json[array].as_array().unwrap();
        assert_eq!(
            rows.len(),
            items.len(),
            "{args:?}: one CSV row per JSON item"
        );
        let mut compared = 0;
        for (row, item) in rows.iter().zip(items) {
            for (key, cell) in headers.iter().zip(row.iter()) {
                let value = match (key, &item[key]) {
                    ("status", serde_json::Value::Null) if item.get("passed").is_some() => {
                        if item["passed"] == true {
                            "pass".into()
                        } else {
                            "fail".into()
                        }
                    }
                    // Absent from JSON: an empty optional, or the rule in words
                    // (CSV carries it beside the id); anything else is a key
                    // CSV made up.
                    (_, serde_json::Value::Null) if item.get(key).is_none() => {
                        assert!(
                            cell.is_empty() || key == "rule",
                            "{args:?}: CSV column {key} is not a JSON key"
                        );
                        continue;
                    }
                    (_, serde_json::Value::Null) => String::new(),
                    (_, v) => text(v),
                };
                assert_eq!(cell, value, "{args:?}: column {key}");
                compared += 1;
            }
        }
        assert!(
            compared >= items.len() * 2,
            "{args:?}: too few columns compared"
        );
    }
}

#[test]
fn csv_of_rank_is_plain_numbers() {
    let out = Test::new()
        .args(["rank", "--format", "csv"])
        .run()
        .ok()
        .stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "rank,code,name,amount,share_pct,cumulative_pct,basis"
    );
    assert_eq!(
        lines[1],
        "1,PL,Poland,43700000000,29.13,29.13,commission-tentative"
    );
    assert!(!out.contains('€'));
    assert_eq!(
        lines[19],
        "19,DK,Denmark,46700000,0.03,99.96,commission-tentative"
    );
    assert_eq!(lines.len(), 20);
}

#[test]
fn every_command_renders_in_every_format() {
    // The list above covers every command that reads a table (clap's own
    // list is the reference, so a new command cannot be missed).
    use clap::CommandFactory;
    for sub in safe::cli::Cli::command().get_subcommands() {
        let name = sub.get_name();
        let covered = commands()
            .iter()
            .any(|(args, _)| args.first() == Some(&name));
        let without_table = ["completions", "man", "schema", "report", "help"];
        assert!(
            covered || without_table.contains(&name),
            "{name} is not in commands()"
        );
    }
    for (args, _) in commands() {
        for format in safe::export::Format::all() {
            let format = clap::ValueEnum::to_possible_value(format).unwrap();
            let format = format.get_name();
            let run = Test::new().args(&args).args(["--format", format]).run();
            // The CI formats are for the commands that check something.
            if ["junit", "github"].contains(&format) && run.code == 2 {
                assert!(run.stderr.contains("reports checks"), "{}", run.stderr);
                continue;
            }
            let run = run.code(0);
            // Only CSV of several tables adds a note on stderr.
            assert!(
                run.stderr.is_empty() || run.stderr.starts_with("safe: note: "),
                "{args:?} {format}: {}",
                run.stderr
            );
            assert!(
                !run.stdout.trim().is_empty(),
                "{args:?} {format}: no output"
            );
            assert!(
                !run.stdout.contains("\x1b["),
                "{args:?} {format}: escape codes when piped"
            );
        }
    }
}

#[test]
fn markdown_right_aligns_numbers() {
    let out = Test::new()
        .args(["rank", "--format", "markdown"])
        .run()
        .ok()
        .stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "| # | code | member | amount (€) | share of ceiling | cumulative | basis |"
    );
    assert_eq!(lines[1], "|---:|:---|:---|---:|---:|---:|:---|");
    assert_eq!(
        lines[2],
        "| 1 | PL | Poland | 43,700,000,000 | 29.13% | 29.13% | tentative\\* |"
    );
    let out = Test::new()
        .args(["table", "--format", "markdown"])
        .run()
        .ok()
        .stdout;
    assert!(
        out.starts_with("### Security Action for Europe (SAFE)"),
        "{out}"
    );
    assert!(
        out.contains("| **total (19 members)** | **149,933,700,000** |"),
        "{out}"
    );
    let out = Test::new()
        .args(["chart", "--format", "markdown"])
        .run()
        .ok()
        .stdout;
    assert!(out.contains("|:---|:---|---:|:---|"), "{out}");
    assert!(
        out.contains("| PL | Poland\\* | 43,700,000,000 | ██████████████████████████████ |"),
        "{out}"
    );
}

#[test]
fn json_flag_and_format_json_agree() {
    let a = Test::new().args(["stats", "--json"]).run().ok().stdout;
    let b = Test::new()
        .args(["stats", "--format", "json"])
        .run()
        .ok()
        .stdout;
    assert_eq!(a, b);
    Test::new()
        .args(["stats", "--json", "--format", "csv"])
        .run()
        .fails(2, "cannot be used with");
}

#[test]
fn chart_has_one_line_per_member_within_the_width() {
    let run = Test::new().args(["chart"]).run().ok();
    let lines = run.lines();
    assert_eq!(
        lines.len(),
        22,
        "a heading, the unit, 19 bars and the footnote"
    );
    assert!(lines[21].starts_with("* not confirmed"));
    assert!(lines[1].ends_with("amount (€)"));
    assert!(lines[2].starts_with("PL Poland"));
    assert!(lines[20].starts_with("DK Denmark"));
    for line in &lines[1..21] {
        assert_eq!(line.chars().count(), 80, "80 columns when piped: {line:?}");
    }
    // The largest bar is full, the smallest still visible.
    assert_eq!(lines[2].matches('█').count(), 49);
    assert!(lines[20].contains('▏'));
    let run = Test::new()
        .args(["chart", "--width", "60", "--top", "5", "--by", "share"])
        .run()
        .ok();
    let lines = run.lines();
    assert_eq!(
        lines.len(),
        9,
        "heading, unit, 5 bars, the footnote, a note"
    );
    assert!(lines[2].ends_with("29.13%"));
    assert!(lines[1..7].iter().all(|l| l.chars().count() == 60));
    assert!(lines[8].starts_with("Not shown: BE, LT"), "{}", lines[8]);
    Test::new()
        .args(["chart", "--width", "5"])
        .run()
        .fails(2, "--width");
    Test::new()
        .args(["chart", "--color", "always"])
        .run()
        .ok()
        .stdout_has("\x1b[34m");
}

#[test]
fn chart_svg_is_well_formed_with_one_bar_per_member() {
    let t = Test::new();
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
        .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("bar"))
        .collect();
    assert_eq!(bars.len(), 19);
    assert_eq!(bars[0].attribute("data-code"), Some("PL"));
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    for expected in [
        "Allocation by member",
        "Poland (PL)",
        "€43.7bn",
        "€46.7m",
        "€40bn",
        "Fund ceiling: €150bn",
    ] {
        assert!(texts.contains(&expected), "SVG lacks {expected:?}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Source: European Commission"))
    );
    // --svg - writes the SVG itself to stdout.
    let out = Test::new()
        .args(["chart", "--by", "per-capita", "--top", "3", "--svg", "-"])
        .run()
        .ok()
        .stdout;
    let doc = roxmltree::Document::parse(&out).expect("valid XML on stdout");
    let bars = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
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
    assert!(
        doc.descendants()
            .any(|n| n.text() == Some("Alpha & <Beta> (AA)"))
    );
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

#[test]
fn completions_for_every_shell_mention_every_subcommand() {
    let subcommands: Vec<String> = <safe::cli::Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Test::new().args(["completions", shell]).run().ok().stdout;
        for sub in &subcommands {
            assert!(out.contains(sub.as_str()), "{shell} completion lacks {sub}");
        }
    }
    Test::new()
        .args(["completions", "tcsh"])
        .run()
        .fails(2, "tcsh");
}

#[test]
fn man_page_mentions_every_subcommand() {
    // roff writes '-' as '\-'.
    let out = Test::new()
        .args(["man"])
        .run()
        .ok()
        .stdout
        .replace("\\-", "-");
    assert!(
        out.starts_with(".ie") || out.contains(".TH safe"),
        "roff: {}",
        &out[..80]
    );
    for sub in <safe::cli::Cli as clap::CommandFactory>::command().get_subcommands() {
        assert!(
            out.contains(sub.get_name()),
            "man page lacks {}",
            sub.get_name()
        );
    }
}

#[test]
fn completions_and_man_need_no_table() {
    Test::new()
        .args(["--data", "missing.json", "man"])
        .run()
        .ok();
    Test::new()
        .args(["--data", "missing.json", "completions", "bash"])
        .run()
        .ok();
}

#[test]
fn no_subcommand_gives_an_overview() {
    Test::new()
        .run()
        .ok()
        .stdout_has("€149,933,700,000")
        .stdout_has("€66,300,000")
        .stdout_has("#1 PL Poland")
        .stdout_has("#3 FR France")
        .stdout_has("51.06%")
        .stdout_has("what-if");
    let json = Test::new().args(["--json"]).run().ok().json();
    assert_eq!(json["command"], "overview");
    assert_eq!(text(&json["total"]["headroom"]), "66300000");
    assert_eq!(json["largest"].as_array().unwrap().len(), 3);
    assert!(
        json["commands"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "per-capita")
    );
}

#[test]
fn every_command_has_help_with_examples() {
    for sub in <safe::cli::Cli as clap::CommandFactory>::command().get_subcommands() {
        let name = sub.get_name();
        let out = Test::new().args([name, "--help"]).run().ok().stdout;
        assert!(out.contains("Examples:"), "{name} --help has no examples");
        assert!(
            out.lines().next().is_some_and(|l| !l.is_empty()),
            "{name}: no summary"
        );
    }
    Test::new()
        .args(["stats", "--help"])
        .run()
        .ok()
        .stdout_has("Gini")
        .stdout_has("HHI");
}

#[test]
fn colour_is_off_unless_asked_for() {
    for args in [vec!["rank"], vec!["check"], vec!["chart"], vec![]] {
        Test::new().args(&args).run().ok().stdout_lacks("\x1b[");
        Test::new()
            .args(&args)
            .args(["--color", "always"])
            .env("NO_COLOR", "")
            .run()
            .ok()
            .stdout_has("\x1b[");
        Test::new()
            .args(&args)
            .args(["--color", "never"])
            .run()
            .ok()
            .stdout_lacks("\x1b[");
    }
}

/// Every command's JSON and CSV, run over clap's own list of subcommands
/// (so a new command cannot be missed): CSV headers are snake_case JSON
/// keys, and no number anywhere is a negative zero.
#[test]
fn the_machine_contract_holds_for_every_command() {
    use clap::CommandFactory;
    let args_for = |name: &str| -> Vec<String> {
        let extra: &[&str] = match name {
            "show" => &["show", "HU"],
            "diff" => &["diff", "council-2026-02"],
            "what-if" => &["what-if", "--add", "TR=5bn", "--fit", "pro-rata"],
            "check" => &["check", "--expect-total", "150bn", "--expect-members", "20"],
            "total" => &["total", "--expect", "150bn"],
            // No JSON or CSV: scripts, man pages, the schema, the HTML page.
            "completions" | "man" | "schema" | "report" => &[],
            other => return vec![other.to_string()],
        };
        extra.iter().map(|s| s.to_string()).collect()
    };
    let negative_zero = regex_lite_negative_zero;
    for sub in safe::cli::Cli::command().get_subcommands() {
        let args = args_for(sub.get_name());
        if args.is_empty() {
            continue;
        }
        let json = Test::new().args(&args).args(["--json"]).run();
        assert!([0, 1].contains(&json.code), "{args:?}: {}", json.stderr);
        assert!(
            !negative_zero(&json.stdout),
            "{args:?}: a -0 in\n{}",
            json.stdout
        );
        assert_eq!(json.json()["schema_version"], 2);
        let csv = Test::new().args(&args).args(["--format", "csv"]).run();
        let header = csv.stdout.lines().next().unwrap_or_default();
        for key in header.split(',') {
            assert!(
                !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{args:?}: CSV header {header:?}"
            );
        }
        // Metric-style reports name their rows by snake_case ids too.
        if header.starts_with("metric,") {
            for line in csv.stdout.lines().skip(1) {
                let key = line.split(',').next().unwrap();
                assert!(
                    key.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{args:?}: row key {key:?}"
                );
            }
        }
    }
}

/// Whether JSON text holds a number that is a negative zero (`-0`,
/// `-0.00`).
fn regex_lite_negative_zero(text: &str) -> bool {
    text.match_indices("-0").any(|(i, _)| {
        let rest = &text[i + 2..];
        let digits = rest.trim_start_matches(['.', '0']);
        let before_ok = i == 0 || !text.as_bytes()[i - 1].is_ascii_digit();
        before_ok && !digits.starts_with(|c: char| c.is_ascii_digit())
    })
}

#[test]
fn a_failing_check_never_has_a_positive_margin() {
    let json = Test::new()
        .args([
            "check",
            "--expect-total",
            "150bn",
            "--expect-members",
            "20",
            "--json",
        ])
        .run()
        .code(1)
        .json();
    for check in json["checks"].as_array().unwrap() {
        let margin: f64 = text(&check["margin"]).parse().unwrap();
        if check["passed"] == false {
            assert!(margin < 0.0, "{check}");
        }
    }
    assert_eq!(text(&json["checks"][3]["difference"]), "-66300000");
    assert_eq!(text(&json["checks"][2]["margin"]), "0");
    // Tables show the figures in words; CSV carries them as numbers.
    let table = Test::new().args(["check"]).run().ok().stdout;
    assert!(!table.contains("margin"), "{table}");
    assert!(table.contains("€13.41bn under the €90bn cap"), "{table}");
    let csv = Test::new().args(["check", "--format", "csv"]).run().ok();
    assert_eq!(
        csv.lines()[0],
        "id,reference,rule,passed,actual,limit,margin,unit"
    );
}

#[test]
fn the_table_header_has_one_shape_everywhere() {
    for args in [vec!["table"], vec!["chart"], vec!["rank"], vec!["total"]] {
        let json = Test::new().args(&args).args(["--json"]).run().ok().json();
        let table = &json["table"];
        assert!(table["fund"].is_object(), "{args:?}: {table}");
        assert!(table["edition"].is_object(), "{args:?}: {table}");
        assert_eq!(table["edition"]["id"], "commission-2025-09");
        assert!(json.get("edition").is_none(), "{args:?}: a second edition");
    }
}

#[test]
fn unit_scales_money_only() {
    Test::new()
        .args(["per-capita", "--unit", "bn"])
        .run()
        .ok()
        .stdout_has("€3,052.84");
    Test::new()
        .args(["show", "LV", "--unit", "m"])
        .run()
        .ok()
        .stdout_has("€3,052.84")
        .stdout_has("3.79%");
}
