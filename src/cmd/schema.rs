//! `safe schema`: the JSON Schema of the data format `--data` reads.

use crate::error::Result;
use crate::export::output::Fixed;

use super::{Ctx, Output};

/// The schema, as shipped in `data/table.schema.json`.
pub const SCHEMA: &str = include_str!("../../data/table.schema.json");

/// The arguments of `safe schema` (none), with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Print the JSON Schema of the data format",
    long_about = "Print the JSON Schema (draft 2020-12) of the table format --data reads, \
schema_version 2 (version 1 files, without provenance, still load).",
    after_help = "Examples:\n  safe schema > safe-table.schema.json"
)]
pub struct Args {}

pub fn run<'c>(_args: &Args, _ctx: &'c Ctx) -> Result<Output<'c>> {
    Ok(Output::document(
        SCHEMA,
        Fixed {
            what: "JSON Schema",
            json: true,
        },
    ))
}
