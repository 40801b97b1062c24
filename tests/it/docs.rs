//! Every console example in README.md and docs/*.md runs and matches.

use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every document whose examples are run.
fn documents() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(ROOT);
    let mut docs = vec![root.join("README.md")];
    let mut pages: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    docs.extend(pages);
    docs
}

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

/// Runs one document's examples: the blessed text and the mismatches.
fn check(path: &std::path::Path, examples: &mut Vec<String>) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut mismatches = Vec::new();
    let mut in_console = false;
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
                "{}: $ {command}\n--- document\n{expected}--- binary\n{actual}",
                path.display()
            ));
        }
        out.push_str(&actual);
    }
    (out, mismatches)
}

#[test]
fn readme_examples_match_the_binary() {
    let bless = std::env::var_os("SAFE_BLESS").is_some();
    let mut mismatches = Vec::new();
    let mut readme_examples = Vec::new();
    for path in documents() {
        let mut examples = Vec::new();
        let (out, mut wrong) = check(&path, &mut examples);
        if path.ends_with("README.md") {
            readme_examples = examples;
            assert!(
                out.len() <= 25_000,
                "README.md is {} bytes: keep it a front door of at most 25,000 (the reference is in docs/)",
                out.len()
            );
        }
        if bless {
            std::fs::write(&path, out).unwrap();
        } else {
            mismatches.append(&mut wrong);
        }
    }
    let readme = std::fs::read_to_string(std::path::Path::new(ROOT).join("README.md")).unwrap();
    let command = <safe::cli::Cli as clap::CommandFactory>::command();
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        // Scripts, man pages, the schema and the HTML page are too long to
        // show: a command line in the text will do.
        let shown = if matches!(name, "completions" | "man" | "schema" | "report") {
            readme.contains(&format!("safe {name}"))
        } else {
            readme_examples
                .iter()
                .any(|e| words(e).iter().any(|w| w == name))
        };
        assert!(shown, "README.md has no example of `safe {name}`");
    }
    assert!(
        mismatches.is_empty(),
        "examples differ from the binary (SAFE_BLESS=1 cargo test --test it readme to update):\n{}",
        mismatches.join("\n")
    );
}
