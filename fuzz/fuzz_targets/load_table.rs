//! Arbitrary bytes as a `--data` file: loading must never panic, and a
//! table that loads must go through every analysis, and every report
//! through every output format (and the SVG chart), without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use safe::analysis::{
    chart, diff, member, per_capita, rank, rules, scenario, shares, stats, totals,
};
use safe::dataset::Dataset;
use safe::export::{Format, Report, Style, TableInfo, render, svg};
use safe::money::Unit;

fn render_all(report: &dyn Report, data: &Dataset) {
    let info = TableInfo::of(data);
    for format in [Format::Table, Format::Json, Format::Csv, Format::Markdown] {
        for unit in [Unit::Eur, Unit::Bn] {
            let style = Style {
                format,
                unit,
                color: true,
                width: 80,
            };
            let _ = render(report, &info, style);
        }
    }
}

fn run<R: Report>(report: Result<R, safe::error::Error>, data: &Dataset) {
    if let Ok(report) = report {
        render_all(&report, data);
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(data) = safe::dataset::parse("fuzz", bytes) else {
        return;
    };
    let people = safe::population::bundled().expect("bundled population");
    run(rank::rank_report(&data, None, false), &data);
    run(rank::rank_report(&data, Some(3), true), &data);
    run(rank::rank_report(&data, Some(2), false), &data);
    run(totals::total_report(&data, Some(Decimal::ONE)), &data);
    for of in [shares::Base::Fund, shares::Base::Allocated] {
        for method in [shares::Method::Nearest, shares::Method::LargestRemainder] {
            run(shares::shares_report(&data, of, method, 2), &data);
        }
    }
    run(
        rules::check_report(&data, Some(Decimal::ONE), Some(19)),
        &data,
    );
    run(stats::stats_report(&data), &data);
    run(per_capita::per_capita_report(&data, &people), &data);
    for by in [chart::By::Amount, chart::By::Share, chart::By::PerCapita] {
        if let Ok(report) = chart::chart_report(&data, by, Some(5), &people) {
            let _ = svg::render(&report);
            render_all(&report, &data);
        }
    }
    run(diff::diff_report(&data, &data), &data);
    run(
        member::member_report(&data, &data.allocations[0], &people),
        &data,
    );
    let add = scenario::Change::Add {
        code: "ZZFUZZ".into(),
        name: "Fuzz".into(),
        amount: data.fund.ceiling,
    };
    run(
        scenario::what_if(&data, &[add], Some(scenario::Fit::ProRata)),
        &data,
    );
    let set = scenario::Change::Set {
        code: data.allocations[0].code.clone(),
        amount: Decimal::ONE,
    };
    run(
        scenario::what_if(&data, &[set], Some(scenario::Fit::ProRata)),
        &data,
    );
});
