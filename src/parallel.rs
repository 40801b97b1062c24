//! Work on more than one core, for large tables only (a thread costs more
//! than the work on a small one): [`join`] runs two independent pieces of
//! work at once; [`each_in_order`] makes pieces of work on every core and
//! hands them on in order (so output keeps its order and its memory stays
//! a few pieces), [`in_order`] so for a long listing's rows in chunks.

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
pub fn in_order<T: Send, E>(
    len: usize,
    make: impl Fn(Range<usize>) -> T + Sync,
    consume: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let range = |c: usize| c * CHUNK..((c + 1) * CHUNK).min(len);
    each_in_order(len.div_ceil(CHUNK), |c| make(range(c)), consume)
}

/// `make(0)`, `make(1)`, … `make(count - 1)` on every core, each result
/// given to `consume` in order as soon as it and those before it are
/// made: at most two results per core are held at once, so memory stays
/// a few pieces however many there are. One piece, or a machine with one
/// core, stays on this thread. The first error of `consume` stops the
/// work and is returned.
pub fn each_in_order<T: Send, E>(
    count: usize,
    make: impl Fn(usize) -> T + Sync,
    mut consume: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    // (Asking how many cores there are reads the cgroup files: only for
    // work long enough to share.)
    let threads = match count {
        0 | 1 => 1,
        _ => std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_THREADS)
            .min(count),
    };
    if threads <= 1 {
        return (0..count).try_for_each(|c| consume(make(c)));
    }
    std::thread::scope(|scope| {
        let make = &make;
        // Thread t (from 1) makes pieces t, t + threads, …; this thread
        // makes pieces 0, threads, … and consumes them all in order.
        let receivers: Vec<mpsc::Receiver<T>> = (1..threads)
            .map(|t| {
                let (send, receive) = mpsc::sync_channel(1);
                scope.spawn(move || {
                    for c in (t..count).step_by(threads) {
                        // The consumer has stopped: so does this thread.
                        if send.send(make(c)).is_err() {
                            break;
                        }
                    }
                });
                receive
            })
            .collect();
        for c in 0..count {
            let part = match c % threads {
                0 => make(c),
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
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..len).collect::<Vec<_>>());
        }
    }

    #[test]
    fn pieces_come_in_order_with_few_held_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (made, taken) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let mut seen = Vec::new();
        each_in_order(
            200,
            |i| {
                made.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| {
                let held = made.load(Ordering::SeqCst) - taken.fetch_add(1, Ordering::SeqCst);
                // Per worker one in its channel and one being made, and
                // this thread's own.
                assert!(held <= 2 * MAX_THREADS + 1, "{held} held at once");
                seen.push(i);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..200).collect::<Vec<_>>());
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
