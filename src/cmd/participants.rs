//! `safe participants [COUNTRY]`: who takes part in SAFE and how: the
//! member states that borrow and those that do not, the countries the
//! regulation admits, those with an agreement, and those whose steps
//! failed or are only asked for, each with its date, source and basis.

use anyhow::Result;

use super::timeline::{basis, event_grid, events_line};
use crate::analysis::timeline::{ParticipantRow, ParticipantsReport, participants_report};
use crate::export::{Block, Cell, Column, Field, Grid, Report, Subject, View};

use super::{Ctx, Output};

/// The arguments of `safe participants`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Who takes part in SAFE and how: borrowers, other member states, third countries",
    long_about = "Every country people ask about and its standing in SAFE: the member states \
allocated a loan (their figures: safe show CODE), the member states that did not borrow, \
Ukraine and the EEA-EFTA states (admitted by the regulation), Canada (by agreement), the United \
Kingdom (talks failed), Türkiye (asked to take part), South Korea (letter of intent), and Japan \
and Switzerland (nothing found), each with since when, its source and its basis. COUNTRY (a \
code or a name: TR, Turkey, Türkiye) gives one country with its events.",
    after_help = "Examples:\n  safe participants\n  safe participants TR\n  safe participants Canada --json"
)]
pub struct Args {
    /// One country: a code or a name (TR, Turkey, Türkiye)
    pub country: Option<String>,
    /// The day to count from (default: today, or SOURCE_DATE_EPOCH's day)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::timeline::day)]
    pub today: Option<crate::clock::Day>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let country = args
        .country
        .as_deref()
        .map(crate::names::find_country)
        .transpose()?;
    let data = ctx.table()?;
    let index = crate::names::Index::new(data);
    let today = args.today.unwrap_or_else(crate::clock::today);
    let report = participants_report(crate::events::bundled(), country, today, |code| {
        index.member_with_code(code).is_some()
    });
    Ok(Output::report(report, Subject::of(data)))
}

impl Report for ParticipantsReport<'_> {
    fn table_line(&self, table: &Subject) -> Option<String> {
        Some(format!(
            "{}; \"in table\" against {}",
            events_line(&self.sources.as_of, &self.today),
            crate::export::provenance::describe(&table.origin, table.edition.as_ref())
        ))
    }

    fn view(&self) -> View<'_> {
        let heading = match self.country {
            Some(code) => {
                let name = crate::names::country(code).map_or(code, |c| c.name.as_str());
                format!("{name} ({code}) in SAFE")
            }
            None => "Who takes part in SAFE".to_string(),
        };
        let mut blocks = vec![
            Block::Heading(heading),
            Block::Grid(Grid::listing(
                fields(),
                Some("participants"),
                self.participants.len(),
                move |i| self.participants[i],
            )),
        ];
        if self.participants.iter().any(|p| p.in_table) {
            blocks.push(Block::Note(
                "in table: the loaded table has its row; safe show CODE gives its figures."
                    .to_string(),
            ));
        }
        if self.country.is_some() {
            if self.events.is_empty() {
                blocks.push(Block::Note("No dated event found for it.".to_string()));
            } else {
                blocks.push(Block::Heading("Its events".to_string()));
                blocks.push(Block::Grid(event_grid(&self.events, Some("events"))));
            }
        }
        blocks.push(Block::Note(super::timeline::BASES.to_string()));
        View { blocks }
    }
}

/// The columns of the list of countries, each with how its cell is made.
fn fields<'a>() -> Vec<Field<'a, ParticipantRow<'a>>> {
    type Row<'a> = ParticipantRow<'a>;
    let opt = |t: Option<&'a str>| t.map_or(Cell::Empty, Cell::text);
    vec![
        Column::text("code", "code")
            .essential()
            .of(|r: &Row<'a>| Cell::text(r.participant.code.as_str())),
        Column::text("name", "country")
            .priority(2)
            .of(|r: &Row<'a>| Cell::text(r.name)),
        Column::text("standing", "standing")
            .essential()
            .prose()
            .of(|r: &Row<'a>| {
                let s = r.participant.standing;
                Cell::key(s.id(), s.label())
            }),
        Column::text("since", "since")
            .priority(1)
            .of(|r: &Row<'a>| {
                r.participant
                    .since
                    .map_or(Cell::Empty, |w| Cell::text(w.to_string()))
            }),
        Column::text("basis", "basis")
            .essential()
            .of(|r: &Row<'a>| basis(r.participant.basis)),
        Column::text("in_table", "in table")
            .priority(3)
            .of(|r: &Row<'a>| Cell::Yes(r.in_table)),
        Column::text("source", "source")
            .essential()
            .prose()
            .of(|r: &Row<'a>| Cell::text(r.participant.source.as_str())),
        Column::text("note", "note")
            .optional()
            .priority(3)
            .prose()
            .of(move |r: &Row<'a>| opt(r.participant.note.as_deref())),
        Column::text("url", "url")
            .machine_only()
            .of(move |r: &Row<'a>| opt(r.participant.url.as_deref())),
    ]
}
