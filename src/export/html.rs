//! One self-contained HTML5 page of a table (`safe report`): inline CSS,
//! SVG and icon, no script, nothing loaded from outside, written as it
//! goes. The sections are other commands' reports, rendered from the same
//! views as the terminal tables (so no figure is computed twice); all
//! text is escaped. On a narrow screen every table becomes stacked rows
//! (each figure on its own line, with its column's name), so nothing
//! scrolls sideways; on a wide one a table that still overflows scrolls
//! in a focusable, labelled region with shadows at the edge that has more.

use std::io::Write;

use super::human::{
    Reader, Survey, human_cells, human_header, human_row_into, human_table, human_view,
};
use super::output::Document;
use super::svg::Chart;
use super::{Block, Cell, Grid, Report, Style, Subject};
use crate::dataset::Basis;
use crate::escape::escape_xml;
use crate::money::format_compact;

/// A section of the page: a heading and a report shown by its view.
pub struct Section<'a> {
    /// The element id (`rules`, `ranking`, …).
    pub id: &'static str,
    pub title: String,
    /// A sentence under the heading.
    pub lead: Option<String>,
    pub report: Box<dyn Report + 'a>,
}

/// What the page holds, computed by the command.
pub struct Page<'a> {
    /// The table the page is about.
    pub subject: Subject,
    pub style: Style,
    /// The headline figures (the `total` report).
    pub headline: Box<dyn Report + 'a>,
    pub sections: Vec<Section<'a>>,
    /// The bar chart, as `safe chart --svg` draws it.
    pub chart: Chart<'a>,
    /// Where the chart goes: after the section with this id.
    pub chart_after: &'static str,
}

/// The icon, inline (a browser asks for /favicon.ico otherwise).
const ICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E\
%3Crect width='16' height='16' rx='3' fill='%231f4e8c'/%3E\
%3Crect x='3' y='4' width='10' height='2' fill='%23fff'/%3E\
%3Crect x='3' y='7' width='7' height='2' fill='%23fff'/%3E\
%3Crect x='3' y='10' width='4' height='2' fill='%23fff'/%3E%3C/svg%3E";

const CSS: &str = r##"
:root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --muted: #4d4d4d;
  --line: #d0d0d0; --accent: #1f4e8c; --pass: #1b6e2f; --fail: #b00020; --row: #f4f6f9;
  --shadow: rgba(0, 0, 0, 0.28); }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececec; --bg: #15181c; --muted: #b8b8b8; --line: #3a3f46;
    --accent: #8db4ea; --pass: #6fd08c; --fail: #ff8a8a; --row: #1f242a;
    --shadow: rgba(255, 255, 255, 0.3); }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; font: 16px/1.5 system-ui, -apple-system,
  "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg);
  overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.25rem 0 0.5rem; }
.fund { margin: 0.5rem 0 0; color: var(--muted); font-weight: 600; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--accent); }
p, li { max-width: 60rem; }
.muted, .note { color: var(--muted); font-size: 0.92rem; }
.scroll { overflow-x: auto; margin: 0.5rem 0 1rem;
  background: linear-gradient(to right, var(--bg) 30%, transparent),
    linear-gradient(to left, var(--bg) 30%, transparent) 100% 0,
    radial-gradient(farthest-side at 0 50%, var(--shadow), transparent),
    radial-gradient(farthest-side at 100% 50%, var(--shadow), transparent) 100% 0;
  background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
  background-attachment: local, local, scroll, scroll; }
.scroll:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
thead th { background: var(--row); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: 700; }
.pass { color: var(--pass); font-weight: 700; }
.fail { color: var(--fail); font-weight: 700; }
.undetermined { font-weight: 700; font-style: italic; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr));
  gap: 0.75rem; padding: 0; list-style: none; }
.headline li { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
.headline .label { display: block; color: var(--muted); }
.headline .value { display: block; font-size: 1.3rem; font-weight: 700;
  font-variant-numeric: tabular-nums; }
.headline .exact { display: block; font-size: 0.85rem; color: var(--muted);
  font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { display: block; width: 100%; max-width: 40rem; height: auto;
  border: 1px solid var(--line); border-radius: 6px; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.legend dt { font-weight: 600; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 40rem) {
  body { padding: 0.5rem; font-size: 15px; }
  .scroll { overflow-x: visible; background: none; }
  table, tbody, tfoot, tr, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
    white-space: nowrap; }
  tr { border-bottom: 1px solid var(--line); padding: 0.35rem 0; }
  td { display: flex; justify-content: space-between; gap: 1rem; border: 0; padding: 0.1rem 0;
    text-align: right; }
  td.num { white-space: normal; }
  td::before { content: attr(data-label); color: var(--muted); text-align: left;
    font-weight: 400; }
  td.key { display: inline; width: auto; font-weight: 700; padding-right: 0.4rem; }
  td.key::before { content: none; }
  td.key.num::before { content: "#"; color: var(--muted); font-weight: 400; }
  tfoot tr { border-top: 2px solid var(--line); }
  dl.legend { grid-template-columns: 1fr; }
}
@media print {
  @page { size: A4; margin: 15mm; }
  :root { --fg: #000; --bg: #fff; --muted: #333; --line: #999; --row: #eee; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .scroll { overflow: visible; background: none; }
  table { page-break-inside: auto; font-size: 9pt; }
  tr { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
  figure svg { max-height: 200mm; }
}
"##;

impl Document for Page<'_> {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        write_page(self, out)
    }
}

/// The page's heading: the edition's title (or the fund's name), and
/// the fund above it.
fn heading(table: &Subject) -> String {
    match table.edition.as_ref().and_then(|e| e.title.clone()) {
        Some(title) => title,
        None => table.fund.name.clone(),
    }
}

fn write_page(page: &Page<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let table = &page.subject;
    let title = heading(table);
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<link rel=\"icon\" href=\"{ICON}\">\n<style>{CSS}</style>\n</head>\n<body>\n<header>",
        escape_xml(&format!("{}: {title}", table.fund.name))
    )?;
    writeln!(
        out,
        "<p class=\"fund\">{}</p>",
        escape_xml(&table.fund.name)
    )?;
    writeln!(out, "<h1>{}</h1>", escape_xml(&title))?;
    writeln!(
        out,
        "<p class=\"table-line\">{}</p>",
        escape_xml(&super::provenance::table_line(table))
    )?;
    provenance(out, table)?;
    writeln!(out, "</header>\n<main>")?;
    headline(out, page.headline.as_ref(), table, page.style)?;
    for section in &page.sections {
        writeln!(
            out,
            "<section id=\"{0}\" aria-labelledby=\"{0}-h\">\n<h2 id=\"{0}-h\">{1}</h2>",
            section.id,
            escape_xml(&section.title)
        )?;
        if let Some(lead) = &section.lead {
            writeln!(out, "<p>{}</p>", escape_xml(lead))?;
        }
        blocks(out, section, table, page.style)?;
        writeln!(out, "</section>")?;
        if section.id == page.chart_after {
            chart(out, &page.chart)?;
        }
    }
    writeln!(
        out,
        "</main>\n<footer>\n<p>Made with safe. Figures are as exact as the table's: a figure \
marked ≈ comes from rounded amounts, and its exact value lies within the bounds shown beside it; \
percentages are rounded half-to-even to 2 places; compact amounts (€43.7bn) are rounded for \
reading, with the stated figure to the euro beside them. Figures marked * are not confirmed: \
tentative or reported figures, not a Council decision's exact amount.</p>\n</footer>\n</body>\n</html>"
    )
}

/// The fund, the edition, its source and note, and the basis legend.
fn provenance(out: &mut dyn Write, table: &Subject) -> std::io::Result<()> {
    let fund = &table.fund;
    let mut facts = Vec::new();
    if let Some(basis) = &fund.legal_basis {
        facts.push(format!("Legal basis: {basis}"));
    }
    match &table.edition {
        Some(e) => {
            let id =
                e.id.as_deref()
                    .map(|id| format!("{id}, "))
                    .unwrap_or_default();
            facts.push(format!("Edition: {id}{}, as of {}", e.status, e.as_of));
            facts.push(format!("Source: {}", e.source));
        }
        None => facts.push(format!("Table: {}", table.origin)),
    }
    let facts: Vec<String> = facts.iter().map(|f| escape_xml(f).into_owned()).collect();
    writeln!(out, "<p class=\"muted\">{}</p>", facts.join("<br>\n"))?;
    writeln!(
        out,
        "<p class=\"muted\">{} of {} figures confirmed.</p>",
        table.confirmed, table.member_count
    )?;
    writeln!(
        out,
        "<details>\n<summary>What a row's basis means</summary>\n<dl class=\"legend\">"
    )?;
    for basis in Basis::ALL {
        let mark = if basis.marked() { "*" } else { "" };
        writeln!(
            out,
            "<dt>{}{mark}</dt><dd>{}</dd>",
            basis.label(),
            escape_xml(basis.describe())
        )?;
    }
    writeln!(out, "</dl>\n</details>")
}

/// The headline figures as cards (from the `total` report's table): a
/// compact amount to read, the exact figure and its bounds beside it.
fn headline(
    out: &mut dyn Write,
    report: &dyn Report,
    table: &Subject,
    style: Style,
) -> std::io::Result<()> {
    writeln!(
        out,
        "<section id=\"headline\" aria-labelledby=\"headline-h\">\n<h2 id=\"headline-h\">Headline figures</h2>\n<ul class=\"headline\">"
    )?;
    let view = report.view();
    for block in &view.blocks {
        let Block::Grid(t) = block else { continue };
        let survey = Survey::of(t, style);
        let rows: Vec<_> = t.rows.iter().collect();
        let texts = human_cells(t, style.unit, &survey.places);
        for (row, text) in rows.iter().zip(texts) {
            let [label, value, rest @ ..] = text.as_slice() else {
                continue;
            };
            let euros = row.get(1).and_then(Cell::euros);
            // "exact" only for a figure whose bounds are a point; a rounded
            // one is the stated figure, its bounds beside it.
            let rounded = matches!(row.get(1), Some(Cell::Rounded(_) | Cell::Approx(_)));
            let (big, exact) = match euros {
                Some(d) if d.abs() >= rust_decimal::Decimal::from(10_000) => (
                    format!("{}{}", if rounded { "≈" } else { "" }, format_compact(d)),
                    Some(format!(
                        "{} {}",
                        if rounded { "stated" } else { "exact" },
                        value.trim_start_matches('≈')
                    )),
                ),
                _ => (value.clone(), None),
            };
            write!(
                out,
                "<li><span class=\"label\">{}</span><span class=\"value\">{}</span>",
                escape_xml(label),
                escape_xml(&big)
            )?;
            if let Some(exact) = exact {
                write!(out, "<span class=\"exact\">{}</span>", escape_xml(&exact))?;
            }
            if let Some(range) = rest.first().filter(|r| r.as_str() != "–") {
                write!(
                    out,
                    "<span class=\"exact\">within rounding: {}</span>",
                    escape_xml(range)
                )?;
            }
            writeln!(out, "</li>")?;
        }
    }
    writeln!(out, "</ul>")?;
    if let Some(note) = table.edition.as_ref().and_then(|e| e.note.as_ref()) {
        writeln!(
            out,
            "<p class=\"note\">About these figures: {}</p>",
            escape_xml(note)
        )?;
    }
    writeln!(out, "</section>")
}

/// A section's report as HTML: its notes, and its tables captioned by
/// the view's headings (or named by the section's heading when it has
/// none, so no title shows twice).
fn blocks(
    out: &mut dyn Write,
    section: &Section<'_>,
    info: &Subject,
    style: Style,
) -> std::io::Result<()> {
    let mut caption: Option<String> = None;
    let mut tables = 0;
    for block in human_view(section.report.as_ref(), info, style).blocks {
        match block {
            Block::Part(_) | Block::Chart(_) => {}
            Block::Heading(h) => caption = Some(h),
            // The edition's note is in the headline already.
            Block::Note(n) if n.starts_with("Note") => {}
            Block::Note(n) => writeln!(out, "<p class=\"note\">{}</p>", escape_xml(&n))?,
            Block::Grid(t) => {
                tables += 1;
                let name = caption.take();
                html_table(out, t, section, name.as_deref(), tables, style)?;
            }
        }
    }
    Ok(())
}

/// Columns that name a row (shown as the row's heading when stacked).
fn is_key(key: &str) -> bool {
    matches!(key, "rank" | "code" | "name" | "metric" | "id")
}

/// One table: a caption (or the section's heading as its name), column
/// headers with `scope`, numbers right-aligned with tabular figures, each
/// cell labelled with its column for the stacked layout, the footer rows
/// in `<tfoot>`; inside a focusable region that scrolls when it must.
fn html_table(
    out: &mut dyn Write,
    table: Grid<'_>,
    section: &Section<'_>,
    caption: Option<&str>,
    nth: usize,
    style: Style,
) -> std::io::Result<()> {
    let survey = Survey::of(&table, style);
    let footnotes = survey.footnotes(Reader::Page);
    let (table, places) = human_table(table, &survey);
    // Each region's name is its own (a section's second table is named
    // as such).
    let name = match (caption, nth) {
        (Some(c), _) => c.to_string(),
        (None, 1) => section.title.clone(),
        (None, n) => format!("{}, table {n}", section.title),
    };
    writeln!(
        out,
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{} (scrolls sideways when wider than the screen)\">",
        escape_xml(&name)
    )?;
    match caption {
        Some(c) => writeln!(out, "<table>\n<caption>{}</caption>", escape_xml(c))?,
        None => writeln!(out, "<table aria-labelledby=\"{}-h\">", section.id)?,
    }
    let headers: Vec<String> = table
        .columns
        .iter()
        .map(|c| human_header(c, style.unit))
        .collect();
    write!(out, "<thead><tr>")?;
    for (c, header) in table.columns.iter().zip(&headers) {
        let class = if c.numeric { " class=\"num\"" } else { "" };
        write!(out, "<th scope=\"col\"{class}>{}</th>", escape_xml(header))?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    let footer_start = table.rows.len();
    let mut text = Vec::new();
    for (i, row) in table.all_rows().enumerate() {
        human_row_into(&table, &row, style.unit, &places, None, &mut text);
        if i == footer_start {
            writeln!(out, "</tbody>\n<tfoot>")?;
        }
        write!(out, "<tr>")?;
        for (col, (cell, text)) in row.iter().zip(&text).enumerate() {
            let column = &table.columns[col];
            let mut classes = Vec::new();
            if column.numeric {
                classes.push("num");
            }
            if is_key(column.key) && i < footer_start {
                classes.push("key");
            }
            match cell {
                Cell::Check(true) => classes.push("pass"),
                Cell::Check(false) => classes.push("fail"),
                Cell::Verdict("undetermined") => classes.push("undetermined"),
                _ => {}
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            write!(
                out,
                "<td{class} data-label=\"{}\">{}</td>",
                escape_xml(&headers[col]),
                escape_xml(text)
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    if !table.footer.is_empty() {
        writeln!(out, "</tfoot>")?;
    } else {
        writeln!(out, "</tbody>")?;
    }
    writeln!(out, "</table>\n</div>")?;
    for note in footnotes {
        writeln!(out, "<p class=\"note\">{}</p>", escape_xml(&note))?;
    }
    Ok(())
}

/// The chart, inline: the drawing `safe chart --svg` writes, sized by the
/// page.
fn chart(out: &mut dyn Write, chart: &Chart<'_>) -> std::io::Result<()> {
    writeln!(out, "<figure id=\"chart\">")?;
    chart.write_to(out)?;
    writeln!(
        out,
        "<figcaption class=\"muted\">The ranking as bars: hatched bars are not confirmed, \
whiskers span the bounds of a rounded figure; each bar's tooltip gives its exact amount.</figcaption>\n</figure>"
    )
}
