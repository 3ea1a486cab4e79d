//! Rejects scenarios the simulator cannot run sensibly, before any work is done.
//!
//! Every message names the offending field by its JSON path, because the same text reaches a CLI user
//! (stderr) and a UI control; "must be > 0" alone would not say which slider is wrong. The size limits
//! exist so that one call can never freeze a page or exhaust memory: the expected number of events is
//! estimated up front from the rates and means.

use super::scenario::{Dist, Scenario, ServerModel};
use std::fmt;

/// Most arrivals one run may expect (rate × duration): a bound on time, since latencies go into a
/// fixed-size histogram and memory does not grow with the count.
pub const MAX_EXPECTED_ARRIVALS: f64 = 20_000_000.0;
/// Most events one run may expect, counting GIL preemptions.
pub const MAX_EXPECTED_EVENTS: f64 = 100_000_000.0;
/// Highest accepted arrival rate per second.
pub const MAX_RATE_PER_S: f64 = 1_000_000.0;
/// Longest accepted mean duration of one phase: one hour.
pub const MAX_MEAN_MS: f64 = 3_600_000.0;
/// Largest accepted lognormal coefficient of variation.
pub const MAX_CV: f64 = 20.0;
/// Longest accepted simulated duration: 30 days.
pub const MAX_DURATION_S: f64 = 30.0 * 86_400.0;
pub const MAX_CORES: u32 = 1_024;
pub const MAX_PROCESSES: u32 = 1_024;
/// libuv's own maximum for `UV_THREADPOOL_SIZE`.
pub const MAX_THREADPOOL: u32 = 1_024;
pub const MAX_TOTAL_THREADS: u64 = 100_000;
pub const MAX_BACKLOG: u32 = 1_000_000;
/// Shortest GIL switch interval: 1 µs.
pub const MIN_SWITCH_MS: f64 = 0.001;
pub const MAX_SWITCH_MS: f64 = 1_000.0;
pub const MAX_CPU_SCALE: f64 = 1_000.0;
/// Most I/O waits one request may make.
pub const MAX_IO_CALLS: u32 = 64;
/// Most connection retries a client may make (Linux's `tcp_syn_retries` allows up to 127, but
/// after 10 doublings a retry waits over 17 minutes).
pub const MAX_SYN_RETRIES: u32 = 10;

/// A scenario field that is out of range, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// JSON path of the field, e.g. `workload.arrival.rate_per_s`.
    pub field: String,
    /// What is wrong, including the value found.
    pub message: String,
}

impl ScenarioError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// `lo < x <= hi` (or `lo <= x` when `allow_lo`), finite.
fn check_range(field: &str, x: f64, lo: f64, allow_lo: bool, hi: f64) -> Result<(), ScenarioError> {
    let ok = x.is_finite() && (x > lo || (allow_lo && x == lo)) && x <= hi;
    if ok {
        return Ok(());
    }
    let op = if allow_lo { ">=" } else { ">" };
    Err(ScenarioError::new(
        field,
        format!("must be a finite number {op} {lo} and <= {hi} (got {x})"),
    ))
}

fn check_int(field: &str, x: u64, lo: u64, hi: u64) -> Result<(), ScenarioError> {
    if (lo..=hi).contains(&x) {
        Ok(())
    } else {
        Err(ScenarioError::new(
            field,
            format!("must be an integer from {lo} to {hi} (got {x})"),
        ))
    }
}

fn check_dist(field: &str, d: &Dist) -> Result<(), ScenarioError> {
    check_range(&format!("{field}.mean"), d.mean(), 0.0, true, MAX_MEAN_MS)?;
    if let Dist::Lognormal { cv, .. } = *d {
        check_range(&format!("{field}.cv"), cv, 0.0, true, MAX_CV)?;
    }
    Ok(())
}

/// Checks every field and the estimated size of the run. Never panics, whatever the input.
pub fn validate(s: &Scenario) -> Result<(), ScenarioError> {
    check_range("duration_s", s.duration_s, 0.0, false, MAX_DURATION_S)?;
    check_range("warmup_s", s.warmup_s, 0.0, true, MAX_DURATION_S)?;
    if s.warmup_s >= s.duration_s {
        return Err(ScenarioError::new(
            "warmup_s",
            format!(
                "must be less than duration_s ({}) (got {})",
                s.duration_s, s.warmup_s
            ),
        ));
    }
    check_int("cores", s.cores.into(), 1, MAX_CORES.into())?;
    let w = &s.workload;
    let rate = w.arrival.rate_per_s();
    if !(rate.is_finite() && rate > 0.0) {
        return Err(ScenarioError::new(
            "workload.arrival.rate_per_s",
            format!("must be a finite number > 0 (got {rate})"),
        ));
    }
    check_range(
        "workload.arrival.rate_per_s",
        rate,
        0.0,
        false,
        MAX_RATE_PER_S,
    )?;
    check_dist("workload.cpu_before_io_ms", &w.cpu_before_io_ms)?;
    check_dist("workload.io_ms", &w.io_ms)?;
    check_dist("workload.cpu_after_io_ms", &w.cpu_after_io_ms)?;
    check_int(
        "workload.io_calls",
        w.io_calls.into(),
        1,
        MAX_IO_CALLS.into(),
    )?;
    check_range("workload.native_share", w.native_share, 0.0, true, 1.0)?;
    if let Some(t) = s.client_timeout_s {
        check_range("client_timeout_s", t, 0.0, false, MAX_DURATION_S)?;
    }
    check_int(
        "syn_retries",
        s.syn_retries.into(),
        0,
        MAX_SYN_RETRIES.into(),
    )?;
    check_range(
        "model.overhead_ms",
        s.model.overhead_ms(),
        0.0,
        true,
        MAX_MEAN_MS,
    )?;

    let scale = s.model.cpu_scale();
    check_range("model.cpu_scale", scale, 0.0, false, MAX_CPU_SCALE)?;
    // Events per request: arrival, CPU ends, I/O ends, plus queue hand-offs; GIL slices add more.
    let mut events_per_request = 3.0 + 2.0 * f64::from(w.io_calls);
    match s.model {
        ServerModel::EventLoop {
            processes,
            threadpool_size,
            backlog,
            ..
        } => {
            check_int("model.processes", processes.into(), 1, MAX_PROCESSES.into())?;
            check_int(
                "model.threadpool_size",
                threadpool_size.into(),
                1,
                MAX_THREADPOOL.into(),
            )?;
            check_int("model.backlog", backlog.into(), 0, MAX_BACKLOG.into())?;
        }
        ServerModel::Threads {
            processes,
            threads_per_process,
            gil,
            switch_interval_ms,
            backlog,
            ..
        } => {
            check_int("model.processes", processes.into(), 1, MAX_PROCESSES.into())?;
            check_int(
                "model.threads_per_process",
                threads_per_process.into(),
                1,
                MAX_TOTAL_THREADS,
            )?;
            let total = u64::from(processes) * u64::from(threads_per_process);
            if total > MAX_TOTAL_THREADS {
                return Err(ScenarioError::new(
                    "model.threads_per_process",
                    format!(
                        "processes × threads_per_process must be <= {MAX_TOTAL_THREADS} (got {total})"
                    ),
                ));
            }
            check_range(
                "model.switch_interval_ms",
                switch_interval_ms,
                MIN_SWITCH_MS,
                true,
                MAX_SWITCH_MS,
            )?;
            check_int("model.backlog", backlog.into(), 0, MAX_BACKLOG.into())?;
            if gil {
                // Under contention a CPU phase is cut into slices of one switch interval.
                let cpu_ms = (w.cpu_before_io_ms.mean() + w.cpu_after_io_ms.mean()) * scale;
                events_per_request += 2.0 * cpu_ms / switch_interval_ms;
            }
        }
    }
    // A draining run goes on past `duration_s` for up to the client's time-out (or `duration_s`).
    let simulated = if s.drain {
        s.duration_s + s.client_timeout_s.unwrap_or(s.duration_s)
    } else {
        s.duration_s
    };
    let arrivals = rate * simulated;
    if arrivals > MAX_EXPECTED_ARRIVALS {
        return Err(ScenarioError::new(
            "duration_s",
            format!(
                "too long to simulate: about {arrivals:.0} arrivals expected (limit {MAX_EXPECTED_ARRIVALS:.0}); \
                 shorten the run or lower the rate"
            ),
        ));
    }
    let events = arrivals * events_per_request;
    if events > MAX_EXPECTED_EVENTS {
        return Err(ScenarioError::new(
            "duration_s",
            format!(
                "too long to simulate: about {events:.0} events expected (limit {MAX_EXPECTED_EVENTS:.0}); \
                 shorten the run, lower the rate or raise model.switch_interval_ms"
            ),
        ));
    }
    Ok(())
}
