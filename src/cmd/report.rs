//! `safe report [--output FILE]`: one self-contained HTML page of the
//! loaded table: provenance, headline figures, the rules, the ranking, the
//! bar chart, per-capita, concentration and, for an edition that revises
//! another, what changed. The reports are the other commands'; the page is
//! rendered by `export::html`.

use std::path::PathBuf;

use crate::analysis::chart::{By, chart_report};
use crate::analysis::check::check_report;
use crate::analysis::diff::diff_report;
use crate::analysis::per_capita::per_capita_report;
use crate::analysis::rank::rank_report;
use crate::analysis::stats::stats_report;
use crate::analysis::total::total_report;
use crate::dataset::editions;
use crate::export::html::{Page, Section};
use crate::export::output::Fixed;
use crate::export::{Subject, svg};
use anyhow::Result;

use super::{Ctx, Output};

/// The arguments of `safe report`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "One self-contained HTML page of the table, to share or print",
    long_about = "Write one HTML5 page of the loaded table: its provenance, the headline \
figures, the regulation's rules, the ranking with shares, the bar chart, per-capita amounts, \
concentration and, for an edition that revises another, what changed. Self-contained (inline \
CSS and SVG, no script, nothing loaded from outside), readable on a phone, printable on A4, \
dark mode by the reader's preference. --output FILE writes it atomically.",
    after_help = "Examples:\n  safe report --output safe.html\n  safe --edition council-2026-02 report --output council.html\n  safe report > page.html"
)]
pub struct Args {
    /// Write the page to FILE (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Population figures for the per-capita section (CSV code,population)
    #[arg(long, value_name = "FILE")]
    pub population: Option<PathBuf>,
}

/// The page is HTML, whatever `--format` says.
const HTML: Fixed = Fixed {
    what: "HTML",
    json: false,
};

/// The most rows a listing on the page shows (ties with the last are
/// kept): a page is for reading; CSV and JSON list every member.
const PAGE_ROWS: usize = 100;

/// The most bars the page's chart draws.
const PAGE_BARS: usize = 40;

/// The table as `safe table --format csv` writes it (the page's download,
/// which `safe --data` reads back).
fn table_csv(data: &crate::dataset::Dataset) -> Result<String> {
    let report = crate::analysis::table::table_report(data, Default::default(), None)?;
    let subject = Subject::of(data);
    crate::export::render(
        &report,
        &crate::export::Frame {
            command: "table",
            subject: &subject,
            style: crate::export::Style {
                format: crate::export::Format::Csv,
                ..crate::export::Style::default()
            },
        },
    )
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let people = ctx.population(args.population.as_deref())?;
    let data = ctx.table()?;
    let subject = Subject::of(data);
    let cut = |limit: usize| (data.allocations.len() > limit).then_some(limit);
    let total = total_report(&crate::dataset::Summary::of(data), None)?;
    let checks = check_report(data, None, None)?;
    let rank = rank_report(data, cut(PAGE_ROWS), false)?;
    let per_capita = per_capita_report(data, &people, cut(PAGE_ROWS))?;
    let stats = stats_report(data)?;
    let chart = chart_report(data, By::Amount, cut(PAGE_BARS), &people)?;
    // What changed since the edition this one revises.
    let predecessor = data
        .edition
        .as_ref()
        .and_then(|e| e.id.as_deref())
        .filter(|_| data.origin == editions::BUNDLED_ORIGIN)
        .and_then(|id| editions::find(id).ok())
        .and_then(|b| b.predecessor);
    let mut sections = vec![
        Section {
            id: "rules",
            title: "The regulation's rules".to_string(),
            lead: None,
            report: Box::new(checks),
        },
        Section {
            id: "ranking",
            title: "Ranking".to_string(),
            lead: Some(
                "Members by amount, largest first, with their share of the ceiling and the cumulative share."
                    .to_string(),
            ),
            report: Box::new(rank),
        },
        Section {
            id: "per-capita",
            title: "Per inhabitant".to_string(),
            lead: None,
            report: Box::new(per_capita),
        },
        Section {
            id: "concentration",
            title: "Concentration".to_string(),
            lead: Some(
                "HHI: the sum of squared shares of the allocated sum (0–10,000). Gini: 0 when all amounts are equal."
                    .to_string(),
            ),
            report: Box::new(stats),
        },
    ];
    if let Some(id) = predecessor {
        let before: &'c crate::dataset::Dataset = ctx.keep(editions::load(id)?)?;
        // The changes rounding cannot explain; the rest are counted.
        let mut changes = diff_report(before, data)?;
        let all = changes.members.len();
        changes.members.retain(|m| m.beyond_rounding);
        changes.change_count = changes.members.len();
        let rest = all - changes.members.len();
        sections.push(Section {
            id: "changes",
            title: format!("What changed since {id}"),
            lead: Some(format!(
                "The changes beyond rounding (members added or removed, and amounts that moved more \
                 than the two figures' rounding can explain); {} unchanged or changed only within \
                 rounding (safe diff {id} lists every member).",
                crate::words::count(rest, "other member")
            )),
            report: Box::new(changes),
        });
    }
    // What happened after the table's date, and what is next (a SAFE
    // table only: the events are the fund's).
    if data.fund.cites_regulation() {
        let from = data
            .edition
            .as_ref()
            .and_then(|e| crate::clock::Day::parse(&e.as_of))
            .map(crate::clock::When::Day);
        let timeline = crate::analysis::timeline::timeline_report(
            crate::events::bundled(),
            crate::clock::today(),
            crate::analysis::timeline::Filter {
                from,
                ..Default::default()
            },
        );
        sections.push(Section {
            id: "timeline",
            title: "Timeline".to_string(),
            lead: Some(match from {
                Some(day) => format!(
                    "What happened after this table's date ({day}), and what is next, each with its \
                     source and basis (safe timeline lists every event)."
                ),
                None => "The fund's events, each with its source and basis.".to_string(),
            }),
            report: Box::new(timeline),
        });
    }
    let page = Page {
        subject: subject.clone(),
        style: ctx.style,
        headline: Box::new(total),
        sections,
        chart: svg::Chart {
            report: chart,
            title: super::chart::title(By::Amount),
            subject,
            standalone: false,
        },
        chart_after: "ranking",
        // The ranking's members, in its order, with where their figures
        // come from.
        sources: crate::analysis::rank::ranked_top_with_ties(&data.allocations, PAGE_ROWS)
            .into_iter()
            .map(|r| r.allocation)
            .collect(),
        csv: table_csv(data)?,
        made: crate::clock::today(),
    };
    Ok(match &args.output {
        Some(path) => {
            let mut output = Output::nothing().with_file(path.clone(), page);
            output.fixed = Some(HTML);
            output
        }
        None => Output::document(page, HTML),
    })
}
