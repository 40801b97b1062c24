//! `safe chart`: a horizontal bar chart in the terminal (or Markdown), and
//! optionally as a standalone SVG file.

use crate::analysis::chart::{Bar, By, ChartReport, chart_report};
use crate::dataset::Precision;
use anyhow::Result;
use rust_decimal::Decimal;

use crate::export::human::UNCONFIRMED_MARK;
use crate::export::output::Fixed;
use crate::export::{Block, Cell, Column, Field, Grid, Listing, Report, Subject, View, svg};
use crate::values::positive_count;

use super::{Ctx, Output};

use std::borrow::Cow;
use std::path::PathBuf;

/// The arguments of `safe chart`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "A horizontal bar chart in the terminal, or as an SVG file",
    long_about = "A horizontal bar chart, one bar per member with its label and value, \
sized to the terminal (80 columns when piped, or --width), drawn with Unicode block \
characters at eighth-of-a-character resolution. --svg FILE also writes the chart as a \
standalone SVG file (title, value axis, labels, values, ceiling and source); --svg - writes \
the SVG to stdout instead of the terminal chart.",
    after_help = "Examples:\n  safe chart\n  safe chart --by per-capita --top 10\n  safe chart --svg safe.svg"
)]
pub struct Args {
    /// What the bars measure
    #[arg(long, value_enum, default_value_t = By::Amount)]
    pub by: By,
    /// Only the first N members
    #[arg(long, value_name = "N", value_parser = positive_count)]
    pub top: Option<std::num::NonZeroUsize>,
    /// Also write the chart as SVG to FILE (`-`: SVG on stdout instead)
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Population figures for --by per-capita (CSV code,population)
    #[arg(long, value_name = "FILE")]
    pub population: Option<PathBuf>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let people = ctx.population(args.population.as_deref())?;
    let data = ctx.table()?;
    let report = chart_report(data, args.by, args.top.map(usize::from), &people)?;
    let subject = Subject::of(data);
    let drawing = |standalone| svg::Chart {
        report: report.clone(),
        title: title(report.by),
        subject: subject.clone(),
        standalone,
    };
    Ok(match &args.svg {
        // The SVG on standard output, instead of the terminal's chart.
        Some(path) if path.as_os_str() == "-" => Output::document(
            drawing(true),
            Fixed {
                what: "SVG (with --svg -)",
                json: false,
            },
        ),
        Some(path) => {
            let svg = drawing(true);
            Output::report(report, subject).with_file(path.clone(), svg)
        }
        None => Output::report(report, subject),
    })
}

/// A chart's title.
pub fn title(by: By) -> &'static str {
    match by {
        By::Amount => "Allocation by member",
        By::Share => "Share of the fund ceiling",
        By::PerCapita => "Euros per inhabitant",
    }
}

impl Report for ChartReport<'_> {
    fn listed(&self) -> Option<Listing> {
        Some(Listing {
            shown: self.bars.len(),
            of: self.bars.len() + self.left_out.len(),
            top: self.top,
            noun: "member",
        })
    }

    fn view(&self) -> View<'_> {
        let bars = &self.bars;
        let mut blocks = vec![
            Block::Heading(title(self.by).to_string()),
            Block::Chart(Grid::listing(
                fields(self.by, self.figures),
                Some("bars"),
                bars.len(),
                move |i| &bars[i],
            )),
        ];
        if !self.left_out.is_empty() {
            blocks.push(Block::Note(format!(
                "Not shown: {}.",
                crate::words::some_of(&self.left_out, 30)
            )));
        }
        View { blocks }
    }
}

/// The columns of a chart (its last shown column is drawn as bars), each
/// with how its cell is made.
fn fields<'a>(by: By, p: Precision) -> Vec<Field<'a, &'a Bar<'a>>> {
    type Row<'a> = &'a Bar<'a>;
    let (value, bound): (Column, fn(Decimal) -> Cell<'static>) = match by {
        By::Amount => (
            Column::money("value", "amount").precise(p.amount),
            Cell::Money,
        ),
        By::Share => (Column::number("value", "share of ceiling"), Cell::Pct),
        By::PerCapita => (Column::euros("value", "per inhabitant"), Cell::Euros),
    };
    vec![
        Column::number("rank", "#")
            .machine_only()
            .of(|b: &Row<'a>| Cell::Int(b.rank as i64)),
        Column::text("code", "code").of(|b: &Row<'a>| Cell::text(b.code)),
        Column::text("name", "member").of(|b: &Row<'a>| {
            // Not confirmed: marked after the name in the chart.
            let shown = if !b.basis.marked() {
                Cow::Borrowed(b.name)
            } else {
                Cow::Owned(format!("{}{UNCONFIRMED_MARK}", b.name))
            };
            Cell::key(b.name, shown)
        }),
        value.of(move |b: &Row<'a>| match by {
            By::Amount => Cell::amount(b.value, b.value_min, b.value_max),
            _ => bound(b.value).about(b.value_min != b.value_max),
        }),
        Column::basis("basis", "basis")
            .machine_only()
            .of(|b: &Row<'a>| Cell::Basis(b.basis)),
        Column::number("value_min", "min")
            .machine_only()
            .of(move |b: &Row<'a>| bound(b.value_min)),
        Column::number("value_max", "max")
            .machine_only()
            .of(move |b: &Row<'a>| bound(b.value_max)),
    ]
}
