//! The machine's cores, shared equally (egalitarian processor sharing) when more work is runnable than
//! there are cores.
//!
//! With `n` runnable owners (loops or threads) on `c` cores, each runs at speed min(1, c/n). Instead of
//! rescheduling every owner whenever `n` changes, a single "virtual work clock" advances at that common
//! speed; an owner that starts `w` seconds of work at virtual time `v` finishes when the clock reaches
//! `v + w`. A min-heap of those finish marks gives the next completion. Preempted owners are removed
//! lazily: their heap entry carries an epoch that no longer matches. So no owner can ever run faster than
//! one core, and the total speed never exceeds `c` cores.

use super::heap::{MinHeap, key_time, time_key};

/// A runnable owner's heap entry: its finish mark is in the key (with the owner as tie-breaker,
/// so equal marks complete lower owners first); the epoch tells a live entry from a stale one.
#[derive(Clone, Copy, Debug)]
struct Job {
    owner: u32,
    epoch: u32,
}

/// Processor-sharing cores with owners numbered `0..owners`.
#[derive(Debug)]
pub(crate) struct Cpu {
    cores: f64,
    /// Virtual work clock: seconds of CPU one runnable owner has received since the start.
    v: f64,
    last_t: f64,
    running: u32,
    /// `speed()` and `cores_in_use()` for the current `running`, kept up to date when it changes
    /// rather than recomputed (a division and a conversion) at every event.
    speed: f64,
    in_use: f64,
    heap: MinHeap<Job>,
    /// The finish mark of the heap's top, which is always a live job (stale entries are dropped
    /// whenever the heap changes); infinity when nothing runs. Read at every event, so it is
    /// kept here rather than peeked and checked each time.
    top_vfinish: f64,
    epoch: Vec<u32>,
    vfinish: Vec<f64>,
    warmup: f64,
    /// Core-seconds used after warm-up.
    busy_core_s: f64,
    /// CPU seconds of work completed over the whole run.
    work_done_s: f64,
}

impl Cpu {
    pub fn new(cores: u32, owners: usize, warmup: f64) -> Self {
        Cpu {
            cores: f64::from(cores),
            v: 0.0,
            last_t: 0.0,
            running: 0,
            speed: 1.0,
            in_use: 0.0,
            heap: MinHeap::with_capacity(owners.min(1 << 16)),
            top_vfinish: f64::INFINITY,
            epoch: vec![0; owners],
            vfinish: vec![0.0; owners],
            warmup,
            busy_core_s: 0.0,
            work_done_s: 0.0,
        }
    }

    /// Cores in use right now: never more than exist.
    #[inline]
    pub fn cores_in_use(&self) -> f64 {
        self.in_use
    }

    /// Speed of each runnable owner, in CPU seconds per second.
    #[inline]
    fn speed(&self) -> f64 {
        self.speed
    }

    /// Sets `running` and the figures that follow from it.
    #[inline]
    fn set_running(&mut self, running: u32) {
        self.running = running;
        let n = f64::from(running);
        self.in_use = n.min(self.cores);
        self.speed = if n <= self.cores { 1.0 } else { self.cores / n };
    }

    /// Moves the clocks to time `t` (never backwards).
    #[inline(always)]
    pub fn advance(&mut self, t: f64) {
        if self.running > 0 && t > self.last_t {
            self.v += (t - self.last_t) * self.speed();
            let from = self.last_t.max(self.warmup);
            if t > from {
                self.busy_core_s += (t - from) * self.cores_in_use();
            }
        }
        self.last_t = t;
    }

    /// `owner` becomes runnable with `work` CPU seconds to do.
    #[inline(always)]
    pub fn start(&mut self, owner: u32, work: f64) {
        let o = owner as usize;
        self.epoch[o] = self.epoch[o].wrapping_add(1);
        let vfinish = self.v + work;
        self.vfinish[o] = vfinish;
        self.set_running(self.running + 1);
        self.heap.push(
            time_key(vfinish, u64::from(owner)),
            Job {
                owner,
                epoch: self.epoch[o],
            },
        );
        self.settle_top();
    }

    /// Drops stale entries from the top of the heap and notes the live top's finish mark.
    #[inline(always)]
    fn settle_top(&mut self) {
        while let Some(&(key, top)) = self.heap.peek() {
            if top.epoch != self.epoch[top.owner as usize] {
                self.heap.pop();
                continue;
            }
            self.top_vfinish = key_time(key);
            return;
        }
        self.top_vfinish = f64::INFINITY;
    }

    /// Real time of the next completion, or infinity when nothing runs.
    #[inline(always)]
    pub fn next_time(&self) -> f64 {
        let top = self.top_vfinish;
        if top == f64::INFINITY {
            return top;
        }
        let left = (top - self.v).max(0.0);
        // Dividing by 1 changes nothing, so the common uncontended case skips the division.
        let speed = self.speed();
        self.last_t + if speed == 1.0 { left } else { left / speed }
    }

    /// Completes the earliest job (call right after `next_time` chose it) and returns its owner.
    #[inline(always)]
    pub fn complete(&mut self) -> u32 {
        let (key, job) = self.heap.pop().expect("complete() without a runnable job");
        let o = job.owner as usize;
        // Rounding may leave the clock a hair short of the mark; the job is done either way.
        self.v = self.v.max(key_time(key));
        self.epoch[o] = self.epoch[o].wrapping_add(1);
        self.set_running(self.running - 1);
        self.settle_top();
        job.owner
    }

    /// Stops `owner` before it finishes and returns the CPU seconds it still needs.
    pub fn preempt(&mut self, owner: u32) -> f64 {
        let o = owner as usize;
        self.epoch[o] = self.epoch[o].wrapping_add(1);
        self.set_running(self.running - 1);
        self.settle_top();
        (self.vfinish[o] - self.v).max(0.0)
    }

    /// Adds finished work to the run's total (for the core-capacity invariant).
    #[inline]
    pub fn account_work(&mut self, work: f64) {
        self.work_done_s += work;
    }

    pub fn busy_core_s(&self) -> f64 {
        self.busy_core_s
    }

    pub fn work_done_s(&self) -> f64 {
        self.work_done_s
    }

    pub fn cores(&self) -> f64 {
        self.cores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_jobs_on_one_core_share_it() {
        let mut cpu = Cpu::new(1, 2, 0.0);
        cpu.start(0, 1.0);
        cpu.start(1, 2.0);
        // Both at half speed: owner 0 finishes at t = 2.
        let t = cpu.next_time();
        assert!((t - 2.0).abs() < 1e-12, "{t}");
        cpu.advance(t);
        assert_eq!(cpu.complete(), 0);
        // Owner 1 has 1 s left at full speed.
        let t = cpu.next_time();
        assert!((t - 3.0).abs() < 1e-12, "{t}");
        cpu.advance(t);
        assert!((cpu.busy_core_s() - 3.0).abs() < 1e-12);
    }

    #[test]
    fn preempted_job_keeps_its_remaining_work() {
        let mut cpu = Cpu::new(4, 2, 0.0);
        cpu.start(0, 1.0);
        cpu.advance(0.25);
        let left = cpu.preempt(0);
        assert!((left - 0.75).abs() < 1e-12);
        assert_eq!(cpu.next_time(), f64::INFINITY);
    }
}
