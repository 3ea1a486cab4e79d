//! The min-heap behind the timer queue and the CPU's completions.
//!
//! `std::collections::BinaryHeap` compared entries through `Ord` (a float `total_cmp`, then a
//! tie-breaker) and kept `pop` out of line; popping was a fifth of an experiment's time. Here each
//! entry carries one `u128` key built so that integer order is the order the engine needs (see
//! [`time_key`]), and push and pop are inlined. Keys are unique wherever order matters (a
//! sequence number or an owner breaks ties), so any correct heap pops in the same order: the
//! engine's results do not depend on how this one is built.

/// A binary min-heap of `T` ordered by a `u128` key.
#[derive(Debug)]
pub(crate) struct MinHeap<T> {
    items: Vec<(u128, T)>,
}

/// The key of a time `t` (seconds, or CPU seconds) tie-broken by `tie`: the bits of a
/// non-negative float order like its value, so `(t, tie)` compares as one integer. Every time the
/// engine schedules is a sum of non-negative durations, so never negative, NaN or -0.
#[inline(always)]
pub(crate) fn time_key(t: f64, tie: u64) -> u128 {
    debug_assert!(
        t >= 0.0 && t.is_sign_positive(),
        "a scheduled time must be >= +0, got {t}"
    );
    (u128::from(t.to_bits()) << 64) | u128::from(tie)
}

/// The time a [`time_key`] was built from.
#[inline(always)]
pub(crate) fn key_time(key: u128) -> f64 {
    f64::from_bits((key >> 64) as u64)
}

impl<T: Copy> MinHeap<T> {
    pub fn with_capacity(n: usize) -> Self {
        MinHeap {
            items: Vec::with_capacity(n),
        }
    }

    /// The smallest entry.
    #[inline(always)]
    pub fn peek(&self) -> Option<&(u128, T)> {
        self.items.first()
    }

    #[inline(always)]
    pub fn push(&mut self, key: u128, item: T) {
        let mut i = self.items.len();
        self.items.push((key, item));
        // Move the hole up past every parent with a larger key, then fill it.
        while i > 0 {
            let parent = (i - 1) / 2;
            if self.items[parent].0 <= key {
                break;
            }
            self.items[i] = self.items[parent];
            i = parent;
        }
        self.items[i] = (key, item);
    }

    /// Removes and returns the smallest entry.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<(u128, T)> {
        let last = self.items.pop()?;
        let n = self.items.len();
        if n == 0 {
            return Some(last);
        }
        let top = self.items[0];
        // Move the hole down from the root past every smaller child, then put `last` in it.
        let mut i = 0;
        loop {
            let left = 2 * i + 1;
            if left >= n {
                break;
            }
            let right = left + 1;
            let child = if right < n && self.items[right].0 < self.items[left].0 {
                right
            } else {
                left
            };
            if self.items[child].0 >= last.0 {
                break;
            }
            self.items[i] = self.items[child];
            i = child;
        }
        self.items[i] = last;
        Some(top)
    }

    /// Every entry, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &(u128, T)> {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_key_order_and_keys_order_like_times() {
        let mut h = MinHeap::with_capacity(4);
        // Times with ties broken by the second part, pushed in a scrambled order.
        let entries = [
            (3.5, 1),
            (0.0, 7),
            (3.5, 0),
            (1e-300, 2),
            (f64::INFINITY, 3),
            (2.0, 9),
            (0.25, 4),
        ];
        for (i, &(t, tie)) in entries.iter().enumerate() {
            h.push(time_key(t, tie), i);
        }
        let mut popped = Vec::new();
        while let Some((key, i)) = h.pop() {
            assert_eq!(key_time(key), entries[i].0);
            popped.push(entries[i]);
        }
        let mut want = entries.to_vec();
        want.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        assert_eq!(popped, want);
        assert!(h.pop().is_none() && h.peek().is_none());
    }

    #[test]
    fn matches_a_sorted_list_on_many_random_operations() {
        // A fixed pseudo-random mix of pushes and pops against a sorted Vec as the model.
        let mut h = MinHeap::with_capacity(0);
        let mut model: Vec<u128> = Vec::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for step in 0..20_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x.is_multiple_of(3) {
                assert_eq!(
                    h.pop().map(|e| e.0),
                    (!model.is_empty()).then(|| model.remove(0))
                );
            } else {
                let key = time_key((x % 1000) as f64 / 8.0, step);
                h.push(key, ());
                let at = model.partition_point(|&k| k < key);
                model.insert(at, key);
            }
            assert_eq!(h.peek().map(|e| e.0), model.first().copied());
        }
    }
}
