//! JUnit XML for CI systems (GitLab, Jenkins, …): one `<testsuite>` for the
//! table, one `<testcase>` per check, with a `<failure>` carrying the
//! figures when it fails. All text is XML-escaped.

use std::io::Write;

use super::ci::{ci_checks, table_file, table_label};
use super::{Exporter, Frame, Report};
use crate::escape::escape_xml;

pub struct Junit;

impl Exporter for Junit {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let Ok(checks) = ci_checks(report, frame.command, frame.style) else {
            return Ok(());
        };
        let failures = checks.iter().filter(|l| l.fails).count();
        let suite = format!("safe {}: {}", frame.command, table_label(frame.subject));
        let mut text = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        text.push_str(&format!(
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
            text.push_str(&format!(
                "  <testcase classname=\"safe.{}\" name=\"{}\"",
                frame.command,
                escape_xml(&name)
            ));
            // The file and the line of the first row concerned, as
            // pytest's and GitLab's readers take them.
            if let Some(file) = table_file(frame.subject) {
                text.push_str(&format!(" file=\"{}\"", escape_xml(file)));
            }
            if let Some(l) = c.line {
                text.push_str(&format!(" line=\"{l}\""));
            }
            if !line.fails && line.undetermined() {
                // A warning: it passes, and rounding could make it fail.
                text.push_str(&format!(
                    ">\n    <properties><property name=\"robust\" value=\"undetermined\"/></properties>\n    <system-out>{}</system-out>\n  </testcase>\n",
                    escape_xml(&format!("warning: undetermined within rounding: {}", line.detail))
                ));
                continue;
            }
            if !line.fails {
                text.push_str("/>\n");
                continue;
            }
            let figures = format!(
                "actual {} (within rounding {} to {}), limit {}, margin {} ({})",
                c.actual,
                c.actual_min,
                c.actual_max,
                c.limit,
                c.margin,
                c.unit.as_str()
            );
            text.push_str(&format!(
                ">\n    <failure type=\"{}\" message=\"{}\">{}\n{}</failure>\n  </testcase>\n",
                c.id.as_str(),
                escape_xml(&line.detail),
                escape_xml(&line.detail),
                escape_xml(&figures)
            ));
        }
        text.push_str("</testsuite>\n</testsuites>\n");
        out.write_all(text.as_bytes())
    }
}
