//! The table's provenance in words: fund, legal basis, ceiling, edition
//! and source. One writer for every human format (terminal, Markdown,
//! HTML), so the wording is the same everywhere.

use super::Subject;
use super::view::Block;

/// The table's provenance as lines of text: fund, legal basis, ceiling,
/// edition and source.
pub fn provenance<'a>(table: &Subject) -> Vec<Block<'a>> {
    let mut blocks = vec![Block::Heading(table.fund.name.clone())];
    if let Some(basis) = &table.fund.legal_basis {
        blocks.push(Block::Note(format!("Legal basis: {basis}")));
    }
    blocks.push(Block::Note(format!(
        "Ceiling: {}",
        crate::money::format_short(table.fund.ceiling)
    )));
    if let Some(e) = &table.edition {
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
    blocks
}
