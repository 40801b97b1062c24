//! The human format: headings and notes as lines, tables drawn by
//! comfy-table with numbers right-aligned and thousands separators. Colour
//! (bold headers, red failures, green passes) only when `style.color`.

use comfy_table::{
    Attribute, Cell as TableCell, CellAlignment, Color, ColumnConstraint, ContentArrangement,
    Table as Grid, Width, presets,
};

use super::{
    Block, Cell, Exporter, Report, Style, Table, TableInfo, bar, bar_eighths, chart_max,
    chart_value, human_cells, human_header,
};
use crate::error::Result;

pub struct HumanTable;

/// The longest text a table cell shows (comfy-table counts widths in
/// 16 bits).
const MAX_CELL_CHARS: usize = 4_096;

/// The narrowest a text column gets when a table must fit a width.
const MIN_TEXT_WIDTH: usize = 10;

impl Exporter for HumanTable {
    fn render(&self, report: &dyn Report, info: &TableInfo, style: Style) -> Result<String> {
        let mut out = String::new();
        for block in super::human_view(report, info).blocks {
            match block {
                Block::Part(_) => {}
                Block::Heading(h) => {
                    if style.color {
                        out.push_str(&format!("\x1b[1m{h}\x1b[0m\n"));
                    } else {
                        out.push_str(&format!("{h}\n"));
                    }
                }
                Block::Note(n) => out.push_str(&format!("{n}\n")),
                Block::Chart(table) => out.push_str(&chart(&table, style)),
                Block::Table(table) => {
                    let footnote = super::basis_footnote(&table);
                    let table = super::human_table(&table);
                    let mut grid = Grid::new();
                    grid.load_style(presets::UTF8_FULL_CONDENSED);
                    if style.color {
                        grid.enforce_styling();
                    } else {
                        grid.force_no_tty();
                    }
                    // Text columns wrap to the width; numbers never do.
                    if let Some(width) = style.width {
                        grid.set_content_arrangement(ContentArrangement::Dynamic);
                        grid.set_width(u16::try_from(width).unwrap_or(u16::MAX));
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
                    let mut texts = human_cells(&table, style.unit);
                    // comfy-table measures widths in 16 bits: a longer cell
                    // (a name from the data) is cut, with an ellipsis. JSON
                    // and CSV carry the whole text.
                    for text in texts.iter_mut().flatten() {
                        if text.len() > MAX_CELL_CHARS {
                            *text = text.chars().take(MAX_CELL_CHARS).chain(['…']).collect();
                        }
                    }
                    let texts_width: Vec<usize> = (0..table.columns.len())
                        .map(|i| {
                            texts
                                .iter()
                                .filter_map(|r| r.get(i))
                                .map(|t| t.chars().count())
                                .chain(std::iter::once(
                                    human_header(&table.columns[i], style.unit).chars().count(),
                                ))
                                .max()
                                .unwrap_or(0)
                        })
                        .collect();
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
                    // Numbers keep their whole width; text columns keep at
                    // least a short word's width and wrap past it.
                    for (i, column) in table.columns.iter().enumerate() {
                        let longest = texts_width[i];
                        if let Some(c) = grid.column_mut(i) {
                            c.set_constraint(if column.numeric {
                                ColumnConstraint::ContentWidth
                            } else {
                                ColumnConstraint::LowerBoundary(Width::Fixed(
                                    // The width counts the cell's padding.
                                    u16::try_from(longest.min(MIN_TEXT_WIDTH) + 2).unwrap_or(1),
                                ))
                            });
                        }
                    }
                    out.push_str(&grid.to_string());
                    out.push('\n');
                    if let Some(note) = footnote {
                        out.push_str(&note);
                        out.push('\n');
                    }
                }
            }
        }
        Ok(out)
    }
}

/// Draws a chart block: one line per row, `label  bar  value`, the longest
/// bar filling what `style.width` leaves after the label and the value.
/// `text` with spaces after it up to `width` characters.
fn pad_right(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(text.chars().count()),
    ));
    out
}

/// `text` with spaces before it up to `width` characters.
fn pad_left(text: &str, width: usize) -> String {
    let mut out: String =
        std::iter::repeat_n(' ', width.saturating_sub(text.chars().count())).collect();
    out.push_str(text);
    out
}

fn chart(table: &Table, style: Style) -> String {
    let texts = human_cells(table, style.unit);
    let label = |row: &[String]| {
        // Every text cell but the value: code and name.
        row[..row.len() - 1]
            .iter()
            .zip(&table.columns)
            .filter(|(_, c)| !c.numeric)
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let labels: Vec<String> = texts.iter().map(|r| label(r)).collect();
    let values: Vec<&str> = texts
        .iter()
        .map(|r| r.last().map_or("", String::as_str))
        .collect();
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let header = table
        .columns
        .last()
        .map(|c| human_header(c, style.unit))
        .unwrap_or_default();
    let value_width = values
        .iter()
        .map(|v| v.chars().count())
        .chain(std::iter::once(header.chars().count()))
        .max()
        .unwrap_or(0);
    let bar_width = style
        .width
        .unwrap_or(80)
        .saturating_sub(label_width + value_width + 4)
        .max(10);
    let max = chart_max(table);
    // Padding is written out rather than given to `format!` as a width:
    // a width over 65,535 (a long name from the data) makes `format!` panic.
    let mut out = pad_left(&header, label_width + bar_width + value_width + 4);
    out.push('\n');
    for ((row, label), value) in table.rows.iter().zip(&labels).zip(&values) {
        let drawn = pad_right(
            &bar(bar_eighths(chart_value(row), max, bar_width)),
            bar_width,
        );
        let drawn = if style.color {
            format!("\x1b[34m{drawn}\x1b[0m")
        } else {
            drawn
        };
        out.push_str(&pad_right(label, label_width));
        out.push_str("  ");
        out.push_str(&drawn);
        out.push_str("  ");
        out.push_str(&pad_left(value, value_width));
        out.push('\n');
    }
    out
}
