//! Work on a list in parallel, results handed over in list order through
//! a bounded window.
//!
//! One worker per thread of a rayon pool takes the next index from a shared
//! counter and may run at most `window` items ahead of the last item
//! handed over, so memory holds at most `window` results whatever the
//! length of the list, no worker idles at a chunk boundary, and the order of
//! the results does not depend on the number of threads.
//!
//! The workers hand the results over themselves: the one that finishes the
//! next item in order takes the results ready after it too and passes them
//! to the consumer, while the others go on working. No thread waits for
//! results, so none is woken per item (a consumer thread fed by a channel
//! cost a futex wake-up, an interrupt and a context switch per document:
//! ≈ 5 % of the samples with two threads).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Runs `work` on every item of `items` on the threads of `pool` and calls
/// `consume` on the results in item order, on one worker at a time. Stops
/// early, returning the error, when `consume` fails. A pool of one thread
/// is not used: the calling thread works and consumes in turn.
pub fn for_each_ordered<T, R, E>(
    pool: &rayon::ThreadPool,
    items: &[T],
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    consume: impl FnMut(R) -> Result<(), E> + Send,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
    E: Send,
{
    let mut consume = consume;
    if pool.current_num_threads() == 1 {
        // One worker: results come in order by themselves.
        return items.iter().try_for_each(|item| consume(work(item)));
    }
    let queue = Queue {
        window: window.max(1),
        next: AtomicUsize::new(0),
        state: Mutex::new(State::default()),
        room: Condvar::new(),
        consumer: Mutex::new(Consumer {
            consume,
            error: None,
        }),
    };
    pool.scope(|workers| {
        for _ in 0..pool.current_num_threads() {
            workers.spawn(|_| queue.run(items, &work));
        }
    });
    match queue.consumer.into_inner() {
        Ok(consumer) => consumer.error.map_or(Ok(()), Err),
        Err(poisoned) => poisoned.into_inner().error.map_or(Ok(()), Err),
    }
}

/// What the workers share.
struct Queue<R, C, E> {
    window: usize,
    /// The index of the next item to work on.
    next: AtomicUsize,
    state: Mutex<State<R>>,
    /// Signalled when results are handed over and workers wait for room.
    room: Condvar,
    /// Taken by one worker at a time, the one handing results over.
    consumer: Mutex<Consumer<C, E>>,
}

/// The results waiting for their turn, and how far the hand-over has got.
struct State<R> {
    /// Finished results not yet handed over, by index.
    ready: BTreeMap<usize, R>,
    /// The index of the next result to hand over.
    expected: usize,
    /// How many results have been handed over: no item at or past this
    /// plus the window is started.
    consumed: usize,
    /// A worker is handing results over.
    handing_over: bool,
    /// Workers waiting for room.
    waiting: usize,
    /// The consumer failed: no more work.
    stopped: bool,
}

impl<R> Default for State<R> {
    fn default() -> Self {
        State {
            ready: BTreeMap::new(),
            expected: 0,
            consumed: 0,
            handing_over: false,
            waiting: 0,
            stopped: false,
        }
    }
}

struct Consumer<C, E> {
    consume: C,
    error: Option<E>,
}

impl<R, C, E> Queue<R, C, E>
where
    C: FnMut(R) -> Result<(), E>,
{
    /// One worker's loop: take an index, wait for room, work, hand over.
    fn run<T>(&self, items: &[T], work: &impl Fn(&T) -> R) {
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            if index >= items.len() || !self.wait_for_room(index) {
                return;
            }
            let result = work(&items[index]);
            self.finish(index, result);
        }
    }

    /// Waits until item `index` is inside the window; false when stopped.
    fn wait_for_room(&self, index: usize) -> bool {
        let mut state = self.state();
        while !state.stopped && index >= state.consumed + self.window {
            state.waiting += 1;
            state = self
                .room
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.waiting -= 1;
        }
        !state.stopped
    }

    /// Files the result of item `index` and, unless another worker is
    /// handing results over, hands over every result ready in order.
    fn finish(&self, index: usize, result: R) {
        let mut state = self.state();
        if state.stopped {
            return;
        }
        state.ready.insert(index, result);
        if state.handing_over {
            // That worker looks again for ready results before it stops.
            return;
        }
        state.handing_over = true;
        loop {
            let mut batch = Vec::new();
            let State {
                ready, expected, ..
            } = &mut *state;
            while let Some(entry) = ready.first_entry() {
                if *entry.key() != *expected {
                    break;
                }
                batch.push(entry.remove());
                *expected += 1;
            }
            if batch.is_empty() || state.stopped {
                state.handing_over = false;
                return;
            }
            let handed = batch.len();
            drop(state);
            let failed = self.hand_over(batch);
            state = self.state();
            state.consumed += handed;
            if failed {
                state.stopped = true;
                state.ready.clear();
            }
            if state.waiting > 0 {
                self.room.notify_all();
            }
        }
    }

    /// Passes `batch` to the consumer in order; true when it failed.
    fn hand_over(&self, batch: Vec<R>) -> bool {
        let mut consumer = self.consumer.lock().unwrap_or_else(PoisonError::into_inner);
        for result in batch {
            if let Err(err) = (consumer.consume)(result) {
                consumer.error = Some(err);
                return true;
            }
        }
        false
    }

    fn state(&self) -> MutexGuard<'_, State<R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
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
        for threads in [1, 2, 7] {
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
