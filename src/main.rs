//! The `safe` binary: parse the command line, run the command, hand what
//! it returns to the one writer, and map every failure to one line on
//! stderr and a documented exit code (`safe::error`). A panic is a bug:
//! one line, exit 70.

use std::io::Write;
use std::process::ExitCode;

use clap::error::ErrorKind as ClapKind;
use clap::{CommandFactory, FromArgMatches};

use safe::cli::{self, Cli};
use safe::cmd::Ctx;
use safe::error::{self, Error, exit};

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        error_line(Error::internal(format!("{what}{place}")).message());
        safe::sink::remove_temporary_files();
        std::process::exit(i32::from(exit::INTERNAL));
    }));
    ExitCode::from(match run() {
        Ok(code) => code,
        Err(err) => {
            if let Some(line) = error::line(&err) {
                error_line(&line);
            }
            error::kind(&err).exit_code()
        }
    })
}

fn run() -> anyhow::Result<u8> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut matches = match Cli::parser(&args).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(err) => return Ok(clap_exit(&err)),
    };
    // Taken apart rather than copied: `from_arg_matches` clones them.
    let command = matches
        .subcommand_name()
        .unwrap_or(cli::OVERVIEW)
        .to_string();
    let cli =
        Cli::from_arg_matches_mut(&mut matches).map_err(|e| Error::usage(cli::usage_error(&e)))?;
    #[cfg(debug_assertions)]
    if std::env::var_os("SAFE_TEST_PANIC").is_some() {
        panic!("forced by SAFE_TEST_PANIC (debug builds only)");
    }
    cli.global.check()?;
    let ctx = Ctx::new(
        cli.global.style(),
        cli.global.table_spec()?,
        cli.global.limits()?,
        Cli::command,
    );
    let output = match cli.run(&ctx) {
        Ok(output) => output,
        Err(err) => {
            let table = ctx.loaded_origin();
            // A figure that cannot be held exactly says which table it
            // came from (errors of loading start with their file).
            let err = match table {
                Some(origin) if error::typed(&err).is_some_and(Error::is_inexact) => {
                    err.context(origin.to_string())
                }
                _ => err,
            };
            // A CI format still says the table did not load, on stdout.
            safe::sink::deliver_failure(&err, table, &command, ctx.style)?;
            return Err(err);
        }
    };
    Ok(safe::sink::deliver(
        output,
        &command,
        ctx.style,
        &ctx.inputs(),
    )?)
}

/// Help and version go to stdout (exit 0); usage errors become one line on
/// stderr, keeping clap's tip if it has one (exit 2).
fn clap_exit(err: &clap::Error) -> u8 {
    match err.kind() {
        ClapKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = std::io::stderr()
                .lock()
                .write_all(err.render().to_string().as_bytes());
            exit::USAGE
        }
        ClapKind::DisplayHelp | ClapKind::DisplayVersion => {
            let text = err.render().to_string();
            match safe::sink::deliver(
                safe::export::output::Output::document(
                    text,
                    safe::export::output::Fixed {
                        what: "help",
                        json: false,
                    },
                ),
                "help",
                safe::export::Style::default(),
                &[],
            ) {
                Ok(code) => code,
                Err(e) => {
                    if e.kind() != error::Kind::Closed {
                        error_line(e.message());
                    }
                    e.kind().exit_code()
                }
            }
        }
        _ => {
            error_line(&cli::usage_error(err));
            exit::USAGE
        }
    }
}

/// An error as one line on stderr: whatever it quotes from outside (a
/// value typed on the command line, a file's name) cannot break the line,
/// drive the terminal or pose as a CI workflow command.
fn error_line(message: &str) {
    let line = safe::escape::escape_controls(message);
    let _ = writeln!(std::io::stderr().lock(), "safe: error: {line}");
}
