//! `safe`: analyse the allocation table of the EU's SAFE defence-loan fund.
//!
//! The crate is laid out the way a command flows:
//!
//! * [`cli`]: the command line (clap);
//! * [`source`]: reading files and standard input; [`sink`]: writing
//!   standard output and files (atomically);
//! * [`dataset`]: the table's schema, readers (JSON, CSV, TSV), validation
//!   and the bundled editions; [`names`]: EU codes, names and aliases;
//! * [`text`]: escaping untrusted text for each output;
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
pub mod sink;
pub mod source;
pub mod text;
