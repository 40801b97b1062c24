//! A chart report as SVG (`safe chart --svg`, and inline in `safe report`),
//! drawn for a phone first: 400 units wide, so that at a phone's width no
//! text is smaller than 11 CSS pixels. Each member is a row: its name on
//! one line, the bar under it with the value at its end in a compact form
//! (at most four significant figures) and the exact figure in the bar's
//! `<title>`. Figures that are not confirmed are hatched, the bounds of a
//! rounded figure are whiskers, and a legend says so. Title, legend and
//! footer wrap inside the box; long names are cut with an ellipsis (the
//! full name is in the `<title>`). Colours follow `prefers-color-scheme`.
//! Hand-written SVG 1.1, no script, nothing loaded; written as it goes.

use std::io::Write;

use rust_decimal::Decimal;

use super::Subject;
use super::output::Document;
use crate::analysis::chart::{Bar, By, ChartReport};
use crate::escape::escape_xml;
use crate::money::{Unit, format_compact, format_grouped, places_needed};

/// The width of the drawing, in its own units.
pub const WIDTH: u32 = 400;
const MARGIN: u32 = 12;
/// A member's row: its name on the left, its bar and figure on the right;
/// where bars start and where the longest ends (the rest is for its
/// figure).
const NAME_WIDTH: u32 = 118;
const PLOT_LEFT: u32 = MARGIN + NAME_WIDTH + 6;
const PLOT_RIGHT: u32 = WIDTH - MARGIN - 66;
const ROW: u32 = 22;
const BAR: u32 = 12;
/// The narrowest a rounded figure's whisker is drawn, so that it shows.
const MIN_WHISKER: u32 = 3;
/// Font sizes: nothing smaller than [`SMALL`].
const SMALL: u32 = 12;
const LABEL: u32 = 13;
const TITLE: u32 = 16;

/// Characters of a name that fit its room beside the bars.
fn name_fits(font: u32) -> usize {
    (f64::from(NAME_WIDTH) / (f64::from(font) * 0.56)) as usize
}

/// Characters that fit on a line at a font size, with the widest common
/// sans-serif fonts (0.56 em a character on average; bold 0.64).
fn fits(font: u32, bold: bool) -> usize {
    let em = if bold { 0.64 } else { 0.56 };
    (f64::from(WIDTH - 2 * MARGIN) / (f64::from(font) * em)) as usize
}

/// The colours, by class, for light and dark readers; the page and the
/// standalone file use the same.
const STYLE: &str = ".sc-bg{fill:#ffffff}.sc-fg{fill:#1a1a1a}.sc-muted{fill:#4d4d4d}\
.sc-grid{stroke:#e0e0e0}.sc-axis{stroke:#888888}.sc-bar{fill:#2f5d9e}\
.sc-hatch-bg{fill:#dbe4f1}.sc-hatch-line{stroke:#2f5d9e}.sc-whisker{stroke:#1a1a1a}\
@media (prefers-color-scheme: dark){.sc-bg{fill:#15181c}.sc-fg{fill:#ececec}\
.sc-muted{fill:#b8b8b8}.sc-grid{stroke:#30353c}.sc-axis{stroke:#777777}.sc-bar{fill:#8db4ea}\
.sc-hatch-bg{fill:#26364d}.sc-hatch-line{stroke:#8db4ea}.sc-whisker{stroke:#ececec}}";

/// A chart to write: the report, its title and the table it is about.
pub struct Chart<'a> {
    pub report: ChartReport<'a>,
    pub title: &'static str,
    pub subject: Subject,
    /// A standalone file (with its XML declaration and a size), or a
    /// drawing inside a page (sized by the page).
    pub standalone: bool,
}

impl Document for Chart<'_> {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        write_chart(self, out)
    }
}

/// A round step (1, 2 or 5 × 10ⁿ) giving about `ticks` intervals up to
/// `max`.
pub fn nice_step(max: Decimal, ticks: u32) -> Decimal {
    let raw = max / Decimal::from(ticks.max(1));
    if raw <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let ten = Decimal::TEN;
    let mut magnitude = Decimal::ONE;
    while magnitude.checked_mul(ten).is_some_and(|m| m <= raw) {
        magnitude *= ten;
    }
    while magnitude > raw && magnitude.scale() < 27 {
        magnitude /= ten;
    }
    [1u32, 2, 5, 10]
        .iter()
        .filter_map(|m| magnitude.checked_mul(Decimal::from(*m)))
        .find(|step| *step >= raw)
        .unwrap_or(raw)
}

/// A value as the chart labels it: compact, at most four significant
/// figures (`€43.7bn`, `29.13%`, `€3,053`).
pub fn compact(value: Decimal, by: By) -> String {
    match by {
        By::Share => format!("{}%", round_sig(value, 4).normalize()),
        By::Amount | By::PerCapita => format_compact(value),
    }
}

/// `value` rounded half-to-even to `digits` significant figures.
fn round_sig(value: Decimal, digits: u32) -> Decimal {
    let whole = value.abs().trunc();
    let int_digits = if whole.is_zero() {
        0
    } else {
        whole.to_string().len() as u32
    };
    if int_digits >= digits {
        return value.round_dp(0);
    }
    if int_digits > 0 {
        return value.round_dp(digits - int_digits);
    }
    // Below 1: count the zeros after the point.
    let mut places = digits;
    let mut probe = value.abs();
    while !probe.is_zero() && probe < Decimal::new(1, 1) && places < 28 {
        probe *= Decimal::TEN;
        places += 1;
    }
    value.round_dp(places)
}

/// A value exactly, for the bar's `<title>`.
fn exact(value: Decimal, by: By) -> String {
    match by {
        By::Share => format!("{}% of the ceiling", value.normalize()),
        By::Amount => format!(
            "€{}",
            format_grouped(value, Unit::Eur, places_needed(value, Unit::Eur))
        ),
        By::PerCapita => format!(
            "€{} per inhabitant",
            format_grouped(value, Unit::Eur, places_needed(value, Unit::Eur))
        ),
    }
}

/// The x coordinate of `value` on an axis from 0 to `axis_max`.
fn x_of(value: Decimal, axis_max: Decimal) -> Decimal {
    let span = Decimal::from(PLOT_RIGHT - PLOT_LEFT);
    let fraction = value
        .max(Decimal::ZERO)
        .checked_div(axis_max)
        .unwrap_or_default();
    (Decimal::from(PLOT_LEFT) + fraction * span).round_dp(2)
}

/// Lines of at most `width` characters, breaking at spaces (a word longer
/// than a line is cut with an ellipsis).
fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(
        text,
        textwrap::Options::new(width)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation),
    )
    .into_iter()
    .map(|line| cut(&line, width))
    .collect()
}

/// `text` cut to `width` characters, an ellipsis marking the cut. Reads no
/// further than it keeps (a name may be megabytes long).
pub fn cut(text: &str, width: usize) -> String {
    let mut chars = text.chars();
    let kept: String = chars.by_ref().take(width).collect();
    if chars.next().is_none() {
        return kept;
    }
    let mut kept: String = kept.chars().take(width.saturating_sub(1)).collect();
    kept.push('…');
    kept
}

/// What the legend explains, from what the bars hold.
struct Legend {
    confirmed: bool,
    unconfirmed: bool,
    bounded: bool,
}

impl Legend {
    fn of(bars: &[Bar<'_>]) -> Self {
        Legend {
            confirmed: bars.iter().any(|b| b.basis.confirmed()),
            unconfirmed: bars.iter().any(|b| b.basis.marked()),
            bounded: bars.iter().any(|b| b.value_min != b.value_max),
        }
    }

    /// The lines: the swatch's kind and its words.
    fn lines(&self) -> Vec<(Swatch, &'static str)> {
        let mut lines = Vec::new();
        if self.unconfirmed {
            if self.confirmed {
                lines.push((
                    Swatch::Solid,
                    "confirmed: a Council decision's exact amount",
                ));
            }
            lines.push((Swatch::Hatched, "not confirmed: tentative or reported"));
        }
        if self.bounded {
            lines.push((
                Swatch::Whisker,
                "≈ bounds of a rounded figure (at least 3 wide)",
            ));
        }
        lines
    }
}

#[derive(Clone, Copy)]
enum Swatch {
    Solid,
    Hatched,
    Whisker,
}

/// Text at `(x, y)`: the class, size and anchor given, the content escaped.
fn text(
    out: &mut dyn Write,
    (x, y): (impl std::fmt::Display, u32),
    class: &str,
    size: u32,
    extra: &str,
    content: &str,
) -> std::io::Result<()> {
    let fill = if class.contains("sc-muted") {
        "#4d4d4d"
    } else {
        "#1a1a1a"
    };
    writeln!(
        out,
        "<text x=\"{x}\" y=\"{y}\" class=\"{class}\" fill=\"{fill}\" font-size=\"{size}\"{extra}>{}</text>",
        crate::escape::page_text(content)
    )
}

/// Where everything goes, top to bottom, and the scale of the bars.
struct Layout {
    title_lines: Vec<String>,
    about_lines: Vec<String>,
    legend: Vec<(Swatch, &'static str)>,
    footer_lines: Vec<String>,
    title_top: u32,
    about_top: u32,
    legend_top: u32,
    plot_top: u32,
    plot_bottom: u32,
    footer_top: u32,
    height: u32,
    /// The axis runs from 0 to `axis_max` in ticks of `step`.
    axis_max: Decimal,
    step: Decimal,
}

impl Layout {
    fn of(chart: &Chart<'_>) -> Layout {
        let report = &chart.report;
        let title_lines = wrap(chart.title, fits(TITLE, true));
        let about_lines = wrap(&about(chart), fits(SMALL, false));
        let legend = Legend::of(&report.bars).lines();
        let footer_lines: Vec<String> = footer(chart)
            .iter()
            .flat_map(|l| wrap(l, fits(SMALL, false)))
            .collect();
        let title_top = MARGIN;
        let about_top = title_top + 20 * title_lines.len() as u32 + 2;
        let legend_top = about_top + 16 * about_lines.len() as u32 + 6;
        let plot_top = legend_top + 18 * legend.len() as u32 + 6;
        let plot_bottom = plot_top + report.bars.len() as u32 * ROW;
        let footer_top = plot_bottom + 34;
        let height = footer_top + 16 * footer_lines.len() as u32 + MARGIN;
        let max = report
            .bars
            .iter()
            .map(|b| b.value_max.max(b.value))
            .max()
            .unwrap_or(Decimal::ONE)
            .max(Decimal::ZERO);
        let step = nice_step(max, 4);
        let mut axis_max = step;
        while axis_max < max {
            match axis_max.checked_add(step) {
                Some(next) => axis_max = next,
                None => {
                    axis_max = max;
                    break;
                }
            }
        }
        Layout {
            title_lines,
            about_lines,
            legend,
            footer_lines,
            title_top,
            about_top,
            legend_top,
            plot_top,
            plot_bottom,
            footer_top,
            height,
            axis_max,
            step,
        }
    }
}

/// What the chart is about, under its title: a file says what it shows;
/// inside a page, whose header says it, the table's line will do.
fn about(chart: &Chart<'_>) -> String {
    let subject = &chart.subject;
    match (&subject.edition, chart.standalone) {
        (Some(e), true) => format!(
            "{}: {}. {}",
            subject.fund.name,
            e.title.as_deref().unwrap_or(&e.status),
            super::provenance::table_line(subject)
        ),
        (None, true) => format!(
            "{}. {}",
            subject.fund.name,
            super::provenance::table_line(subject)
        ),
        (_, false) => super::provenance::table_line(subject),
    }
}

/// The lines under the bars: the ceiling, who is left out, the source and
/// where the exact figures are.
fn footer(chart: &Chart<'_>) -> Vec<String> {
    let (report, subject) = (&chart.report, &chart.subject);
    let mut footer = vec![format!(
        "Fund ceiling: {}.",
        format_compact(subject.fund.ceiling)
    )];
    if !report.left_out.is_empty() {
        footer.push(format!(
            "Not shown: {}.",
            crate::words::some_of(&report.left_out, 12)
        ));
    }
    if let Some(e) = subject.edition.as_ref().filter(|_| chart.standalone) {
        let end = if e.source.ends_with('.') { "" } else { "." };
        footer.push(format!("Source: {}{end}", e.source));
    }
    footer.push(if chart.standalone {
        "Each bar's exact figure is in its tooltip and in `safe rank`.".to_string()
    } else {
        "Each name leads to its row of the ranking, with its exact figure.".to_string()
    });
    footer
}

fn write_chart(chart: &Chart<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let layout = Layout::of(chart);
    write_head(chart, &layout, out)?;
    for (i, line) in layout.title_lines.iter().enumerate() {
        let y = layout.title_top + 16 + 20 * i as u32;
        text(
            out,
            (MARGIN, y),
            "sc-fg",
            TITLE,
            " font-weight=\"bold\"",
            line,
        )?;
    }
    for (i, line) in layout.about_lines.iter().enumerate() {
        let y = layout.about_top + 13 + 16 * i as u32;
        text(out, (MARGIN, y), "sc-muted", SMALL, "", line)?;
    }
    write_legend(&layout, out)?;
    write_axis(chart.report.by, &layout, out)?;
    write_bars(chart, &layout, out)?;
    for (i, line) in layout.footer_lines.iter().enumerate() {
        let y = layout.footer_top + 12 + 16 * i as u32;
        text(out, (MARGIN, y), "sc-muted footer", SMALL, "", line)?;
    }
    writeln!(out, "</svg>")
}

/// The opening: the element (a file's size, a page's group), its title
/// and description, its style, the hatching and the background.
fn write_head(chart: &Chart<'_>, layout: &Layout, out: &mut dyn Write) -> std::io::Result<()> {
    let height = layout.height;
    if chart.standalone {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    }
    let size = if chart.standalone {
        format!(" width=\"{WIDTH}\" height=\"{height}\"")
    } else {
        String::new()
    };
    // A file is one image; in a page, whose names are links, a group.
    let role = if chart.standalone { "img" } else { "group" };
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{size} viewBox=\"0 0 {WIDTH} {height}\" \
font-family=\"Helvetica, Arial, sans-serif\" role=\"{role}\" aria-labelledby=\"sc-title sc-desc\">"
    )?;
    writeln!(
        out,
        "<title id=\"sc-title\">{}</title>\n<desc id=\"sc-desc\">{}</desc>",
        escape_xml(&format!("{}: {}", chart.subject.fund.name, chart.title)),
        escape_xml(&describe(&chart.report, chart.title))
    )?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(
        out,
        "<defs><pattern id=\"sc-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"sc-hatch-bg\" fill=\"#dbe4f1\"/>\
<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"sc-hatch-line\" stroke=\"#2f5d9e\" stroke-width=\"3\"/>\
</pattern></defs>"
    )?;
    writeln!(
        out,
        "<rect width=\"{WIDTH}\" height=\"{height}\" class=\"sc-bg\" fill=\"#ffffff\"/>"
    )
}

/// What the bars' looks mean.
fn write_legend(layout: &Layout, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "<g class=\"legend\">")?;
    for (i, (swatch, words)) in layout.legend.iter().enumerate() {
        let y = layout.legend_top + 18 * i as u32;
        match swatch {
            Swatch::Solid => writeln!(
                out,
                "<rect x=\"{MARGIN}\" y=\"{}\" width=\"14\" height=\"{BAR}\" class=\"sc-bar\" fill=\"#2f5d9e\"/>",
                y + 2
            )?,
            Swatch::Hatched => writeln!(
                out,
                "<rect x=\"{MARGIN}\" y=\"{}\" width=\"14\" height=\"{BAR}\" fill=\"url(#sc-hatch)\"/>",
                y + 2
            )?,
            Swatch::Whisker => whisker(out, MARGIN.into(), (MARGIN + 14).into(), y + 8)?,
        }
        text(out, (MARGIN + 22, y + 12), "sc-fg", SMALL, "", words)?;
    }
    writeln!(out, "</g>")
}

/// Grid lines and their labels under the bars.
fn write_axis(by: By, layout: &Layout, out: &mut dyn Write) -> std::io::Result<()> {
    let (plot_top, plot_bottom) = (layout.plot_top, layout.plot_bottom);
    writeln!(out, "<g class=\"axis\">")?;
    let mut tick = Decimal::ZERO;
    loop {
        let x = x_of(tick, layout.axis_max);
        writeln!(
            out,
            "<line x1=\"{x}\" y1=\"{plot_top}\" x2=\"{x}\" y2=\"{plot_bottom}\" class=\"sc-grid\" stroke=\"#e0e0e0\"/>"
        )?;
        let anchor = if tick.is_zero() {
            " text-anchor=\"start\""
        } else {
            " text-anchor=\"middle\""
        };
        text(
            out,
            (x, plot_bottom + 16),
            "sc-muted",
            SMALL,
            anchor,
            &compact(tick, by),
        )?;
        match tick.checked_add(layout.step) {
            Some(next) if next <= layout.axis_max => tick = next,
            _ => break,
        }
    }
    writeln!(
        out,
        "<line x1=\"{PLOT_LEFT}\" y1=\"{plot_bottom}\" x2=\"{PLOT_RIGHT}\" y2=\"{plot_bottom}\" class=\"sc-axis\" stroke=\"#888888\"/>\n</g>"
    )
}

/// The bars, one row each: label, bar, whisker where rounded, figure.
fn write_bars(chart: &Chart<'_>, layout: &Layout, out: &mut dyn Write) -> std::io::Result<()> {
    let by = chart.report.by;
    let axis_max = layout.axis_max;
    writeln!(out, "<g class=\"bars\">")?;
    for (i, bar) in chart.report.bars.iter().enumerate() {
        let top = layout.plot_top + i as u32 * ROW;
        let name = format!("{} ({})", cut(bar.name, 200), bar.code);
        let label = format!("{} {}", bar.code, cut(bar.name, 200));
        // Inside a page, a name leads to its row of the ranking, which
        // gives the exact figure.
        if !chart.standalone {
            write!(out, "<a href=\"#rank-{}\">", escape_xml(bar.code))?;
        }
        text(
            out,
            (MARGIN, top + 15),
            "sc-fg",
            LABEL,
            "",
            &cut(&label, name_fits(LABEL)),
        )?;
        if !chart.standalone {
            writeln!(out, "</a>")?;
        }
        let bar_top = top + 5;
        let x_end = x_of(bar.value, axis_max);
        let width = (x_end - Decimal::from(PLOT_LEFT)).max(Decimal::ONE);
        let (kind, fill) = if bar.basis.marked() {
            ("unconfirmed", "url(#sc-hatch)")
        } else {
            ("confirmed sc-bar", "#2f5d9e")
        };
        writeln!(
            out,
            "<rect class=\"bar {kind}\" data-code=\"{}\" x=\"{PLOT_LEFT}\" y=\"{bar_top}\" width=\"{width}\" height=\"{BAR}\" fill=\"{fill}\"><title>{}</title></rect>",
            escape_xml(bar.code),
            escape_xml(&tooltip(bar, by, &cut(&name, 200)))
        )?;
        let mut value_x = x_end;
        let rounded = bar.value_min != bar.value_max;
        if rounded {
            let (mut low, mut high) =
                (x_of(bar.value_min, axis_max), x_of(bar.value_max, axis_max));
            // At least MIN_WHISKER wide about its middle, so it shows.
            let narrow = Decimal::from(MIN_WHISKER) - (high - low);
            if narrow > Decimal::ZERO {
                low -= narrow / Decimal::TWO;
                high += narrow / Decimal::TWO;
            }
            whisker(out, low.round_dp(2), high.round_dp(2), bar_top + BAR / 2)?;
            value_x = value_x.max(high);
        }
        let figure = compact(bar.value, by);
        text(
            out,
            ((value_x + Decimal::from(5)).round_dp(2), bar_top + 11),
            "sc-fg",
            SMALL,
            "",
            &if rounded {
                format!("≈{figure}")
            } else {
                figure
            },
        )?;
    }
    writeln!(out, "</g>")
}

/// A whisker from `low` to `high` at height `y`, with end caps.
fn whisker(out: &mut dyn Write, low: Decimal, high: Decimal, y: u32) -> std::io::Result<()> {
    writeln!(
        out,
        "<path class=\"whisker sc-whisker\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" fill=\"none\" \
d=\"M{low} {} V{} M{low} {y} H{high} M{high} {} V{}\"/>",
        y - 5,
        y + 5,
        y - 5,
        y + 5
    )
}

/// A bar's tooltip: name, exact figure, what it is and its bounds.
fn tooltip(bar: &Bar<'_>, by: By, name: &str) -> String {
    let mut tip = format!("{name}: {}", exact(bar.value, by));
    if bar.basis.marked() {
        tip.push_str(&format!("; not confirmed ({})", bar.basis.label()));
    }
    if bar.value_min != bar.value_max {
        tip.push_str(&format!(
            "; rounded: between {} and {}",
            exact(bar.value_min, by),
            exact(bar.value_max, by)
        ));
    }
    tip
}

/// The chart in one sentence, for readers who cannot see it.
fn describe(report: &ChartReport, title: &str) -> String {
    match report.bars.first() {
        Some(first) => format!(
            "Horizontal bar chart, {title}: {} bars, largest first; the longest is {} ({}) at {}.",
            report.bars.len(),
            cut(first.name, 200),
            first.code,
            exact(first.value, report.by)
        ),
        None => format!("Horizontal bar chart, {title}: no bars."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(d("43700000000"), 5), d("10000000000"));
        assert_eq!(nice_step(d("29.13"), 5), d("10"));
        assert_eq!(nice_step(d("3052.84"), 5), d("1000"));
        assert_eq!(nice_step(d("0.3"), 5), d("0.1"));
    }

    #[test]
    fn labels_have_at_most_four_significant_figures() {
        assert_eq!(compact(d("43734100805"), By::Amount), "€43.73bn");
        assert_eq!(compact(d("46796822"), By::Amount), "€46.8m");
        assert_eq!(compact(d("29.1561"), By::Share), "29.16%");
        assert_eq!(compact(d("0.031"), By::Share), "0.031%");
        assert_eq!(compact(d("3052.84"), By::PerCapita), "€3,053");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(cut("Poland", 10), "Poland");
        assert_eq!(cut("abcdefghijkl", 5), "abcd…");
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
    }
}
