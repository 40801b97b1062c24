//! `safe completions SHELL`: a shell completion script (clap_complete),
//! generated from the same clap definition as the parser, so it never
//! drifts. Edition ids are offered after `--edition` and `diff`, command
//! names after `safe man`.

use clap::Command;

use crate::dataset::editions;
use crate::export::output::Fixed;
use anyhow::{Context as _, Result};

use super::{Ctx, Output};

/// The arguments of `safe completions`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Print a shell completion script",
    long_about = "Print a completion script for SHELL on stdout. Install it where your shell \
looks for completions, e.g. for bash: safe completions bash > ~/.local/share/bash-completion/completions/safe",
    after_help = "Examples:\n  safe completions bash > safe.bash\n  safe completions zsh > _safe\n  safe completions fish > safe.fish"
)]
pub struct Args {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The command line with the values completion can offer: edition ids
/// (and `latest`) for `--edition` and `diff`'s OTHER, command names for
/// `safe man`.
pub fn completable(mut cli: Command) -> Command {
    let mut ids = editions::ids();
    ids.push(editions::LATEST);
    let commands: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    cli = cli.mut_arg("edition", |a| {
        a.value_parser(clap::builder::PossibleValuesParser::new(ids.clone()))
    });
    cli.mut_subcommand("man", |man| {
        man.mut_arg("command", |a| {
            a.value_parser(clap::builder::PossibleValuesParser::new(commands))
        })
    })
    .mut_subcommand("diff", |diff| {
        diff.mut_arg("other", |a| {
            // Editions by name; anything else is a file, which shells
            // complete as files.
            a.value_hint(clap::ValueHint::FilePath)
                .value_parser(clap::builder::PossibleValuesParser::new(ids))
        })
    })
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut completable((ctx.cli)()), "safe", &mut out);
    let script = String::from_utf8(out).context("the completion script is not UTF-8")?;
    Ok(Output::document(
        script,
        Fixed {
            what: "a completion script",
            json: false,
        },
    ))
}
