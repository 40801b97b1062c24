//! `safe diff OTHER`: the loaded table against another, member by member,
//! with the change in total, headroom and Art. 13 position. Exit 0.

use rust_decimal::Decimal;

use crate::analysis::diff::{DiffReport, MemberChange, Order, Side, Status, diff_report};
use crate::dataset::{LoadOptions, Precision, editions};
use crate::error::Error;
use crate::export::view::Measure;
use crate::export::{Block, Cell, Column, Field, Grid, Listing, Report, Subject, View};
use crate::source::display_path;
use anyhow::Result;

use super::{Ctx, Output, TableSpec};

use std::path::{Path, PathBuf};

/// The arguments of `safe diff`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Compare the loaded table with OTHER, member by member",
    long_about = "Compare the loaded table (the default edition, --edition or --data) with \
OTHER: each member's amount before and after, the change in euros and percent, new and dropped \
members, the change in total, headroom and the Art. 13 position, and each row's basis before and \
after. OTHER is a bundled edition's id or a file. The diff reads forward in time: when both \
tables have an as-of date, the older is \"before\"; otherwise OTHER is \"before\" and the \
loaded table \"after\", as `git diff REV` reads. It reports and does not judge (exit 0) unless \
--exit-code asks it to fail (exit 1) when the tables differ at all, to pin a table in CI.",
    after_help = "Examples:\n  safe diff council-2026-02\n  safe --edition council-2026-02 diff commission-2025-09 --json\n  safe diff council-2026-04 --exit-code"
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
    /// Only the changes beyond rounding: those the bounds of the two
    /// figures cannot explain (for exact figures, any change), and members
    /// added or removed
    #[arg(long)]
    pub beyond_rounding: bool,
    /// Only the first N lines (and any tied with the last of them)
    #[arg(long, value_name = "N", value_parser = crate::values::positive_count)]
    pub top: Option<std::num::NonZeroUsize>,
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    let other = other_spec(&args.other, ctx.spec(), ctx.limits)?;
    if let TableSpec::File { path, .. } = &other {
        ctx.reads(path);
    }
    let (table, other) = if same_table(ctx.spec(), &other) {
        // A table against itself: loaded once.
        let table = ctx.table()?;
        (table, table)
    } else {
        ctx.table_and_other(|| super::load(&other))?
    };
    let order = Order::of(table, other);
    let (old, new) = match order {
        Order::Given => (other, table),
        Order::ByDate => (table, other),
    };
    let mut report = diff_report(old, new)?;
    report.order = order;
    if args.changed_only {
        report
            .members
            .retain(|m| m.status != Status::Unchanged || m.old_basis != m.new_basis);
    }
    if args.beyond_rounding {
        report.members.retain(|m| m.beyond_rounding);
    }
    report.change_count = report.members.len();
    if let Some(n) = args.top.map(usize::from) {
        report.members.truncate_with_ties(n);
        report.top = Some(n);
    }
    let identical = report.identical;
    let mut output = Output::report(report, Subject::of(table));
    if args.exit_code && !identical {
        output.status = crate::error::exit::CHECK_FAILED;
    }
    Ok(output)
}

/// OTHER is a bundled edition's id, or else a file (`-`: standard input).
/// A file that has an edition's name must be written as a path
/// (`./council-2026-02`).
fn other_spec(other: &Path, table: &TableSpec, limits: crate::source::Limits) -> Result<TableSpec> {
    if let Some(id) = other.to_str().filter(|t| editions::is_edition(t)) {
        if other.exists() {
            anyhow::bail!(Error::usage(format!(
                "{id} is both a bundled edition and a file here: write ./{id} for the file"
            )));
        }
        return Ok(TableSpec::Edition(id.to_string()));
    }
    let stdin = |p: &Path| p.as_os_str() == "-";
    if stdin(other) && matches!(table, TableSpec::File { path, .. } if stdin(path)) {
        anyhow::bail!(Error::usage(
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
        anyhow::bail!(Error::no_input(
            &name,
            format!(
                "cannot read: no such file, and no bundled edition of that name (the editions are {}){closest}",
                ids.join(", ")
            ),
        ));
    }
    Ok(TableSpec::File {
        path: other.to_path_buf(),
        options: LoadOptions {
            limits,
            ..LoadOptions::default()
        },
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

    fn listed(&self) -> Option<Listing> {
        Some(Listing {
            shown: self.members.len(),
            of: self.change_count,
            top: self.top,
            noun: "line",
        })
    }

    fn table_line(&self, _table: &Subject) -> Option<String> {
        Some(sides_line(&self.old, &self.new))
    }

    fn view(&self) -> View<'_> {
        let mut blocks = Vec::new();
        if self.order == Order::ByDate {
            blocks.push(Block::Note(format!(
                "Read forward in time: {} (the table loaded) is older than {} (OTHER), so it is \"before\".",
                self.old.label(),
                self.new.label()
            )));
        }
        blocks.extend(diff_blocks(self));
        let old = side_note(&self.old);
        let new = side_note(&self.new).filter(|n| Some(n) != old.as_ref());
        blocks.extend(old.into_iter().chain(new).map(Block::Note));
        View { blocks }
    }
}

/// Both sides of a comparison in one line: `Before: commission-2025-09, as
/// of 2025-09-09 → after: council-2026-04, as of 2026-04-10`.
pub fn sides_line(old: &Side, new: &Side) -> String {
    use crate::export::provenance::describe;
    format!(
        "Before: {} → after: {}",
        describe(&old.origin, old.edition.as_ref()),
        describe(&new.origin, new.edition.as_ref())
    )
}

/// An edition's note, naming the edition.
pub fn side_note(side: &Side) -> Option<String> {
    let e = side.edition.as_ref()?;
    let note = e.note.as_ref()?;
    Some(match &e.id {
        Some(id) => format!("Note ({id}): {note}"),
        None => format!("Note: {note}"),
    })
}

/// The member changes and the headline changes (also used by `what-if`).
pub fn diff_blocks<'a>(report: &'a DiffReport<'_>) -> Vec<Block<'a>> {
    let (o, n) = (&report.old, &report.new);
    let precision = o.figures.max(n.figures);
    let rounded = o.allocated_min != o.allocated_max || n.allocated_min != n.allocated_max;
    let members = &report.members;
    let mut blocks = vec![
        Block::Part("members"),
        Block::Grid(
            Grid::listing(
                member_fields(precision, rounded),
                Some("members"),
                members.len(),
                move |i| members.get(i),
            )
            .reading_ahead(move |range| members.read_ahead(range)),
        ),
        Block::Part("totals"),
        Block::Heading(format!("Totals: {} → {}", o.label(), n.label())),
        Block::Grid(totals_grid(report)),
    ];
    if rounded {
        blocks.push(Block::Heading("Totals within rounding:".to_string()));
        blocks.push(Block::Grid(rounding_grid(report)));
    }
    blocks
}

/// The columns of the member changes, each with how its cell is made
/// (`rounded`: either table has rounded figures, so each change says
/// whether it is beyond rounding).
fn member_fields<'a>(precision: Precision, rounded: bool) -> Vec<Field<'a, MemberChange<'a>>> {
    type Row<'a> = MemberChange<'a>;
    let money = precision.money();
    let amount =
        |v: Option<Decimal>, min: Option<Decimal>, max: Option<Decimal>| match (v, min, max) {
            (Some(v), Some(min), Some(max)) => Cell::amount(v, min, max),
            _ => Cell::Empty,
        };
    let range = |min: Option<Decimal>, max: Option<Decimal>| match (min, max) {
        (Some(min), Some(max)) => Cell::range(min, max, Measure::Money),
        _ => Cell::Empty,
    };
    let bound = |name: &'static str, header: &'static str, of: fn(&Row<'a>) -> Option<Decimal>| {
        Column::money(name, header)
            .precise(money)
            .machine_only()
            .of(move |m: &Row<'a>| Cell::opt_money(of(m)))
    };
    vec![
        Column::text("code", "code")
            .essential()
            .of(|m: &Row<'a>| Cell::text(m.code)),
        Column::text("name", "member")
            .priority(3)
            .of(|m: &Row<'a>| Cell::text(m.name)),
        Column::text("status", "status")
            .of(|m: &Row<'a>| Cell::key(m.status.id(), m.status.label())),
        Column::money("old_amount", "before")
            .precise(precision.amount)
            .priority(1)
            .of(move |m: &Row<'a>| amount(m.old_amount, m.old_amount_min, m.old_amount_max)),
        Column::money("new_amount", "after")
            .precise(precision.amount)
            .priority(1)
            .of(move |m: &Row<'a>| amount(m.new_amount, m.new_amount_min, m.new_amount_max)),
        Column::money("change", "change")
            .precise(precision.amount)
            .essential()
            .of(|m: &Row<'a>| Cell::money_change(m.change).about(m.change_min != m.change_max)),
        Column::number("change_pct", "change %")
            .priority(3)
            .of(|m: &Row<'a>| {
                m.change_pct.map_or(Cell::Empty, |p| {
                    Cell::change(p, Measure::Pct, m.change.cmp(&Decimal::ZERO))
                        .about(m.change_min != m.change_max)
                })
            }),
        Column::text("vs_rounding", "vs rounding")
            .human_only()
            .optional()
            .priority(2)
            .of(move |m: &Row<'a>| {
                if !rounded {
                    Cell::Empty
                } else if m.beyond_rounding {
                    Cell::key("true", "beyond")
                } else {
                    Cell::key("false", "within")
                }
            }),
        Column::basis("old_basis", "basis before")
            .priority(4)
            .short("was")
            .of(|m: &Row<'a>| Cell::opt_basis(m.old_basis)),
        Column::basis("new_basis", "basis after")
            .priority(3)
            .short("basis")
            .of(|m: &Row<'a>| Cell::opt_basis(m.new_basis)),
        Column::text("beyond_rounding", "beyond rounding")
            .machine_only()
            .of(|m: &Row<'a>| Cell::Check(m.beyond_rounding)),
        bound("old_amount_min", "before min", |m| m.old_amount_min),
        bound("old_amount_max", "before max", |m| m.old_amount_max),
        bound("new_amount_min", "after min", |m| m.new_amount_min),
        bound("new_amount_max", "after max", |m| m.new_amount_max),
        bound("change_min", "change min", |m| Some(m.change_min)),
        bound("change_max", "change max", |m| Some(m.change_max)),
        Column::money("old_range", "before within rounding")
            .precise(money)
            .human_only()
            .range()
            .of(move |m: &Row<'a>| range(m.old_amount_min, m.old_amount_max)),
        Column::money("new_range", "after within rounding")
            .precise(money)
            .human_only()
            .range()
            .of(move |m: &Row<'a>| range(m.new_amount_min, m.new_amount_max)),
        Column::money("change_range", "change within rounding")
            .precise(money)
            .human_only()
            .range()
            .of(|m: &Row<'a>| Cell::range(m.change_min, m.change_max, Measure::Money)),
    ]
}

/// The headline figures before and after, with their change and bounds.
fn totals_grid<'a>(report: &'a DiffReport<'_>) -> Grid<'a> {
    let (o, n, c) = (&report.old, &report.new, &report.change);
    let money = o.figures.max(n.figures).money();
    let cap = |ok: bool| Cell::key(ok.to_string(), if ok { "within" } else { "OVER" });
    let money_row = |id: &'static str,
                     label: &'static str,
                     old: [Decimal; 3],
                     new: [Decimal; 3],
                     change: [Decimal; 3]| {
        vec![
            Cell::key(id, label),
            Cell::MoneyAt(old[0], money).about(old[1] != old[2]),
            Cell::MoneyAt(new[0], money).about(new[1] != new[2]),
            Cell::money_change(change[0]).about(change[1] != change[2]),
            Cell::Money(old[1]),
            Cell::Money(old[2]),
            Cell::Money(new[1]),
            Cell::Money(new[2]),
            Cell::Money(change[1]),
            Cell::Money(change[2]),
        ]
    };
    let exact_row = |id: &'static str,
                     label: &'static str,
                     old: Cell<'a>,
                     new: Cell<'a>,
                     change: Cell<'a>,
                     raw: [Decimal; 3]| {
        vec![
            Cell::key(id, label),
            old,
            new,
            change,
            Cell::Number(raw[0]),
            Cell::Number(raw[0]),
            Cell::Number(raw[1]),
            Cell::Number(raw[1]),
            Cell::Number(raw[2]),
            Cell::Number(raw[2]),
        ]
    };
    let count = |n: i64| Decimal::from(n);
    Grid {
        columns: vec![
            Column::text("metric", "figure").essential(),
            Column::number("old", "before").essential(),
            Column::number("new", "after").essential(),
            Column::number("change", "change").essential(),
            Column::number("old_min", "before min").machine_only(),
            Column::number("old_max", "before max").machine_only(),
            Column::number("new_min", "after min").machine_only(),
            Column::number("new_max", "after max").machine_only(),
            Column::number("change_min", "change min").machine_only(),
            Column::number("change_max", "change max").machine_only(),
        ],
        rows: vec![
            exact_row(
                "member_count",
                "members",
                Cell::Int(o.member_count as i64),
                Cell::Int(n.member_count as i64),
                Cell::change(
                    count(c.member_count),
                    Measure::Count,
                    c.member_count.cmp(&0),
                ),
                [
                    count(o.member_count as i64),
                    count(n.member_count as i64),
                    count(c.member_count),
                ],
            ),
            money_row(
                "allocated",
                "allocated",
                [o.allocated, o.allocated_min, o.allocated_max],
                [n.allocated, n.allocated_min, n.allocated_max],
                [c.allocated, c.allocated_min, c.allocated_max],
            ),
            money_row(
                "ceiling",
                "ceiling",
                [o.ceiling; 3],
                [n.ceiling; 3],
                [c.ceiling; 3],
            ),
            money_row(
                "headroom",
                "headroom",
                [o.headroom, o.headroom_min, o.headroom_max],
                [n.headroom, n.headroom_min, n.headroom_max],
                [c.headroom, c.headroom_min, c.headroom_max],
            ),
            money_row(
                "top3",
                "top 3 (Art. 13)",
                [o.top3, o.top3_min, o.top3_max],
                [n.top3, n.top3_min, n.top3_max],
                [c.top3, c.top3_min, c.top3_max],
            ),
            money_row(
                "top3_margin",
                "room under the 60% cap",
                [o.top3_margin, o.top3_margin_min, o.top3_margin_max],
                [n.top3_margin, n.top3_margin_min, n.top3_margin_max],
                [c.top3_margin, c.top3_margin_min, c.top3_margin_max],
            ),
            exact_row(
                "top3_pct_of_ceiling",
                "top 3, % of ceiling",
                Cell::Pct(o.top3_pct_of_ceiling),
                Cell::Pct(n.top3_pct_of_ceiling),
                Cell::change(c.top3_pct_of_ceiling, Measure::Pp, c.top3_share_moved),
                [
                    o.top3_pct_of_ceiling,
                    n.top3_pct_of_ceiling,
                    c.top3_pct_of_ceiling,
                ],
            ),
            vec![
                Cell::key("top3_within_cap", "60% cap"),
                cap(o.top3_within_cap),
                cap(n.top3_within_cap),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ],
        ]
        .into(),
        footer: Vec::new(),
        json: None,
    }
}

/// The headline figures' bounds in words, for tables with rounded figures.
fn rounding_grid<'a>(report: &'a DiffReport<'_>) -> Grid<'a> {
    let (o, n, c) = (&report.old, &report.new, &report.change);
    let money = o.figures.max(n.figures).money();
    let range = |min: Decimal, max: Decimal| {
        if min == max {
            Cell::MoneyAt(min, money)
        } else {
            Cell::range_at(min, max, Measure::Money, Some(money))
        }
    };
    let row = |label: &'static str,
               old: (Decimal, Decimal),
               new: (Decimal, Decimal),
               change: (Decimal, Decimal)| {
        vec![
            Cell::text(label),
            range(old.0, old.1),
            range(new.0, new.1),
            range(change.0, change.1),
        ]
    };
    Grid {
        columns: vec![
            Column::text("figure", "figure").human_only().essential(),
            Column::text("old", "before").human_only().essential(),
            Column::text("new", "after").human_only().essential(),
            Column::text("change", "change").human_only().essential(),
        ],
        rows: vec![
            row(
                "allocated",
                (o.allocated_min, o.allocated_max),
                (n.allocated_min, n.allocated_max),
                (c.allocated_min, c.allocated_max),
            ),
            row(
                "headroom",
                (o.headroom_min, o.headroom_max),
                (n.headroom_min, n.headroom_max),
                (c.headroom_min, c.headroom_max),
            ),
            row(
                "top 3 (Art. 13)",
                (o.top3_min, o.top3_max),
                (n.top3_min, n.top3_max),
                (c.top3_min, c.top3_max),
            ),
            row(
                "room under the 60% cap",
                (o.top3_margin_min, o.top3_margin_max),
                (n.top3_margin_min, n.top3_margin_max),
                (c.top3_margin_min, c.top3_margin_max),
            ),
            vec![
                Cell::text("60% cap"),
                Cell::Verdict(o.top3_within_cap_robust.as_str()),
                Cell::Verdict(n.top3_within_cap_robust.as_str()),
                Cell::Empty,
            ],
        ]
        .into(),
        footer: Vec::new(),
        json: None,
    }
}
