//! Escaping, output by output. Text from a data file is untrusted: the
//! loader refuses control, bidirectional-control and non-characters in
//! every text field; these helpers escape what each output needs on top of
//! that (paths in messages, Markdown, XML/HTML, CSV cells a spreadsheet
//! would run, CI workflow commands).

use std::borrow::Cow;

use icu_properties::props::{BidiControl, BinaryProperty, NoncharacterCodePoint};

/// Why a character may not stand in text that reaches a terminal, a
/// spreadsheet, Markdown, XML or HTML, or `None` when it may: control
/// characters (C0, DEL, C1), bidirectional controls (they can reverse the
/// rest of a line, amounts included), non-characters (XML cannot hold
/// U+FFFE and U+FFFF) and line or paragraph separators.
pub fn forbidden(c: char) -> Option<&'static str> {
    if c.is_control() {
        Some("a control character")
    } else if c.is_ascii() {
        None
    } else if BidiControl::for_char(c) {
        Some("a bidirectional control character")
    } else if NoncharacterCodePoint::for_char(c) {
        Some("a non-character")
    } else if matches!(c, '\u{2028}' | '\u{2029}') {
        Some("a line or paragraph separator")
    } else {
        None
    }
}

/// Text from outside (a file's name, a value typed on the command line)
/// for a message or a view: every [`forbidden`] character shown as a
/// `\u{..}` escape, so it cannot drive a terminal, reverse a line or
/// start a second one.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| forbidden(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if forbidden(c).is_some() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Escapes `& < > " '` for XML and HTML text and attributes.
pub fn escape_xml(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for an XML or HTML page (the report, an SVG chart): escaped as
/// [`escape_xml`] does, and a minus that signs a figure made U+2212 (a
/// hyphen lets a line break between the sign and its figure, and reads as
/// a dash).
pub fn page_text(text: &str) -> String {
    let escaped = escape_xml(text);
    let chars: Vec<char> = escaped.chars().collect();
    let mut out = String::with_capacity(escaped.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let signs = c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_digit() || *n == '€')
            && (i == 0 || matches!(chars[i - 1], ' ' | '(' | '≈' | ':' | '[' | '\u{a0}'));
        out.push(if signs { '\u{2212}' } else { c });
    }
    out
}

/// Escapes text for Markdown (a table cell, a heading or a paragraph):
/// `<`, `>` and `&` become entities, so no raw HTML survives; the
/// characters of emphasis, code, links, tables and headings are
/// backslash-escaped; a line start that would begin a list, a quote or a
/// rule is escaped too; line breaks become spaces.
pub fn escape_markdown(text: &str) -> Cow<'_, str> {
    const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '|', '~', '#'];
    let starts_block = text.starts_with(['+', '-', '=', '>'])
        || text
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(['.', ')'])
            && text.starts_with(|c: char| c.is_ascii_digit());
    if !starts_block && !text.contains(SPECIAL) && !text.contains(['<', '>', '&', '\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    if starts_block {
        while let Some(c) = chars.next_if(char::is_ascii_digit) {
            out.push(c);
        }
        if chars.peek().is_some_and(|c| !c.is_ascii_digit()) {
            let c = chars.next().unwrap_or_default();
            if c == '>' {
                out.push_str("&gt;");
            } else {
                out.push('\\');
                out.push(c);
            }
        }
    }
    for c in chars {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A CSV cell a spreadsheet would evaluate as a formula (starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as
/// OWASP recommends; so does one that starts with `'`, so that
/// [`restore_formula`] gives every text back. Numeric cells are written by
/// the exporter without passing through here, so `-5` stays a number.
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// The text of a CSV cell [`neutralise_formula`] wrote: without the `'`
/// it put before a formula-like cell (a table `safe` exported reads back
/// as it was).
pub fn restore_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => text,
    }
}

/// Escapes a GitHub Actions workflow-command message (`%`, CR, LF).
pub fn escape_workflow_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property (`title=…`): also `:` and `,`.
pub fn escape_workflow_property(text: &str) -> String {
    escape_workflow_data(text)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_controls("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
        assert_eq!(escape_xml("</text><script>"), "&lt;/text&gt;&lt;script&gt;");
        assert_eq!(
            escape_markdown("<img src=x onerror=a()>"),
            "&lt;img src=x onerror=a()&gt;"
        );
        assert_eq!(escape_markdown("## h"), "\\#\\# h");
        assert_eq!(escape_markdown("- a"), "\\- a");
        assert_eq!(escape_markdown("12. a"), "12\\. a");
        assert_eq!(escape_markdown("Poland (PL)"), "Poland (PL)");
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("Poland"), "Poland");
        assert_eq!(escape_workflow_data("50%\nx"), "50%25%0Ax");
        assert_eq!(escape_workflow_property("a:b,c"), "a%3Ab%2Cc");
    }
}
