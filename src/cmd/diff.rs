//! `safe diff OTHER`: the loaded table against another, member by member,
//! with the change in total, headroom and Art. 13 position. Exit 0.

use crate::analysis::diff::{DiffReport, Status, diff_report};
use crate::dataset::{LoadOptions, editions};
use crate::error::{Error, Result};
use crate::export::{Block, Cell, Column, Grid, Report, Rows, Subject, View};
use crate::source::display_path;

use super::{Ctx, Output, TableSpec};

use std::path::{Path, PathBuf};

/// The arguments of `safe diff`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Compare the loaded table with OTHER, member by member",
    long_about = "Compare the loaded table (the bundled one, or --data) with OTHER: each \
member's old and new amount, the change in euros and percent, new and dropped members, and the \
change in total, headroom and the Art. 13 position, and each row's basis before and after. OTHER \
is a bundled edition's id or a file. It reports and does not judge (exit 0) unless --exit-code \
asks it to fail (exit 1) when the tables differ at all, to pin a table in CI.",
    after_help = "Examples:\n  safe diff council-2026-02\n  safe --edition council-2026-02 diff commission-2025-09 --json\n  safe diff commission-2025-09 --exit-code"
)]
pub struct Args {
    /// The other table: a bundled edition's id (see `safe editions`) or a
    /// file (JSON, CSV or TSV); `-` reads standard input
    #[arg(value_name = "OTHER")]
    pub other: PathBuf,
    /// Exit 1 when the tables differ at all (a member added, removed, or
    /// changed by any amount or basis, or another ceiling), 0 when they
    /// are equal, as `git diff --exit-code` does
    #[arg(long)]
    pub exit_code: bool,
    /// Only the members whose amount or basis changed (and those added or
    /// removed)
    #[arg(long)]
    pub changed_only: bool,
    /// Only the first N members
    #[arg(long, value_name = "N", value_parser = crate::values::positive_count)]
    pub top: Option<usize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let other = other_spec(&args.other, ctx.spec())?;
    let (old, new) = if same_table(ctx.spec(), &other) {
        // A table against itself: loaded once.
        let table = ctx.table()?;
        (table, table)
    } else {
        ctx.table_and_other(|| super::load(&other))?
    };
    let mut report = diff_report(old, new)?;
    if args.changed_only {
        report
            .members
            .retain(|m| m.status != Status::Unchanged || m.old_basis != m.new_basis);
    }
    report.members.truncate(args.top.unwrap_or(usize::MAX));
    let identical = report.identical;
    let mut output = Output::report(report, Subject::of(old));
    if args.exit_code && !identical {
        output.status = crate::error::exit::CHECK_FAILED;
    }
    Ok(output)
}

/// OTHER is a bundled edition's id, or else a file (`-`: standard input).
/// A file that has an edition's name must be written as a path
/// (`./council-2026-02`).
fn other_spec(other: &Path, table: &TableSpec) -> Result<TableSpec> {
    if let Some(id) = other.to_str().filter(|t| editions::is_edition(t)) {
        if other.exists() {
            return Err(Error::usage(format!(
                "{id} is both a bundled edition and a file here: write ./{id} for the file"
            )));
        }
        return Ok(TableSpec::Edition(id.to_string()));
    }
    let stdin = |p: &Path| p.as_os_str() == "-";
    if stdin(other) && matches!(table, TableSpec::File { path, .. } if stdin(path)) {
        return Err(Error::usage(
            "--data - and OTHER - cannot both read standard input",
        ));
    }
    if !stdin(other) && !other.exists() {
        let name = display_path(other);
        let mut ids = editions::ids();
        ids.push(editions::LATEST);
        let closest = ids
            .iter()
            .map(|id| (strsim::levenshtein(id, &name), *id))
            .min()
            .filter(|(d, _)| *d <= 3)
            .map(|(_, id)| format!("; did you mean {id}?"))
            .unwrap_or_default();
        return Err(Error::no_input(
            &name,
            format!(
                "cannot read: no such file, and no bundled edition of that name (the editions are {}){closest}",
                ids.join(", ")
            ),
        ));
    }
    Ok(TableSpec::File {
        path: other.to_path_buf(),
        options: LoadOptions::default(),
    })
}

/// Whether two specs name the same table (the same edition, or the same
/// file whatever its name).
fn same_table(a: &TableSpec, b: &TableSpec) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (a, b) {
        (TableSpec::Edition(x), TableSpec::Edition(y)) => {
            editions::find(x).ok().map(|e| e.id) == editions::find(y).ok().map(|e| e.id)
        }
        (
            TableSpec::File {
                path: x,
                options: ox,
            },
            TableSpec::File {
                path: y,
                options: oy,
            },
        ) if ox == oy && x.as_os_str() != "-" && y.as_os_str() != "-" => {
            match (std::fs::metadata(x), std::fs::metadata(y)) {
                (Ok(x), Ok(y)) => x.is_file() && x.dev() == y.dev() && x.ino() == y.ino(),
                _ => false,
            }
        }
        _ => false,
    }
}

impl Report for DiffReport<'_> {
    fn parts(&self) -> &'static [&'static str] {
        &["members", "totals"]
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View<'_> {
        View {
            blocks: diff_blocks(self),
        }
    }
}

/// The member changes and the headline changes (also used by `what-if`).
pub fn diff_blocks<'a>(report: &'a DiffReport<'_>) -> Vec<Block<'a>> {
    let members = Grid {
        columns: vec![
            Column::text("code", "code"),
            Column::text("name", "member"),
            Column::text("status", "status"),
            Column::money("old_amount", "before"),
            Column::money("new_amount", "after"),
            Column::money("change", "change").signed(),
            Column::number("change_pct", "change %").signed(),
            Column::basis("old_basis", "basis before"),
            Column::basis("new_basis", "basis after"),
        ],
        rows: Rows::lazy(report.members.len(), move |i| {
            let m = report.members.get(i);
            vec![
                Cell::text(m.code),
                Cell::text(m.name),
                Cell::text(m.status.label()),
                Cell::opt_money(m.old_amount),
                Cell::opt_money(m.new_amount),
                Cell::Money(m.change),
                Cell::opt_pct(m.change_pct),
                Cell::opt_basis(m.old_basis),
                Cell::opt_basis(m.new_basis),
            ]
        }),
        footer: Vec::new(),
    };
    let (o, n, c) = (&report.old, &report.new, &report.change);
    let cap = |ok: bool| Cell::key(ok.to_string(), if ok { "within" } else { "OVER" });
    let summary = Grid {
        columns: vec![
            Column::text("metric", "figure"),
            Column::number("old", "before"),
            Column::number("new", "after"),
            Column::number("change", "change").signed(),
        ],
        rows: vec![
            vec![
                Cell::key("member_count", "members"),
                Cell::Int(o.member_count as i64),
                Cell::Int(n.member_count as i64),
                Cell::Int(c.member_count),
            ],
            vec![
                Cell::key("allocated", "allocated"),
                Cell::Money(o.allocated),
                Cell::Money(n.allocated),
                Cell::Money(c.allocated),
            ],
            vec![
                Cell::key("ceiling", "ceiling"),
                Cell::Money(o.ceiling),
                Cell::Money(n.ceiling),
                Cell::Money(c.ceiling),
            ],
            vec![
                Cell::key("headroom", "headroom"),
                Cell::Money(o.headroom),
                Cell::Money(n.headroom),
                Cell::Money(c.headroom),
            ],
            vec![
                Cell::key("top3", "top 3 (Art. 13)"),
                Cell::Money(o.top3),
                Cell::Money(n.top3),
                Cell::Money(c.top3),
            ],
            vec![
                Cell::key("top3_pct_of_ceiling", "top 3, % of ceiling"),
                Cell::Pct(o.top3_pct_of_ceiling),
                Cell::Pct(n.top3_pct_of_ceiling),
                Cell::Pp(c.top3_pct_of_ceiling),
            ],
            vec![
                Cell::key("top3_within_cap", "60% cap"),
                cap(o.top3_within_cap),
                cap(n.top3_within_cap),
                Cell::text(""),
            ],
        ]
        .into(),
        footer: Vec::new(),
    };
    vec![
        Block::Part("members"),
        Block::Grid(members),
        Block::Heading(format!("Totals: {} → {}", o.label(), n.label())),
        Block::Part("totals"),
        Block::Grid(summary),
    ]
}
