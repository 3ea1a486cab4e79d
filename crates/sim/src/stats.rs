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

    #[inline(always)]
    fn integrate(&mut self, a: f64, b: f64) {
        let dt = b - a;
        let slot = &mut self.buckets[self.bucket];
        if a >= self.warmup {
            // After warm-up (nearly every call) the window's share is the whole interval. Written
            // per element over fixed-size arrays so the compiler can use vector instructions.
            let cur = self.cur;
            let window = &mut self.window;
            for k in 0..LEVELS {
                let x = cur[k] * dt;
                slot[k] += x;
                window[k] += x;
            }
            return;
        }
        let wdt = if b > self.warmup {
            b - self.warmup
        } else {
            0.0
        };
        for ((area, window), cur) in slot.iter_mut().zip(&mut self.window).zip(self.cur) {
            *area += cur * dt;
            *window += cur * wdt;
        }
    }

    /// Integrates the current levels up to `t`. Call before changing any level at time `t`.
    #[inline(always)]
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

    #[inline(always)]
    pub fn add(&mut self, level: usize, delta: f64) {
        let v = self.cur[level] + delta;
        self.cur[level] = v;
        // Only a rise can set a new maximum; callers pass constants, so this test folds away.
        if delta > 0.0 && v > self.max[level] && self.last_t >= self.warmup {
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

/// Top mantissa bits kept per bucket: each power of two is split into 2^8 buckets, so a bucket
/// spans at most 2^-8 of its lower edge and its midpoint is within 2^-9 (0.2 %) of any value in it.
const SUB_BITS: u32 = 8;
/// Smallest bucketed duration, 2^-30 s (about 1 ns); anything shorter counts in the first bucket.
const MIN_EXP: i32 = -30;
/// Largest bucketed duration, 2^17 s (about 36 hours); anything longer counts in the last bucket
/// (the exact maximum is kept separately).
const MAX_EXP: i32 = 17;
const BUCKETS: usize = ((MAX_EXP - MIN_EXP) as usize) << SUB_BITS;

/// The worst relative error of a [`Histogram`] quantile against the exact nearest-rank quantile,
/// for values inside its range (2^-9, about 0.2 %).
pub const QUANTILE_RELATIVE_ERROR: f64 = 1.0 / (1u64 << (SUB_BITS + 1)) as f64;

/// Durations in seconds, counted in log-spaced buckets: memory is fixed (about 48 KB) whatever the
/// run length, recording is a few bit operations, and quantiles carry a stated relative error
/// ([`QUANTILE_RELATIVE_ERROR`]). Count, sum (so the mean), minimum and maximum are exact.
///
/// The bucket of a value is read straight off its IEEE-754 bits: the exponent picks the power of
/// two and the top [`SUB_BITS`] bits of the mantissa the slice of it, as HDR histograms do.
#[derive(Clone, Debug)]
pub struct Histogram {
    counts: Vec<u32>,
    /// Exact zeros (a request with no work at all), below every bucket.
    zeros: u64,
    n: u64,
    sum: f64,
    min: f64,
    max: f64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram::new()
    }
}

impl Histogram {
    pub fn new() -> Self {
        Histogram {
            counts: vec![0; BUCKETS],
            zeros: 0,
            n: 0,
            sum: 0.0,
            min: f64::INFINITY,
            max: 0.0,
        }
    }

    #[inline]
    fn bucket(v: f64) -> usize {
        let bits = v.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i32 - 1023;
        if exp < MIN_EXP {
            return 0;
        }
        if exp >= MAX_EXP {
            return BUCKETS - 1;
        }
        let sub = ((bits >> (52 - SUB_BITS)) & ((1 << SUB_BITS) - 1)) as usize;
        (((exp - MIN_EXP) as usize) << SUB_BITS) | sub
    }

    /// The value a bucket stands for: the middle of its range.
    fn middle(i: usize) -> f64 {
        let exp = (i >> SUB_BITS) as i32 + MIN_EXP;
        let sub = (i & ((1 << SUB_BITS) - 1)) as f64;
        let unit = 2f64.powi(exp);
        let step = unit / f64::from(1u32 << SUB_BITS);
        unit + step * (sub + 0.5)
    }

    /// Counts one duration (seconds, >= 0).
    #[inline(always)]
    pub fn record(&mut self, v: f64) {
        self.n += 1;
        self.sum += v;
        if v < self.min {
            self.min = v;
        }
        if v > self.max {
            self.max = v;
        }
        if v > 0.0 {
            self.counts[Self::bucket(v)] += 1;
        } else {
            self.zeros += 1;
        }
    }

    pub fn count(&self) -> u64 {
        self.n
    }

    /// Mean, 0 when empty.
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum / self.n as f64
        }
    }

    pub fn sum(&self) -> f64 {
        self.sum
    }

    /// Largest value, 0 when empty.
    pub fn max(&self) -> f64 {
        self.max
    }

    /// Nearest-rank quantiles (the smallest value with at least a fraction `p` of the data at or
    /// below it) for each of `ps`, which must be sorted ascending; within
    /// [`QUANTILE_RELATIVE_ERROR`] of the exact figure, exact at p = 0 and p = 1, and never above
    /// the maximum. All zeros when empty. One pass over the buckets for the whole list.
    pub fn quantiles(&self, ps: &[f64]) -> Vec<f64> {
        let mut out = Vec::with_capacity(ps.len());
        if self.n == 0 {
            out.resize(ps.len(), 0.0);
            return out;
        }
        let mut seen = self.zeros;
        let mut bucket = 0usize;
        for &p in ps {
            let rank = ((p * self.n as f64).ceil() as u64).clamp(1, self.n);
            let v = if rank == self.n {
                self.max
            } else if rank <= self.zeros {
                0.0
            } else if p <= 0.0 {
                self.min
            } else {
                while seen < rank && bucket < BUCKETS {
                    seen += u64::from(self.counts[bucket]);
                    bucket += 1;
                }
                // `bucket - 1` holds the rank-th value.
                Self::middle(bucket.saturating_sub(1)).clamp(self.min, self.max)
            };
            out.push(v);
        }
        out
    }

    /// One nearest-rank quantile; see [`Histogram::quantiles`].
    pub fn quantile(&self, p: f64) -> f64 {
        self.quantiles(&[p])[0]
    }

    /// Adds every value of `other` to this histogram.
    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += *b;
        }
        self.zeros += other.zeros;
        self.n += other.n;
        self.sum += other.sum;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
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
    fn histogram_quantiles_are_within_the_stated_error() {
        let mut h = Histogram::new();
        // Durations over nine decades, in a scrambled order.
        let mut exact: Vec<f64> = (1..=20_000u64)
            .map(|i| ((i * 7_919) % 20_000 + 1) as f64 * 1e-6 * (1.0 + (i % 13) as f64 * 37.0))
            .collect();
        for &v in &exact {
            h.record(v);
        }
        sort_durations(&mut exact);
        for p in [0.0, 0.001, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0] {
            let want = quantile_sorted(&exact, p);
            let got = h.quantile(p);
            let err = (got - want).abs() / want;
            assert!(
                err <= QUANTILE_RELATIVE_ERROR,
                "p{p}: {got} vs {want} ({err})"
            );
        }
        assert_eq!(h.quantile(1.0), *exact.last().unwrap());
        assert_eq!(h.quantile(0.0), exact[0]);
        let mean = exact.iter().sum::<f64>() / exact.len() as f64;
        assert!((h.mean() - mean).abs() < 1e-12 * mean);
    }

    #[test]
    fn histogram_counts_zeros_and_merges() {
        let mut a = Histogram::new();
        a.record(0.0);
        a.record(0.0);
        a.record(1.0);
        assert_eq!(a.quantile(0.5), 0.0);
        assert_eq!(a.quantile(0.9), 1.0);
        let mut b = Histogram::new();
        b.record(3.0);
        a.merge(&b);
        assert_eq!(a.count(), 4);
        assert_eq!(a.max(), 3.0);
        assert!((a.mean() - 1.0).abs() < 1e-15);
        assert_eq!(Histogram::new().quantiles(&[0.5, 0.99]), [0.0, 0.0]);
    }

    #[test]
    fn nearest_rank_quantiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile_sorted(&v, 0.5), 50.0);
        assert_eq!(quantile_sorted(&v, 0.99), 99.0);
        assert_eq!(quantile_sorted(&v, 1.0), 100.0);
        assert_eq!(quantile_sorted(&v, 0.0), 1.0);
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
