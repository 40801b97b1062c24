//! Markdown: GitHub-flavoured tables, numeric columns right-aligned
//! (`---:`), headings as `###`, notes as paragraphs; ready to paste.

use super::{Block, Exporter, Report, Style, TableInfo, human_cells, human_header};
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
                Block::Table(table) => {
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
                    let body = human_cells(&table, style.unit);
                    let footer_start = table.rows.len();
                    for (i, row) in body.iter().enumerate() {
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
                }
            }
        }
        Ok(out)
    }
}
