//! Work on more than one core, for large tables only (a thread costs more
//! than the work on a small one): [`join`] runs two independent pieces of
//! work at once; [`in_order`] makes a long listing's rows in chunks on
//! every core and hands them on in order (so output keeps its order and
//! its memory stays a few chunks).

use std::ops::Range;
use std::sync::mpsc;

/// Rows (members) from which a piece of work is worth a thread of its own.
pub const WORTH_A_THREAD: usize = 16_384;

/// `a()` and `b()`, on two threads when `rows` (the size of the work) is
/// at least [`WORTH_A_THREAD`], else one after the other on this one. A
/// panic in either is passed on (it is a bug: `main`'s hook reports it).
pub fn join<A: Send, B>(
    rows: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if rows < WORTH_A_THREAD {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        match a.join() {
            Ok(a) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Rows per chunk.
const CHUNK: usize = 4_096;

/// At most this many cores.
const MAX_THREADS: usize = 8;

/// `make` applied to consecutive ranges covering `0..len`, each result
/// given to `consume` in order. Short listings, or a machine with one
/// core, stay on this thread. The first error of `consume` stops the work
/// and is returned.
pub fn in_order<T: Send>(
    len: usize,
    make: impl Fn(Range<usize>) -> T + Sync,
    mut consume: impl FnMut(T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let chunks = len.div_ceil(CHUNK);
    let range = |c: usize| c * CHUNK..((c + 1) * CHUNK).min(len);
    // (Asking how many cores there are reads the cgroup files: only for a
    // listing long enough to share.)
    let threads = match chunks {
        0 | 1 => 1,
        _ => std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_THREADS)
            .min(chunks),
    };
    if threads <= 1 {
        return (0..chunks).try_for_each(|c| consume(make(range(c))));
    }
    std::thread::scope(|scope| {
        let make = &make;
        // Thread t (from 1) makes chunks t, t + threads, …; this thread
        // makes chunks 0, threads, … and consumes them all in order.
        let receivers: Vec<mpsc::Receiver<T>> = (1..threads)
            .map(|t| {
                let (send, receive) = mpsc::sync_channel(1);
                scope.spawn(move || {
                    for c in (t..chunks).step_by(threads) {
                        // The consumer has stopped: so does this thread.
                        if send.send(make(range(c))).is_err() {
                            break;
                        }
                    }
                });
                receive
            })
            .collect();
        for c in 0..chunks {
            let part = match c % threads {
                0 => make(range(c)),
                t => match receivers[t - 1].recv() {
                    Ok(part) => part,
                    // A worker that stopped early has panicked; the scope
                    // passes its panic on.
                    Err(_) => break,
                },
            };
            consume(part)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_gives_both_results_for_small_and_large_work() {
        for rows in [0, WORTH_A_THREAD - 1, WORTH_A_THREAD, usize::MAX] {
            let here = std::thread::current().id();
            let (a, b) = join(rows, move || (1, std::thread::current().id() != here), || 2);
            assert_eq!((a.0, b), (1, 2));
            // A thread of its own only for large work.
            assert_eq!(a.1, rows >= WORTH_A_THREAD, "rows = {rows}");
        }
    }

    #[test]
    fn parts_come_in_order_and_cover_every_row() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 10 * CHUNK + 17] {
            let mut seen = Vec::new();
            in_order(
                len,
                |r| r.collect::<Vec<_>>(),
                |part| {
                    seen.extend(part);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..len).collect::<Vec<_>>());
        }
    }

    #[test]
    fn an_error_stops_the_work_and_is_returned() {
        let mut taken = 0;
        let result = in_order(
            100 * CHUNK,
            |r| r.start,
            |_| {
                taken += 1;
                if taken == 3 {
                    Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::BrokenPipe);
        assert_eq!(taken, 3);
    }
}
