//! The integration tests: one test crate. Each file starts with a line
//! saying what belongs in it: one file per command (`rank.rs`, `diff.rs`,
//! …), and cross-cutting files for the command line (`cli.rs`), output
//! formats (`formats.rs`), the truth of every human view (`truth.rs`),
//! exact arithmetic (`exactness.rs`), rounded figures (`bounds.rs`),
//! reading tables (`input.rs`), writing output (`files.rs`), hostile input
//! (`hostile.rs`), CI (`ci.rs`), the code's own lists (`house.rs`),
//! random tables (`properties.rs`) and the docs' examples (`docs.rs`).
//! `support.rs` is the `Test` builder every file uses.

mod bounds;
mod chart;
mod check;
mod ci;
mod cli;
mod diff;
mod docs;
mod editions;
mod exactness;
mod files;
mod formats;
mod hostile;
mod house;
mod input;
mod oracle;
mod overview;
mod per_capita;
mod precision;
mod properties;
mod rank;
mod report;
mod roundtrip;
mod schema;
mod shares;
mod show;
mod stats;
mod support;
mod table;
mod terminal;
mod timeline;
mod total;
mod truth;
mod what_if;
