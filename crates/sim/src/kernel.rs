//! The discrete-event core shared by both server models: the clock, the event choice, request slots,
//! and the accounting every model needs (counts, latencies, levels, trace spans).
//!
//! Events are small `Copy` values; the next arrival is generated lazily and never sits in a heap, CPU
//! completions come from the processor-sharing `Cpu`, and only I/O completions and GIL deadlines go in
//! the timer heap. Request state lives in a slab whose slots are reused, so memory follows the number of
//! requests in flight, not the number simulated.

use super::cpu::Cpu;
use super::result::{LatencySummary, LoopStats, QuantilePoint, QueuePoint, SimResult, ThreadStats};
use super::scenario::{RunOptions, Scenario};
use super::stats::{self, BUSY, IN_IO, IN_SYSTEM, Levels, QUEUED};
use super::timer::Timer;
use super::trace::{SpanState, TraceRecorder};
use super::workload::RequestStream;
use std::collections::BinaryHeap;

/// What happens next.
pub(crate) enum Next {
    /// A new request arrived; the model must `accept` or `reject` it.
    Arrival(Req),
    /// The CPU work of this owner finished.
    Cpu(u32),
    Timer(Timer),
    End,
}

/// A request in flight. Durations are in seconds with the model's `cpu_scale` applied.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Req {
    pub id: u64,
    pub arrival: f64,
    pub cpu1: f64,
    pub io: f64,
    pub cpu2: f64,
    /// When the current state began (for spans and waits).
    pub since: f64,
    pub lane: u32,
    pub state: SpanState,
    /// Process (event loop) or thread (threads model) serving it.
    pub owner: u32,
    /// Pool slot during threadpool I/O.
    pub aux: u32,
    /// Seconds spent waiting for a loop or a GIL so far.
    pub waited: f64,
    live: bool,
}

pub(crate) struct Kernel {
    pub now: f64,
    pub end: f64,
    pub warmup: f64,
    stream: RequestStream,
    arrivals_open: bool,
    max_requests: Option<u64>,
    max_events: u64,
    cpu_scale: f64,
    timers: BinaryHeap<Timer>,
    seq: u64,
    pub cpu: Cpu,
    pub levels: Levels,
    pub trace: TraceRecorder,
    reqs: Vec<Req>,
    free: Vec<u32>,
    latencies: Vec<f64>,
    /// Model-specific waits (loop lag or GIL wait), seconds, for phases that became ready after warm-up.
    pub waits: Vec<f64>,
    pub arrived: u64,
    pub completed: u64,
    pub dropped: u64,
    pub events: u64,
    capped: bool,
    latency_buckets: usize,
    window_accepted: u64,
    window_completed: u64,
    measured_waited_s: f64,
}

impl Kernel {
    pub fn new(s: &Scenario, o: &RunOptions, cpu_owners: usize) -> Self {
        let stream = RequestStream::new(s.seed, &s.workload);
        let measured = s.workload.arrival.rate_per_s() * (s.duration_s - s.warmup_s);
        let reserve = (measured * 1.05).clamp(16.0, 4_000_000.0) as usize;
        let mut k = Kernel {
            now: 0.0,
            end: s.duration_s,
            warmup: s.warmup_s,
            stream,
            arrivals_open: true,
            max_requests: o.max_requests,
            max_events: o.max_events.unwrap_or(u64::MAX),
            cpu_scale: s.model.cpu_scale(),
            timers: BinaryHeap::with_capacity(64),
            seq: 0,
            cpu: Cpu::new(s.cores, cpu_owners, s.warmup_s),
            levels: Levels::new(s.duration_s, s.warmup_s, o.queue_buckets),
            trace: TraceRecorder::new(o.trace_window_s, o.trace_cap),
            reqs: Vec::with_capacity(1024),
            free: Vec::with_capacity(1024),
            latencies: Vec::with_capacity(reserve.min(1 << 20)),
            waits: Vec::new(),
            arrived: 0,
            completed: 0,
            dropped: 0,
            events: 0,
            capped: false,
            latency_buckets: o.latency_buckets.clamp(1, 1_000),
            window_accepted: 0,
            window_completed: 0,
            measured_waited_s: 0.0,
        };
        if k.max_requests == Some(0) {
            k.close_arrivals();
        }
        k
    }

    /// Stops arrivals; the run ends where the next one would have come.
    fn close_arrivals(&mut self) {
        self.arrivals_open = false;
        let next = self.stream.peek_time();
        if next < self.end {
            self.end = next;
            self.capped = true;
        }
    }

    pub fn schedule(&mut self, t: f64, kind: u8, a: u32, b: u32) {
        self.seq += 1;
        self.timers.push(Timer::new(t, self.seq, kind, a, b));
    }

    /// Picks the earliest event (CPU completion, then timer, then arrival on ties) and moves the clock.
    #[inline]
    pub fn next(&mut self) -> Next {
        let tc = self.cpu.next_time();
        let tt = self.timers.peek().map_or(f64::INFINITY, |x| x.t);
        let ta = if self.arrivals_open {
            self.stream.peek_time()
        } else {
            f64::INFINITY
        };
        let (mut t, mut which) = (tc, 0u8);
        if tt < t {
            (t, which) = (tt, 1);
        }
        if ta < t {
            (t, which) = (ta, 2);
        }
        if t >= self.end {
            self.advance(self.end);
            return Next::End;
        }
        if self.events >= self.max_events {
            self.end = self.now;
            self.capped = true;
            return Next::End;
        }
        self.advance(t);
        self.events += 1;
        match which {
            0 => Next::Cpu(self.cpu.complete()),
            1 => Next::Timer(self.timers.pop().expect("peeked timer")),
            _ => Next::Arrival(self.take_arrival()),
        }
    }

    #[inline]
    fn advance(&mut self, t: f64) {
        self.cpu.advance(t);
        self.levels.advance(t);
        self.now = t;
    }

    fn take_arrival(&mut self) -> Req {
        let d = self.stream.pop();
        self.arrived += 1;
        if self.max_requests.is_some_and(|m| self.arrived >= m) {
            self.close_arrivals();
        }
        let s = self.cpu_scale;
        Req {
            id: d.id,
            arrival: d.arrival_s,
            cpu1: d.cpu1_s * s,
            io: d.io_s,
            cpu2: d.cpu2_s * s,
            since: d.arrival_s,
            lane: 0,
            state: SpanState::Queued,
            owner: 0,
            aux: 0,
            waited: 0.0,
            live: true,
        }
    }

    /// Counts an arrival that found the backlog full.
    pub fn reject(&mut self) {
        self.dropped += 1;
    }

    /// Takes an arrival into the system, owned by `owner` and starting on `lane` in `state`; returns its slot.
    #[inline]
    pub fn accept(&mut self, mut r: Req, owner: u32, lane: u32, state: SpanState) -> u32 {
        r.owner = owner;
        r.lane = lane;
        r.state = state;
        self.levels.add(IN_SYSTEM, 1.0);
        if r.arrival >= self.warmup {
            self.window_accepted += 1;
        }
        match self.free.pop() {
            Some(slot) => {
                self.reqs[slot as usize] = r;
                slot
            }
            None => {
                self.reqs.push(r);
                (self.reqs.len() - 1) as u32
            }
        }
    }

    #[inline]
    pub fn req(&self, slot: u32) -> &Req {
        &self.reqs[slot as usize]
    }

    #[inline]
    pub fn req_mut(&mut self, slot: u32) -> &mut Req {
        &mut self.reqs[slot as usize]
    }

    /// Ends the request's current span and starts a new one on `lane` in `state`.
    #[inline]
    pub fn set_state(&mut self, slot: u32, lane: u32, state: SpanState) {
        let now = self.now;
        let r = &mut self.reqs[slot as usize];
        if self.trace.enabled() {
            self.trace.span(r.lane, r.id, r.since, now, r.state);
        }
        r.since = now;
        r.lane = lane;
        r.state = state;
    }

    /// Records the wait that ends now for the request's current state (call before `set_state`). The wait
    /// is sampled if it began after warm-up, and always added to the request's own total.
    #[inline]
    pub fn record_wait(&mut self, slot: u32) {
        let r = &mut self.reqs[slot as usize];
        let w = self.now - r.since;
        r.waited += w;
        if r.since >= self.warmup {
            self.waits.push(w);
        }
    }

    /// Mean total wait (loop or GIL) of the measured requests completed so far, seconds.
    pub fn measured_wait_per_request(&self) -> f64 {
        if self.latencies.is_empty() {
            0.0
        } else {
            self.measured_waited_s / self.latencies.len() as f64
        }
    }

    /// The request is finished: records its latency and frees its slot.
    #[inline]
    pub fn complete(&mut self, slot: u32) {
        let now = self.now;
        let r = &mut self.reqs[slot as usize];
        if self.trace.enabled() {
            self.trace.span(r.lane, r.id, r.since, now, r.state);
        }
        r.live = false;
        if r.arrival >= self.warmup {
            self.latencies.push(now - r.arrival);
            self.measured_waited_s += r.waited;
        }
        if now >= self.warmup {
            self.window_completed += 1;
        }
        self.completed += 1;
        self.levels.add(IN_SYSTEM, -1.0);
        self.free.push(slot);
    }

    /// Builds the result. Closes the spans of requests still in flight at `end`.
    pub fn finish(
        mut self,
        model: &str,
        event_loop: Option<LoopStats>,
        threads: Option<ThreadStats>,
    ) -> SimResult {
        let end = self.end;
        if self.trace.enabled() {
            for r in self.reqs.iter().filter(|r| r.live) {
                self.trace.span(r.lane, r.id, r.since, end, r.state);
            }
        }
        // Counted from the slots still held, not derived from the other counts, so the invariant
        // arrived = completed + dropped + in flight is a real check on the bookkeeping.
        let in_flight = (self.reqs.len() - self.free.len()) as u64;
        let window = end - self.warmup;
        let per_s = |n: u64| if window > 0.0 { n as f64 / window } else { 0.0 };
        let mut lat = std::mem::take(&mut self.latencies);
        stats::sort_durations(&mut lat);
        let q = |p: f64| stats::quantile_sorted(&lat, p) * 1e3;
        let latency_ms = LatencySummary {
            count: lat.len() as u64,
            mean: stats::mean(&lat) * 1e3,
            p50: q(0.50),
            p95: q(0.95),
            p99: q(0.99),
            max: lat.last().copied().unwrap_or(0.0) * 1e3,
        };
        let n = self.latency_buckets;
        let latency_cdf = if lat.is_empty() {
            Vec::new()
        } else {
            (0..=n)
                .map(|i| i as f64 / n as f64)
                .map(|p| QuantilePoint { p, ms: q(p) })
                .collect()
        };
        let queue_series = self
            .levels
            .series(end)
            .into_iter()
            .map(|(t_s, m)| QueuePoint {
                t_s,
                queued: m[QUEUED],
                in_system: m[IN_SYSTEM],
                busy: m[BUSY],
                in_io: m[IN_IO],
            })
            .collect();
        let capacity = self.cpu.cores() * window;
        SimResult {
            model: model.to_string(),
            arrived: self.arrived,
            completed: self.completed,
            dropped: self.dropped,
            in_flight_at_end: in_flight,
            capped: self.capped,
            end_s: end,
            window_s: window,
            throughput_per_s: per_s(self.window_completed),
            accepted_rate_per_s: per_s(self.window_accepted),
            latency_ms,
            latency_cdf,
            mean_in_system: self.levels.window_mean(IN_SYSTEM, end),
            mean_queued: self.levels.window_mean(QUEUED, end),
            events: self.events,
            core_utilisation: if capacity > 0.0 {
                (self.cpu.busy_core_s() / capacity).min(1.0)
            } else {
                0.0
            },
            cpu_work_s: self.cpu.work_done_s(),
            event_loop,
            threads,
            queue_series,
            trace: self.trace.finish(),
        }
    }
}
