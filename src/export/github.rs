//! GitHub Actions workflow commands: one `::error` line per failed check,
//! which the run shows as an annotation, and a `::notice` summary. Text is
//! escaped as the workflow-command syntax requires (`%`, CR, LF; and `:`
//! and `,` in properties).

use std::io::Write;

use super::ci::{ci_checks, table_file, table_label};
use super::{Exporter, Frame, Report};
use crate::escape::{escape_workflow_data, escape_workflow_property};

pub struct Github;

impl Exporter for Github {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let Ok(checks) = ci_checks(report, frame.command, frame.style) else {
            return Ok(());
        };
        let label = table_label(frame.subject);
        // Every annotation names the file (`--data`), and a finding about
        // rows the line of the first: a pull request shows it there.
        let file = table_file(frame.subject)
            .map(|f| format!("file={},", escape_workflow_property(f)))
            .unwrap_or_default();
        let mut text = String::new();
        for line in checks.iter().filter(|l| l.fails || l.undetermined()) {
            let c = &line.check;
            let level = if line.fails { "error" } else { "warning" };
            let title = match c.reference {
                Some(r) => format!("safe {}: {} ({r})", frame.command, line.rule),
                None => format!("safe {}: {}", frame.command, line.rule),
            };
            let message = format!(
                "{}: {} (actual {}, within rounding {} to {}, limit {}, margin {} {})",
                label,
                line.detail,
                c.actual,
                c.actual_min,
                c.actual_max,
                c.limit,
                c.margin,
                c.unit.as_str()
            );
            let line = c.line.map(|l| format!("line={l},")).unwrap_or_default();
            text.push_str(&format!(
                "::{level} {file}{line}title={}::{}\n",
                escape_workflow_property(&title),
                escape_workflow_data(&message)
            ));
        }
        let failed = checks.iter().filter(|l| l.fails).count();
        let warned = checks
            .iter()
            .filter(|l| !l.fails && l.undetermined())
            .count();
        let summary = if failed == 0 && warned > 0 {
            format!(
                "{label}: {} pass on the stated figures; {warned} undetermined within rounding",
                crate::words::count(checks.len(), "check")
            )
        } else if failed == 0 {
            if checks.len() == 1 {
                format!("{label}: 1 check passes")
            } else {
                format!("{label}: all {} checks pass", checks.len())
            }
        } else {
            format!("{label}: {failed} of {} checks fail", checks.len())
        };
        text.push_str(&format!(
            "::notice {file}title={}::{}\n",
            escape_workflow_property(&format!("safe {}", frame.command)),
            escape_workflow_data(&summary)
        ));
        out.write_all(text.as_bytes())
    }
}
