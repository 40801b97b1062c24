//! What every fuzz target does with a table that loaded: every analysis,
//! every report in every format and unit, and the SVG chart. Nothing may
//! panic, and where text from the table reaches an output it must come
//! out inert (see `check_output`).
#![allow(dead_code)]

use rust_decimal::Decimal;
use safe::analysis::{
    chart, check as rules, diff, per_capita, rank, shares, show as member, stats, total as totals,
    what_if as scenario,
};
use safe::dataset::Dataset;
use safe::export::output::Document;
use safe::export::{Format, Frame, Report, Style, Subject, render, svg};
use safe::money::Unit;

/// Asserts the promises every output keeps for any loaded table.
pub fn check_output(format: Format, out: &str) {
    assert!(
        !out.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\x1b')),
        "a control character in {format:?} output"
    );
    if format == Format::Markdown {
        assert!(!out.contains('<'), "raw HTML in Markdown: {out}");
    }
}

pub fn render_all(report: &dyn Report, data: &Dataset) {
    let subject = Subject::of(data);
    for &format in Format::all() {
        for unit in [Unit::Eur, Unit::Bn] {
            for ranges in [false, true] {
                let style = Style {
                    format,
                    unit,
                    color: format == Format::Table,
                    width: Some(40),
                    ranges,
                    ..Style::default()
                };
                let frame = Frame {
                    command: "fuzz",
                    subject: &subject,
                    style,
                };
                if let Ok(out) = render(report, &frame) {
                    check_output(format, &out);
                }
            }
        }
    }
}

pub fn run<R: Report>(report: Result<R, safe::error::Error>, data: &Dataset) {
    if let Ok(report) = report {
        render_all(&report, data);
    }
}

/// Every report of `data`, rendered every way.
pub fn render_every_report(data: &Dataset) {
    let people = safe::population::bundled().expect("bundled population");
    run(rank::rank_report(data, None, false), data);
    run(rank::rank_report(data, Some(3), true), data);
    run(totals::total_report(&safe::dataset::Summary::of(data), Some(Decimal::ONE)), data);
    for of in [shares::Base::Fund, shares::Base::Allocated] {
        for method in [shares::Method::Nearest, shares::Method::LargestRemainder] {
            run(shares::shares_report(data, of, method, 2, Some(3)), data);
        }
    }
    run(rules::check_report(data, Some(Decimal::ONE), Some(19)), data);
    run(stats::stats_report(data), data);
    run(per_capita::per_capita_report(data, &people, None), data);
    for by in [chart::By::Amount, chart::By::Share, chart::By::PerCapita] {
        if let Ok(report) = chart::chart_report(data, by, Some(5), &people) {
            let chart = svg::Chart {
                report: report.clone(),
                title: "chart",
                subject: Subject::of(data),
                standalone: true,
            };
            let mut svg = Vec::new();
            chart.write_to(&mut svg).expect("written to memory");
            let svg = String::from_utf8(svg).expect("UTF-8");
            roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
            render_all(&report, data);
        }
    }
    run(diff::diff_report(data, data), data);
    run(member::member_report(data, &data.allocations[0], &people), data);
    let add = scenario::Change::Add {
        code: "ZZFUZZ".into(),
        name: "Fuzz".into(),
        amount: data.fund.ceiling,
    };
    if let Ok(s) = scenario::what_if(data, &[add], Some(scenario::Fit::ProRata)) {
        run(s.report(data), data);
    }
}
