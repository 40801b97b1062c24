//! Arbitrary bytes as a JSON `--data` file: loading must never panic, and
//! a table that loads goes through every analysis and every output.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(data) = safe::dataset::parse("fuzz", bytes) {
        common::render_every_report(&data);
    }
});
