//! The human format: headings and notes as lines, tables drawn by
//! comfy-table with numbers right-aligned and thousands separators. Colour
//! (bold headers, red failures, green passes) only when `style.color`.

use comfy_table::{
    Attribute, Cell as TableCell, CellAlignment, Color, ContentArrangement, Table as Grid, presets,
};

use super::{Block, Cell, Exporter, Report, Style, TableInfo, human_cells, human_header};
use crate::error::Result;

pub struct HumanTable;

impl Exporter for HumanTable {
    fn render(&self, report: &dyn Report, _table: &TableInfo, style: Style) -> Result<String> {
        let mut out = String::new();
        for block in report.view().blocks {
            match block {
                Block::Heading(h) => {
                    if style.color {
                        out.push_str(&format!("\x1b[1m{h}\x1b[0m\n"));
                    } else {
                        out.push_str(&format!("{h}\n"));
                    }
                }
                Block::Note(n) => out.push_str(&format!("{n}\n")),
                Block::Table(table) => {
                    let mut grid = Grid::new();
                    grid.load_style(presets::UTF8_FULL_CONDENSED);
                    if style.color {
                        grid.enforce_styling();
                        grid.set_content_arrangement(ContentArrangement::Dynamic);
                    } else {
                        grid.force_no_tty();
                    }
                    grid.set_header(table.columns.iter().map(|c| {
                        let cell = TableCell::new(human_header(c, style.unit));
                        let cell = if c.numeric {
                            cell.set_alignment(CellAlignment::Right)
                        } else {
                            cell
                        };
                        if style.color {
                            cell.add_attribute(Attribute::Bold)
                        } else {
                            cell
                        }
                    }));
                    let texts = human_cells(&table, style.unit);
                    let typed = table.rows.iter().chain(&table.footer);
                    let footer_start = table.rows.len();
                    for (i, (row, text)) in typed.zip(texts).enumerate() {
                        grid.add_row(row.iter().zip(text).enumerate().map(
                            |(col, (cell, text))| {
                                let mut out = TableCell::new(text);
                                if table.columns[col].numeric {
                                    out = out.set_alignment(CellAlignment::Right);
                                }
                                if style.color {
                                    match cell {
                                        Cell::Check(true) => out = out.fg(Color::Green),
                                        Cell::Check(false) => {
                                            out = out.fg(Color::Red).add_attribute(Attribute::Bold)
                                        }
                                        _ => {}
                                    }
                                    if i >= footer_start {
                                        out = out.add_attribute(Attribute::Bold);
                                    }
                                }
                                out
                            },
                        ));
                    }
                    out.push_str(&grid.to_string());
                    out.push('\n');
                }
            }
        }
        Ok(out)
    }
}
