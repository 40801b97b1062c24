//! What `safe` writes, `safe` reads back: `table --format csv` and `table
//! --json` load with `--data` to the same table; CI findings point at the
//! file and the row.

use proptest::prelude::*;
use serde_json::Value;

use crate::support::*;

/// The rows of `safe … table --json`, as compared: every field of every
/// row.
fn rows(args: &[&str]) -> Vec<Value> {
    let json = Test::new()
        .args(args)
        .args(["table", "--json"])
        .run()
        .ok()
        .json();
    json["allocations"].as_array().unwrap().clone()
}

/// Exports `args`' table as CSV and as JSON into `dir`, and reads each back.
fn round_trips(args: &[&str], dir: &std::path::Path) -> Vec<(&'static str, Vec<Value>, Value)> {
    let mut out = Vec::new();
    for (format, file) in [("csv", "t.csv"), ("json", "t.json")] {
        let text = Test::new()
            .args(args)
            .args(["table", "--format", format])
            .run()
            .ok()
            .stdout;
        let path = dir.join(file);
        std::fs::write(&path, text).unwrap();
        let path = path.to_str().unwrap().to_string();
        let back = Test::new()
            .args(["--data", &path, "table", "--json"])
            .run()
            .ok()
            .json();
        out.push((
            format,
            back["allocations"].as_array().unwrap().clone(),
            back["table"].clone(),
        ));
    }
    out
}

#[test]
fn every_bundled_edition_reads_back_from_what_table_writes() {
    for edition in ["commission-2025-09", "council-2026-02", "council-2026-04"] {
        let t = Test::new();
        let args = ["--edition", edition];
        let total = |args: &[&str]| {
            let json = Test::new()
                .args(args)
                .args(["total", "--json"])
                .run()
                .ok()
                .json();
            [
                "allocated",
                "allocated_min",
                "allocated_max",
                "member_count",
                "confirmed",
            ]
            .map(|k| text(&json[k]))
        };
        let expected = total(&args);
        for (format, back, table) in round_trips(&args, t.dir()) {
            assert_eq!(back, rows(&args), "{edition} via {format}");
            let file = t
                .dir()
                .join(if format == "csv" { "t.csv" } else { "t.json" });
            assert_eq!(
                total(&["--data", file.to_str().unwrap()]),
                expected,
                "{edition} via {format}"
            );
            if format == "json" {
                // JSON carries the edition too.
                assert_eq!(table["edition"]["id"], edition);
            }
        }
    }
}

#[test]
fn an_edited_export_reads_back_with_the_edit() {
    let t = Test::new();
    let csv = Test::new()
        .args(["--edition", "council-2026-04", "table", "--format", "csv"])
        .run()
        .ok()
        .stdout;
    let path = t.file("t.csv", &csv);
    // Edited as Python's csv module writes: PL's amount one euro more,
    // every field as read, CRLF line ends.
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_path(&path)
        .unwrap();
    writer.write_record(&header).unwrap();
    for record in reader.records() {
        let mut fields: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        if fields[0] == "PL" {
            fields[2] = (fields[2].parse::<u64>().unwrap() + 1).to_string();
        }
        writer.write_record(&fields).unwrap();
    }
    writer.flush().unwrap();
    let json = Test::new()
        .args(["--data", path.to_str().unwrap(), "total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "147471930259");
    // A column a spreadsheet adds is refused, naming it and its place, or
    // read past when asked.
    let added = t.file(
        "added.csv",
        csv.replacen("code,", "code,comment,", 1)
            .replace("\nPL,", "\nPL,mine,"),
    );
    Test::new()
        .args(["--data", added.to_str().unwrap(), "total"])
        .run()
        .fails(65, "unknown column \"comment\" (column 2)");
}

/// Random tables, with rounded rows, provenance and odd names, write and
/// read back to the same table, in every format `table` writes.
fn random_table() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "Alpha",
        "=SUM(A1)",
        "+1",
        "-x",
        "@home",
        "'quoted",
        "Ελλάδα",
        "a,b",
        "say \"hi\"",
        "Tab	In",
        "  padded",
        "Ünïcödé",
        "1,000",
    ]);
    prop::collection::vec(
        (name, 1u32..1_000_000, 0u32..3, prop::bool::ANY, prop::bool::ANY),
        1..7,
    )
    .prop_map(|rows| {
        let rows: Vec<String> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (name, amount, scale, rounded, provenance))| {
                let name = format!("{name} {i}").replace('\t', " ");
                let amount = rust_decimal::Decimal::new(i64::from(amount), scale);
                let mut fields = vec![
                    format!(r#""code": "M{i}""#),
                    format!(r#""name": {}"#, serde_json::to_string(&name).unwrap()),
                    format!(r#""amount": "{amount}""#),
                ];
                if rounded {
                    fields.push(format!(r#""min": "{amount}", "max": "{}""#, amount + rust_decimal::Decimal::ONE));
                }
                if provenance {
                    fields.push(r#""basis": "council-decision", "decided": "2026-02-11", "source": "=Council, 'press'", "note": "-a note, with \"quotes\"", "prefinancing": "1.50""#.to_string());
                }
                format!("{{{}}}", fields.join(", "))
            })
            .collect();
        format!(
            r#"{{"schema_version": 3, "fund": {{"name": "Security Action for Europe (SAFE)", "legal_basis": "Council Regulation (EU) 2025/1106 of 27 May 2025", "currency": "EUR", "ceiling": "150000000000"}}, "allocations": [{}]}}"#,
            rows.join(", ")
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn what_table_writes_reads_back(table in random_table()) {
        let t = Test::new();
        let original = t.file("original.json", &table);
        let args = ["--data", original.to_str().unwrap()];
        let expected = rows(&args);
        for (format, back, _) in round_trips(&args, t.dir()) {
            prop_assert_eq!(&back, &expected, "via {}", format);
        }
    }
}

#[test]
fn ci_annotations_point_at_the_file_and_the_row() {
    let t = Test::new();
    let table = t.file(
        "nonmember.csv",
        "code,name,amount\nPL,Poland,1000\nTR,Türkiye,5\nRO,Romania,10\n",
    );
    let run = Test::new()
        .args([
            "--data",
            table.to_str().unwrap(),
            "check",
            "--format",
            "github",
        ])
        .run()
        .code(1);
    let lines = run.lines();
    assert!(lines.iter().all(|l| l.contains("file=")), "{}", run.stdout);
    let art5 = lines.iter().find(|l| l.contains("Art. 5")).unwrap();
    assert!(
        art5.starts_with("::error ") && art5.contains("nonmember.csv,line=3,"),
        "{art5}"
    );
    let junit = Test::new()
        .args([
            "--data",
            table.to_str().unwrap(),
            "check",
            "--format",
            "junit",
        ])
        .run()
        .code(1)
        .stdout;
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let case = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("testcase") && n.attribute("name").unwrap_or("").contains("Art. 5")
        })
        .unwrap();
    assert!(case.attribute("file").unwrap().ends_with("nonmember.csv"));
    assert_eq!(case.attribute("line"), Some("3"));
}

#[test]
fn a_table_that_does_not_load_still_reaches_ci() {
    let t = Test::new();
    let broken = t.file(
        "broken.csv",
        "code,name,amount\nPL,Poland,1\nRO,Romania,12x\n",
    );
    let run = Test::new()
        .args([
            "--data",
            broken.to_str().unwrap(),
            "check",
            "--format",
            "github",
        ])
        .run()
        .code(65);
    let errors: Vec<&str> = run
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("::error"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stdout);
    assert!(
        errors[0].contains("broken.csv,line=3,col=1,"),
        "{}",
        errors[0]
    );
    assert_eq!(run.stderr.lines().count(), 1);
    let run = Test::new()
        .args([
            "--data",
            broken.to_str().unwrap(),
            "check",
            "--format",
            "junit",
        ])
        .run()
        .code(65);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let error = doc.descendants().find(|n| n.has_tag_name("error")).unwrap();
    assert!(error.attribute("message").unwrap().contains("broken.csv"));
    let case = error.parent().unwrap();
    assert_eq!(case.attribute("line"), Some("3"));
}
