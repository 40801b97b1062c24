//! `safe shares`: each member's share in percent of the ceiling or of the
//! allocated sum, rounded to nearest or by largest remainder.

use crate::analysis::shares::{Base, Method, SharesReport, shares_report};
use crate::cli::SharesArgs;
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View, member_cells, member_columns};

use super::{Ctx, Outcome};

pub fn run(args: &SharesArgs, ctx: &Ctx) -> Result<Outcome> {
    ctx.emit(&shares_report(
        &ctx.data,
        args.of,
        args.method,
        args.precision,
    )?)
}

impl Report for SharesReport {
    fn command(&self) -> &'static str {
        "shares"
    }

    fn view(&self) -> View {
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
            rows: self
                .members
                .iter()
                .map(|m| {
                    let mut row = member_cells(Some(m.rank), &m.code, &m.name, m.amount);
                    row.push(Cell::Pct(m.share_pct));
                    row
                })
                .collect(),
            footer: vec![vec![
                Cell::text(""),
                Cell::text(""),
                Cell::text("total"),
                Cell::Money(self.allocated),
                Cell::Pct(self.total_rounded_pct),
            ]],
        }
        .with_basis(self.members.iter().map(|m| m.basis));
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
