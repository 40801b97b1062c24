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
use safe::error::{Error, exit};

/// Notes which standard descriptors are closed, before Rust's runtime
/// replaces closed ones with `/dev/null` (see `safe::fds`). It runs from
/// `.init_array`, ahead of `main` and of the runtime's own set-up.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static NOTE_CLOSED_FDS: extern "C" fn() = {
    extern "C" fn note() {
        // SAFETY: F_GETFD only reads the descriptor's flags; -1 (EBADF)
        // means it is not open.
        let closed = [0, 1, 2].map(|fd| unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1);
        safe::fds::note_closed_at_start(closed);
    }
    note
};

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
        let line = Error::internal(format!("{what}{place}"));
        let _ = writeln!(
            std::io::stderr().lock(),
            "safe: error: {}",
            safe::escape::escape_controls(line.message()).replace('\n', " ")
        );
        safe::sink::remove_temporary_files();
        std::process::exit(i32::from(exit::INTERNAL));
    }));
    let code = match run() {
        Ok(code) => code,
        Err(err) => {
            if !err.message().is_empty() {
                let _ = writeln!(std::io::stderr().lock(), "safe: error: {err}");
            }
            err.kind().exit_code()
        }
    };
    ExitCode::from(code)
}

fn run() -> Result<u8, Error> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches = match Cli::parser(&args).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(err) => return Ok(clap_exit(&err)),
    };
    let cli = Cli::from_arg_matches(&matches).map_err(|e| Error::usage(cli::usage_error(&e)))?;
    let command = matches.subcommand_name().unwrap_or(cli::OVERVIEW);
    #[cfg(debug_assertions)]
    if std::env::var_os("SAFE_TEST_PANIC").is_some() {
        panic!("forced by SAFE_TEST_PANIC (debug builds only)");
    }
    cli.global.check()?;
    let ctx = Ctx::new(cli.global.style(), cli.global.table_spec()?, Cli::command);
    let output = cli.run(&ctx).map_err(|e| match ctx.loaded() {
        Some(data) => e.in_table(&data.origin),
        None => e,
    })?;
    safe::sink::deliver(output, command, ctx.style)
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
            ) {
                Ok(code) => code,
                Err(e) => {
                    let _ = writeln!(std::io::stderr().lock(), "safe: error: {e}");
                    e.kind().exit_code()
                }
            }
        }
        _ => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "safe: error: {}",
                cli::usage_error(err)
            );
            exit::USAGE
        }
    }
}
