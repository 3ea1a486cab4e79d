//! What a run reports. Serialised as the `simulate` CLI's output, so field names are part of the contract.

use super::trace::Trace;
use serde::{Deserialize, Serialize};

/// Latency of requests that arrived after warm-up and completed, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LatencySummary {
    /// How many latencies these figures summarise.
    pub count: u64,
    pub mean: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// One point of the latency CDF: a fraction `p` of requests took at most `ms`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuantilePoint {
    pub p: f64,
    pub ms: f64,
}

/// Time-averaged levels over one time bucket of the run (warm-up included).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuePoint {
    /// Start of the bucket, seconds.
    pub t_s: f64,
    /// Requests waiting to be started (in the backlog).
    pub queued: f64,
    /// Requests accepted and not finished.
    pub in_system: f64,
    /// Threads holding a request (threads model) or loops running CPU (event loop).
    pub busy: f64,
    /// Requests waiting on I/O.
    pub in_io: f64,
}

/// Event-loop figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoopStats {
    /// Fraction of the window each loop spent running CPU phases.
    pub utilisation: Vec<f64>,
    /// Loop lag: wait of a CPU phase from ready (queued on its loop) to running.
    pub lag_mean_ms: f64,
    pub lag_p99_ms: f64,
    pub lag_max_ms: f64,
    /// Mean wait for a worker-pool slot, over threadpool I/O operations (0 for network I/O).
    pub pool_wait_mean_ms: f64,
    /// Most requests waiting for a pool slot at once, over all processes.
    pub pool_waiting_max: u64,
}

/// Threads-model figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreadStats {
    pub total_threads: u64,
    /// Time-averaged and highest number of threads holding a request.
    pub busy_mean: f64,
    pub busy_max: u64,
    /// Time-averaged number of threads blocked in I/O.
    pub in_io_mean: f64,
    /// Fraction of the window each process's GIL was held (empty without a GIL).
    pub gil_utilisation: Vec<f64>,
    /// Mean wait per GIL acquisition, and per measured request (sum of its waits).
    pub gil_wait_mean_ms: f64,
    pub gil_wait_p99_ms: f64,
    pub gil_wait_per_request_ms: f64,
    /// Thread-seconds spent waiting for a GIL during the window.
    pub gil_wait_total_s: f64,
    /// Times a holder was forced to drop the GIL after its switch interval.
    pub preemptions: u64,
}

/// The figures only one model has: exactly one of them per run, so the type says which.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ModelStats {
    EventLoop(LoopStats),
    Threads(ThreadStats),
}

impl Default for ModelStats {
    fn default() -> Self {
        ModelStats::EventLoop(LoopStats::default())
    }
}

impl ModelStats {
    /// The model's serde tag: `event_loop` or `threads` (the CLI's `model` field).
    pub fn kind(&self) -> &'static str {
        match self {
            ModelStats::EventLoop(_) => "event_loop",
            ModelStats::Threads(_) => "threads",
        }
    }
}

/// What became of the requests that arrived in the measured window (after warm-up, and before
/// `duration_s` when the run drains). `arrived = completed + timed_out + refused + unfinished`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcomes {
    pub arrived: u64,
    /// Answered within the client's time-out (all answered requests when there is none).
    pub completed: u64,
    /// Answered after the client had given up, or still waiting when it gave up.
    pub timed_out: u64,
    /// Every connection attempt dropped by a full accept queue.
    pub refused: u64,
    /// Neither answered nor given up on when the run ended.
    pub unfinished: u64,
}

impl Outcomes {
    /// Requests that did not get a timely answer.
    pub fn failed(&self) -> u64 {
        self.timed_out + self.refused + self.unfinished
    }

    /// Share of measured arrivals that did not get a timely answer (0 when none arrived).
    pub fn failed_share(&self) -> f64 {
        if self.arrived == 0 {
            0.0
        } else {
            self.failed() as f64 / self.arrived as f64
        }
    }
}

/// Everything one run reports. `Default` is an empty run (useful for hand-built test results).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SimResult {
    /// Counts over the whole run: `arrived = completed + dropped + in_flight_at_end`.
    pub arrived: u64,
    pub completed: u64,
    /// Connections refused for good (every attempt found the accept queue full).
    pub dropped: u64,
    /// Requests accepted and not finished, plus connections waiting to retry, at the end.
    pub in_flight_at_end: u64,
    /// The requests of the measured window, by outcome.
    pub outcomes: Outcomes,
    /// True when `RunOptions::max_requests`/`max_events` ended the run before `duration_s`.
    pub capped: bool,
    /// Simulated time at which the run ended (`duration_s` unless capped or draining).
    pub end_s: f64,
    /// Length of the measured window, `end_s - warmup_s` (up to `duration_s` when draining).
    pub window_s: f64,
    /// Completions per second during the window.
    pub throughput_per_s: f64,
    /// Accepted arrivals per second during the window (λ in Little's law).
    pub accepted_rate_per_s: f64,
    /// Latency of the measured requests answered in time. Quantiles come from a log-bucketed
    /// histogram (within 0.2 % of exact); the count, mean and maximum are exact.
    pub latency_ms: LatencySummary,
    /// Latency CDF of the same requests: `latency_buckets + 1` points from p = 0 (minimum) to
    /// p = 1 (maximum). Scale `p` by `outcomes.completed / outcomes.arrived` for a curve over all
    /// measured requests that levels off where the failures begin.
    pub latency_cdf: Vec<QuantilePoint>,
    /// Time-averaged requests in the system during the window (L in Little's law).
    pub mean_in_system: f64,
    /// Time-averaged requests waiting to be started during the window.
    pub mean_queued: f64,
    /// Discrete events processed.
    pub events: u64,
    /// Fraction of all cores' time used during the window.
    pub core_utilisation: f64,
    /// CPU seconds of work completed during the whole run (never more than cores × end_s).
    pub cpu_work_s: f64,
    /// The model's own figures.
    pub stats: ModelStats,
    pub queue_series: Vec<QueuePoint>,
    pub trace: Trace,
}

impl SimResult {
    /// The event-loop figures, when this was an event-loop run.
    pub fn event_loop(&self) -> Option<&LoopStats> {
        match &self.stats {
            ModelStats::EventLoop(l) => Some(l),
            ModelStats::Threads(_) => None,
        }
    }

    /// The threads-model figures, when this was a threads run.
    pub fn threads(&self) -> Option<&ThreadStats> {
        match &self.stats {
            ModelStats::Threads(t) => Some(t),
            ModelStats::EventLoop(_) => None,
        }
    }
}

/// FNV-1a over the result's counts and the exact bits of its key figures. Equal on one target for equal
/// runs; across targets, compare figures with a tolerance instead (float maths may differ in last bits).
pub fn fingerprint(r: &SimResult) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |x: u64| {
        for b in x.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for n in [
        r.arrived,
        r.completed,
        r.dropped,
        r.in_flight_at_end,
        r.events,
        r.latency_ms.count,
    ] {
        eat(n);
    }
    let l = &r.latency_ms;
    for x in [
        l.mean,
        l.p50,
        l.p95,
        l.p99,
        l.max,
        r.mean_in_system,
        r.core_utilisation,
        r.end_s,
    ] {
        eat(x.to_bits());
    }
    for q in &r.queue_series {
        eat(q.in_system.to_bits());
    }
    eat(r.trace.spans.len() as u64);
    for s in &r.trace.spans {
        eat(s.request);
        eat(s.start_ms.to_bits());
    }
    h
}
