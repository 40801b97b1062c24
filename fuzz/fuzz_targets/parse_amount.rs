//! Arbitrary text as an AMOUNT argument or a number in a data file: never
//! a panic, and whatever parses is positive (amounts) and exact (it prints
//! back to a number that parses to the same value).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(amount) = safe::money::parse_amount(text) {
        assert!(
            amount > rust_decimal::Decimal::ZERO,
            "{text:?} gave {amount}"
        );
        assert_eq!(safe::money::parse_exact(&amount.to_string()), Ok(amount));
    }
    if let Ok(value) = safe::money::parse_exact(text) {
        assert_eq!(safe::money::parse_exact(&value.to_string()), Ok(value));
        for unit in [
            safe::money::Unit::Eur,
            safe::money::Unit::M,
            safe::money::Unit::Bn,
        ] {
            let places = safe::money::places_needed(value, unit);
            let _ = safe::money::format_grouped(value, unit, places);
        }
        let _ = safe::money::format_short(value);
    }
});
