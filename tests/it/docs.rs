//! Every example in README.md and docs/*.md runs: a `console` block's
//! output matches the binary's, an `sh` block's `safe` lines succeed.

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

/// A directory whose only program is `safe`, for the shell's `PATH`.
fn bin_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::TempDir::new().unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_safe"), dir.path().join("safe")).unwrap();
        dir
    })
    .path()
}

/// Runs one command line in `sh` from `dir` (the repository for
/// `console` examples), as a reader's terminal shows it: standard output
/// and standard error together. Returns the text and the exit code.
fn shell_in(dir: &std::path::Path, command: &str, home: &std::path::Path) -> (String, i32) {
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .args(["-c", &format!("exec 2>&1; {command}")])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", home)
        .env_remove("NO_COLOR")
        .env_remove("SAFE_EDITION")
        .output()
        .expect("run sh");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(!text.contains("panicked"), "{command}: {text}");
    (text, output.status.code().unwrap_or(-1))
}

/// Runs one document's examples: the blessed text and the mismatches. A
/// `console` block's `$ ` lines run from the repository and their output
/// (stdout and stderr) must match what follows them; `$ echo $?` prints
/// the previous line's exit code. An `sh` block's `safe` lines run in an
/// empty directory (and home) and must succeed.
fn check(path: &std::path::Path, examples: &mut Vec<String>) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut mismatches = Vec::new();
    let mut block: Option<&str> = None;
    let mut last_code = 0;
    // An `sh` block's lines run in order in one empty directory (and home).
    let mut home: Option<tempfile::TempDir> = None;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if block.is_none() {
            if let Some(kind) = line.strip_prefix("```").filter(|k| !k.is_empty()) {
                block = Some(if kind == "console" || kind == "sh" {
                    kind
                } else {
                    "other"
                });
                home = None;
            }
            continue;
        }
        if line == "```" {
            block = None;
            continue;
        }
        if block == Some("sh") {
            let command = line.split("  #").next().unwrap_or("").trim();
            if command.starts_with("safe ") {
                examples.push(command.to_string());
                let home = home.get_or_insert_with(|| tempfile::TempDir::new().unwrap());
                for dir in [
                    ".local/share/bash-completion/completions",
                    ".zfunc",
                    ".config/fish/completions",
                    ".local/share/man/man1",
                ] {
                    std::fs::create_dir_all(home.path().join(dir)).unwrap();
                }
                let (text, code) = shell_in(home.path(), command, home.path());
                if code != 0 {
                    mismatches.push(format!(
                        "{}: {command} exited {code}: {text}",
                        path.display()
                    ));
                }
            }
            continue;
        }
        if block != Some("console") {
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
        let actual = if command == "echo $?" {
            format!("{last_code}\n")
        } else {
            let (text, code) = shell_in(std::path::Path::new(ROOT), command, bin_dir());
            last_code = code;
            text
        };
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
