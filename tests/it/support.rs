//! A small builder so each integration test reads as one sentence:
//! `Test::new().args(["rank", "--json"]).run().ok().stdout_has("Poland")`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// One run of the real `safe` binary.
pub struct Test {
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    env: Vec<(String, String)>,
    dir: TempDir,
}

impl Default for Test {
    fn default() -> Self {
        Self::new()
    }
}

impl Test {
    pub fn new() -> Self {
        Test {
            args: Vec::new(),
            stdin: None,
            env: Vec::new(),
            dir: TempDir::new().expect("temporary directory"),
        }
    }

    /// A run pinned to a bundled edition (`SAFE_EDITION`), for a test
    /// that relies on its figures: the default follows the newest.
    pub fn on(edition: &str) -> Self {
        Test::new().env("SAFE_EDITION", edition)
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args
            .extend(args.into_iter().map(|s| s.as_ref().to_string()));
        self
    }

    /// Writes `contents` to a file in the test's directory and passes it
    /// with `--data`.
    pub fn data(self, contents: impl AsRef<[u8]>) -> Self {
        let path = self.file("table.json", contents);
        self.args(["--data", path.to_str().unwrap()])
    }

    /// Writes a file into the test's directory and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(bytes.as_ref().to_vec());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    pub fn run(self) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_safe"));
        cmd.args(&self.args).current_dir(self.dir.path());
        cmd.env_remove("NO_COLOR");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.write_stdin(self.stdin.clone().unwrap_or_default());
        let output = cmd.output().expect("run safe");
        let run = Run {
            args: self.args.join(" "),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            _dir: self.dir,
        };
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
            "safe {} panicked:\n{}",
            run.args,
            run.stderr
        );
        run
    }
}

/// What a run printed and returned, with assertions that chain.
pub struct Run {
    pub args: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    _dir: TempDir,
}

impl Run {
    /// Exit code 0 and nothing on stderr.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "safe {} exited {}:\n{}",
            self.args, self.code, self.stderr
        );
        assert!(
            self.stderr.is_empty(),
            "safe {} wrote to stderr:\n{}",
            self.args,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "safe {} exited {} (expected {code})\nstdout:\n{}\nstderr:\n{}",
            self.args, self.code, self.stdout, self.stderr
        );
        self
    }

    /// One of `codes` (a check may pass or fail), nothing on stderr but
    /// what a failed check says.
    #[track_caller]
    pub fn code_in(self, codes: &[i32]) -> Self {
        assert!(
            codes.contains(&self.code),
            "safe {} exited {} (expected one of {codes:?}):\n{}",
            self.args,
            self.code,
            self.stderr
        );
        self
    }

    /// An error: the exit code, exactly one line on stderr holding
    /// `fragment`, and nothing on stdout.
    #[track_caller]
    pub fn fails(self, code: i32, fragment: &str) -> Self {
        let run = self.code(code);
        assert!(
            run.stdout.is_empty(),
            "safe {} printed on failure:\n{}",
            run.args,
            run.stdout
        );
        assert_eq!(
            run.stderr.lines().count(),
            1,
            "safe {}: the error is not one line:\n{}",
            run.args,
            run.stderr
        );
        assert!(run.stderr.starts_with("safe: error: "), "{}", run.stderr);
        run.stderr_has(fragment)
    }

    #[track_caller]
    pub fn stdout_has(self, fragment: &str) -> Self {
        assert!(
            self.stdout.contains(fragment),
            "safe {}: stdout lacks {fragment:?}:\n{}",
            self.args,
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stdout_lacks(self, fragment: &str) -> Self {
        assert!(
            !self.stdout.contains(fragment),
            "safe {}: stdout has {fragment:?}:\n{}",
            self.args,
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, fragment: &str) -> Self {
        assert!(
            self.stderr.contains(fragment),
            "safe {}: stderr lacks {fragment:?}:\n{}",
            self.args,
            self.stderr
        );
        self
    }

    /// stdout parsed as JSON (numbers keep their exact text).
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "safe {}: stdout is not JSON ({e}):\n{}",
                self.args, self.stdout
            )
        })
    }

    /// The lines of stdout.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// The seed edition: the Commission's rounded table of September 2025.
pub const SEED: &str = "commission-2025-09";

/// The exact text of a JSON number or string.
pub fn text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A table in the data schema, from `(code, name, amount)` rows.
pub fn table(ceiling: &str, rows: &[(&str, &str, &str)]) -> String {
    let rows: Vec<String> = rows
        .iter()
        .map(|(c, n, a)| format!(r#"    {{"code": "{c}", "name": "{n}", "amount": "{a}"}}"#))
        .collect();
    format!(
        "{{\n  \"schema_version\": 1,\n  \"fund\": {{\"name\": \"Test fund\", \"currency\": \"EUR\", \"ceiling\": \"{ceiling}\"}},\n  \"allocations\": [\n{}\n  ]\n}}\n",
        rows.join(",\n")
    )
}

/// The bundled table's text, for tests that edit it.
pub fn bundled() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/editions/commission-2025-09.json"
    ))
    .expect("bundled table")
}

/// A file from `tests/data/`.
pub fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

pub const REVISION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/example-revision.json"
);

pub fn shell(script: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .args(["-c", &script.replace("SAFE", env!("CARGO_BIN_EXE_safe"))])
        .output()
        .unwrap()
}
pub const COUNCIL: &str = "council-2026-02";

/// The bundled table with `code`'s amount set to `amount` (an exact
/// figure: its bounds are dropped).
pub fn bundled_with(code: &str, amount: &str) -> String {
    let mut table: serde_json::Value = serde_json::from_str(&bundled()).expect("bundled table");
    for row in table["allocations"].as_array_mut().expect("rows") {
        if row["code"] == code {
            let row = row.as_object_mut().expect("a row");
            row.insert("amount".into(), amount.into());
            row.remove("min");
            row.remove("max");
        }
    }
    serde_json::to_string_pretty(&table).expect("JSON")
}
