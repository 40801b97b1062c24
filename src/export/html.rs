//! One self-contained HTML5 page of a table (`safe report`): inline CSS,
//! SVG and icon, no script, nothing loaded from outside but the links a
//! reader follows, written as it goes. The sections are other commands'
//! reports, rendered from the same views as the terminal tables (so no
//! figure is computed twice); all text is escaped, and a minus is U+2212,
//! never split from its figure.
//!
//! A table takes the space it has (a container query): the full table
//! where it fits, a narrower one without its minor columns (whose figures
//! go in the row's details) where it does not, stacked rows (each figure
//! on its own line, with its column's name) on a phone; a table that
//! cannot fit even so scrolls in a focusable, labelled region. No word is
//! ever broken: text wraps at spaces. Print (A4) shows every column and
//! every note. The page says when it was made and by which `safe`, where
//! each figure comes from (with links where the address is known), and
//! carries its table as a CSV download that `safe --data` reads back.

use std::io::Write;

use super::human::{Reader, Survey, human_cells, human_header, human_table, human_view};
use super::output::Document;
use super::svg::Chart;
use super::{Block, Cell, Grid, Report, Style, Subject};
use crate::dataset::{Allocation, Basis};
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
    /// The members whose provenance the page gives (the ranking's), in its
    /// order.
    pub sources: Vec<&'a Allocation>,
    /// The table as CSV (what `safe table --format csv` writes), for the
    /// page's download link.
    pub csv: String,
    /// When the page is made (`SOURCE_DATE_EPOCH`, or today).
    pub made: crate::clock::Day,
}

/// The icon, inline (a browser asks for /favicon.ico otherwise), every
/// space escaped as a URL must have it.
const ICON: &str = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%2016%2016'\
%3E%3Crect%20width='16'%20height='16'%20rx='3'%20fill='%231f4e8c'/%3E%3Crect%20x='3'%20y='\
4'%20width='10'%20height='2'%20fill='%23fff'/%3E%3Crect%20x='3'%20y='7'%20width='7'%20heig\
ht='2'%20fill='%23fff'/%3E%3Crect%20x='3'%20y='10'%20width='4'%20height='2'%20fill='%23fff\
'/%3E%3C/svg%3E";

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
  "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.25rem 0 0.5rem; }
.fund { margin: 0.5rem 0 0; color: var(--muted); font-weight: 600; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--accent); }
p, li, dd, figcaption { max-width: 60rem; overflow-wrap: break-word; }
.muted, .note { color: var(--muted); font-size: 0.92rem; }
.nobr { white-space: nowrap; }
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
td.num, th.num, td.key { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 700; }
.pass { color: var(--pass); font-weight: 700; }
.fail { color: var(--fail); font-weight: 700; }
.undetermined { font-weight: 700; font-style: italic; }
.more { display: none; }
.more summary { color: var(--accent); cursor: pointer; white-space: nowrap; }
.more dl { margin: 0.25rem 0 0; }
.more dt { color: var(--muted); }
.more dd { margin: 0 0 0.25rem; white-space: nowrap; }
.more dd.prose { white-space: normal; overflow-wrap: normal; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
  gap: 0.75rem; padding: 0; list-style: none; }
.headline li { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
.headline .label { display: block; color: var(--muted); }
.headline .value { display: block; font-size: 1.3rem; font-weight: 700;
  font-variant-numeric: tabular-nums; }
.headline .exact { display: block; font-size: 0.85rem; color: var(--muted);
  font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { display: block; width: 100%; max-width: 400px; height: auto;
  border: 1px solid var(--line); border-radius: 6px; }
dl.legend, dl.sources { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.legend dt, dl.sources dt { font-weight: 600; }
dl.sources dd { margin: 0; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 40rem) {
  .scroll > table, .scroll > table > tbody, .scroll > table > tfoot, .scroll > table tr,
  .scroll > table td { display: block; width: 100%; }
  .scroll > table > caption { display: block; }
  .scroll > table > thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  .scroll > table tr { border-bottom: 1px solid var(--line); padding: 0.35rem 0; }
  .scroll > table td { display: flex; justify-content: space-between; gap: 1rem; border: 0;
    padding: 0.1rem 0; text-align: right; }
  .scroll > table td.minor { display: flex; }
  .scroll > table td.more { display: none; }
  .scroll > table td::before { content: attr(data-label); color: var(--muted); text-align: left;
    font-weight: 400; }
  .scroll > table td.key { display: inline; width: auto; font-weight: 700; padding-right: 0.4rem; }
  .scroll > table td.key::before { content: none; }
  .scroll > table td.key.num::before { content: "#"; color: var(--muted); font-weight: 400; }
  .scroll > table > tfoot tr { border-top: 2px solid var(--line); }
}
@media (max-width: 40rem) {
  body { padding: 0.5rem; font-size: 15px; }
  dl.legend, dl.sources { grid-template-columns: 1fr; }
  dl.sources dd { margin-bottom: 0.5rem; }
}
@media print {
  @page { size: A4; margin: 15mm; }
  :root { --fg: #000; --bg: #fff; --muted: #333; --line: #999; --row: #eee; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .scroll { overflow: visible; background: none; }
  table { page-break-inside: auto; font-size: 8pt; }
  th, td { padding: 0.2rem 0.3rem; }
  tr { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
  .more summary { display: none; }
  .more details::details-content { content-visibility: visible; display: block; }
  figure svg { max-width: 110mm; }
  a { color: inherit; text-decoration: none; }
}"##;

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
<title>{}</title>\n<link rel=\"icon\" href=\"{ICON}\">\n<style>{CSS}\n{}</style>\n</head>\n<body>\n<header>",
        escape_xml(&format!("{}: {title}", table.fund.name)),
        width_rules()
    )?;
    writeln!(
        out,
        "<p class=\"fund\">{}</p>",
        escape_xml(&table.fund.name)
    )?;
    writeln!(out, "<h1>{}</h1>", typeset(&title))?;
    writeln!(
        out,
        "<p class=\"table-line\">{}</p>",
        typeset(&super::provenance::table_line(table))
    )?;
    provenance(out, table)?;
    made(out, page)?;
    writeln!(out, "</header>\n<main>")?;
    headline(out, page.headline.as_ref(), table, page.style)?;
    for section in &page.sections {
        writeln!(
            out,
            "<section id=\"{0}\" aria-labelledby=\"{0}-h\">\n<h2 id=\"{0}-h\">{1}</h2>",
            section.id,
            typeset(&section.title)
        )?;
        if let Some(lead) = &section.lead {
            writeln!(out, "<p>{}</p>", typeset(lead))?;
        }
        blocks(out, section, table, page.style)?;
        writeln!(out, "</section>")?;
        if section.id == page.chart_after {
            chart(out, &page.chart)?;
        }
    }
    sources(out, &page.sources)?;
    legend(out)?;
    writeln!(
        out,
        "</main>\n<footer>\n<p>{}</p>\n</footer>\n</body>\n</html>",
        typeset(
            "Figures are as exact as the table's: a figure marked ≈ comes from rounded amounts, \
             and its exact value lies within the bounds shown beside it; percentages are rounded \
             half-to-even to 2 places; compact amounts (€43.7bn) are rounded for reading, with \
             the stated figure to the euro beside them. Figures marked * are not confirmed: \
             tentative or reported figures, not a Council decision's exact amount."
        )
    )
}

/// When the page was made and by which `safe`, and its table to take
/// away: a CSV download that `safe --data` reads back.
fn made(out: &mut dyn Write, page: &Page<'_>) -> std::io::Result<()> {
    let id = page
        .subject
        .edition
        .as_ref()
        .and_then(|e| e.id.as_deref())
        .unwrap_or("table");
    writeln!(
        out,
        "<p class=\"muted\">Made on <span class=\"nobr\">{}</span> with safe {}. \
<a download=\"safe-{}.csv\" href=\"data:text/csv;charset=utf-8,{}\">Download the table (CSV)</a>, \
which <code class=\"nobr\">safe --data</code> reads back.</p>",
        page.made,
        env!("CARGO_PKG_VERSION"),
        escape_xml(id),
        percent_encoded(page.csv.as_bytes())
    )
}

/// `bytes` for a `data:` URL: every byte but letters, digits and `-._~`
/// percent-encoded (a URL holds no raw space, quote or line end).
fn percent_encoded(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A source's words, linked when its address is an `https:` one (any
/// other text from a data file stays text).
fn linked(text: &str, url: Option<&str>) -> String {
    match url.filter(|u| is_https(u)) {
        Some(url) => format!("<a href=\"{}\">{}</a>", escape_xml(url), typeset(text)),
        None => typeset(text),
    }
}

/// Whether `url` is an `https:` address a link may carry.
fn is_https(url: &str) -> bool {
    url.strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
}

/// Where each figure of the ranking comes from: basis, decision date,
/// pre-financing, source (linked where its address is known) and note,
/// a member to an entry (the ranking's names link here).
fn sources(out: &mut dyn Write, members: &[&Allocation]) -> std::io::Result<()> {
    if members.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section id=\"sources\" aria-labelledby=\"sources-h\">\n\
<h2 id=\"sources-h\">Where each figure comes from</h2>\n<dl class=\"sources\">"
    )?;
    for a in members {
        let p = a.provenance.as_deref();
        let mut facts = vec![format!(
            "{}{}",
            escape_xml(a.basis.label()),
            if a.basis.marked() { "*" } else { "" }
        )];
        if let Some(day) = p.and_then(|p| p.decided.as_deref()) {
            facts.push(format!(
                "decided <span class=\"nobr\">{}</span>",
                escape_xml(day)
            ));
        }
        if let Some(pre) = p.and_then(|p| p.prefinancing) {
            facts.push(format!(
                "{} <span class=\"nobr\">{}</span>",
                typeset("pre-financing"),
                typeset(&crate::money::format_short(pre))
            ));
        }
        let mut lines = vec![facts.join(" · ")];
        if let Some(source) = p.and_then(|p| p.source.as_deref()) {
            lines.push(format!(
                "Source: {}",
                linked(source, p.and_then(|p| p.url.as_deref()))
            ));
        }
        if let Some(note) = p.and_then(|p| p.note.as_deref()) {
            lines.push(format!("Note: {}", typeset(note)));
        }
        writeln!(
            out,
            "<dt id=\"src-{}\">{} {}</dt><dd>{}</dd>",
            escape_xml(&a.code),
            escape_xml(&a.code),
            typeset(&crate::export::human::cut_text(&a.name)),
            lines.join("<br>\n")
        )?;
    }
    writeln!(out, "</dl>\n</section>")
}

/// What a row's basis means, always shown (and printed).
fn legend(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "<section id=\"bases\" aria-labelledby=\"bases-h\">\n\
<h2 id=\"bases-h\">What a row's basis means</h2>\n<dl class=\"legend\">"
    )?;
    for basis in Basis::ALL {
        let mark = if basis.marked() { "*" } else { "" };
        writeln!(
            out,
            "<dt>{}{mark}</dt><dd>{}</dd>",
            typeset(basis.label()),
            typeset(basis.describe())
        )?;
    }
    writeln!(out, "</dl>\n</section>")
}

/// The fund, the edition and its source (linked where its address is
/// known), and how many figures are confirmed.
fn provenance(out: &mut dyn Write, table: &Subject) -> std::io::Result<()> {
    let fund = &table.fund;
    let mut facts = Vec::new();
    if let Some(basis) = &fund.legal_basis {
        // The regulation's own text, on EUR-Lex.
        let url = basis
            .contains(crate::dataset::REGULATION)
            .then_some(crate::dataset::REGULATION_URL);
        facts.push(format!("Legal basis: {}", linked(basis, url)));
    }
    match &table.edition {
        Some(e) => {
            let id =
                e.id.as_deref()
                    .map(|id| format!("{id}, "))
                    .unwrap_or_default();
            facts.push(typeset(&format!(
                "Edition: {id}{}, as of {}",
                e.status, e.as_of
            )));
            facts.push(format!("Source: {}", linked(&e.source, e.url.as_deref())));
        }
        None => facts.push(typeset(&format!(
            "Table: {}",
            super::provenance::table_name(table)
        ))),
    }
    writeln!(out, "<p class=\"muted\">{}</p>", facts.join("<br>\n"))?;
    writeln!(
        out,
        "<p class=\"muted\">{} of {} figures confirmed (<a href=\"#bases\">what a basis means</a>, \
<a href=\"#sources\">where each figure comes from</a>).</p>",
        table.confirmed, table.member_count
    )
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
                typeset(&big)
            )?;
            if let Some(exact) = exact {
                write!(out, "<span class=\"exact\">{}</span>", typeset(&exact))?;
            }
            if let Some(range) = rest.first().filter(|r| r.as_str() != "–") {
                write!(
                    out,
                    "<span class=\"exact\">within rounding: {}</span>",
                    typeset(range)
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
            typeset(note)
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
    // The page names its table once, in its header.
    let table_line = super::provenance::table_line(info);
    for block in human_view(section.report.as_ref(), info, style).blocks {
        match block {
            Block::Part(_) | Block::Chart(_) => {}
            Block::Heading(h) => caption = Some(h),
            // The edition's note is in the headline already.
            Block::Note(n) if n.starts_with("Note") || n == table_line => {}
            Block::Note(n) => writeln!(out, "<p class=\"note\">{}</p>", typeset(&n))?,
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

/// Text for the page (see [`crate::escape::page_text`]), a word with a
/// hyphen or a sign in it (`2026-04-10`, `pre-financing`, `−€2,134`) kept
/// on one line: a browser would break it after the hyphen.
fn typeset(text: &str) -> String {
    // Hyphens, minus signs and dashes between words or figures
    // (`EU–Canada`, `19–21`) are places a browser may break a line.
    const JOINERS: [char; 3] = ['-', '\u{2212}', '\u{2013}'];
    let text = crate::escape::page_text(text);
    if !text.contains(JOINERS) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 32);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.contains(JOINERS) {
            out.push_str("<span class=\"nobr\">");
            out.push_str(word);
            out.push_str("</span>");
        } else {
            out.push_str(word);
        }
    }
    out
}

/// The width rules of the page's tables, by the screen a table needs in
/// full (`full-K`: K rem): below it, its minor columns go and their
/// figures show in each row's details (media queries: the W3C checker
/// does not know container queries yet).
fn width_rules() -> String {
    let mut css = String::new();
    for k in (FULL_FROM..=FULL_TO).step_by(2) {
        css.push_str(&format!(
            "@media (max-width: {k}rem) {{ .full-{k} .minor {{ display: none; }} \
             .full-{k} .more {{ display: table-cell; }} }}\n"
        ));
    }
    css
}

/// The range of screen widths a table's class names (in rem); a table
/// that needs more than the page's widest (72rem) is narrow everywhere.
const FULL_FROM: usize = 20;
const FULL_TO: usize = 200;

/// How wide a table needs to be to show every column on one line a cell
/// (headers wrap at spaces), in em, estimated from its texts: a
/// character about 0.6 em at the table's size, a cell's padding 1.25 em.
fn full_width(headers: &[String], texts: &[Vec<String>], shown: &[usize]) -> f64 {
    shown
        .iter()
        .map(|&i| {
            let cells = texts
                .iter()
                .filter_map(|r| r.get(i))
                .map(|t| super::human::display_width(t))
                .max()
                .unwrap_or(0);
            let header = headers[i]
                .split(' ')
                .map(super::human::display_width)
                .max()
                .unwrap_or(0);
            cells.max(header) as f64 * 0.6 + 1.25
        })
        .sum()
}

/// One table: a caption (or the section's heading as its name), column
/// headers with `scope`, numbers right-aligned with tabular figures, each
/// cell labelled with its column for the stacked layout, the footer rows
/// in `<tfoot>`; minor columns (a priority of 3 or more) marked, and
/// repeated in each row's details for when the table is too narrow for
/// them; inside a focusable region that scrolls when it must.
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
    let headers: Vec<String> = table
        .columns
        .iter()
        .map(|c| human_header(c, style.unit))
        .collect();
    let texts = human_cells(&table, style.unit, &places);
    let minor: Vec<bool> = table
        .columns
        .iter()
        .map(|c| c.priority >= 3 && !is_key(c.key))
        .collect();
    let all: Vec<usize> = (0..headers.len()).collect();
    let has_minor = minor.iter().any(|&m| m);
    let class = if has_minor {
        // The screen it needs: the table at its font (0.95rem), and the
        // page's padding; past the page's widest, every screen.
        let needed = (full_width(&headers, &texts, &all) * 0.95 + 2.5).ceil() as usize;
        let k = if needed > 72 {
            FULL_TO
        } else {
            (needed.div_ceil(2) * 2).max(FULL_FROM)
        };
        format!(" class=\"full-{k}\"")
    } else {
        String::new()
    };
    writeln!(
        out,
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{} (scrolls sideways when wider than the screen)\">",
        escape_xml(&name)
    )?;
    match caption {
        Some(c) => writeln!(out, "<table{class}>\n<caption>{}</caption>", typeset(c))?,
        None => writeln!(out, "<table{class} aria-labelledby=\"{}-h\">", section.id)?,
    }
    write!(out, "<thead><tr>")?;
    for (i, (c, header)) in table.columns.iter().zip(&headers).enumerate() {
        let classes = [c.numeric.then_some("num"), minor[i].then_some("minor")];
        write!(
            out,
            "<th scope=\"col\"{}>{}</th>",
            class_attr(&classes),
            escape_xml(header)
        )?;
    }
    if has_minor {
        write!(out, "<th scope=\"col\" class=\"more\">details</th>")?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    let footer_start = table.rows.len();
    let code_at = table.columns.iter().position(|c| c.key == "code");
    let linked = section.id == "ranking";
    for (i, (row, text)) in table.all_rows().zip(&texts).enumerate() {
        if i == footer_start {
            writeln!(out, "</tbody>\n<tfoot>")?;
        }
        let code = code_at
            .and_then(|at| text.get(at))
            .filter(|c| !c.is_empty() && i < footer_start && linked);
        match code {
            Some(code) => write!(out, "<tr id=\"rank-{}\">", escape_xml(code))?,
            None => write!(out, "<tr>")?,
        }
        for (col, (cell, text)) in row.iter().zip(text).enumerate() {
            let column = &table.columns[col];
            let classes = [
                column.numeric.then_some("num"),
                (is_key(column.key) && i < footer_start).then_some("key"),
                minor[col].then_some("minor"),
                match cell {
                    Cell::Check(true) => Some("pass"),
                    Cell::Check(false) => Some("fail"),
                    Cell::Verdict("undetermined") => Some("undetermined"),
                    _ => None,
                },
            ];
            let content = cell_content(text, code.filter(|_| column.key == "name"));
            write!(
                out,
                "<td{} data-label=\"{}\">{content}</td>",
                class_attr(&classes),
                escape_xml(&headers[col]),
            )?;
        }
        if has_minor {
            details(out, &table, &headers, &minor, text)?;
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
        writeln!(out, "<p class=\"note\">{}</p>", typeset(&note))?;
    }
    Ok(())
}

/// A cell's text for the page: typeset, a member's name linked to where
/// its figure comes from (`linked`: its code). Text and unbreakable spans
/// together go in one element: as a card, a cell lays its label and its
/// content out as two flex items.
fn cell_content(text: &str, linked: Option<&String>) -> String {
    let content = match linked {
        Some(code) => format!(
            "<a href=\"#src-{}\">{}</a>",
            escape_xml(code),
            typeset(text)
        ),
        None => typeset(text),
    };
    let whole = content.matches("<span").count() == 1
        && content.starts_with("<span")
        && content.ends_with("</span>");
    if content.contains("<span") && !whole {
        format!("<span>{content}</span>")
    } else {
        content
    }
}

/// A row's minor columns again, in its details, for a table too narrow
/// for them: figures stay on one line, sentences wrap at spaces.
fn details(
    out: &mut dyn Write,
    table: &Grid<'_>,
    headers: &[String],
    minor: &[bool],
    text: &[String],
) -> std::io::Result<()> {
    write!(
        out,
        "<td class=\"more\" data-label=\"details\"><details><summary>more</summary><dl>"
    )?;
    for (col, text) in text.iter().enumerate().filter(|(c, _)| minor[*c]) {
        let wraps = if table.columns[col].prose {
            " class=\"prose\""
        } else {
            ""
        };
        write!(
            out,
            "<dt>{}</dt><dd{wraps}>{}</dd>",
            escape_xml(&headers[col]),
            typeset(text)
        )?;
    }
    write!(out, "</dl></details></td>")
}

/// ` class="a b"` of the classes given, or nothing.
fn class_attr(classes: &[Option<&str>]) -> String {
    let names: Vec<&str> = classes.iter().flatten().copied().collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", names.join(" "))
    }
}

/// The chart, inline: the drawing `safe chart --svg` writes, sized by the
/// page.
fn chart(out: &mut dyn Write, chart: &Chart<'_>) -> std::io::Result<()> {
    writeln!(out, "<figure id=\"chart\">")?;
    chart.write_to(out)?;
    writeln!(
        out,
        "<figcaption class=\"muted\">The ranking as bars: hatched bars are not confirmed, a \
whisker spans the bounds of a rounded figure (≈), drawn at least 3 px wide; each name leads to \
its row of the ranking, which gives the exact figure.</figcaption>\n</figure>"
    )
}
