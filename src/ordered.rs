//! Work on a list in parallel, results handed over in list order through
//! a bounded window.
//!
//! One worker per thread of a rayon pool takes the next index from a shared
//! counter and may run at most `window` items ahead of the item the
//! consumer waits for, so memory holds at most `window` results whatever the
//! length of the list, no worker idles at a chunk boundary, and the order of
//! the results does not depend on the number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Runs `work` on every item of `items` on the threads of `pool` and calls
/// `consume` on the results in item order, on the calling thread. Stops
/// early, returning the error, when `consume` fails. A pool of one thread
/// is not used: the calling thread works and consumes in turn.
pub fn for_each_ordered<T, R, E>(
    pool: &rayon::ThreadPool,
    items: &[T],
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    if pool.current_num_threads() == 1 {
        // One worker: results come in order by themselves, and handing
        // each to another thread would only add a wake-up per item.
        return items.iter().try_for_each(|item| consume(work(item)));
    }
    let window = window.max(1);
    let next = AtomicUsize::new(0);
    // The index of the next result to hand over, and whether to stop.
    let gate = Gate::default();
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, R)>();
        let (next, gate, work) = (&next, &gate, &work);
        // The pool's scope waits for its workers, so it runs beside the
        // consumer; the channel closes when the last worker is done.
        scope.spawn(move || {
            pool.scope(|workers| {
                for _ in 0..pool.current_num_threads() {
                    let sender = sender.clone();
                    workers.spawn(move |_| {
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            if index >= items.len() || !gate.wait_for_room(index, window) {
                                break;
                            }
                            if sender.send((index, work(&items[index]))).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
        });
        let mut pending = BTreeMap::new();
        let mut expected = 0;
        for (index, result) in receiver {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&expected) {
                expected += 1;
                if let Err(err) = consume(result) {
                    gate.stop();
                    return Err(err);
                }
                gate.advance(expected);
            }
        }
        Ok(())
    })
}

/// How far the consumer has got, for workers waiting for room.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
}

#[derive(Default)]
struct GateState {
    consumed: usize,
    stopped: bool,
}

impl Gate {
    /// Waits until item `index` is inside the window; false when stopped.
    fn wait_for_room(&self, index: usize, window: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !state.stopped && index >= state.consumed + window {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.stopped
    }

    fn advance(&self, consumed: usize) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.consumed = consumed;
        self.moved.notify_all();
    }

    fn stop(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.stopped = true;
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
    }

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 7] {
            let mut seen = Vec::new();
            let result: Result<(), ()> = for_each_ordered(
                &pool(threads),
                &items,
                4,
                // Uneven work, so results arrive out of order.
                |&item| {
                    std::thread::sleep(std::time::Duration::from_micros((item * 7919) % 200));
                    item * 2
                },
                |result| {
                    seen.push(result);
                    Ok(())
                },
            );
            assert!(result.is_ok());
            assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_failing_consumer_stops_the_workers() {
        let items: Vec<usize> = (0..10_000).collect();
        for threads in [1, 2] {
            let done = AtomicUsize::new(0);
            let result = for_each_ordered(
                &pool(threads),
                &items,
                8,
                |&item| {
                    done.fetch_add(1, Ordering::Relaxed);
                    item
                },
                |item| if item == 3 { Err("full disk") } else { Ok(()) },
            );
            assert_eq!(result, Err("full disk"));
            // Workers never ran more than the window past the failure.
            assert!(done.load(Ordering::Relaxed) <= 3 + 8 + threads);
        }
    }

    #[test]
    fn the_window_bounds_what_is_held() {
        let items: Vec<usize> = (0..300).collect();
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let result: Result<(), ()> = for_each_ordered(
            &pool(2),
            &items,
            5,
            |&item| {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                item
            },
            |_| {
                in_flight.fetch_sub(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert!(result.is_ok());
        assert!(most.load(Ordering::SeqCst) <= 5, "{most:?}");
    }
}
