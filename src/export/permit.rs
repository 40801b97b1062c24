//! Whether a command may write what it returns in the chosen format: the
//! one place that decides, before anything is written. A refusal is a
//! usage error (exit 2), said the same way for every command.

use super::output::Fixed;
use super::{Block, Format, Report, Style};
use crate::error::{Error, Result};

/// Refuses `--format`, `--part`, `--ranges`, `--places` or `--bom` where
/// `safe COMMAND` cannot honour them: a command of one fixed format
/// (`fixed`: HTML, roff, …) takes none of them; a report (`report`) takes
/// what its tables and checks allow.
pub fn permit(
    command: &str,
    style: Style,
    fixed: Option<Fixed>,
    report: Option<&dyn Report>,
) -> Result<()> {
    if let Some(fixed) = fixed {
        return fixed_format(command, style, fixed);
    }
    let Some(report) = report else {
        return Ok(());
    };
    part(command, style, report)?;
    ranges(command, style, report)?;
    let human = matches!(style.format, Format::Table | Format::Markdown);
    if style.places.is_some() && !human {
        return Err(Error::usage(
            "--places rounds figures for reading, in tables and Markdown: JSON and CSV keep every digit",
        ));
    }
    if style.bom && style.format != Format::Csv {
        return Err(Error::usage(
            "--bom starts CSV with a byte-order mark: use it with --format csv",
        ));
    }
    match style.format {
        Format::Csv if super::csv::grid(&report.view(), style.part).is_none() => Err(Error::usage(
            format!("--format csv: `safe {command}` has no table to write"),
        )),
        Format::Junit | Format::Github => super::ci::ci_checks(report, command, style).map(drop),
        Format::Table => super::terminal::check_chart_width(report, style),
        _ => Ok(()),
    }
}

/// A command of one fixed format: the default, human format is whatever
/// it writes, and JSON is fine for a JSON document; nothing else is.
fn fixed_format(command: &str, style: Style, fixed: Fixed) -> Result<()> {
    let fits = style.format == Format::Table || (fixed.json && style.format == Format::Json);
    if !fits {
        return Err(Error::usage(format!(
            "--format {}: `safe {command}` writes {} only; leave out --format and --json",
            style.format.name(),
            fixed.what
        )));
    }
    if let Some(part) = style.part {
        return Err(Error::usage(format!(
            "--part {part}: `safe {command}` writes {} only",
            fixed.what
        )));
    }
    Ok(())
}

/// `--part NAME`: one of the report's tables, in a format of one table.
fn part(command: &str, style: Style, report: &dyn Report) -> Result<()> {
    let Some(part) = style.part else {
        return Ok(());
    };
    if !matches!(style.format, Format::Table | Format::Markdown | Format::Csv) {
        return Err(Error::usage(format!(
            "--part {part} picks one table of a report: use it with --format table, markdown \
             or csv (JSON holds every part)"
        )));
    }
    let parts = report.parts();
    if parts.contains(&part) {
        return Ok(());
    }
    Err(Error::usage(if parts.is_empty() {
        format!("--part {part}: `safe {command}` writes a single table")
    } else {
        format!(
            "--part {part}: `safe {command}` has the parts {}",
            parts.join(", ")
        )
    }))
}

/// `--ranges`: the bounds of rounded figures, in a listing for people.
fn ranges(command: &str, style: Style, report: &dyn Report) -> Result<()> {
    if !style.ranges {
        return Ok(());
    }
    let human = matches!(style.format, Format::Table | Format::Markdown);
    let listed =
        human
            && report.view().blocks.iter().any(
                |b| matches!(b, Block::Grid(g) if g.columns.iter().any(|c| c.ranges && c.human)),
            );
    if listed {
        return Ok(());
    }
    Err(Error::usage(format!(
        "--ranges adds the bounds of rounded figures to listings in tables and Markdown \
         (rank, shares, per-capita, table, diff, what-if); `safe {command}`{} {}",
        if human { "" } else { " in this format" },
        if command == "chart" {
            "marks rounded figures ≈ (chart --svg draws their bounds as bands; rank --ranges lists them)"
        } else if human {
            "shows its bounds already (marked ≈, and within rounding beside them)"
        } else {
            "carries every bound already (the _min and _max fields)"
        }
    )))
}
