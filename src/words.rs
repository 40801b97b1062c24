//! How prose counts and lists things: `1 member`, `19 members`, `PL, RO
//! and 12 more`.

/// `1 member`, `19 members`.
pub fn members(n: usize) -> String {
    count(n, "member")
}

/// `n noun`, with an `s` unless `n` is 1: `1 check`, `3 checks`,
/// `1,000,000 members`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", number(n))
    }
}

/// A count as prose writes it, its thousands grouped: `49,995`.
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
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
        more => format!("{shown} and {} more", number(more)),
    }
}

/// The label of a total row that adds up the rows above it: `total (19
/// members)` when they are the whole listing, `shown (4 of 19 members)`
/// when `--top` cut it.
pub fn subtotal_label(shown: usize, of: usize, noun: &str) -> String {
    if shown == of {
        format!("total ({})", count(of, noun))
    } else {
        format!("shown ({} of {})", number(shown), count(of, noun))
    }
}

/// The label of a total row of the whole listing, under a cut one: `all 19
/// members`.
pub fn all_label(of: usize, noun: &str) -> String {
    format!("all {}", count(of, noun))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(count(1, "member"), "1 member");
        assert_eq!(count(19, "member"), "19 members");
        assert_eq!(count(1_000_000, "member"), "1,000,000 members");
        assert_eq!(number(999), "999");
        assert_eq!(number(49_995), "49,995");
        assert_eq!(some_of(&["A", "B", "C"], 1), "A and 2 more");
    }
}
