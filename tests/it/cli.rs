//! The command line: global options anywhere, usage errors, help, man pages, completions.

use crate::support::*;
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
    assert!(!dir.join("safe-help.1").exists(), "no page for clap's help");
    // SYNOPSIS names each option's value; .TH has the date; examples are
    // under EXAMPLES, not clap_mangen's EXTRA.
    assert!(rank.contains("[\\fB\\-\\-data\\fR \\fIFILE\\fR]"), "{rank}");
    assert!(rank.contains("[\\fB\\-\\-top\\fR \\fIN\\fR]"), "{rank}");
    assert!(
        rank.lines()
            .any(|l| l.starts_with(".TH safe-rank 1 20") && l.contains("\"safe ")),
        "{rank}"
    );
    assert!(rank.contains(".SH EXAMPLES\n.nf\nsafe rank\n"), "{rank}");
    assert!(!main.contains("EXTRA") && !rank.contains("EXTRA"));
    Test::new()
        .args(["man", "nope"])
        .run()
        .fails(2, "no command called \"nope\"");
}

/// Runs every help example in an empty directory; with `whole`, pipes
/// into jq included, else `safe`'s part of each.
fn run_help_examples(whole: bool) {
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
    let mut ran = 0;
    for sub in Cli::command().get_subcommands() {
        let help = sub
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        for line in help
            .lines()
            .filter_map(|l| l.strip_prefix("  "))
            .filter(|l| l.starts_with("safe ") || l.starts_with("SAFE_EDITION="))
        {
            let mut command = line.to_string();
            if command.contains("| jq") && !whole {
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
fn every_help_example_runs_from_an_empty_directory() {
    run_help_examples(false);
}

#[test]
#[ignore = "needs jq: .ci/run installs it and runs the ignored tests"]
fn every_help_example_runs_whole_with_jq() {
    let jq = std::process::Command::new("jq").arg("--version").output();
    assert!(jq.is_ok_and(|o| o.status.success()), "jq is installed");
    run_help_examples(true);
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
fn edition_and_data_do_not_mix() {
    Test::new()
        .data(bundled())
        .args(["--edition", COUNCIL, "total"])
        .run()
        .fails(2, "cannot be used with");
    Test::new()
        .args(["--edition", "council-2027", "total"])
        .run()
        .fails(2, "no bundled edition \"council-2027\"");
}

#[test]
fn completions_for_every_shell_mention_every_subcommand() {
    let subcommands: Vec<String> = <safe::cli::Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Test::new().args(["completions", shell]).run().ok().stdout;
        for sub in &subcommands {
            assert!(out.contains(sub.as_str()), "{shell} completion lacks {sub}");
        }
    }
    Test::new()
        .args(["completions", "tcsh"])
        .run()
        .fails(2, "tcsh");
}

#[test]
fn man_page_mentions_every_subcommand() {
    // roff writes '-' as '\-'.
    let out = Test::new()
        .args(["man"])
        .run()
        .ok()
        .stdout
        .replace("\\-", "-");
    assert!(
        out.starts_with(".ie") || out.contains(".TH safe"),
        "roff: {}",
        &out[..80]
    );
    for sub in <safe::cli::Cli as clap::CommandFactory>::command().get_subcommands() {
        assert!(
            out.contains(sub.get_name()),
            "man page lacks {}",
            sub.get_name()
        );
    }
}

#[test]
fn completions_and_man_need_no_table() {
    Test::new()
        .args(["--data", "missing.json", "man"])
        .run()
        .ok();
    Test::new()
        .args(["--data", "missing.json", "completions", "bash"])
        .run()
        .ok();
}

#[test]
fn every_command_has_help_with_examples() {
    for sub in <safe::cli::Cli as clap::CommandFactory>::command().get_subcommands() {
        let name = sub.get_name();
        let out = Test::new().args([name, "--help"]).run().ok().stdout;
        assert!(out.contains("Examples:"), "{name} --help has no examples");
        assert!(
            out.lines().next().is_some_and(|l| !l.is_empty()),
            "{name}: no summary"
        );
    }
    Test::new()
        .args(["stats", "--help"])
        .run()
        .ok()
        .stdout_has("Gini")
        .stdout_has("HHI");
}

#[test]
#[ignore = "needs mandoc: .ci/run installs it and runs the ignored tests"]
fn man_pages_lint_clean_in_mandoc() {
    let t = Test::new();
    let dir = t.dir().join("man1");
    let run = t.args(["man", "--dir", dir.to_str().unwrap()]).run().ok();
    for page in run.stdout.lines() {
        let lint = std::process::Command::new("mandoc")
            .args(["-T", "lint", "-W", "error", page])
            .output()
            .expect("mandoc runs");
        assert!(
            lint.status.success() && lint.stdout.is_empty(),
            "{page}: {}{}",
            String::from_utf8_lossy(&lint.stdout),
            String::from_utf8_lossy(&lint.stderr)
        );
    }
}

#[test]
fn global_options_mean_the_same_before_and_after_the_command() {
    let t = Test::new();
    let data = t.file(
        "x.csv",
        "code,name,amount\nPL,Poland,43700\nRO,Romania,16680\n",
    );
    let data = data.to_str().unwrap().to_string();
    let options: Vec<Vec<&str>> = vec![
        vec!["--edition", "council-2026-02"],
        vec!["--unit", "bn"],
        vec!["--json"],
        vec!["--format", "csv"],
        vec!["--format", "markdown"],
        vec!["--width", "60"],
        vec!["--color", "never"],
        vec!["--ranges"],
        vec!["--part", "members"],
        vec!["--bom", "--format", "csv"],
        vec!["--data", &data],
        vec!["--data", &data, "--ceiling", "3"],
        vec!["--data", &data, "--rounding", "1:nearest"],
        vec!["--data", &data, "--data-format", "csv"],
        // Conflicts and requirements hold wherever the options stand.
        vec!["--data", &data, "--edition", "council-2026-02"],
        vec!["--ceiling", "3"],
    ];
    let mut compared = 0;
    for sub in Cli::command().get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        let args: Vec<&str> = match name {
            "show" => vec!["show", "PL"],
            "diff" => vec!["diff", "council-2026-02"],
            "what-if" => vec!["what-if", "--add", "TR=5bn"],
            "completions" => vec!["completions", "bash"],
            other => vec![other],
        };
        for option in &options {
            let before = Test::new().args(option).args(&args).run();
            let after = Test::new().args(&args).args(option).run();
            assert_eq!(
                (before.code, &before.stdout, &before.stderr),
                (after.code, &after.stdout, &after.stderr),
                "safe {option:?} {args:?} and safe {args:?} {option:?}"
            );
            compared += 1;
        }
    }
    assert!(compared >= 14 * 16, "{compared}");
    // The cases the issue names.
    let total = |args: &[&str]| Test::new().args(args).run();
    let a = total(&["--data", &data, "total", "--ceiling", "3"]);
    let b = total(&["--data", &data, "--ceiling", "3", "total"]);
    assert_eq!((a.code, a.stdout), (b.code, b.stdout));
    total(&["--data", &data, "total", "--edition", "council-2026-02"])
        .fails(2, "--edition cannot be used with --data");
}

#[test]
fn a_panic_is_one_line_and_exit_70() {
    // Debug builds panic on request, as a bug would.
    let run = Test::new()
        .env("SAFE_TEST_PANIC", "1")
        .args(["total"])
        .run()
        .fails(
            70,
            "safe: error: internal error (a bug: please report it): forced by SAFE_TEST_PANIC",
        );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

/// `safe` parses with the top level and only the command named (clap
/// copies every global option into every command it holds): each command
/// built alone is the one clap's derive builds among the others, and every
/// command line means what it means to the whole command line.
#[test]
fn the_command_line_parsed_with_one_command_means_the_same() {
    use clap::FromArgMatches;
    for sub in Cli::command().get_subcommands() {
        let name = sub.get_name();
        let alone = safe::cli::Command::alone(name).unwrap_or_else(|| panic!("{name} alone"));
        // (The place in the list of commands is the parent's to give.)
        assert_eq!(
            format!("{:?}", alone.display_order(0)),
            format!("{:?}", sub.clone().display_order(0)),
            "{name}"
        );
    }
    let outcome = |parser: clap::Command, args: &[std::ffi::OsString]| match parser
        .try_get_matches_from(args)
    {
        Ok(m) => format!("{:?}", Cli::from_arg_matches(&m).map_err(|e| e.to_string())),
        Err(e) => format!("{:?}: {}", e.kind(), e.render()),
    };
    let lines: &[&[&str]] = &[
        &["rank"],
        &["--edition", "rank", "total"],
        &["--edition=council-2026-02", "rank", "--top", "2"],
        &["--unit", "bn", "shares", "--json"],
        &["shares", "--unit", "bn", "--part", "members"],
        &["--data", "-", "show", "PL"],
        &["show", "--data", "x.csv", "PL", "--width", "40"],
        &["what-if", "--add", "TR=5bn:Türkiye", "--remove", "PL"],
        &["diff", "council-2026-02", "--changed-only"],
        &["per-capita", "--population", "p.csv", "--top", "3"],
        &["rank", "--bogus"],
        &["--bogus", "rank"],
        &["rnak"],
        &["rank", "extra"],
        &["--unit", "xx", "rank"],
        &["rank", "--unit"],
        &["--", "rank"],
        &["show", "help"],
        &["rank", "--help"],
        &["help", "rank"],
        &["--version"],
        &[],
    ];
    for line in lines {
        let args: Vec<std::ffi::OsString> = std::iter::once("safe")
            .chain(line.iter().copied())
            .map(Into::into)
            .collect();
        assert_eq!(
            outcome(Cli::parser(&args), &args),
            outcome(Cli::command(), &args),
            "{line:?}"
        );
    }
}
