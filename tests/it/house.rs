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

/// Every `.rs` file under `src/`, with its text.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&std::path::Path::new(ROOT).join("src"), &mut out);
    out
}

/// A function reads on one screen or two: none in src/ runs over 150
/// lines, counted from its `fn` line to the closing brace at its
/// indentation.
#[test]
fn no_function_in_src_runs_over_150_lines() {
    let mut long = Vec::new();
    for (path, text) in sources() {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.trim_start();
            let indent = line.len() - code.len();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "const fn ",
            ]
            .iter()
            .any(|p| code.starts_with(p));
            // A declaration without a body (a trait's) ends with `;`.
            if !is_fn || code.ends_with(';') {
                continue;
            }
            let close = " ".repeat(indent) + "}";
            let end = lines[i..]
                .iter()
                .position(|l| *l == close || l.starts_with(&(close.clone() + ")")))
                .unwrap_or(0);
            if end + 1 > 150 {
                long.push(format!("{path}:{}: {} lines", i + 1, end + 1));
            }
        }
    }
    assert!(long.is_empty(), "functions over 150 lines: {long:?}");
}

/// `unsafe` lives in one file (the descriptor check before `main`), and
/// the binary starts the way every Rust program does.
#[test]
fn unsafe_code_is_in_one_file_and_main_is_rusts() {
    let with_unsafe: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| {
            text.lines()
                .any(|l| !l.trim_start().starts_with("//") && l.contains("unsafe"))
        })
        .map(|(path, _)| path)
        .collect();
    assert_eq!(with_unsafe.len(), 1, "{with_unsafe:?}");
    assert!(with_unsafe[0].ends_with("fds.rs"), "{with_unsafe:?}");
    let main = std::fs::read_to_string(format!("{ROOT}/src/main.rs")).unwrap();
    assert!(!main.contains("no_main") && main.contains("fn main() -> ExitCode"));
}

/// The design card's crates are dependencies, each in use.
#[test]
fn the_design_cards_crates_are_used() {
    let manifest = std::fs::read_to_string(format!("{ROOT}/Cargo.toml")).unwrap();
    let all: String = sources().into_iter().map(|(_, t)| t).collect();
    for (name, path) in [
        ("clap", "clap::"),
        ("serde", "serde::"),
        ("serde_json", "serde_json::"),
        ("rust_decimal", "rust_decimal::"),
        ("comfy-table", "comfy_table::"),
        ("anyhow", "anyhow::"),
    ] {
        assert!(
            manifest.contains(&format!("\n{name} = ")),
            "{name} is not in Cargo.toml"
        );
        assert!(all.contains(path), "{name} is not used in src/");
    }
    let contexts = all.matches(".context(").count() + all.matches(".with_context(").count();
    assert!(contexts >= 10, "errors gain context in {contexts} places");
}
