//! The discrete-event core shared by both server models: the clock, the event choice, request slots,
//! the client's side (retries after a dropped connection, time-outs, the measured window) and the
//! accounting every model needs (counts, latencies, levels, trace spans).
//!
//! Events are small `Copy` values; the next arrival is generated lazily and never sits in a heap, CPU
//! completions come from the processor-sharing `Cpu`, and only timed events (I/O completions, GIL
//! deadlines, connection retries) go in the timer heap. Request state lives in a slab whose slots are
//! reused, and latencies go into fixed-size histograms, so memory follows the number of requests in
//! flight, not the number simulated.

use super::cpu::Cpu;
use super::heap::{MinHeap, key_time, time_key};
use super::request::{Req, Step};
use super::result::{LatencySummary, ModelStats, Outcomes, QuantilePoint, QueuePoint, SimResult};
use super::scenario::{LatencyTo, RunOptions, Scenario};
use super::stats::{BUSY, Histogram, IN_IO, IN_SYSTEM, Levels, QUEUED};
use super::timer::Event;
use super::trace::{SpanState, TraceRecorder};
use super::workload::RequestStream;

/// What happens next.
pub(crate) enum Next {
    /// A connection attempt arrived (a new request or a retry), already in this request slot so
    /// it is written once and never moved; the model must `accept` or `refuse` it.
    Arrival(u32),
    /// The CPU work of this owner finished.
    Cpu(u32),
    /// A model's timed event (never a retry: the kernel turns those into arrivals).
    Timer(Event),
    End,
}

/// Seconds before a client's first SYN retransmission; each later one waits twice as long
/// (Linux's initial retransmission time-out is 1 s, doubled per attempt).
const FIRST_SYN_RETRY_S: f64 = 1.0;

pub(crate) struct Kernel {
    pub now: f64,
    /// When the run stops at the latest.
    pub end: f64,
    pub warmup: f64,
    /// Arrivals before this are measured (the scenario's `duration_s`).
    measure_until: f64,
    draining: bool,
    client_timeout: Option<f64>,
    syn_retries: u32,
    stream: RequestStream,
    arrivals_open: bool,
    max_requests: Option<u64>,
    max_events: u64,
    cpu_scale: f64,
    overhead_s: f64,
    io_calls: u32,
    native_share: f64,
    latency_to: LatencyTo,
    /// Timed events keyed by (time, scheduling order): equal times fire in the order scheduled.
    timers: MinHeap<Event>,
    seq: u64,
    pub cpu: Cpu,
    pub levels: Levels,
    pub trace: TraceRecorder,
    reqs: Vec<Req>,
    free: Vec<u32>,
    retrying: Vec<Req>,
    retry_free: Vec<u32>,
    latencies: Histogram,
    /// Model-specific waits (loop lag or GIL wait), seconds, for phases that became ready after warm-up.
    pub waits: Histogram,
    pub arrived: u64,
    pub completed: u64,
    pub dropped: u64,
    pub events: u64,
    outcomes: Outcomes,
    /// Measured requests without an outcome yet.
    measured_open: u64,
    capped: bool,
    latency_buckets: usize,
    window_accepted: u64,
    window_completed: u64,
    measured_waited_s: f64,
}

impl Kernel {
    pub fn new(s: &Scenario, o: &RunOptions, cpu_owners: usize) -> Self {
        let stream = RequestStream::new(s.seed, &s.workload);
        let end = if s.drain {
            s.duration_s + s.client_timeout_s.unwrap_or(s.duration_s)
        } else {
            s.duration_s
        };
        let mut k = Kernel {
            now: 0.0,
            end,
            warmup: s.warmup_s,
            measure_until: s.duration_s,
            draining: s.drain,
            client_timeout: s.client_timeout_s,
            syn_retries: s.syn_retries,
            stream,
            arrivals_open: true,
            max_requests: o.max_requests,
            max_events: o.max_events.unwrap_or(u64::MAX),
            cpu_scale: s.model.cpu_scale(),
            overhead_s: s.model.overhead_ms() / 1e3,
            io_calls: s.workload.io_calls,
            native_share: s.workload.native_share,
            latency_to: o.latency_to,
            timers: MinHeap::with_capacity(64),
            seq: 0,
            cpu: Cpu::new(s.cores, cpu_owners, s.warmup_s),
            levels: Levels::new(s.duration_s, s.warmup_s, o.queue_buckets),
            trace: TraceRecorder::new(o.trace_window_s, o.trace_cap),
            reqs: Vec::with_capacity(1024),
            free: Vec::with_capacity(1024),
            retrying: Vec::new(),
            retry_free: Vec::new(),
            latencies: Histogram::new(),
            waits: Histogram::new(),
            arrived: 0,
            completed: 0,
            dropped: 0,
            events: 0,
            outcomes: Outcomes::default(),
            measured_open: 0,
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
            self.measure_until = self.measure_until.min(next);
            self.capped = true;
        }
    }

    pub fn schedule(&mut self, t: f64, event: Event) {
        self.seq += 1;
        self.timers.push(time_key(t, self.seq), event);
    }

    /// Picks the earliest event (CPU completion, then timer, then arrival on ties) and moves the clock.
    #[inline(always)]
    pub fn next(&mut self) -> Next {
        if self.draining && self.measured_open == 0 && self.now >= self.measure_until {
            // Every measured request has its outcome: the background traffic can stop.
            self.end = self.now;
            return Next::End;
        }
        let tc = self.cpu.next_time();
        let tt = self.timers.peek().map_or(f64::INFINITY, |x| key_time(x.0));
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
            1 => match self.timers.pop().expect("peeked timer").1 {
                Event::Retry(i) => {
                    self.retry_free.push(i);
                    let r = self.retrying[i as usize];
                    Next::Arrival(self.store(r))
                }
                event => Next::Timer(event),
            },
            _ => Next::Arrival(self.take_arrival()),
        }
    }

    /// Puts a request in a free slot (reusing the most recently freed one) and returns the slot.
    #[inline(always)]
    fn store(&mut self, r: Req) -> u32 {
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

    #[inline(always)]
    fn advance(&mut self, t: f64) {
        self.cpu.advance(t);
        self.levels.advance(t);
        self.now = t;
    }

    /// Draws the next request straight into a slot and returns the slot.
    #[inline(always)]
    fn take_arrival(&mut self) -> u32 {
        let d = self.stream.pop();
        self.arrived += 1;
        if self.max_requests.is_some_and(|m| self.arrived >= m) {
            self.close_arrivals();
        }
        let measured = d.arrival_s >= self.warmup && d.arrival_s < self.measure_until;
        if measured {
            self.outcomes.arrived += 1;
            self.measured_open += 1;
        }
        let mut r = Req::new(&d, self.cpu_scale, self.overhead_s, self.io_calls);
        r.measured = measured;
        self.store(r)
    }

    /// A connection attempt found the accept queue full: the kernel drops it and the client
    /// retries after 1 s, 2 s, 4 s, … while it has retries and time left; otherwise it fails.
    pub fn refuse(&mut self, slot: u32) {
        // The attempt holds no slot: give it back at once (the next arrival reuses it first).
        self.free.push(slot);
        let mut r = self.reqs[slot as usize];
        self.reqs[slot as usize].live = false;
        let delay = FIRST_SYN_RETRY_S * f64::from(1u32 << r.attempts.min(20));
        let retry_at = self.now + delay;
        let patient = self
            .client_timeout
            .is_none_or(|limit| retry_at - r.arrival <= limit);
        if r.attempts < self.syn_retries && patient {
            r.attempts += 1;
            let i = match self.retry_free.pop() {
                Some(i) => {
                    self.retrying[i as usize] = r;
                    i
                }
                None => {
                    self.retrying.push(r);
                    (self.retrying.len() - 1) as u32
                }
            };
            self.schedule(retry_at, Event::Retry(i));
            return;
        }
        self.dropped += 1;
        if r.measured {
            self.outcomes.refused += 1;
            self.measured_open -= 1;
        }
    }

    /// Takes the arrival in `slot` into the system, owned by `owner` and starting on `lane` in `state`.
    #[inline(always)]
    pub fn accept(&mut self, slot: u32, owner: u32, lane: u32, state: SpanState) {
        let now = self.now;
        let r = &mut self.reqs[slot as usize];
        r.owner = owner;
        r.lane = lane;
        r.state = state;
        r.since = now;
        let counted = r.arrival >= self.warmup;
        self.levels.add(IN_SYSTEM, 1.0);
        if counted {
            self.window_accepted += 1;
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

    /// The request's next step. When the first CPU phase just ended and latency is measured to
    /// there (long-lived connections), the request is answered now.
    #[inline(always)]
    pub fn next_step(&mut self, slot: u32) -> Step {
        let share = self.native_share;
        let (first_done, step) = self.reqs[slot as usize].next_step(share);
        if first_done && self.latency_to == LatencyTo::FirstCpu {
            self.answer(slot);
        }
        step
    }

    /// Ends the request's current span and starts a new one on `lane` in `state`.
    #[inline(always)]
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
    #[inline(always)]
    pub fn record_wait(&mut self, slot: u32) {
        let r = &mut self.reqs[slot as usize];
        let w = self.now - r.since;
        r.waited += w;
        if r.since >= self.warmup {
            self.waits.record(w);
        }
    }

    /// Mean total wait (loop or GIL) of the measured requests answered in time so far, seconds.
    pub fn measured_wait_per_request(&self) -> f64 {
        if self.latencies.count() == 0 {
            0.0
        } else {
            self.measured_waited_s / self.latencies.count() as f64
        }
    }

    /// Takes the request's latency now, once, and classifies it against the client's time-out.
    #[inline(always)]
    fn answer(&mut self, slot: u32) {
        let now = self.now;
        let r = &mut self.reqs[slot as usize];
        if r.answered {
            return;
        }
        r.answered = true;
        if !r.measured {
            return;
        }
        self.measured_open -= 1;
        let latency = now - r.arrival;
        if self.client_timeout.is_some_and(|limit| latency > limit) {
            self.outcomes.timed_out += 1;
        } else {
            self.outcomes.completed += 1;
            self.latencies.record(latency);
            self.measured_waited_s += r.waited;
        }
    }

    /// The request is finished: answers it if it was not yet, and frees its slot.
    #[inline(always)]
    pub fn complete(&mut self, slot: u32) {
        self.answer(slot);
        let now = self.now;
        let r = &mut self.reqs[slot as usize];
        if self.trace.enabled() {
            self.trace.span(r.lane, r.id, r.since, now, r.state);
        }
        r.live = false;
        if now >= self.warmup && now <= self.measure_until {
            self.window_completed += 1;
        }
        self.completed += 1;
        self.levels.add(IN_SYSTEM, -1.0);
        self.free.push(slot);
    }

    /// What became of measured requests that have no outcome at the end: a client that has
    /// waited longer than its time-out has given up; the rest are unfinished.
    fn settle_open(&mut self, end: f64) {
        let pending_retries = self
            .timers
            .iter()
            .filter_map(|t| match t.1 {
                Event::Retry(i) => Some(self.retrying[i as usize]),
                _ => None,
            })
            .collect::<Vec<_>>();
        let open = self
            .reqs
            .iter()
            .filter(|r| r.live && !r.answered)
            .copied()
            .chain(pending_retries);
        for r in open.filter(|r| r.measured) {
            if self
                .client_timeout
                .is_some_and(|limit| end - r.arrival > limit)
            {
                self.outcomes.timed_out += 1;
            } else {
                self.outcomes.unfinished += 1;
            }
        }
    }

    /// Builds the result. Closes the spans of requests still in flight at `end`.
    pub fn finish(mut self, stats: ModelStats) -> SimResult {
        let end = self.end;
        if self.trace.enabled() {
            for r in self.reqs.iter().filter(|r| r.live) {
                self.trace.span(r.lane, r.id, r.since, end, r.state);
            }
        }
        self.settle_open(end);
        let retrying = self
            .timers
            .iter()
            .filter(|t| matches!(t.1, Event::Retry(_)))
            .count() as u64;
        // Counted from the slots still held, not derived from the other counts, so the invariant
        // arrived = completed + dropped + in flight is a real check on the bookkeeping.
        let in_flight = (self.reqs.len() - self.free.len()) as u64 + retrying;
        let window = self.measure_until.min(end) - self.warmup;
        let per_s = |n: u64| if window > 0.0 { n as f64 / window } else { 0.0 };
        let lat = &self.latencies;
        let n = self.latency_buckets;
        let mut ps: Vec<f64> = (0..=n).map(|i| i as f64 / n as f64).collect();
        ps.extend([0.50, 0.95, 0.99]);
        let (cdf_ps, key_ps) = ps.split_at(n + 1);
        let mut sorted_key = key_ps.to_vec();
        sorted_key.sort_by(f64::total_cmp);
        let key = lat.quantiles(&sorted_key);
        let cdf = lat.quantiles(cdf_ps);
        let latency_ms = LatencySummary {
            count: lat.count(),
            mean: lat.mean() * 1e3,
            p50: key[0] * 1e3,
            p95: key[1] * 1e3,
            p99: key[2] * 1e3,
            max: lat.max() * 1e3,
        };
        let latency_cdf = if lat.count() == 0 {
            Vec::new()
        } else {
            cdf_ps
                .iter()
                .zip(&cdf)
                .map(|(&p, &v)| QuantilePoint { p, ms: v * 1e3 })
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
        let span = end - self.warmup;
        let capacity = self.cpu.cores() * span;
        SimResult {
            arrived: self.arrived,
            completed: self.completed,
            dropped: self.dropped,
            in_flight_at_end: in_flight,
            outcomes: self.outcomes,
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
            stats,
            queue_series,
            trace: self.trace.finish(),
        }
    }
}
