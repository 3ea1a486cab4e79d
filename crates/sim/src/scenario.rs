//! The simulator's input: what the machine, the traffic and the server look like.
//!
//! These types are also the JSON the `simulate` CLI reads, so their serde shape is a contract: field names,
//! the `kind`/`dist` tags and the defaults below must not change without updating the CLI contract.
//! Unknown fields are rejected so that a typo ("rate_per_sec") is an error instead of a silent default.

use serde::{Deserialize, Serialize};

/// One complete simulation run: the machine, the traffic and the server model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Seeds the request stream; the same seed gives the same traffic to every model.
    pub seed: u64,
    /// Simulated seconds. Arrivals stop and the run ends here; unfinished requests count as in flight.
    pub duration_s: f64,
    /// Requests that arrive before this many seconds are left out of the statistics.
    #[serde(default)]
    pub warmup_s: f64,
    /// CPU cores of the machine. Runnable work beyond this shares the cores equally.
    pub cores: u32,
    pub workload: Workload,
    pub model: ServerModel,
    /// The client gives up on a request after this many seconds (counted from its first
    /// connection attempt); a later response counts as timed out. The server is not told, so it
    /// still does the work, as real servers do. `None`: clients wait for ever.
    #[serde(default)]
    pub client_timeout_s: Option<f64>,
    /// How often a client retries a connection the kernel dropped because the accept queue was
    /// full (Linux drops the SYN and the client retransmits after 1 s, then 2 s, 4 s, …; its
    /// default is 6 retries). 0: a dropped connection fails at once.
    #[serde(default)]
    pub syn_retries: u32,
    /// When true, arrivals go on after `duration_s` (unmeasured background traffic, as a load
    /// test keeps sending) and the run lasts until every request that arrived in the measured
    /// window has an outcome, or until `duration_s` plus the client time-out (plus `duration_s`
    /// without one). So no measured request is left unfinished by the end of the run.
    #[serde(default)]
    pub drain: bool,
}

/// The traffic: how requests arrive and what each one costs.
///
/// Every request is a CPU phase, then an I/O wait, then a CPU phase. A phase whose drawn duration is exactly
/// zero (only `deterministic` with mean 0 gives that) does not happen at all, so "no I/O" costs nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    pub arrival: Arrival,
    pub cpu_before_io_ms: Dist,
    #[serde(default = "Dist::zero")]
    pub io_ms: Dist,
    #[serde(default = "Dist::zero")]
    pub cpu_after_io_ms: Dist,
    #[serde(default)]
    pub io_kind: IoKind,
    /// The I/O of a request is this many waits of equal length (its drawn I/O time split evenly),
    /// and the after-I/O CPU is split evenly into a phase after each wait: a handler that makes
    /// several database calls. Each return needs the loop or the GIL again.
    #[serde(default = "defaults::one")]
    pub io_calls: u32,
    /// Share (0..=1) of every CPU phase that runs in native code which releases the GIL (NumPy,
    /// hashlib, zlib, most PyTorch kernels). Only the threads model with a GIL is affected: that
    /// part runs on a core without holding the GIL. An event loop still runs it on its one thread.
    #[serde(default)]
    pub native_share: f64,
}

/// How requests arrive.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Arrival {
    /// Exponential gaps between arrivals (a Poisson process), the usual model of many independent clients.
    Poisson { rate_per_s: f64 },
    /// Evenly spaced arrivals, first one at t = 0.
    Constant { rate_per_s: f64 },
}

impl Arrival {
    /// Mean arrivals per second, whatever the process.
    pub fn rate_per_s(&self) -> f64 {
        match *self {
            Arrival::Poisson { rate_per_s } | Arrival::Constant { rate_per_s } => rate_per_s,
        }
    }
}

/// A duration distribution in milliseconds, given by its mean (and coefficient of variation for lognormal).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "snake_case", deny_unknown_fields)]
pub enum Dist {
    Deterministic {
        mean: f64,
    },
    Exponential {
        mean: f64,
    },
    /// `cv` is standard deviation / mean; heavy tails come from large `cv`.
    Lognormal {
        mean: f64,
        cv: f64,
    },
}

impl Dist {
    /// A phase that never happens.
    pub fn zero() -> Dist {
        Dist::Deterministic { mean: 0.0 }
    }

    /// Mean in milliseconds.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Deterministic { mean }
            | Dist::Exponential { mean }
            | Dist::Lognormal { mean, .. } => mean,
        }
    }

    /// E[X²] in ms², which the Pollaczek–Khinchine formula needs.
    pub fn second_moment(&self) -> f64 {
        match *self {
            Dist::Deterministic { mean } => mean * mean,
            Dist::Exponential { mean } => 2.0 * mean * mean,
            Dist::Lognormal { mean, cv } => mean * mean * (1.0 + cv * cv),
        }
    }
}

/// What an I/O wait holds while it waits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IoKind {
    /// Socket I/O: nothing in the server is held (epoll). Unlimited concurrency.
    #[default]
    Network,
    /// Needs a slot in the process's worker pool, as Node's libuv pool does for fs, dns.lookup, crypto, zlib.
    /// The threads model has no separate pool: the request's own thread blocks either way.
    Threadpool,
}

/// The server architecture being simulated.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ServerModel {
    /// Node.js (or asyncio): single-threaded loops, one CPU phase at a time, never preempted.
    EventLoop {
        /// Loops, with arrivals dispatched round-robin as Node's cluster primary does.
        #[serde(default = "defaults::one")]
        processes: u32,
        /// libuv pool slots per process; libuv's default is 4.
        #[serde(default = "defaults::threadpool_size")]
        threadpool_size: u32,
        /// Requests per loop allowed to wait before being started; Node's listen backlog defaults to 511.
        #[serde(default = "defaults::node_backlog")]
        backlog: u32,
        /// Multiplies every CPU duration.
        #[serde(default = "defaults::cpu_scale")]
        cpu_scale: f64,
        /// The server's own CPU per request in ms (accept, parse, framework), added to the first
        /// CPU phase and not scaled by `cpu_scale`.
        #[serde(default)]
        overhead_ms: f64,
    },
    /// Python with gunicorn-style workers: a thread holds its request from start to finish.
    Threads {
        #[serde(default = "defaults::one")]
        processes: u32,
        #[serde(default = "defaults::one")]
        threads_per_process: u32,
        /// One GIL per process when true; free-threaded CPython (PEP 703) when false.
        #[serde(default = "defaults::yes")]
        gil: bool,
        /// CPython's `sys.getswitchinterval()`, 5 ms by default.
        #[serde(default = "defaults::switch_interval_ms")]
        switch_interval_ms: f64,
        /// Shared accept-queue limit; gunicorn's default backlog is 2048.
        #[serde(default = "defaults::gunicorn_backlog")]
        backlog: u32,
        /// Multiplies every CPU duration: the UI's "Python CPU cost relative to Node".
        #[serde(default = "defaults::cpu_scale")]
        cpu_scale: f64,
        /// The server's own CPU per request in ms (accept, parse, framework), added to the first
        /// CPU phase and not scaled by `cpu_scale`. It runs holding the GIL.
        #[serde(default)]
        overhead_ms: f64,
    },
}

impl ServerModel {
    /// The serde tag, also used in results and messages.
    pub fn kind(&self) -> &'static str {
        match self {
            ServerModel::EventLoop { .. } => "event_loop",
            ServerModel::Threads { .. } => "threads",
        }
    }

    /// The CPU multiplier of either model.
    pub fn cpu_scale(&self) -> f64 {
        match *self {
            ServerModel::EventLoop { cpu_scale, .. } | ServerModel::Threads { cpu_scale, .. } => {
                cpu_scale
            }
        }
    }

    /// The fixed CPU per request of either model, in ms.
    pub fn overhead_ms(&self) -> f64 {
        match *self {
            ServerModel::EventLoop { overhead_ms, .. }
            | ServerModel::Threads { overhead_ms, .. } => overhead_ms,
        }
    }
}

/// Serde defaults, named so the JSON contract's defaults are visible in one place.
pub mod defaults {
    pub fn one() -> u32 {
        1
    }
    pub fn yes() -> bool {
        true
    }
    /// libuv's `UV_THREADPOOL_SIZE` default.
    pub fn threadpool_size() -> u32 {
        4
    }
    /// Node's `server.listen()` backlog default.
    pub fn node_backlog() -> u32 {
        511
    }
    /// gunicorn's `--backlog` default.
    pub fn gunicorn_backlog() -> u32 {
        2048
    }
    /// CPython's default switch interval.
    pub fn switch_interval_ms() -> f64 {
        5.0
    }
    pub fn cpu_scale() -> f64 {
        1.0
    }
}

/// How a run is observed, as opposed to what is simulated. None of this changes the simulated behaviour,
/// except `max_requests`, which ends the run early.
#[derive(Clone, Debug, PartialEq)]
pub struct RunOptions {
    /// Record timeline spans that overlap this window (seconds). `None` records no trace at all.
    pub trace_window_s: Option<(f64, f64)>,
    /// At most this many spans are kept; later ones set `Trace::truncated`.
    pub trace_cap: usize,
    /// Number of time buckets in `SimResult::queue_series` (clamped to 1..=10 000).
    pub queue_buckets: usize,
    /// Number of steps in the latency CDF table (clamped to 1..=1 000); the table has one more point.
    pub latency_buckets: usize,
    /// Interactive cap: stop after this many arrivals and end the run at the next arrival's time.
    pub max_requests: Option<u64>,
    /// Interactive cap on processed events (GIL preemptions can multiply them); ends the run when reached.
    pub max_events: Option<u64>,
    /// Where a request's latency ends.
    pub latency_to: LatencyTo,
}

/// The moment that ends a request's measured latency (and that a client time-out applies to).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LatencyTo {
    /// The response: the last phase is done.
    #[default]
    Response,
    /// The end of the first CPU phase: for long-lived connections (WebSockets, streams), the
    /// moment the server has accepted and set up the connection; how long it then stays open is
    /// the client's business.
    FirstCpu,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            trace_window_s: None,
            trace_cap: 2_000,
            queue_buckets: 100,
            latency_buckets: 100,
            max_requests: None,
            max_events: None,
            latency_to: LatencyTo::Response,
        }
    }
}
