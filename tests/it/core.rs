//! The core commands on the bundled table and on tables the tests write:
//! rank, total, shares, table, check, global options and exit codes.

use crate::support::{Test, bundled, fixture, table, text};

#[test]
fn rank_lists_members_largest_first_with_competition_ranks() {
    let run = Test::new().args(["rank", "--json"]).run().ok();
    let json = run.json();
    let members = json["members"].as_array().unwrap();
    assert_eq!(members.len(), 19);
    let ranks: Vec<(String, String)> = members
        .iter()
        .map(|m| (text(&m["rank"]), text(&m["code"])))
        .collect();
    let expect = [
        ("1", "PL"),
        ("2", "RO"),
        ("3", "FR"),
        ("3", "HU"),
        ("5", "IT"),
        ("6", "BE"),
        ("7", "LT"),
        ("8", "PT"),
        ("9", "LV"),
        ("10", "BG"),
        ("11", "EE"),
        ("12", "SK"),
        ("13", "CZ"),
        ("14", "HR"),
        ("15", "CY"),
        ("16", "FI"),
        ("16", "ES"),
        ("18", "EL"),
        ("19", "DK"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(r, c)| (r.to_string(), c.to_string()))
        .collect();
    assert_eq!(ranks, expect);
    assert_eq!(text(&members[0]["amount"]), "43700000000");
    assert_eq!(text(&members[0]["share_pct"]), "29.13");
    assert_eq!(text(&members[18]["amount"]), "46700000");
    assert_eq!(text(&members[18]["cumulative_amount"]), "149933700000");
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["command"], "rank");
}

#[test]
fn rank_human_table_has_thousands_separators_and_every_digit() {
    Test::new()
        .args(["rank"])
        .run()
        .ok()
        .stdout_has("43,700,000,000")
        .stdout_has("46,700,000")
        .stdout_has("amount (€)")
        .stdout_lacks("\x1b[");
}

#[test]
fn rank_top_and_ascending() {
    let run = Test::new().args(["rank", "--top", "3"]).run().ok();
    assert!(run.stdout.contains("Poland") && run.stdout.contains("France"));
    assert!(!run.stdout.contains("Hungary"));
    assert!(run.stdout.contains("3 of 19 members shown"));
    let json = Test::new()
        .args(["rank", "--asc", "--top", "2", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["order"], "asc");
    assert_eq!(json["members"][0]["code"], "DK");
    assert_eq!(text(&json["members"][0]["rank"]), "19");
    assert_eq!(json["members"][1]["code"], "EL");
}

#[test]
fn rank_top_zero_is_a_usage_error() {
    Test::new()
        .args(["rank", "--top", "0"])
        .run()
        .fails(2, "at least 1");
    Test::new()
        .args(["rank", "--top", "x"])
        .run()
        .fails(2, "--top");
}

#[test]
fn total_gives_allocated_ceiling_headroom_and_utilisation() {
    let json = Test::new().args(["total", "--json"]).run().ok().json();
    assert_eq!(text(&json["allocated"]), "149933700000");
    assert_eq!(text(&json["ceiling"]), "150000000000");
    assert_eq!(text(&json["headroom"]), "66300000");
    assert_eq!(text(&json["member_count"]), "19");
    assert_eq!(text(&json["utilisation_pct"]), "99.96");
    Test::new()
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
        Test::new().args(["total", "--expect", form]).run().ok();
    }
}

#[test]
fn total_expect_fails_with_the_difference() {
    let run = Test::new()
        .args(["total", "--expect", "150bn"])
        .run()
        .code(1);
    assert!(
        run.stdout.contains("€150,000,000,000"),
        "the report still prints"
    );
    assert!(run.stderr.contains("€66.3m less"), "{}", run.stderr);
    let json = Test::new()
        .args(["total", "--expect", "149bn", "--json"])
        .run()
        .code(1)
        .json();
    assert_eq!(json["expectation"]["matches"], false);
    assert_eq!(text(&json["expectation"]["difference"]), "933700000");
}

#[test]
fn ambiguous_amounts_are_refused_with_the_accepted_forms() {
    for bad in ["150,000,000,000", "16,21bn"] {
        Test::new()
            .args(["total", "--expect", bad])
            .run()
            .fails(2, "ambiguous")
            .stderr_has("149.9337bn");
    }
    Test::new()
        .args(["total", "--expect", "5 trillion"])
        .run()
        .fails(2, "unknown unit");
    Test::new()
        .args(["total", "--expect", "-5bn"])
        .run()
        .fails(2, "positive");
}

#[test]
fn shares_nearest_gives_equal_amounts_equal_shares() {
    let json = Test::new().args(["shares", "--json"]).run().ok().json();
    assert_eq!(json["of"], "fund");
    assert_eq!(json["method"], "nearest");
    let members = json["members"].as_array().unwrap();
    let share = |code: &str| {
        let m = members.iter().find(|m| m["code"] == code).unwrap();
        (text(&m["share_pct"]), text(&m["share_exact_pct"]))
    };
    assert_eq!(share("FR"), share("HU"));
    assert_eq!(share("ES"), share("FI"));
    assert_eq!(share("PL").0, "29.13");
    assert!(share("PL").1.starts_with("29.1333333"));
    assert!(share("IT").1.starts_with("9.9333333333333333"));
    assert_eq!(text(&json["total_exact_pct"]), "99.9558");
    // The column as shown adds up to 99.95 (checked with Python decimal), and the table says so.
    assert_eq!(text(&json["total_rounded_pct"]), "99.95");
    Test::new()
        .args(["shares"])
        .run()
        .ok()
        .stdout_has("99.95%")
        .stdout_has("99.9558%");
}

#[test]
fn shares_largest_remainder_adds_up_to_the_rounded_total() {
    let json = Test::new()
        .args([
            "shares",
            "--of",
            "allocated",
            "--method",
            "largest-remainder",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["total_rounded_pct"]), "100.00");
    let json = Test::new()
        .args([
            "shares",
            "--method",
            "largest-remainder",
            "--precision",
            "1",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["total_rounded_pct"]), "100.0");
    let sum: rust_decimal::Decimal = json["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            text(&m["share_pct"])
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(sum.to_string(), "100.0");
}

#[test]
fn shares_precision_is_bounded() {
    Test::new()
        .args(["shares", "--precision", "11"])
        .run()
        .fails(2, "--precision");
    let json = Test::new()
        .args(["shares", "--precision", "0", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["members"][0]["share_pct"]), "29");
}

#[test]
fn table_shows_provenance_and_sorts() {
    Test::new()
        .args(["table"])
        .run()
        .ok()
        .stdout_has("Security Action for Europe (SAFE)")
        .stdout_has("tentative as of 2025-09-09")
        .stdout_has("Source: ")
        .stdout_has("total (19 members)");
    let json = Test::new()
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
    let json = Test::new()
        .args(["table", "--sort", "code", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["allocations"][0]["code"], "BE");
    let json = Test::new().args(["table", "--json"]).run().ok().json();
    assert_eq!(
        json["allocations"][18]["code"], "DK",
        "file order by default"
    );
}

#[test]
fn check_is_green_on_the_bundled_table() {
    let run = Test::new()
        .args([
            "check",
            "--expect-total",
            "149.9337bn",
            "--expect-members",
            "19",
        ])
        .run()
        .ok()
        .stdout_has("All 5 checks pass")
        .stdout_has("51.06%");
    assert!(run.stdout.contains("€13.41bn under"), "{}", run.stdout);
    let json = Test::new().args(["check", "--json"]).run().ok().json();
    assert_eq!(json["ok"], true);
    let ids: Vec<&str> = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ceiling", "concentration", "member_states"]);
    assert_eq!(text(&json["checks"][1]["actual"]), "76590000000");
    assert_eq!(text(&json["checks"][1]["limit"]), "90000000000");
    assert_eq!(text(&json["checks"][1]["margin"]), "13410000000");
}

#[test]
fn check_fails_over_the_ceiling() {
    let over = bundled().replace("\"43700000000\"", "\"43800000000\"");
    let run = Test::new().data(over).args(["check"]).run().code(1);
    assert!(run.stdout.contains("FAIL"), "{}", run.stdout);
    assert!(
        run.stderr.contains("€33.7m over the ceiling"),
        "{}",
        run.stderr
    );
    let json = Test::new()
        .data(bundled().replace("\"43700000000\"", "\"43800000000\""))
        .args(["check", "--json"])
        .run()
        .code(1)
        .json();
    assert_eq!(json["ok"], false);
    assert_eq!(json["checks"][0]["passed"], false);
    assert_eq!(text(&json["checks"][0]["margin"]), "-33700000");
}

#[test]
fn check_fails_over_the_concentration_cap() {
    // Three members of €31bn each: €93bn > 60% of €150bn, within the ceiling.
    let data = table(
        "150000000000",
        &[
            ("PL", "Poland", "31bn".replace("bn", "000000000").as_str()),
            ("RO", "Romania", "31000000000"),
            ("FR", "France", "31000000000"),
        ],
    );
    let run = Test::new()
        .data(data)
        .args(["check", "--json"])
        .run()
        .code(1);
    let json = run.json();
    assert_eq!(json["checks"][0]["passed"], true);
    assert_eq!(json["checks"][1]["passed"], false);
    assert_eq!(text(&json["checks"][1]["margin"]), "-3000000000");
    assert!(run.stderr.contains("€3bn over"), "{}", run.stderr);
}

#[test]
fn check_fails_when_a_recipient_is_not_a_member_state() {
    let data = table(
        "100",
        &[
            ("PL", "Poland", "10"),
            ("TR", "Türkiye", "5"),
            ("pl91", "Warsaw region", "1"),
        ],
    );
    let run = Test::new().data(data).args(["check"]).run().code(1);
    assert!(
        run.stderr.contains("not EU member states: TR, PL91"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_expectations_can_fail() {
    Test::new()
        .args(["check", "--expect-members", "20"])
        .run()
        .code(1)
        .stderr_has("19 members but expected 20");
    Test::new()
        .args(["check", "--expect-total", "150bn"])
        .run()
        .code(1)
        .stderr_has("€66.3m less");
}

#[test]
fn exact_decimals_tenths_add_up_to_the_ceiling() {
    let data = table("0.3", &[("AA", "Alpha", "0.1"), ("BB", "Beta", "0.2")]);
    let run = Test::new().data(&data).args(["total", "--json"]).run().ok();
    assert!(run.stdout.contains("\"headroom\": 0,"), "{}", run.stdout);
    assert!(run.stdout.contains("\"allocated\": 0.3,"), "{}", run.stdout);
    let json = Test::new()
        .data(&data)
        .args(["check", "--json"])
        .run()
        .code(1)
        .json();
    // Within the ceiling exactly (the other rules fail: two members, not EU).
    assert_eq!(json["checks"][0]["passed"], true);
    assert_eq!(text(&json["checks"][0]["margin"]), "0");
    // The same figures as JSON numbers rather than strings.
    let data = fixture("good/tenths.json");
    let json = Test::new()
        .data(data)
        .args(["total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["headroom"]), "0");
    assert_eq!(text(&json["utilisation_pct"]), "100.00");
}

#[test]
fn exact_decimals_pass_check_on_an_eu_table() {
    let data = table(
        "0.3",
        &[
            ("PL", "Poland", "0.1"),
            ("RO", "Romania", "0.05"),
            ("FR", "France", "0.05"),
            ("HU", "Hungary", "0.1"),
        ],
    );
    // Three largest: 0.1 + 0.1 + 0.05 = 0.25 > 0.18, so only the ceiling passes;
    // a table of many small members passes every rule exactly.
    let json = Test::new()
        .data(&data)
        .args(["check", "--json"])
        .run()
        .code(1)
        .json();
    assert_eq!(text(&json["checks"][0]["margin"]), "0");
    let rows: Vec<(String, String, String)> =
        ["PL", "RO", "FR", "HU", "IT", "BE", "LT", "PT", "LV", "BG"]
            .iter()
            .map(|c| (c.to_string(), format!("Member {c}"), "0.03".to_string()))
            .collect();
    let rows: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    Test::new()
        .data(table("0.3", &rows))
        .args(["check"])
        .run()
        .ok()
        .stdout_has("All 3 checks pass");
}

#[test]
fn data_can_come_from_stdin_and_the_option_goes_anywhere() {
    let data = table("100", &[("PL", "Poland", "60"), ("RO", "Romania", "30")]);
    let json = Test::new()
        .args(["--data", "-", "total", "--json"])
        .stdin(&data)
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "90");
    assert_eq!(json["table"]["origin"], "<stdin>");
    let json = Test::new()
        .args(["total", "--json", "--data", "-"])
        .stdin(&data)
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["headroom"]), "10");
}

#[test]
fn codes_compare_case_insensitively_and_print_upper_case() {
    let data = table(
        "100",
        &[("pl91", "Mazowieckie", "60"), ("Ro", "Romania", "30")],
    );
    let json = Test::new()
        .data(data)
        .args(["rank", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["members"][0]["code"], "PL91");
    assert_eq!(json["members"][1]["code"], "RO");
}

#[test]
fn amounts_may_be_json_numbers_read_exactly() {
    let data = r#"{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":150000000000},
        "allocations":[{"code":"PL","name":"Poland","amount":4.37e10},{"code":"DK","name":"Denmark","amount":46700000.000}]}"#;
    let json = Test::new()
        .data(data)
        .args(["rank", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["members"][0]["amount"]), "43700000000");
    assert_eq!(text(&json["members"][1]["amount"]), "46700000");
}

#[test]
fn units_never_lose_a_digit() {
    Test::new()
        .args(["rank", "--unit", "bn"])
        .run()
        .ok()
        .stdout_has("0.0467")
        .stdout_has("43.7000")
        .stdout_has("amount (€bn)");
    Test::new()
        .args(["rank", "--unit", "m"])
        .run()
        .ok()
        .stdout_has("46.7")
        .stdout_has("43,700.0");
    Test::new()
        .args(["rank", "--unit", "eur"])
        .run()
        .ok()
        .stdout_has("46,700,000");
}

#[test]
fn missing_and_unreadable_inputs_exit_66() {
    Test::new()
        .args(["--data", "no-such-file.json", "rank"])
        .run()
        .fails(66, "no-such-file.json: cannot read: no such file");
    let t = Test::new();
    let dir = t.dir().to_str().unwrap().to_string();
    t.args(["--data", &dir, "rank"])
        .run()
        .fails(66, "is a directory");
}

#[test]
fn usage_errors_exit_2_on_one_line() {
    Test::new()
        .args(["rnak"])
        .run()
        .fails(2, "unrecognized subcommand");
    Test::new()
        .args(["rank", "--dat", "x"])
        .run()
        .fails(2, "--data");
    Test::new()
        .args(["shares", "--of", "everything"])
        .run()
        .fails(2, "--of");
}

#[test]
fn help_and_version_go_to_stdout() {
    Test::new()
        .args(["--help"])
        .run()
        .ok()
        .stdout_has("Usage: safe")
        .stdout_has("Exit codes");
    Test::new()
        .args(["--version"])
        .run()
        .ok()
        .stdout_has(env!("CARGO_PKG_VERSION"));
    Test::new()
        .args(["check", "--help"])
        .run()
        .ok()
        .stdout_has("Art. 13")
        .stdout_has("Examples:");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // A table large enough that the output cannot fit in the pipe buffer.
    let rows: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                r#"{{"code":"M{i}","name":"Member {i}","amount":"{}"}}"#,
                i + 1
            )
        })
        .collect();
    let data = format!(
        r#"{{"schema_version":1,"fund":{{"name":"T","currency":"EUR","ceiling":"1e12"}},"allocations":[{}]}}"#,
        rows.join(",")
    );
    let t = Test::new();
    let path = t.file("big.json", data);
    let mut child = Command::new(env!("CARGO_BIN_EXE_safe"))
        .args(["--data", path.to_str().unwrap(), "rank"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is now closed: the rest of the write gets EPIPE.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
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

#[test]
fn a_byte_order_mark_is_accepted() {
    let data = fixture("good/bom.json");
    let json = Test::new()
        .data(data)
        .args(["total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "30");
}
