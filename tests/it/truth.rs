//! The truth harness: every figure of every report, in every human view and
//! in CSV, as the JSON has it; total rows that add up what they say; one
//! scale per column; ties at a cut shown; the page's ranking and the SVG
//! chart's bars marked ≈ as their bounds say. Commands come from clap's list
//! and views from `Format`'s values, over tables of every kind.

use std::collections::BTreeMap;
use std::str::FromStr;

use clap::{CommandFactory, ValueEnum};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::*;

/// A table the harness runs every command on.
struct Fixture {
    name: &'static str,
    /// The global options that load it (with files written into `dir`).
    args: Vec<String>,
    /// Codes to `show` and change.
    first: String,
    last: String,
    /// Another table for `diff`.
    other: String,
    _dir: tempfile::TempDir,
}

/// A CSV of `(code, name, amount)` rows, with extra columns when given.
fn csv(header: &str, rows: &[&str]) -> String {
    format!("{header}\n{}\n", rows.join("\n"))
}

fn fixture(name: &'static str) -> Fixture {
    let dir = tempfile::TempDir::new().unwrap();
    let file = |file: &str, text: String| {
        let path = dir.path().join(file);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let edition = |id: &str| vec!["--edition".to_string(), id.to_string()];
    let (args, first, last, other) = match name {
        "commission" => (
            edition("commission-2025-09"),
            "PL",
            "DK",
            "council-2026-02".to_string(),
        ),
        "council-02" => (
            edition("council-2026-02"),
            "RO",
            "BG",
            "commission-2025-09".to_string(),
        ),
        "council-04" => (
            edition("council-2026-04"),
            "LV",
            "LT",
            "council-2026-02".to_string(),
        ),
        "plain" => {
            let rows = [
                "PL,Poland,43700000000",
                "RO,Romania,16680000000",
                "FR,France,16210000000",
                "HU,Hungary,16210000000",
                "DK,Denmark,46700000.5",
            ];
            let data = file("plain.csv", csv("code,name,amount", &rows));
            let other = file(
                "other.csv",
                csv(
                    "code,name,amount",
                    &[
                        "PL,Poland,43800000000",
                        "RO,Romania,16680000000",
                        "EE,Estonia,2343897000",
                    ],
                ),
            );
            (vec!["--data".into(), data], "PL", "DK", other)
        }
        "partial" => {
            let rows = [
                "RO,Romania,16680055394,council-decision,2026-02-11,2502008309.10,16680055394,16680055394",
                "BG,Bulgaria,3261700000,council-decision,2026-02-11,489255000.00,,",
                "LV,Latvia,3490000000,reported,,,3480000000,3500000000",
                "XX,Elsewhere,1000000,,,,,",
            ];
            let data = file(
                "partial.csv",
                csv("code,name,amount,basis,decided,prefinancing,min,max", &rows),
            );
            let other = file(
                "other.csv",
                csv(
                    "code,name,amount",
                    &["RO,Romania,16680000000", "BG,Bulgaria,3260000000"],
                ),
            );
            (vec!["--data".into(), data], "RO", "XX", other)
        }
        "regional" => {
            let rows = [
                "N1,North,400",
                "S1,South,350.25",
                "E1,East,150",
                "W1,West,150",
            ];
            let data = file("regional.csv", csv("code,name,amount", &rows));
            let other = file(
                "other.csv",
                csv("code,name,amount", &["N1,North,500", "S1,South,350.25"]),
            );
            (
                vec!["--data".into(), data, "--ceiling".into(), "1000".into()],
                "N1",
                "W1",
                other,
            )
        }
        "rounded" => {
            let rows = [
                "PL,Poland,43700",
                "RO,Romania,16680",
                "FR,France,16210",
                "EL,Greece,788",
            ];
            let data = file("rounded.csv", csv("code,name,amount", &rows));
            let other = file(
                "other.csv",
                csv(
                    "code,name,amount",
                    &[
                        "PL,Poland,43734.1",
                        "RO,Romania,16680",
                        "EL,Greece,787.669283",
                    ],
                ),
            );
            (
                vec![
                    "--data".into(),
                    data,
                    "--ceiling".into(),
                    "150000".into(),
                    "--rounding".into(),
                    "1:nearest".into(),
                ],
                "PL",
                "EL",
                other,
            )
        }
        "hostile" => {
            let data = table(
                "1000",
                &[
                    ("AA", "<b>Bold</b> & \\\"quoted\\\"", "500"),
                    ("BB", "=SUM(A1:A9)", "250"),
                    ("CC", "| pipe | *star* _under_", "250"),
                ],
            );
            let data = file("hostile.json", data);
            let other = file("other.csv", csv("code,name,amount", &["AA,Other,400"]));
            (vec!["--data".into(), data], "AA", "CC", other)
        }
        other => panic!("no fixture {other}"),
    };
    Fixture {
        name,
        args,
        first: first.to_string(),
        last: last.to_string(),
        other,
        _dir: dir,
    }
}

/// Commands whose output holds no figures of the table, and why.
const NO_FIGURES: &[(&str, &str)] = &[
    ("schema", "prints the data format's JSON Schema"),
    ("completions", "prints a shell script"),
    ("man", "prints man pages"),
    (
        "report",
        "an HTML page of the other reports, checked in report.rs",
    ),
    ("help", "clap's help"),
];

/// Every command's argument lists for a fixture. Each clap subcommand is
/// here or in [`NO_FIGURES`].
fn commands(f: &Fixture) -> Vec<Vec<String>> {
    let v = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<String>>();
    let mut all = vec![
        v(&["rank"]),
        v(&["rank", "--top", "3"]),
        v(&["rank", "--asc", "--top", "2"]),
        v(&["total"]),
        v(&["total", "--expect", "1"]),
        v(&["shares"]),
        v(&["shares", "--top", "2"]),
        v(&[
            "shares",
            "--of",
            "allocated",
            "--method",
            "largest-remainder",
        ]),
        v(&["table"]),
        v(&["table", "--top", "2"]),
        v(&["table", "--sort", "amount", "--top", "3"]),
        v(&["check"]),
        v(&["check", "--expect-total", "1", "--expect-members", "3"]),
        v(&["show", &f.first]),
        v(&["show", &f.last]),
        v(&["stats"]),
        v(&["per-capita"]),
        v(&["per-capita", "--top", "2"]),
        v(&["diff", &f.other]),
        v(&["diff", &f.other, "--top", "2"]),
        v(&["what-if", "--add", "ZZ=5"]),
        v(&[
            "what-if",
            "--set",
            &format!("{}=1", f.first),
            "--remove",
            &f.last,
        ]),
        v(&["chart"]),
        v(&["chart", "--by", "share", "--top", "2"]),
        v(&["editions"]),
        v(&["timeline", "--today", "2026-12-04"]),
        v(&["timeline", "--member", "PL", "--today", "2026-12-04"]),
        v(&["participants", "--today", "2026-12-04"]),
        v(&["participants", "CA", "--today", "2026-12-04"]),
        v(&[]),
    ];
    if f.name == "commission" {
        all.push(v(&["what-if", "--add", "TR=5bn", "--fit", "pro-rata"]));
        all.push(v(&["chart", "--by", "per-capita"]));
    }
    all
}

#[test]
fn the_harness_covers_every_command() {
    let f = fixture("plain");
    let covered: Vec<String> = commands(&f)
        .iter()
        .map(|a| a.first().cloned().unwrap_or_default())
        .collect();
    for sub in safe::cli::Cli::command().get_subcommands() {
        let name = sub.get_name();
        assert!(
            covered.iter().any(|c| c == name) || NO_FIGURES.iter().any(|(n, _)| *n == name),
            "the truth harness does not run `safe {name}`: add it to commands() or NO_FIGURES"
        );
    }
    // And every format: the harness reads the human ones and CSV; JSON is
    // the reference; the CI formats are checked in ci.rs.
    for format in safe::export::Format::value_variants() {
        let name = format.to_possible_value().unwrap().get_name().to_string();
        assert!(
            ["table", "markdown", "csv", "json", "junit", "github"].contains(&name.as_str()),
            "a format the harness does not know: {name}"
        );
    }
}

/// The human views the harness reads: (name, extra arguments).
fn views() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("table", vec![]),
        ("table --ranges", vec!["--ranges"]),
        ("table --width 100", vec!["--width", "100"]),
        ("table --width 80", vec!["--width", "80"]),
        ("table --width 40", vec!["--width", "40"]),
        ("markdown", vec!["--format", "markdown"]),
    ]
}

/// A number read from text as people write them: `-€2,354,800,000`,
/// `+34,100,805`, `29.13%`, `€43.73bn` (the suffix multiplies).
fn numbers(text: &str) -> Vec<Decimal> {
    marked_numbers(text).into_iter().map(|(v, _)| v).collect()
}

/// The numbers of a text as [`numbers`] reads them, each with whether
/// `≈` stands before it (before its sign and `€`: `≈-€2,354,800,000`).
fn marked_numbers(text: &str) -> Vec<(Decimal, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            && (i == 0
                || !(chars[i - 1].is_ascii_digit()
                    || chars[i - 1] == '.'
                    || chars[i - 1].is_alphabetic()));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = String::new();
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
            } else if c == ','
                && chars
                    .get(j + 1..j + 4)
                    .is_some_and(|d| d.iter().all(char::is_ascii_digit))
                && chars.get(j + 4).is_none_or(|c| !c.is_ascii_digit())
            {
            } else if c == '.'
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
                && !digits.contains('.')
            {
                digits.push('.');
            } else {
                break;
            }
            j += 1;
        }
        // A sign before the number (or before its `€`), not a hyphen in a
        // word or a date.
        let mut k = i;
        if k > 0 && chars[k - 1] == '€' {
            k -= 1;
        }
        let mut marked = false;
        if k > 0 && chars[k - 1] == '≈' {
            k -= 1;
            marked = true;
        }
        let negative = k > 0 && chars[k - 1] == '-' && (k < 2 || !chars[k - 2].is_alphanumeric());
        let signed = k > 0 && (chars[k - 1] == '-' || chars[k - 1] == '+');
        if signed && k > 1 && chars[k - 2] == '≈' {
            marked = true;
        }
        let mut value = Decimal::from_str(&digits).unwrap();
        let suffix: String = chars[j..chars.len().min(j + 2)].iter().collect();
        let after = |n: usize| chars.get(j + n).is_none_or(|c| !c.is_alphabetic());
        let euros = k < i;
        if euros && suffix.starts_with("bn") && after(2) {
            value *= Decimal::from(1_000_000_000u64);
        } else if euros && suffix.starts_with('m') && after(1) {
            value *= Decimal::from(1_000_000u64);
        } else if euros && suffix.starts_with('k') && after(1) {
            value *= Decimal::from(1_000u64);
        }
        out.push((if negative { -value } else { value }, marked));
        i = j;
    }
    out
}

#[test]
fn numbers_are_read_as_people_write_them() {
    let d = |s: &str| Decimal::from_str(s).unwrap();
    assert_eq!(
        numbers(
            "│ -€2,354,800,000 ┆ +34,100,805 ┆ 29.13% ┆ €43.73bn ┆ 2026-02-17 ┆ ≈46,700,000 ┆ €66.3m"
        ),
        [
            d("-2354800000"),
            d("34100805"),
            d("29.13"),
            d("43730000000"),
            d("2026"),
            d("02"),
            d("17"),
            d("46700000"),
            d("66300000")
        ]
    );
}

/// A figure of the JSON: where it stands, its value and its bounds (the
/// `_min`/`_max` fields beside it), if it has any.
#[derive(Debug, Clone)]
struct Figure {
    path: String,
    key: String,
    value: Decimal,
    bounds: Option<(Decimal, Decimal)>,
}

/// Keys whose numbers are not figures of the table: the user's own
/// arguments echoed back, and the JSON's own version.
const ECHOES: &[&str] = &["schema_version", "top", "precision"];

/// Fields of a report that human views show in other words, or not at
/// all, each with the reason (the same list is in docs/json.md).
const NOT_IN_HUMAN_VIEWS: &[(&str, &str)] = &[
    (
        "share_exact_pct",
        "the unrounded quotient: tables show the rounded share, and the note the exact total",
    ),
    ("bars.rank", "a chart draws its bars in rank order"),
    (
        "bars.value_min",
        "bounds are whiskers in the SVG chart (`chart --svg`), and `rank --ranges` lists them",
    ),
    (
        "bars.value_max",
        "bounds are whiskers in the SVG chart (`chart --svg`), and `rank --ranges` lists them",
    ),
];

/// Whether a key is a bound (shown in listings with `--ranges`).
fn is_bound(key: &str) -> bool {
    key.ends_with("_min")
        || key.ends_with("_max")
        || key.ends_with("_min_pct")
        || key.ends_with("_max_pct")
        || key == "rank_best"
        || key == "rank_worst"
}

/// Every number of a JSON report but its envelope.
fn figures(json: &Value) -> Vec<Figure> {
    fn number(v: Option<&Value>) -> Option<Decimal> {
        match v? {
            Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
            _ => None,
        }
    }
    // `X_min`/`X_max` beside `X`; `X_min_pct`/`X_max_pct` beside `X_pct`.
    fn bounds(
        siblings: Option<&serde_json::Map<String, Value>>,
        key: &str,
    ) -> Option<(Decimal, Decimal)> {
        let siblings = siblings?;
        let (lo, hi) = match key.strip_suffix("_pct") {
            Some(stem) => (format!("{stem}_min_pct"), format!("{stem}_max_pct")),
            None => (format!("{key}_min"), format!("{key}_max")),
        };
        Some((number(siblings.get(&lo))?, number(siblings.get(&hi))?))
    }
    fn walk(
        value: &Value,
        path: &str,
        key: &str,
        siblings: Option<&serde_json::Map<String, Value>>,
        out: &mut Vec<Figure>,
    ) {
        match value {
            Value::Number(n) => out.push(Figure {
                path: path.to_string(),
                key: key.to_string(),
                value: Decimal::from_str(&n.to_string()).unwrap(),
                bounds: bounds(siblings, key),
            }),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), key, None, out);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, &format!("{path}.{k}"), k, Some(map), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let top = json.as_object().unwrap();
    for (k, v) in top {
        if k != "table" {
            walk(v, k, k, Some(top), &mut out);
        }
    }
    out
}

/// What the harness found wrong, one line each.
#[derive(Default)]
struct Findings(Vec<String>);

impl Findings {
    fn add(&mut self, line: String) {
        if self.0.len() < 200 {
            self.0.push(line);
        }
    }
}

/// The listings of a report: JSON arrays of member rows.
fn is_listing(command: &str) -> bool {
    [
        "rank",
        "shares",
        "table",
        "per-capita",
        "chart",
        "diff",
        "what-if",
        "timeline",
        "participants",
    ]
    .contains(&command)
}

/// Runs one command of one fixture in JSON and every view, and checks.
fn check_command(f: &Fixture, args: &[String], exact_table: bool, found: &mut Findings) {
    let command = args.first().map(String::as_str).unwrap_or("overview");
    let run = |extra: &[&str]| Test::new().args(&f.args).args(args).args(extra).run();
    let json_run = run(&["--json"]);
    if ![0, 1].contains(&json_run.code) {
        found.add(format!(
            "{} {args:?}: JSON exit {}: {}",
            f.name, json_run.code, json_run.stderr
        ));
        return;
    }
    let json = json_run.json();
    let all = figures(&json);
    let listing = is_listing(command);
    // Counts that equal the rows shown are shown by the rows themselves.
    let rows_shown = ["members", "allocations", "bars", "events", "participants"]
        .iter()
        .find_map(|k| json.get(*k).and_then(Value::as_array).map(Vec::len));
    for (view, extra) in views() {
        let out = run(&extra);
        if extra.contains(&"--ranges")
            && out.code == 2
            && out
                .stderr
                .contains("--ranges adds the bounds of rounded figures to listings")
        {
            // Refused where it would do nothing: the view without it must
            // list no bounds columns to add.
            continue;
        }
        if ![0, 1].contains(&out.code) {
            found.add(format!(
                "{} {args:?} [{view}]: exit {}: {}",
                f.name, out.code, out.stderr
            ));
            continue;
        }
        let text = out.stdout.clone();
        let tokens = numbers(&text);
        // (Not the widths a narrow table's note names.)
        let mut mark_text = text.clone();
        while let Some(at) = mark_text.find("Not shown at ") {
            let end = mark_text[at..]
                .find("hold them all).")
                .map_or(mark_text.len(), |e| at + e + "hold them all).".len());
            mark_text.replace_range(at..end, "");
        }
        let marks = marked_numbers(&mark_text);
        // Figures worked out on the stated figures only are not known
        // exactly when the table is rounded.
        let stated_only: Vec<String> = json["on_stated_figures"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let rounded_table = json.get("total_min") != json.get("total_max");
        let ranges = extra.contains(&"--ranges");
        // A narrow table may leave columns out, saying which and the width
        // that shows them all: a figure it does not show must be shown
        // there.
        // (A table that became records at a width may leave columns out
        // at the wider one another table named: its own note then names
        // a wider width still, which must show it all.)
        let wider = left_out_width(&text).map(|first| {
            let mut seen = Vec::new();
            let mut w = first;
            for _ in 0..4 {
                let mut wide: Vec<String> = extra.iter().map(|e| e.to_string()).collect();
                if let Some(at) = wide.iter().position(|e| e == "--width") {
                    wide[at + 1] = w.to_string();
                }
                let wide: Vec<&str> = wide.iter().map(String::as_str).collect();
                let out = run(&wide);
                seen.extend(numbers(&out.stdout));
                match left_out_width(&out.stdout) {
                    Some(next) if next > w => w = next,
                    Some(_) => {
                        found.add(format!(
                            "{} safe {} [{view}]: --width {w} still leaves columns out",
                            f.name,
                            args.join(" ")
                        ));
                        break;
                    }
                    None => break,
                }
            }
            seen
        });
        for fig in &all {
            if ECHOES.contains(&fig.key.as_str()) {
                continue;
            }
            let field = fig.path.split('[').next().unwrap_or("").to_string() + "." + &fig.key;
            if NOT_IN_HUMAN_VIEWS.iter().any(|(k, _)| {
                *k == fig.key
                    || field.ends_with(k)
                    || fig
                        .path
                        .replace(|c: char| c == '[' || c.is_ascii_digit() || c == ']', "")
                        .ends_with(k)
            }) {
                continue;
            }
            let listed = listing
                || fig.path.starts_with("largest")
                || fig.path.starts_with("above")
                || fig.path.starts_with("below")
                || fig.path.starts_with("events");
            if is_bound(&fig.key) && listed && !ranges {
                continue;
            }
            // For an exact table, a percentage's bounds only bracket its
            // last printed digit: tables leave them out.
            if exact_table && (fig.key.ends_with("_min_pct") || fig.key.ends_with("_max_pct")) {
                continue;
            }
            if (fig.key == "member_count" || fig.key == "change_count")
                && Some(fig.value) == rows_shown.map(Decimal::from)
            {
                continue;
            }
            let shown_wider = wider.as_ref().is_some_and(|w| w.contains(&fig.value));
            // Its precision told truly: marked ≈ exactly when its bounds
            // are not a point (or, worked out on stated figures, when the
            // table is rounded).
            let plain_path: String = fig
                .path
                .chars()
                .filter(|c| !c.is_ascii_digit() && *c != '[' && *c != ']')
                .collect();
            // Read where every column shows (at a width, a figure may be
            // found only where another equals it); rows' figures are read
            // in their rows (`check_rows`).
            let whole_view = !extra.contains(&"--width");
            let in_row = [
                "members[",
                "allocations[",
                "bars[",
                "events[",
                "participants[",
            ]
            .iter()
            .any(|p| fig.path.starts_with(p));
            let rounded = match fig.bounds {
                _ if !whole_view || in_row => None,
                _ if is_bound(&fig.key) || fig.key == "rank" => None,
                Some((lo, hi)) => Some(lo != hi),
                None if stated_only.contains(&plain_path) => Some(rounded_table),
                None => None,
            };
            let occurrences: Vec<bool> = marks
                .iter()
                .filter(|(v, _)| *v == fig.value)
                .map(|(_, m)| *m)
                .collect();
            match rounded {
                Some(true) if !occurrences.is_empty() && !occurrences.contains(&true) => {
                    found.add(format!(
                        "{} safe {} [{view}]: {} = {} has bounds {:?} but is shown without ≈",
                        f.name,
                        args.join(" "),
                        fig.path,
                        fig.value,
                        fig.bounds
                    ));
                }
                Some(false) if !occurrences.is_empty() && !occurrences.contains(&false) => {
                    found.add(format!(
                        "{} safe {} [{view}]: {} = {} is exact but shown only with ≈",
                        f.name,
                        args.join(" "),
                        fig.path,
                        fig.value
                    ));
                }
                _ => {}
            }
            if !tokens.contains(&fig.value) && !shown_wider {
                found.add(format!(
                    "{} safe {} [{view}]: {} = {} is not shown",
                    f.name,
                    args.join(" "),
                    fig.path,
                    fig.value
                ));
            }
        }
        for row in grid_rows(&text) {
            let is_header = row.iter().any(|c| {
                c == "#"
                    || c == "code"
                    || c == "metric"
                    || c == "figure"
                    || c == "statistic"
                    || c == "ref."
                    || c == "figures"
                    || c == "neighbour"
                    || c == "date"
            });
            if is_header {
                let mut seen = std::collections::BTreeSet::new();
                for h in row.iter().filter(|h| !h.is_empty()) {
                    if !seen.insert(h.clone()) {
                        found.add(format!(
                            "{} safe {} [{view}]: the header {h:?} is in one table twice",
                            f.name,
                            args.join(" ")
                        ));
                    }
                }
            }
        }
        if view == "table" || view == "markdown" {
            check_rows(f, args, view, &json, &text, ranges, found);
            check_totals(f, args, view, &json, &text, found);
        }
        check_scales(f, args, view, &text, found);
    }
    check_csv(f, args, &json, &run(&["--format", "csv"]), found);
}

/// The width a narrow table's note says shows every column it left out
/// (`Not shown at 80 columns: …. --width 112 shows every column`).
fn left_out_width(text: &str) -> Option<usize> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !flat.contains("Not shown at ") {
        return None;
    }
    // Each table says its own width: the widest shows them all.
    flat.split(" shows every column")
        .filter_map(|before| before.rsplit("--width ").next()?.parse().ok())
        .max()
}

/// The cells of a human table's rows (terminal or Markdown), by line. A
/// terminal row splits at `┆` only; a Markdown row at unescaped `|` only
/// (names may hold either character).
fn grid_rows(text: &str) -> Vec<Vec<String>> {
    let clean = |c: &str| {
        c.trim()
            .trim_matches('*')
            .replace("\\*", "*")
            .replace("\\|", "|")
            .replace("\\_", "_")
            .to_string()
    };
    text.lines()
        .filter_map(|l| {
            if let Some(inner) = l.strip_prefix('│') {
                let inner = inner.strip_suffix('│').unwrap_or(inner);
                Some(inner.split('┆').map(clean).collect())
            } else if l.starts_with('|')
                && !l.starts_with("|:")
                && !l.starts_with("|-")
                && !l.starts_with("| -")
            {
                let mut cells = Vec::new();
                let mut cell = String::new();
                let mut chars = l[1..].chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '\\' {
                        cell.push(c);
                        if let Some(n) = chars.next() {
                            cell.push(n);
                        }
                    } else if c == '|' {
                        cells.push(clean(&cell));
                        cell.clear();
                    } else {
                        cell.push(c);
                    }
                }
                Some(cells)
            } else {
                None
            }
        })
        .collect()
}

/// Each member row of the JSON holds its figures in the human row that
/// names its code.
fn check_rows(
    f: &Fixture,
    args: &[String],
    view: &str,
    json: &Value,
    text: &str,
    ranges: bool,
    found: &mut Findings,
) {
    let rows = grid_rows(text);
    for key in ["members", "allocations", "largest"] {
        let Some(items) = json.get(key).and_then(Value::as_array) else {
            continue;
        };
        for item in items {
            let Some(code) = item.get("code").and_then(Value::as_str) else {
                continue;
            };
            let Some(row) = rows.iter().find(|r| r.iter().any(|c| c == code)) else {
                found.add(format!(
                    "{} safe {} [{view}]: no row for {code}",
                    f.name,
                    args.join(" ")
                ));
                continue;
            };
            let tokens = numbers(&row.join(" | "));
            let marks = marked_numbers(&row.join(" | "));
            let object = item.as_object().unwrap();
            for (k, v) in object {
                let Value::Number(n) = v else { continue };
                // Marked ≈ in its row exactly when its bounds are not a
                // point.
                let value = Decimal::from_str(&n.to_string()).unwrap();
                let (lo, hi) = match k.strip_suffix("_pct") {
                    Some(stem) => (format!("{stem}_min_pct"), format!("{stem}_max_pct")),
                    None => (format!("{k}_min"), format!("{k}_max")),
                };
                if let (Some(lo), Some(hi)) = (object.get(&lo), object.get(&hi)) {
                    let rounded = lo != hi;
                    let seen: Vec<bool> = marks
                        .iter()
                        .filter(|(v, _)| *v == value)
                        .map(|(_, m)| *m)
                        .collect();
                    if !seen.is_empty() && !seen.contains(&rounded) {
                        found.add(format!(
                            "{} safe {} [{view}]: {code}'s {k} = {value} is {} but shown {} ≈ in its row {row:?}",
                            f.name,
                            args.join(" "),
                            if rounded { "rounded" } else { "exact" },
                            if rounded { "without" } else { "with" },
                        ));
                    }
                }
                if k == "share_exact_pct"
                    || (is_bound(k) && !ranges)
                    || k.contains("cumulative_amount")
                {
                    continue;
                }
                let value = Decimal::from_str(&n.to_string()).unwrap();
                if !tokens.contains(&value) {
                    found.add(format!(
                        "{} safe {} [{view}]: {code}'s {k} = {value} is not in its row {row:?}",
                        f.name,
                        args.join(" ")
                    ));
                }
            }
            if let Some(date) = item.get("decided").and_then(Value::as_str) {
                if !row.iter().any(|c| c == date) {
                    found.add(format!(
                        "{} safe {} [{view}]: {code}'s decision date {date} is not in its row",
                        f.name,
                        args.join(" ")
                    ));
                }
            }
        }
    }
}

/// A total row's label says which rows it adds up, and its figures are
/// their sum: `total (N members)` and `shown (N of M members)` the rows
/// above it, `all M members` the whole table.
fn check_totals(
    f: &Fixture,
    args: &[String],
    view: &str,
    json: &Value,
    text: &str,
    found: &mut Findings,
) {
    let mut body: Vec<Vec<String>> = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for row in grid_rows(text) {
        let label = row.iter().find(|c| {
            c.starts_with("total (")
                || c.starts_with("shown (")
                || c.starts_with("all ")
                || c.starts_with("together (")
        });
        let Some(label) = label.cloned() else {
            if header.is_none() || row.iter().any(|c| c == "#" || c == "code") {
                header = Some(row);
                body.clear();
            } else {
                body.push(row);
            }
            continue;
        };
        let Some(header) = &header else { continue };
        let says = |n: usize| {
            if label.starts_with("all ") {
                None
            } else {
                Some(n)
            }
        };
        // The count the label names.
        let counts = numbers(&label);
        let named = counts.first().copied().unwrap_or_default();
        if let Some(n) = says(body.len()) {
            if named != Decimal::from(n) {
                found.add(format!(
                    "{} safe {} [{view}]: the row {label:?} follows {n} rows",
                    f.name,
                    args.join(" ")
                ));
            }
        }
        for (i, name) in header.iter().enumerate() {
            let money = name.contains("(€") && !name.contains("within");
            let share = name.starts_with("share ");
            if !(money || share || name == "population") {
                continue;
            }
            let Some(cell) = row.get(i) else { continue };
            let Some(&value) = numbers(cell).first() else {
                continue;
            };
            let expected = if label.starts_with("all ") {
                // The whole table: the JSON's total.
                let total = json
                    .get("allocated")
                    .or_else(|| json.pointer("/total/amount"))
                    .cloned()
                    .unwrap_or(Value::Null);
                match (money, share, name.as_str()) {
                    (true, _, _) => Decimal::from_str(&text_of(&total)).ok(),
                    (_, true, _) => json
                        .get("total_rounded_pct")
                        .and_then(|v| Decimal::from_str(&text_of(v)).ok()),
                    _ => json
                        .pointer("/total/population")
                        .and_then(|v| Decimal::from_str(&text_of(v)).ok()),
                }
            } else {
                // The rows it follows (those with a figure, per inhabitant).
                let sum: Decimal = body
                    .iter()
                    .filter(|r| !name.eq("population") || r.get(i).is_some_and(|c| c != "–"))
                    .filter(|r| {
                        let per = header.iter().position(|h| h == "population");
                        per.is_none_or(|p| r.get(p).is_some_and(|c| c != "–"))
                    })
                    .filter_map(|r| r.get(i).and_then(|c| numbers(c).first().copied()))
                    .sum();
                Some(sum)
            };
            if expected != Some(value) {
                found.add(format!(
                    "{} safe {} [{view}]: the row {label:?} shows {value} under {name:?}, but what it names adds up to {expected:?}",
                    f.name,
                    args.join(" ")
                ));
            }
        }
        body.clear();
    }
}

fn text_of(v: &Value) -> String {
    text(v)
}

/// One money column keeps one scale: every figure in it has as many
/// decimal places, whatever rows are shown.
fn check_scales(f: &Fixture, args: &[String], view: &str, text: &str, found: &mut Findings) {
    let rows = grid_rows(text);
    let mut header: Option<(usize, &Vec<String>)> = None;
    let mut places: BTreeMap<(usize, usize), Option<usize>> = BTreeMap::new();
    for (n, row) in rows.iter().enumerate() {
        if row.iter().any(|c| {
            c == "#"
                || c == "code"
                || c == "metric"
                || c == "figure"
                || c == "statistic"
                || c == "date"
        }) {
            header = Some((n, row));
            continue;
        }
        let Some((grid, header)) = header else {
            continue;
        };
        for (i, cell) in row.iter().enumerate() {
            let Some(name) = header.get(i) else { continue };
            if !name.contains("(€") || name.contains("within") || cell.contains(" to ") {
                continue;
            }
            let digits = cell.trim_start_matches(['≈', '+', '-']);
            if !digits.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let dp = digits.split_once('.').map_or(0, |(_, d)| d.len());
            let key = (grid, i);
            match places.get(&key) {
                None => {
                    places.insert(key, Some(dp));
                }
                Some(Some(seen)) if *seen != dp => {
                    found.add(format!(
                        "{} safe {} [{view}]: column {name:?} shows {cell:?} with {dp} decimal places where others have {seen}",
                        f.name,
                        args.join(" ")
                    ));
                }
                _ => {}
            }
        }
    }
}

/// CSV holds the JSON's row fields: every key of a row of the main table is
/// a column, with the same value.
fn check_csv(f: &Fixture, args: &[String], json: &Value, csv: &Run, found: &mut Findings) {
    if csv.code != 0 && csv.code != 1 {
        found.add(format!(
            "{} safe {} [csv]: exit {}: {}",
            f.name,
            args.join(" "),
            csv.code,
            csv.stderr
        ));
        return;
    }
    let mut reader = ::csv::Reader::from_reader(csv.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let items = ["members", "allocations", "bars", "checks", "editions"]
        .iter()
        .find_map(|k| json.get(*k).and_then(Value::as_array));
    if let Some(items) = items {
        for (item, record) in items.iter().zip(&records) {
            for (k, v) in item.as_object().unwrap() {
                // A list of codes is one cell, the codes separated by
                // spaces; other nested values are JSON's alone.
                let codes = v
                    .as_array()
                    .filter(|l| l.iter().all(Value::is_string))
                    .map(|l| {
                        l.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(" ")
                    });
                if codes.is_none() && matches!(v, Value::Object(_) | Value::Array(_)) {
                    continue;
                }
                let Some(at) = header.iter().position(|h| h == k) else {
                    found.add(format!(
                        "{} safe {} [csv]: the JSON field {k} is not a CSV column",
                        f.name,
                        args.join(" ")
                    ));
                    continue;
                };
                let cell = record[at].trim_start_matches('\'');
                // `table`'s CSV leaves an exact row's bounds empty.
                let exact_bound = cell.is_empty()
                    && (k == "amount_min" || k == "amount_max")
                    && item.get("amount") == Some(v);
                let same = match v {
                    _ if exact_bound => true,
                    Value::Null => cell.is_empty(),
                    Value::Number(n) => {
                        Decimal::from_str(cell).ok() == Decimal::from_str(&n.to_string()).ok()
                    }
                    Value::Bool(b) => cell == b.to_string(),
                    Value::String(s) => cell == s,
                    Value::Array(_) => Some(cell) == codes.as_deref(),
                    _ => true,
                };
                if !same {
                    found.add(format!(
                        "{} safe {} [csv]: {k} is {cell:?} in CSV and {v} in JSON",
                        f.name,
                        args.join(" ")
                    ));
                }
            }
        }
        if items.len() != records.len() && !["checks"].iter().any(|k| json.get(*k).is_some()) {
            found.add(format!(
                "{} safe {} [csv]: {} rows in CSV, {} in JSON",
                f.name,
                args.join(" "),
                records.len(),
                items.len()
            ));
        }
    } else if header.first().map(String::as_str) == Some("metric") {
        // A report of named figures: each scalar number is a row (its
        // bounds the row's `min` and `max`).
        let value_at = header.iter().position(|h| h == "value");
        for (k, v) in json.as_object().unwrap() {
            let Value::Number(n) = v else { continue };
            if ECHOES.contains(&k.as_str()) {
                continue;
            }
            let value = Decimal::from_str(&n.to_string()).ok();
            let (row_key, column) = match k.as_str() {
                "rank_best" => ("rank".to_string(), "min"),
                "rank_worst" => ("rank".to_string(), "max"),
                _ => match k.strip_suffix("_min").or_else(|| k.strip_suffix("_max")) {
                    Some(base) => (
                        base.to_string(),
                        if k.ends_with("_min") { "min" } else { "max" },
                    ),
                    None => match k
                        .strip_suffix("_min_pct")
                        .or_else(|| k.strip_suffix("_max_pct"))
                    {
                        Some(base) => (
                            format!("{base}_pct"),
                            if k.ends_with("_min_pct") {
                                "min"
                            } else {
                                "max"
                            },
                        ),
                        None => (k.clone(), "value"),
                    },
                },
            };
            let Some(record) = records.iter().find(|r| r[0] == row_key) else {
                found.add(format!(
                    "{} safe {} [csv]: no row {row_key} for the JSON field {k}",
                    f.name,
                    args.join(" ")
                ));
                continue;
            };
            let at = header
                .iter()
                .position(|h| h == column)
                .or(value_at)
                .unwrap();
            if Decimal::from_str(&record[at]).ok() != value {
                found.add(format!(
                    "{} safe {} [csv]: {k} is {:?} in CSV and {n} in JSON",
                    f.name,
                    args.join(" "),
                    record[at]
                ));
            }
        }
    }
}

/// Ties at a cut: `--top N` shows the first N of the full listing and
/// every row tied with the last of them, nothing more.
fn check_ties(f: &Fixture, found: &mut Findings) {
    for (command, key, value) in [
        ("rank", "members", "amount"),
        ("shares", "members", "amount"),
        ("per-capita", "members", "per_capita"),
        ("chart", "bars", "value"),
    ] {
        let full = Test::new()
            .args(&f.args)
            .args([command, "--json"])
            .run()
            .json();
        let full = full[key].as_array().unwrap().clone();
        for n in 1..full.len() {
            let cut = Test::new()
                .args(&f.args)
                .args([command, "--top", &n.to_string(), "--json"])
                .run()
                .json();
            let rows = cut[key].as_array().unwrap();
            // Tied rows share a rank; the figure shown may be rounded.
            let _ = value;
            let last = &full[n - 1]["rank"];
            // Rows without a rank (no figure) are not tied with anything.
            let expected = n + full[n..]
                .iter()
                .take_while(|r| !last.is_null() && r["rank"] == *last)
                .count();
            if rows.len() != expected {
                found.add(format!(
                    "{} safe {command} --top {n}: {} rows, where the first {n} and those tied with the last of them are {expected}",
                    f.name,
                    rows.len()
                ));
            }
        }
    }
}

/// The labels of totals name the tables they compare, and every edition
/// note names its edition.
fn check_labels(f: &Fixture, found: &mut Findings) {
    let run = Test::new().args(&f.args).args(["diff", &f.other]).run();
    let json = Test::new()
        .args(&f.args)
        .args(["diff", &f.other, "--json"])
        .run()
        .json();
    // A bundled edition by its id, a file by its name.
    let label = |side: &Value| match (
        text(&side["origin"]).as_str(),
        side["edition"]["id"].as_str(),
    ) {
        ("<bundled>", Some(id)) => id.to_string(),
        ("<stdin>", _) => "-".to_string(),
        (origin, _) => origin.to_string(),
    };
    let heading = format!("Totals: {} → {}", label(&json["old"]), label(&json["new"]));
    if !run.stdout.contains(&heading) {
        found.add(format!("{} safe diff: no heading {heading:?}", f.name));
    }
    let what_if = Test::new()
        .args(&f.args)
        .args(["what-if", "--add", "ZZ=5"])
        .run();
    // A scenario's "before" is the table loaded.
    let old = label(&json["table"]);
    if !what_if
        .stdout
        .contains(&format!("Totals: {old} → scenario"))
    {
        found.add(format!(
            "{} safe what-if: the totals are not labelled {old} → scenario",
            f.name
        ));
    }
    for out in [&run.stdout, &what_if.stdout] {
        for line in out.lines().filter(|l| l.starts_with("Note (")) {
            let id = line
                .trim_start_matches("Note (")
                .split(')')
                .next()
                .unwrap_or("");
            if id != label(&json["old"]) && id != label(&json["new"]) {
                found.add(format!(
                    "{} a note names {id}, which is neither table: {line}",
                    f.name
                ));
            }
        }
    }
}

/// Whether a fixture's figures are all exact.
fn exact(f: &Fixture) -> bool {
    let json = Test::new()
        .args(&f.args)
        .args(["total", "--json"])
        .run()
        .json();
    json["allocated_min"] == json["allocated_max"]
}

/// The text of the first `<td data-label="LABEL…">` of a page's row.
fn cell_of<'t>(row: &'t str, label: &str) -> Option<&'t str> {
    let start = row.find(&format!("data-label=\"{label}"))?;
    let text = &row[start..];
    let open = text.find('>')? + 1;
    let close = text.find("</td>")?;
    Some(&text[open..close])
}

/// The page's ranking and the SVG chart's bars carry each member's
/// figures as `rank --json` and `chart --json` have them, marked `≈`
/// exactly when their bounds are not a point.
fn check_page_and_chart(f: &Fixture, found: &mut Findings) {
    let rank = Test::new()
        .args(&f.args)
        .args(["rank", "--json"])
        .run()
        .json();
    let page = Test::new().args(&f.args).args(["report"]).run().stdout;
    for m in rank["members"].as_array().into_iter().flatten() {
        let code = text(&m["code"]);
        let Some(start) = page.find(&format!("<tr id=\"rank-{code}\">")) else {
            found.add(format!("{}: report: no ranking row for {code}", f.name));
            continue;
        };
        let row = &page[start..start + page[start..].find("</tr>").unwrap_or(0)];
        for (label, value, min, max) in [
            ("amount", "amount", "amount_min", "amount_max"),
            ("share", "share_pct", "share_min_pct", "share_max_pct"),
        ] {
            let Some(cell) = cell_of(row, label) else {
                found.add(format!("{}: report: {code} has no {label} cell", f.name));
                continue;
            };
            let want = Decimal::from_str(&text(&m[value])).unwrap();
            let rounded = m[min] != m[max];
            if marked_numbers(cell) != [(want, rounded)] {
                found.add(format!(
                    "{}: report: {code}'s {label} reads {cell:?}; JSON {want}, bounds {} to {}",
                    f.name, m[min], m[max]
                ));
            }
        }
    }
    let chart = Test::new()
        .args(&f.args)
        .args(["chart", "--json"])
        .run()
        .json();
    let svg = Test::new()
        .args(&f.args)
        .args(["chart", "--svg", "-"])
        .run()
        .stdout;
    let texts: Vec<&str> = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| Some(&t[t.find('>')? + 1..t.find("</text>")?]))
        .collect();
    for bar in chart["bars"].as_array().into_iter().flatten() {
        let code = text(&bar["code"]);
        let label = texts
            .iter()
            .position(|t| t.starts_with(&format!("{code} ")))
            .and_then(|i| texts.get(i + 1));
        let rounded = bar["value_min"] != bar["value_max"];
        let want = Decimal::from_str(&text(&bar["value"])).unwrap();
        match label.map(|l| marked_numbers(l)).as_deref() {
            // The chart's figures are compact (€43.73bn): within 1%.
            Some([(shown, marked)])
                if *marked == rounded
                    && (*shown - want).abs() <= want.abs() / Decimal::from(100) => {}
            _ => found.add(format!(
                "{}: chart --svg: {code}'s label {label:?}; JSON {want}, bounds {} to {}",
                f.name, bar["value_min"], bar["value_max"]
            )),
        }
    }
}

/// Runs the harness on one fixture and fails with every finding.
fn harness(name: &'static str) -> usize {
    let f = fixture(name);
    let exact_table = exact(&f);
    let mut found = Findings::default();
    let commands = commands(&f);
    for args in &commands {
        check_command(&f, args, exact_table, &mut found);
    }
    check_ties(&f, &mut found);
    check_labels(&f, &mut found);
    check_page_and_chart(&f, &mut found);
    assert!(
        found.0.is_empty(),
        "the truth harness found {} problem(s) in {name}:\n{}",
        found.0.len(),
        found.0.join("\n")
    );
    commands.len()
}

#[test]
fn every_view_of_the_commission_edition_tells_the_truth() {
    harness("commission");
}

#[test]
fn every_view_of_the_council_editions_tells_the_truth() {
    harness("council-02");
    harness("council-04");
}

#[test]
fn every_view_of_a_plain_spreadsheet_tells_the_truth() {
    harness("plain");
}

#[test]
fn every_view_of_a_table_with_some_provenance_tells_the_truth() {
    harness("partial");
}

#[test]
fn every_view_of_another_funds_table_tells_the_truth() {
    harness("regional");
}

#[test]
fn every_view_of_a_rounded_table_tells_the_truth() {
    harness("rounded");
}

#[test]
fn every_view_of_hostile_names_tells_the_truth() {
    harness("hostile");
}

/// A fixture of random rows: (stated, width of its bounds) in euros, some
/// tied; the other table for `diff` moves every other row.
fn random_fixture(rows: &[(u32, u32)], ceiling: u32) -> Fixture {
    let dir = tempfile::TempDir::new().unwrap();
    let mut data = String::from("code,name,amount,min,max\n");
    let mut other = String::from("code,name,amount\n");
    for (i, &(amount, width)) in rows.iter().enumerate() {
        let (min, max) = (amount, amount + width);
        data.push_str(&format!("R{i},Region {i},{amount},{min},{max}\n"));
        other.push_str(&format!(
            "R{i},Region {i},{}\n",
            amount + (i as u32 % 2) * 7
        ));
    }
    let path = dir.path().join("random.csv");
    std::fs::write(&path, data).unwrap();
    let other_path = dir.path().join("other.csv");
    std::fs::write(&other_path, other).unwrap();
    Fixture {
        name: "random",
        args: vec![
            "--data".into(),
            path.to_str().unwrap().into(),
            "--ceiling".into(),
            ceiling.to_string(),
        ],
        first: "R0".into(),
        last: format!("R{}", rows.len() - 1),
        other: other_path.to_str().unwrap().into(),
        _dir: dir,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 4, ..Default::default() })]

    #[test]
    fn every_view_of_random_tables_tells_the_truth(
        rows in proptest::collection::vec((proptest::prop_oneof![1u32..=5_000_000, proptest::prelude::Just(1000u32)], 0u32..=3), 2..8),
        ceiling in 1u32..=40_000_000,
    ) {
        let f = random_fixture(&rows, ceiling);
        let exact_table = exact(&f);
        let mut found = Findings::default();
        for args in commands(&f) {
            check_command(&f, &args, exact_table, &mut found);
        }
        check_ties(&f, &mut found);
        check_labels(&f, &mut found);
        proptest::prop_assert!(found.0.is_empty(), "{}", found.0.join("\n"));
    }
}
