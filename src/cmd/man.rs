//! `safe man [COMMAND]`: the roff man pages (clap_mangen), safe(1) and one
//! per command, generated from the same clap definition as the parser.
//! `--dir DIR` writes them all, or none.

use std::path::PathBuf;

use clap::Command;

use crate::error::{Error, Result};
use crate::export::output::Fixed;

use super::{Ctx, Output};

/// The arguments of `safe man`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Print the man pages (roff): safe(1), or one per command",
    long_about = "Print the main man page, safe(1), in roff on stdout; with COMMAND, that \
command's page, safe-COMMAND(1), with every option; with --dir DIR, write all of them into DIR \
(safe.1, safe-rank.1, …), all or none, and list the files written.",
    after_help = "Examples:\n  safe man > safe.1\n  safe man rank > safe-rank.1\n  safe man --dir man1"
)]
pub struct Args {
    /// The command whose page to print (default: the main page)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page into DIR instead (created if missing)
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

const ROFF: Fixed = Fixed {
    what: "man pages in roff",
    json: false,
};

/// The date in the pages' `.TH` line: the release's.
const DATE: &str = "2026-11-30";

/// The command with its subcommands' global options filled in.
fn built(cli: Command) -> Command {
    let mut cmd = cli;
    cmd.build();
    cmd
}

/// Every page: (file name, roff).
fn pages(cmd: &Command) -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = vec![("safe.1".to_string(), main_page(cmd)?)];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        pages.push((format!("safe-{}.1", sub.get_name()), sub_page(sub)?));
    }
    Ok(pages)
}

fn render(cmd: Command) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .date(DATE)
        .source(format!("safe {}", env!("CARGO_PKG_VERSION")))
        .manual("User Commands")
        .render(&mut out)
        .map_err(|e| Error::internal(format!("cannot render the man page: {e}")))?;
    Ok(out)
}

/// safe(1), with a SEE ALSO section naming every command's page.
fn main_page(cmd: &Command) -> Result<Vec<u8>> {
    let mut out = render(cmd.clone())?;
    out.extend_from_slice(b".SH \"SEE ALSO\"\n");
    let refs: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help")
        .map(|s| format!("\\fBsafe\\-{}\\fR(1)", s.get_name().replace('-', "\\-")))
        .collect();
    out.extend_from_slice(refs.join(",\n").as_bytes());
    out.push(b'\n');
    Ok(out)
}

/// safe-COMMAND(1): the command's own and the global options.
fn sub_page(sub: &Command) -> Result<Vec<u8>> {
    let name = format!("safe-{}", sub.get_name());
    let page = sub
        .clone()
        .name(name.clone())
        .bin_name(format!("safe {}", sub.get_name()))
        .display_name(name);
    let mut out = render(page)?;
    out.extend_from_slice(b".SH \"SEE ALSO\"\n\\fBsafe\\fR(1)\n");
    Ok(out)
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let cmd = built((ctx.cli)());
    if let Some(dir) = &args.dir {
        let shown = crate::source::display_path(dir);
        if dir.exists() && !dir.is_dir() {
            return Err(Error::output(
                &shown,
                "cannot write the pages: not a directory",
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::output(
                &shown,
                format!(
                    "cannot create the directory: {}",
                    crate::error::io_reason(&e)
                ),
            )
        })?;
        let mut listing = String::new();
        let mut output = Output::nothing();
        for (file, roff) in pages(&cmd)? {
            let path = dir.join(&file);
            listing.push_str(&crate::source::display_path(&path));
            listing.push('\n');
            output = output.with_file(path, roff);
        }
        output.show = crate::export::output::Show::Document(Box::new(listing));
        output.fixed = Some(ROFF);
        return Ok(output);
    }
    let roff = match &args.command {
        None => main_page(&cmd)?,
        Some(name) => {
            let sub = cmd
                .get_subcommands()
                .find(|s| s.get_name() == name && s.get_name() != "help")
                .ok_or_else(|| {
                    let names: Vec<&str> = cmd
                        .get_subcommands()
                        .map(|s| s.get_name())
                        .filter(|n| *n != "help")
                        .collect();
                    Error::usage(format!(
                        "no command called {}; the commands are {}",
                        crate::dataset::builder::quote(name),
                        names.join(", ")
                    ))
                })?;
            sub_page(sub)?
        }
    };
    Ok(Output::document(roff, ROFF))
}
