//! A table summed up: what `total` needs of it (its counts, its sums and
//! their bounds, the finest decimal place of its figures), checked as a
//! full load checks it but without keeping its rows.

use rust_decimal::Decimal;

use super::{Dataset, Edition, Fund, Precision};

/// A table's counts and exact sums.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Where it came from: a path, `<stdin>` or `<bundled>`.
    pub origin: String,
    pub fund: Fund,
    pub edition: Option<Edition>,
    pub member_count: usize,
    /// How many rows' figures are confirmed.
    pub confirmed: usize,
    /// The exact sum of the amounts, and of their bounds.
    pub allocated: Decimal,
    pub allocated_min: Decimal,
    pub allocated_max: Decimal,
    /// The finest decimal place each field uses.
    pub precision: Precision,
}

impl Summary {
    /// The summary of a loaded table.
    pub fn of(data: &Dataset) -> Summary {
        Summary {
            origin: data.origin.clone(),
            fund: data.fund.clone(),
            edition: data.edition.clone(),
            member_count: data.allocations.len(),
            confirmed: data.confirmed(),
            allocated: data.allocated,
            allocated_min: data.allocated_min,
            allocated_max: data.allocated_max,
            precision: data.precision,
        }
    }
}
