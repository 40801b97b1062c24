//! Markdown: GitHub-flavoured tables, numeric columns right-aligned
//! (`---:`), headings as `###`, notes as paragraphs; ready to paste.

use super::{
    Block, Column, Report, Style, Table, TableInfo, TextExporter, bar, bar_eighths, chart_max,
    chart_value, human_cells, human_header,
};

/// How many characters the longest bar takes in a Markdown chart.
const MARKDOWN_BAR_WIDTH: usize = 30;
use crate::error::Result;

pub struct Markdown;

/// Escapes what would break a table cell.
/// Escapes any text for Markdown (see [`crate::text::escape_markdown`]).
fn escape(text: &str) -> String {
    crate::text::escape_markdown(text).into_owned()
}

impl TextExporter for Markdown {
    fn text(&self, report: &dyn Report, info: &TableInfo, style: Style) -> Result<String> {
        let mut out = String::new();
        for block in super::human_view(report, info).blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            match block {
                Block::Part(_) => continue,
                Block::Heading(h) => out.push_str(&format!("### {}\n", escape(&h))),
                Block::Note(n) => out.push_str(&format!("{}\n", escape(&n))),
                Block::Chart(mut table) => {
                    // The bars become one more text column.
                    let max = chart_max(&table);
                    for row in &mut table.rows {
                        let eighths = bar_eighths(chart_value(row), max, MARKDOWN_BAR_WIDTH);
                        row.push(super::Cell::Text(bar(eighths)));
                    }
                    table.columns.push(Column::text("bar", "bar"));
                    out.push_str(&markdown_table(&table, style));
                }
                Block::Table(table) => {
                    out.push_str(&markdown_table(&super::human_table(&table), style));
                    if let Some(note) = super::basis_footnote(&table) {
                        out.push('\n');
                        out.push_str(&note);
                        out.push('\n');
                    }
                }
            }
        }
        Ok(out)
    }
}

/// A GitHub-flavoured table: `---:` under numeric columns, footer rows bold.
fn markdown_table(table: &Table, style: Style) -> String {
    let mut out = String::new();
    let headers: Vec<String> = table
        .columns
        .iter()
        .map(|c| human_header(c, style.unit).replace('|', "\\|"))
        .collect();
    out.push_str(&format!("| {} |\n", headers.join(" | ")));
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| if c.numeric { "---:" } else { ":---" })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    let footer_start = table.rows.len();
    let typed = table.rows.iter().chain(&table.footer);
    for (i, (row, typed)) in human_cells(table, style.unit).iter().zip(typed).enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(typed)
            .map(|(c, cell)| {
                // Text from the data file is escaped; numbers and labels
                // safe makes only need their column breaks escaped.
                let c = match cell {
                    super::Cell::Text(_) | super::Cell::Basis(_) | super::Cell::Key(..) => {
                        escape(c)
                    }
                    _ => c.replace('|', "\\|"),
                };
                if i >= footer_start && !c.is_empty() {
                    format!("**{c}**")
                } else {
                    c
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
