//! What the CI formats (JUnit, GitHub) share: a report's checks with
//! their words, and the name of the table they test.

use super::{Frame, Report, Subject};
use crate::error::{Error, Result};

/// The commands whose reports hold checks, for the CI formats.
pub const CI_COMMANDS: &[&str] = &["`safe check`", "`safe total --expect AMOUNT`"];

/// A check with its words, as the CI formats show it.
#[derive(Debug, Clone)]
pub struct CheckLine {
    pub check: crate::analysis::check::Check,
    /// The rule in words (`total within the ceiling`).
    pub rule: String,
    /// The outcome in words, with the figures.
    pub detail: String,
    /// Whether the check fails the run: on the stated figures, or under
    /// `--strict` when rounding leaves it undetermined.
    pub fails: bool,
}

impl CheckLine {
    /// Passes on the stated figures, but rounding could make it fail:
    /// a warning (a failure under `--strict`).
    pub fn undetermined(&self) -> bool {
        self.check.robust != crate::analysis::bounds::Verdict::Pass && self.check.passed
    }
}

/// The checks of a report for a CI format, or a usage error naming the
/// commands that have them.
pub(crate) fn ci_checks(report: &dyn Report, frame: &Frame<'_>) -> Result<Vec<CheckLine>> {
    report.checks().ok_or_else(|| {
        Error::usage(format!(
            "--format {} reports checks: use it with {}; `safe {}` checks nothing",
            frame.style.format.name(),
            CI_COMMANDS.join(" or "),
            frame.command
        ))
    })
}

/// A table's name for CI reports: its edition's id, or where it came from,
/// with the fund.
pub(crate) fn table_label(table: &Subject) -> String {
    let name = table
        .edition
        .as_ref()
        .and_then(|e| e.id.as_deref())
        .filter(|_| table.origin == crate::dataset::editions::BUNDLED_ORIGIN)
        .unwrap_or(&table.origin);
    format!("{} ({name})", table.fund.name)
}
