//! `safe`: analyse the allocation table of the EU's SAFE defence-loan fund.
//!
//! The crate is laid out the way a command flows:
//!
//! * [`cli`]: the command line (clap);
//! * [`dataset`]: the table's schema, loading, validation and the bundled
//!   default; [`names`]: EU codes, names and aliases;
//! * [`money`]: exact amounts (parsing `1.5bn`, formatting, units);
//! * [`analysis`]: pure functions from records to typed reports;
//! * [`cmd`]: one module per subcommand, gluing a report to an output;
//! * [`export`]: one module per output format behind one trait;
//! * [`error`]: errors and their exit codes.

pub mod analysis;
pub mod cli;
pub mod cmd;
pub mod dataset;
pub mod error;
pub mod export;
pub mod money;
pub mod names;
pub mod population;
