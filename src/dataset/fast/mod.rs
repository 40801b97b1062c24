//! Speed only: a table's [`Summary`] straight from its bytes, on every
//! core, without building its rows, for the plain shape a large export
//! has (CSV without quotes or comments; JSON rows of plain strings and
//! numbers). It checks each row with the loader's own check
//! (`builder::check_row`) and decides nothing else itself: anything it
//! does not read plainly, any fault and any repeated code or name sends
//! the table to the full loader ([`super::load`]), which says exactly what
//! is wrong and where. Its answer is the full loader's (a property test
//! compares them); `benches/notes.md` records what it gains.

mod csv;
mod json;

use super::builder::{Builder, Place, RawRow, check_row};
use super::text::name_key;
use super::{DataFormat, Dataset, Edition, Fund, LoadOptions, Precision, Rounding, Summary};
use crate::money::ExactSum;

/// The summary of a table from its bytes, or `None` when the full loader
/// must read it.
pub fn summary(
    origin: &str,
    bytes: &[u8],
    format: DataFormat,
    options: &LoadOptions,
) -> Option<Summary> {
    summary_in(origin, bytes, format, options, None)
}

/// The table from its bytes, its rows built on every core (each piece's
/// builder appended to the one before, so rows keep their order), or
/// `None` when the full loader must read it (a fault too: the full
/// loader says where it is).
pub fn load(
    origin: &str,
    bytes: &[u8],
    format: DataFormat,
    options: &LoadOptions,
) -> Option<Dataset> {
    load_in(origin, bytes, format, options, None)
}

/// How many pieces to cut `len` bytes of rows into: `pieces` (tests cut
/// small tables), or as many as the size and the cores make.
fn pieces_for(pieces: Option<usize>) -> impl Fn(usize) -> usize {
    move |len| pieces.unwrap_or_else(|| cores(len))
}

fn summary_in(
    origin: &str,
    bytes: &[u8],
    format: DataFormat,
    options: &LoadOptions,
    pieces: Option<usize>,
) -> Option<Summary> {
    match format {
        DataFormat::Csv => {
            let table = csv::plain(origin, bytes, options, pieces_for(pieces))?;
            let tally = tally_each(&table.pieces, |&(piece, line)| {
                let mut tally = Tally::with_capacity(piece.len() / 24);
                table.rows(piece, line, |raw, _| {
                    tally.add(raw, options, options.rounding)
                })?;
                Some(tally)
            })?;
            tally.finish(origin, table.fund, None)
        }
        DataFormat::Json => {
            let table = json::plain(origin, bytes, pieces_for(pieces))?;
            // The rows' rounding: --rounding, else the table's when it
            // stands before the rows (checked against the table's below).
            let rounding = options.rounding.or(table.early_rounding);
            let close = std::sync::OnceLock::new();
            let tally = tally_each(&table.pieces, |&piece| {
                let mut tally = Tally::with_capacity(bytes.len() / 48 / table.pieces.len());
                let end = table.rows(piece, |raw| tally.add(raw, options, rounding))?;
                if piece.1.is_none() {
                    let _ = close.set(end);
                }
                Some(tally)
            })?;
            let (fund, edition, table_rounding) = table.parts(*close.get()?)?;
            if options.rounding.or(table_rounding) != rounding {
                return None;
            }
            tally.finish(origin, fund, edition)
        }
        DataFormat::Tsv => None,
    }
}

fn load_in(
    origin: &str,
    bytes: &[u8],
    format: DataFormat,
    options: &LoadOptions,
    pieces: Option<usize>,
) -> Option<Dataset> {
    let builder = |place: Place, rows: usize| Builder::new(place, rows).limited(options.limits);
    // Small pieces, made on every core and added to the table in order
    // as they come: the rows are built once and held once (with a few
    // pieces in flight), not once in pieces and again joined.
    let pieces = move |len: usize| pieces.unwrap_or_else(|| load_pieces(len));
    match format {
        DataFormat::Csv => {
            let table = csv::plain(origin, bytes, options, pieces)?;
            let mut all = builder(Place::Line, bytes.len() / 24);
            in_order(&table.pieces, &mut all, |&(piece, line)| {
                let mut rows = builder(Place::Line, piece.len() / 24);
                table.rows(piece, line, |raw, line| rows.push(*raw, line).ok())?;
                Some(rows)
            })?;
            all.finish(origin, table.fund.clone(), None, options.rounding)
                .ok()
        }
        DataFormat::Json => {
            let table = json::plain(origin, bytes, pieces)?;
            let close = std::sync::OnceLock::new();
            let mut all = builder(Place::Index, bytes.len() / 48);
            in_order(&table.pieces, &mut all, |&piece| {
                let mut rows = builder(
                    Place::Index,
                    piece.1.unwrap_or(bytes.len()).saturating_sub(piece.0) / 48,
                );
                let end = table.rows(piece, |raw| rows.push(*raw, 0).ok())?;
                if piece.1.is_none() {
                    let _ = close.set(end);
                }
                Some(rows)
            })?;
            let (fund, edition, rounding) = table.parts(*close.get()?)?;
            all.finish(origin, fund, edition, options.rounding.or(rounding))
                .ok()
        }
        DataFormat::Tsv => None,
    }
}

/// The rows of each piece, read on every core, added to `all` in order;
/// `None` when any piece declines.
fn in_order<T: Sync>(
    pieces: &[T],
    all: &mut Builder,
    read: impl Fn(&T) -> Option<Builder> + Sync,
) -> Option<()> {
    crate::parallel::each_in_order(
        pieces.len(),
        |i| read(&pieces[i]),
        |rows| {
            all.append(rows.ok_or(())?);
            Ok::<(), ()>(())
        },
    )
    .ok()
}

/// Bytes of rows per piece when a table is loaded: small enough that the
/// pieces in flight cost little memory beside the table, large enough
/// that handing them on costs little time.
const LOAD_PIECE: usize = 2 << 20;

/// How many pieces to load `len` bytes of rows in (1 for a small table).
fn load_pieces(len: usize) -> usize {
    match cores(len) {
        1 => 1,
        n => len.div_ceil(LOAD_PIECE).max(n),
    }
}

/// Rows from which a table is read on more than one core.
const PARALLEL_FROM: usize = 1 << 20;

/// The cores to read `len` bytes of rows on (1 for a small table).
fn cores(len: usize) -> usize {
    if len < PARALLEL_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8))
}

/// What the rows of one piece of a table add up to.
#[derive(Default)]
struct Tally {
    count: usize,
    confirmed: usize,
    total: ExactSum,
    /// What the lower and upper bounds add to the amounts (rows with
    /// bounds only: most rows are exact, their bounds the amount).
    low_extra: ExactSum,
    high_extra: ExactSum,
    precision: Precision,
    /// The hashes of the rows' codes and names: a list per piece, each
    /// sorted on its piece's core ([`Tally::sealed`]).
    codes: Vec<Vec<u64>>,
    names: Vec<Vec<u64>>,
}

impl Tally {
    fn with_capacity(rows: usize) -> Self {
        Tally {
            codes: vec![Vec::with_capacity(rows)],
            names: vec![Vec::with_capacity(rows)],
            ..Tally::default()
        }
    }

    /// Checks a row as the loader does and adds it; `None` when it does
    /// not pass (the loader will say why).
    fn add(
        &mut self,
        raw: &RawRow<'_>,
        options: &LoadOptions,
        rounding: Option<Rounding>,
    ) -> Option<()> {
        if rounding.is_none() {
            if let Some(row) = plain(raw, options.limits) {
                self.count += 1;
                self.total.add(row.amount);
                self.precision.add_amount(row.amount);
                self.keys(row.code, row.name);
                return Some(());
            }
        }
        let mut a = check_row(raw, options.limits).ok()?;
        // A rounding rule gives a row without its own bounds the bounds of
        // a figure rounded so (as the loader's finish does).
        if let Some(rule) = rounding.filter(|_| raw.min.is_none() && raw.max.is_none()) {
            let (min, max) = rule.bounds(a.amount).ok()?;
            a.min = min;
            a.max = max;
        }
        self.count += 1;
        self.confirmed += usize::from(a.basis.confirmed());
        self.total.add(a.amount);
        if a.min != a.max {
            self.low_extra.add(a.min);
            self.low_extra.add(-a.amount);
            self.high_extra.add(a.max);
            self.high_extra.add(-a.amount);
        }
        self.precision.add(&a);
        self.keys(code_hash(a.code.as_bytes()), name_hash(&a.name));
        Some(())
    }

    fn keys(&mut self, code: u64, name: u64) {
        // (A tally made `with_capacity` has its list.)
        if let (Some(codes), Some(names)) = (self.codes.last_mut(), self.names.last_mut()) {
            codes.push(code);
            names.push(name);
        }
    }

    /// The tally with its hashes sorted (on the piece's own core).
    fn sealed(mut self) -> Tally {
        self.codes.iter_mut().for_each(|c| c.sort_unstable());
        self.names.iter_mut().for_each(|n| n.sort_unstable());
        self
    }

    fn merge(mut self, other: Tally) -> Tally {
        self.count += other.count;
        self.confirmed += other.confirmed;
        self.total.merge(&other.total);
        self.low_extra.merge(&other.low_extra);
        self.high_extra.merge(&other.high_extra);
        self.precision = self.precision.max(other.precision);
        self.codes.extend(other.codes);
        self.names.extend(other.names);
        self
    }

    /// The summary, unless a code or a name may repeat (two equal hashes:
    /// the loader tells a repeat from a collision and names the rows), the
    /// table is empty or a sum cannot be held.
    fn finish(self, origin: &str, fund: Fund, edition: Option<Edition>) -> Option<Summary> {
        if self.count == 0 {
            return None;
        }
        let Tally {
            count,
            confirmed,
            total,
            low_extra,
            high_extra,
            precision,
            codes,
            names,
        } = self;
        let (codes_unique, names_unique) =
            crate::parallel::join(count, || all_different(codes), || all_different(names));
        if !(codes_unique && names_unique) {
            return None;
        }
        let bound = |extra: &ExactSum| {
            let mut sum = total.clone();
            sum.merge(extra);
            sum.total().map(|d| d.normalize())
        };
        Some(Summary {
            origin: origin.to_string(),
            fund,
            edition,
            member_count: count,
            confirmed,
            allocated: total.total()?,
            allocated_min: bound(&low_extra)?,
            allocated_max: bound(&high_extra)?,
            precision,
        })
    }
}

/// A hash of bytes with ASCII letters folded by `fold`, eight bytes at a
/// time, each mixed in by a folded multiply (as aHash and foldhash do).
/// Equal hashes only send a table to the full loader, which compares the
/// text.
fn word_hash(bytes: &[u8], fold: fn(&u8) -> u8) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const SEED: u64 = 0x243f_6a88_85a3_08d3;
    let mix = |a: u64, b: u64| {
        let product = u128::from(a) * u128::from(b);
        (product as u64) ^ ((product >> 64) as u64)
    };
    let word = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        for (w, b) in word.iter_mut().zip(chunk) {
            *w = fold(b);
        }
        u64::from_le_bytes(word)
    };
    let mut h = SEED ^ bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        h = mix(h ^ word(chunk), K);
    }
    mix(h, K ^ SEED)
}

/// A code's hash, as the loader compares codes (in upper case).
fn code_hash(code: &[u8]) -> u64 {
    word_hash(code, u8::to_ascii_uppercase)
}

/// A name's hash, as a reader sees names (`text::name_key`: an ASCII
/// name in lower case).
fn name_hash(name: &str) -> u64 {
    if name.is_ascii() {
        word_hash(name.as_bytes(), u8::to_ascii_lowercase)
    } else {
        word_hash(name_key(name).as_bytes(), u8::to_ascii_lowercase)
    }
}

/// A plain row as the loader would take it: its code's and name's hashes
/// and its amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plain {
    code: u64,
    name: u64,
    amount: rust_decimal::Decimal,
}

/// A row of a code, a name and an amount only, each in the plainest form
/// (a code of letters, digits and `-`; a name of printable ASCII that
/// starts and ends with a visible character; an amount the loader reads
/// as above zero), checked where it lies without building the row: the
/// loader's own check would take it and find the same (a property test
/// compares them). `None` for any other row, which
/// `builder::check_row` then checks.
fn plain(raw: &RawRow<'_>, limits: crate::source::Limits) -> Option<Plain> {
    let others = [
        raw.basis,
        raw.decided,
        raw.source,
        raw.prefinancing,
        raw.url,
        raw.note,
        raw.min,
        raw.max,
    ];
    if others.iter().any(Option::is_some) {
        return None;
    }
    let (code, name) = (raw.code.as_bytes(), raw.name.as_bytes());
    let sizes = [code.len(), name.len(), raw.amount.len()];
    if sizes.iter().any(|&n| n as u64 > limits.field)
        || sizes.iter().sum::<usize>() as u64 > limits.record
    {
        return None;
    }
    let code_ok = !code.is_empty()
        && code.len() <= super::MAX_CODE_LEN
        && code.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-');
    let name_ok = name.first().is_some_and(u8::is_ascii_graphic)
        && name.last().is_some_and(u8::is_ascii_graphic)
        && name.iter().all(|&b| (0x20..0x7f).contains(&b));
    if !(code_ok && name_ok) {
        return None;
    }
    let first = raw.amount.as_bytes().first();
    let last = raw.amount.as_bytes().last();
    if !(first.is_some_and(u8::is_ascii_graphic) && last.is_some_and(u8::is_ascii_graphic)) {
        return None;
    }
    let amount = super::builder::positive_amount(raw.amount, String::new).ok()?;
    Some(Plain {
        code: code_hash(code),
        name: name_hash(raw.name),
        amount,
    })
}

/// Whether no two hashes are equal, in lists each sorted: merged two by
/// two, equals meet.
fn all_different(mut runs: Vec<Vec<u64>>) -> bool {
    if runs.iter().any(|r| r.windows(2).any(|w| w[0] == w[1])) {
        return false;
    }
    while runs.len() > 1 {
        let (a, b) = (runs.swap_remove(0), runs.swap_remove(0));
        let mut merged = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => {
                    merged.push(a[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    merged.push(b[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => return false,
            }
        }
        merged.extend_from_slice(&a[i..]);
        merged.extend_from_slice(&b[j..]);
        runs.push(merged);
    }
    true
}

/// `read` on each piece, on a core each, the results in order; `None`
/// when any piece declines.
fn in_pieces<T: Sync, R: Send>(
    pieces: &[T],
    read: impl Fn(&T) -> Option<R> + Sync,
) -> Option<Vec<R>> {
    let read = &read;
    match pieces {
        [] => None,
        [one] => Some(vec![read(one)?]),
        [first, rest @ ..] => std::thread::scope(|scope| {
            let handles: Vec<_> = rest
                .iter()
                .map(|piece| scope.spawn(move || read(piece)))
                .collect();
            let mut all = vec![read(first)];
            for handle in handles {
                all.push(handle.join().ok()?);
            }
            all.into_iter().collect()
        }),
    }
}

/// The tallies of the pieces (each sealed on its core), merged in order.
fn tally_each<T: Sync>(pieces: &[T], read: impl Fn(&T) -> Option<Tally> + Sync) -> Option<Tally> {
    let tallies = in_pieces(pieces, |piece| read(piece).map(Tally::sealed))?;
    Some(tallies.into_iter().fold(Tally::default(), Tally::merge))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Codes, names and amounts near the edges of plain.
    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-z0-9-]{0,18}",
            "[ -~]{0,12}",
            " ?[A-Za-z]{1,6} ?",
            "'?[=+@-]?[A-Za-z ]{0,6}",
            "[0-9]{0,22}(\\.[0-9]{0,4})?",
            "-?[0-9]{1,4}(e[0-9])?",
            "[0-9,. ]{1,8}",
            "[\\x00-\\x7f]{0,6}",
            "\\PC{0,4}",
        ]
    }

    #[test]
    fn plain_takes_the_plainest_rows_only() {
        let limits = crate::source::Limits::default();
        let takes = |code: &str, name: &str, amount: &str| {
            let raw = RawRow {
                code,
                name,
                amount,
                ..RawRow::default()
            };
            plain(&raw, limits).is_some()
        };
        assert!(takes("PL", "Poland", "43734100805"));
        assert!(takes("m-1", "Member 1 (north)", "0.50"));
        assert!(!takes(" PL", "Poland", "1"));
        assert!(!takes("PL", "Poland ", "1"));
        assert!(!takes("PL", "Pol\tand", "1"));
        assert!(!takes("PL", "Polska ż", "1"));
        assert!(!takes("PL", "Poland", "0"));
        assert!(!takes("PL", "Poland", "-1"));
        assert!(!takes("P L", "Poland", "1"));
        let raw = RawRow {
            code: "PL",
            name: "Poland",
            amount: "1",
            basis: Some("reported"),
            ..RawRow::default()
        };
        assert!(plain(&raw, limits).is_none());
    }

    /// A row's fields as the generator makes them: code, name, amount and
    /// optionally a basis and bounds.
    type Row = (
        String,
        String,
        String,
        Option<String>,
        Option<(String, String)>,
    );

    fn row() -> impl Strategy<Value = Row> {
        let code = prop_oneof![
            4 => (0u32..30).prop_map(|i| format!("M{i}")),
            1 => "[a-z]{1,3}",
            1 => "[ A-Z,\"-]{0,4}",
        ];
        let name = prop_oneof![
            4 => (0u32..30).prop_map(|i| format!("Member {i}")),
            1 => (0u32..30).prop_map(|i| format!("MEMBER {i}")),
            1 => (0u32..30).prop_map(|i| format!(" Member {i} ")),
            1 => "\\PC{0,6}",
            1 => "[a-zé\u{200b} ,\"#'=]{0,8}",
        ];
        let amount = prop_oneof![
            4 => (1u64..10_000_000).prop_map(|n| n.to_string()),
            2 => (1u64..10_000_000, 0u32..100).prop_map(|(n, c)| format!("{n}.{c:02}")),
            1 => "[0-9e.,-]{0,6}",
            1 => Just("0".to_string()),
        ];
        let basis = proptest::option::of(prop_oneof![
            Just("council-decision".to_string()),
            Just("reported".to_string()),
            Just("".to_string()),
            Just("nonsense".to_string()),
        ]);
        let bounds = proptest::option::of(
            (1u64..100, 0u64..100).prop_map(|(a, b)| (a.to_string(), (a + b).to_string())),
        );
        (code, name, amount, basis, bounds)
    }

    /// A CSV of the rows: with a basis and bounds columns when `wide`,
    /// CRLF line ends when `crlf`.
    fn csv_text(rows: &[Row], wide: bool, crlf: bool) -> String {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut out = if wide {
            "code,name,amount,basis,min,max"
        } else {
            "code,name,amount"
        }
        .to_string();
        out.push_str(end);
        for (code, name, amount, basis, bounds) in rows {
            out.push_str(&format!("{code},{name},{amount}"));
            if wide {
                let (lo, hi) = bounds.clone().unwrap_or_default();
                out.push_str(&format!(",{},{lo},{hi}", basis.clone().unwrap_or_default()));
            }
            out.push_str(end);
        }
        out
    }

    /// A JSON table of the rows (amounts as numbers when `numbers`).
    fn json_text(rows: &[Row], numbers: bool, rounding: bool) -> String {
        let q = |t: &str| serde_json::to_string(t).unwrap();
        let rows: Vec<String> = rows
            .iter()
            .map(|(code, name, amount, basis, bounds)| {
                let amount =
                    if numbers && amount.parse::<f64>().is_ok() && !amount.contains(['e', ',']) {
                        amount.clone()
                    } else {
                        q(amount)
                    };
                let mut row = format!(
                    "{{\"code\": {}, \"name\": {}, \"amount\": {amount}",
                    q(code),
                    q(name)
                );
                if let Some(b) = basis {
                    row.push_str(&format!(", \"basis\": {}", q(b)));
                }
                if let Some((lo, hi)) = bounds {
                    row.push_str(&format!(", \"min\": {lo}, \"max\": {hi}"));
                }
                row.push('}');
                row
            })
            .collect();
        format!(
            "{{\"schema_version\": 3, \"fund\": {{\"name\": \"F\", \"currency\": \"EUR\", \"ceiling\": \"1000000000000\"}},{} \"allocations\": [\n{}\n]}}",
            if rounding {
                " \"rounding\": \"0.1:nearest\","
            } else {
                ""
            },
            rows.join(",\n")
        )
    }

    /// The fast summary and table agree with the loader's, or leave the
    /// table to it.
    fn agrees(bytes: &[u8], format: DataFormat, pieces: usize) -> Result<bool, TestCaseError> {
        let options = LoadOptions::default();
        if let Some(fast) = load_in("t", bytes, format, &options, Some(pieces)) {
            let full = crate::dataset::parse_input("t", bytes, format, options).map_err(|e| {
                TestCaseError::fail(format!("fast loaded what the loader refuses: {e:#}"))
            })?;
            prop_assert_eq!(&fast, &full);
            prop_assert_eq!(fast.allocated.to_string(), full.allocated.to_string());
        }
        let fast = summary_in("t", bytes, format, &options, Some(pieces));
        let full = crate::dataset::parse_input("t", bytes, format, options);
        if let Some(fast) = &fast {
            let full = full.map_err(|e| {
                TestCaseError::fail(format!("fast took what the loader refuses: {e:#}"))
            })?;
            let full = Summary::of(&full);
            prop_assert_eq!(fast, &full);
            prop_assert_eq!(fast.allocated.to_string(), full.allocated.to_string());
            prop_assert_eq!(
                fast.allocated_min.to_string(),
                full.allocated_min.to_string()
            );
            prop_assert_eq!(
                fast.allocated_max.to_string(),
                full.allocated_max.to_string()
            );
        }
        Ok(fast.is_some())
    }

    proptest! {
        // (Failures are reported, not kept in a file at the top level.)
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

        /// On every kind of table, cut in any number of pieces, the fast
        /// summary is the loader's or none.
        #[test]
        fn the_fast_summary_is_the_loaders(
            rows in proptest::collection::vec(row(), 0..24),
            wide: bool,
            crlf: bool,
            numbers: bool,
            rounding: bool,
            pieces in 1usize..5,
        ) {
            agrees(csv_text(&rows, wide, crlf).as_bytes(), DataFormat::Csv, pieces)?;
            agrees(json_text(&rows, numbers, rounding).as_bytes(), DataFormat::Json, pieces)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        /// Lines of every kind (good rows, repeats, comments, blank lines,
        /// extra fields, bad amounts): cut in any number of pieces, the
        /// table is the loader's, or the loader's to read.
        #[test]
        fn pieces_of_any_lines_are_the_loaders(
            lines in proptest::collection::vec(
                prop_oneof![
                    (0u32..40, 1u32..1000, 0u32..100).prop_map(|(i, e, c)| format!("M{i},Member {i},{e}.{c:02}")),
                    (0u32..40).prop_map(|i| format!("M{i},Member {i},")),
                    Just("# a comment, with a comma".to_string()),
                    Just(String::new()),
                    Just("X1,Extra,1,2".to_string()),
                    Just("X2,\"Quoted, name\",5".to_string()),
                    Just("X3,Neg,-1".to_string()),
                    Just("X4,Word,abc".to_string()),
                    Just("X5,Lone\rCR,1".to_string()),
                ],
                1..60,
            ),
            crlf: bool,
            pieces in 1usize..5,
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let text = format!("code,name,amount{eol}{}{eol}", lines.join(eol));
            agrees(text.as_bytes(), DataFormat::Csv, pieces)?;
        }
    }

    /// Plain tables take the fast path, in one piece or several.
    #[test]
    fn plain_tables_are_summed_up_fast() {
        let rows: Vec<Row> = (0..200)
            .map(|i| {
                (
                    format!("M{i}"),
                    format!("Member {i}"),
                    format!("{}.5", i + 1),
                    None,
                    None,
                )
            })
            .collect();
        for pieces in [1, 2, 3, 7] {
            assert!(
                agrees(
                    csv_text(&rows, false, false).as_bytes(),
                    DataFormat::Csv,
                    pieces
                )
                .unwrap()
            );
            assert!(
                agrees(
                    csv_text(&rows, true, true).as_bytes(),
                    DataFormat::Csv,
                    pieces
                )
                .unwrap()
            );
            assert!(
                agrees(
                    json_text(&rows, true, false).as_bytes(),
                    DataFormat::Json,
                    pieces
                )
                .unwrap()
            );
            assert!(
                agrees(
                    json_text(&rows, false, true).as_bytes(),
                    DataFormat::Json,
                    pieces
                )
                .unwrap()
            );
        }
        let options = LoadOptions::default();
        for (text, format) in [
            (csv_text(&rows, true, true), DataFormat::Csv),
            (json_text(&rows, true, true), DataFormat::Json),
        ] {
            let data = load_in("t", text.as_bytes(), format, &options, Some(3)).unwrap();
            assert_eq!(data.allocations.len(), 200);
        }
        // A repeated name (in another case) is the loader's to report.
        let mut dup = rows.clone();
        dup[150].1 = "MEMBER 3".to_string();
        assert!(!agrees(csv_text(&dup, false, false).as_bytes(), DataFormat::Csv, 3).unwrap());
        assert!(
            !agrees(
                json_text(&dup, false, false).as_bytes(),
                DataFormat::Json,
                3
            )
            .unwrap()
        );
    }

    /// JSON the fast path must leave to the loader (which refuses it or
    /// reads it otherwise), whatever it is cut into.
    #[test]
    fn odd_json_is_the_loaders() {
        let head = "{\"schema_version\": 3, \"fund\": {\"name\": \"F\", \"currency\": \"EUR\", \"ceiling\": \"100\"}, \"allocations\": [";
        let ok = "{\"code\": \"A\", \"name\": \"A\", \"amount\": 1}";
        for rows in [
            "{\"code\": \"B\", \"code\": \"C\", \"name\": \"B\", \"amount\": 1}",
            "{\"code\": \"B\", \"name\": \"B\\u0041\", \"amount\": 1}",
            "{\"code\": \"B\", \"name\": \"B\", \"amount\": 1, \"x\": 1}",
            "{\"code\": \"B\", \"name\": \"B\", \"amount\": [1]}",
            "{\"code\": \"B\", \"name\": \"B\", \"amount\": 01}",
            "{\"code\": \"B\", \"name\": \"B\", \"min\": 1, \"amount_min\": 1, \"amount\": 1}",
            "{\"code\": \"B\", \"name\": \"B\", \"amount\": 1},",
            "{\"code\": 7, \"name\": \"B\", \"amount\": 1}",
        ] {
            for tail in ["]}", "], \"allocations\": []}", "]} x"] {
                let text = format!("{head}{ok}, {rows}{tail}");
                for pieces in [1, 2, 3] {
                    let options = LoadOptions::default();
                    let fast = summary_in(
                        "t",
                        text.as_bytes(),
                        DataFormat::Json,
                        &options,
                        Some(pieces),
                    );
                    let full = crate::dataset::parse_input(
                        "t",
                        text.as_bytes(),
                        DataFormat::Json,
                        options,
                    );
                    assert!(fast.is_none() || full.is_ok(), "{text}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever plain takes, the loader's check takes and finds the
        /// same: the code (upper case), the name as a reader sees it, the
        /// amount.
        #[test]
        fn plain_rows_are_what_the_loader_finds(code in field(), name in field(), amount in field()) {
            let raw = RawRow { code: &code, name: &name, amount: &amount, ..RawRow::default() };
            let limits = crate::source::Limits::default();
            if let Some(p) = plain(&raw, limits) {
                let a = check_row(&raw, limits);
                prop_assert!(a.is_ok(), "{raw:?}: {a:?}");
                let a = a.unwrap();
                prop_assert_eq!(p.code, code_hash(a.code.as_bytes()));
                prop_assert_eq!(p.name, name_hash(&a.name));
                prop_assert_eq!(p.amount, a.amount);
                prop_assert_eq!(p.amount.to_string(), a.amount.to_string());
                prop_assert!(a.min == a.amount && a.max == a.amount && a.provenance.is_none());
            }
        }
    }
}
