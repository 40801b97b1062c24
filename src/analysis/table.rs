//! The whole table as loaded, in the file's order or sorted.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::dataset::{Allocation, Dataset};

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
    pub allocations: Vec<&'a Allocation>,
}

pub fn table_report(data: &Dataset, sort: SortBy) -> TableReport<'_> {
    let mut allocations: Vec<&Allocation> = data.allocations.iter().collect();
    match sort {
        SortBy::File => {}
        SortBy::Name => allocations.sort_by(|a, b| a.name.cmp(&b.name)),
        SortBy::Code => allocations.sort_by(|a, b| a.code.cmp(&b.code)),
        SortBy::Amount => {
            allocations.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.name.cmp(&b.name)))
        }
    }
    TableReport {
        sort,
        allocated: data.allocated,
        allocations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::bundled;

    #[test]
    fn sorts_as_asked() {
        let data = bundled().unwrap();
        assert_eq!(table_report(&data, SortBy::File).allocations[1].code, "RO");
        assert_eq!(table_report(&data, SortBy::Code).allocations[0].code, "BE");
        assert_eq!(table_report(&data, SortBy::Name).allocations[0].code, "BE");
        assert_eq!(
            table_report(&data, SortBy::Amount).allocations[18].code,
            "DK"
        );
    }
}
