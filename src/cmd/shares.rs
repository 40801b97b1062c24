//! `safe shares`: each member's share in percent of the ceiling or of the
//! allocated sum, rounded to nearest or by largest remainder.

use crate::analysis::shares::{Base, Method, SharesReport, shares_report};
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Rows, Table, View, member_cells, member_columns};

use super::{Ctx, Outcome};

use clap::{Args, ValueEnum};

/// What shares are of (`--of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OfArg {
    /// The fund's ceiling (€150bn for SAFE)
    Fund,
    /// The sum actually allocated
    Allocated,
}

impl From<OfArg> for Base {
    fn from(of: OfArg) -> Base {
        match of {
            OfArg::Fund => Base::Fund,
            OfArg::Allocated => Base::Allocated,
        }
    }
}

/// How shares are rounded (`--method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Each share rounded half-to-even on its own: equal amounts always get
    /// equal shares, but the column may not add up to the rounded total
    Nearest,
    /// Hamilton's method: round down, then give one unit each to the
    /// largest remainders until the column adds up to the rounded total
    LargestRemainder,
}

impl From<MethodArg> for Method {
    fn from(m: MethodArg) -> Method {
        match m {
            MethodArg::Nearest => Method::Nearest,
            MethodArg::LargestRemainder => Method::LargestRemainder,
        }
    }
}

/// The arguments of `safe shares`, with its help.
#[derive(Debug, Args)]
#[command(
    about = "Each member's share in percent, rounded your way",
    long_about = "Each member's share in percent of the fund ceiling (default) or of the \
allocated sum. `nearest` rounds each share half-to-even, so equal amounts show equal shares; \
the total row is the exact sum of the column as shown. `largest-remainder` (Hamilton) makes \
the rounded column add up exactly to the rounded total; equal remainders go to the larger \
amount, then to the name that sorts first.",
    after_help = "Examples:\n  safe shares\n  safe shares --of allocated --method largest-remainder\n  safe shares --precision 4 --format csv"
)]
pub struct SharesArgs {
    /// Shares of the fund ceiling or of the allocated sum
    #[arg(long, value_enum, default_value_t = OfArg::Fund)]
    pub of: OfArg,
    /// Decimal places of the rounded shares (0–10)
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub precision: u32,
    /// Rounding method
    #[arg(long, value_enum, default_value_t = MethodArg::Nearest)]
    pub method: MethodArg,
    /// Only the first N members
    #[arg(long, value_name = "N", value_parser = crate::cli::positive_count)]
    pub top: Option<usize>,
}

pub fn run(args: &SharesArgs, ctx: &Ctx) -> Result<Outcome> {
    let mut report = shares_report(
        &ctx.data,
        args.of.into(),
        args.method.into(),
        args.precision,
    )?;
    // The shares are rounded over the whole table, then the list is cut.
    report.members.truncate(args.top.unwrap_or(usize::MAX));
    ctx.emit(&report)
}

impl Report for SharesReport {
    fn command(&self) -> &'static str {
        "shares"
    }

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
        let table = Table {
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
                Block::Table(table),
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
