//! The `safe` binary: parse arguments, run the command, write its output,
//! and map every failure to one line on stderr and a documented exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind as ClapKind;

use safe::cli::Cli;
use safe::cmd;
use safe::error::{Error, exit};
use safe::sink::write_stdout;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            // Errors are mapped to exit codes here and only here: `safe`'s
            // own errors carry their kind; anything else is a bug.
            let code = match err.downcast_ref::<Error>() {
                Some(e) => e.kind.exit_code(),
                None => exit::INTERNAL,
            };
            let message = match err.downcast_ref::<Error>() {
                Some(e) => e.to_string(),
                None => format!("internal error (please report it): {err:#}"),
            };
            let _ = writeln!(io::stderr().lock(), "safe: error: {message}");
            ExitCode::from(code)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return Ok(clap_exit(&err)),
    };
    safe::sink::check_stdout_open()?;
    let outcome = cmd::dispatch(&cli)?;
    write_stdout(&outcome.stdout)?;
    let mut stderr = io::stderr().lock();
    for line in &outcome.stderr {
        let _ = writeln!(stderr, "safe: {line}");
    }
    Ok(ExitCode::from(outcome.code))
}

/// Help and version go to stdout (exit 0); usage errors become one line on
/// stderr, keeping clap's tip if it has one (exit 2).
fn clap_exit(err: &clap::Error) -> ExitCode {
    match err.kind() {
        ClapKind::DisplayHelp
        | ClapKind::DisplayVersion
        | ClapKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let text = err.render().to_string();
            if err.kind() == ClapKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = io::stderr().lock().write_all(text.as_bytes());
                return ExitCode::from(exit::USAGE);
            }
            match write_stdout(&text) {
                Ok(()) => ExitCode::from(exit::OK),
                Err(e) => {
                    let _ = writeln!(io::stderr().lock(), "safe: error: {e}");
                    ExitCode::from(e.kind.exit_code())
                }
            }
        }
        _ => {
            let text = err.render().to_string();
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            let tips: Vec<&str> = lines.filter(|l| l.starts_with("tip:")).collect();
            let mut message = format!("safe: error: {first}");
            for tip in tips {
                message.push_str("; ");
                message.push_str(tip);
            }
            message.push_str(" (see 'safe --help')");
            let _ = writeln!(io::stderr().lock(), "{message}");
            ExitCode::from(exit::USAGE)
        }
    }
}
