//! The table's provenance in words: fund, legal basis, ceiling, edition,
//! source and the edition's note. One writer for every human format
//! (terminal, Markdown, HTML, SVG), so the wording is the same everywhere.

use super::Subject;
use super::view::Block;
use crate::dataset::{Edition, editions};

/// What a table is called in one line (see [`crate::dataset::table_name`]).
pub fn table_name(table: &Subject) -> &str {
    crate::dataset::table_name(&table.origin, table.edition.as_ref())
}

/// The newest bundled edition when `table` is an older bundled one.
pub fn newer_edition(table: &Subject) -> Option<&'static str> {
    if table.origin != editions::BUNDLED_ORIGIN {
        return None;
    }
    let id = table.edition.as_ref()?.id.as_deref()?;
    let newest = editions::find(editions::LATEST).ok()?.id;
    (id != newest).then_some(newest)
}

/// A table in a few words: `council-2026-04, as of 2026-04-10`,
/// `mine.json (edition council-2026-04, as of 2026-04-10)`, `mine.csv`.
pub fn describe(origin: &str, edition: Option<&Edition>) -> String {
    let name = crate::dataset::table_name(origin, edition);
    let bundled = origin == editions::BUNDLED_ORIGIN;
    match edition {
        Some(e) => match e.id.as_deref() {
            Some(id) if !bundled => format!("{name} (edition {id}, as of {})", e.as_of),
            _ => format!("{name}, as of {}", e.as_of),
        },
        None => name.to_string(),
    }
}

/// The line every human view of a table opens with, naming where its
/// figures come from: `Table: council-2026-04, as of 2026-04-10 (the newest
/// edition)`, `Table: commission-2025-09, as of 2025-09-09 (a newer edition
/// exists: council-2026-04, --edition latest)`, `Table: mine.csv`.
pub fn table_line(table: &Subject) -> String {
    let mut line = format!("Table: {}", describe(&table.origin, table.edition.as_ref()));
    if table.origin == editions::BUNDLED_ORIGIN {
        match newer_edition(table) {
            Some(newest) => line.push_str(&format!(
                " (a newer edition exists: {newest}, --edition latest)"
            )),
            None => line.push_str(" (the newest edition)"),
        }
    }
    line
}

/// One line of provenance: a label and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub text: String,
}

/// The table's provenance: fund, legal basis, ceiling, edition (or where
/// the table came from) and source.
pub fn facts(table: &Subject) -> Vec<Fact> {
    let fact = |label, text: String| Fact { label, text };
    let mut facts = vec![fact("Fund", table.fund.name.clone())];
    if let Some(basis) = &table.fund.legal_basis {
        facts.push(fact("Legal basis", basis.clone()));
    }
    facts.push(fact(
        "Ceiling",
        crate::money::format_short(table.fund.ceiling),
    ));
    match &table.edition {
        Some(_) => {
            facts.push(fact("Edition", edition_line(table)));
            if let Some(e) = &table.edition {
                facts.push(fact("Source", e.source.clone()));
            }
        }
        None => facts.push(fact("Table", table_name(table).to_string())),
    }
    facts
}

/// The edition in one line: `council-2026-02: Best-known figures …, mixed
/// as of 2026-02-17`; where the table came from when it names none.
pub fn edition_line(table: &Subject) -> String {
    let Some(e) = &table.edition else {
        return table.origin.clone();
    };
    let name = match (&e.id, &e.title) {
        (Some(id), Some(title)) => format!("{id}: {title}, "),
        (Some(id), None) => format!("{id}, "),
        (None, Some(title)) => format!("{title}, "),
        (None, None) => String::new(),
    };
    format!("{name}{} as of {}", e.status, e.as_of)
}

/// The edition's note, naming the edition it belongs to.
pub fn edition_note(table: &Subject) -> Option<String> {
    let e = table.edition.as_ref()?;
    let note = e.note.as_ref()?;
    Some(match &e.id {
        Some(id) => format!("Note ({id}): {note}"),
        None => format!("Note: {note}"),
    })
}

/// The provenance as blocks for the text formats: the fund as a heading,
/// then a line per fact.
pub fn provenance<'a>(table: &Subject) -> Vec<Block<'a>> {
    facts(table)
        .into_iter()
        .map(|f| match f.label {
            "Fund" => Block::Heading(f.text),
            label => Block::Note(format!("{label}: {}", f.text)),
        })
        .collect()
}
