//! `safe what-if`: a scenario on the loaded table (add, set, remove,
//! optionally fit pro rata), reported as before/after with its checks.
//! Exit 0 unless the arguments are bad.

use crate::analysis::what_if::{Change, WhatIfReport, what_if};
use crate::cli::WhatIfArgs;
use crate::error::{Error, Result};
use crate::export::{Block, Report, View};
use crate::money::format_short;
use crate::names::{self, find_member};

use super::check::check_blocks;
use super::diff::diff_blocks;
use super::{Ctx, Outcome};

pub fn run(args: &WhatIfArgs, ctx: &Ctx) -> Result<Outcome> {
    let data = &ctx.data;
    let mut changes = Vec::new();
    for code in &args.remove {
        changes.push(Change::Remove {
            code: find_member(code, data)?.code.clone(),
        });
    }
    for set in &args.set {
        changes.push(Change::Set {
            code: find_member(&set.member, data)?.code.clone(),
            amount: set.amount,
        });
    }
    for add in &args.add {
        if let names::Lookup::Member(existing) = names::lookup(&add.code, data) {
            return Err(Error::usage(format!(
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
        return Err(Error::usage(
            "no scenario: give at least one --add CODE=AMOUNT, --set MEMBER=AMOUNT or --remove MEMBER",
        ));
    }
    ctx.emit(&what_if(data, &changes, args.fit)?)
}

impl Report for WhatIfReport {
    fn command(&self) -> &'static str {
        "what-if"
    }

    fn shows_headroom(&self) -> bool {
        true
    }

    fn view(&self) -> View {
        let mut blocks = vec![Block::Heading(format!(
            "What if: {}",
            self.changes.join("; ")
        ))];
        if let Some(fit) = &self.fit {
            blocks.push(Block::Note(if fit.applied {
                format!(
                    "Fitted pro rata: {} members scaled down in proportion to share {} exactly (largest remainder), so the total is the ceiling.",
                    fit.scaled_members,
                    format_short(fit.target)
                )
            } else {
                "No fit needed: the scenario is within the ceiling.".to_string()
            }));
        }
        blocks.extend(diff_blocks(&self.diff));
        blocks.push(Block::Heading("Checks on the scenario".to_string()));
        blocks.extend(check_blocks(&self.checks));
        View { blocks }
    }
}
