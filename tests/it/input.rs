//! Reading tables: JSON, CSV and TSV, encodings, standard input, missing files.

use crate::support::*;

#[test]
fn codes_compare_case_insensitively_and_print_upper_case() {
    let data = table(
        "100",
        &[("pl91", "Mazowieckie", "60"), ("Ro", "Romania", "30")],
    );
    let json = Test::new()
        .data(data)
        .args(["rank", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["members"][0]["code"], "PL91");
    assert_eq!(json["members"][1]["code"], "RO");
}

#[test]
fn amounts_may_be_json_numbers_read_exactly() {
    let data = r#"{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":150000000000},
        "allocations":[{"code":"PL","name":"Poland","amount":4.37e10},{"code":"DK","name":"Denmark","amount":46700000.000}]}"#;
    let json = Test::new()
        .data(data)
        .args(["rank", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["members"][0]["amount"]), "43700000000");
    assert_eq!(text(&json["members"][1]["amount"]), "46700000");
}

#[test]
fn missing_and_unreadable_inputs_exit_66() {
    Test::new()
        .args(["--data", "no-such-file.json", "rank"])
        .run()
        .fails(66, "no-such-file.json: cannot read: no such file");
    let t = Test::new();
    let dir = t.dir().to_str().unwrap().to_string();
    t.args(["--data", &dir, "rank"])
        .run()
        .fails(66, "is a directory");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let data = fixture("good/bom.json");
    let json = Test::new()
        .data(data)
        .args(["total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "30");
}

/// The bundled table as a spreadsheet would export it.
fn bundled_rows() -> Vec<(String, String, String)> {
    let json: serde_json::Value = serde_json::from_str(&bundled()).unwrap();
    json["allocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (text(&a["code"]), text(&a["name"]), text(&a["amount"])))
        .collect()
}

fn delimited(sep: &str, eol: &str, header: &str) -> String {
    let mut out = format!("{header}{eol}");
    for (code, name, amount) in bundled_rows() {
        out.push_str(&format!("{code}{sep}\"{name}\"{sep}{amount}{eol}"));
    }
    out
}

fn total_of(name: &str, contents: impl AsRef<[u8]>) -> String {
    let t = Test::new();
    let path = t.file(name, contents);
    let json = t
        .args(["--data", path.to_str().unwrap(), "total", "--json"])
        .run()
        .ok()
        .json();
    text(&json["allocated"])
}

#[test]
fn tables_from_spreadsheets_give_the_same_total() {
    let comma = delimited(",", "\n", "code,name,amount");
    assert_eq!(total_of("t.csv", &comma), "149933700000");
    // Semicolons, a BOM, CRLF, and the columns in another order and case.
    let mut reordered = String::from("\u{feff}Name;AMOUNT;Code\r\n");
    for (code, name, amount) in bundled_rows() {
        reordered.push_str(&format!("\"{name}\";{amount};{code}\r\n"));
    }
    assert_eq!(total_of("t.csv", &reordered), "149933700000");
    let tsv = delimited("\t", "\n", "code\tname\tamount");
    assert_eq!(total_of("t.tsv", &tsv), "149933700000");
    let json = Test::new()
        .args(["--data", "-", "--data-format", "csv", "total", "--json"])
        .stdin(&comma)
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "149933700000");
    assert_eq!(json["table"]["origin"], "<stdin>");
}

#[test]
fn a_bad_cell_names_the_file_and_line() {
    let t = Test::new();
    let path = t.file(
        "bad.csv",
        "code,name,amount\nPL,Poland,43700000000\nRO,Romania,\"16,680,000,000\"\n",
    );
    let run = t
        .args(["--data", path.to_str().unwrap(), "total"])
        .run()
        .fails(65, "bad.csv:3:1: amount of RO (Romania) is not a number");
    run.stderr_has("no thousands separator");
    let cases: &[(&str, &str)] = &[
        ("code,name\nPL,Poland\n", "no `amount` column"),
        (
            "code,name,amount\nPL,Poland,\n",
            ":2:1: the amount of PL is empty",
        ),
        (
            "code,name,amount\nPL,Poland,1\nPL,Polska,2\n",
            ":3:1: duplicate member code PL in line 3 (first in line 2)",
        ),
        (
            "code,name,amount,ammount\nPL,Poland,1,2\n",
            "unknown column \"ammount\"",
        ),
        ("code,name,amount\nPL,Poland,-5\n", "is negative"),
        // The line of a row after comment and blank lines is its own.
        (
            "code,name,amount\nPL,Poland,1\n# a note\n\nRO,Romania,x\n",
            ":5:1: amount of RO (Romania) is not a number",
        ),
        ("code,name,amount\n", "no rows below the header"),
        (
            "code,name,amount\nPL,Poland,1,extra\n",
            "a row has 4 fields",
        ),
    ];
    for (csv, fragment) in cases {
        let t = Test::new();
        let path = t.file("t.csv", csv);
        t.args(["--data", path.to_str().unwrap(), "rank"])
            .run()
            .fails(65, fragment);
    }
}

#[test]
fn a_csv_table_is_safe_unless_its_ceiling_says_otherwise() {
    let csv = "code,name,amount\nPL,Poland,50000000000\n";
    let t = Test::new();
    let path = t.file("t.csv", csv);
    let json = t
        .args(["--data", path.to_str().unwrap(), "check", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["table"]["fund"]["ceiling"]), "150000000000");
    assert_eq!(json["checks"][0]["reference"], "Art. 6");
    let t = Test::new();
    let path = t.file("t.csv", csv);
    let json = t
        .args([
            "--data",
            path.to_str().unwrap(),
            "--ceiling",
            "200bn",
            "check",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["table"]["fund"]["ceiling"]), "200000000000");
    assert!(json["checks"][0]["reference"].is_null());
    Test::new()
        .data(bundled())
        .args(["--ceiling", "1bn", "total"])
        .run()
        .fails(2, "--ceiling is for CSV and TSV tables");
}

#[test]
fn another_funds_table_cites_no_article() {
    let run = Test::new()
        .data(fixture("good/regional-fund.json"))
        .args(["check"])
        .run()
        .code(1);
    assert!(!run.stdout.contains("Art."), "{}", run.stdout);
    assert!(!run.stderr.contains("Art."), "{}", run.stderr);
    let json = Test::new()
        .data(fixture("good/regional-fund.json"))
        .args(["check", "--json"])
        .run()
        .code(1)
        .json();
    for check in json["checks"].as_array().unwrap() {
        assert!(check["reference"].is_null(), "{check}");
    }
    // The bundled table does cite the regulation.
    Test::new().args(["check"]).run().ok().stdout_has("Art. 13");
}

/// A CSV table of `n` members (about 30 bytes a row), with `#` comments
/// sprinkled in, so that a large one is read on two threads.
fn large_csv(n: usize) -> String {
    let mut out = String::from("# a comment before the header\ncode,name,amount\n");
    for i in 0..n {
        if i % 1000 == 0 {
            out.push_str("# a comment line\n");
        }
        out.push_str(&format!(
            "M{i:07},Member {i},{}.{:02}\n",
            1 + i % 997,
            i % 100
        ));
    }
    out
}

/// The line of `needle` in `text` (1-based).
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.starts_with(needle)).unwrap() + 1
}

#[test]
fn a_large_csv_read_on_two_threads_is_the_table_read_in_one() {
    let n = 60_000;
    let csv = large_csv(n);
    assert!(csv.len() > 1 << 20, "large enough for two threads");
    // The exact total, in cents.
    let cents: u64 = (0..n as u64).map(|i| (1 + i % 997) * 100 + i % 100).sum();
    let expected = format!("{}.{:02}", cents / 100, cents % 100);
    assert_eq!(total_of("big.csv", &csv), expected);
    // With a quote somewhere, the same file is read in one piece.
    let quoted = csv.replacen("Member 5,", "\"Member 5\",", 1);
    assert_eq!(total_of("quoted.csv", &quoted), expected);
    // Errors in the second half name their own line of the file.
    let bad_line = line_of(&csv, "M0050000,");
    let bad = csv.replacen("M0050000,Member 50000,", "M0050000,Member 50000,x", 1);
    let t = Test::new();
    let path = t.file("bad.csv", &bad);
    t.args(["--data", path.to_str().unwrap(), "total"])
        .run()
        .fails(65, &format!("bad.csv:{bad_line}:1: amount of M0050000"));
    // A duplicate across the halves points at the later line, and names
    // the first.
    let first = line_of(&csv, "M0000007,");
    let later = line_of(&csv, "M0055000,");
    let twice = csv.replacen("M0055000,", "M0000007,", 1);
    let t = Test::new();
    let path = t.file("twice.csv", &twice);
    t.args(["--data", path.to_str().unwrap(), "total"])
        .run()
        .fails(
            65,
            &format!("twice.csv:{later}:1: duplicate member code M0000007 in line {later} (first in line {first})"),
        );
    // A row with a field too many, in the second half.
    let extra_line = line_of(&csv, "M0040000,");
    let extra = csv.replacen("M0040000,Member 40000,", "M0040000,Member 40000,1,", 1);
    let t = Test::new();
    let path = t.file("extra.csv", &extra);
    t.args(["--data", path.to_str().unwrap(), "total"])
        .run()
        .fails(
            65,
            &format!("extra.csv:{extra_line}:1: a row has 4 fields where the header has 3"),
        );
}

#[test]
fn odd_files_are_refused_saying_what_where_and_what_is_accepted() {
    let utf16: Vec<u8> = {
        let mut b = vec![0xff, 0xfe];
        for u in "code,name,amount\nPL,Poland,5\n".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        b
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        // CR-only line ends are line ends: the error is on line 3.
        (
            b"code,name,amount\rPL,Poland,5\rRO,Romania,x\r".to_vec(),
            "t.csv:3:1: amount of RO (Romania) is not a number",
        ),
        (
            b"code,name,amount\nPL,\"Poland,5\nRO,Romania,3\n".to_vec(),
            "t.csv:2:4: a quoted field is never closed (an unbalanced `\"`?)",
        ),
        (
            b"code,name,amount\nPL,\"Pol\"and,5\n".to_vec(),
            "t.csv:2:9: text after a closing quote (write the whole field in quotes, with any quote inside it doubled: \"Pol\"\"and\")",
        ),
        (
            b"code,name,amount\nPL,\"Poland\t\",5\nXX,Poland,3\n".to_vec(),
            "t.csv:2:1: name of member PL contains a control character (U+0009)",
        ),
        (
            utf16,
            "t.csv:1:1: the file is UTF-16 (little-endian), and safe reads UTF-8: save it as UTF-8",
        ),
        (
            b"code,name,amount\nPL,Poland,1_000\n".to_vec(),
            "no thousands separator of any kind (comma, space, no-break or thin space, apostrophe, underscore)",
        ),
        (
            "code,name,amount\nPL,Poland,1\u{a0}000\n"
                .as_bytes()
                .to_vec(),
            "\"1\\u{a0}000\" (write digits with an optional '.' and no thousands separator",
        ),
        (
            "code,name,amount\nPL,Poland,1\u{2009}000\n"
                .as_bytes()
                .to_vec(),
            "\"1\\u{2009}000\" (write digits with an optional '.' and no thousands separator",
        ),
        (
            "code,name,amount\nPL,Pol\u{202e}and,5\n"
                .as_bytes()
                .to_vec(),
            "name of member PL contains a bidirectional control character (U+202E)",
        ),
        (
            "code,name,amount\nPL,Pol\u{ffff}and,5\n"
                .as_bytes()
                .to_vec(),
            "name of member PL contains a non-character (U+FFFF)",
        ),
    ];
    for (bytes, fragment) in cases {
        let t = Test::new();
        let path = t.file("t.csv", &bytes);
        t.args(["--data", path.to_str().unwrap(), "total"])
            .run()
            .fails(65, fragment);
    }
    // JSON: a lone surrogate says what it is.
    Test::new()
        .args(["--data", "-", "total"])
        .stdin(r#"{"allocations":[{"code":"PL","name":"\ud800","amount":1}]}"#)
        .run()
        .fails(
            65,
            "a lone UTF-16 surrogate (\\ud800 to \\udfff without its pair) stands for no text",
        );
}

#[test]
fn standard_input_is_read_as_what_it_holds() {
    // CSV on stdin without --data-format is recognised.
    let run = Test::new()
        .args(["--data", "-", "total", "--json"])
        .stdin("code,name,amount\nPL,Poland,5\n")
        .run()
        .ok()
        .json();
    assert_eq!(text(&run["allocated"]), "5");
    // Population figures from stdin.
    let t = Test::new();
    let data = t.file("x.csv", "code,name,amount\nA1,Alpha,5\n");
    let json = t
        .args([
            "--data",
            data.to_str().unwrap(),
            "per-capita",
            "--population",
            "-",
            "--json",
        ])
        .stdin("code,population\nA1,10\n")
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["members"][0]["per_capita"]), "0.50");
    Test::new()
        .args(["--data", "-", "per-capita", "--population", "-"])
        .stdin("code,name,amount\nA1,Alpha,5\n")
        .run()
        .fails(2, "--population - and --data - both read standard input");
}

#[test]
fn one_amount_grammar_everywhere() {
    // As data files accept 5e9, so do options.
    Test::on(SEED)
        .args(["total", "--expect", "149.9337e9"])
        .run()
        .ok();
    Test::on(SEED)
        .args(["--data", "-", "total", "--ceiling", "1e12", "--json"])
        .stdin("code,name,amount\nPL,Poland,5e9\n")
        .run()
        .ok();
    Test::on(SEED)
        .args(["rank", "--top", "99999999999999999999999"])
        .run()
        .fails(2, "too large");
}
