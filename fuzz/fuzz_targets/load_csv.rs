//! Arbitrary bytes as a CSV or TSV `--data` file: the same promises as
//! JSON (no panic; a table that loads goes through every output).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (tab, bytes) = match bytes.split_first() {
        Some((first, rest)) => (first % 2 == 0, rest),
        None => return,
    };
    let delimiter = tab.then_some(b'\t');
    if let Ok(data) = safe::dataset::csv::parse("fuzz.csv", bytes, delimiter, &Default::default()) {
        common::render_every_report(&data);
    }
});
