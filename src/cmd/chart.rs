//! `safe chart`: a horizontal bar chart in the terminal (or Markdown), and
//! optionally as a standalone SVG file.

use crate::analysis::chart::{By, ChartReport, chart_report};
use crate::cli::ChartArgs;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View, svg};
use crate::population;

use super::{Ctx, Outcome};

pub fn run(args: &ChartArgs, ctx: &Ctx) -> Result<Outcome> {
    let people = population::load(args.population.as_deref())?;
    let report = chart_report(&ctx.data, args.by, args.top, &people)?;
    let mut style = ctx.style;
    if let Some(width) = args.width {
        style.width = usize::from(width);
    }
    match &args.svg {
        Some(path) if path.as_os_str() == "-" => Ok(Outcome {
            stdout: svg::render(&report),
            ..Outcome::default()
        }),
        Some(path) => {
            // Render first, so nothing is written when rendering fails.
            let outcome = ctx.emit_styled(&report, style)?;
            crate::sink::write_atomic(path, svg::render(&report).as_bytes())?;
            Ok(outcome)
        }
        None => ctx.emit_styled(&report, style),
    }
}

impl Report for ChartReport {
    fn command(&self) -> &'static str {
        "chart"
    }

    fn view(&self) -> View {
        let (column, cell): (Column, fn(rust_decimal::Decimal) -> Cell) = match self.by {
            By::Amount => (Column::money("value", "amount"), Cell::Money),
            By::Share => (Column::number("value", "share of ceiling"), Cell::Pct),
            By::PerCapita => (Column::money("value", "per inhabitant"), Cell::Money),
        };
        let mut blocks = vec![
            Block::Heading(format!("{} ({})", self.title, self.fund)),
            Block::Chart(Table {
                columns: vec![
                    Column::text("code", "code"),
                    Column::text("name", "member"),
                    column,
                ],
                rows: self
                    .bars
                    .iter()
                    .map(|b| vec![Cell::text(&b.code), Cell::text(&b.name), cell(b.value)])
                    .collect(),
                footer: Vec::new(),
            }),
        ];
        if !self.left_out.is_empty() {
            blocks.push(Block::Note(format!(
                "Not shown: {}.",
                self.left_out.join(", ")
            )));
        }
        View { blocks }
    }
}
