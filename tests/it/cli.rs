//! The command line (issue 10): usage errors that keep clap's information,
//! tables that never split a number, --top everywhere, man pages, and
//! help examples that run from an empty directory.

use crate::support::Test;
use clap::CommandFactory;
use safe::cli::Cli;

#[test]
fn usage_errors_keep_what_clap_knows() {
    Test::new()
        .args(["show"])
        .run()
        .fails(2, "missing required argument <MEMBER>")
        .stderr_has("usage: safe show <MEMBER>");
    Test::new()
        .args(["rank", "--format", "xml"])
        .run()
        .fails(2, "invalid value 'xml' for --format <FORMAT>")
        .stderr_has("possible values: table, json, csv, markdown, junit, github");
    Test::new()
        .args(["rnak"])
        .run()
        .fails(2, "did you mean 'rank'?");
    Test::new()
        .args(["rank", "--top", "0"])
        .run()
        .fails(2, "invalid value '0' for --top <N>: must be at least 1");
}

#[test]
fn help_lists_global_options_apart_and_every_exit_code() {
    let help = Test::new().args(["rank", "--help"]).run().ok().stdout;
    let global = help
        .find("Global options:")
        .expect("a Global options heading");
    let top = help.find("--top").unwrap();
    let data = help.find("--data").unwrap();
    assert!(top < global && global < data, "{help}");
    let main = Test::new().args(["--help"]).run().ok().stdout;
    for code in [
        "0 ok",
        "1 a check",
        "2 usage",
        "65 invalid data",
        "66 cannot read",
        "70 internal",
        "74 cannot write",
    ] {
        assert!(main.contains(code), "{code}: {main}");
    }
    let color = Test::new().args(["--help"]).run().ok().stdout;
    for value in ["auto:", "always:", "never:"] {
        assert!(color.contains(value), "--color {value} is not described");
    }
}

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
        let run = Test::new().args(["rank", "--width", width]).run().ok();
        amounts_whole(&run.stdout);
    }
    // A terminal that reports 0 columns (as under `script`).
    let script = std::process::Command::new("script")
        .args([
            "-qec",
            &format!(
                "stty cols 0; {} rank --color never",
                env!("CARGO_BIN_EXE_safe")
            ),
            "/dev/null",
        ])
        .output();
    match script {
        Ok(out) if out.status.success() => amounts_whole(&String::from_utf8_lossy(&out.stdout)),
        _ => eprintln!("SKIPPED: the 0-column terminal case needs `script` (util-linux)"),
    }
}

#[test]
fn top_works_on_every_listing() {
    for command in ["rank", "shares", "per-capita", "table"] {
        let json = Test::new()
            .args([command, "--top", "3", "--json"])
            .run()
            .ok()
            .json();
        let rows = json
            .get("members")
            .or_else(|| json.get("allocations"))
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(rows.len(), 3, "{command}");
        Test::new()
            .args([command, "--top", "3"])
            .run()
            .ok()
            .stdout_has("3 of 19 members shown.");
    }
    let chart = Test::new()
        .args(["chart", "--top", "3", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(chart["bars"].as_array().unwrap().len(), 3);
    let diff = Test::new()
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
    Test::new()
        .args(["diff", "council-2026-02"])
        .run()
        .ok()
        .stdout_has("+34,100,805")
        .stdout_has("+0.02 pp");
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
    assert_eq!(totals.lines()[0], "metric,old,new,change");
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
fn man_pages_per_command() {
    let rank = Test::new().args(["man", "rank"]).run().ok().stdout;
    assert!(rank.contains(".TH safe-rank 1"), "{rank}");
    assert!(rank.contains("\\-\\-top"), "rank's page documents --top");
    let main = Test::new().args(["man"]).run().ok().stdout;
    let t = Test::new();
    let dir = t.dir().join("man1");
    // The run owns the temporary directory: keep it while looking.
    let run = t.args(["man", "--dir", dir.to_str().unwrap()]).run().ok();
    let written = &run.stdout;
    let see_also = main
        .split(".SH \"SEE ALSO\"")
        .nth(1)
        .expect("a SEE ALSO section");
    let named: Vec<&str> = see_also
        .split("\\fBsafe\\-")
        .skip(1)
        .map(|s| s.split("\\fR").next().unwrap())
        .collect();
    assert!(named.len() >= 14, "{see_also}");
    for page in named {
        let file = dir.join(format!("safe-{}.1", page.replace("\\-", "-")));
        assert!(
            file.is_file(),
            "SEE ALSO names {page}, but {} is missing",
            file.display()
        );
        assert!(written.contains(file.to_str().unwrap()));
    }
    assert!(dir.join("safe.1").is_file());
    Test::new()
        .args(["man", "nope"])
        .run()
        .fails(2, "no command called \"nope\"");
}

#[test]
fn every_help_example_runs_from_an_empty_directory() {
    let t = Test::new();
    let bin = t.dir().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_safe"), bin.join("safe")).unwrap();
    let work = t.dir().join("empty");
    std::fs::create_dir(&work).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let has_jq = std::process::Command::new("sh")
        .args(["-c", "command -v jq"])
        .output()
        .is_ok_and(|o| o.status.success());
    let mut ran = 0;
    for sub in Cli::command().get_subcommands() {
        let help = sub
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        for line in help.lines().filter_map(|l| l.strip_prefix("  safe ")) {
            let mut command = format!("safe {line}");
            if command.contains("| jq") && !has_jq {
                command = command.split(" | ").next().unwrap().to_string();
            }
            let out = std::process::Command::new("sh")
                .args(["-c", &command])
                .current_dir(&work)
                .env("PATH", &path)
                .env("HOME", t.dir())
                .output()
                .unwrap();
            assert!(out.status.success(), "{command}: {out:?}");
            ran += 1;
        }
        assert!(
            help.contains("Examples:"),
            "`safe {}` has no examples",
            sub.get_name()
        );
    }
    assert!(ran >= 40, "{ran}");
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
