//! What happened when: the dated facts `safe` bundles about the fund, each
//! loan and the countries around it (`data/events.json`, its schema
//! `data/events.schema.json`), each with its source and its basis
//! (official or reported). A date known only to the month or the year
//! stays so ([`When`]); an amount is exact or carries its bounds; what was
//! looked for and not found is listed, never filled in.

use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::clock::{Day, When};

const EVENTS_JSON: &str = include_str!("../data/events.json");

/// The JSON Schema of `data/events.json` (`safe schema events`).
pub const SCHEMA: &str = include_str!("../data/events.schema.json");

/// How sure a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sureness {
    /// The regulation, the Council, the Commission, the European
    /// Parliament or a ministry said it, and its text was read.
    Official,
    /// A news report says it, or an official page seen only as a citation.
    Reported,
}

impl Sureness {
    pub fn id(self) -> &'static str {
        match self {
            Sureness::Official => "official",
            Sureness::Reported => "reported",
        }
    }
}

/// What kind of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Regulation,
    Allocation,
    Request,
    Announcement,
    Decision,
    NationalStep,
    LoanAgreement,
    Prefinancing,
    Procurement,
    Deadline,
    ThirdCountry,
}

impl Kind {
    /// The id in data and output (`loan-agreement`).
    pub fn id(self) -> &'static str {
        match self {
            Kind::Regulation => "regulation",
            Kind::Allocation => "allocation",
            Kind::Request => "request",
            Kind::Announcement => "announcement",
            Kind::Decision => "decision",
            Kind::NationalStep => "national-step",
            Kind::LoanAgreement => "loan-agreement",
            Kind::Prefinancing => "prefinancing",
            Kind::Procurement => "procurement",
            Kind::Deadline => "deadline",
            Kind::ThirdCountry => "third-country",
        }
    }

    /// In words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Regulation => "regulation",
            Kind::Allocation => "allocation",
            Kind::Request => "requests",
            Kind::Announcement => "announcement",
            Kind::Decision => "Council decision",
            Kind::NationalStep => "national step",
            Kind::LoanAgreement => "loan agreement",
            Kind::Prefinancing => "pre-financing paid",
            Kind::Procurement => "procurement",
            Kind::Deadline => "deadline",
            Kind::ThirdCountry => "third country",
        }
    }
}

/// A country's standing in SAFE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// A member state allocated a loan.
    Borrower,
    /// A member state that did not request a loan.
    NoLoan,
    /// May take part in common procurement by the regulation (Ukraine,
    /// the EEA-EFTA states).
    Eligible,
    /// Takes part by an agreement with the EU (Canada).
    Agreement,
    /// Talks on taking part failed (the United Kingdom).
    TalksFailed,
    /// Asked to take part (Türkiye).
    Requested,
    /// Sent a letter of intent (South Korea).
    LetterOfIntent,
    /// Nothing found.
    NoneFound,
}

impl Standing {
    pub fn id(self) -> &'static str {
        match self {
            Standing::Borrower => "borrower",
            Standing::NoLoan => "no-loan",
            Standing::Eligible => "eligible",
            Standing::Agreement => "agreement",
            Standing::TalksFailed => "talks-failed",
            Standing::Requested => "requested",
            Standing::LetterOfIntent => "letter-of-intent",
            Standing::NoneFound => "none-found",
        }
    }

    /// In words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Borrower => "borrows (a member state allocated a loan)",
            Standing::NoLoan => "did not borrow (a member state without a loan)",
            Standing::Eligible => "may take part by the regulation",
            Standing::Agreement => "takes part by agreement",
            Standing::TalksFailed => "talks failed",
            Standing::Requested => "asked to take part",
            Standing::LetterOfIntent => "letter of intent",
            Standing::NoneFound => "nothing found",
        }
    }
}

/// A figure of an event: exact, or rounded within bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub value: Decimal,
    pub min: Decimal,
    pub max: Decimal,
}

/// One dated fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub date: When,
    pub kind: Kind,
    /// The member state or country it concerns; `None`: the fund.
    pub code: Option<String>,
    /// What happened.
    pub title: String,
    pub amount: Option<Amount>,
    pub basis: Sureness,
    pub source: String,
    /// The source's address, where it is known (never guessed).
    pub url: Option<String>,
    pub note: Option<String>,
}

/// A country's standing, since when, on what basis.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub code: String,
    pub standing: Standing,
    /// `None` when nothing was found.
    pub since: Option<When>,
    /// `None` when nothing was found.
    pub basis: Option<Sureness>,
    pub source: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// The bundled facts.
#[derive(Debug, Clone, PartialEq)]
pub struct Events {
    /// The day the facts were searched for.
    pub as_of: Day,
    pub source: String,
    /// What was looked for and not found.
    pub not_found: Vec<String>,
    /// In date order (a month before the days within it).
    pub events: Vec<Event>,
    pub participants: Vec<Participant>,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    schema_version: u32,
    as_of: String,
    source: String,
    not_found: Vec<String>,
    events: Vec<RawEvent>,
    participants: Vec<RawParticipant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    date: String,
    kind: Kind,
    code: Option<String>,
    title: String,
    amount: Option<String>,
    amount_min: Option<String>,
    amount_max: Option<String>,
    basis: Sureness,
    source: String,
    url: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParticipant {
    code: String,
    standing: Standing,
    since: Option<String>,
    basis: Option<Sureness>,
    source: String,
    url: Option<String>,
    note: Option<String>,
}

/// The bundled facts (checked by unit tests, so that `expect` cannot
/// fire in a released build).
pub fn bundled() -> &'static Events {
    static EVENTS: OnceLock<Events> = OnceLock::new();
    EVENTS.get_or_init(|| parse(EVENTS_JSON).expect("data/events.json is valid"))
}

/// Reads and checks the facts: real dates, exact amounts whose bounds
/// hold them, known countries, text without control characters.
fn parse(text: &str) -> Result<Events, String> {
    let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if file.schema_version != 1 {
        return Err(format!("schema_version {}", file.schema_version));
    }
    let when = |t: &str| When::parse(t).ok_or_else(|| format!("not a date: {t:?}"));
    let known = |code: &str| {
        crate::names::country(code)
            .map(|c| c.code.clone())
            .ok_or_else(|| format!("no country {code:?}"))
    };
    let number = |t: &str| crate::money::parse_exact(t).map_err(|e| format!("{t:?}: {e}"));
    let text_ok = |t: &str| {
        if t.trim().is_empty() || t.chars().any(|c| crate::escape::forbidden(c).is_some()) {
            Err(format!("text {t:?}"))
        } else {
            Ok(())
        }
    };
    let mut events = Vec::with_capacity(file.events.len());
    for e in file.events {
        for t in [&e.title, &e.source]
            .into_iter()
            .chain(e.note.as_ref())
            .chain(e.url.as_ref())
        {
            text_ok(t)?;
        }
        let amount = match (&e.amount, &e.amount_min, &e.amount_max) {
            (None, None, None) => None,
            (Some(v), None, None) => {
                let value = number(v)?;
                Some(Amount {
                    value,
                    min: value,
                    max: value,
                })
            }
            (Some(v), Some(lo), Some(hi)) => {
                let (value, min, max) = (number(v)?, number(lo)?, number(hi)?);
                if !(min <= value && value <= max) {
                    return Err(format!("the bounds of {v} do not hold it"));
                }
                Some(Amount { value, min, max })
            }
            _ => {
                return Err(format!(
                    "{}: an amount's bounds come both or not at all",
                    e.title
                ));
            }
        };
        events.push(Event {
            date: when(&e.date)?,
            kind: e.kind,
            code: e.code.as_deref().map(known).transpose()?,
            title: e.title,
            amount,
            basis: e.basis,
            source: e.source,
            url: e.url,
            note: e.note,
        });
    }
    // Stable: events of one date keep the file's order.
    events.sort_by_key(|e| e.date);
    let mut participants = Vec::with_capacity(file.participants.len());
    for p in file.participants {
        text_ok(&p.source)?;
        if (p.basis.is_none() || p.since.is_none()) != (p.standing == Standing::NoneFound) {
            return Err(format!(
                "{}: only nothing found has no basis or date",
                p.code
            ));
        }
        participants.push(Participant {
            code: known(&p.code)?,
            standing: p.standing,
            since: p.since.as_deref().map(when).transpose()?,
            basis: p.basis,
            source: p.source,
            url: p.url,
            note: p.note,
        });
    }
    Ok(Events {
        as_of: Day::parse(&file.as_of).ok_or("as_of is not a day")?,
        source: file.source,
        not_found: file.not_found,
        events,
        participants,
    })
}

impl Events {
    /// The events about the country `code` (any of its codes).
    pub fn of<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
        self.events
            .iter()
            .filter(move |e| e.code.as_deref() == Some(code))
    }

    /// The standing of the country `code`, if it is listed.
    pub fn standing(&self, code: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.code == code)
    }

    /// How many facts are official and how many reported.
    pub fn counts(&self) -> (usize, usize) {
        let official = self
            .events
            .iter()
            .filter(|e| e.basis == Sureness::Official)
            .count();
        (official, self.events.len() - official)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_facts_load_and_every_country_is_known() {
        let events = bundled();
        assert_eq!(events.as_of.to_string(), "2026-12-04");
        assert!(events.events.windows(2).all(|w| w[0].date <= w[1].date));
        // Every country on the list has a standing, once.
        for country in crate::names::countries() {
            let listed = events
                .participants
                .iter()
                .filter(|p| p.code == country.code)
                .count();
            assert_eq!(listed, 1, "{}", country.code);
        }
        let borrowers = events
            .participants
            .iter()
            .filter(|p| p.standing == Standing::Borrower)
            .count();
        assert_eq!(borrowers, 19);
    }

    /// A decision's date and figure agree with the newest edition's row:
    /// the same fact is not told two ways.
    #[test]
    fn decisions_agree_with_the_newest_edition() {
        let data = crate::dataset::editions::load(crate::dataset::editions::DEFAULT).unwrap();
        for a in &data.allocations {
            let decided = a.provenance.as_ref().and_then(|p| p.decided.clone());
            let decisions: Vec<&Event> = bundled()
                .of(&a.code)
                .filter(|e| e.kind == Kind::Decision)
                .collect();
            assert_eq!(
                decisions.first().map(|e| e.date.to_string()),
                decided,
                "{}",
                a.code
            );
            if let Some(amount) = decisions.first().and_then(|e| e.amount) {
                assert_eq!(amount.value, a.amount, "{}", a.code);
                assert_eq!(a.basis, crate::dataset::Basis::CouncilDecision);
            }
        }
    }

    #[test]
    fn bad_facts_are_refused() {
        let good = EVENTS_JSON;
        for (from, to) in [
            ("\"2026-05-08\"", "\"2026-05-32\""),
            ("\"code\": \"PL\"", "\"code\": \"XX\""),
            (
                "\"amount_min\": \"6500000000\"",
                "\"amount_min\": \"6800000000\"",
            ),
        ] {
            assert!(good.contains(from), "{from}");
            assert!(parse(&good.replacen(from, to, 1)).is_err(), "{to}");
        }
    }
}
