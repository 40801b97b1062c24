//! The whole table as loaded, in the file's order or sorted.

use rust_decimal::Decimal;
use serde::Serialize;

use super::sum;
use crate::dataset::{Allocation, Dataset, Precision};
use crate::error::Result;

/// How to order the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// As the file has them.
    #[default]
    File,
    Name,
    Code,
    /// Largest first, then by name.
    Amount,
}

/// The `table` report: every row with its provenance. (The fund and the
/// edition are in the `table` object every report carries.)
#[derive(Debug, Serialize)]
pub struct TableReport<'a> {
    pub sort: SortBy,
    pub allocated: Decimal,
    pub allocated_min: Decimal,
    pub allocated_max: Decimal,
    pub member_count: usize,
    /// The `--top` asked for (when sorted by amount, ties with the last
    /// row are kept).
    pub top: Option<usize>,
    /// Listed in JSON from the view's fields (`cmd::table`).
    #[serde(skip)]
    pub allocations: Vec<&'a Allocation>,
    /// The rows shown, together.
    pub shown: Subtotal,
    #[serde(skip)]
    pub figures: Precision,
}

/// Rows added up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subtotal {
    pub member_count: usize,
    pub amount: Decimal,
    pub amount_min: Decimal,
    pub amount_max: Decimal,
}

impl Subtotal {
    pub fn of<'a>(rows: impl Iterator<Item = &'a Allocation> + Clone) -> Result<Subtotal> {
        let what = "the rows shown";
        Ok(Subtotal {
            member_count: rows.clone().count(),
            amount: sum(rows.clone().map(|a| &a.amount), what)?,
            amount_min: sum(rows.clone().map(|a| &a.min), what)?,
            amount_max: sum(rows.map(|a| &a.max), what)?,
        })
    }
}

pub fn table_report(data: &Dataset, sort: SortBy, top: Option<usize>) -> Result<TableReport<'_>> {
    let mut allocations: Vec<&Allocation> = data.allocations.iter().collect();
    match sort {
        SortBy::File => {}
        SortBy::Name => allocations.sort_by(|a, b| a.name.cmp(&b.name)),
        SortBy::Code => allocations.sort_by(|a, b| a.code.cmp(&b.code)),
        SortBy::Amount => {
            allocations.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.name.cmp(&b.name)))
        }
    }
    if let Some(k) = top {
        if sort == SortBy::Amount {
            super::rank::keep_with_ties(&mut allocations, k, |a| a.amount);
        } else {
            allocations.truncate(k);
        }
    }
    Ok(TableReport {
        sort,
        allocated: data.allocated,
        allocated_min: data.allocated_min,
        allocated_max: data.allocated_max,
        member_count: data.allocations.len(),
        top,
        shown: Subtotal::of(allocations.iter().copied())?,
        allocations,
        figures: data.precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::seed_edition;

    #[test]
    fn sorts_as_asked() {
        let data = seed_edition().unwrap();
        assert_eq!(
            table_report(&data, SortBy::File, None).unwrap().allocations[1].code,
            "RO"
        );
        assert_eq!(
            table_report(&data, SortBy::Code, None).unwrap().allocations[0].code,
            "BE"
        );
        assert_eq!(
            table_report(&data, SortBy::Name, None).unwrap().allocations[0].code,
            "BE"
        );
        assert_eq!(
            table_report(&data, SortBy::Amount, None)
                .unwrap()
                .allocations[18]
                .code,
            "DK"
        );
    }
}
