//! The human format: headings and notes as lines, tables drawn by
//! comfy-table with numbers right-aligned and thousands separators. Colour
//! (bold headers, red failures, green passes) only when `style.color`.

use comfy_table::{
    Attribute, Cell as TableCell, CellAlignment, Color, ColumnConstraint, ContentArrangement,
    Table as ComfyTable, Width, presets,
};

use super::human::{
    Survey, bar, bar_eighths, chart_value, human_cells, human_header, human_row, human_view,
};
use super::{Block, Cell, Exporter, Frame, Grid, Report, Style};
use std::io::Write;

use unicode_width::UnicodeWidthStr;

pub struct Terminal;

/// The longest text a table cell shows (comfy-table counts widths in
/// 16 bits).
const MAX_CELL_CHARS: usize = 4_096;

/// The narrowest a text column gets when a table must fit a width.
const MIN_TEXT_WIDTH: usize = 10;

impl Exporter for Terminal {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        sink: &mut dyn Write,
    ) -> std::io::Result<()> {
        for block in human_view(report, frame.subject).blocks {
            write_block(block, frame.style, sink)?;
        }
        Ok(())
    }
}

/// Writes one block. Without colour or a width to fit, a table is written
/// row by row (a listing of millions is never held as text); otherwise
/// comfy-table lays it out.
fn write_block(block: Block<'_>, style: Style, sink: &mut dyn Write) -> std::io::Result<()> {
    match block {
        Block::Grid(table) if !style.color && style.width.is_none() => {
            let survey = Survey::of(&table, style.unit);
            plain_grid(&table, &survey, style, sink)?;
            if let Some(note) = survey.footnote() {
                writeln!(sink, "{note}")?;
            }
            Ok(())
        }
        Block::Chart(table) => chart(&table, style, sink),
        block => sink.write_all(block_text(block, style).as_bytes()),
    }
}

/// A table as lines, the way comfy-table draws `UTF8_FULL_CONDENSED`
/// without colour or wrapping, written as it goes: the column widths come
/// from a first pass over the cells, the lines from a second.
fn plain_grid(
    table: &Grid<'_>,
    survey: &Survey,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let columns = survey.shown_columns();
    let mut texts = Vec::new();
    let text_of = |row: &[Cell<'_>], texts: &mut Vec<String>| {
        super::human::human_row_into(table, row, style.unit, &survey.places, texts);
        for text in texts {
            cut(text);
        }
    };
    let headers: Vec<String> = columns
        .iter()
        .map(|&i| human_header(&table.columns[i], style.unit))
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in table.all_rows() {
        text_of(&row, &mut texts);
        for (k, &i) in columns.iter().enumerate() {
            widths[k] = widths[k].max(display_width(&texts[i]));
        }
    }
    let rule = |left: &str, fill: &str, join: &str, right: &str| {
        let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
        format!("{left}{}{right}\n", parts.join(join))
    };
    let mut text = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = (usize, &str)>,
                    out: &mut dyn Write|
     -> std::io::Result<()> {
        text.clear();
        text.push('│');
        for (k, (i, cell)) in cells.enumerate() {
            if k > 0 {
                text.push('┆');
            }
            let pad = widths[k] - display_width(cell);
            text.push(' ');
            if table.columns[i].numeric {
                text.extend(std::iter::repeat_n(' ', pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.extend(std::iter::repeat_n(' ', pad));
            }
            text.push(' ');
        }
        text.push_str("│\n");
        out.write_all(text.as_bytes())
    };
    out.write_all(rule("┌", "─", "┬", "┐").as_bytes())?;
    line(
        &mut columns
            .iter()
            .copied()
            .zip(headers.iter().map(String::as_str)),
        out,
    )?;
    out.write_all(rule("╞", "═", "╪", "╡").as_bytes())?;
    for row in table.all_rows() {
        text_of(&row, &mut texts);
        line(&mut columns.iter().map(|&i| (i, texts[i].as_str())), out)?;
    }
    out.write_all(rule("└", "─", "┴", "┘").as_bytes())
}

/// The columns `text` takes on a terminal (ASCII: its length).
fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// Cuts a cell longer than comfy-table can measure (16-bit widths), with
/// an ellipsis. JSON and CSV carry the whole text.
fn cut(text: &mut String) {
    if text.len() > MAX_CELL_CHARS {
        *text = text.chars().take(MAX_CELL_CHARS).chain(['…']).collect();
    }
}

/// A block as text, with comfy-table for tables (colour, wrapping).
fn block_text(block: Block<'_>, style: Style) -> String {
    let mut out = String::new();
    {
        {
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
                Block::Chart(table) => {
                    let mut text = Vec::new();
                    // Writing to a vector cannot fail.
                    let _ = chart(&table, style, &mut text);
                    out.push_str(&String::from_utf8_lossy(&text));
                }
                Block::Grid(table) => {
                    let survey = Survey::of(&table, style.unit);
                    let footnote = survey.footnote();
                    let (table, places) = super::human::human_table(table, &survey);
                    let mut grid = ComfyTable::new();
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
                    let mut texts = human_cells(&table, style.unit, &places);
                    for text in texts.iter_mut().flatten() {
                        cut(text);
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
                    let footer_start = table.rows.len();
                    for (i, (row, text)) in table.all_rows().zip(texts).enumerate() {
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
    }
    out
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

/// The label of a chart row: its text cells but the value (code and
/// name).
fn chart_label(table: &Grid<'_>, texts: &[String]) -> String {
    let mut label = String::new();
    for (text, _) in texts[..texts.len().saturating_sub(1)]
        .iter()
        .zip(&table.columns)
        .filter(|(_, c)| !c.numeric)
    {
        if !label.is_empty() {
            label.push(' ');
        }
        label.push_str(text);
    }
    label
}

/// Draws a chart, written line by line after a first pass that measures
/// the labels and values.
fn chart(table: &Grid<'_>, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let survey = Survey::of(table, style.unit);
    let texts = |row: &[Cell<'_>]| human_row(table, row, style.unit, &survey.places);
    let header = table
        .columns
        .last()
        .map(|c| human_header(c, style.unit))
        .unwrap_or_default();
    let (mut label_width, mut value_width) = (0, header.chars().count());
    for row in table.rows.iter() {
        let texts = texts(&row);
        label_width = label_width.max(chart_label(table, &texts).chars().count());
        value_width = value_width.max(texts.last().map_or(0, |v| v.chars().count()));
    }
    let bar_width = style
        .width
        .unwrap_or(80)
        .saturating_sub(label_width + value_width + 4)
        .max(10);
    // Padding is written out rather than given to `format!` as a width:
    // a width over 65,535 (a long name from the data) makes `format!` panic.
    let mut line = pad_left(&header, label_width + bar_width + value_width + 4);
    line.push('\n');
    out.write_all(line.as_bytes())?;
    for row in table.rows.iter() {
        let texts = texts(&row);
        let drawn = pad_right(
            &bar(bar_eighths(chart_value(&row), survey.chart_max, bar_width)),
            bar_width,
        );
        let drawn = if style.color {
            format!("\x1b[34m{drawn}\x1b[0m")
        } else {
            drawn
        };
        line = pad_right(&chart_label(table, &texts), label_width);
        line.push_str("  ");
        line.push_str(&drawn);
        line.push_str("  ");
        line.push_str(&pad_left(
            texts.last().map_or("", String::as_str),
            value_width,
        ));
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Column, Format};
    use crate::money::Unit;

    fn style() -> Style {
        Style {
            format: Format::Table,
            unit: Unit::Eur,
            color: false,
            width: None,
            part: None,
        }
    }

    /// The row-by-row writer draws exactly what comfy-table draws.
    #[test]
    fn the_plain_grid_is_comfy_tables_grid() {
        let table = Grid {
            columns: vec![
                Column::number("rank", "#"),
                Column::text("name", "member"),
                Column::money("amount", "amount"),
                Column::text("note", "note").machine_only(),
                Column::number("pct", "share").signed(),
            ],
            rows: vec![
                vec![
                    Cell::Int(1),
                    Cell::text("Ελλάδα"),
                    Cell::Money(rust_decimal::Decimal::new(787_669_283, 0)),
                    Cell::text("hidden"),
                    Cell::Pct(rust_decimal::Decimal::new(53, 2)),
                ],
                vec![
                    Cell::Int(2),
                    Cell::text("日本 (wide)"),
                    Cell::Money(rust_decimal::Decimal::new(4_670, 4)),
                    Cell::Empty,
                    Cell::Pct(rust_decimal::Decimal::new(-3, 2)),
                ],
            ]
            .into(),
            footer: vec![vec![
                Cell::Empty,
                Cell::text("total"),
                Cell::Money(rust_decimal::Decimal::new(787_669_283_467, 3)),
                Cell::Empty,
                Cell::Empty,
            ]],
        };
        let mut plain = Vec::new();
        let survey = Survey::of(&table, style().unit);
        plain_grid(&table, &survey, style(), &mut plain).unwrap();
        let comfy = block_text(Block::Grid(table), style());
        assert_eq!(String::from_utf8(plain).unwrap(), comfy);
    }
}
