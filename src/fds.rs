//! Which standard descriptors (0, 1, 2) were closed when `safe` started.
//!
//! Rust's runtime opens `/dev/null` in place of a closed standard
//! descriptor before `main` runs, after which a closed stdout cannot be
//! told from a caller's `/dev/null` (Python's `subprocess.DEVNULL` opens it
//! read-write too). So `safe` looks once, earlier: a constructor in
//! `.init_array` (below) runs before the runtime's set-up and notes which
//! were closed, then reopens them on `/dev/null` as the runtime would.
//! Nothing is guessed afterwards: without that record (outside Linux), a
//! stream counts as open.
//!
//! This is the one file of `safe` with `unsafe` code: two calls to libc,
//! each with its SAFETY comment.

use std::sync::atomic::{AtomicU8, Ordering};

/// Bit `fd` is set when descriptor `fd` was closed at start.
static CLOSED: AtomicU8 = AtomicU8::new(0);

/// Notes which standard descriptors are closed, then reopens them on
/// `/dev/null`, so that no file a command opens can become stdout. It runs
/// from `.init_array`, before `main` and any other Rust code.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static STANDARD_DESCRIPTORS: extern "C" fn() = {
    extern "C" fn check() {
        // SAFETY: F_GETFD only reads the descriptor's flags; -1 (EBADF)
        // means it is not open.
        let closed = [0, 1, 2].map(|fd| unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1);
        note_closed_at_start(closed);
        for (fd, closed) in (0..).zip(closed) {
            // SAFETY: open(2) of a constant path; the lowest free
            // descriptor is `fd`, since those below it are open.
            if closed && unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) } != fd {
                // The runtime aborts too when it cannot do this.
                std::process::abort();
            }
        }
    }
    check
};

/// Records which of the descriptors 0–2 are closed now (the constructor
/// above, before anything else runs).
fn note_closed_at_start(closed: [bool; 3]) {
    let bits = closed
        .iter()
        .enumerate()
        .fold(0u8, |bits, (fd, &c)| bits | (u8::from(c) << fd));
    CLOSED.store(bits, Ordering::Relaxed);
}

/// Whether standard descriptor `fd` (0, 1 or 2) was closed at start.
pub fn closed_at_start(fd: u8) -> bool {
    // The constructor is named here, so the linker keeps it with the code
    // that reads its record.
    #[cfg(target_os = "linux")]
    std::hint::black_box(&STANDARD_DESCRIPTORS);
    fd < 3 && CLOSED.load(Ordering::Relaxed) & (1 << fd) != 0
}
