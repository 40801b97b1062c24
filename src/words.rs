//! How prose counts and lists things: `1 member`, `19 members`, `PL, RO
//! and 12 more`.

/// `1 member`, `19 members`.
pub fn members(n: usize) -> String {
    count(n, "member")
}

/// `n noun`, with an `s` unless `n` is 1: `1 check`, `3 checks`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The first `max` items joined with commas, and how many more there are
/// (`PL, RO, FR and 12 more`): a message stays one readable line however
/// large the table.
pub fn some_of(items: &[impl AsRef<str>], max: usize) -> String {
    let shown: Vec<&str> = items[..items.len().min(max)]
        .iter()
        .map(AsRef::as_ref)
        .collect();
    let shown = shown.join(", ");
    match items.len().saturating_sub(max) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}
