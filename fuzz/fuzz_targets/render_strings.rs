//! Long and odd strings straight into the renderers: a table built from
//! arbitrary names (one made very long when the input asks), as the
//! loader would pass them (no control characters), through every report,
//! format and the SVG.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use safe::dataset::{Allocation, Basis, Dataset, Fund};

fuzz_target!(|text: &str| {
    let mut names: Vec<String> = text
        .split('\u{1}')
        .map(|n| n.chars().filter(|c| !c.is_control()).collect::<String>())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .take(12)
        .collect();
    if names.is_empty() {
        return;
    }
    if text.len() % 3 == 0 {
        // Past every 16-bit width limit.
        names[0] = names[0].repeat(70_000 / names[0].len().max(1) + 1);
    }
    names.sort();
    names.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
    let allocations: Vec<Allocation> = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            Allocation::new(format!("C{i}"), name, Decimal::from(i as u64 * 7 + 1), Basis::Unstated)
        })
        .collect();
    let allocated = allocations.iter().map(|a| a.amount).sum();
    let mut fund = Fund::safe();
    fund.name = text.chars().filter(|c| !c.is_control()).take(200).collect();
    if fund.name.trim().is_empty() {
        fund.name = "F".into();
    }
    let precision = safe::dataset::Precision::of(&allocations);
    let data = Dataset {
        origin: "fuzz".into(),
        fund,
        edition: None,
        rounding: None,
        allocations,
        allocated,
        allocated_min: allocated,
        allocated_max: allocated,
        precision,
    };
    common::render_every_report(&data);
});
