//! The fund's timeline and who takes part: the bundled events in date
//! order, kept to a country or a period, each placed against today (past,
//! now or upcoming, with the days left to a dated one); each country's
//! standing; and, for one member, what was found and what was not.

use serde::Serialize;

use crate::clock::{Day, When};
use crate::events::{Event, Events, Kind, Participant, Standing};
use crate::names::Country;

/// Where an event stands against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Past,
    /// Today, or (for a date known to the month or year) this month or
    /// year.
    Now,
    Upcoming,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Past => "past",
            Status::Now => "now",
            Status::Upcoming => "upcoming",
        }
    }
}

/// An event placed against today.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventRow<'e> {
    pub event: &'e Event,
    /// The name of the country it concerns.
    pub name: Option<&'static str>,
    pub status: Status,
    /// Days from today to a date known to the day that is today or to
    /// come; `None` for a past one or one known only to the month or year.
    pub days_left: Option<i64>,
}

impl<'e> EventRow<'e> {
    pub fn of(event: &'e Event, today: Day) -> Self {
        let status = match event.date.against(today) {
            std::cmp::Ordering::Greater => Status::Upcoming,
            std::cmp::Ordering::Equal => Status::Now,
            std::cmp::Ordering::Less => Status::Past,
        };
        let days_left = match event.date {
            When::Day(day) if status != Status::Past => Some(day.unix_days() - today.unix_days()),
            _ => None,
        };
        EventRow {
            event,
            name: event
                .code
                .as_deref()
                .and_then(crate::names::country)
                .map(|c| c.name.as_str()),
            status,
            days_left,
        }
    }
}

/// Which events a timeline keeps.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    /// Only those about this country.
    pub country: Option<&'a Country>,
    /// Only those that may fall on or after the first day of `from`, and
    /// on or before the last day of `to` (a date known to the month is
    /// kept when its month overlaps the period).
    pub from: Option<When>,
    pub to: Option<When>,
}

impl Filter<'_> {
    fn keeps(&self, e: &Event) -> bool {
        self.country
            .is_none_or(|c| e.code.as_deref() == Some(c.code.as_str()))
            && self
                .from
                .is_none_or(|from| e.date.last_day() >= from.first_day())
            && self.to.is_none_or(|to| e.date.first_day() <= to.last_day())
    }
}

/// The `timeline` report.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineReport<'e> {
    /// The day events are placed against.
    pub today: String,
    /// The country asked for, if any.
    pub country: Option<&'static str>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Events in the whole timeline, and how many of those shown are
    /// official and reported.
    pub event_count: usize,
    pub official: usize,
    pub reported: usize,
    /// Where the facts come from, and the day they were searched for.
    pub sources: Sources<'e>,
    /// For a borrower asked for: the steps of its loan not found (`no
    /// loan agreement found`).
    pub missing: Vec<&'static str>,
    /// In date order; listed in JSON from the view's fields
    /// (`cmd::timeline`).
    #[serde(skip)]
    pub events: Vec<EventRow<'e>>,
}

/// Where the bundled facts come from.
#[derive(Debug, Clone, Serialize)]
pub struct Sources<'e> {
    pub as_of: String,
    pub source: &'e str,
    /// What was looked for and not found.
    pub not_found: &'e [String],
}

impl<'e> Sources<'e> {
    pub fn of(events: &'e Events) -> Self {
        Sources {
            as_of: events.as_of.to_string(),
            source: &events.source,
            not_found: &events.not_found,
        }
    }
}

pub fn timeline_report<'e>(
    events: &'e Events,
    today: Day,
    filter: Filter<'_>,
) -> TimelineReport<'e> {
    let rows: Vec<EventRow<'e>> = events
        .events
        .iter()
        .filter(|e| filter.keeps(e))
        .map(|e| EventRow::of(e, today))
        .collect();
    let official = rows
        .iter()
        .filter(|r| r.event.basis == crate::events::Sureness::Official)
        .count();
    TimelineReport {
        today: today.to_string(),
        country: filter
            .country
            .and_then(|c| crate::names::country(&c.code))
            .map(|c| c.code.as_str()),
        from: filter.from.map(|w| w.to_string()),
        to: filter.to.map(|w| w.to_string()),
        event_count: events.events.len(),
        official,
        reported: rows.len() - official,
        sources: Sources::of(events),
        missing: filter
            .country
            .map(|c| member_events(events, &c.code, today).not_found)
            .unwrap_or_default(),
        events: rows,
    }
}

/// A member's events, and what a borrower's timeline would have that was
/// not found (`no loan agreement found`).
#[derive(Debug, Clone)]
pub struct MemberEvents<'e> {
    pub events: Vec<EventRow<'e>>,
    pub not_found: Vec<&'static str>,
}

/// The steps of a loan that a borrower's events are looked through for.
const STEPS: [(Kind, &str); 3] = [
    (Kind::Decision, "no Council decision found"),
    (Kind::LoanAgreement, "no loan agreement found"),
    (Kind::Prefinancing, "no pre-financing payment found"),
];

pub fn member_events<'e>(events: &'e Events, code: &str, today: Day) -> MemberEvents<'e> {
    let rows: Vec<EventRow<'e>> = events
        .events
        .iter()
        .filter(|e| e.code.as_deref() == Some(code))
        .map(|e| EventRow::of(e, today))
        .collect();
    let borrower = events
        .standing(code)
        .is_some_and(|p| p.standing == Standing::Borrower);
    let not_found = STEPS
        .iter()
        .filter(|(kind, _)| borrower && !rows.iter().any(|r| r.event.kind == *kind))
        .map(|(_, words)| *words)
        .collect();
    MemberEvents {
        events: rows,
        not_found,
    }
}

/// A country's standing, with its names.
#[derive(Debug, Clone, Copy)]
pub struct ParticipantRow<'e> {
    pub participant: &'e Participant,
    pub name: &'static str,
    /// Whether the loaded table has a row for it (a borrower's figures:
    /// `safe show CODE`).
    pub in_table: bool,
}

/// The `participants` report.
#[derive(Debug, Clone, Serialize)]
pub struct ParticipantsReport<'e> {
    /// The day events are placed against.
    pub today: String,
    /// The country asked for, if any.
    pub country: Option<&'static str>,
    pub sources: Sources<'e>,
    /// Borrowers first, then the other member states, then the others by
    /// how far they take part; listed in JSON from the view's fields
    /// (`cmd::participants`).
    #[serde(skip)]
    pub participants: Vec<ParticipantRow<'e>>,
    /// The country's events, when one was asked for.
    #[serde(skip)]
    pub events: Vec<EventRow<'e>>,
}

/// Every country's standing (or one's, with its events); `in_table`
/// tells whether the loaded table has a row with that code.
pub fn participants_report<'e>(
    events: &'e Events,
    country: Option<&'static Country>,
    today: Day,
    in_table: impl Fn(&str) -> bool,
) -> ParticipantsReport<'e> {
    let order = |s: Standing| {
        [
            Standing::Borrower,
            Standing::NoLoan,
            Standing::Agreement,
            Standing::Eligible,
            Standing::TalksFailed,
            Standing::Requested,
            Standing::LetterOfIntent,
            Standing::NoneFound,
        ]
        .iter()
        .position(|x| *x == s)
    };
    // The list's own order (protocol order for member states) within a
    // standing.
    let position = |code: &str| crate::names::countries().position(|c| c.code == code);
    let mut rows: Vec<ParticipantRow<'e>> = events
        .participants
        .iter()
        .filter(|p| country.is_none_or(|c| c.code == p.code))
        .filter_map(|p| {
            Some(ParticipantRow {
                participant: p,
                name: crate::names::country(&p.code)?.name.as_str(),
                in_table: in_table(&p.code),
            })
        })
        .collect();
    rows.sort_by_key(|r| (order(r.participant.standing), position(&r.participant.code)));
    ParticipantsReport {
        today: today.to_string(),
        country: country.map(|c| c.code.as_str()),
        sources: Sources::of(events),
        participants: rows,
        events: country
            .map(|c| member_events(events, &c.code, today).events)
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::bundled;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn the_art_8_7_deadline_is_27_days_away_on_4_december_2026() {
        let report = timeline_report(bundled(), day("2026-12-04"), Filter::default());
        let deadline = report
            .events
            .iter()
            .find(|r| r.event.date.to_string() == "2026-12-31")
            .unwrap();
        assert_eq!(deadline.status, Status::Upcoming);
        assert_eq!(deadline.days_left, Some(27));
        let june = report
            .events
            .iter()
            .find(|r| r.event.date.to_string() == "2026-06")
            .unwrap();
        assert_eq!((june.status, june.days_left), (Status::Past, None));
    }

    #[test]
    fn a_country_and_a_period_keep_their_events() {
        let poland = crate::names::country("PL");
        let report = timeline_report(
            bundled(),
            day("2026-12-04"),
            Filter {
                country: poland,
                ..Filter::default()
            },
        );
        assert!(
            report
                .events
                .iter()
                .all(|r| r.event.code.as_deref() == Some("PL"))
        );
        assert!(
            report
                .events
                .iter()
                .any(|r| r.event.date.to_string() == "2026-05-08")
        );
        let may = timeline_report(
            bundled(),
            day("2026-12-04"),
            Filter {
                from: When::parse("2026-05"),
                to: When::parse("2026-05"),
                ..Filter::default()
            },
        );
        let dates: Vec<String> = may
            .events
            .iter()
            .map(|r| r.event.date.to_string())
            .collect();
        assert!(dates.contains(&"2026-05".to_string()), "{dates:?}");
        assert!(dates.contains(&"2026-05-12".to_string()), "{dates:?}");
        assert!(dates.iter().all(|d| d.starts_with("2026-05")), "{dates:?}");
    }

    #[test]
    fn a_borrower_says_what_was_not_found() {
        let hungary = member_events(bundled(), "HU", day("2026-12-04"));
        assert!(hungary.not_found.contains(&"no Council decision found"));
        let poland = member_events(bundled(), "PL", day("2026-12-04"));
        assert!(!poland.not_found.contains(&"no loan agreement found"));
        assert!(poland.not_found.contains(&"no pre-financing payment found"));
        // A country that does not borrow has no loan to look for.
        assert!(
            member_events(bundled(), "CA", day("2026-12-04"))
                .not_found
                .is_empty()
        );
    }
}
