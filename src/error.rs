//! Errors and the exit codes they map to, in one place.
//!
//! | code | meaning |
//! |------|---------|
//! | 0    | success (also: the reader closed the pipe early) |
//! | 1    | a check or an expectation failed |
//! | 2    | usage: bad arguments, an unknown member |
//! | 65   | invalid data: the table or a population file breaks the schema |
//! | 66   | cannot read input: missing file, a directory, no permission |
//! | 70   | internal error (a bug: please report it) |
//! | 74   | cannot write output |
//!
//! An [`Error`] is made only through its constructors, one per kind, so
//! every message of a kind starts the same way. It is the root of an
//! error's chain: commands and loaders return [`anyhow::Result`] and add
//! context as the error rises (which option, which table, which step);
//! [`typed`] finds the `Error` in the chain again for its kind (the exit
//! code) and its place (the CI formats), and [`line`] gives the chain as
//! the one line `safe` prints. A chain with no `Error` in it is a bug
//! (exit 70).

use std::fmt;

/// How an error about a figure that cannot be held exactly starts.
pub const INEXACT: &str = "cannot compute exactly";

/// The exit codes `safe` documents. See the module docs.
pub mod exit {
    pub const OK: u8 = 0;
    pub const CHECK_FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DATA: u8 = 65;
    pub const NO_INPUT: u8 = 66;
    pub const INTERNAL: u8 = 70;
    pub const IO: u8 = 74;
}

/// What kind of failure an [`Error`] is; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The reader closed the pipe (`safe rank | head -1`): a normal end,
    /// exit 0 without a word.
    Closed,
    Usage,
    Data,
    NoInput,
    Output,
    /// A bug: something `safe` itself got wrong.
    Internal,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Closed => exit::OK,
            Kind::Usage => exit::USAGE,
            Kind::Data => exit::DATA,
            Kind::NoInput => exit::NO_INPUT,
            Kind::Output => exit::IO,
            Kind::Internal => exit::INTERNAL,
        }
    }
}

/// A failure that `safe` reports on one line of stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: Kind,
    message: String,
    /// For an input that does not load: which (its name), where in it
    /// (line and column, when known) and what, apart, for the CI formats.
    place: Option<Place>,
}

/// Where an input's fault stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub origin: String,
    pub position: Option<(usize, usize)>,
    pub detail: String,
}

impl Error {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where an input's fault stands (data and input errors).
    pub fn place(&self) -> Option<&Place> {
        self.place.as_ref()
    }

    /// Bad arguments (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::Usage,
            message: message.into(),
            place: None,
        }
    }

    /// Invalid data at `origin` (a file name, `<stdin>`, `<bundled>`),
    /// optionally with a `line:column`.
    pub fn data(
        origin: &str,
        position: Option<(usize, usize)>,
        message: impl fmt::Display,
    ) -> Self {
        let detail = message.to_string();
        let message = match position {
            Some((line, column)) => format!("{origin}:{line}:{column}: {detail}"),
            None => format!("{origin}: {detail}"),
        };
        Error {
            kind: Kind::Data,
            message,
            place: Some(Place {
                origin: origin.to_string(),
                position,
                detail,
            }),
        }
    }

    /// An input that cannot be read (exit 66), named by `origin`.
    pub fn no_input(origin: &str, message: impl fmt::Display) -> Self {
        Error {
            kind: Kind::NoInput,
            message: format!("{origin}: {message}"),
            place: Some(Place {
                origin: origin.to_string(),
                position: None,
                detail: message.to_string(),
            }),
        }
    }

    /// Output that cannot be written (exit 74); `what` names where it was
    /// going (`standard output`, a path).
    pub fn output(what: &str, message: impl fmt::Display) -> Self {
        Error {
            kind: Kind::Output,
            message: format!("{what}: {message}"),
            place: None,
        }
    }

    /// A bug (exit 70).
    pub fn internal(message: impl fmt::Display) -> Self {
        Error {
            kind: Kind::Internal,
            message: format!("internal error (a bug: please report it): {message}"),
            place: None,
        }
    }

    /// A figure that cannot be held exactly (more than 28 significant
    /// digits, or beyond ±7.9e28): a property of the data, never rounded
    /// away. `safe` names the table in front of the message (see
    /// [`Error::is_inexact`]).
    pub fn overflow(what: impl fmt::Display) -> Self {
        Error {
            kind: Kind::Data,
            message: format!(
                "{INEXACT}: {what} cannot be held exactly (28 significant digits, below ±7.9e28)"
            ),
            place: None,
        }
    }

    /// Whether this is a figure that cannot be held exactly
    /// ([`Error::overflow`]): `safe` then names the table it came from in
    /// front of it (errors of loading already start with their file).
    pub fn is_inexact(&self) -> bool {
        self.kind == Kind::Data && self.place.is_none() && self.message.starts_with(INEXACT)
    }

    /// A failure to write to `what`: a closed pipe is a normal end (exit 0
    /// without a word), anything else exit 74.
    pub fn write(what: &str, err: &std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Error {
                kind: Kind::Closed,
                message: String::new(),
                place: None,
            }
        } else {
            Error::output(what, format!("cannot write: {}", io_reason(err)))
        }
    }
}

/// A short reason for an I/O error, without the `(os error N)` noise.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::IsADirectory => "is a directory".to_string(),
        ErrorKind::NotADirectory => "not a directory".to_string(),
        ErrorKind::InvalidData => "not valid UTF-8".to_string(),
        ErrorKind::StorageFull => "no space left on the device".to_string(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The typed [`Error`] in a chain (the first, from the outside), if any.
pub fn typed(err: &anyhow::Error) -> Option<&Error> {
    err.chain().find_map(|cause| cause.downcast_ref::<Error>())
}

/// What kind of failure a chain is: its [`Error`]'s, or a bug when it
/// has none.
pub fn kind(err: &anyhow::Error) -> Kind {
    typed(err).map_or(Kind::Internal, Error::kind)
}

/// The chain as the one line `safe` prints after `safe: error: ` (the
/// contexts, outermost first, then the cause), or `None` when there is
/// nothing to say (a closed pipe). A chain without an [`Error`] is a bug,
/// said as one.
pub fn line(err: &anyhow::Error) -> Option<String> {
    match typed(err) {
        Some(e) if e.kind() == Kind::Closed => None,
        Some(_) => Some(format!("{err:#}")),
        None => Some(Error::internal(format!("{err:#}")).message),
    }
}
