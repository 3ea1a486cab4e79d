//! Turning one set of [`Settings`] into the two engine scenarios, and running them.
//!
//! Both scenarios share the seed, the workload and the machine, so the engine draws the very same
//! requests for both sides; only the server model (and Python's CPU cost factor) differs. That is
//! what makes "Node.js p99 is 4× lower" a statement about the servers rather than about luck.

use super::settings::{HEAVY_TAIL_CV, PyMode, Settings, Shape};
use nvp_sim::{
    self as sim, Arrival, Dist, IoKind, RunOptions, Scenario, ScenarioError, ServerModel,
    SimResult, Workload, defaults,
};

/// Interactive caps: a run stops after this many arrivals, or this many events, whichever is first,
/// so no combination of controls can freeze the page. Runs that hit a cap say so.
pub const MAX_REQUESTS: u64 = 150_000;
pub const MAX_EVENTS: u64 = 3_000_000;
/// Most timeline spans kept per side. The view bins them into pixels, so this bounds memory only.
pub const TRACE_CAP: usize = 40_000;
/// Points in the latency CDF and buckets in the queue series.
pub const CDF_STEPS: usize = 200;
pub const QUEUE_BUCKETS: usize = 120;

/// uvicorn's `--backlog` default, used for Python's asyncio mode.
pub const UVICORN_BACKLOG: u32 = 2048;

/// asyncio's default executor size for blocking calls, `min(32, cores + 4)` (Python's
/// `concurrent.futures.ThreadPoolExecutor` default since 3.8).
pub fn asyncio_executor_threads(cores: u32) -> u32 {
    (cores + 4).min(32)
}

fn dist(shape: Shape, mean: f64) -> Dist {
    if mean <= 0.0 {
        return Dist::zero();
    }
    match shape {
        Shape::Fixed => Dist::Deterministic { mean },
        Shape::Exponential => Dist::Exponential { mean },
        Shape::HeavyTail => Dist::Lognormal {
            mean,
            cv: HEAVY_TAIL_CV,
        },
    }
}

/// The traffic both sides receive.
pub fn workload(s: &Settings) -> Workload {
    let before = s.cpu_ms * s.cpu_before_pct / 100.0;
    let after = s.cpu_ms - before;
    Workload {
        arrival: Arrival::Poisson {
            rate_per_s: s.rate_per_s,
        },
        cpu_before_io_ms: dist(s.cpu_shape, before),
        io_ms: dist(s.io_shape, s.io_ms),
        cpu_after_io_ms: dist(s.cpu_shape, after.max(0.0)),
        io_kind: s.io_kind,
    }
}

fn scenario(s: &Settings, model: ServerModel) -> Scenario {
    Scenario {
        seed: u64::from(s.seed),
        duration_s: s.duration_s,
        warmup_s: 0.0,
        cores: s.cores,
        workload: workload(s),
        model,
    }
}

/// Node.js: a cluster of event loops with Node's own defaults for the backlog.
pub fn node_scenario(s: &Settings) -> Scenario {
    scenario(
        s,
        ServerModel::EventLoop {
            processes: s.node_processes,
            threadpool_size: s.node_pool,
            backlog: defaults::node_backlog(),
            cpu_scale: 1.0,
        },
    )
}

/// Python in the chosen mode, with its CPU cost factor.
pub fn python_scenario(s: &Settings) -> Scenario {
    let model = match s.py_mode {
        PyMode::Asyncio => ServerModel::EventLoop {
            processes: s.py_processes,
            threadpool_size: asyncio_executor_threads(s.cores),
            backlog: UVICORN_BACKLOG,
            cpu_scale: s.cpu_factor,
        },
        mode => ServerModel::Threads {
            processes: s.py_processes,
            threads_per_process: s.py_threads_effective(),
            gil: mode != PyMode::FreeThreaded,
            switch_interval_ms: s.switch_ms,
            backlog: defaults::gunicorn_backlog(),
            cpu_scale: s.cpu_factor,
        },
    };
    scenario(s, model)
}

/// How both runs are observed: the timeline window, and the interactive caps.
pub fn run_options(s: &Settings) -> RunOptions {
    RunOptions {
        trace_window_s: Some((s.window_start_s, s.window_start_s + s.window_len_s)),
        trace_cap: TRACE_CAP,
        queue_buckets: QUEUE_BUCKETS,
        latency_buckets: CDF_STEPS,
        max_requests: Some(MAX_REQUESTS),
        max_events: Some(MAX_EVENTS),
    }
}

/// The two results of one experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub node: SimResult,
    pub python: SimResult,
}

impl Pair {
    pub fn side(&self, side: Side) -> &SimResult {
        match side {
            Side::Node => &self.node,
            Side::Python => &self.python,
        }
    }
}

/// One of the two servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Node,
    Python,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Node, Side::Python];

    pub fn name(self) -> &'static str {
        match self {
            Side::Node => "Node.js",
            Side::Python => "Python",
        }
    }

    /// Short id for classes, ids and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Side::Node => "node",
            Side::Python => "python",
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Node => Side::Python,
            Side::Python => Side::Node,
        }
    }
}

/// Runs both sides. An error names the engine field that was out of range (the controls' ranges
/// keep that from happening, but a run must never panic on it).
pub fn run_pair(s: &Settings) -> Result<Pair, ScenarioError> {
    let options = run_options(s);
    let node = sim::run(&node_scenario(s), &options)?;
    let python = sim::run(&python_scenario(s), &options)?;
    Ok(Pair { node, python })
}

/// Whether the I/O holds a libuv pool slot on the Node side (and an executor thread under asyncio).
pub fn uses_pool(s: &Settings) -> bool {
    s.io_kind == IoKind::Threadpool && s.io_ms > 0.0
}
