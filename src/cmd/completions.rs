//! `safe completions SHELL` and `safe man`: shell completion scripts
//! (clap_complete) and the roff man page (clap_mangen), generated from the
//! same clap definition as the parser, so they never drift.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Kind, Result};

use super::Outcome;

use std::path::PathBuf;

use clap::Args;

/// The arguments of `safe completions`, with its help.
#[derive(Debug, Args)]
#[command(
    about = "Print a shell completion script",
    long_about = "Print a completion script for SHELL on stdout. Install it where your shell \
looks for completions, e.g. for bash: safe completions bash > ~/.local/share/bash-completion/completions/safe",
    after_help = "Examples:\n  safe completions bash > safe.bash\n  safe completions zsh > _safe\n  safe completions fish > safe.fish"
)]
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

/// The arguments of `safe man`, with its help.
#[derive(Debug, Args)]
#[command(
    about = "Print the man pages (roff): safe(1), or one per command",
    long_about = "Print the main man page, safe(1), in roff on stdout; with COMMAND, that \
command's page, safe-COMMAND(1), with every option; with --dir DIR, write all of them into DIR \
(safe.1, safe-rank.1, …) and list the files written.",
    after_help = "Examples:\n  safe man > safe.1\n  safe man rank > safe-rank.1\n  safe man --dir man1"
)]
pub struct ManArgs {
    /// The command whose page to print (default: the main page)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page into DIR instead (created if missing)
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

/// The command with its subcommands' global options filled in.
fn built() -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    cmd
}

/// Every page: (file name, roff).
fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let cmd = built();
    let mut pages = vec![("safe.1".to_string(), main_page(&cmd)?)];
    for sub in cmd.get_subcommands() {
        pages.push((format!("safe-{}.1", sub.get_name()), sub_page(sub)?));
    }
    Ok(pages)
}

fn render(man: clap_mangen::Man) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    man.render(&mut out).map_err(|e| Error {
        kind: Kind::Output,
        message: format!("cannot render the man page: {e}"),
    })?;
    Ok(out)
}

/// safe(1), with a SEE ALSO section naming every command's page.
fn main_page(cmd: &clap::Command) -> Result<Vec<u8>> {
    let mut out = render(clap_mangen::Man::new(cmd.clone()))?;
    out.extend_from_slice(b".SH \"SEE ALSO\"\n");
    let refs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| format!("\\fBsafe\\-{}\\fR(1)", s.get_name().replace('-', "\\-")))
        .collect();
    out.extend_from_slice(refs.join(", ").as_bytes());
    out.push(b'\n');
    Ok(out)
}

/// safe-COMMAND(1): the command's own and the global options.
fn sub_page(sub: &clap::Command) -> Result<Vec<u8>> {
    let name = format!("safe-{}", sub.get_name());
    let page = sub
        .clone()
        .name(name.clone())
        .bin_name(format!("safe {}", sub.get_name()))
        .display_name(name);
    let mut out = render(clap_mangen::Man::new(page))?;
    out.extend_from_slice(b".SH \"SEE ALSO\"\n\\fBsafe\\fR(1)\n");
    Ok(out)
}

pub fn man(args: &ManArgs) -> Result<Outcome> {
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(|e| Error {
            kind: Kind::Output,
            message: format!(
                "{}: cannot create the directory: {}",
                crate::source::display_path(dir),
                crate::source::io_reason(&e)
            ),
        })?;
        let mut written = String::new();
        for (file, roff) in pages()? {
            let path = dir.join(&file);
            crate::sink::write_atomic(&path, &roff)?;
            written.push_str(&crate::source::display_path(&path));
            written.push('\n');
        }
        return Ok(Outcome {
            stdout: written,
            ..Outcome::default()
        });
    }
    let roff = match &args.command {
        None => main_page(&built())?,
        Some(name) => {
            let cmd = built();
            let sub = cmd.find_subcommand(name).ok_or_else(|| {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                Error::usage(format!(
                    "no command called {}; the commands are {}",
                    crate::dataset::builder::quote(name),
                    names.join(", ")
                ))
            })?;
            sub_page(sub)?
        }
    };
    text(roff)
}
