//! The integration tests: one test crate, one module per area, each
//! running the real `safe` binary (through `support::Test`) or the
//! library's public API.

mod analysis;
mod bad_inputs;
mod ci;
mod cli;
mod core;
mod editions;
mod exactness;
mod extremes;
mod formats;
mod properties;
mod readme;
mod report;
mod schema;
mod support;
mod trust;
