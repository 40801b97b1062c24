//! The editions built into the binary: the Commission's tentative
//! allocation of September 2025 (the seed), and the best-known figures
//! after the Council's implementing decisions of February 2026 and as of
//! 10 April 2026 (`latest`, the default). Each row carries its bounds.

use super::{Dataset, json};
use anyhow::Context as _;

use crate::error::{Error, Result};

/// How bundled tables are named in messages and in JSON output.
pub const BUNDLED_ORIGIN: &str = "<bundled>";

/// One bundled edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bundled {
    pub id: &'static str,
    /// The edition this one revises, if any.
    pub predecessor: Option<&'static str>,
    pub json: &'static str,
}

/// Every bundled edition, oldest first.
pub const ALL: [Bundled; 3] = [
    Bundled {
        id: "commission-2025-09",
        predecessor: None,
        json: include_str!("../../data/editions/commission-2025-09.json"),
    },
    Bundled {
        id: "council-2026-02",
        predecessor: Some("commission-2025-09"),
        json: include_str!("../../data/editions/council-2026-02.json"),
    },
    Bundled {
        id: "council-2026-04",
        predecessor: Some("council-2026-02"),
        json: include_str!("../../data/editions/council-2026-04.json"),
    },
];

/// The edition loaded when neither `--data`, `--edition` nor
/// `SAFE_EDITION` is given: the newest, so that the best-known figures
/// answer first (`SAFE_EDITION` pins another for a whole CI job).
pub const DEFAULT: &str = ALL[ALL.len() - 1].id;

/// The seed table: the Commission's tentative allocation of 9 September
/// 2025 as the press printed it, kept unchanged.
pub const SEED: &str = ALL[0].id;

/// The edition loaded when neither `--data` nor `--edition` is given:
/// `SAFE_EDITION` from the environment when set (a usage error when it
/// names no edition), else [`DEFAULT`] (the newest).
pub fn default_id() -> anyhow::Result<&'static str> {
    match std::env::var("SAFE_EDITION") {
        Ok(id) if !id.is_empty() => Ok(find(&id).context("SAFE_EDITION")?.id),
        _ => Ok(DEFAULT),
    }
}

/// What `--edition latest` names.
pub const LATEST: &str = "latest";

/// The bundled edition an id names (`latest`: the newest).
pub fn find(id: &str) -> Result<&'static Bundled> {
    if id == LATEST {
        return Ok(&ALL[ALL.len() - 1]);
    }
    ALL.iter().find(|b| b.id == id).ok_or_else(|| {
        Error::usage(format!(
            "no bundled edition {}; the editions are {}, and latest (see `safe editions`)",
            crate::dataset::builder::quote(id),
            ids().join(", ")
        ))
    })
}

/// The ids of every bundled edition.
pub fn ids() -> Vec<&'static str> {
    ALL.iter().map(|b| b.id).collect()
}

/// Whether `text` names a bundled edition (an id or `latest`).
pub fn is_edition(text: &str) -> bool {
    text == LATEST || ALL.iter().any(|b| b.id == text)
}

/// Loads a bundled edition by id (or `latest`).
pub fn load(id: &str) -> anyhow::Result<Dataset> {
    let bundled = find(id)?;
    json::parse(BUNDLED_ORIGIN, bundled.json.as_bytes())
        .with_context(|| format!("the bundled edition {}", bundled.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn every_edition_loads_with_its_own_id() {
        for b in ALL {
            let data = load(b.id).unwrap();
            assert_eq!(data.edition.unwrap().id.as_deref(), Some(b.id));
            assert_eq!(data.allocations.len(), 19);
        }
        assert_eq!(find(LATEST).unwrap().id, "council-2026-04");
        assert!(
            find("nope")
                .unwrap_err()
                .message()
                .contains("commission-2025-09")
        );
    }

    #[test]
    fn the_commission_edition_keeps_its_total() {
        let data = load(SEED).unwrap();
        assert_eq!(data.allocated, Decimal::from(149_933_700_000u64));
        assert_eq!(DEFAULT, find(LATEST).unwrap().id);
        assert_eq!(data.confirmed(), 0);
    }

    #[test]
    fn the_council_editions_confirmed_figures_add_up() {
        let data = load("council-2026-02").unwrap();
        let confirmed: Decimal = data
            .allocations
            .iter()
            .filter(|a| a.basis.confirmed())
            .map(|a| a.amount)
            .sum();
        assert_eq!(data.confirmed(), 13);
        assert_eq!(confirmed, Decimal::from(100_816_930_258u64));
        assert_eq!(
            crate::names::find_member("PL", &data).unwrap().amount,
            Decimal::from(43_734_100_805u64)
        );
        // Every listed pre-financing is exactly 15% of its maximum loan.
        for a in &data.allocations {
            if let Some(p) = a.provenance().prefinancing.filter(|p| !p.is_zero()) {
                assert_eq!(
                    p * Decimal::from(100),
                    a.amount * Decimal::from(15),
                    "{}",
                    a.code
                );
            }
        }
    }
}
