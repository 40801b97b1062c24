//! `safe schema`: the JSON Schema of the data format `--data` reads.

use crate::export::output::Fixed;
use anyhow::Result;

use super::{Ctx, Output};

/// The schema, as shipped in `data/table.schema.json`.
pub const SCHEMA: &str = include_str!("../../data/table.schema.json");

/// The arguments of `safe schema`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Print the JSON Schema of the data format (or of the bundled events)",
    long_about = "Print the JSON Schema (draft 2020-12) of the table format --data reads, \
schema_version 4 (files of versions 1 to 3 still load: see the schema's description); \
`safe schema events` prints the schema of the dated facts safe bundles (data/events.json).",
    after_help = "Examples:\n  safe schema > safe-table.schema.json\n  safe schema events"
)]
pub struct Args {
    /// Which schema
    #[arg(value_enum, default_value_t = Which::Table)]
    pub which: Which,
}

/// The schemas `safe schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// The allocation table --data reads
    Table,
    /// The bundled events and participants
    Events,
}

pub fn run<'c>(args: &Args, _ctx: &'c Ctx) -> Result<Output<'c>> {
    Ok(Output::document(
        match args.which {
            Which::Table => SCHEMA,
            Which::Events => crate::events::SCHEMA,
        },
        Fixed {
            what: "JSON Schema",
            json: true,
        },
    ))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// The help names the version this build writes and reads, and the
    /// schema accepts it.
    #[test]
    fn the_help_names_the_current_version() {
        #[derive(clap::Parser)]
        struct Wrap {
            #[command(flatten)]
            args: super::Args,
        }
        let help = Wrap::command().get_long_about().map(|s| s.to_string());
        let version = crate::dataset::SCHEMA_VERSION;
        assert!(
            help.as_deref()
                .is_some_and(|h| h.contains(&format!("schema_version {version}"))),
            "{help:?}"
        );
        assert!(super::SCHEMA.contains(&format!("(schema_version {version};")));
    }
}
