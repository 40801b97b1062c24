//! Markdown: GitHub-flavoured tables, numeric columns right-aligned
//! (`---:`), headings as `###`, notes as paragraphs; ready to paste.

use std::io::Write;

use super::human::{
    Reader, Survey, bar, bar_eighths, chart_column, human_header, human_row_into, human_view,
};
use super::{Block, Cell, Exporter, Frame, Grid, Report, Style};

/// How many characters the longest bar takes in a Markdown chart.
const MARKDOWN_BAR_WIDTH: usize = 30;

pub struct Markdown;

/// Escapes any text for Markdown (see [`crate::escape::escape_markdown`]).
fn escape(text: &str) -> String {
    crate::escape::escape_markdown(text).into_owned()
}

impl Exporter for Markdown {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut first = true;
        for block in human_view(report, frame.subject, frame.style).blocks {
            if matches!(block, Block::Part(_)) {
                continue;
            }
            if !first {
                out.write_all(b"\n")?;
            }
            first = false;
            write_block(block, frame.style, out)?;
        }
        Ok(())
    }
}

/// One block, tables written row by row.
fn write_block(block: Block<'_>, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    match block {
        Block::Part(_) => Ok(()),
        Block::Heading(h) => writeln!(out, "### {}", escape(&h)),
        Block::Note(n) => writeln!(out, "{}", escape(&n)),
        Block::Chart(table) => {
            let survey = Survey::of(&table, style);
            let max = survey.chart_max;
            let column = chart_column(&table);
            let bars = move |row: &[Cell<'_>]| {
                let value = row.get(column).and_then(Cell::value).unwrap_or_default();
                bar(bar_eighths(value, max, MARKDOWN_BAR_WIDTH))
            };
            markdown_table(&table, &survey, Some(&bars), style, out)?;
            footnotes(&survey, out)
        }
        Block::Grid(table) => {
            let survey = Survey::of(&table, style);
            markdown_table(&table, &survey, None, style, out)?;
            footnotes(&survey, out)
        }
    }
}

/// What a table's marks mean, each a paragraph of its own (escaped: a
/// note starting `* ` would otherwise be a bullet).
fn footnotes(survey: &Survey, out: &mut dyn Write) -> std::io::Result<()> {
    for note in survey.footnotes(Reader::Terminal) {
        writeln!(out, "\n{}", escape(&note))?;
    }
    Ok(())
}

/// Draws a chart row's bar.
type Bars = dyn Fn(&[Cell<'_>]) -> String;

/// A Markdown table of the shown columns; `bars`, for a chart, adds a last
/// column drawing each row's value.
fn markdown_table(
    table: &Grid<'_>,
    survey: &Survey,
    bars: Option<&Bars>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let columns = survey.shown_columns();
    let mut headers: Vec<String> = columns
        .iter()
        .map(|&i| human_header(&table.columns[i], style.unit).replace('|', "\\|"))
        .collect();
    let mut rule: Vec<&str> = columns
        .iter()
        .map(|&i| {
            if table.columns[i].numeric {
                "---:"
            } else {
                ":---"
            }
        })
        .collect();
    if bars.is_some() {
        headers.push("bar".to_string());
        rule.push(":---");
    }
    writeln!(out, "| {} |", headers.join(" | "))?;
    writeln!(out, "|{}|", rule.join("|"))?;
    let footer_start = table.rows.len();
    let mut texts = Vec::new();
    for (n, typed) in table.all_rows().enumerate() {
        human_row_into(
            table,
            &typed,
            style.unit,
            &survey.places,
            Some(&survey.shown),
            &mut texts,
        );
        let mut cells: Vec<String> = columns
            .iter()
            .map(|&i| {
                let c = match &typed[i] {
                    Cell::Text(_) | Cell::Basis(_) | Cell::Key(..) | Cell::Verdict(_) => {
                        escape(&texts[i])
                    }
                    _ => texts[i].replace('|', "\\|"),
                };
                if n >= footer_start && !c.is_empty() {
                    format!("**{c}**")
                } else {
                    c
                }
            })
            .collect();
        if let Some(bars) = bars {
            cells.push(bars(&typed));
        }
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}
