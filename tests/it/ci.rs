//! CI: JUnit, GitHub annotations, diff --exit-code and the recipes of docs/ci.md.

use crate::support::*;
use std::path::Path;

fn over_ceiling() -> String {
    bundled_with("PL", "103700000000")
}

#[test]
fn junit_has_one_case_per_rule_and_no_failure_on_the_bundled_table() {
    let run = Test::on(SEED)
        .args(["check", "--format", "junit"])
        .run()
        .ok();
    let doc = roxmltree::Document::parse(&run.stdout).expect("JUnit is XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 3);
    assert!(
        cases[0]
            .attribute("name")
            .unwrap()
            .starts_with("ceiling (Art. 6)")
    );
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        0
    );
    let expectations = Test::on(SEED)
        .args([
            "check",
            "--expect-total",
            "149933700000",
            "--expect-members",
            "19",
            "--format",
            "junit",
        ])
        .run()
        .ok();
    let doc = roxmltree::Document::parse(&expectations.stdout).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        5
    );
}

#[test]
fn junit_marks_the_failing_rule_and_exits_1() {
    let run = Test::new()
        .data(over_ceiling())
        .args(["check", "--format", "junit"])
        .run()
        .code(1);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let failed: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .map(|n| n.parent().unwrap().attribute("name").unwrap())
        .collect();
    assert!(
        failed.iter().any(|n| n.starts_with("ceiling")),
        "{failed:?}"
    );
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(
        suite.attribute("failures"),
        Some(failed.len().to_string().as_str())
    );
    assert!(run.stdout.contains("margin -59933700000"), "{}", run.stdout);
}

#[test]
fn junit_stays_well_formed_whatever_the_text() {
    let hostile = bundled()
        .replace(
            "Security Action for Europe (SAFE)",
            "</testsuite><x a=\\\"&",
        )
        .replace("\"DK\"", "\"ZZ\"")
        .replace("\"Denmark\"", "\"]]></failure><script>\"");
    let run = Test::new()
        .data(hostile)
        .args(["check", "--format", "junit"])
        .run()
        .code(1);
    roxmltree::Document::parse(&run.stdout).expect("well-formed");
}

#[test]
fn github_annotates_each_failing_rule() {
    let run = Test::on(SEED)
        .data(over_ceiling())
        .args(["check", "--format", "github"])
        .run()
        .code(1);
    let lines = run.lines();
    let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("::error")).collect();
    assert_eq!(errors.len(), 2, "{}", run.stdout);
    // Each names the file (`--data`) first.
    assert!(errors[0].starts_with("::error file="), "{}", errors[0]);
    assert!(
        errors[0].contains(",title=safe check%3A total within the ceiling (Art. 6)::"),
        "{}",
        errors[0]
    );
    // `%` in a message is escaped, so `60%` cannot start an escape.
    assert!(errors[1].contains("60%25"), "{}", errors[1]);
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("::notice file=") && last.contains(",title=safe check::"),
        "{last}"
    );
    // The Commission's rounded table passes, with a warning: within
    // rounding, its total may be over the ceiling.
    let ok = Test::on(SEED)
        .args(["check", "--format", "github"])
        .run()
        .ok();
    assert_eq!(ok.lines().len(), 2, "{}", ok.stdout);
    assert!(
        ok.lines()[0]
            .starts_with("::warning title=safe check%3A total within the ceiling (Art. 6)::")
    );
    assert!(
        ok.stdout
            .contains("3 checks pass on the stated figures; 1 undetermined within rounding")
    );
    // Under --strict the warning is an error, and the run fails.
    let strict = Test::on(SEED)
        .args(["check", "--strict", "--format", "github"])
        .run()
        .code(1);
    assert!(
        strict.lines()[0]
            .starts_with("::error title=safe check%3A total within the ceiling (Art. 6)::")
    );
    // The Council's figures pass whatever their rounding.
    let council = Test::on(SEED)
        .args(["--edition", COUNCIL, "check", "--format", "github"])
        .run()
        .ok();
    assert_eq!(council.lines().len(), 1);
    assert!(council.stdout.contains("all 3 checks pass"));
}

#[test]
fn total_expect_reports_the_same_way() {
    let run = Test::on(SEED)
        .args(["total", "--expect", "150bn", "--format", "github"])
        .run()
        .code(1);
    assert!(
        run.stdout
            .starts_with("::error title=safe total%3A total is €150bn::")
    );
    let run = Test::on(SEED)
        .args(["total", "--expect", "149933700000", "--format", "junit"])
        .run()
        .ok();
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let case = doc
        .descendants()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert!(
        case.attribute("name")
            .unwrap()
            .starts_with("expected_total")
    );
}

#[test]
fn ci_formats_elsewhere_are_a_usage_error() {
    for args in [
        vec!["rank"],
        vec!["total"],
        vec!["stats"],
        vec!["diff", "council-2026-02"],
    ] {
        for format in ["junit", "github"] {
            Test::new()
                .args(&args)
                .args(["--format", format])
                .run()
                .fails(
                    2,
                    "use it with `safe check` or `safe total --expect AMOUNT`",
                );
        }
    }
}

#[test]
fn diff_exit_code_pins_a_table() {
    Test::on(SEED)
        .args(["diff", "council-2026-02", "--exit-code"])
        .run()
        .code(1)
        .stdout_has("43,734,100,805");
    Test::on(SEED)
        .args(["diff", "commission-2025-09", "--exit-code"])
        .run()
        .ok();
    // A change of one cent is a change.
    let cent = bundled_with("DK", "46700000.01");
    Test::on(SEED)
        .data(cent)
        .args(["diff", "commission-2025-09", "--exit-code"])
        .run()
        .code(1);
    // Without --exit-code, diff reports and exits 0.
    Test::on(SEED).args(["diff", "council-2026-02"]).run().ok();
}

/// The YAML blocks of docs/ci.md.
fn recipes() -> Vec<String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci.md"))
        .expect("docs/ci.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), line) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

#[test]
fn the_recipes_are_valid_yaml() {
    let blocks = recipes();
    assert_eq!(blocks.len(), 2, "a GitHub and a GitLab recipe");
    for block in &blocks {
        let docs = yaml_rust2::YamlLoader::load_from_str(block).expect("valid YAML");
        assert_eq!(docs.len(), 1);
        assert!(docs[0].as_hash().is_some(), "a mapping at the top: {block}");
    }
}

/// A recipe's steps as its CI system runs them: (command, runs even after
/// a failed step). GitHub: `jobs.*.steps[].run` with `if: always()`;
/// GitLab: `script` lines, which stop at the first failure.
fn steps(recipe: &str) -> Vec<(String, bool)> {
    let doc = &yaml_rust2::YamlLoader::load_from_str(recipe).unwrap()[0];
    let mut out = Vec::new();
    if let Some(jobs) = doc["jobs"].as_hash() {
        for job in jobs.values() {
            for step in job["steps"].as_vec().unwrap() {
                if let Some(run) = step["run"].as_str() {
                    out.push((run.to_string(), step["if"].as_str() == Some("always()")));
                }
            }
        }
    } else if let Some(jobs) = doc.as_hash() {
        for job in jobs.values() {
            for line in job["script"].as_vec().into_iter().flatten() {
                out.push((line.as_str().unwrap().to_string(), false));
            }
        }
    }
    out.retain(|(command, _)| command.starts_with("safe "));
    out
}

/// Runs a recipe's `safe` steps in `dir` as its CI system would; the exit
/// codes of the steps that ran.
fn run_recipe(recipe: &str, dir: &Path, path: &str) -> Vec<(String, i32)> {
    let mut failed = false;
    let mut ran = Vec::new();
    for (command, always) in steps(recipe) {
        if failed && !always {
            continue;
        }
        let out = std::process::Command::new("sh")
            .args(["-c", &command])
            .current_dir(dir)
            .env("PATH", path)
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        failed |= code != 0;
        ran.push((command, code));
    }
    ran
}

#[test]
fn the_recipes_commands_run() {
    let t = Test::new();
    let bin = t.dir().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_safe"), bin.join("safe")).unwrap();
    std::fs::create_dir(t.dir().join("data")).unwrap();
    t.file("data/safe-table.json", bundled());
    t.file("data/safe-table.pinned.json", bundled());
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let recipes = recipes();
    let mut ran = 0;
    for recipe in &recipes {
        for (command, code) in run_recipe(recipe, t.dir(), &path) {
            assert_eq!(code, 0, "{command}");
            ran += 1;
        }
    }
    assert_eq!(ran, 6);
    let junit = std::fs::read_to_string(t.dir().join("safe-junit.xml")).unwrap();
    roxmltree::Document::parse(&junit).unwrap();
    // On a failing table, each recipe still writes its JUnit report (the
    // artefact is there when it is needed) and fails the job.
    for recipe in &recipes {
        let _ = std::fs::remove_file(t.dir().join("safe-junit.xml"));
        t.file("data/safe-table.json", bundled_with("PL", "100000000000"));
        let ran = run_recipe(recipe, t.dir(), &path);
        assert!(ran.iter().any(|(_, code)| *code == 1), "{ran:?}");
        let junit = std::fs::read_to_string(t.dir().join("safe-junit.xml"))
            .expect("the JUnit report of a failing table");
        assert!(junit.contains("<failure"), "{junit}");
        roxmltree::Document::parse(&junit).unwrap();
    }
    t.file("data/safe-table.json", bundled());
    // And the pin does fail when the table moves.
    t.file("data/safe-table.json", bundled_with("DK", "46700001"));
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            "safe --data data/safe-table.json diff data/safe-table.pinned.json --exit-code",
        ])
        .current_dir(t.dir())
        .env("PATH", &path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(Path::new(&t.dir().join("data")).is_dir());
}
