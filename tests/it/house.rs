//! Hand-kept lists checked against their sources: the commands and check ids
//! in docs/json.md, the commands that take the CI formats, the commands
//! without a table.

use clap::CommandFactory;

use crate::support::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// clap's commands (without `help`).
fn commands() -> Vec<String> {
    safe::cli::Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

/// Commands that read no table (`editions` lists the bundled ones).
const NO_TABLE: &[&str] = &["schema", "completions", "man", "editions"];

/// Commands without a JSON report.
const NO_JSON: &[&str] = &["schema", "completions", "man", "report"];

/// Arguments that make a command run on the bundled table.
fn args_for(command: &str) -> Vec<&str> {
    match command {
        "show" => vec!["show", "PL"],
        "diff" => vec!["diff", COUNCIL],
        "what-if" => vec!["what-if", "--add", "TR=5bn"],
        "completions" => vec!["completions", "bash"],
        other => vec![other],
    }
}

#[test]
fn json_md_lists_every_command_and_check_id() {
    let doc = std::fs::read_to_string(format!("{ROOT}/docs/json.md")).unwrap();
    let row = doc
        .lines()
        .find(|l| l.starts_with("| `command` |"))
        .expect("docs/json.md's `command` row");
    for command in commands() {
        let json = !NO_JSON.contains(&command.as_str());
        assert_eq!(
            row.contains(&format!("`{command}`")),
            json,
            "docs/json.md's `command` row and `safe {command} --json`"
        );
    }
    assert!(row.contains("`overview`"));
    let checks = Test::new()
        .args([
            "check",
            "--expect-total",
            "1",
            "--expect-members",
            "1",
            "--json",
        ])
        .run()
        .code(1)
        .json();
    let ids_row = doc
        .lines()
        .find(|l| l.starts_with("| `id` |"))
        .expect("docs/json.md's check `id` row");
    for check in checks["checks"].as_array().unwrap() {
        let id = check["id"].as_str().unwrap();
        assert!(
            ids_row.contains(&format!("`{id}`")),
            "check id {id} in docs/json.md"
        );
    }
    assert_eq!(
        ids_row.matches('`').count() / 2 - 1,
        checks["checks"].as_array().unwrap().len()
    );
}

#[test]
fn the_ci_formats_are_taken_by_the_commands_that_say_so() {
    // The commands that name themselves in the refusal are the ones that
    // take --format junit.
    let refusal = Test::new()
        .args(["rank", "--format", "junit"])
        .run()
        .code(2)
        .stderr;
    let refusal = refusal
        .split("use it with ")
        .nth(1)
        .and_then(|s| s.split(';').next())
        .expect("the refusal names the commands")
        .to_string();
    for command in commands() {
        let mut args = args_for(&command);
        if command == "total" {
            args.extend(["--expect", "149933700000"]);
        }
        let run = Test::new().args(&args).args(["--format", "junit"]).run();
        let named = refusal.contains(&format!("`safe {command}"));
        if named {
            assert!(
                run.code == 0 || run.code == 1,
                "safe {args:?} --format junit: {}",
                run.stderr
            );
            assert!(run.stdout.starts_with("<?xml"), "{}", run.stdout);
        } else {
            assert_eq!(run.code, 2, "safe {args:?} --format junit: {}", run.stdout);
        }
    }
}

#[test]
fn commands_without_a_table_need_none() {
    // Each runs with a --data file that does not exist: it never reads it.
    for command in commands() {
        let run = Test::new()
            .args(["--data", "/nonexistent/table.csv"])
            .args(args_for(&command))
            .run();
        assert_eq!(
            run.code == 0,
            NO_TABLE.contains(&command.as_str()),
            "safe --data /nonexistent {command}: {} {}",
            run.code,
            run.stderr
        );
    }
}

/// The top level is the design card's: the manifest, README, licence,
/// sources, data, tests, and the rooms for CI, benchmarks, fuzzing and
/// reference (hidden entries and cargo's `target` aside).
#[test]
fn the_top_level_holds_what_the_design_card_lists() {
    const LISTED: &[&str] = &[
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "LICENSE",
        "src",
        "data",
        "tests",
        "benches",
        "fuzz",
        "docs",
    ];
    let mut extra: Vec<String> = std::fs::read_dir(ROOT)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n != "target" && !LISTED.contains(&n.as_str()))
        .collect();
    extra.sort();
    assert!(extra.is_empty(), "not on the design card: {extra:?}");
}
