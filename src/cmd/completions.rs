//! `safe completions SHELL` and `safe man`: shell completion scripts
//! (clap_complete) and the roff man page (clap_mangen), generated from the
//! same clap definition as the parser, so they never drift.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Kind, Result};

use super::Outcome;

use clap::Args;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

fn text(bytes: Vec<u8>) -> Result<Outcome> {
    let stdout = String::from_utf8(bytes).map_err(|e| Error {
        kind: Kind::Output,
        message: format!("generated text is not UTF-8: {e}"),
    })?;
    Ok(Outcome {
        stdout,
        ..Outcome::default()
    })
}

pub fn completions(args: &CompletionsArgs) -> Result<Outcome> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "safe", &mut out);
    text(out)
}

pub fn man() -> Result<Outcome> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Error {
            kind: Kind::Output,
            message: format!("cannot render the man page: {e}"),
        })?;
    text(out)
}
