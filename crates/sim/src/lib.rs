//! Discrete-event simulation of an event-loop server (Node.js) and a threaded server (Python with
//! gunicorn-style workers, with or without the GIL) on a machine with a fixed number of cores.
//!
//! Pure Rust with no web dependencies, so it runs the same natively (tests, the `simulate` CLI, benches)
//! and in the browser. A run is deterministic for a scenario and seed: the request stream comes from an
//! explicit xoshiro256++ generator, never from a platform-dependent one. See `docs/simulation.md` for the
//! model, its validation against queueing theory, and its speed.

mod cpu;
mod event_loop;
mod gil;
mod heap;
mod kernel;
mod request;
mod result;
mod scenario;
mod stats;
mod threads;
mod timer;
mod trace;
mod validate;
mod workload;

pub use result::{
    LatencySummary, LoopStats, ModelStats, Outcomes, QuantilePoint, QueuePoint, SimResult,
    ThreadStats, fingerprint,
};
pub use scenario::{
    Arrival, Dist, IoKind, LatencyTo, RunOptions, Scenario, ServerModel, Workload, defaults,
};
pub use stats::{Histogram, QUANTILE_RELATIVE_ERROR, quantile_sorted, sort_durations};
pub use trace::{Lane, LaneKind, Span, SpanState, Trace};
pub use validate::{ScenarioError, validate};
pub use workload::{DrawnRequest, RequestStream};

/// Limits that `validate` enforces, for UIs that want to bound their controls the same way.
pub mod limits {
    pub use super::validate::{
        MAX_BACKLOG, MAX_CORES, MAX_CPU_SCALE, MAX_CV, MAX_DURATION_S, MAX_EXPECTED_ARRIVALS,
        MAX_EXPECTED_EVENTS, MAX_IO_CALLS, MAX_MEAN_MS, MAX_PROCESSES, MAX_RATE_PER_S,
        MAX_SWITCH_MS, MAX_SYN_RETRIES, MAX_THREADPOOL, MAX_TOTAL_THREADS, MIN_SWITCH_MS,
    };
}

/// Validates `scenario` and simulates it. Never panics on a scenario that passed validation; returns the
/// validation error otherwise.
pub fn run(scenario: &Scenario, options: &RunOptions) -> Result<SimResult, ScenarioError> {
    validate(scenario)?;
    if let Some((a, b)) = options.trace_window_s
        && !(a.is_finite() && b.is_finite() && a <= b)
    {
        return Err(ScenarioError::new(
            "options.trace_window_s",
            format!("must be finite with start <= end (got {a}..{b})"),
        ));
    }
    let io_kind = scenario.workload.io_kind;
    let result = match scenario.model {
        ServerModel::EventLoop {
            processes,
            threadpool_size,
            backlog,
            ..
        } => {
            let mut k = kernel::Kernel::new(scenario, options, processes as usize);
            let cfg = event_loop::Config {
                processes,
                threadpool_size,
                backlog,
                io_kind,
            };
            let stats = event_loop::simulate(&mut k, cfg);
            k.finish(ModelStats::EventLoop(stats))
        }
        ServerModel::Threads {
            processes,
            threads_per_process,
            gil,
            switch_interval_ms,
            backlog,
            ..
        } => {
            let total = processes as usize * threads_per_process as usize;
            let mut k = kernel::Kernel::new(scenario, options, total);
            let cfg = threads::Config {
                processes,
                threads_per_process,
                gil,
                switch_interval_s: switch_interval_ms / 1e3,
                backlog,
            };
            let stats = threads::simulate(&mut k, cfg);
            k.finish(ModelStats::Threads(stats))
        }
    };
    Ok(result)
}
