//! JSON: the report as it is, inside `{schema_version, command, table, …}`.
//! Decimals are written as JSON numbers with their exact text (serde_json's
//! `arbitrary_precision`), never through `f64`.

use super::{Exporter, Report, Style, TableInfo, output_error};
use crate::error::Result;

pub struct Json;

impl Exporter for Json {
    fn render(&self, report: &dyn Report, table: &TableInfo, _style: Style) -> Result<String> {
        let mut text = report
            .to_json(report.command(), table)
            .map_err(|e| output_error("JSON", e))?;
        text.push('\n');
        Ok(text)
    }
}
