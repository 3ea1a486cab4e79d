//! Measurement helpers: time-weighted levels with a bounded time series, busy-time meters and quantiles.
//!
//! Everything here is measured over the window after warm-up, except the time series, which covers the
//! whole run so the UI can show the warm-up too.

/// Requests accepted and not yet finished.
pub(crate) const IN_SYSTEM: usize = 0;
/// Requests waiting to be started (backlog occupancy).
pub(crate) const QUEUED: usize = 1;
/// Threads holding a request (threads model) or loops running CPU (event loop).
pub(crate) const BUSY: usize = 2;
/// Requests in an I/O wait.
pub(crate) const IN_IO: usize = 3;
pub(crate) const LEVELS: usize = 4;

/// Time integrals of a few integer levels, overall after warm-up and per time bucket.
#[derive(Debug)]
pub(crate) struct Levels {
    cur: [f64; LEVELS],
    max: [f64; LEVELS],
    last_t: f64,
    warmup: f64,
    width: f64,
    bucket: usize,
    next_edge: f64,
    buckets: Vec<[f64; LEVELS]>,
    window: [f64; LEVELS],
}

impl Levels {
    pub fn new(duration: f64, warmup: f64, buckets: usize) -> Self {
        let n = buckets.clamp(1, 10_000);
        let width = duration / n as f64;
        Levels {
            cur: [0.0; LEVELS],
            max: [0.0; LEVELS],
            last_t: 0.0,
            warmup,
            width,
            bucket: 0,
            next_edge: if n == 1 { f64::INFINITY } else { width },
            buckets: vec![[0.0; LEVELS]; n],
            window: [0.0; LEVELS],
        }
    }

    #[inline]
    fn integrate(&mut self, a: f64, b: f64) {
        let dt = b - a;
        let wdt = if b > self.warmup {
            b - a.max(self.warmup)
        } else {
            0.0
        };
        let slot = &mut self.buckets[self.bucket];
        for ((area, window), cur) in slot.iter_mut().zip(&mut self.window).zip(self.cur) {
            *area += cur * dt;
            *window += cur * wdt;
        }
    }

    /// Integrates the current levels up to `t`. Call before changing any level at time `t`.
    #[inline]
    pub fn advance(&mut self, t: f64) {
        if t <= self.last_t {
            return;
        }
        while t > self.next_edge {
            self.integrate(self.last_t, self.next_edge);
            self.last_t = self.next_edge;
            self.bucket += 1;
            self.next_edge = if self.bucket + 1 >= self.buckets.len() {
                f64::INFINITY
            } else {
                (self.bucket + 1) as f64 * self.width
            };
        }
        self.integrate(self.last_t, t);
        self.last_t = t;
    }

    #[inline]
    pub fn add(&mut self, level: usize, delta: f64) {
        let v = self.cur[level] + delta;
        self.cur[level] = v;
        if v > self.max[level] && self.last_t >= self.warmup {
            self.max[level] = v;
        }
    }

    /// Time average of a level over `[warmup, end]`.
    pub fn window_mean(&self, level: usize, end: f64) -> f64 {
        let len = end - self.warmup;
        if len > 0.0 {
            self.window[level] / len
        } else {
            0.0
        }
    }

    /// Highest value of a level after warm-up.
    pub fn window_max(&self, level: usize) -> f64 {
        self.max[level]
    }

    /// Per-bucket time averages `(bucket start, [level means])` up to `end`.
    pub fn series(&self, end: f64) -> Vec<(f64, [f64; LEVELS])> {
        let mut out = Vec::with_capacity(self.buckets.len());
        for (i, area) in self.buckets.iter().enumerate() {
            let start = i as f64 * self.width;
            if start >= end && i > 0 {
                break;
            }
            let stop = if i + 1 == self.buckets.len() {
                end
            } else {
                ((i + 1) as f64 * self.width).min(end)
            };
            let len = stop - start;
            let mut mean = [0.0; LEVELS];
            if len > 0.0 {
                for k in 0..LEVELS {
                    mean[k] = area[k] / len;
                }
            }
            out.push((start, mean));
        }
        out
    }
}

/// Busy time after warm-up of each of a set of resources (a loop, a GIL).
#[derive(Debug)]
pub(crate) struct BusyMeter {
    since: Vec<f64>,
    total: Vec<f64>,
    warmup: f64,
}

impl BusyMeter {
    pub fn new(n: usize, warmup: f64) -> Self {
        BusyMeter {
            since: vec![f64::NAN; n],
            total: vec![0.0; n],
            warmup,
        }
    }

    #[inline]
    pub fn start(&mut self, i: usize, t: f64) {
        self.since[i] = t;
    }

    #[inline]
    pub fn stop(&mut self, i: usize, t: f64) {
        let from = self.since[i].max(self.warmup);
        if t > from {
            self.total[i] += t - from;
        }
        self.since[i] = f64::NAN;
    }

    /// Closes open intervals at `end` and returns each resource's busy fraction of `[warmup, end]`.
    pub fn fractions(mut self, end: f64) -> Vec<f64> {
        for i in 0..self.since.len() {
            if !self.since[i].is_nan() {
                self.stop(i, end);
            }
        }
        let len = end - self.warmup;
        self.total
            .iter()
            .map(|b| if len > 0.0 { (b / len).min(1.0) } else { 0.0 })
            .collect()
    }
}

/// Nearest-rank quantile of sorted data: the smallest value with at least a fraction `p` of the data
/// at or below it. 0 for empty data.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let n = sorted.len();
    let rank = (p * n as f64).ceil() as usize;
    sorted[rank.clamp(1, n) - 1]
}

/// Same quantile as `quantile_sorted`, but in linear time by partial selection (reorders `data`).
pub fn quantile_select(data: &mut [f64], p: f64) -> f64 {
    if data.is_empty() {
        return 0.0;
    }
    let n = data.len();
    let rank = (p * n as f64).ceil() as usize;
    let (_, v, _) = data.select_nth_unstable_by(rank.clamp(1, n) - 1, f64::total_cmp);
    *v
}

/// Mean, 0 for empty data.
pub fn mean(data: &[f64]) -> f64 {
    if data.is_empty() {
        0.0
    } else {
        data.iter().sum::<f64>() / data.len() as f64
    }
}

/// Sorts non-negative durations. They are compared as integers (the bit patterns of non-negative floats
/// sort like the numbers), which is cheaper than a float comparator on millions of values.
pub fn sort_durations(data: &mut [f64]) {
    debug_assert!(data.iter().all(|x| *x >= 0.0));
    data.sort_unstable_by_key(|x| x.to_bits());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_quantiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile_sorted(&v, 0.5), 50.0);
        assert_eq!(quantile_sorted(&v, 0.99), 99.0);
        assert_eq!(quantile_sorted(&v, 1.0), 100.0);
        assert_eq!(quantile_sorted(&v, 0.0), 1.0);
        let mut w = v.clone();
        w.reverse();
        assert_eq!(quantile_select(&mut w, 0.95), 95.0);
    }

    #[test]
    fn levels_average_over_window_and_buckets() {
        let mut l = Levels::new(10.0, 2.0, 5);
        l.add(IN_SYSTEM, 1.0); // 1 from t=0
        l.advance(5.0);
        l.add(IN_SYSTEM, 1.0); // 2 from t=5
        l.advance(10.0);
        // Window [2,10]: 3 s at 1 + 5 s at 2 = 13 over 8 s.
        assert!((l.window_mean(IN_SYSTEM, 10.0) - 13.0 / 8.0).abs() < 1e-12);
        let s = l.series(10.0);
        assert_eq!(s.len(), 5);
        assert!(
            (s[2].1[IN_SYSTEM] - 1.5).abs() < 1e-12,
            "bucket [4,6) is half 1, half 2"
        );
    }
}
