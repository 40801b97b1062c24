//! `safe`: analyse the allocation table of the EU's SAFE defence-loan fund.
//!
//! The crate is laid out the way a command flows, each layer using only
//! the ones below it:
//!
//! * [`cli`]: the command line (clap): global options, the list of
//!   commands; [`values`]: value parsers the options share;
//! * [`cmd`]: one module per subcommand: its options, its run (a report
//!   in, an [`export::output::Output`] out) and its view;
//! * [`sink`]: the one writer (standard output, files, stderr);
//! * [`export`]: the output formats behind one trait, the view model;
//! * [`analysis`]: pure functions from records to typed reports;
//! * [`names`] (EU codes, names, aliases), [`population`] and [`events`]
//!   (the fund's dated facts and who takes part);
//! * [`dataset`]: the table's schema, readers (JSON, CSV, TSV), validation
//!   and the bundled editions; [`source`]: reading files and standard
//!   input;
//! * [`money`] (exact amounts), [`escape`] (escaping untrusted text for
//!   each output), [`words`] (counts and lists in prose), [`clock`] (days,
//!   months and today), [`fds`] (the
//!   standard descriptors at start), [`parallel`] (work on every core for
//!   large tables), [`error`] (errors and exit codes).

pub mod analysis;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod dataset;
pub mod error;
pub mod escape;
pub mod events;
pub mod export;
pub mod fds;
pub mod money;
pub mod names;
pub mod parallel;
pub mod population;
pub mod sink;
pub mod source;
pub mod values;
pub mod words;
