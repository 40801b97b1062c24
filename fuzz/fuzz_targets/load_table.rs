//! Arbitrary bytes as a `--data` file: loading must never panic, and a
//! table that loads must go through every analysis without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use safe::analysis::{chart, diff, member, per_capita, rank, rules, scenario, shares, stats, totals};

fuzz_target!(|bytes: &[u8]| {
    let Ok(data) = safe::dataset::parse("fuzz", bytes) else {
        return;
    };
    let people = safe::population::bundled().expect("bundled population");
    let _ = rank::rank_report(&data, None, false);
    let _ = rank::rank_report(&data, Some(3), true);
    let _ = totals::total_report(&data, Some(rust_decimal::Decimal::ONE));
    for of in [shares::Base::Fund, shares::Base::Allocated] {
        for method in [shares::Method::Nearest, shares::Method::LargestRemainder] {
            let _ = shares::shares_report(&data, of, method, 2);
        }
    }
    let _ = rules::check_report(&data, None, Some(19));
    let _ = stats::stats_report(&data);
    let _ = per_capita::per_capita_report(&data, &people);
    let _ = chart::chart_report(&data, chart::By::Share, Some(5), &people);
    let _ = diff::diff_report(&data, &data);
    let _ = member::member_report(&data, &data.allocations[0], &people);
    let add = scenario::Change::Add {
        code: "ZZFUZZ".into(),
        name: "Fuzz".into(),
        amount: data.fund.ceiling,
    };
    let _ = scenario::what_if(&data, &[add], Some(scenario::Fit::ProRata));
    let set = scenario::Change::Set {
        code: data.allocations[0].code.clone(),
        amount: rust_decimal::Decimal::ONE,
    };
    let _ = scenario::what_if(&data, &[set], Some(scenario::Fit::ProRata));
});
