//! The table's provenance in words: fund, legal basis, ceiling, edition,
//! source and the edition's note. One writer for every human format
//! (terminal, Markdown, HTML, SVG), so the wording is the same everywhere.

use super::Subject;
use super::view::Block;

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
        None => facts.push(fact("Table", table.origin.clone())),
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
