//! Tests of `safe schema` and the data format's JSON Schema against good and bad tables.

use crate::support::*;
use std::path::Path;

/// Bad tables that are valid JSON of the right shape but break a rule a
/// JSON Schema cannot express; the loader refuses them (tests/bad_inputs.rs).
const BEYOND_A_SCHEMA: &[(&str, &str)] = &[
    (
        "amount-huge-exponent.json",
        "a number too large to hold exactly",
    ),
    (
        "amount-too-many-decimals.json",
        "more decimal places than 28",
    ),
    (
        "amount-too-many-digits.json",
        "more significant digits than 28",
    ),
    (
        "depth-bomb-in-amount.json",
        "nesting deeper than the parser allows",
    ),
    ("duplicate-code.json", "a code repeated in another row"),
    ("duplicate-key.json", "a key repeated in one object"),
    ("duplicate-name.json", "a name repeated in another row"),
    ("sum-overflows.json", "a sum too large to hold exactly"),
];

fn validator() -> jsonschema::Validator {
    let out = Test::new().args(["schema"]).run().ok().stdout;
    let schema: serde_json::Value = serde_json::from_str(&out).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn dir(path: &str) -> Vec<std::path::PathBuf> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let mut files: Vec<_> = std::fs::read_dir(&full)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn bundled_editions_and_good_tables_are_valid() {
    let validator = validator();
    let mut files = dir("data/editions");
    assert_eq!(files.len(), 3);
    files.extend(dir("tests/data/good"));
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/example-revision.json"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let value: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

#[test]
fn every_bad_table_fails_the_schema_or_is_beyond_one() {
    let validator = validator();
    for file in dir("tests/data/bad") {
        let name = file.file_name().unwrap().to_str().unwrap();
        let bytes = std::fs::read(&file).unwrap();
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            continue; // not JSON at all: no schema applies
        };
        let beyond = BEYOND_A_SCHEMA.iter().any(|(n, _)| *n == name);
        assert_eq!(
            validator.is_valid(&value),
            beyond,
            "{name}: the schema and the list of rules beyond a schema disagree"
        );
    }
}
