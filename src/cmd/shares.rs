//! `safe shares`: each member's share in percent of the ceiling or of the
//! allocated sum, rounded to nearest or by largest remainder.

use crate::analysis::shares::{Base, Method, SharesReport, shares_report};
use crate::error::Result;
use crate::export::{
    Block, Cell, Column, Grid, Report, Rows, Subject, View, member_cells, member_columns,
};

use super::{Ctx, Output};

/// The arguments of `safe shares`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Each member's share in percent, rounded your way",
    long_about = "Each member's share in percent of the fund ceiling (default) or of the \
allocated sum. `nearest` rounds each share half-to-even, so equal amounts show equal shares; \
the total row is the exact sum of the column as shown. `largest-remainder` (Hamilton) makes \
the rounded column add up exactly to the rounded total; equal remainders go to the larger \
amount, then to the name that sorts first.",
    after_help = "Examples:\n  safe shares\n  safe shares --of allocated --method largest-remainder\n  safe shares --precision 4 --format csv"
)]
pub struct Args {
    /// Shares of the fund ceiling or of the allocated sum
    #[arg(long, value_enum, default_value_t = Base::Fund)]
    pub of: Base,
    /// Decimal places of the rounded shares (0–10)
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub precision: u32,
    /// Rounding method
    #[arg(long, value_enum, default_value_t = Method::Nearest)]
    pub method: Method,
    /// Only the first N members
    #[arg(long, value_name = "N", value_parser = crate::values::positive_count)]
    pub top: Option<usize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let mut report = shares_report(data, args.of, args.method, args.precision)?;
    // The shares are rounded over the whole table, then the list is cut.
    report.members.truncate(args.top.unwrap_or(usize::MAX));
    Ok(Output::report(report, Subject::of(data)))
}

impl Report for SharesReport {
    fn listed(&self) -> Option<usize> {
        Some(self.members.len())
    }

    fn view(&self) -> View<'_> {
        let of = match self.of {
            Base::Fund => "of ceiling",
            Base::Allocated => "of allocated",
        };
        let method = match self.method {
            Method::Nearest => "each rounded half-to-even",
            Method::LargestRemainder => "largest remainder",
        };
        let table = Grid {
            columns: [
                member_columns(),
                vec![Column::number("share_pct", &format!("share {of}"))],
            ]
            .concat(),
            rows: Rows::lazy(self.members.len(), move |i| {
                let m = &self.members[i];
                let mut row = member_cells(Some(m.rank), &m.code, &m.name, m.amount);
                row.push(Cell::Pct(m.share_pct));
                row
            }),
            footer: vec![vec![
                Cell::text(""),
                Cell::text(""),
                Cell::text("total"),
                Cell::Money(self.allocated),
                Cell::Pct(self.total_rounded_pct),
            ]],
        }
        .with_basis(|i| self.members[i].basis);
        View {
            blocks: vec![
                Block::Grid(table),
                Block::Note(format!(
                    "Shares {of} ({}), {method}, {} decimal places; the total row adds up the column as shown (exact total: {}%).",
                    crate::money::format_short(self.base),
                    self.precision,
                    self.total_exact_pct
                )),
            ],
        }
    }
}
