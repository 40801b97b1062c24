//! Money: exact decimal amounts.
//!
//! * [`parse`]: reading numbers from data files and amounts as people type
//!   them (`1.5bn`);
//! * [`format`]: writing them, every digit or rounded for prose;
//! * [`exact`]: sums and differences that are exact or an error.
//!
//! [`Unit`] is the unit human output shows amounts in.

pub mod exact;
pub mod format;
pub mod parse;

use std::str::FromStr;

pub use exact::{
    ExactSum, add_exact, cmp_ratios, exact_sum, half, mul_int_exact, percent_of_exact, sub_exact,
};
pub use format::{
    format_compact, format_compact_apart, format_compact_range, format_compact_with,
    format_grouped, format_short, grouped_len, places_needed, precision_of, push_grouped,
    push_plain, round_at,
};
pub use parse::{AMOUNT_FORMS, AmountError, NumberError, parse_amount, parse_exact};

/// The unit in which human output shows amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Euros, with every digit.
    #[default]
    Eur,
    /// Millions of euros.
    M,
    /// Billions of euros.
    Bn,
}

impl Unit {
    /// How many decimal places the unit moves the point.
    pub fn shift(self) -> u32 {
        match self {
            Unit::Eur => 0,
            Unit::M => 6,
            Unit::Bn => 9,
        }
    }

    /// The label used in column headers: `€`, `€m`, `€bn`.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Eur => "€",
            Unit::M => "€m",
            Unit::Bn => "€bn",
        }
    }
}

impl FromStr for Unit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        <Unit as clap::ValueEnum>::from_str(s, true)
    }
}
