//! GitHub Actions workflow commands: one `::error` line per failed check,
//! which the run shows as an annotation, and a `::notice` summary. Text is
//! escaped as the workflow-command syntax requires (`%`, CR, LF; and `:`
//! and `,` in properties).

use std::io::Write;

use super::ci::{ci_checks, table_label};
use super::{Exporter, Frame, Report};
use crate::error::Result;
use crate::escape::{escape_workflow_data, escape_workflow_property};

pub struct Github;

impl Exporter for Github {
    fn check(&self, report: &dyn Report, frame: &Frame<'_>) -> Result<()> {
        ci_checks(report, frame).map(drop)
    }

    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let Ok(checks) = ci_checks(report, frame) else {
            return Ok(());
        };
        let label = table_label(frame.subject);
        let mut text = String::new();
        for line in checks.iter().filter(|l| !l.check.passed) {
            let c = &line.check;
            let title = match c.reference {
                Some(r) => format!("safe {}: {} ({r})", frame.command, line.rule),
                None => format!("safe {}: {}", frame.command, line.rule),
            };
            let message = format!(
                "{}: {} (actual {}, limit {}, margin {} {})",
                label,
                line.detail,
                c.actual,
                c.limit,
                c.margin,
                c.unit.as_str()
            );
            text.push_str(&format!(
                "::error title={}::{}\n",
                escape_workflow_property(&title),
                escape_workflow_data(&message)
            ));
        }
        let failed = checks.iter().filter(|l| !l.check.passed).count();
        let summary = if failed == 0 {
            if checks.len() == 1 {
                format!("{label}: 1 check passes")
            } else {
                format!("{label}: all {} checks pass", checks.len())
            }
        } else {
            format!("{label}: {failed} of {} checks fail", checks.len())
        };
        text.push_str(&format!(
            "::notice title={}::{}\n",
            escape_workflow_property(&format!("safe {}", frame.command)),
            escape_workflow_data(&summary)
        ));
        out.write_all(text.as_bytes())
    }
}
