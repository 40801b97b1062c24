//! JUnit XML for CI systems (GitLab, Jenkins, …): one `<testsuite>` for the
//! table, one `<testcase>` per check, with a `<failure>` carrying the
//! figures when it fails. All text is XML-escaped.

use super::{Report, Style, TableInfo, TextExporter, ci_checks, table_label};
use crate::error::Result;
use crate::text::escape_xml;

pub struct Junit;

impl TextExporter for Junit {
    fn text(&self, report: &dyn Report, table: &TableInfo, _style: Style) -> Result<String> {
        let checks = ci_checks(report, "junit")?;
        let failures = checks.iter().filter(|l| !l.check.passed).count();
        let suite = format!("safe {}: {}", report.command(), table_label(table));
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<testsuites name=\"safe\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\">\n\
             <testsuite name=\"{suite}\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n",
            n = checks.len(),
            suite = escape_xml(&suite),
        ));
        for line in &checks {
            let c = &line.check;
            let name = match c.reference {
                Some(r) => format!("{} ({r}): {}", c.id.as_str(), line.rule),
                None => format!("{}: {}", c.id.as_str(), line.rule),
            };
            out.push_str(&format!(
                "  <testcase classname=\"safe.{}\" name=\"{}\"",
                report.command(),
                escape_xml(&name)
            ));
            if c.passed {
                out.push_str("/>\n");
                continue;
            }
            let figures = format!(
                "actual {}, limit {}, margin {} ({})",
                c.actual,
                c.limit,
                c.margin,
                c.unit.as_str()
            );
            out.push_str(&format!(
                ">\n    <failure type=\"{}\" message=\"{}\">{}\n{}</failure>\n  </testcase>\n",
                c.id.as_str(),
                escape_xml(&line.detail),
                escape_xml(&line.detail),
                escape_xml(&figures)
            ));
        }
        out.push_str("</testsuite>\n</testsuites>\n");
        Ok(out)
    }
}
