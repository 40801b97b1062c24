//! What the CI formats (JUnit, GitHub) share: a report's checks with
//! their words, and the name of the table they test.

use super::{Report, Subject};
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

/// The file a table came from, as given to `--data` (none for a bundled
/// edition or standard input), for the CI formats' `file` properties.
pub(crate) fn table_file(table: &Subject) -> Option<&str> {
    let origin = table.origin.as_str();
    (origin != crate::dataset::editions::BUNDLED_ORIGIN && origin != crate::source::STDIN_ORIGIN)
        .then_some(origin)
}

/// A table that does not load, in a CI format (GitHub's workflow
/// commands, JUnit): a CI step that reads the output sees the failure,
/// at its file, line and column. A figure of the loaded table `table` that
/// cannot be held exactly counts as its failure too. `None` for the other
/// formats and errors.
pub fn load_failure(
    format: super::Format,
    command: &str,
    err: &anyhow::Error,
    table: Option<&str>,
) -> Option<String> {
    use crate::escape::{escape_workflow_data, escape_workflow_property, escape_xml};
    let typed = crate::error::typed(err)?;
    let in_table = |origin: &str| crate::error::Place {
        origin: origin.to_string(),
        position: None,
        detail: typed.message().to_string(),
    };
    let place = match (typed.place(), table) {
        (Some(place), _) => place.clone(),
        (None, Some(origin)) if typed.is_inexact() => in_table(origin),
        _ => return None,
    };
    let message = crate::error::line(err)?;
    let file = (place.origin != crate::source::STDIN_ORIGIN
        && place.origin != crate::dataset::editions::BUNDLED_ORIGIN)
        .then_some(place.origin.as_str());
    let title = format!("safe {command}: the table does not load");
    match format {
        super::Format::Github => {
            let mut properties = Vec::new();
            if let Some(file) = file {
                properties.push(format!("file={}", escape_workflow_property(file)));
            }
            if let Some((line, column)) = place.position {
                properties.push(format!("line={line}"));
                properties.push(format!("col={column}"));
            }
            properties.push(format!("title={}", escape_workflow_property(&title)));
            Some(format!(
                "::error {}::{}\n",
                properties.join(","),
                escape_workflow_data(&message)
            ))
        }
        super::Format::Junit => {
            let mut at = String::new();
            if let Some(file) = file {
                at.push_str(&format!(" file=\"{}\"", escape_xml(file)));
            }
            if let Some((line, _)) = place.position {
                at.push_str(&format!(" line=\"{line}\""));
            }
            Some(format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <testsuites name=\"safe\" tests=\"1\" failures=\"0\" errors=\"1\">\n\
                 <testsuite name=\"{suite}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n  \
                 <testcase classname=\"safe.{command}\" name=\"the table loads\"{at}>\n    \
                 <error type=\"data\" message=\"{message}\">{message}</error>\n  </testcase>\n\
                 </testsuite>\n</testsuites>\n",
                suite = escape_xml(&title),
                message = escape_xml(&message),
            ))
        }
        _ => None,
    }
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
pub(crate) fn ci_checks(
    report: &dyn Report,
    command: &str,
    style: super::Style,
) -> Result<Vec<CheckLine>> {
    report.checks().ok_or_else(|| {
        Error::usage(format!(
            "--format {} reports checks: use it with {}; `safe {command}` checks nothing",
            style.format.name(),
            CI_COMMANDS.join(" or "),
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
