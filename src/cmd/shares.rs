//! `safe shares`: each member's share in percent of the ceiling or of the
//! allocated sum, rounded to nearest or by largest remainder.

use crate::analysis::shares::{Base, Method, ShareRow, SharesReport, shares_report};
use crate::dataset::Precision;
use anyhow::Result;
use rust_decimal::Decimal;

use crate::export::view::{
    Measure, amount_bound_fields, member_fields, range_fields, rank_bound_fields,
};
use crate::export::{
    Block, Cell, Column, Field, Grid, Listing, MemberFigures, Report, Subject, View,
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
    pub top: Option<std::num::NonZeroUsize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let data = ctx.table()?;
    let report = shares_report(
        data,
        args.of,
        args.method,
        args.precision,
        args.top.map(usize::from),
    )?;
    Ok(Output::report(report, Subject::of(data)))
}

impl Report for SharesReport<'_> {
    fn listed(&self) -> Option<Listing> {
        Some(Listing {
            shown: self.members.len(),
            of: self.member_count,
            top: self.top,
            noun: "member",
        })
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
        let p = self.figures;
        let table = Grid::listing(
            fields(p, of),
            Some("members"),
            self.members.len(),
            move |i| self.members.get(i),
        )
        .reading_ahead(move |range| self.members.read_ahead(range));
        let total = |label: String, amount: Decimal, min: Decimal, max: Decimal, share: Decimal| {
            vec![
                ("name", Cell::text(label)),
                ("amount", Cell::amount(amount, min, max)),
                ("share_pct", Cell::Pct(share)),
                ("amount_range", Cell::range(min, max, Measure::Money)),
            ]
        };
        let shown = &self.shown;
        let table = if shown.member_count < self.member_count {
            table
                .with_total(total(
                    crate::words::subtotal_label(shown.member_count, self.member_count, "member"),
                    shown.amount,
                    shown.amount_min,
                    shown.amount_max,
                    shown.share_pct,
                ))
                .with_total(total(
                    crate::words::all_label(self.member_count, "member"),
                    self.allocated,
                    self.allocated_min,
                    self.allocated_max,
                    self.total_rounded_pct,
                ))
        } else {
            table.with_total(total(
                crate::words::subtotal_label(self.member_count, self.member_count, "member"),
                self.allocated,
                self.allocated_min,
                self.allocated_max,
                self.total_rounded_pct,
            ))
        };
        let exact = if self.total_min_pct == self.total_max_pct {
            format!("{}%", self.total_exact_pct)
        } else {
            format!(
                "{}%, and within rounding {}% to {}%",
                self.total_exact_pct, self.total_min_pct, self.total_max_pct
            )
        };
        View {
            blocks: vec![
                Block::Grid(table),
                Block::Note(format!(
                    "Shares {of} ({}), {method}, {} decimal places; each total row adds up the \
                     rounded shares of the rows it names (the exact share of all members: {exact}).",
                    crate::money::format_short(self.base),
                    self.precision,
                )),
            ],
        }
    }
}

/// The columns of the shares, each with how its cell is made (`of`: the
/// base in words, for the share's header).
fn fields<'a>(p: Precision, of: &str) -> Vec<Field<'a, ShareRow<'a>>> {
    fn member<'a>(m: &ShareRow<'a>) -> MemberFigures<'a> {
        MemberFigures {
            rank: Some(m.rank),
            code: m.code,
            name: m.name,
            amount: m.amount,
            amount_min: m.amount_min,
            amount_max: m.amount_max,
        }
    }
    fn ranks(m: &ShareRow<'_>) -> Option<(usize, usize)> {
        Some((m.rank_best, m.rank_worst))
    }
    let mut fields = member_fields(p, member);
    fields.extend([
        Column::number("share_pct", &format!("share {of}"))
            .essential()
            .short("share")
            .of(|m: &ShareRow<'a>| {
                Cell::Pct(m.share_pct).about(m.share_min_pct != m.share_max_pct)
            }),
        Column::basis("basis", "basis").of(|m: &ShareRow<'a>| Cell::Basis(m.basis)),
        Column::number("share_exact_pct", "exact share")
            .machine_only()
            .of(|m: &ShareRow<'a>| Cell::Number(m.share_exact_pct)),
    ]);
    fields.extend(amount_bound_fields(p, member));
    fields.extend(rank_bound_fields(ranks));
    fields.extend([
        Column::number("share_min_pct", "share min")
            .machine_only()
            .of(|m: &ShareRow<'a>| Cell::Pct(m.share_min_pct)),
        Column::number("share_max_pct", "share max")
            .machine_only()
            .of(|m: &ShareRow<'a>| Cell::Pct(m.share_max_pct)),
    ]);
    fields.extend(range_fields(p, member, ranks));
    fields.push(
        Column::number("share_range", "share within rounding")
            .human_only()
            .range()
            .of(|m: &ShareRow<'a>| Cell::range(m.share_min_pct, m.share_max_pct, Measure::Pct)),
    );
    fields
}
