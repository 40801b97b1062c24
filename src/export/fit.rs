//! Which columns a terminal table shows at a width: one line per row, the
//! most important columns that fit (as `ls -l`, `ps` and `htop` choose),
//! with short headers before any column is left out. Pure: widths in,
//! a choice out; `terminal` draws it.

/// What the choice needs to know of one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// 0: always shown; larger: left out sooner (see `Column::priority`).
    pub priority: u8,
    /// The widest cell (body and footer).
    pub cells: usize,
    /// The header's width, and its short form's.
    pub header: usize,
    pub short: usize,
}

/// The columns a table keeps at a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Per column: shown.
    pub keep: Vec<bool>,
    /// Per column: shown with its short header.
    pub short: Vec<bool>,
    /// The width the table takes with these columns.
    pub width: usize,
    /// The width every column with its full header takes.
    pub full: usize,
}

/// A table's width with `columns` of these widths: `│ a ┆ b │`.
fn drawn(widths: impl Iterator<Item = usize>) -> usize {
    1 + widths.map(|w| w + 3).sum::<usize>()
}

/// The most important columns that fit `width` on one line per row, with
/// short headers where the full ones do not fit; `None` when even the
/// essential columns do not fit (the table must wrap or become records).
pub fn choose(columns: &[Fit], width: usize) -> Option<Choice> {
    let full_width = |c: &Fit| c.cells.max(c.header);
    let short_width = |c: &Fit| c.cells.max(c.short.min(c.header));
    let full = drawn(columns.iter().map(full_width));
    let all = vec![true; columns.len()];
    if full <= width {
        return Some(Choice {
            keep: all,
            short: vec![false; columns.len()],
            width: full,
            full,
        });
    }
    // Short headers first; then leave out the least important columns,
    // the rightmost first among equals.
    let mut keep = all;
    let mut order: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].priority > 0)
        .collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(columns[i].priority), std::cmp::Reverse(i)));
    let mut drop = order.into_iter();
    loop {
        let shown = (0..columns.len()).filter(|&i| keep[i]);
        let width_now = drawn(shown.map(|i| short_width(&columns[i])));
        if width_now <= width {
            // Full headers wherever the room allows, left to right.
            let mut short: Vec<bool> = columns
                .iter()
                .zip(&keep)
                .map(|(c, &k)| k && c.short < c.header)
                .collect();
            let mut used = width_now;
            for (i, c) in columns.iter().enumerate() {
                let extra = full_width(c) - short_width(c);
                if short[i] && used + extra <= width {
                    short[i] = false;
                    used += extra;
                }
            }
            return Some(Choice {
                keep,
                short,
                width: used,
                full,
            });
        }
        keep[drop.next()?] = false;
    }
}

/// The essential columns alone, with short headers (for a table that must
/// wrap them to fit).
pub fn essential(columns: &[Fit]) -> Choice {
    let keep: Vec<bool> = columns.iter().map(|c| c.priority == 0).collect();
    let short: Vec<bool> = columns
        .iter()
        .zip(&keep)
        .map(|(c, &k)| k && c.short < c.header)
        .collect();
    let width = drawn(
        columns
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.cells.max(c.short.min(c.header))),
    );
    let full = drawn(columns.iter().map(|c| c.cells.max(c.header)));
    Choice {
        keep,
        short,
        width,
        full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(priority: u8, cells: usize, header: usize, short: usize) -> Fit {
        Fit {
            priority,
            cells,
            header,
            short,
        }
    }

    #[test]
    fn everything_when_it_fits() {
        let columns = [fit(0, 4, 4, 4), fit(1, 10, 16, 5)];
        let choice = choose(&columns, 80).unwrap();
        assert_eq!(choice.keep, [true, true]);
        assert_eq!(choice.short, [false, false]);
        assert_eq!(choice.width, 1 + 7 + 19);
    }

    #[test]
    fn short_headers_before_leaving_a_column_out() {
        // 1 + 7 + 19 = 27 with full headers; 1 + 7 + 13 = 21 short.
        let columns = [fit(0, 4, 4, 4), fit(1, 10, 16, 5)];
        let choice = choose(&columns, 21).unwrap();
        assert_eq!(choice.keep, [true, true]);
        assert_eq!(choice.short, [false, true]);
    }

    #[test]
    fn the_least_important_and_rightmost_go_first() {
        let columns = [
            fit(0, 4, 4, 4),
            fit(2, 10, 6, 6),
            fit(1, 10, 6, 6),
            fit(2, 10, 6, 6),
        ];
        let choice = choose(&columns, 1 + 7 + 13 + 13).unwrap();
        assert_eq!(choice.keep, [true, true, true, false]);
        let choice = choose(&columns, 1 + 7 + 13).unwrap();
        assert_eq!(choice.keep, [true, false, true, false]);
        // The essential column alone does not fit: no table.
        assert_eq!(choose(&columns, 7), None);
    }
}
