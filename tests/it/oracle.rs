//! Decisions on exact values, against an independent oracle: every share
//! (both methods, 0–4 places, of the ceiling and of the allocated sum),
//! HHI, Gini, median, per-capita rank and bound recomputed with fractions
//! of big integers (num-rational), on random tables with ties and
//! midpoints built in.

use std::str::FromStr;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use proptest::prelude::*;
use rust_decimal::Decimal;
use safe::analysis::per_capita::per_capita_report;
use safe::analysis::shares::{Base, Method, shares_report};
use safe::analysis::stats::stats_report;

fn rational(d: Decimal) -> BigRational {
    BigRational::new(
        BigInt::from(d.mantissa()),
        BigInt::from(10u8).pow(d.scale()),
    )
}

/// `r` rounded half-to-even to `places` decimal places.
fn nearest(r: &BigRational, places: u32) -> BigRational {
    let k = BigRational::from_integer(BigInt::from(10u8).pow(places));
    let scaled = r * &k;
    let floor = scaled.floor();
    let rest = &scaled - &floor;
    let half = BigRational::new(BigInt::one(), BigInt::from(2));
    let up = rest > half || (rest == half && floor.to_integer() % 2 != BigInt::zero());
    let units = if up {
        floor + BigRational::one()
    } else {
        floor
    };
    units / k
}

/// A random table: amounts with ties and shared digits, names unique.
fn table() -> impl Strategy<Value = (Vec<Decimal>, Decimal)> {
    (
        prop::collection::vec((1u32..40, 0u32..3, prop::bool::weighted(0.3)), 1..9),
        (1u32..400, 0u32..2),
    )
        .prop_map(|(rows, (ceiling, cs))| {
            let mut amounts: Vec<Decimal> = Vec::new();
            for (i, (a, scale, repeat)) in rows.into_iter().enumerate() {
                // A tie with the member before it, now and then.
                if repeat && i > 0 {
                    amounts.push(amounts[i - 1]);
                } else {
                    amounts.push(Decimal::new(i64::from(a) * 125, scale));
                }
            }
            (amounts, Decimal::new(i64::from(ceiling) * 1000, cs))
        })
}

fn dataset(amounts: &[Decimal], ceiling: Decimal) -> safe::dataset::Dataset {
    bounded(amounts, &vec![Decimal::ZERO; amounts.len()], ceiling)
}

/// A table whose member `i` stands for `amounts[i]` up to `amounts[i] +
/// up[i]`.
fn bounded(amounts: &[Decimal], up: &[Decimal], ceiling: Decimal) -> safe::dataset::Dataset {
    let rows: Vec<String> = amounts
        .iter()
        .zip(up)
        .enumerate()
        .map(|(i, (a, u))| {
            format!(
                r#"{{"code": "M{i}", "name": "n{i:02}", "amount": "{a}", "min": "{a}", "max": "{}"}}"#,
                a + u
            )
        })
        .collect();
    let json = format!(
        r#"{{"schema_version": 3, "fund": {{"name": "T", "currency": "EUR", "ceiling": "{ceiling}"}}, "allocations": [{}]}}"#,
        rows.join(",")
    );
    safe::dataset::parse("t", json.as_bytes()).unwrap()
}

/// The members in ranking order: largest first, then by name.
fn ranking(amounts: &[Decimal]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..amounts.len()).collect();
    order.sort_by(|&a, &b| amounts[b].cmp(&amounts[a]).then(a.cmp(&b)));
    order
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn shares_are_rounded_from_exact_quotients(
        (amounts, ceiling) in table(),
        places in 0u32..=4,
        of_allocated in any::<bool>(),
    ) {
        let data = dataset(&amounts, ceiling);
        let total: Decimal = amounts.iter().sum();
        let base = if of_allocated { total } else { ceiling };
        let (of, base_r) = if of_allocated { (Base::Allocated, rational(base)) } else { (Base::Fund, rational(base)) };
        let order = ranking(&amounts);
        let exact: Vec<BigRational> = order
            .iter()
            .map(|&i| rational(amounts[i]) * BigRational::from_integer(100.into()) / &base_r)
            .collect();
        // Nearest: each exact quotient, half-to-even.
        let report = shares_report(&data, of, Method::Nearest, places, None).unwrap();
        for (row, q) in report.members.iter().zip(&exact) {
            prop_assert_eq!(rational(row.share_pct), nearest(q, places), "{:?}", q);
        }
        // Largest remainder: floors, then the units missing to the
        // rounded total go to the largest remainders, the earlier first.
        let k = BigRational::from_integer(BigInt::from(10u8).pow(places));
        let floors: Vec<BigRational> = exact.iter().map(|q| (q * &k).floor()).collect();
        let sum: BigRational = exact.iter().fold(BigRational::zero(), |a, q| a + q);
        let target = nearest(&sum, places) * &k;
        let missing = (target - floors.iter().fold(BigRational::zero(), |a, f| a + f)).to_integer().to_usize().unwrap();
        let mut by_rest: Vec<usize> = (0..exact.len()).collect();
        by_rest.sort_by(|&a, &b| {
            let ra = &exact[a] * &k - &floors[a];
            let rb = &exact[b] * &k - &floors[b];
            rb.cmp(&ra)
        });
        let mut units = floors.clone();
        for &i in by_rest.iter().take(missing) {
            units[i] = &units[i] + BigRational::one();
        }
        let report = shares_report(&data, of, Method::LargestRemainder, places, None).unwrap();
        for (row, u) in report.members.iter().zip(&units) {
            prop_assert_eq!(rational(row.share_pct), u / &k);
        }
    }

    #[test]
    fn indices_and_the_median_are_exact(amounts in table().prop_map(|t| t.0)) {
        let data = dataset(&amounts, Decimal::from(1_000_000));
        let report = stats_report(&data).unwrap();
        let xs: Vec<BigRational> = {
            let mut v: Vec<Decimal> = amounts.clone();
            v.sort();
            v.into_iter().map(rational).collect()
        };
        let total = xs.iter().fold(BigRational::zero(), |a, x| a + x);
        let squares = xs.iter().fold(BigRational::zero(), |a, x| a + x * x);
        let hhi = squares * BigRational::from_integer(10_000.into()) / (&total * &total);
        prop_assert_eq!(rational(report.hhi), nearest(&hhi, 2));
        let n = xs.len() as i64;
        let weighted = xs.iter().enumerate().fold(BigRational::zero(), |a, (i, x)| {
            a + x * BigRational::from_integer((2 * (i as i64 + 1) - n - 1).into())
        });
        let gini = weighted / (BigRational::from_integer(n.into()) * &total);
        prop_assert_eq!(rational(report.gini), nearest(&gini, 4));
        let median = if xs.len() % 2 == 1 {
            xs[xs.len() / 2].clone()
        } else {
            (&xs[xs.len() / 2 - 1] + &xs[xs.len() / 2]) / BigRational::from_integer(2.into())
        };
        prop_assert_eq!(rational(report.median), median);
    }

    #[test]
    fn per_capita_ranks_follow_the_exact_quotients(
        amounts in table().prop_map(|t| t.0),
        people in prop::collection::vec(1u64..7, 9),
        up in prop::collection::vec(prop::sample::select(vec![0i64, 0, 125, 1000]), 9),
    ) {
        let up: Vec<Decimal> = up[..amounts.len()].iter().map(|&u| Decimal::from(u)).collect();
        let data = bounded(&amounts, &up, Decimal::from(1_000_000));
        let csv: String = std::iter::once("code,population".to_string())
            .chain((0..amounts.len()).map(|i| format!("M{i},{}", people[i] * 3)))
            .collect::<Vec<_>>()
            .join("\n");
        let population = safe::population::parse("p", "test", csv.as_bytes()).unwrap();
        let report = per_capita_report(&data, &population, None).unwrap();
        let per_head = |i: usize| rational(amounts[i]) / BigRational::from_integer((people[i] * 3).into());
        for row in report.members.iter() {
            let i: usize = row.code[1..].parse().unwrap();
            let mine = per_head(i);
            // Competition rank: one more than those strictly above.
            let above = (0..amounts.len()).filter(|&j| per_head(j) > mine).count();
            prop_assert_eq!(row.rank, Some(above + 1), "{}", row.code);
            // The figure, half-to-even to cents; its bounds the figure
            // itself when its amount is exact, else rounded outward.
            prop_assert_eq!(row.per_capita.map(rational), Some(nearest(&mine, 2)));
            let head = |x: Decimal, j: usize| rational(x) / BigRational::from_integer((people[j] * 3).into());
            let cents = BigRational::from_integer(100.into());
            let (low, high) = (head(amounts[i], i), head(amounts[i] + up[i], i));
            if up[i].is_zero() {
                prop_assert_eq!(row.per_capita_min, row.per_capita);
                prop_assert_eq!(row.per_capita_max, row.per_capita);
            } else {
                prop_assert_eq!(row.per_capita_min.map(rational), Some((low.clone() * &cents).floor() / &cents));
                prop_assert_eq!(row.per_capita_max.map(rational), Some((high.clone() * &cents).ceil() / &cents));
            }
            // Ranks within the bounds, counted against every member.
            let best = 1 + (0..amounts.len()).filter(|&j| head(amounts[j], j) > high).count();
            let worst = 1 + (0..amounts.len())
                .filter(|&j| j != i && head(amounts[j] + up[j], j) > low)
                .count();
            if up.iter().any(|u| !u.is_zero()) {
                prop_assert_eq!((row.rank_best, row.rank_worst), (Some(best), Some(worst)), "{}", row.code);
            }
        }
    }
}

#[test]
fn a_tie_of_remainders_goes_to_the_larger_amount() {
    let d = |s: &str| Decimal::from_str(s).unwrap();
    let data = dataset(&[d("16220000000"), d("1190000000")], d("150000000000"));
    let report = shares_report(&data, Base::Fund, Method::LargestRemainder, 2, None).unwrap();
    let shares: Vec<Decimal> = report.members.iter().map(|m| m.share_pct).collect();
    assert_eq!(shares, [d("10.82"), d("0.79")]);
    // HHI at an exact midpoint: 5703.125 → 5703.12.
    let data = dataset(&[d("5"), d("8"), d("35")], d("100"));
    assert_eq!(stats_report(&data).unwrap().hhi, d("5703.12"));
    // A median that needs more than 28 digits is an error, not 1.5.
    let data = dataset(&[d("1"), d("2.0000000000000000000000000001")], d("100"));
    assert!(stats_report(&data).is_err());
    let _ = BigRational::one().abs();
}
