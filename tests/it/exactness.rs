//! Sums and limit comparisons against an exact big-integer oracle: on
//! random amounts of up to 29 significant digits at every scale, near the
//! limits of `Decimal` included, the loader's total and the Art. 13 check
//! are the oracle's exact result or an error, never a third value.

use num_bigint::BigInt;
use proptest::prelude::*;
use rust_decimal::Decimal;

use safe::analysis::check::concentration_check;
use safe::dataset::parse;

/// The largest mantissa a `Decimal` holds (2^96 − 1).
fn max_mantissa() -> u128 {
    (1u128 << 96) - 1
}

/// An amount as (mantissa, scale): small, 28-digit, and near the limit.
fn amount() -> impl Strategy<Value = (u128, u32)> {
    let mantissa = prop_oneof![
        1u128..1_000_000,
        10u128.pow(27)..10u128.pow(28),
        (max_mantissa() - 1_000_000)..=max_mantissa(),
        1u128..=max_mantissa(),
    ];
    (mantissa, 0u32..=28)
}

fn text_of((mantissa, scale): (u128, u32)) -> String {
    let digits = mantissa.to_string();
    let scale = scale as usize;
    if scale == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{int}.{frac}")
}

/// The value × 10^28, exactly.
fn scaled((mantissa, scale): (u128, u32)) -> BigInt {
    BigInt::from(mantissa) * BigInt::from(10).pow(28 - scale)
}

fn scaled_decimal(d: Decimal) -> BigInt {
    BigInt::from(d.mantissa()) * BigInt::from(10).pow(28 - d.scale())
}

/// Whether a value × 10^28 can be held exactly by a `Decimal`.
fn representable(value: &BigInt) -> bool {
    let ten = BigInt::from(10);
    let mut v = value.clone();
    let mut scale = 28;
    while scale > 0 && (&v % &ten) == BigInt::from(0) {
        v /= &ten;
        scale -= 1;
    }
    v.magnitude() <= &num_bigint::BigUint::from(max_mantissa())
}

fn table(ceiling: &str, amounts: &[String]) -> String {
    let rows: Vec<String> = amounts
        .iter()
        .enumerate()
        .map(|(i, a)| format!(r#"{{"code":"M{i}","name":"Member {i}","amount":"{a}"}}"#))
        .collect();
    format!(
        r#"{{"schema_version":1,"fund":{{"name":"T","currency":"EUR","ceiling":"{ceiling}"}},"allocations":[{}]}}"#,
        rows.join(",")
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_total_is_exact_or_an_error(amounts in prop::collection::vec(amount(), 1..6)) {
        let texts: Vec<String> = amounts.iter().map(|&a| text_of(a)).collect();
        let exact: BigInt = amounts.iter().map(|&a| scaled(a)).sum();
        match parse("t", table("1", &texts).as_bytes()) {
            Ok(data) => {
                prop_assert!(representable(&exact));
                prop_assert_eq!(scaled_decimal(data.allocated), exact);
            }
            Err(e) => {
                prop_assert!(!representable(&exact), "refused a representable sum: {}", e.message());
                prop_assert!(e.message().contains("cannot be held exactly"), "{}", e.message());
            }
        }
    }

    #[test]
    fn the_concentration_cap_is_compared_exactly(
        ceiling in amount(),
        amounts in prop::collection::vec(amount(), 1..5),
    ) {
        let texts: Vec<String> = amounts.iter().map(|&a| text_of(a)).collect();
        let Ok(data) = parse("t", table(&text_of(ceiling), &texts).as_bytes()) else {
            return Ok(()); // an inexact total: covered above
        };
        let mut sorted: Vec<BigInt> = amounts.iter().map(|&a| scaled(a)).collect();
        sorted.sort();
        let top3: BigInt = sorted.iter().rev().take(3).sum();
        let cap_x100: BigInt = scaled(ceiling) * BigInt::from(60);
        match concentration_check(&data) {
            Ok(check) => {
                prop_assert_eq!(check.passed, top3.clone() * BigInt::from(100) <= cap_x100.clone());
                prop_assert_eq!(scaled_decimal(check.actual), top3.clone());
                prop_assert_eq!(scaled_decimal(check.limit) * BigInt::from(100), cap_x100.clone());
                prop_assert_eq!(scaled_decimal(check.margin) * BigInt::from(100), cap_x100 - top3 * BigInt::from(100));
            }
            Err(e) => {
                prop_assert!(e.message().contains("cannot compute exactly"), "{}", e.message());
                // Refused only when the cap, the top three or the margin
                // cannot be held exactly.
                let limit_ok = cap_x100.clone() % BigInt::from(100) == BigInt::from(0)
                    && representable(&(cap_x100.clone() / BigInt::from(100)));
                let margin = cap_x100.clone() - top3.clone() * BigInt::from(100);
                let margin_ok = margin.clone() % BigInt::from(100) == BigInt::from(0)
                    && representable(&(margin / BigInt::from(100)));
                prop_assert!(!(limit_ok && representable(&top3) && margin_ok), "{}", e.message());
            }
        }
    }
}
