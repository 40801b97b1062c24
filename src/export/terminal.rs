//! The human format (`--format table`): headings and notes as lines,
//! tables drawn by comfy-table with numbers right-aligned and thousands
//! separators, charts as bars of block characters. With a width (a
//! terminal's, or `--width`), notes wrap and table headers and text wrap;
//! numbers never split. Colour (bold headers, red failures, green passes)
//! only when `style.color`.

use std::io::Write;

use comfy_table::{
    Attribute, Cell as TableCell, CellAlignment, Color, ColumnConstraint, ContentArrangement,
    Table as ComfyTable, Width, presets,
};
use unicode_width::UnicodeWidthStr;

use super::fit::{self, Choice, Fit};
use super::human::{
    Reader, Survey, bar, bar_eighths, chart_column, chart_value, display_width, human_cells,
    human_header, human_row, human_view, short_header,
};
use super::{Block, Cell, Exporter, Frame, Grid, Report, Style};

pub struct Terminal;

/// The longest text a table cell shows (comfy-table counts widths in
/// 16 bits).
const MAX_CELL_CHARS: usize = 4_096;

/// The narrowest a text column gets when a table must fit a width.
const MIN_TEXT_WIDTH: usize = 10;
/// Words up to this width are kept whole when a column wraps (longer ones,
/// such as a long name, may split).
const MAX_WHOLE_WORD: usize = 16;

/// The narrowest bar (and label) a chart line keeps.
const MIN_BAR: usize = 6;

/// The longest label a chart line shows (the full name is in tables and
/// JSON).
const MAX_CHART_LABEL: usize = 40;

impl Exporter for Terminal {
    fn write(
        &self,
        report: &dyn Report,
        frame: &Frame<'_>,
        sink: &mut dyn Write,
    ) -> std::io::Result<()> {
        for block in human_view(report, frame.subject, frame.style).blocks {
            write_block(block, frame.style, sink)?;
        }
        Ok(())
    }
}

/// Writes one block. A table that fits on one line per row (always
/// without a width; at a width, with the columns that fit) is written row
/// by row, so a listing of millions is never held as text; one whose
/// columns must wrap is laid out by comfy-table.
fn write_block(block: Block<'_>, style: Style, sink: &mut dyn Write) -> std::io::Result<()> {
    match block {
        Block::Part(_) => Ok(()),
        Block::Heading(h) if style.color => writeln!(sink, "\x1b[1m{}\x1b[0m", wrapped(&h, style)),
        Block::Heading(h) | Block::Note(h) => writeln!(sink, "{}", wrapped(&h, style)),
        Block::Grid(table) => {
            let survey = Survey::measured(&table, style);
            match one_line(&table, &survey, style) {
                Some(layout) => {
                    plain_grid(&table, &survey, &layout, style, sink)?;
                    for note in &layout.notes {
                        writeln!(sink, "{}", wrapped(note, style))?;
                    }
                    Ok(())
                }
                None => sink.write_all(wrapping_grid(table, style).as_bytes()),
            }
        }
        Block::Chart(table) => chart(&table, style, sink),
    }
}

/// What a table shows on one line per row: the grid's columns it keeps,
/// their headers (short ones where the full ones do not fit), and the
/// notes under it.
struct Layout {
    columns: Vec<usize>,
    headers: Vec<String>,
    notes: Vec<String>,
}

/// The table on one line per row: every column people see without a
/// width; at a width, the most important columns that fit (a note names
/// those left out). `None` when even the essential ones do not fit, or a
/// sentence kept must wrap.
fn one_line(table: &Grid<'_>, survey: &Survey, style: Style) -> Option<Layout> {
    let shown = survey.shown_columns();
    let headers: Vec<String> = shown
        .iter()
        .map(|&i| human_header(&table.columns[i], style.unit))
        .collect();
    let mut notes = survey.footnotes(Reader::Terminal);
    let Some(width) = style.width else {
        return Some(Layout {
            columns: shown,
            headers,
            notes,
        });
    };
    let fits = fits(table, &shown, &headers, &survey.widths, style);
    let choice = fit::choose(&fits, width)?;
    let wraps = (0..fits.len()).any(|k| choice.keep[k] && fits[k].cells < survey.widths[shown[k]]);
    if choice.width > width || wraps {
        return None;
    }
    let headers = chosen_headers(table, &shown, headers, &choice, style);
    notes.extend(left_out_note(&headers, &choice, width));
    let kept = |k: &usize| choice.keep[*k];
    Some(Layout {
        columns: (0..shown.len()).filter(kept).map(|k| shown[k]).collect(),
        headers: (0..shown.len())
            .filter(kept)
            .map(|k| headers[k].clone())
            .collect(),
        notes,
    })
}

/// What the choice of columns at a width needs to know of the grid's
/// `columns` (with these headers, and their cells' widest in `widest`, by
/// the grid's positions).
fn fits(
    table: &Grid<'_>,
    columns: &[usize],
    headers: &[String],
    widest: &[usize],
    style: Style,
) -> Vec<Fit> {
    columns
        .iter()
        .zip(headers)
        .map(|(&i, header)| {
            let c = &table.columns[i];
            // A total row's label stays: the column that holds it is kept.
            let label = table.footer.iter().any(|row| {
                matches!(&row[i], Cell::Text(t) if !t.is_empty()) || matches!(row[i], Cell::Key(_))
            });
            Fit {
                priority: if label { 0 } else { c.priority },
                // Sentences wrap: they count at the width they wrap to.
                cells: if c.prose {
                    widest[i].min(super::view::PROSE_WIDTH)
                } else {
                    widest[i]
                },
                header: display_width(header),
                short: display_width(&short_header(c, style.unit)),
            }
        })
        .collect()
}

/// The headers with the short ones the choice took.
fn chosen_headers(
    table: &Grid<'_>,
    columns: &[usize],
    headers: Vec<String>,
    choice: &Choice,
    style: Style,
) -> Vec<String> {
    columns
        .iter()
        .zip(headers)
        .zip(&choice.short)
        .map(|((&i, h), &short)| {
            if short {
                short_header(&table.columns[i], style.unit)
            } else {
                h
            }
        })
        .collect()
}

/// `text` wrapped at spaces to the style's width (unchanged without one);
/// a word longer than the width (a number) is never split.
fn wrapped(text: &str, style: Style) -> std::borrow::Cow<'_, str> {
    match style.width {
        Some(width) if text.width() > width => std::borrow::Cow::Owned(textwrap::fill(
            text,
            textwrap::Options::new(width)
                .break_words(false)
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .word_splitter(textwrap::WordSplitter::NoHyphenation),
        )),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// A table as lines, the way comfy-table draws `UTF8_FULL_CONDENSED`
/// on one line per row (in colour: bold headers and totals, green and red
/// checks), written as it goes: the column widths come from the survey,
/// the lines from one pass over the rows.
fn plain_grid(
    table: &Grid<'_>,
    survey: &Survey,
    layout: &Layout,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let columns = &layout.columns;
    let widths: Vec<usize> = columns
        .iter()
        .zip(&layout.headers)
        .map(|(&i, h)| h.width().max(survey.widths[i]))
        .collect();
    let rule = |left: &str, fill: &str, join: &str, right: &str| {
        let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
        format!("{left}{}{right}\n", parts.join(join))
    };
    // A cell's colour as comfy-table writes it (crossterm's codes): the
    // padded cell between them.
    let paint = |cell: Option<&Cell<'_>>, bold: bool| -> (&str, &str) {
        if !style.color {
            return ("", "");
        }
        match (cell, bold) {
            (Some(Cell::Check(true)), false) => ("\x1b[38;5;10m", "\x1b[39m"),
            (Some(Cell::Check(true)), true) => ("\x1b[38;5;10m\x1b[1m", "\x1b[0m"),
            (Some(Cell::Check(false)), _) => ("\x1b[38;5;9m\x1b[1m", "\x1b[0m"),
            (_, true) => ("\x1b[1m", "\x1b[0m"),
            (_, false) => ("", ""),
        }
    };
    let line = |cells: &mut dyn Iterator<Item = (usize, &str, (&str, &str))>, text: &mut String| {
        text.push('│');
        for (k, (i, cell, (start, end))) in cells.enumerate() {
            if k > 0 {
                text.push('┆');
            }
            let pad = widths[k].saturating_sub(display_width(cell));
            text.push_str(start);
            text.push(' ');
            if table.columns[i].numeric {
                text.extend(std::iter::repeat_n(' ', pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.extend(std::iter::repeat_n(' ', pad));
            }
            text.push(' ');
            text.push_str(end);
        }
        text.push_str("│\n");
    };
    let mut head = rule("┌", "─", "┬", "┐");
    line(
        &mut columns
            .iter()
            .zip(&layout.headers)
            .map(|(&i, h)| (i, h.as_str(), paint(None, true))),
        &mut head,
    );
    head.push_str(&rule("╞", "═", "╪", "╡"));
    out.write_all(head.as_bytes())?;
    // The body's lines are made on every core, in chunks, and written in
    // order; the footer's (totals) are bold.
    let shown = survey.shown.as_slice();
    let lines = |rows: &mut dyn Iterator<Item = std::borrow::Cow<'_, [Cell<'_>]>>, bold: bool| {
        let mut text = String::new();
        let mut texts = Vec::new();
        for row in rows {
            super::human::human_row_into(
                table,
                &row,
                style.unit,
                &survey.places,
                Some(shown),
                &mut texts,
            );
            line(
                &mut columns
                    .iter()
                    .map(|&i| (i, texts[i].as_str(), paint(row.get(i), bold))),
                &mut text,
            );
        }
        text
    };
    crate::parallel::in_order(
        table.rows.len(),
        |range| lines(&mut table.rows.range(range), false),
        |text| out.write_all(text.as_bytes()),
    )?;
    let footer = lines(
        &mut table
            .footer
            .iter()
            .map(|r| std::borrow::Cow::Borrowed(&r[..])),
        true,
    );
    out.write_all(footer.as_bytes())?;
    out.write_all(rule("└", "─", "┴", "┘").as_bytes())
}

/// Cuts a cell longer than comfy-table can measure (16-bit widths), with
/// an ellipsis. JSON and CSV carry the whole text.
fn cut(text: &mut String) {
    if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
        *text = text.chars().take(MAX_CELL_CHARS).chain(['…']).collect();
    }
}

/// The width of the longest word of `text` (where a header may wrap).
fn longest_word(text: &str) -> usize {
    text.split(' ').map(display_width).max().unwrap_or(0)
}

/// The width of the longest word of `text` that holds a digit (a number
/// a column must keep whole).
fn longest_number(text: &str) -> usize {
    text.split(' ')
        .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
        .map(display_width)
        .max()
        .unwrap_or(0)
}

/// A table whose essential columns do not fit a width on one line per
/// row, laid out by comfy-table: headers and text wrap, each column at its
/// narrowest (a number's whole width, a header's longest word, a text's
/// first few characters); a table that cannot fit even so becomes
/// records of every column.
fn wrapping_grid(table: Grid<'_>, style: Style) -> String {
    let survey = Survey::of(&table, style);
    let mut notes = survey.footnotes(Reader::Terminal);
    let (table, places) = super::human::human_table(table, &survey);
    let headers: Vec<String> = table
        .columns
        .iter()
        .map(|c| human_header(c, style.unit))
        .collect();
    let mut texts = human_cells(&table, style.unit, &places);
    for text in texts.iter_mut().flatten() {
        cut(text);
    }
    let width = style.width.unwrap_or(usize::MAX);
    let columns: Vec<usize> = (0..table.columns.len()).collect();
    let widest: Vec<usize> = columns
        .iter()
        .map(|&i| {
            texts
                .iter()
                .filter_map(|r| r.get(i))
                .map(|t| display_width(t))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fits = fits(&table, &columns, &headers, &widest, style);
    let choice = fit::choose(&fits, width).unwrap_or_else(|| fit::essential(&fits));
    let all_headers = headers.clone();
    let headers = chosen_headers(&table, &columns, headers, &choice, style);
    let narrowest: Vec<usize> = columns
        .iter()
        .map(|&i| {
            let cells = texts.iter().filter_map(|r| r.get(i));
            let cell = if table.columns[i].numeric {
                cells.map(|t| display_width(t)).max().unwrap_or(0)
            } else {
                cells
                    .map(|t| {
                        display_width(t)
                            .min(MIN_TEXT_WIDTH)
                            .max(longest_number(t))
                            .max(longest_word(t).min(MAX_WHOLE_WORD))
                    })
                    .max()
                    .unwrap_or(0)
            };
            cell.max(longest_word(&headers[i]))
        })
        .collect();
    let least: usize = (0..narrowest.len())
        .filter(|&i| choice.keep[i])
        .map(|i| narrowest[i] + 3)
        .sum::<usize>()
        + 1;
    if least > width {
        return records(&all_headers, texts, table.rows.len(), &notes, style, width);
    }
    notes.extend(left_out_note(&headers, &choice, width));
    let footer_start = table.rows.len();
    drawn(
        &table,
        texts,
        &headers,
        &choice.keep,
        Some((width, &narrowest)),
        footer_start,
        &notes,
        style,
    )
}

/// The note under a table that leaves columns out: which, and the width
/// that shows them all.
fn left_out_note(headers: &[String], choice: &Choice, width: usize) -> Option<String> {
    let out: Vec<&str> = headers
        .iter()
        .zip(&choice.keep)
        .filter(|(_, k)| !**k)
        .map(|(h, _)| h.as_str())
        .collect();
    (!out.is_empty()).then(|| {
        format!(
            "Not shown at {width} columns: {}. --width {} shows every column (CSV and JSON hold them all).",
            out.join("; "),
            choice.full
        )
    })
}

/// Draws the `keep` columns with comfy-table: on one line per row, or,
/// with `wrap` (a width and each column's narrowest), wrapped to fit.
#[allow(clippy::too_many_arguments)]
fn drawn(
    table: &Grid<'_>,
    texts: Vec<Vec<String>>,
    headers: &[String],
    keep: &[bool],
    wrap: Option<(usize, &[usize])>,
    footer_start: usize,
    footnotes: &[String],
    style: Style,
) -> String {
    let mut grid = ComfyTable::new();
    grid.load_style(presets::UTF8_FULL_CONDENSED);
    if style.color {
        grid.enforce_styling();
    } else {
        grid.force_no_tty();
    }
    if let Some((width, _)) = wrap {
        grid.set_content_arrangement(ContentArrangement::Dynamic);
        grid.set_width(u16::try_from(width).unwrap_or(u16::MAX));
    }
    let shown: Vec<usize> = (0..headers.len()).filter(|&i| keep[i]).collect();
    grid.set_header(shown.iter().map(|&i| {
        let cell = TableCell::new(&headers[i]);
        let cell = if table.columns[i].numeric {
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
    for (n, (row, mut text)) in table.all_rows().zip(texts).enumerate() {
        grid.add_row(shown.iter().map(|&col| {
            let mut out = TableCell::new(std::mem::take(&mut text[col]));
            if table.columns[col].numeric {
                out = out.set_alignment(CellAlignment::Right);
            }
            if style.color {
                match row[col] {
                    Cell::Check(true) => out = out.fg(Color::Green),
                    Cell::Check(false) => out = out.fg(Color::Red).add_attribute(Attribute::Bold),
                    _ => {}
                }
                if n >= footer_start {
                    out = out.add_attribute(Attribute::Bold);
                }
            }
            out
        }));
    }
    for (k, &i) in shown.iter().enumerate() {
        if let Some(c) = grid.column_mut(k) {
            c.set_constraint(match wrap {
                // The width counts the cell's padding.
                Some((_, narrowest)) => ColumnConstraint::LowerBoundary(Width::Fixed(
                    u16::try_from(narrowest[i] + 2).unwrap_or(u16::MAX),
                )),
                None => ColumnConstraint::ContentWidth,
            });
        }
    }
    let mut out = grid.to_string();
    out.push('\n');
    for note in footnotes {
        out.push_str(&wrapped(note, style));
        out.push('\n');
    }
    out
}

/// A table too wide for `width` even at its narrowest, as records (as
/// psql's expanded display): one block per row, a line per column, the
/// header on the left and the figure whole on the right.
fn records(
    headers: &[String],
    texts: Vec<Vec<String>>,
    footer_start: usize,
    footnotes: &[String],
    style: Style,
    width: usize,
) -> String {
    let wrap = |text: &str, width: usize| -> Vec<String> {
        textwrap::wrap(
            text,
            textwrap::Options::new(width.max(1))
                .break_words(false)
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .word_splitter(textwrap::WordSplitter::NoHyphenation),
        )
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
    };
    // Figures keep their width; headers wrap to what is left.
    let widest_number = texts
        .iter()
        .flatten()
        .map(|t| longest_number(t))
        .max()
        .unwrap_or(0);
    let longest_header = headers.iter().map(|h| display_width(h)).max().unwrap_or(0);
    let label = longest_header.min(width.saturating_sub(widest_number + 3).max(MIN_TEXT_WIDTH));
    let label = headers
        .iter()
        .flat_map(|h| wrap(h, label))
        .map(|l| display_width(&l))
        .max()
        .unwrap_or(0);
    let value_width = width.saturating_sub(label + 3).max(MIN_TEXT_WIDTH);
    let mut out = String::new();
    for (i, row) in texts.into_iter().enumerate() {
        let title = if i < footer_start {
            format!("─[ row {} ]", i + 1)
        } else {
            "─[ total ]".to_string()
        };
        out.push_str(&title);
        out.push_str(&"─".repeat(width.saturating_sub(display_width(&title))));
        out.push('\n');
        for (header, text) in headers.iter().zip(row) {
            let heads = wrap(header, label);
            let values = wrap(&text, value_width);
            for n in 0..heads.len().max(values.len()) {
                let head = heads.get(n).map_or("", String::as_str);
                let value = values.get(n).map_or("", String::as_str);
                let line = format!("{} │ {value}", pad_right(head, label));
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
    }
    for note in footnotes {
        out.push_str(&wrapped(note, style));
        out.push('\n');
    }
    out
}

/// `text` with spaces after it up to `width` characters.
fn pad_right(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(display_width(text)),
    ));
    out
}

/// `text` with spaces before it up to `width` characters.
fn pad_left(text: &str, width: usize) -> String {
    let mut out: String =
        std::iter::repeat_n(' ', width.saturating_sub(display_width(text))).collect();
    out.push_str(text);
    out
}

/// The label of a chart row: its text cells people see before the value
/// (code and name), cut to [`MAX_CHART_LABEL`] characters with an
/// ellipsis.
fn chart_label(table: &Grid<'_>, texts: &[String]) -> String {
    let value = chart_column(table);
    let mut label = String::new();
    for (text, _) in texts[..value.min(texts.len())]
        .iter()
        .zip(&table.columns)
        .filter(|(_, c)| !c.numeric && c.human)
    {
        if !label.is_empty() {
            label.push(' ');
        }
        label.push_str(text);
    }
    cut_to(label, MAX_CHART_LABEL)
}

/// `label` cut to `width` columns, an ellipsis marking the cut; a mark at
/// its end (`*`: not confirmed) is kept after the ellipsis.
fn cut_to(label: String, width: usize) -> String {
    if display_width(&label) <= width {
        return label;
    }
    if let Some(stem) = label.strip_suffix(super::human::UNCONFIRMED_MARK) {
        let mark = super::human::UNCONFIRMED_MARK;
        let mut out = cut_to(stem.to_string(), width.saturating_sub(display_width(mark)));
        if !out.ends_with('…') {
            out.push('…');
        }
        out.push_str(mark);
        return out;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in label.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Draws a chart, written line by line after a first pass that measures
/// the labels and values: one line per row, `label  bar  value`, the
/// longest bar filling what the width leaves.
/// The widths of a chart's labels (uncut) and values, and the header of
/// its values.
fn chart_measures(table: &Grid<'_>, style: Style, survey: &Survey) -> (usize, usize, String) {
    let column = chart_column(table);
    let header = table
        .columns
        .get(column)
        .map(|c| human_header(c, style.unit))
        .unwrap_or_default();
    let (mut label_width, mut value_width) = (0, display_width(&header));
    for row in table.rows.iter() {
        let texts = human_row(table, &row, style.unit, &survey.places);
        label_width = label_width.max(display_width(&chart_label(table, &texts)));
        value_width = value_width.max(texts.get(column).map_or(0, |v| display_width(v)));
    }
    (label_width, value_width, header)
}

/// The fewest columns a chart of these figures takes: the shortest label
/// and bar, whole figures, and the spaces between.
fn chart_min_width(value_width: usize) -> usize {
    MIN_BAR + 2 + MIN_BAR + 2 + value_width
}

/// A chart the width cannot hold (figures are never cut, nor the marks of
/// labels): a usage error naming the width it needs.
pub(super) fn check_chart_width(report: &dyn Report, style: Style) -> crate::error::Result<()> {
    let Some(width) = style.width else {
        return Ok(());
    };
    for block in report.view().blocks {
        if let Block::Chart(table) = block {
            let survey = Survey::of(&table, style);
            let (_, value_width, _) = chart_measures(&table, style, &survey);
            let needed = chart_min_width(value_width);
            if width < needed {
                return Err(crate::error::Error::usage(format!(
                    "--width {width}: this chart needs at least {needed} columns (its figures are \
                     never cut); use --width {needed} or more"
                )));
            }
        }
    }
    Ok(())
}

fn chart(table: &Grid<'_>, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let survey = Survey::of(table, style);
    let texts = |row: &[Cell<'_>]| human_row(table, row, style.unit, &survey.places);
    let column = chart_column(table);
    let (label_width, value_width, header) = chart_measures(table, style, &survey);
    // The bar gets what the width leaves, and at least MIN_BAR; when even
    // that does not fit, labels are cut (values never are, nor a label's
    // mark).
    let width = style.width.unwrap_or(80);
    let room = width.saturating_sub(value_width + 4);
    let bar_width = room.saturating_sub(label_width).max(MIN_BAR);
    let label_width = label_width.min(room.saturating_sub(bar_width).max(MIN_BAR));
    // Padding is written out rather than given to `format!` as a width:
    // a width over 65,535 makes `format!` panic.
    let mut line = pad_left(&header, label_width + bar_width + value_width + 4);
    line.push('\n');
    out.write_all(line.as_bytes())?;
    for row in table.rows.iter() {
        let texts = texts(&row);
        let drawn = pad_right(
            &bar(bar_eighths(
                chart_value(table, &row),
                survey.chart_max,
                bar_width,
            )),
            bar_width,
        );
        let drawn = if style.color {
            format!("\x1b[34m{drawn}\x1b[0m")
        } else {
            drawn
        };
        line = pad_right(
            &cut_to(chart_label(table, &texts), label_width),
            label_width,
        );
        line.push_str("  ");
        line.push_str(&drawn);
        line.push_str("  ");
        line.push_str(&pad_left(
            texts.get(column).map_or("", String::as_str),
            value_width,
        ));
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    for note in survey.footnotes(Reader::Terminal) {
        writeln!(out, "{}", wrapped(&note, style))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Column;

    fn sample() -> Grid<'static> {
        Grid {
            columns: vec![
                Column::number("rank", "#"),
                Column::text("name", "member"),
                Column::money("amount", "amount"),
                Column::text("note", "note").machine_only(),
                Column::number("pct", "share").priority(3),
                Column::text("ok", "within"),
            ],
            rows: vec![
                vec![
                    Cell::Int(1),
                    Cell::text("Ελλάδα"),
                    Cell::Money(rust_decimal::Decimal::new(787_669_283, 0)),
                    Cell::text("hidden"),
                    Cell::Pct(rust_decimal::Decimal::new(53, 2)),
                    Cell::Check(true),
                ],
                vec![
                    Cell::Int(2),
                    Cell::text("日本 (wide)"),
                    Cell::Money(rust_decimal::Decimal::new(4_670, 4)),
                    Cell::Empty,
                    Cell::Pct(rust_decimal::Decimal::new(-3, 2)),
                    Cell::Check(false),
                ],
            ]
            .into(),
            footer: vec![vec![
                Cell::Empty,
                Cell::text("total"),
                Cell::Money(rust_decimal::Decimal::new(787_669_283_467, 3)),
                Cell::Empty,
                Cell::Empty,
                Cell::Check(true),
            ]],
            json: None,
        }
    }

    /// The row-by-row writer draws exactly what comfy-table draws, with
    /// and without colour, with every column and with those a width keeps.
    #[test]
    fn the_plain_grid_is_comfy_tables_grid() {
        let plain_width = {
            let table = sample();
            let survey = Survey::measured(&table, Style::default());
            let layout = one_line(&table, &survey, Style::default()).unwrap();
            let mut out = Vec::new();
            plain_grid(&table, &survey, &layout, Style::default(), &mut out).unwrap();
            String::from_utf8(out)
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .chars()
                .count()
        };
        for (color, width) in [
            (false, None),
            (true, None),
            (false, Some(plain_width - 1)),
            (true, Some(plain_width - 1)),
        ] {
            let style = Style {
                color,
                width,
                ..Style::default()
            };
            let table = sample();
            let survey = Survey::measured(&table, style);
            let layout = one_line(&table, &survey, style).unwrap();
            let mut plain = Vec::new();
            plain_grid(&table, &survey, &layout, style, &mut plain).unwrap();
            for note in &layout.notes {
                writeln!(plain, "{}", wrapped(note, style)).unwrap();
            }
            if width.is_some() {
                assert!(
                    layout.notes.iter().any(|n| n.starts_with("Not shown")),
                    "{:?}",
                    layout.notes
                );
            }
            // comfy-table, given the same columns and headers.
            let shown = survey.shown_columns();
            let (table, places) = super::super::human::human_table(sample(), &survey);
            let mut texts = human_cells(&table, style.unit, &places);
            for text in texts.iter_mut().flatten() {
                cut(text);
            }
            let keep: Vec<bool> = shown.iter().map(|i| layout.columns.contains(i)).collect();
            let headers: Vec<String> = shown
                .iter()
                .map(|i| match layout.columns.iter().position(|c| c == i) {
                    Some(k) => layout.headers[k].clone(),
                    None => String::new(),
                })
                .collect();
            let comfy = drawn(
                &table,
                texts,
                &headers,
                &keep,
                None,
                table.rows.len(),
                &layout.notes,
                style,
            );
            assert_eq!(
                String::from_utf8(plain).unwrap(),
                comfy,
                "color {color}, width {width:?}"
            );
        }
    }
}
