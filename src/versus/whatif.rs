//! "What if" runs: when a result has an obvious remedy (a saturated single loop, a GIL that
//! serialises CPU-heavy threads, threads starved by I/O), the remedy is simulated on the same
//! traffic and offered as a one-click change, with the figures it would give. This is how a
//! preset shows, rather than claims, that processes or a free-threaded build restore parallelism.

use super::format::{count, ms, pct};
use super::run::{Side, node_scenario, python_scenario, run_options};
use super::settings::{PyMode, Settings};
use crate::sim::{self, SimResult};

/// Suggestions are only simulated when the current run was this small (events, both sides), so
/// they never double the cost of a heavy run.
pub const MAX_EVENTS_FOR_WHAT_IF: u64 = 400_000;

/// One alternative and what it would give.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    pub side: Side,
    /// The button's text: "Try 4 sync worker processes".
    pub action: String,
    /// The figures it gives: "Python's p99 would be 203 ms instead of 3.20 s, using 34% of the cores."
    pub outcome: String,
    pub settings: Settings,
}

fn rerun(side: Side, s: &Settings) -> Option<SimResult> {
    let scenario = match side {
        Side::Node => node_scenario(s),
        Side::Python => python_scenario(s),
    };
    let mut o = run_options(s);
    o.trace_window_s = None;
    sim::run(&scenario, &o).ok()
}

fn describe(side: Side, now: &SimResult, alt: &SimResult) -> String {
    let p99 = |r: &SimResult| {
        if r.latency_ms.count == 0 {
            "nothing finished".to_string()
        } else {
            ms(r.latency_ms.p99)
        }
    };
    let drops = if now.dropped > 0 || alt.dropped > 0 {
        format!(
            ", with {} dropped instead of {}",
            count(alt.dropped as f64),
            count(now.dropped as f64)
        )
    } else {
        String::new()
    };
    format!(
        "{}'s p99 would be {} instead of {}{drops}, using {} of the cores.",
        side.name(),
        p99(alt),
        p99(now),
        pct(alt.core_utilisation)
    )
}

/// The remedies worth offering for this run, each already simulated.
pub fn suggest(s: &Settings, node: &SimResult, python: &SimResult) -> Vec<WhatIf> {
    if node.events + python.events > MAX_EVENTS_FOR_WHAT_IF {
        return Vec::new();
    }
    let mut options: Vec<(Side, String, Settings)> = Vec::new();
    let busiest_loop = node
        .event_loop
        .as_ref()
        .map_or(0.0, |l| l.utilisation.iter().copied().fold(0.0, f64::max));
    if busiest_loop >= 0.85 && s.node_processes < s.cores {
        let mut alt = s.clone();
        alt.node_processes = s.cores;
        options.push((
            Side::Node,
            format!("Try a Node.js cluster of {} processes", s.cores),
            alt,
        ));
    }
    let gil_busy = python.threads.as_ref().map_or(0.0, |t| {
        t.gil_utilisation.iter().copied().fold(0.0, f64::max)
    });
    if s.py_mode == PyMode::Threads && gil_busy >= 0.6 && s.cores > 1 {
        let mut procs = s.clone();
        procs.py_mode = PyMode::Processes;
        procs.py_processes = s.cores.max(s.py_processes);
        options.push((
            Side::Python,
            format!("Try {} sync worker processes", procs.py_processes),
            procs,
        ));
        let mut nogil = s.clone();
        nogil.py_mode = PyMode::FreeThreaded;
        options.push((
            Side::Python,
            "Try free-threaded Python (no GIL)".to_string(),
            nogil,
        ));
    } else if !matches!(s.py_mode, PyMode::Asyncio)
        && python.threads.as_ref().is_some_and(|t| {
            t.in_io_mean >= 0.8 * t.total_threads as f64 && python.mean_queued >= 1.0
        })
    {
        let mut aio = s.clone();
        aio.py_mode = PyMode::Asyncio;
        options.push((Side::Python, "Try Python on asyncio".to_string(), aio));
    }
    options
        .into_iter()
        .filter_map(|(side, action, settings)| {
            let alt = rerun(side, &settings)?;
            let now = if side == Side::Node { node } else { python };
            Some(WhatIf {
                side,
                outcome: describe(side, now, &alt),
                action,
                settings,
            })
        })
        .collect()
}
