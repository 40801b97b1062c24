//! One self-contained HTML5 page of a table (`safe report`): inline CSS and
//! SVG, no script, nothing loaded from outside. The sections are other
//! commands' reports, rendered from the same views as the terminal tables
//! (so no figure is computed twice); all text is escaped.

use super::human::{Reader, Survey, human_cells, human_header, human_table, human_view};
use super::{Block, Cell, Grid, Report, Style, Subject};
use crate::dataset::Basis;
use crate::escape::escape_xml;

/// A section of the page: a heading and a report shown by its view.
pub struct Section<'a> {
    /// The element id (`rules`, `ranking`, …).
    pub id: &'static str,
    pub title: String,
    /// A sentence under the heading.
    pub lead: Option<String>,
    pub report: &'a dyn Report,
}

/// What the page holds, computed by the command.
pub struct Page<'a> {
    pub title: String,
    /// The headline figures (the `total` report).
    pub headline: &'a dyn Report,
    pub sections: Vec<Section<'a>>,
    /// The bar chart, as `safe chart --svg` writes it.
    pub chart_svg: String,
    /// Where the chart goes: after the section with this id.
    pub chart_after: &'static str,
}

const CSS: &str = r#"
:root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --muted: #4d4d4d;
  --line: #d0d0d0; --accent: #1f4e8c; --pass: #1b6e2f; --fail: #b00020; --row: #f4f6f9; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececec; --bg: #15181c; --muted: #b8b8b8; --line: #3a3f46;
    --accent: #8db4ea; --pass: #6fd08c; --fail: #ff8a8a; --row: #1f242a; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; font: 16px/1.5 system-ui, -apple-system,
  "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
p, li { max-width: 60rem; }
.muted, .note { color: var(--muted); font-size: 0.92rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { background: var(--row); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: 700; }
.pass { color: var(--pass); font-weight: 700; }
.fail { color: var(--fail); font-weight: 700; }
.headline { display: flex; flex-wrap: wrap; gap: 0.75rem; padding: 0; list-style: none; }
.headline li { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem;
  min-width: 12rem; }
.headline .value { display: block; font-size: 1.3rem; font-weight: 700;
  font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.legend dt { font-weight: 600; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 40rem) { body { padding: 0.5rem; font-size: 15px; } th, td { padding: 0.25rem 0.4rem; } }
@media print {
  @page { size: A4; margin: 15mm; }
  :root { --fg: #000; --bg: #fff; --muted: #333; --line: #999; --row: #eee; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .scroll { overflow: visible; }
  table { page-break-inside: auto; font-size: 9pt; }
  tr { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
  figure svg { max-height: 120mm; }
}
"#;

/// Renders the page.
pub fn render(page: &Page<'_>, table: &Subject, style: Style) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape_xml(&page.title)));
    out.push_str(&format!(
        "<style>{CSS}</style>\n</head>\n<body>\n<header>\n"
    ));
    out.push_str(&format!("<h1>{}</h1>\n", escape_xml(&page.title)));
    provenance(&mut out, table);
    out.push_str("</header>\n<main>\n");
    headline(&mut out, page.headline, table, style);
    for section in &page.sections {
        out.push_str(&format!(
            "<section id=\"{}\" aria-labelledby=\"{}-h\">\n<h2 id=\"{}-h\">{}</h2>\n",
            section.id,
            section.id,
            section.id,
            escape_xml(&section.title)
        ));
        if let Some(lead) = &section.lead {
            out.push_str(&format!("<p>{}</p>\n", escape_xml(lead)));
        }
        blocks(&mut out, section.report, table, style, &section.title);
        out.push_str("</section>\n");
        if section.id == page.chart_after {
            chart(&mut out, &page.chart_svg);
        }
    }
    out.push_str("</main>\n<footer>\n<p>Made with <code>safe</code>. Figures are exact; percentages are rounded half-to-even to 2 places. ");
    out.push_str("Rows marked * are not confirmed: tentative or reported figures, not a Council decision's exact amount.</p>\n</footer>\n</body>\n</html>\n");
    out
}

/// The fund, the edition, its source and note, and the basis legend.
fn provenance(out: &mut String, table: &Subject) {
    let fund = &table.fund;
    let mut facts = vec![format!("Fund: {}", fund.name)];
    if let Some(basis) = &fund.legal_basis {
        facts.push(format!("Legal basis: {basis}"));
    }
    match &table.edition {
        Some(e) => {
            let name = e.id.as_deref().or(e.title.as_deref()).unwrap_or("");
            facts.push(format!("Edition: {name} ({}), as of {}", e.status, e.as_of));
            if let Some(title) = e.title.as_ref().filter(|_| e.id.is_some()) {
                facts.push(title.clone());
            }
            facts.push(format!("Source: {}", e.source));
        }
        None => facts.push(format!("Grid: {}", table.origin)),
    }
    out.push_str("<p class=\"muted\">");
    out.push_str(
        &facts
            .iter()
            .map(|f| escape_xml(f).into_owned())
            .collect::<Vec<_>>()
            .join("<br>\n"),
    );
    out.push_str("</p>\n");
    out.push_str(&format!(
        "<p class=\"muted\">{} of {} figures confirmed.</p>\n",
        table.confirmed, table.member_count
    ));
    out.push_str("<details>\n<summary>What a row's basis means</summary>\n<dl class=\"legend\">\n");
    for basis in Basis::ALL {
        let mark = if basis.confirmed() { "" } else { "*" };
        out.push_str(&format!(
            "<dt>{}{mark}</dt><dd>{}</dd>\n",
            basis.label(),
            escape_xml(basis.describe())
        ));
    }
    out.push_str("</dl>\n</details>\n");
}

/// The headline figures as cards (from the `total` report's table).
fn headline(out: &mut String, report: &dyn Report, table: &Subject, style: Style) {
    out.push_str("<section id=\"headline\" aria-labelledby=\"headline-h\">\n<h2 id=\"headline-h\">Headline figures</h2>\n<ul class=\"headline\">\n");
    let view = report.view();
    for block in &view.blocks {
        if let Block::Grid(t) = block {
            let survey = Survey::of(t, style);
            let texts = human_cells(t, style.unit, &survey.places);
            for row in texts {
                if let [label, value, ..] = row.as_slice() {
                    out.push_str(&format!(
                        "<li><span class=\"label\">{}</span><span class=\"value\">{}</span></li>\n",
                        escape_xml(label),
                        escape_xml(value)
                    ));
                }
            }
        }
    }
    out.push_str("</ul>\n");
    if let Some(note) = table.edition.as_ref().and_then(|e| e.note.as_ref()) {
        out.push_str(&format!(
            "<p class=\"note\">About these figures: {}</p>\n",
            escape_xml(note)
        ));
    }
    out.push_str("</section>\n");
}

/// A report's view as HTML: headings, notes and tables.
fn blocks(out: &mut String, report: &dyn Report, info: &Subject, style: Style, title: &str) {
    let mut caption = title.to_string();
    for block in human_view(report, info, style).blocks {
        match block {
            Block::Part(_) | Block::Chart(_) => {}
            Block::Heading(h) => {
                out.push_str(&format!("<h3>{}</h3>\n", escape_xml(&h)));
                caption = h;
            }
            Block::Note(n) if n.starts_with("Note: ") => {}
            Block::Note(n) => out.push_str(&format!("<p class=\"note\">{}</p>\n", escape_xml(&n))),
            Block::Grid(t) => html_table(out, t, &caption, style),
        }
    }
}

/// One table: a caption, column headers with `scope`, numbers right-aligned
/// with tabular figures, the footer rows in `<tfoot>`.
fn html_table(out: &mut String, table: Grid<'_>, caption: &str, style: Style) {
    let survey = Survey::of(&table, style);
    let footnotes = survey.footnotes(Reader::Page);
    let (table, places) = human_table(table, &survey);
    let texts = human_cells(&table, style.unit, &places);
    out.push_str(&format!(
        "<div class=\"scroll\">\n<table>\n<caption>{}</caption>\n<thead><tr>",
        escape_xml(caption)
    ));
    for c in &table.columns {
        let class = if c.numeric { " class=\"num\"" } else { "" };
        out.push_str(&format!(
            "<th scope=\"col\"{class}>{}</th>",
            escape_xml(&human_header(c, style.unit))
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let footer_start = table.rows.len();
    for (i, (row, text)) in table.all_rows().zip(&texts).enumerate() {
        if i == footer_start {
            out.push_str("</tbody>\n<tfoot>\n");
        }
        out.push_str("<tr>");
        for (col, (cell, text)) in row.iter().zip(text).enumerate() {
            let mut classes = Vec::new();
            if table.columns[col].numeric {
                classes.push("num");
            }
            match cell {
                Cell::Check(true) => classes.push("pass"),
                Cell::Check(false) => classes.push("fail"),
                _ => {}
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            out.push_str(&format!("<td{class}>{}</td>", escape_xml(text)));
        }
        out.push_str("</tr>\n");
    }
    if footer_start < texts.len() {
        out.push_str("</tfoot>\n");
    } else {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</div>\n");
    for note in footnotes {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", escape_xml(&note)));
    }
}

/// The chart, inline: the SVG `safe chart --svg` writes, without its XML
/// declaration.
fn chart(out: &mut String, svg: &str) {
    let svg = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .unwrap_or(svg);
    out.push_str("<figure id=\"chart\">\n");
    out.push_str(svg);
    out.push_str("<figcaption class=\"muted\">The ranking as bars (the same chart as <code>safe chart --svg</code>).</figcaption>\n</figure>\n");
}
