//! `safe chart`: a horizontal bar chart in the terminal (or Markdown), and
//! optionally as a standalone SVG file.

use crate::analysis::chart::{By, ChartReport, chart_report};
use crate::dataset::Basis;
use crate::error::Result;
use crate::export::human::UNCONFIRMED_MARK;
use crate::export::output::Fixed;
use crate::export::{Block, Cell, Column, Grid, Report, Rows, Subject, View, svg};
use crate::population;
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
    pub top: Option<usize>,
    /// Also write the chart as SVG to FILE (`-`: SVG on stdout instead)
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Population figures for --by per-capita (CSV code,population)
    #[arg(long, value_name = "FILE")]
    pub population: Option<PathBuf>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let people = population::load(args.population.as_deref())?;
    let report = chart_report(data, args.by, args.top, &people)?;
    let subject = Subject::of(data);
    Ok(match &args.svg {
        // The SVG on standard output, instead of the terminal's chart.
        Some(path) if path.as_os_str() == "-" => Output::document(
            svg::render(&report, title(report.by), &subject),
            Fixed {
                what: "SVG (with --svg -)",
                json: false,
            },
        ),
        Some(path) => {
            let svg = svg::render(&report, title(report.by), &subject);
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

impl Report for ChartReport {
    fn view(&self) -> View<'_> {
        let (column, cell): (Column, fn(rust_decimal::Decimal) -> Cell<'static>) = match self.by {
            By::Amount => (Column::money("value", "amount"), Cell::Money),
            By::Share => (Column::number("value", "share of ceiling"), Cell::Pct),
            By::PerCapita => (Column::euros("value", "per inhabitant"), Cell::Euros),
        };
        let mut blocks = vec![
            Block::Heading(title(self.by).to_string()),
            Block::Chart(Grid {
                columns: vec![
                    Column::text("code", "code"),
                    Column::text("name", "member"),
                    column,
                ],
                rows: Rows::lazy(self.bars.len(), move |i| {
                    let b = &self.bars[i];
                    // Not confirmed: marked after the name in the chart.
                    let shown = if b.basis.confirmed() || b.basis == Basis::Unstated {
                        Cow::Borrowed(b.name.as_str())
                    } else {
                        Cow::Owned(format!("{}{UNCONFIRMED_MARK}", b.name))
                    };
                    vec![
                        Cell::text(b.code.as_str()),
                        Cell::key(b.name.as_str(), shown),
                        cell(b.value),
                    ]
                }),
                footer: Vec::new(),
            }),
        ];
        if self
            .bars
            .iter()
            .any(|b| !b.basis.confirmed() && b.basis != Basis::Unstated)
        {
            blocks.push(Block::Note(format!(
                "{UNCONFIRMED_MARK} not confirmed: a tentative or reported figure, not a Council decision's exact amount."
            )));
        }
        if !self.left_out.is_empty() {
            blocks.push(Block::Note(format!(
                "Not shown: {}.",
                crate::words::some_of(&self.left_out, 30)
            )));
        }
        View { blocks }
    }
}
