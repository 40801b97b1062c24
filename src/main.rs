//! The `safe` binary: parse the command line, run the command, hand what
//! it returns to the one writer, and map every failure to one line on
//! stderr and a documented exit code (`safe::error`). A panic is a bug:
//! one line, exit 70.

// On glibc Linux the binary supplies C's `main` itself (see `entry`):
// Rust's runtime set-up costs more than all of `safe rank`'s own work.
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

use std::io::Write;

use clap::error::ErrorKind as ClapKind;
use clap::{CommandFactory, FromArgMatches};

use safe::cli::{self, Cli};
use safe::cmd::Ctx;
use safe::error::{Error, exit};

/// Notes which standard descriptors are closed (`safe::fds`: afterwards a
/// closed stdout cannot be told from a caller's `/dev/null`), then reopens
/// them on `/dev/null` as Rust's runtime would, so that no file a command
/// opens can become stdout. It runs from `.init_array`, before `main` and
/// any other Rust code.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static STANDARD_DESCRIPTORS: extern "C" fn() = {
    extern "C" fn check() {
        // SAFETY: F_GETFD only reads the descriptor's flags; -1 (EBADF)
        // means it is not open.
        let closed = [0, 1, 2].map(|fd| unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1);
        safe::fds::note_closed_at_start(closed);
        for (fd, closed) in (0..).zip(closed) {
            // SAFETY: open(2) of a constant path; the lowest free
            // descriptor is `fd`, since those below it are open.
            if closed && unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) } != fd {
                // The runtime aborts too when it cannot do this.
                std::process::abort();
            }
        }
    }
    check
};

/// Start-up without Rust's runtime set-up, on glibc Linux.
///
/// Rust's `main` is wrapped in a set-up that reads `/proc/self/maps` to
/// place a guard for stack overflows, maps an alternate signal stack, and
/// pulls in the shared unwinding library (`libgcc_s`): about 40% of what
/// `safe rank` cost over `true` (benches/notes.md). `safe` aborts
/// on panic and never unwinds, so it keeps only what it needs of that
/// set-up, done here:
///
/// - closed standard descriptors are reopened on `/dev/null` (above);
/// - SIGPIPE is ignored, as the runtime does, so a closed pipe is a write
///   error the writer reports (`safe::sink`), not a kill;
/// - the unwinder is linked statically (`libgcc_eh`), so no library but
///   libc is loaded.
///
/// What is given up: the runtime's message on a stack overflow (the
/// process still dies by SIGSEGV; nothing in `safe` recurses on its
/// input: serde_json caps nesting at 128). The standard library needs
/// nothing else: on glibc it reads the arguments from `.init_array`, and
/// the writer flushes stdout itself before reporting success.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
mod entry {
    #[unsafe(no_mangle)]
    extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
        // SAFETY: sets one signal's disposition; no other thread exists.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
        libc::c_int::from(super::start())
    }

    #[cfg(panic = "abort")]
    #[link(name = "gcc_eh", kind = "static")]
    unsafe extern "C" {}
}

/// Elsewhere the runtime's own set-up runs (and outside Linux `safe::fds`
/// has no record, so every stream counts as open). A test build keeps it
/// too: the test harness supplies `main`.
#[cfg(not(all(target_os = "linux", target_env = "gnu", not(test))))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(start())
}

fn start() -> u8 {
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
    match run() {
        Ok(code) => code,
        Err(err) => {
            if !err.message().is_empty() {
                error_line(&err.to_string());
            }
            err.kind().exit_code()
        }
    }
}

fn run() -> Result<u8, Error> {
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
        Err(e) => {
            let e = match ctx.loaded() {
                Some(data) => e.in_table(&data.origin),
                None => e,
            };
            // A CI format still says the table did not load, on stdout.
            safe::sink::deliver_failure(&e, &command, ctx.style)?;
            return Err(e);
        }
    };
    safe::sink::deliver(output, &command, ctx.style, &ctx.inputs())
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
                    error_line(&e.to_string());
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
