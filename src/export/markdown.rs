//! Markdown: GitHub-flavoured tables, numeric columns right-aligned
//! (`---:`), headings as `###`, notes as paragraphs; ready to paste.

use super::{
    Block, Column, Exporter, Report, Style, Table, TableInfo, bar, bar_eighths, chart_max,
    chart_value, human_cells, human_header,
};

/// How many characters the longest bar takes in a Markdown chart.
const MARKDOWN_BAR_WIDTH: usize = 30;
use crate::error::Result;

pub struct Markdown;

/// Escapes what would break a table cell.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|")
}

impl Exporter for Markdown {
    fn render(&self, report: &dyn Report, _table: &TableInfo, style: Style) -> Result<String> {
        let mut out = String::new();
        for block in report.view().blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            match block {
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
                Block::Table(table) => out.push_str(&markdown_table(&table, style)),
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
        .map(|c| escape(&human_header(c, style.unit)))
        .collect();
    out.push_str(&format!("| {} |\n", headers.join(" | ")));
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| if c.numeric { "---:" } else { ":---" })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    let footer_start = table.rows.len();
    for (i, row) in human_cells(table, style.unit).iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if i >= footer_start && !c.is_empty() {
                    format!("**{}**", escape(c))
                } else {
                    escape(c)
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
