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
    let out = io::BufWriter::with_capacity(1 << 16, io::stdout());
    let outcome = match cmd::dispatch(&cli, Box::new(out)) {
        // The reader closed the pipe: a normal end.
        Err(e) if e.kind == safe::error::Kind::Closed => return Ok(ExitCode::from(exit::OK)),
        other => other?,
    };
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
            let _ = writeln!(io::stderr().lock(), "safe: error: {}", usage_message(err));
            ExitCode::from(exit::USAGE)
        }
    }
}

/// A usage error in one line, built from clap's error context: what is
/// wrong, with the argument's name, the accepted values, clap's
/// suggestion, the usage line and where to read more.
fn usage_message(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let get = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut message = match (err.kind(), &arg, &value) {
        (ClapKind::MissingRequiredArgument, Some(arg), _) => {
            format!("missing required argument {arg}")
        }
        (ClapKind::InvalidValue | ClapKind::ValueValidation, Some(arg), Some(value)) => {
            let why = std::error::Error::source(err)
                .map(|e| format!(": {e}"))
                .unwrap_or_default();
            format!("invalid value '{value}' for {arg}{why}")
        }
        (ClapKind::UnknownArgument, Some(arg), _) => format!("unexpected argument '{arg}'"),
        (ClapKind::InvalidSubcommand, Some(arg), _) => format!("no command called '{arg}'"),
        (ClapKind::ArgumentConflict, Some(arg), _) => match get(ContextKind::PriorArg) {
            Some(prior) => format!("{arg} cannot be used with {prior}"),
            None => format!("{arg} cannot be used here"),
        },
        (ClapKind::NoEquals, Some(arg), _) => format!("{arg} needs '=' and a value"),
        (ClapKind::TooManyValues, Some(arg), Some(value)) => {
            format!("unexpected value '{value}' for {arg}")
        }
        _ => {
            // Anything else: clap's own first line.
            let text = err.render().to_string();
            text.lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_string()
        }
    };
    if let Some(values) = get(ContextKind::ValidValue) {
        message.push_str(&format!("; possible values: {values}"));
    }
    if let Some(suggested) =
        get(ContextKind::SuggestedArg).or_else(|| get(ContextKind::SuggestedValue))
    {
        message.push_str(&format!("; did you mean '{suggested}'?"));
    }
    if let Some(suggested) = get(ContextKind::SuggestedSubcommand) {
        message.push_str(&format!("; did you mean '{suggested}'?"));
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        message.push_str(&format!(" (usage: {usage}"));
        let command: Vec<&str> = usage
            .split(' ')
            .take_while(|w| !w.starts_with(['<', '[', '-']))
            .collect();
        message.push_str(&format!("; see '{} --help')", command.join(" ")));
    } else {
        message.push_str(" (see 'safe --help')");
    }
    message
}
