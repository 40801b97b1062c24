//! Every ```console block in README.md is run: each `$ safe …` line is
//! executed with the real binary and its stdout must match the lines that
//! follow it. `SAFE_BLESS=1 cargo test --test readme` rewrites the README
//! with the current output instead.

use std::process::Command;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// Splits a command line into words; single quotes group words.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut current));
                    any = false;
                }
            }
            c => {
                current.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(current);
    }
    out
}

fn run(command: &str) -> String {
    let args = words(command);
    assert_eq!(
        args[0], "safe",
        "README console lines must run safe: {command}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_safe"))
        .args(&args[1..])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run safe");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{command}: {stderr}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn readme_examples_match_the_binary() {
    let text = std::fs::read_to_string(README).unwrap();
    let bless = std::env::var_os("SAFE_BLESS").is_some();
    let mut out = String::new();
    let mut mismatches = Vec::new();
    let mut in_console = false;
    let mut examples: Vec<String> = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line == "```console" {
            in_console = true;
            continue;
        }
        if !in_console {
            continue;
        }
        if line == "```" {
            in_console = false;
            continue;
        }
        let Some(command) = line.strip_prefix("$ ") else {
            continue;
        };
        examples.push(command.to_string());
        let mut expected = String::new();
        while let Some(next) = lines.peek() {
            if next.starts_with("$ ") || *next == "```" {
                break;
            }
            expected.push_str(lines.next().unwrap());
            expected.push('\n');
        }
        let actual = run(command);
        if actual != expected {
            mismatches.push(format!(
                "$ {command}\n--- README\n{expected}--- binary\n{actual}"
            ));
        }
        out.push_str(&actual);
    }
    let command = <safe::cli::Cli as clap::CommandFactory>::command();
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        // Scripts and man pages are too long to show: a command line will do.
        let shown = if matches!(name, "completions" | "man" | "schema") {
            text.contains(&format!("safe {name}"))
        } else {
            examples.iter().any(|e| words(e).iter().any(|w| w == name))
        };
        assert!(shown, "README.md has no example of `safe {name}`");
    }
    if bless {
        std::fs::write(README, out).unwrap();
    } else {
        assert!(
            mismatches.is_empty(),
            "README examples differ from the binary (SAFE_BLESS=1 cargo test --test readme to update):\n{}",
            mismatches.join("\n")
        );
    }
}
