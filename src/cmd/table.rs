//! `safe table`: the whole table as loaded, with the edition's provenance.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::cli::{SortKey, TableArgs};
use crate::dataset::{Allocation, Edition};
use crate::error::Result;
use crate::export::{Block, Cell, Column, Report, Table, View};
use crate::money::format_short;

use super::{Ctx, Outcome};

/// The `table` report: the dataset with its provenance.
#[derive(Debug, Serialize)]
pub struct TableReport<'a> {
    pub fund: &'a str,
    pub legal_basis: Option<&'a str>,
    pub ceiling: Decimal,
    pub edition: Option<&'a Edition>,
    pub allocated: Decimal,
    pub allocations: Vec<&'a Allocation>,
}

pub fn run(args: &TableArgs, ctx: &Ctx) -> Result<Outcome> {
    let data = &ctx.data;
    let mut allocations: Vec<&Allocation> = data.allocations.iter().collect();
    match args.sort {
        None => {}
        Some(SortKey::Name) => allocations.sort_by(|a, b| a.name.cmp(&b.name)),
        Some(SortKey::Code) => allocations.sort_by(|a, b| a.code.cmp(&b.code)),
        Some(SortKey::Amount) => {
            allocations.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.name.cmp(&b.name)))
        }
    }
    ctx.emit(&TableReport {
        fund: &data.fund.name,
        legal_basis: data.fund.legal_basis.as_deref(),
        ceiling: data.fund.ceiling,
        edition: data.edition.as_ref(),
        allocated: data.allocated,
        allocations,
    })
}

impl Report for TableReport<'_> {
    fn command(&self) -> &'static str {
        "table"
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View {
        let mut blocks = vec![Block::Heading(self.fund.to_string())];
        if let Some(basis) = self.legal_basis {
            blocks.push(Block::Note(format!("Legal basis: {basis}")));
        }
        blocks.push(Block::Note(format!(
            "Ceiling: {}",
            format_short(self.ceiling)
        )));
        if let Some(e) = self.edition {
            let name = match (&e.id, &e.title) {
                (Some(id), Some(title)) => format!("{id}: {title}, "),
                (Some(id), None) => format!("{id}, "),
                (None, Some(title)) => format!("{title}, "),
                (None, None) => String::new(),
            };
            blocks.push(Block::Note(format!(
                "Edition: {name}{} as of {}",
                e.status, e.as_of
            )));
            blocks.push(Block::Note(format!("Source: {}", e.source)));
        }
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::text("code", "code"),
                Column::text("name", "member"),
                Column::money("amount", "amount"),
                Column::basis("basis", "basis"),
                Column::text("decided", "decided"),
                Column::money("prefinancing", "pre-financing"),
            ],
            rows: self
                .allocations
                .iter()
                .map(|a| {
                    let p = a.provenance.as_deref();
                    vec![
                        Cell::text(&a.code),
                        Cell::text(&a.name),
                        Cell::Money(a.amount),
                        Cell::Basis(a.basis),
                        p.and_then(|p| p.decided.as_deref())
                            .map_or(Cell::Empty, Cell::text),
                        Cell::opt_money(p.and_then(|p| p.prefinancing)),
                    ]
                })
                .collect(),
            footer: vec![vec![
                Cell::text(""),
                Cell::text(format!("total ({} members)", self.allocations.len())),
                Cell::Money(self.allocated),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]],
        }));
        View { blocks }
    }
}
