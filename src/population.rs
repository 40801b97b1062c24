//! Population figures for per-capita amounts: the bundled Eurostat table
//! (population on 1 January 2025) or a user's CSV with `code,population`
//! columns (`--population FILE`).
//!
//! The CSV has a header row naming at least `code` and `population` (other
//! columns are ignored, lines starting with `#` are comments). Populations
//! are positive whole numbers; codes follow the table's rules and appear
//! once.

use std::collections::HashMap;
use std::path::Path;

use crate::dataset::validate_code;
use anyhow::Context as _;

use crate::error::{Error, Result};
use crate::source::Source;

/// The bundled figures.
pub const BUNDLED_CSV: &str = include_str!("../data/population-2025.csv");
/// Where the bundled figures come from, for reports.
pub const BUNDLED_SOURCE: &str =
    "Eurostat demo_gind, population on 1 January 2025 (as served in April 2026)";
/// The reference date of the bundled figures.
pub const BUNDLED_DATE: &str = "2025-01-01";

/// Population by upper-case code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Population {
    /// `<bundled>` or the path given.
    pub origin: String,
    /// A description of the source, for reports.
    pub source: String,
    by_code: HashMap<String, u64>,
}

impl Population {
    /// The population of `code` (case-insensitive), if known.
    pub fn get(&self, code: &str) -> Option<u64> {
        self.by_code.get(&code.to_ascii_uppercase()).copied()
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}

/// The bundled Eurostat figures.
pub fn bundled() -> Result<Population> {
    parse("<bundled>", BUNDLED_SOURCE, BUNDLED_CSV.as_bytes())
}

/// Loads `path`, or the bundled figures when `path` is `None`.
pub fn load(path: Option<&Path>, limits: crate::source::Limits) -> anyhow::Result<Population> {
    Ok(match path {
        None => bundled().context("the bundled population figures")?,
        Some(p) => {
            let source = Source::from_path(p);
            let origin = source.origin();
            let bytes = source.read(limits)?;
            parse(&origin, &origin, &bytes)?
        }
    })
}

/// The largest population a member may have: ten billion, more than the
/// world's (so that the populations of a million members add up in 64
/// bits).
pub const MAX_POPULATION: u64 = 10_000_000_000;

/// Parses a population CSV; errors name `origin` and the line.
pub fn parse(origin: &str, source: &str, bytes: &[u8]) -> Result<Population> {
    let bytes = crate::source::strip_bom(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(bytes);
    let csv_error = |e: csv::Error| crate::dataset::csv::read_error(origin, &e);
    let headers = reader.headers().map_err(csv_error)?.clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(code_at), Some(population_at)) = (column("code"), column("population")) else {
        return Err(Error::data(
            origin,
            Some((1, 1)),
            "the header must name a `code` and a `population` column (CSV: code,population)",
        ));
    };
    let mut by_code = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let at = |message: String| Error::data(origin, Some((line, 1)), message);
        let code = validate_code(record.get(code_at).unwrap_or("")).map_err(at)?;
        let text = record.get(population_at).unwrap_or("");
        let too_large = || {
            at(format!(
                "population of {code} is {}: more people than live on Earth (at most {}); is a \
                 column of another figure named `population`?",
                crate::dataset::builder::quote(text),
                MAX_POPULATION
            ))
        };
        let population: u64 = match text.parse::<u64>() {
            Ok(n) if n > MAX_POPULATION => return Err(too_large()),
            Ok(n) if n > 0 => n,
            Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
                return Err(too_large());
            }
            _ => {
                return Err(at(format!(
                    "population of {code} must be a whole number above zero, got {}",
                    crate::dataset::builder::quote(text)
                )));
            }
        };
        if by_code.insert(code.to_string(), population).is_some() {
            return Err(at(format!("population of {code} is given twice")));
        }
    }
    if by_code.is_empty() {
        return Err(Error::data(origin, None, "no population figures"));
    }
    Ok(Population {
        origin: origin.to_string(),
        source: source.to_string(),
        by_code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_figures_cover_the_19_members() {
        let p = bundled().unwrap();
        assert_eq!(p.len(), 19);
        assert_eq!(p.get("LV"), Some(1_860_565));
        assert_eq!(p.get("el"), Some(10_372_335));
        assert_eq!(p.get("DE"), None);
    }

    #[test]
    fn bad_rows_name_the_line() {
        let err = parse("p.csv", "p.csv", b"code,population\nPL,36497495\nRO,0\n").unwrap_err();
        assert_eq!(
            err.message(),
            "p.csv:3:1: population of RO must be a whole number above zero, got \"0\""
        );
        let err = parse("p.csv", "p.csv", b"code,population\nPL,1\npl,2\n").unwrap_err();
        assert!(err.message().contains("given twice"));
        let err = parse("p.csv", "p.csv", b"country,people\nPL,1\n").unwrap_err();
        assert!(err.message().contains("header must name"));
        let err = parse("p.csv", "p.csv", b"code,population\nPL\n").unwrap_err();
        assert!(
            err.message().contains("p.csv:2:1: a row has 1 fields"),
            "{}",
            err.message()
        );
    }
}
