//! `safe what-if`: a scenario on the loaded table (add, set, remove,
//! optionally fit pro rata), reported as before/after with its checks.
//! Exit 0 unless the arguments are bad.

use rust_decimal::Decimal;

use crate::analysis::check::check_report;
use crate::analysis::diff::diff_report;
use crate::analysis::what_if::{
    Action, AppliedChange, Change, Fit, Scenario, WhatIfReport, what_if,
};
use crate::error::Error;
use crate::export::{Block, Report, Subject, View};
use crate::money::format_short;
use crate::names;
use anyhow::{Context as _, Result};

use super::check::check_blocks;
use super::diff::diff_blocks;
use super::{Ctx, Output};

/// The arguments of `safe what-if`, with its help.
#[derive(Debug, clap::Args)]
#[command(
    about = "Scenarios: add, set or remove members, optionally fit the ceiling",
    name = "what-if",
    long_about = "Apply a scenario to the loaded table and report before, after and the \
change per member, the new totals, and the scenario's checks. --fit pro-rata scales the \
members the scenario did not set down in proportion, in whole euros (largest remainder), so \
the total is exactly the ceiling and nobody goes up. The scenario is reported either way: \
exit 0 unless the arguments are bad.",
    after_help = "Examples:\n  safe what-if --add TR=5bn:Türkiye\n  safe what-if --add TR=5bn --fit pro-rata\n  safe what-if --set PL=40bn --remove DK --json"
)]
pub struct Args {
    /// Add a member: CODE=AMOUNT or CODE=AMOUNT:NAME (repeatable)
    #[arg(long, value_name = "CODE=AMOUNT[:NAME]", value_parser = add_arg, allow_hyphen_values = true)]
    pub add: Vec<AddArg>,
    /// Change a member's amount: MEMBER=AMOUNT (repeatable)
    #[arg(long, value_name = "MEMBER=AMOUNT", value_parser = set_arg, allow_hyphen_values = true)]
    pub set: Vec<SetArg>,
    /// Remove a member (repeatable)
    #[arg(long, value_name = "MEMBER")]
    pub remove: Vec<String>,
    /// Bring the scenario within the ceiling
    #[arg(long, value_enum, value_name = "METHOD")]
    pub fit: Option<Fit>,
}

/// `--add CODE=AMOUNT[:NAME]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddArg {
    pub code: String,
    pub amount: Decimal,
    pub name: Option<String>,
}

/// `--set MEMBER=AMOUNT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetArg {
    pub member: String,
    pub amount: Decimal,
}

/// Parses `CODE=AMOUNT[:NAME]`.
pub fn add_arg(text: &str) -> Result<AddArg, String> {
    let (code, rest) = text
        .split_once('=')
        .ok_or_else(|| format!("expected CODE=AMOUNT[:NAME], e.g. TR=5bn:Türkiye, got {text:?}"))?;
    let code = crate::dataset::validate_code(code.trim())?;
    let (amount, name) = match rest.split_once(':') {
        Some((amount, name)) => {
            // The rules of a data file's names: text from the command
            // line reaches the same views.
            let what = || format!("the name of {code} in --add");
            crate::dataset::text::check_chars(name, what)?;
            let name = name.trim();
            crate::dataset::text::check_text(name, what)?;
            if !crate::dataset::text::visible(name) {
                return Err(format!(
                    "{}: it holds only spaces and invisible characters",
                    what()
                ));
            }
            (amount, Some(name.to_string()))
        }
        None => (rest, None),
    };
    Ok(AddArg {
        code: code.to_string(),
        amount: crate::values::amount(amount)?,
        name,
    })
}

/// Parses `MEMBER=AMOUNT`.
pub fn set_arg(text: &str) -> Result<SetArg, String> {
    let (member, amount) = text
        .split_once('=')
        .ok_or_else(|| format!("expected MEMBER=AMOUNT, e.g. PL=40bn, got {text:?}"))?;
    if member.trim().is_empty() {
        return Err(format!("no member before '=' in {text:?}"));
    }
    Ok(SetArg {
        member: member.trim().to_string(),
        amount: crate::values::amount(amount)?,
    })
}

pub fn run<'c>(args: &Args, ctx: &'c Ctx) -> Result<Output<'c>> {
    // A member changed twice (added and removed, say) is said so before
    // any name is looked up.
    for add in &args.add {
        let named = |m: &str| m.trim().eq_ignore_ascii_case(&add.code);
        let other = if args.remove.iter().any(|m| named(m)) {
            Some("--remove")
        } else if args.set.iter().any(|s| named(&s.member)) {
            Some("--set")
        } else {
            None
        };
        if let Some(other) = other {
            anyhow::bail!(Error::usage(format!(
                "{} is changed twice (--add {} and {other} {}): a member may be changed once per \
                 scenario",
                add.code, add.code, add.code
            )));
        }
    }
    let data = ctx.table()?;
    let mut changes = Vec::new();
    // One index for every name given: many changes stay linear.
    let index = names::Index::new(data);
    for code in &args.remove {
        let member = index
            .find(code)
            .with_context(|| format!("--remove {code}"))?;
        changes.push(Change::Remove {
            code: member.code.to_string(),
        });
    }
    for set in &args.set {
        let member = index
            .find(&set.member)
            .with_context(|| format!("--set {}", set.member))?;
        changes.push(Change::Set {
            code: member.code.to_string(),
            amount: set.amount,
        });
    }
    for add in &args.add {
        if let Some(existing) = index.member_with_code(&add.code) {
            anyhow::bail!(Error::usage(format!(
                "{} ({}) is already in the table; use --set {}=AMOUNT",
                existing.name, existing.code, existing.code
            )));
        }
        let known = names::country(&add.code);
        let name = add
            .name
            .clone()
            .or_else(|| known.map(|c| c.name.clone()))
            .unwrap_or_else(|| add.code.clone());
        changes.push(Change::Add {
            code: add.code.clone(),
            name,
            amount: add.amount,
        });
    }
    if changes.is_empty() {
        anyhow::bail!(Error::usage(
            "no scenario: give at least one --add CODE=AMOUNT, --set MEMBER=AMOUNT or --remove MEMBER",
        ));
    }
    let Scenario {
        after,
        changes,
        fit,
    } = what_if(data, &changes, args.fit)?;
    let after = ctx.keep(after)?;
    // The checks of the scenario and its diff are independent.
    let (checks, diff) = crate::parallel::join(
        after.allocations.len(),
        || check_report(after, None, None),
        || diff_report(data, after),
    );
    let report = WhatIfReport {
        changes,
        fit,
        diff: diff?,
        checks: checks?,
    };
    Ok(Output::report(report, Subject::of(data)))
}

/// A change in words: `add TR Türkiye €5bn`.
fn describe(c: &AppliedChange) -> String {
    let amount = c.amount.map(format_short).unwrap_or_default();
    let name = crate::export::human::cut_text(&c.name);
    match c.action {
        Action::Add => format!("add {} {name} {amount}", c.code),
        Action::Set => format!("set {} {name} to {amount}", c.code),
        Action::Remove => format!("remove {} {name}", c.code),
    }
}

impl Report for WhatIfReport<'_> {
    fn parts(&self) -> &'static [&'static str] {
        &["members", "totals", "checks"]
    }

    fn table_line(&self, _table: &Subject) -> Option<String> {
        Some(super::diff::sides_line(&self.diff.old, &self.diff.new))
    }

    fn view(&self) -> View<'_> {
        let changes: Vec<String> = self.changes.iter().map(describe).collect();
        let mut blocks = vec![Block::Heading(format!("What if: {}", changes.join("; ")))];
        if let Some(fit) = &self.fit {
            blocks.push(Block::Note(if fit.applied {
                format!(
                    "Fitted pro rata: {} scaled down in proportion to share {} exactly (largest remainder), so the total is the ceiling.",
                    crate::words::members(fit.scaled_members),
                    format_short(fit.target)
                )
            } else {
                "No fit needed: the scenario is within the ceiling.".to_string()
            }));
        }
        blocks.extend(diff_blocks(&self.diff));
        let mut checks = check_blocks(&self.checks);
        // The part's marker first: `--part checks` keeps the heading.
        checks.insert(1, Block::Heading("Checks on the scenario".to_string()));
        blocks.extend(checks);
        if let Some(note) = super::diff::side_note(&self.diff.old) {
            blocks.push(Block::Note(format!(
                "{note} (the table before the scenario)"
            )));
        }
        View { blocks }
    }
}
