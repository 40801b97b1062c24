//! JSON: the report as it is (every report derives `Serialize`), inside
//! the common envelope, with exact decimal numbers; written as it is
//! serialized.

use std::io::Write;

use super::{Exporter, Report, Style, TableInfo};
use crate::error::{Error, Result};

pub struct Json;

impl Exporter for Json {
    fn write(
        &self,
        report: &dyn Report,
        table: &TableInfo,
        _style: Style,
        out: &mut dyn Write,
    ) -> Result<()> {
        report
            .to_json(report.command(), table, out)
            .map_err(|e| match e.io_error_kind() {
                Some(kind) => Error::write(&std::io::Error::from(kind)),
                None => super::output_error("JSON", e),
            })?;
        out.write_all(b"\n").map_err(|e| Error::write(&e))
    }
}
