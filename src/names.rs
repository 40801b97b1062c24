//! Names and codes of countries: the EU-27 in EU usage (Czechia/CZ,
//! Greece/EL) and a few non-members that come up around SAFE (Türkiye,
//! Ukraine, EEA-EFTA states, Canada), each with the aliases people write.
//! The list is data (`data/names.json`), embedded in the binary.

use std::sync::OnceLock;

use serde::Deserialize;

const NAMES_JSON: &str = include_str!("../data/names.json");

/// One country known by name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// The EU code (`EL` for Greece).
    pub code: String,
    /// The EU's English short name.
    pub name: String,
    /// Other codes in use (`GR`).
    #[serde(default)]
    pub other_codes: Vec<String>,
    /// Other names people write ("Czech Republic", "Greek Cyprus").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Why this country is not a borrower (for non-members).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    #[allow(dead_code)]
    schema_version: u32,
    pub source: String,
    pub member_states: Vec<Country>,
    pub other_countries: Vec<Country>,
}

/// The embedded list (validated by a unit test, so `expect` cannot fire
/// in a released build).
pub fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| serde_json::from_str(NAMES_JSON).expect("data/names.json is valid"))
}

impl Country {
    /// Whether `code` is one of this country's codes (case-insensitive).
    pub fn has_code(&self, code: &str) -> bool {
        self.code.eq_ignore_ascii_case(code)
            || self
                .other_codes
                .iter()
                .any(|c| c.eq_ignore_ascii_case(code))
    }

    /// Every name this country goes by: the short name, then the aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The EU member state with `code` (`EL` and `GR` both give Greece).
pub fn member_state(code: &str) -> Option<&'static Country> {
    names().member_states.iter().find(|c| c.has_code(code))
}

/// Whether `code` names an EU member state, which alone may borrow under
/// SAFE (Regulation (EU) 2025/1106, Art. 5).
pub fn is_member_state(code: &str) -> bool {
    member_state(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_the_eu_27_in_eu_usage() {
        let n = names();
        assert_eq!(n.member_states.len(), 27);
        assert_eq!(member_state("gr").unwrap().code, "EL");
        assert_eq!(member_state("CZ").unwrap().name, "Czechia");
        assert!(is_member_state("el"));
        assert!(!is_member_state("TR"));
        assert!(!is_member_state("PL91"));
    }
}
