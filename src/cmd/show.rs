//! `safe show MEMBER`: one member in context (rank and ties, shares,
//! amount per inhabitant, the members just above and below) and its
//! events (its decision, loan agreement, pre-financing, or that none was
//! found).

use rust_decimal::Decimal;

use serde::Serialize;

use crate::analysis::show::{MemberReport, Neighbour, member_report};
use crate::analysis::timeline::{EventRow, member_events};
use crate::export::view::{FigureRow, Measure};
use crate::export::{Block, Cell, Column, Grid, Report, Subject, View};
use crate::names::find_member;
use anyhow::Result;

use super::{Ctx, Output};

use std::path::PathBuf;

/// The arguments of `safe show`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "One member in context: rank, ties, shares, per inhabitant, neighbours",
    long_about = "One member in context: amount, rank (and who it ties with), share of the \
ceiling and of the allocated sum, amount per inhabitant, and the members just above and below \
with the gaps. MEMBER is a code (EL or GR), a name in any case and with or without accents \
(greece, Türkiye, turkiye) or a name people write (Czech Republic, Greek Cyprus, Turkey).",
    after_help = "Examples:\n  safe show PL\n  safe show 'Czech Republic'\n  safe show greece --json"
)]
pub struct Args {
    /// A code, a name or an alias
    pub member: String,
    /// Population figures for the per-inhabitant amount (CSV code,population)
    #[arg(long, value_name = "FILE")]
    pub population: Option<PathBuf>,
    /// The day its events are placed against (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::timeline::day)]
    pub today: Option<crate::clock::Day>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let people = ctx.population(args.population.as_deref())?;
    let data = ctx.table()?;
    let member = find_member(&args.member, data).map_err(|e| {
        // A country the table does not have may still take part: say
        // where to read how.
        match crate::names::find_country(&args.member) {
            Ok(c) if crate::events::bundled().standing(&c.code).is_some() => {
                crate::error::Error::usage(format!(
                    "{}; `safe participants {}` gives its standing in SAFE",
                    e.message(),
                    c.code
                ))
            }
            _ => e,
        }
    })?;
    let today = args.today.unwrap_or_else(crate::clock::today);
    let timeline = member_events(crate::events::bundled(), &member.code, today);
    Ok(Output::report(
        ShowReport {
            member: member_report(data, member, &people)?,
            not_found: timeline.not_found,
            events: timeline.events,
        },
        Subject::of(data),
    ))
}

/// A member in context, with its events in the fund's timeline.
#[derive(Debug, Serialize)]
pub struct ShowReport<'a> {
    #[serde(flatten)]
    pub member: MemberReport<'a>,
    /// For a borrower: the steps of its loan not found in the timeline
    /// (`no loan agreement found`).
    pub not_found: Vec<&'static str>,
    /// Its events, listed in JSON from the view's fields
    /// (`cmd::timeline`).
    #[serde(skip)]
    pub events: Vec<EventRow<'static>>,
}

fn neighbour_row<'a>(position: &'a str, n: &'a Neighbour<'_>) -> Vec<Cell<'a>> {
    vec![
        Cell::text(position),
        Cell::Int(n.rank as i64),
        Cell::text(n.code),
        Cell::text(n.name),
        Cell::amount(n.amount, n.amount_min, n.amount_max),
        Cell::amount(n.gap, n.gap_min, n.gap_max),
        Cell::range(n.amount_min, n.amount_max, Measure::Money),
        Cell::range(n.gap_min, n.gap_max, Measure::Money),
    ]
}

impl Report for ShowReport<'_> {
    fn view(&self) -> View<'_> {
        let mut view = self.member.view();
        if !self.events.is_empty() {
            view.blocks.push(Block::Heading("Events".to_string()));
        }
        view.blocks.push(Block::Grid(super::timeline::event_grid(
            &self.events,
            Some("events"),
        )));
        if !self.not_found.is_empty() {
            view.blocks.push(Block::Note(format!(
                "In safe's timeline (searched on {}): {}.",
                crate::events::bundled().as_of,
                self.not_found.join("; ")
            )));
        }
        view
    }
}

impl Report for MemberReport<'_> {
    fn view(&self) -> View<'_> {
        let mut blocks = vec![
            Block::Heading(format!(
                "{} ({})",
                crate::export::human::cut_text(self.name),
                self.code
            )),
            Block::Grid(facts(self)),
        ];
        blocks.extend(neighbours(self).map(Block::Grid));
        blocks.extend(notes(self).into_iter().map(Block::Note));
        View { blocks }
    }
}

/// The member's figures, each with its bounds.
fn facts<'a>(r: &'a MemberReport<'_>) -> Grid<'a> {
    let p = r.figures;
    let money = p.money();
    let pct = |value, min, max| FigureRow::bounded(Cell::Pct(value), min, max, Measure::Pct, None);
    let rows = vec![
        FigureRow::bounded(
            Cell::MoneyAt(r.amount, p.amount),
            r.amount_min,
            r.amount_max,
            Measure::Money,
            Some(money),
        )
        .row("amount", "amount"),
        FigureRow {
            // CSV: the rank; tables: "9 of 19".
            value: Cell::key(
                r.rank.to_string(),
                format!("{} of {}", r.rank, r.member_count),
            ),
            // A rounded amount whose rank cannot change says so,
            // rather than leave the cell blank.
            range: if r.rank_best == r.rank_worst && r.amount_min != r.amount_max {
                Cell::Text(format!("{} whatever the rounding", r.rank).into())
            } else {
                Cell::range(
                    Decimal::from(r.rank_best),
                    Decimal::from(r.rank_worst),
                    Measure::Count,
                )
            },
            min: Cell::Int(r.rank_best as i64),
            max: Cell::Int(r.rank_worst as i64),
        }
        .row("rank", "rank"),
        FigureRow::count(r.member_count).row("member_count", "members"),
        pct(
            r.share_of_ceiling_pct,
            r.share_of_ceiling_min_pct,
            r.share_of_ceiling_max_pct,
        )
        .row("share_of_ceiling_pct", "share of ceiling"),
        pct(
            r.share_of_allocated_pct,
            r.share_of_allocated_min_pct,
            r.share_of_allocated_max_pct,
        )
        .row("share_of_allocated_pct", "share of allocated"),
        FigureRow::text(r.population.map_or(Cell::Empty, |p| Cell::Int(p as i64)))
            .row("population", "population"),
        match (r.per_capita, r.per_capita_min, r.per_capita_max) {
            (Some(v), Some(min), Some(max)) => {
                FigureRow::bounded(Cell::Euros(v), min, max, Measure::Euros, None)
            }
            _ => FigureRow::text(Cell::Empty),
        }
        .row("per_capita", "per inhabitant"),
        FigureRow::text(Cell::Basis(r.basis)).row("basis", "basis"),
        FigureRow::text(r.decided.map_or(Cell::Empty, Cell::text)).row("decided", "decided"),
        FigureRow::text(
            r.prefinancing
                .map_or(Cell::Empty, |v| Cell::MoneyAt(v, p.prefinancing)),
        )
        .row("prefinancing", "pre-financing"),
    ];
    Grid {
        columns: FigureRow::columns("metric"),
        rows: rows.into(),
        footer: Vec::new(),
        json: None,
    }
}

/// The members ranked just above and below, with the gaps.
fn neighbours<'a>(r: &'a MemberReport<'_>) -> Option<Grid<'a>> {
    let p = r.figures;
    let money = p.money();
    let mut neighbours = Vec::new();
    if let Some(n) = &r.above {
        neighbours.push(neighbour_row("above", n));
    }
    if let Some(n) = &r.below {
        neighbours.push(neighbour_row("below", n));
    }
    if neighbours.is_empty() {
        return None;
    }
    Some(Grid {
        columns: vec![
            Column::text("position", "neighbour").essential(),
            Column::number("rank", "#"),
            Column::text("code", "code").essential(),
            Column::text("name", "member").priority(2),
            Column::money("amount", "amount").precise(p.amount),
            Column::money("gap", "gap").precise(p.amount),
            Column::money("amount_range", "amount within rounding")
                .precise(money)
                .human_only()
                .range(),
            Column::money("gap_range", "gap within rounding")
                .precise(money)
                .human_only()
                .range(),
        ],
        rows: neighbours.into(),
        footer: Vec::new(),
        json: None,
    })
}

/// What the figures are, and what is not known.
fn notes(r: &MemberReport<'_>) -> Vec<String> {
    let confirmed = if r.confirmed {
        "confirmed"
    } else {
        "not confirmed"
    };
    let mut notes = vec![format!("Basis: {} ({confirmed}).", r.basis.describe())];
    if r.amount_min != r.amount_max {
        notes.push(
            "The figure is rounded: the exact amount lies within rounding as shown, and so do the \
             rank, shares and amount per inhabitant (--ranges shows the bounds of the neighbours \
             and gaps)."
                .to_string(),
        );
    }
    if let Some(source) = r.source {
        notes.push(format!("Source: {source}"));
    }
    if let Some(note) = r.note {
        notes.push(format!("Note: {note}"));
    }
    if !r.tied_with.is_empty() {
        let peers: Vec<String> = r
            .tied_with
            .iter()
            .map(|p| format!("{} ({})", p.name, p.code))
            .collect();
        notes.push(format!(
            "Rank {} is shared with {}.",
            r.rank,
            peers.join(", ")
        ));
    }
    if r.population.is_none() {
        notes.push(format!(
            "No population figure for {}: the amount per inhabitant is not available.",
            r.code
        ));
    }
    notes
}
