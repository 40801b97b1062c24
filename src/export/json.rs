//! JSON: the report as it is (every report derives `Serialize`), inside
//! the common envelope, with exact decimal numbers; written as it is
//! serialized.

use std::io::Write;

use super::{Exporter, Frame, Report};

pub struct Json;

impl Exporter for Json {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        report
            .to_json(frame.command, frame.subject, out)
            .map_err(|e| match e.io_error_kind() {
                Some(kind) => std::io::Error::from(kind),
                None => std::io::Error::other(e),
            })?;
        out.write_all(b"\n")
    }
}
