//! Two arbitrary CSV tables (split at the first NUL byte) compared both
//! ways and against the bundled editions: no panic, every output inert.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use safe::analysis::diff::diff_report;
use safe::dataset::{csv, editions};

fuzz_target!(|bytes: &[u8]| {
    let split = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let (a, b) = (&bytes[..split], bytes.get(split + 1..).unwrap_or_default());
    let Ok(old) = csv::parse("old.csv", a, None, &Default::default()) else {
        return;
    };
    let new = csv::parse("new.csv", b, None, &Default::default()).ok();
    for id in editions::ids() {
        let edition = editions::load(id).expect("bundled edition");
        common::run(diff_report(&old, &edition), &old);
        common::run(diff_report(&edition, &old), &edition);
    }
    if let Some(new) = new {
        common::run(diff_report(&old, &new), &old);
        common::run(diff_report(&new, &old), &new);
    }
});
