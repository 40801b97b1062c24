//! Hostile input: bad tables refused clearly, untrusted text escaped in every format.

use crate::support::*;
use clap::{CommandFactory, ValueEnum};
use safe::cli::Cli;
use safe::export::Format;
use std::collections::BTreeSet;
use std::path::Path;

/// (file, exit code, fragment of the message). Every message also starts
/// with `safe: error: <path>`, checked below.
const CASES: &[(&str, i32, &str)] = &[
    (
        "allocations-not-array.json",
        65,
        "1:87: invalid type: map, expected an array of allocations",
    ),
    (
        "amount-boolean.json",
        65,
        "6:3: amount of AA (Alpha) must be a number or a string holding one, got a boolean",
    ),
    (
        "amount-huge-exponent.json",
        65,
        "amount of AA (Alpha) has more digits than can be held exactly",
    ),
    (
        "amount-nan.json",
        65,
        "5:42: JSON syntax error: expected value",
    ),
    (
        "amount-negative.json",
        65,
        "7:3: amount of BB (Beta) is negative: -5",
    ),
    (
        "amount-not-a-number.json",
        65,
        "amount of AA (Alpha) is not a number: \"lots\"",
    ),
    ("amount-null.json", 65, "got null"),
    (
        "amount-too-many-decimals.json",
        65,
        "more decimal places than can be held exactly (at most 28)",
    ),
    (
        "amount-too-many-digits.json",
        65,
        "more digits than can be held exactly",
    ),
    (
        "amount-with-separators.json",
        65,
        "is not a number: \"1,000\"",
    ),
    ("amount-with-suffix.json", 65, "is not a number: \"5bn\""),
    ("amount-zero.json", 65, "amount of AA (Alpha) is zero"),
    (
        "ceiling-negative.json",
        65,
        "3:71: fund ceiling is negative",
    ),
    (
        "ceiling-not-a-number.json",
        65,
        "fund ceiling is not a number",
    ),
    ("ceiling-zero.json", 65, "fund ceiling is zero"),
    (
        "code-bad-characters.json",
        65,
        "member code \"P L\" may only hold letters, digits and '-'",
    ),
    ("code-too-long.json", 65, "is longer than 16 characters"),
    (
        "currency-usd.json",
        65,
        "fund currency must be \"EUR\", got \"USD\"",
    ),
    (
        "depth-bomb-in-amount.json",
        65,
        "amount of AA (Alpha) must be a number or a string holding one, got an array",
    ),
    (
        "depth-bomb.json",
        65,
        "1:146: JSON syntax error: JSON nested too deeply",
    ),
    (
        "duplicate-code.json",
        65,
        "7:3: duplicate member code AA in allocations[1] (first in allocations[0])",
    ),
    ("duplicate-key.json", 65, "duplicate field `code`"),
    ("duplicate-name.json", 65, "duplicate member name \"ALPHA\""),
    ("empty-allocations.json", 65, "allocations is empty"),
    ("empty-code.json", 65, "member code is empty"),
    ("empty-name.json", 65, "name of member AA is empty"),
    ("empty.json", 65, "empty input"),
    (
        "missing-allocations.json",
        65,
        "missing field `allocations`",
    ),
    ("missing-amount.json", 65, "5:32: missing field `amount`"),
    ("missing-ceiling.json", 65, "missing field `ceiling`"),
    ("missing-fund.json", 65, "missing field `fund`"),
    (
        "name-control-character.json",
        65,
        "contains a control character",
    ),
    ("not-utf8.json", 65, "1:38: not valid UTF-8"),
    ("schema-version-5.json", 65, "unsupported schema_version 5"),
    (
        "sum-overflows.json",
        65,
        "the sum of amounts cannot be held exactly",
    ),
    (
        "syntax-error.json",
        65,
        "1:22: JSON syntax error: key must be a string",
    ),
    (
        "top-level-array.json",
        65,
        "1:1: invalid type: sequence, expected a JSON object",
    ),
    ("top-level-string.json", 65, "expected a JSON object"),
    (
        "trailing-comma.json",
        65,
        "JSON syntax error: trailing comma",
    ),
    (
        "trailing-garbage.json",
        65,
        "8:1: JSON syntax error: trailing characters",
    ),
    (
        "truncated.json",
        65,
        "unexpected end of input (truncated JSON?)",
    ),
    (
        "unknown-field-amout.json",
        65,
        "5:39: unknown field `amout`, expected one of `code`, `name`, `amount`",
    ),
    ("unknown-top-level-field.json", 65, "unknown field `notes`"),
    (
        "utf16.json",
        65,
        "1:1: the file is UTF-16 (little-endian), and safe reads UTF-8: save it as UTF-8",
    ),
    ("whitespace-only.json", 65, "empty input"),
];

fn corpus() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad"))
}

#[test]
fn every_bad_input_is_refused_clearly() {
    for &(file, code, fragment) in CASES {
        let path = corpus().join(file);
        for command in ["rank", "check"] {
            Test::new()
                .args(["--data", path.to_str().unwrap(), command, "--json"])
                .run()
                .fails(code, fragment)
                .stderr_has(&format!("safe: error: {}", path.display()));
        }
        // The same bytes on stdin are named <stdin>.
        Test::new()
            .args(["--data", "-", "total"])
            .stdin(std::fs::read(&path).unwrap())
            .run()
            .fails(code, fragment)
            .stderr_has("safe: error: <stdin>");
    }
}

#[test]
fn every_corpus_file_has_an_expectation() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = CASES.iter().map(|(f, _, _)| f.to_string()).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn arrays_in_place_of_objects_are_refused() {
    Test::new()
        .data(r#"{"schema_version":1,"fund":["T","EUR","1"],"allocations":[{"code":"A","name":"A","amount":"1"}]}"#)
        .args(["total"])
        .run()
        .fails(65, "1:27: invalid type: sequence, expected a JSON object");
    Test::new()
        .data(r#"{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":"1"},"allocations":[["A","A","1"]]}"#)
        .args(["total"])
        .run()
        .fails(65, "expected a JSON object");
}

/// Texts a hostile table may hold: none is a control character, so the
/// file loads, and each must come out inert in every format.
const HOSTILE: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+2",
    "-3",
    "@SUM(A1)",
    "## heading",
    "</text><script>alert(1)</script>",
    "| a | b |",
    "[click](javascript:alert(1))",
    "**bold** & _it_",
];

fn hostile_table() -> String {
    let rows: Vec<String> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, name)| {
            serde_json::json!({
                "code": format!("H{i}"),
                "name": name,
                "amount": format!("{}", (i + 1) * 1000),
                "source": name,
                "note": name,
            })
            .to_string()
        })
        .collect();
    format!(
        r###"{{"schema_version":2,"fund":{{"name":"<b>Fund</b> =1+1","legal_basis":"</text><script>x</script>","currency":"EUR","ceiling":"1000000"}},"edition":{{"status":"<i>s</i>","as_of":"2026-01-01","source":"@x & <y>","note":"## not a heading"}},"allocations":[{}]}}"###,
        rows.join(",")
    )
}

/// Arguments that make each subcommand run on the hostile table; a new
/// subcommand without an entry here runs with none.
fn args_for(command: &str) -> Vec<&'static str> {
    match command {
        "show" => vec!["show", "H0"],
        "diff" => vec!["diff", "commission-2025-09"],
        "what-if" => vec!["what-if", "--add", "ZZ=5:=cmd|' /C calc'!A0"],
        "chart" => vec!["chart", "--by", "share"],
        other => vec![Box::leak(other.to_string().into_boxed_str())],
    }
}

#[test]
fn no_text_from_the_file_comes_out_live_in_any_format() {
    let data = hostile_table();
    // Every command that reads the table (completions, man pages and the
    // schema print no data).
    let mut commands: Vec<Vec<&str>> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|name| !["completions", "man", "schema"].contains(name))
        .map(args_for)
        .collect();
    commands.push(vec![]);
    commands.push(vec!["chart", "--svg", "-"]);
    for args in &commands {
        for format in Format::value_variants() {
            let name = format.to_possible_value().unwrap().get_name().to_string();
            let run = Test::new()
                .data(&data)
                .args(args)
                .args(["--format", &name])
                .run();
            // The CI formats are for commands that check something.
            // The HTML page is HTML only, `chart --svg -` SVG only.
            let ci = matches!(format, Format::Junit | Format::Github);
            let fixed = (args.first() == Some(&"report") || args.contains(&"--svg"))
                && *format != Format::Table;
            if (ci || fixed) && run.code == 2 {
                continue;
            }
            assert!(
                [0, 1].contains(&run.code),
                "{args:?} {name}: exit {}: {}",
                run.code,
                run.stderr
            );
            let out = &run.stdout;
            let bad = out
                .chars()
                .find(|&c| c.is_control() && c != '\n' && c != '\t');
            assert_eq!(bad, None, "{args:?} {name}: a control character");
            if args.first() == Some(&"report") {
                let doc = scraper::Html::parse_document(out);
                assert!(doc.errors.is_empty(), "{:?}", doc.errors);
                let script = scraper::Selector::parse("script, img").unwrap();
                assert_eq!(doc.select(&script).count(), 0, "live HTML from the data");
                continue;
            }
            if args.contains(&"--svg") {
                roxmltree::Document::parse(out)
                    .unwrap_or_else(|e| panic!("the SVG is not XML: {e}"));
                assert!(!out.contains("<script"), "{out}");
                continue;
            }
            match *format {
                Format::Csv => {
                    let mut reader = csv::ReaderBuilder::new()
                        .has_headers(false)
                        .flexible(true)
                        .from_reader(out.as_bytes());
                    for record in reader.records() {
                        for cell in record.unwrap().iter() {
                            let live = cell.starts_with(['=', '+', '@', '\t', '\r'])
                                || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                            assert!(!live, "{args:?}: a live CSV cell {cell:?}");
                        }
                    }
                }
                Format::Markdown => {
                    assert!(!out.contains('<'), "{args:?}: raw HTML in Markdown:\n{out}");
                    assert!(
                        !out.lines().any(|l| l.starts_with("## ")),
                        "{args:?}: a heading from the data:\n{out}"
                    );
                }
                Format::Junit => {
                    roxmltree::Document::parse(out)
                        .unwrap_or_else(|e| panic!("the JUnit is not XML: {e}"));
                }
                Format::Github => {
                    for line in out.lines() {
                        assert!(line.starts_with("::"), "{args:?}: {line}");
                    }
                }
                _ => {}
            }
        }
    }
}

#[test]
fn control_characters_in_any_text_field_refuse_the_file() {
    let good = hostile_table();
    for (field, needle) in [
        ("fund legal_basis", "\"legal_basis\":\""),
        ("edition status", "\"status\":\""),
        ("edition source", "\"source\":\"@"),
        ("name of member H0", "\"name\":\"<img"),
        ("note of member H1", "\"note\":\"=HYPER"),
        ("source of member H2", "\"source\":\"+1"),
    ] {
        let (key, rest) = needle.split_at(needle.find(":\"").unwrap() + 2);
        let evil = good.replacen(needle, &format!("{key}\\u001b]0;title\\u0007{rest}"), 1);
        assert_ne!(evil, good, "{field}: the needle was not found");
        Test::new()
            .data(&evil)
            .args(["rank"])
            .run()
            .fails(65, &format!("{field} contains a control character"));
    }
}

#[test]
fn a_path_with_control_characters_is_shown_escaped() {
    Test::new()
        .args(["--data", "no\u{1b}[2Jfile.json", "total"])
        .run()
        .fails(66, "no\\u{1b}[2Jfile.json: cannot read: no such file");
}

#[test]
fn a_name_longer_than_any_format_width_does_not_panic() {
    let long = "x".repeat(65_600);
    let data = table("100", &[("A", &long, "10"), ("B", "Beta", "5")]);
    for args in [
        vec!["chart"],
        vec!["chart", "--svg", "-"],
        vec!["rank"],
        vec!["table", "--format", "markdown"],
        vec!["show", "A"],
    ] {
        Test::new().data(&data).args(&args).run().ok();
    }
}

#[test]
fn characters_xml_cannot_hold_and_bidi_controls_never_come_out() {
    // Refused at load, whatever the format or command: no output can hold
    // them (XML cannot; a terminal would reverse the line).
    for (character, what) in [
        ("\\uffff", "a non-character (U+FFFF)"),
        ("\\ufffe", "a non-character (U+FFFE)"),
        ("\\u202e", "a bidirectional control character (U+202E)"),
        ("\\u2066", "a bidirectional control character (U+2066)"),
    ] {
        let data = table("100", &[("AA", &format!("A{character}B"), "10")]);
        for args in [
            vec!["rank"],
            vec!["rank", "--format", "markdown"],
            vec!["rank", "--format", "csv"],
            vec!["chart"],
            vec!["chart", "--svg", "-"],
            vec!["check", "--format", "junit"],
            vec!["report"],
        ] {
            let run = Test::new().data(&data).args(&args).run();
            if args.contains(&"junit") {
                // CI still reads that the table does not load; the
                // character itself never comes out.
                let run = run.code(65);
                assert!(
                    run.stdout.contains(&format!("contains {what}")),
                    "{}",
                    run.stdout
                );
                assert!(!run.stdout.contains(character), "{args:?}: {}", run.stdout);
                continue;
            }
            let run = run.fails(65, &format!("name of member AA contains {what}"));
            assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        }
    }
}

/// Decisions on exact values, through the binary: a tie of remainders, an
/// index at a midpoint, a median that cannot be held.
#[test]
fn decisions_are_taken_on_exact_values() {
    let t = Test::new();
    let frcy = t.file(
        "frcy.csv",
        "code,name,amount\nFR,France,16220000000\nCY,Cyprus,1190000000\n",
    );
    let json = Test::new()
        .args(["--data", frcy.to_str().unwrap()])
        .args(["shares", "--method", "largest-remainder", "--json"])
        .run()
        .ok()
        .json();
    let shares: Vec<String> = json["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{} {}", m["code"].as_str().unwrap(), text(&m["share_pct"])))
        .collect();
    assert_eq!(shares, ["FR 10.82", "CY 0.79"]);
    let hhi_plain = t.file(
        "hhi2.csv",
        "code,name,amount\nAA,A,5000000000\nBB,B,8000000000\nCC,C,35000000000\n",
    );
    let json = Test::new()
        .args(["--data", hhi_plain.to_str().unwrap(), "stats", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["hhi"]), "5703.12");
    let median = t.file(
        "median.csv",
        "code,name,amount\nAA,A,1\nBB,B,2.0000000000000000000000000001\n",
    );
    Test::new()
        .args(["--data", median.to_str().unwrap(), "stats"])
        .run()
        .fails(65, "the median");
    Test::new()
        .args([
            "--data",
            median.to_str().unwrap(),
            "--rounding",
            "1e-28",
            "total",
        ])
        .run()
        .fails(2, "too fine");
}

/// The rules of the data format, as documented: both bounds or neither,
/// real dates, names compared as a reader sees them.
#[test]
fn data_rules_hold_as_documented() {
    let cases = [
        ("code,name,amount,min\nAA,A,5,4\n", "has a min but no max"),
        (
            "code,name,amount,min,max\nAA,A,5,4,\n",
            "has a min but no max",
        ),
        (
            "code,name,amount,decided\nAA,A,5,2026-02-30\n",
            "February has 28 days",
        ),
        (
            "code,name,amount,decided\nAA,A,5,2026-04-31\n",
            "April has 30 days",
        ),
        ("code,name,amount\nAA,ΕΛΛΑΣ,5\nBB,Ελλας,6\n", "name"),
        (
            "code,name,amount\nAA,Poland,5\nBB,Po\u{2800}land,6\n",
            "name",
        ),
        ("code,name,amount\nAA,\u{2800}\u{200b},5\n", "shows nothing"),
    ];
    for (csv, fragment) in cases {
        let t = Test::new();
        let path = t.file("t.csv", csv);
        Test::new()
            .args(["--data", path.to_str().unwrap(), "total"])
            .run()
            .fails(65, fragment);
    }
}

/// Text from the command line obeys the rules of text from a file: refused
/// where a file's would be, escaped where it is only shown; every error
/// one line without a raw control character.
#[test]
fn command_line_text_is_checked_and_escaped() {
    Test::new()
        .args(["what-if", "--add", "XX=1bn:a\u{202e}b"])
        .run()
        .fails(2, "bidirectional control");
    for value in ["1\n::error::fake", "\u{1b}[2J", "1\u{202e}"] {
        let run = Test::new()
            .args(["rank", "--top", value])
            .run()
            .fails(2, "--top");
        assert!(
            !run.stderr
                .trim_end()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "{:?}",
            run.stderr
        );
    }
    // A file name with a bidi control is shown escaped in every view.
    let t = Test::new();
    let path = t.file("a\u{202e}b.csv", "code,name,amount\nAA,A,5\n");
    for format in ["table", "markdown", "json", "csv", "junit", "github"] {
        let command = if ["junit", "github"].contains(&format) {
            "check"
        } else {
            "total"
        };
        let run = Test::new()
            .args([
                "--data",
                path.to_str().unwrap(),
                command,
                "--format",
                format,
            ])
            .run();
        assert!(!run.stdout.contains('\u{202e}'), "{format}: {}", run.stdout);
        assert!(!run.stderr.contains('\u{202e}'), "{format}: {}", run.stderr);
    }
    Test::new()
        .args(["what-if", "--add", "XX=1bn", "--remove", "XX"])
        .run()
        .fails(2, "XX is changed twice");
    Test::new()
        .args(["report", "--output", ""])
        .run()
        .fails(2, "it is empty");
}

/// Inputs without end are refused in bounded memory: a NUL byte at once,
/// and past a limit (`--limit`).
#[test]
fn runaway_inputs_are_refused() {
    Test::new()
        .args(["--data", "/dev/zero", "--data-format", "csv", "total"])
        .run()
        .fails(65, "NUL byte");
    Test::new()
        .args(["per-capita", "--population", "/dev/zero"])
        .run()
        .fails(65, "NUL byte");
    let t = Test::new();
    let big = t.file(
        "big.csv",
        format!("code,name,amount\n{}", "AA,A,1\n".repeat(2000)),
    );
    Test::new()
        .args([
            "--data",
            big.to_str().unwrap(),
            "--limit",
            "input=4k",
            "total",
        ])
        .run()
        .fails(65, "larger than the input limit of 4 KiB");
    let long = t.file(
        "long.csv",
        format!("code,name,amount\nAA,{},1\n", "x".repeat(5000)),
    );
    Test::new()
        .args([
            "--data",
            long.to_str().unwrap(),
            "--limit",
            "field=1k",
            "total",
        ])
        .run()
        .fails(
            65,
            "long.csv:2:1: the name field is longer than the field limit of 1 KiB",
        );
    // A very long unknown name costs no search (linear in the table).
    let rows: String = (0..20_000)
        .map(|i| format!("M{i},Member {i},1\n"))
        .collect();
    let table = t.file("table.csv", format!("code,name,amount\n{rows}"));
    Test::new()
        .args([
            "--data",
            table.to_str().unwrap(),
            "show",
            &"x".repeat(100_000),
        ])
        .run()
        .fails(2, "no member called");
}

/// A command never writes over a file it reads.
#[test]
fn an_output_is_never_an_input() {
    let t = Test::new();
    let table = t.file("t.csv", "code,name,amount\nAA,A,5\n");
    let link = t.dir().join("link.csv");
    std::os::unix::fs::symlink(&table, &link).unwrap();
    for args in [vec!["report", "--output"], vec!["chart", "--svg"]] {
        for out in [&table, &link] {
            Test::new()
                .args(["--data", table.to_str().unwrap()])
                .args(&args)
                .args([out.to_str().unwrap()])
                .run()
                .fails(74, "it is an input of this command");
            assert_eq!(
                std::fs::read_to_string(&table).unwrap(),
                "code,name,amount\nAA,A,5\n"
            );
        }
    }
}
