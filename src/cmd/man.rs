//! `safe man [COMMAND]`: the roff man pages (clap_mangen), safe(1) and one
//! per command, generated from the same clap definition as the parser.
//! `--dir DIR` writes them all, or none.

use std::path::PathBuf;

use clap::Command;

use crate::error::Error;
use crate::export::output::Fixed;
use anyhow::{Context as _, Result};

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

/// A page: clap_mangen's sections, with a SYNOPSIS that names each
/// option's value and the examples under EXAMPLES.
fn render(cmd: Command) -> Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone())
        .date(DATE)
        .source(format!("safe {}", env!("CARGO_PKG_VERSION")))
        .manual("User Commands");
    let mut out = Vec::new();
    let section = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>, out: &mut Vec<u8>| {
        f(out).context("cannot render the man page")
    };
    section(&|o| man.render_title(o), &mut out)?;
    section(&|o| man.render_name_section(o), &mut out)?;
    out.extend_from_slice(synopsis(&cmd).as_bytes());
    section(&|o| man.render_description_section(o), &mut out)?;
    section(&|o| man.render_options_section(o), &mut out)?;
    if cmd.has_subcommands() {
        section(&|o| man.render_subcommands_section(o), &mut out)?;
    }
    if let Some(examples) = cmd.get_after_help() {
        out.extend_from_slice(examples_section(&examples.to_string()).as_bytes());
    }
    section(&|o| man.render_version_section(o), &mut out)?;
    Ok(once_preamble(out))
}

/// The page with the string definitions each section repeats kept once,
/// at the top.
fn once_preamble(page: Vec<u8>) -> Vec<u8> {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let text = String::from_utf8_lossy(&page);
    let rest = text.replace(PREAMBLE, "");
    format!("{PREAMBLE}{rest}").into_bytes()
}

/// Text for roff: backslashes and hyphens escaped, no line starting with
/// a control character.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// SYNOPSIS: the command, then each option with its value's name
/// (`[--data FILE]`), then the positional arguments.
fn synopsis(cmd: &Command) -> String {
    let name = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
    let mut line = format!(".SH SYNOPSIS\n\\fB{}\\fR", roff_text(name));
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let value = || {
            arg.get_value_names()
                .map(|v| v.join(" "))
                .unwrap_or_else(|| arg.get_id().as_str().to_uppercase())
        };
        let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
        if arg.is_positional() {
            continue;
        }
        let flag = match (arg.get_short(), arg.get_long()) {
            (Some(s), Some(l)) => format!("\\fB\\-{s}\\fR|\\fB\\-\\-{}\\fR", roff_text(l)),
            (None, Some(l)) => format!("\\fB\\-\\-{}\\fR", roff_text(l)),
            (Some(s), None) => format!("\\fB\\-{s}\\fR"),
            (None, None) => continue,
        };
        let value = if takes_value {
            format!(" \\fI{}\\fR", roff_text(&value()))
        } else {
            String::new()
        };
        let (open, close) = if arg.is_required_set() {
            ("", "")
        } else {
            ("[", "]")
        };
        line.push_str(&format!(" {open}{flag}{value}{close}"));
    }
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let value = arg
            .get_value_names()
            .map(|v| v.join(" "))
            .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        let (open, close) = if arg.is_required_set() {
            ("", "")
        } else {
            ("[", "]")
        };
        line.push_str(&format!(" {open}\\fI{}\\fR{close}", roff_text(&value)));
    }
    if cmd.has_subcommands() {
        line.push_str(" \\fICOMMAND\\fR");
    }
    line.push('\n');
    line
}

/// EXAMPLES: the help's examples, one per line, as written.
fn examples_section(after_help: &str) -> String {
    let mut out = String::from(".SH EXAMPLES\n.nf\n");
    for line in after_help.lines() {
        let line = line.trim();
        if line.is_empty() || line.ends_with(':') && !line.starts_with("safe") {
            continue;
        }
        out.push_str(&roff_text(line));
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
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
            anyhow::bail!(Error::output(
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
