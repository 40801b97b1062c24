//! Every output format: the JSON and CSV contract, Markdown, units, widths, colour, --top.

use crate::support::*;

/// Lines of a table with a money amount split across lines would leave
/// a partial number: every amount of the bundled table must appear whole.
fn amounts_whole(out: &str) {
    for amount in ["43,700,000,000", "16,680,000,000", "46,700,000"] {
        assert!(out.contains(amount), "{amount} is split:\n{out}");
    }
}

#[test]
fn tables_never_split_a_number() {
    for width in ["50", "20"] {
        let run = Test::on(SEED).args(["rank", "--width", width]).run().ok();
        amounts_whole(&run.stdout);
    }
}

#[test]
#[ignore = "needs `script` (util-linux): .ci/run runs it with --ignored"]
fn a_terminal_of_no_columns_still_gets_whole_numbers() {
    // A terminal that reports 0 columns (as under `script`).
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            &format!(
                "stty cols 0; SAFE_EDITION=commission-2025-09 {} rank --color never",
                env!("CARGO_BIN_EXE_safe")
            ),
            "/dev/null",
        ])
        .output()
        .expect("`script` (util-linux) runs");
    assert!(out.status.success());
    amounts_whole(&String::from_utf8_lossy(&out.stdout));
}

/// The widest line of `text`, in terminal columns.
fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn every_command_keeps_to_a_narrow_width() {
    // A table too wide for the width becomes records (one line per
    // figure); notes and headers wrap; figures stay whole.
    for args in [
        &["rank"][..],
        &["total"],
        &["shares"],
        &["table"],
        &["check"],
        &["show", "PL"],
        &["stats"],
        &["per-capita"],
        &["diff", "council-2026-02"],
        &["what-if", "--add", "TR=5bn"],
        &["chart"],
        &["editions"],
        &[],
    ] {
        let out = Test::on(SEED)
            .args(args)
            .args(["--width", "40"])
            .run()
            .ok()
            .stdout;
        assert!(widest(&out) <= 40, "safe {args:?} --width 40:\n{out}");
        amounts_whole_where_shown(&out);
    }
    let out = Test::on(SEED)
        .args(["rank", "--width", "40"])
        .run()
        .ok()
        .stdout;
    // At 40 columns a ranking is still a table: the essential columns.
    assert!(!out.contains("─[ row 1 ]"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("PL") && l.contains("≈43,700,000,000")),
        "{out}"
    );
}

/// Any of the bundled amounts the output shows is whole.
fn amounts_whole_where_shown(out: &str) {
    for (whole, start) in [("43,700,000,000", "43,7"), ("16,680,000,000", "16,68")] {
        if out.contains(start) {
            assert!(out.contains(whole), "{whole} is split:\n{out}");
        }
    }
}

#[test]
fn top_works_on_every_listing() {
    // A cut never splits a tie: FR and HU share rank 3.
    for (command, top, rows_shown, note) in [
        ("rank", "2", 2, "2 of 19 members shown."),
        (
            "rank",
            "3",
            4,
            "4 of 19 members shown (--top 3, and 1 member tied with the last of them).",
        ),
        (
            "shares",
            "3",
            4,
            "4 of 19 members shown (--top 3, and 1 member tied",
        ),
        ("per-capita", "3", 3, "3 of 19 members shown."),
        ("table", "3", 3, "3 of 19 members shown."),
        ("chart", "3", 4, "4 of 19 members shown (--top 3"),
    ] {
        let json = Test::on(SEED)
            .args([command, "--top", top, "--json"])
            .run()
            .ok()
            .json();
        let rows = json
            .get("members")
            .or_else(|| json.get("allocations"))
            .or_else(|| json.get("bars"))
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(rows.len(), rows_shown, "{command} --top {top}");
        assert_eq!(json["top"], top.parse::<u64>().unwrap(), "{command}");
        Test::on(SEED)
            .args([command, "--top", top])
            .run()
            .ok()
            .stdout_has(note);
    }
    let diff = Test::on(SEED)
        .args([
            "diff",
            "council-2026-02",
            "--changed-only",
            "--top",
            "2",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(diff["members"].as_array().unwrap().len(), 2);
    Test::on(SEED)
        .args(["diff", "council-2026-02"])
        .run()
        .ok()
        .stdout_has("+34,100,805")
        .stdout_has("+0.02 pp")
        // A rise that rounds to 0.00% keeps its sign.
        .stdout_has("+0.00%");
}

#[test]
fn diff_and_what_if_reach_every_table_in_csv() {
    let totals = Test::new()
        .args([
            "diff",
            "council-2026-02",
            "--format",
            "csv",
            "--part",
            "totals",
        ])
        .run()
        .ok();
    assert_eq!(
        totals.lines()[0],
        "metric,old,new,change,old_min,old_max,new_min,new_max,change_min,change_max"
    );
    assert!(totals.stdout.contains("top3_within_cap,true,true,"));
    let checks = Test::new()
        .args([
            "what-if", "--add", "TR=5bn", "--format", "csv", "--part", "checks",
        ])
        .run()
        .ok();
    assert!(checks.lines()[0].starts_with("id,reference,rule,passed"));
    // Without --part, stderr says how to reach the other tables.
    Test::new()
        .args(["diff", "council-2026-02", "--format", "csv"])
        .run()
        .code(0)
        .stderr_has("note: the CSV holds the members table; --part totals for the other");
    Test::new()
        .args(["rank", "--format", "csv", "--part", "totals"])
        .run()
        .fails(2, "`safe rank` writes a single table");
}

#[test]
fn one_member_is_one_member() {
    let data = crate::support::table("100", &[("PL", "Poland", "10")]);
    Test::new()
        .data(&data)
        .args(["table"])
        .run()
        .ok()
        .stdout_has("total (1 member)")
        .stdout_lacks("1 members");
    Test::new()
        .data(&data)
        .args(["check", "--expect-members", "1"])
        .run()
        .ok()
        .stdout_has("1 member as expected");
}

#[test]
fn units_never_lose_a_digit() {
    Test::on(SEED)
        .args(["rank", "--unit", "bn"])
        .run()
        .ok()
        .stdout_has("0.0467")
        .stdout_has("43.7000")
        .stdout_has("amount (€bn)");
    Test::on(SEED)
        .args(["rank", "--unit", "m"])
        .run()
        .ok()
        .stdout_has("46.7")
        .stdout_has("43,700.0");
    Test::on(SEED)
        .args(["rank", "--unit", "eur"])
        .run()
        .ok()
        .stdout_has("46,700,000");
}

#[test]
fn no_color_when_piped_or_asked() {
    Test::new()
        .args(["check", "--color", "always"])
        .run()
        .ok()
        .stdout_has("\x1b[");
    Test::new()
        .args(["check", "--color", "always", "--json"])
        .run()
        .ok()
        .stdout_lacks("\x1b[");
    Test::new()
        .args(["check"])
        .env("NO_COLOR", "1")
        .run()
        .ok()
        .stdout_lacks("\x1b[");
    Test::new()
        .args(["check", "--color", "never"])
        .run()
        .ok()
        .stdout_lacks("\x1b[");
}

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
        (vec!["timeline", "--today", "2026-12-04"], "events"),
        (
            vec!["participants", "--today", "2026-12-04"],
            "participants",
        ),
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
                    // A list of codes: one cell, separated by spaces.
                    (_, serde_json::Value::Array(codes)) => {
                        codes.iter().map(text).collect::<Vec<_>>().join(" ")
                    }
                    (_, v) => text(v),
                };
                // `table` leaves an exact row's bounds empty in CSV.
                let exact_bound = cell.is_empty()
                    && (key == "amount_min" || key == "amount_max")
                    && item.get("amount") == item.get(key);
                if exact_bound {
                    continue;
                }
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
    let out = Test::on(SEED)
        .args(["rank", "--format", "csv"])
        .run()
        .ok()
        .stdout;
    let lines: Vec<&str> = out.lines().collect();
    // The first columns keep their places; the rest of the JSON row
    // follows.
    assert!(
        lines[0].starts_with("rank,code,name,amount,share_pct,cumulative_pct,basis,cumulative_amount,amount_min,amount_max,rank_best,rank_worst"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("1,PL,Poland,43700000000,29.13,29.13,commission-tentative,43700000000,43700000000,43800000000,1,1,"),
        "{}",
        lines[1]
    );
    assert!(!out.contains('€'));
    assert!(
        lines[19]
            .starts_with("19,DK,Denmark,46700000,0.03,99.96,commission-tentative,149933700000,"),
        "{}",
        lines[19]
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
    let out = Test::on(SEED)
        .args(["rank", "--format", "markdown"])
        .run()
        .ok()
        .stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Table: commission-2025-09, as of 2025-09-09"));
    assert_eq!(lines[1], "");
    assert_eq!(
        lines[2],
        "| # | code | member | amount (€) | cumulative (€) | share of ceiling | cumulative share | basis |"
    );
    assert_eq!(lines[3], "|---:|:---|:---|---:|---:|---:|---:|:---|");
    assert_eq!(
        lines[4],
        "| 1 | PL | Poland | ≈43,700,000,000 | ≈43,700,000,000 | ≈29.13% | ≈29.13% | tentative\\* |"
    );
    let out = Test::on(SEED)
        .args(["table", "--format", "markdown"])
        .run()
        .ok()
        .stdout;
    assert!(
        out.starts_with("### Security Action for Europe (SAFE)"),
        "{out}"
    );
    assert!(
        out.contains("| **total (19 members)** | **≈149,933,700,000** |"),
        "{out}"
    );
    let out = Test::on(SEED)
        .args(["chart", "--format", "markdown"])
        .run()
        .ok()
        .stdout;
    assert!(out.contains("|:---|:---|---:|:---|"), "{out}");
    assert!(
        out.contains("| PL | Poland\\* | ≈43,700,000,000 | ██████████████████████████████ |"),
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
        assert_eq!(json.json()["schema_version"], 4);
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
fn the_table_header_has_one_shape_everywhere() {
    for args in [vec!["table"], vec!["chart"], vec!["rank"], vec!["total"]] {
        let json = Test::on(SEED)
            .args(&args)
            .args(["--json"])
            .run()
            .ok()
            .json();
        let table = &json["table"];
        assert!(table["fund"].is_object(), "{args:?}: {table}");
        assert!(table["edition"].is_object(), "{args:?}: {table}");
        assert_eq!(table["edition"]["id"], "commission-2025-09");
        assert!(json.get("edition").is_none(), "{args:?}: a second edition");
    }
}

#[test]
fn unit_scales_money_only() {
    Test::on(SEED)
        .args(["per-capita", "--unit", "bn"])
        .run()
        .ok()
        .stdout_has("€3,052.84");
    Test::on(SEED)
        .args(["show", "LV", "--unit", "m"])
        .run()
        .ok()
        .stdout_has("€3,052.84")
        .stdout_has("3.79%");
}

#[test]
fn bom_starts_csv_with_a_byte_order_mark_for_spreadsheets() {
    let plain = Test::new()
        .args([
            "what-if",
            "--add",
            "TR=5bn:Türkiye",
            "--format",
            "csv",
            "--part",
            "members",
        ])
        .run()
        .ok()
        .stdout;
    let marked = Test::new()
        .args([
            "what-if",
            "--add",
            "TR=5bn:Türkiye",
            "--format",
            "csv",
            "--part",
            "members",
            "--bom",
        ])
        .run()
        .ok()
        .stdout;
    assert_eq!(marked, format!("\u{feff}{plain}"));
    assert!(marked.contains("Türkiye"));
    // Only CSV has one.
    Test::new().args(["rank", "--bom"]).run().fails(
        2,
        "--bom starts CSV with a byte-order mark: use it with --format csv",
    );
}
