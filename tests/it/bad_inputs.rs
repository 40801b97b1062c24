//! Every file in `tests/data/bad/` must be refused with its exit code and
//! message, one line on stderr, nothing on stdout, no panic. A file added
//! to the folder without an entry here fails the test.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::Test;

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
    ("schema-version-3.json", 65, "unsupported schema_version 3"),
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
    ("utf16.json", 65, "1:1: not valid UTF-8"),
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
