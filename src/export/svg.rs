//! A chart report as a standalone SVG document: title, member labels, one
//! bar per member with its value at the end, a value axis with round ticks,
//! and the ceiling and source in a footer. Hand-written SVG 1.1, no scripts,
//! no external resources.

use rust_decimal::Decimal;

use super::Subject;
use crate::analysis::chart::{By, ChartReport};
use crate::money::{Unit, format_grouped, format_short, places_needed};

const WIDTH: u32 = 960;
const LABEL_RIGHT: u32 = 200;
const PLOT_LEFT: u32 = 210;
const PLOT_RIGHT: u32 = 820;
const TOP: u32 = 70;
const BAR: u32 = 20;
const GAP: u32 = 8;

/// Escapes text for XML content and attributes.
fn escape(text: &str) -> String {
    crate::escape::escape_xml(text).into_owned()
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

/// The label of a value in the chart's unit.
fn label(value: Decimal, by: By) -> String {
    match by {
        By::Share => format!("{}%", value.normalize()),
        By::PerCapita => format!(
            "€{}",
            format_grouped(value, Unit::Eur, places_needed(value, Unit::Eur))
        ),
        By::Amount => format_short(value),
    }
}

/// The x coordinate of `value` on an axis from 0 to `axis_max`.
fn x_of(value: Decimal, axis_max: Decimal) -> Decimal {
    let span = Decimal::from(PLOT_RIGHT - PLOT_LEFT);
    let fraction = value.checked_div(axis_max).unwrap_or_default();
    (Decimal::from(PLOT_LEFT) + fraction * span).round_dp(2)
}

/// The chart in one sentence, for readers who cannot see it.
fn describe(report: &ChartReport, title: &str) -> String {
    match report.bars.first() {
        Some(first) => format!(
            "Horizontal bar chart, {title}: {} bars, largest first; the longest is {} ({}) at {}.",
            report.bars.len(),
            first.name,
            first.code,
            label(first.value, report.by)
        ),
        None => format!("Horizontal bar chart, {title}: no bars."),
    }
}

/// Renders the chart as SVG, titled `title`, for the table `table`.
pub fn render(report: &ChartReport, title: &str, table: &Subject) -> String {
    let n = report.bars.len() as u32;
    let plot_bottom = TOP + n * (BAR + GAP);
    let height = plot_bottom + 90;
    let max = report
        .bars
        .iter()
        .map(|b| b.value)
        .max()
        .unwrap_or(Decimal::ONE);
    let step = nice_step(max, 5);
    // The axis ends at the first step at or past the largest value (or at
    // that value, when one more step would not fit in a Decimal).
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
    let mut svg = String::new();
    svg.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n"
    ));
    svg.push_str(&format!(
        "<title id=\"chart-title\">{}</title>\n<desc id=\"chart-desc\">{}</desc>\n<rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>\n",
        escape(&format!("{}: {title}", table.fund.name)),
        escape(&describe(report, title))
    ));
    svg.push_str(&format!(
        "<text x=\"{PLOT_LEFT}\" y=\"30\" font-size=\"20\" font-weight=\"bold\" fill=\"#1a1a1a\">{}</text>\n",
        escape(title)
    ));
    let subtitle = match &table.edition {
        Some(e) => format!("{} — {}, {}", table.fund.name, e.status, e.as_of),
        None => table.fund.name.clone(),
    };
    svg.push_str(&format!(
        "<text x=\"{PLOT_LEFT}\" y=\"50\" font-size=\"13\" fill=\"#555555\">{}</text>\n",
        escape(&subtitle)
    ));
    // Grid lines and tick labels.
    svg.push_str("<g class=\"axis\" fill=\"#555555\" font-size=\"11\" text-anchor=\"middle\">\n");
    let mut ticks = vec![Decimal::ZERO];
    while let Some(next) = ticks.last().and_then(|t| t.checked_add(step)) {
        if next > axis_max {
            break;
        }
        ticks.push(next);
    }
    for tick in ticks {
        let x = x_of(tick, axis_max);
        svg.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{plot_bottom}\" stroke=\"#e3e3e3\"/>\n<text x=\"{x}\" y=\"{}\">{}</text>\n",
            TOP - 6,
            plot_bottom + 18,
            escape(&label(tick, report.by))
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"{PLOT_LEFT}\" y1=\"{plot_bottom}\" x2=\"{PLOT_RIGHT}\" y2=\"{plot_bottom}\" stroke=\"#888888\"/>\n</g>\n"
    ));
    // Bars.
    svg.push_str("<g class=\"bars\">\n");
    for (i, bar) in report.bars.iter().enumerate() {
        let y = TOP + i as u32 * (BAR + GAP);
        let x_end = x_of(bar.value, axis_max);
        let width = (x_end - Decimal::from(PLOT_LEFT)).max(Decimal::ONE);
        let value = label(bar.value, report.by);
        let name = format!("{} ({})", bar.name, bar.code);
        svg.push_str(&format!(
            "<text x=\"{LABEL_RIGHT}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>\n",
            y + 15,
            escape(&name)
        ));
        svg.push_str(&format!(
            "<rect class=\"bar\" data-code=\"{}\" x=\"{PLOT_LEFT}\" y=\"{y}\" width=\"{width}\" height=\"{BAR}\" fill=\"#2f5d9e\"><title>{}: {}</title></rect>\n",
            escape(bar.code),
            escape(&name),
            escape(&value)
        ));
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>\n",
            (x_end + Decimal::from(6)).round_dp(2),
            y + 15,
            escape(&value)
        ));
    }
    svg.push_str("</g>\n");
    // Footer: ceiling and source.
    let mut footer = vec![format!(
        "Fund ceiling: {}",
        format_short(table.fund.ceiling)
    )];
    if !report.left_out.is_empty() {
        footer[0].push_str(&format!(
            "; not shown: {}",
            crate::words::some_of(&report.left_out, 30)
        ));
    }
    if let Some(e) = &table.edition {
        footer.push(format!("Source: {}", e.source));
    }
    for (i, line) in footer.iter().enumerate() {
        svg.push_str(&format!(
            "<text class=\"footer\" x=\"20\" y=\"{}\" font-size=\"11\" fill=\"#555555\">{}</text>\n",
            plot_bottom + 48 + 16 * i as u32,
            escape(line)
        ));
    }
    svg.push_str("</svg>\n");
    svg
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
    fn text_is_escaped() {
        assert_eq!(escape("A & B <\"c\">"), "A &amp; B &lt;&quot;c&quot;&gt;");
    }
}
