//! `safe timeline`: what happened when, and what is next: the fund's
//! dated events (the regulation, the allocation, the Council's decisions,
//! loan agreements, pre-financing, deadlines, third countries' steps), each
//! with its source and basis, placed against today.

use anyhow::Result;

use crate::analysis::timeline::{EventRow, Filter, Status, TimelineReport, timeline_report};
use crate::clock::{Day, When};
use crate::events::Sureness;
use crate::export::view::Measure;
use crate::export::{Block, Cell, Column, Field, Grid, Listing, Report, Subject, View};

use super::{Ctx, Output};

/// The arguments of `safe timeline`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "What happened when, and what is next: the fund's dated events",
    long_about = "The fund's dated events in date order: the regulation, the Commission's \
allocation, the Council's decisions, loan agreements, pre-financing paid, deadlines and third \
countries' steps, each with its source and basis (official: the text was read at the source; \
reported: a news report, or an official page seen only as a citation). A date known only to the \
month (2026-06) stays a month. Each event is placed against today (--today for another day): an \
upcoming deadline says how many days are left. Facts not found are listed, never filled in.",
    after_help = "Examples:\n  safe timeline\n  safe timeline --member PL\n  safe timeline --from 2026-05 --to 2026-06\n  safe timeline --today 2026-12-04 --json"
)]
pub struct Args {
    /// Only the events of one member state or country (a code or a name)
    #[arg(long, visible_alias = "country", value_name = "CODE")]
    pub member: Option<String>,
    /// Only events from this date on (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE", value_parser = when)]
    pub from: Option<When>,
    /// Only events up to this date (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE", value_parser = when)]
    pub to: Option<When>,
    /// The day to count from (default: today, or SOURCE_DATE_EPOCH's day)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    pub today: Option<Day>,
}

/// A date as precisely as it is known, for `--from` and `--to`.
fn when(text: &str) -> Result<When, String> {
    When::parse(text.trim()).ok_or_else(|| {
        "must be a date YYYY-MM-DD, a month YYYY-MM or a year YYYY (a real one)".to_string()
    })
}

/// A calendar day, for `--today`.
pub fn day(text: &str) -> Result<Day, String> {
    Day::parse(text.trim()).ok_or_else(|| "must be a real calendar day YYYY-MM-DD".to_string())
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let country = args
        .member
        .as_deref()
        .map(crate::names::find_country)
        .transpose()?;
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from.first_day() > to.last_day() {
            anyhow::bail!(crate::error::Error::usage(format!(
                "--from {from} is after --to {to}: the period is empty"
            )));
        }
    }
    let data = ctx.table()?;
    let filter = Filter {
        country,
        from: args.from,
        to: args.to,
    };
    let today = args.today.unwrap_or_else(crate::clock::today);
    let report = timeline_report(crate::events::bundled(), today, filter);
    Ok(Output::report(report, Subject::of(data)))
}

impl Report for TimelineReport<'_> {
    fn listed(&self) -> Option<Listing> {
        None
    }

    fn table_line(&self, _table: &Subject) -> Option<String> {
        Some(events_line(&self.sources.as_of, &self.today))
    }

    fn view(&self) -> View<'_> {
        let mut heading = "SAFE timeline".to_string();
        if let Some(code) = self.country {
            let name = crate::names::country(code).map_or(code, |c| c.name.as_str());
            heading.push_str(&format!(": {name} ({code})"));
        }
        match (&self.from, &self.to) {
            (Some(from), Some(to)) => heading.push_str(&format!(", {from} to {to}")),
            (Some(from), None) => heading.push_str(&format!(", from {from}")),
            (None, Some(to)) => heading.push_str(&format!(", up to {to}")),
            (None, None) => {}
        }
        let mut blocks = vec![Block::Heading(heading)];
        if self.events.is_empty() {
            blocks.push(Block::Note("No event found for this.".to_string()));
        }
        blocks.push(Block::Grid(event_grid(&self.events, Some("events"))));
        let shown = if self.events.len() < self.event_count {
            format!("{} of {}", self.events.len(), self.event_count)
        } else {
            self.event_count.to_string()
        };
        blocks.push(Block::Note(format!(
            "{shown} events shown: {} official, {} reported. {BASES}",
            self.official, self.reported
        )));
        if let Some(next) = self.events.iter().find(|r| r.status == Status::Upcoming) {
            blocks.push(Block::Note(format!(
                "Next: {} ({}), {}.",
                next.event.title,
                next.event.date,
                left(next)
            )));
        }
        if let (Some(code), false) = (self.country, self.missing.is_empty()) {
            blocks.push(Block::Note(format!("{code}: {}.", self.missing.join("; "))));
        }
        // What was looked for and not found, for the whole timeline (a
        // period or a country says its own).
        if self.from.is_none() && self.to.is_none() && self.country.is_none() {
            blocks.push(Block::Note(format!(
                "Not found (searched on {}): {}.",
                self.sources.as_of,
                self.sources.not_found.join("; ")
            )));
        }
        View { blocks }
    }
}

/// What the two bases mean, said once under every list of facts.
pub const BASES: &str = "official: the regulation, the Council, the Commission, the European \
Parliament or a ministry, read at the source; reported: a news report, or an official page seen \
only as a citation.";

/// The line a view of the bundled facts opens with.
pub fn events_line(as_of: &str, today: &str) -> String {
    format!("Events: bundled with safe, as found on {as_of}; today is {today}")
}

/// How far an event is from today, in words: `past`, `in 27 days`,
/// `today`, `this month`.
fn left(row: &EventRow<'_>) -> String {
    match (row.status, row.days_left) {
        (Status::Past, _) => "past".to_string(),
        (_, Some(0)) => "today".to_string(),
        (_, Some(1)) => "tomorrow".to_string(),
        (_, Some(n)) => format!(
            "in {} days",
            crate::money::format_grouped(n.into(), crate::money::Unit::Eur, 0)
        ),
        (Status::Now, None) => format!("this {}", row.event.date.precision()),
        (Status::Upcoming, None) => "to come".to_string(),
    }
}

/// Events as a grid (the timeline, a member's events in `show`, a
/// country's in `participants`), listed in JSON under `json`.
pub fn event_grid<'a>(rows: &'a [EventRow<'a>], json: Option<&'static str>) -> Grid<'a> {
    Grid::listing(fields(), json, rows.len(), move |i| rows[i])
}

/// The columns of a list of events, each with how its cell is made.
fn fields<'a>() -> Vec<Field<'a, EventRow<'a>>> {
    type Row<'a> = EventRow<'a>;
    let opt = |t: Option<&'a str>| t.map_or(Cell::Empty, Cell::text);
    let amount = |r: &Row<'a>, of: fn(&crate::events::Amount) -> rust_decimal::Decimal| {
        r.event
            .amount
            .as_ref()
            .map_or(Cell::Empty, |a| Cell::Money(of(a)))
    };
    vec![
        Column::text("date", "date")
            .essential()
            .of(|r: &Row<'a>| Cell::text(r.event.date.to_string())),
        Column::text("precision", "known to the")
            .machine_only()
            .of(|r: &Row<'a>| Cell::text(r.event.date.precision())),
        Column::text("when", "when")
            .human_only()
            .essential()
            .of(|r: &Row<'a>| Cell::text(left(r))),
        Column::text("status", "status")
            .machine_only()
            .of(|r: &Row<'a>| Cell::text(r.status.id())),
        Column::number("days_left", "days left")
            .machine_only()
            .of(|r: &Row<'a>| r.days_left.map_or(Cell::Empty, Cell::Int)),
        Column::text("kind", "kind")
            .priority(3)
            .of(|r: &Row<'a>| Cell::key(r.event.kind.id(), r.event.kind.label())),
        Column::text("code", "code")
            .optional()
            .priority(1)
            .of(move |r: &Row<'a>| opt(r.event.code.as_deref())),
        Column::text("name", "country")
            .machine_only()
            .of(move |r: &Row<'a>| opt(r.name)),
        Column::text("title", "event")
            .essential()
            .prose()
            .of(|r: &Row<'a>| Cell::text(r.event.title.as_str())),
        Column::money("amount", "amount")
            .optional()
            .essential()
            .of(|r: &Row<'a>| {
                r.event
                    .amount
                    .as_ref()
                    .map_or(Cell::Empty, |a| Cell::amount(a.value, a.min, a.max))
            }),
        Column::text("basis", "basis")
            .essential()
            .of(|r: &Row<'a>| basis(Some(r.event.basis))),
        Column::text("source", "source")
            .essential()
            .prose()
            .of(|r: &Row<'a>| Cell::text(r.event.source.as_str())),
        Column::text("note", "note")
            .optional()
            .priority(4)
            .prose()
            .of(move |r: &Row<'a>| opt(r.event.note.as_deref())),
        Column::money("amount_min", "amount min")
            .machine_only()
            .of(move |r: &Row<'a>| amount(r, |a| a.min)),
        Column::money("amount_max", "amount max")
            .machine_only()
            .of(move |r: &Row<'a>| amount(r, |a| a.max)),
        Column::text("url", "url")
            .machine_only()
            .of(move |r: &Row<'a>| opt(r.event.url.as_deref())),
        Column::money("amount_range", "amount within rounding")
            .human_only()
            .range()
            .of(|r: &Row<'a>| {
                r.event
                    .amount
                    .as_ref()
                    .map_or(Cell::Empty, |a| Cell::range(a.min, a.max, Measure::Money))
            }),
    ]
}

/// A fact's basis: its id in CSV and JSON, in words for people.
pub fn basis<'a>(basis: Option<Sureness>) -> Cell<'a> {
    match basis {
        Some(b) => Cell::key(b.id(), b.id()),
        None => Cell::Empty,
    }
}
