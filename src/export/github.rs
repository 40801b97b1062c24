//! GitHub Actions workflow commands: one `::error` line per failed check,
//! which the run shows as an annotation, and a `::notice` summary. Text is
//! escaped as the workflow-command syntax requires (`%`, CR, LF; and `:`
//! and `,` in properties).

use super::{Report, Style, TableInfo, TextExporter, ci_checks, table_label};
use crate::error::Result;
use crate::text::{escape_workflow_data, escape_workflow_property};

pub struct Github;

impl TextExporter for Github {
    fn text(&self, report: &dyn Report, table: &TableInfo, _style: Style) -> Result<String> {
        let checks = ci_checks(report, "github")?;
        let label = table_label(table);
        let mut out = String::new();
        for line in checks.iter().filter(|l| !l.check.passed) {
            let c = &line.check;
            let title = match c.reference {
                Some(r) => format!("safe {}: {} ({r})", report.command(), line.rule),
                None => format!("safe {}: {}", report.command(), line.rule),
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
            out.push_str(&format!(
                "::error title={}::{}\n",
                escape_workflow_property(&title),
                escape_workflow_data(&message)
            ));
        }
        let failed = checks.iter().filter(|l| !l.check.passed).count();
        let summary = if failed == 0 {
            format!("{label}: all {} checks pass", checks.len())
        } else {
            format!("{label}: {failed} of {} checks fail", checks.len())
        };
        out.push_str(&format!(
            "::notice title={}::{}\n",
            escape_workflow_property(&format!("safe {}", report.command())),
            escape_workflow_data(&summary)
        ));
        Ok(out)
    }
}
