//! Names and codes of countries: the EU-27 in EU usage (Czechia/CZ,
//! Greece/EL) and a few non-members that come up around SAFE (Türkiye,
//! Ukraine, EEA-EFTA states, Canada), each with the aliases people write.
//! The list is data (`data/names.json`), embedded in the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::dataset::{Allocation, Dataset};
use crate::error::Error;

const NAMES_JSON: &str = include_str!("../data/names.json");

/// One country known by name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    pub schema_version: u32,
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

/// Every country on the list: the member states, then the others.
pub fn countries() -> impl Iterator<Item = &'static Country> {
    names().member_states.iter().chain(&names().other_countries)
}

/// The country with `code`, member state or not (`GR` gives Greece, `TR`
/// Türkiye).
pub fn country(code: &str) -> Option<&'static Country> {
    countries().find(|c| c.has_code(code))
}

/// The EU member state with `code` (`EL` and `GR` both give Greece).
pub fn member_state(code: &str) -> Option<&'static Country> {
    names().member_states.iter().find(|c| c.has_code(code))
}

/// Folds text for matching: lower case, Latin diacritics removed
/// (`Türkiye` → `turkiye`, `Česko` → `cesko`), runs of spaces, `-`, `_`
/// and `.` collapsed to one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Letters with accents, and what they fold to.
const PLAIN: &[(&str, char)] = &[
    ("àáâãäåāăą", 'a'),
    ("çćĉċč", 'c'),
    ("ďđ", 'd'),
    ("èéêëēĕėęě", 'e'),
    ("ĝğġģ", 'g'),
    ("ìíîïĩīĭįı", 'i'),
    ("ķ", 'k'),
    ("ĺļľŀł", 'l'),
    ("ñńņňŉ", 'n'),
    ("òóôõöøōŏő", 'o'),
    ("ŕŗř", 'r'),
    ("śŝşšș", 's'),
    ("ţťŧț", 't'),
    ("ùúûüũūŭůűų", 'u'),
    ("ýÿŷ", 'y'),
    ("źżž", 'z'),
    // Greek: accents and the final sigma.
    ("άἀ", 'α'),
    ("έ", 'ε'),
    ("ή", 'η'),
    ("ίϊΐ", 'ι'),
    ("ό", 'ο'),
    ("ύϋΰ", 'υ'),
    ("ώ", 'ω'),
    ("ς", 'σ'),
];

/// [`fold`] into `out` (cleared first).
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(folded_chars(text));
}

/// The characters of [`fold`]`(text)`, made as they are read (so that a
/// comparison stops at the first difference).
fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut space = false;
    let mut started = false;
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .flat_map(move |c| {
            let mut out = [None; 3];
            if c.is_whitespace() || matches!(c, '-' | '_' | '.') {
                space = true;
                return out.into_iter().flatten();
            }
            let mut k = 0;
            if space && started {
                out[0] = Some(' ');
                k = 1;
            }
            space = false;
            started = true;
            let pair = match c {
                'ß' => Some(('s', 's')),
                'æ' => Some(('a', 'e')),
                'œ' => Some(('o', 'e')),
                _ => None,
            };
            match pair {
                Some((x, y)) => {
                    out[k] = Some(x);
                    out[k + 1] = Some(y);
                }
                None if c.is_ascii() => out[k] = Some(c),
                None => {
                    out[k] = Some(
                        PLAIN
                            .iter()
                            .find(|(from, _)| from.contains(c))
                            .map_or(c, |&(_, to)| to),
                    )
                }
            }
            out.into_iter().flatten()
        })
}

/// What a name or code typed by a user refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<'a> {
    /// A member of the loaded table.
    Member(&'a Allocation),
    /// Several members fit a name folded as people type it (`polánd`
    /// fits both `Polánd` and `Poland`): the user must say which.
    Ambiguous(Vec<&'a Allocation>),
    /// A known country that is not in the loaded table.
    NotInTable(&'static Country),
    /// Nothing known by that name.
    Unknown,
}

/// A table's members by code and by name, built once, for many lookups
/// (a scenario of thousands of changes stays linear).
pub struct Index<'a> {
    data: &'a Dataset,
    /// Upper-case code → row, and exact name → row: made once a few
    /// lookups have been answered by reading the table through (one
    /// lookup in a million members costs less than the maps).
    codes: std::cell::OnceCell<HashMap<&'a str, usize>>,
    exact: std::cell::OnceCell<HashMap<&'a str, usize>>,
    /// Lookups answered so far.
    asked: std::cell::Cell<usize>,
    /// A hash of the name in lower case → rows (names differing only in
    /// case cannot both load; a hash may still match several).
    lower: std::cell::OnceCell<HashMap<u64, Vec<usize>>>,
    /// A hash of the folded name (no case, no accents, spaces collapsed)
    /// → rows. Hashes, not copies: a name may be 100 MB long.
    folded: std::cell::OnceCell<HashMap<u64, Vec<usize>>>,
}

/// Lookups answered by reading the table through before the maps are made.
const SCANS: usize = 4;

/// A hash of characters as they are made (no copy of the text).
fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0u64, |h, c| {
        (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    })
}

/// The characters of `text` in lower case.
fn lower_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase)
}

impl<'a> Index<'a> {
    pub fn new(data: &'a Dataset) -> Index<'a> {
        Index {
            data,
            codes: std::cell::OnceCell::new(),
            exact: std::cell::OnceCell::new(),
            asked: std::cell::Cell::new(0),
            lower: std::cell::OnceCell::new(),
            folded: std::cell::OnceCell::new(),
        }
    }

    /// The row whose code is `code` (any case).
    fn by_code(&self, code: &str) -> Option<usize> {
        let rows = &self.data.allocations;
        if self.asked.get() < SCANS {
            return rows.iter().position(|a| a.code.eq_ignore_ascii_case(code));
        }
        let map = self.codes.get_or_init(|| {
            rows.iter()
                .enumerate()
                .map(|(i, a)| (a.code.as_str(), i))
                .collect()
        });
        map.get(code.to_ascii_uppercase().as_str()).copied()
    }

    /// The row named exactly `name`.
    fn by_name(&self, name: &str) -> Option<usize> {
        let rows = &self.data.allocations;
        if self.asked.get() < SCANS {
            return rows.iter().position(|a| a.name == name);
        }
        let map = self.exact.get_or_init(|| {
            rows.iter()
                .enumerate()
                .map(|(i, a)| (a.name.as_str(), i))
                .collect()
        });
        map.get(name).copied()
    }

    /// Rows by a hash of `key(name)`, made the first time a lookup needs
    /// it (a lookup by code or exact name never does).
    fn by_hash<'m, I: Iterator<Item = char>>(
        &self,
        map: &'m std::cell::OnceCell<HashMap<u64, Vec<usize>>>,
        key: impl Fn(&'a str) -> I,
    ) -> &'m HashMap<u64, Vec<usize>> {
        map.get_or_init(|| {
            let mut out: HashMap<u64, Vec<usize>> = HashMap::new();
            for (i, a) in self.data.allocations.iter().enumerate() {
                out.entry(hash_chars(key(a.name.as_str())))
                    .or_default()
                    .push(i);
            }
            out
        })
    }

    /// The member whose code is `code` (any case), or another code of
    /// the same country (`GR` finds `EL`): what a new member's code must
    /// not be. Names are not looked at (no map of a million names for
    /// one code).
    pub fn member_with_code(&self, code: &str) -> Option<&'a Allocation> {
        let rows = &self.data.allocations;
        self.asked.set(self.asked.get() + 1);
        let code = code.trim();
        let i = self.by_code(code).or_else(|| {
            let country = countries().find(|c| c.has_code(code))?;
            std::iter::once(&country.code)
                .chain(&country.other_codes)
                .find_map(|c| self.by_code(c))
        })?;
        Some(&rows[i])
    }

    /// Finds a member by code (`EL`, `gr`), by name, exactly first
    /// (`Polánd`), then ignoring case, then folded (`turkiye`), or by a
    /// name people write for a country (`Czech Republic`, `Greek
    /// Cyprus`). The table's own codes and names come first, so user
    /// tables with regions (`PL91`) work too.
    pub fn lookup(&self, query: &str) -> Lookup<'a> {
        let rows = &self.data.allocations;
        let trimmed = query.trim();
        let row = |i: usize| Lookup::Member(&rows[i]);
        self.asked.set(self.asked.get() + 1);
        if let Some(i) = self.by_code(trimmed) {
            return row(i);
        }
        if let Some(i) = self.by_name(trimmed) {
            return row(i);
        }
        let lower = self
            .by_hash(&self.lower, lower_chars)
            .get(&hash_chars(lower_chars(trimmed)))
            .into_iter()
            .flatten()
            .find(|&&i| lower_chars(&rows[i].name).eq(lower_chars(trimmed)));
        if let Some(&i) = lower {
            return row(i);
        }
        let folded = fold(query);
        let fits: Vec<usize> = self
            .by_hash(&self.folded, folded_chars)
            .get(&hash_chars(folded.chars()))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| folded_chars(&rows[i].name).eq(folded.chars()))
            .collect();
        match fits.as_slice() {
            [i] => return row(*i),
            [_, _, ..] => {
                return Lookup::Ambiguous(fits.iter().map(|&i| &rows[i]).collect());
            }
            _ => {}
        }
        let known =
            countries().find(|c| c.has_code(trimmed) || c.all_names().any(|n| fold(n) == folded));
        match known {
            Some(country) => std::iter::once(&country.code)
                .chain(&country.other_codes)
                .find_map(|code| self.by_code(code))
                .map_or(Lookup::NotInTable(country), row),
            None => Lookup::Unknown,
        }
    }

    /// Finds a member or explains, in one line, why not: several that fit,
    /// a known country that is not in the table, or an unknown name with
    /// the table's closest members.
    pub fn find(&self, query: &str) -> Result<&'a Allocation, Error> {
        match self.lookup(query) {
            Lookup::Member(a) => Ok(a),
            Lookup::Ambiguous(several) => {
                let names: Vec<String> = several
                    .iter()
                    .map(|a| format!("{:?} ({})", a.name.as_str(), a.code))
                    .collect();
                Err(Error::usage(format!(
                    "{query:?} fits {} members: {}; give a code or the name exactly",
                    several.len(),
                    names.join(", ")
                )))
            }
            Lookup::NotInTable(country) => {
                let why = match &country.note {
                    Some(note) => format!(
                        "{} ({}) is not in this table: {note}",
                        country.name, country.code
                    ),
                    None => format!(
                        "{} ({}) is not in this table (it did not request a SAFE loan, or the table leaves it out)",
                        country.name, country.code
                    ),
                };
                Err(Error::usage(why))
            }
            Lookup::Unknown => {
                let hints = suggestions(query, self.data);
                let hint = if hints.is_empty() {
                    "; `safe table` lists the members".to_string()
                } else {
                    format!("; did you mean {}?", hints.join(" or "))
                };
                Err(Error::usage(format!(
                    "no member called {} in this table{hint}",
                    crate::dataset::builder::quote(query)
                )))
            }
        }
    }
}

/// What a name or code refers to in `data` (see [`Index::lookup`]).
pub fn lookup<'a>(query: &str, data: &'a Dataset) -> Lookup<'a> {
    Index::new(data).lookup(query)
}

/// Up to three of the table's members close to `query`, as `Poland (PL)`,
/// for a "did you mean" (only members: a suggestion is never a country the
/// table does not have).
pub fn suggestions(query: &str, data: &Dataset) -> Vec<String> {
    // A query longer than this is no typo of a name: no search (which
    // would cost its length times each name's).
    if query.len() > MAX_SUGGESTED_QUERY {
        return Vec::new();
    }
    let folded = fold(query);
    let length = folded.chars().count();
    let limit = (length / 3).max(2);
    // Two texts whose lengths differ by more than `limit` are further
    // apart than that: only names of about the query's length are
    // compared, so the search is linear in the table.
    let distance_to = |name: &str| {
        // (A character is at most four bytes: a longer name is too long.)
        if name.len() > (length + limit) * 4 {
            return usize::MAX;
        }
        let name = fold(name);
        if name.chars().count().abs_diff(length) > limit {
            return usize::MAX;
        }
        strsim::levenshtein(&folded, &name)
    };
    let mut candidates: Vec<(usize, String)> = Vec::new();
    for a in &data.allocations {
        // The names people write for the member's country count too.
        let known = country(&a.code);
        let distance = std::iter::once(a.name.as_str())
            .chain(known.into_iter().flat_map(Country::all_names))
            .chain(std::iter::once(a.code.as_str()))
            .map(distance_to)
            .min()
            .unwrap_or(usize::MAX);
        if distance <= limit {
            candidates.push((distance, format!("{} ({})", a.name, a.code)));
        }
        if candidates.len() > 64 {
            candidates.sort();
            candidates.truncate(3);
        }
    }
    candidates.sort();
    candidates.into_iter().take(3).map(|(_, l)| l).collect()
}

/// The longest query (in bytes) "did you mean" searches for.
const MAX_SUGGESTED_QUERY: usize = 256;

/// Finds a country on the list (member state or not) by code (`TR`,
/// `gr`), by name or a name people write for it (`Turkey`, `Česko`), as
/// members are found: exactly, then ignoring case, then folded. Several
/// that fit, or none, are a usage error saying so (with the closest
/// countries).
pub fn find_country(query: &str) -> Result<&'static Country, Error> {
    let trimmed = query.trim();
    let fits = |same: &dyn Fn(&str) -> bool| -> Vec<&'static Country> {
        countries().filter(|c| c.all_names().any(same)).collect()
    };
    if let Some(c) = countries().find(|c| c.has_code(trimmed)) {
        return Ok(c);
    }
    let folded = fold(trimmed);
    for found in [
        fits(&|n| n == trimmed),
        fits(&|n| n.to_lowercase() == trimmed.to_lowercase()),
        fits(&|n| fold(n) == folded),
    ] {
        match found.as_slice() {
            [one] => return Ok(one),
            [_, _, ..] => {
                let names: Vec<String> = found
                    .iter()
                    .map(|c| format!("{} ({})", c.name, c.code))
                    .collect();
                return Err(Error::usage(format!(
                    "{query:?} fits {} countries: {}; give a code or the name exactly",
                    found.len(),
                    names.join(", ")
                )));
            }
            [] => {}
        }
    }
    let hints = country_suggestions(trimmed);
    let hint = if hints.is_empty() {
        "; `safe participants` lists every country".to_string()
    } else {
        format!("; did you mean {}?", hints.join(" or "))
    };
    Err(Error::usage(format!(
        "no country called {}{hint}",
        crate::dataset::builder::quote(query)
    )))
}

/// Up to three countries close to `query`, as `Türkiye (TR)`.
fn country_suggestions(query: &str) -> Vec<String> {
    if query.len() > MAX_SUGGESTED_QUERY {
        return Vec::new();
    }
    let folded = fold(query);
    let limit = (folded.chars().count() / 3).max(2);
    let mut close: Vec<(usize, String)> = countries()
        .filter_map(|c| {
            let distance = c
                .all_names()
                .chain(std::iter::once(c.code.as_str()))
                .map(|n| strsim::levenshtein(&folded, &fold(n)))
                .min()?;
            (distance <= limit).then(|| (distance, format!("{} ({})", c.name, c.code)))
        })
        .collect();
    close.sort();
    close.into_iter().take(3).map(|(_, name)| name).collect()
}

/// Finds a member of the table or explains why not (see [`Index::find`]).
pub fn find_member<'a>(query: &str, data: &'a Dataset) -> Result<&'a Allocation, Error> {
    Index::new(data).find(query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;

    #[test]
    fn fold_drops_case_and_accents() {
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("  Czech   Republic "), "czech republic");
        assert_eq!(fold("Česká-republika"), "ceska republika");
        assert_eq!(fold("ŁÓDŹ"), "lodz");
        assert_eq!(fold(" Groß  Æble-Œuvre. "), "gross aeble oeuvre");
        assert_eq!(fold("---"), "");
    }

    #[test]
    fn lookup_finds_codes_names_and_aliases() {
        let data = seed_edition().unwrap();
        let code = |q: &str| match lookup(q, &data) {
            Lookup::Member(a) => a.code.to_string(),
            Lookup::NotInTable(c) => format!("not:{}", c.code),
            Lookup::Ambiguous(_) => "ambiguous".to_string(),
            Lookup::Unknown => "unknown".to_string(),
        };
        assert_eq!(code("el"), "EL");
        assert_eq!(code("GR"), "EL");
        assert_eq!(code("greece"), "EL");
        assert_eq!(code("Czech Republic"), "CZ");
        assert_eq!(code("Greek Cyprus"), "CY");
        assert_eq!(code("Greek Cypriot Administration"), "CY");
        assert_eq!(code("Turkey"), "not:TR");
        assert_eq!(code("Türkiye"), "not:TR");
        assert_eq!(code("turkiye"), "not:TR");
        assert_eq!(code("Germany"), "not:DE");
        assert_eq!(code("Atlantis"), "unknown");
    }

    #[test]
    fn suggestions_are_close_names() {
        let data = seed_edition().unwrap();
        assert_eq!(suggestions("Polnd", &data), ["Poland (PL)"]);
        assert!(suggestions("xyzzyxyzzy", &data).is_empty());
        let err = find_member("Polnd", &data).unwrap_err();
        assert!(
            err.message().contains("did you mean Poland (PL)?"),
            "{}",
            err.message()
        );
        let err = find_member("Germany", &data).unwrap_err();
        assert_eq!(
            err.message(),
            "Germany (DE) is not in this table (it did not request a SAFE loan, or the table leaves it out)"
        );
    }

    #[test]
    fn countries_are_found_as_members_are() {
        let code = |q: &str| {
            find_country(q)
                .map(|c| c.code.as_str())
                .map_err(|e| e.to_string())
        };
        assert_eq!(code("Türkiye"), Ok("TR"));
        assert_eq!(code("turkey"), Ok("TR"));
        assert_eq!(code("tr"), Ok("TR"));
        assert_eq!(code("GB"), Ok("UK"));
        assert_eq!(code("Česko"), Ok("CZ"));
        assert_eq!(code("canada"), Ok("CA"));
        let err = code("Turky").unwrap_err();
        assert!(err.contains("did you mean Türkiye (TR)?"), "{err}");
        let err = code("Atlantis").unwrap_err();
        assert!(err.contains("no country called"), "{err}");
    }

    #[test]
    fn the_list_holds_the_eu_27_in_eu_usage() {
        let n = names();
        assert_eq!(n.schema_version, 1);
        assert_eq!(n.member_states.len(), 27);
        assert_eq!(member_state("gr").unwrap().code, "EL");
        assert_eq!(member_state("CZ").unwrap().name, "Czechia");
        assert!(member_state("el").is_some());
        assert!(member_state("TR").is_none());
        assert!(member_state("PL91").is_none());
    }
}
