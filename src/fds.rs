//! Which standard descriptors (0, 1, 2) were closed when `safe` started.
//!
//! Rust's runtime opens `/dev/null` in place of a closed standard
//! descriptor before `main` runs, after which a closed stdout cannot be
//! told from a caller's `/dev/null` (Python's `subprocess.DEVNULL` opens it
//! read-write too). So the binary looks once, earlier: a constructor in
//! `main.rs` runs before the runtime's and calls [`note_closed_at_start`].
//! Nothing is guessed afterwards: without that record, a stream counts as
//! open.

use std::sync::atomic::{AtomicU8, Ordering};

/// Bit `fd` is set when descriptor `fd` was closed at start.
static CLOSED: AtomicU8 = AtomicU8::new(0);

/// Records which of the descriptors 0–2 are closed now. Only the binary's
/// constructor calls this, before anything else runs.
pub fn note_closed_at_start(closed: [bool; 3]) {
    let bits = closed
        .iter()
        .enumerate()
        .fold(0u8, |bits, (fd, &c)| bits | (u8::from(c) << fd));
    CLOSED.store(bits, Ordering::Relaxed);
}

/// Whether standard descriptor `fd` (0, 1 or 2) was closed at start.
pub fn closed_at_start(fd: u8) -> bool {
    fd < 3 && CLOSED.load(Ordering::Relaxed) & (1 << fd) != 0
}
