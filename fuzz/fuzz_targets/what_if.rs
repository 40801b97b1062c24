//! An arbitrary scenario on an arbitrary CSV table: the table comes before
//! the first NUL byte, then one change a line (`add CODE=AMOUNT[:NAME]`,
//! `set MEMBER=AMOUNT`, `remove MEMBER`, `fit`). No panic; a scenario that
//! is accepted never holds a zero amount or a name twice.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use safe::analysis::what_if::{Change, Fit, what_if};
use safe::cmd::what_if::{add_arg, set_arg};
use safe::dataset::csv;

fuzz_target!(|bytes: &[u8]| {
    let split = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let Ok(data) = csv::parse("t.csv", &bytes[..split], None, &Default::default()) else {
        return;
    };
    let script = String::from_utf8_lossy(bytes.get(split + 1..).unwrap_or_default());
    let mut changes = Vec::new();
    let mut fit = None;
    for line in script.lines().take(8) {
        let member_code = |m: &str| safe::names::find_member(m, &data).ok().map(|a| a.code.to_string());
        if let Some(arg) = line.strip_prefix("add ") {
            if let Ok(a) = add_arg(arg) {
                let name = a.name.unwrap_or_else(|| a.code.clone());
                changes.push(Change::Add { code: a.code, name, amount: a.amount });
            }
        } else if let Some(arg) = line.strip_prefix("set ") {
            if let Ok(s) = set_arg(arg) {
                if let Some(code) = member_code(&s.member) {
                    changes.push(Change::Set { code, amount: s.amount });
                }
            }
        } else if let Some(m) = line.strip_prefix("remove ") {
            if let Some(code) = member_code(m) {
                changes.push(Change::Remove { code });
            }
        } else if line == "fit" {
            fit = Some(Fit::ProRata);
        }
    }
    let scenario = what_if(&data, &changes, fit);
    if let Ok(report) = scenario.as_ref().map(|s| s.report(&data)) {
        let Ok(report) = report else { return };
        for m in report.diff.members.iter() {
            assert!(m.new_amount.is_none_or(|a| !a.is_zero()), "a silent zero: {m:?}");
        }
        let mut names: Vec<String> = report
            .diff
            .members
            .iter()
            .filter(|m| m.new_amount.is_some())
            .map(|m| m.name.to_lowercase())
            .collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a name twice");
        common::render_all(&report, &data);
    }
});
