//! "What if" runs: when a result has an obvious remedy (a saturated single loop, a GIL that
//! serialises CPU-heavy threads, threads starved by I/O), the remedy is simulated on the same
//! traffic and offered as a one-click change, with the figures it would give. This is how a
//! preset shows, rather than claims, that processes or a free-threaded build restore parallelism.
//!
//! A remedy is offered only when the simulation shows it helps: its p99 or its drops must be at
//! least [`CLEAR_GAIN`] better, and the other figure no more than that much worse. A suggestion
//! that makes things worse, or changes them by less than the seed-to-seed wobble of a tail
//! percentile, would teach the wrong lesson.

use super::format::{count, ms, pct, plural};
use super::run::{Side, node_scenario, python_scenario, run_options};
use super::settings::{PyMode, Settings};
use nvp_sim::{self as sim, SimResult};

/// Suggestions are only simulated when the current run was this small (events, both sides), so
/// they never double the cost of a heavy run.
pub const MAX_EVENTS_FOR_WHAT_IF: u64 = 400_000;

/// Smallest relative improvement worth offering, and the most a remedy may worsen the other figure.
/// Twice the metrics table's tie margin, so an offered gain is never one the table calls a tie.
pub const CLEAR_GAIN: f64 = 0.10;

/// Busiest-loop or busiest-GIL utilisation from which a remedy is simulated at all (a cheap
/// filter; whether it helps is decided by the simulation and [`CLEAR_GAIN`]).
pub const BUSY_TO_TRY: f64 = 0.6;

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

/// p99 in milliseconds, or infinity when nothing finished (so finishing anything is an improvement).
fn p99_of(r: &SimResult) -> f64 {
    if r.latency_ms.count == 0 {
        f64::INFINITY
    } else {
        r.latency_ms.p99
    }
}

fn shown_p99(r: &SimResult) -> String {
    if r.latency_ms.count == 0 {
        "nothing finished".to_string()
    } else {
        ms(r.latency_ms.p99)
    }
}

/// Whether `alt` beats `now` by [`CLEAR_GAIN`] (lower is better).
fn clearly_lower(alt: f64, now: f64) -> bool {
    alt < now && (now.is_infinite() || alt <= now * (1.0 - CLEAR_GAIN))
}

/// Whether `alt` is no more than [`CLEAR_GAIN`] worse than `now` (lower is better).
fn not_worse(alt: f64, now: f64) -> bool {
    alt <= now || (alt.is_finite() && alt <= now * (1.0 + CLEAR_GAIN))
}

/// What the alternative gives, or `None` when it does not clearly help: the outcome names only
/// the figures that changed, so it never reads "X instead of X".
pub fn describe(side: Side, now: &SimResult, alt: &SimResult) -> Option<String> {
    let (p_now, p_alt) = (p99_of(now), p99_of(alt));
    let (d_now, d_alt) = (now.dropped as f64, alt.dropped as f64);
    // Drops within a request or two of each other are the same, whatever the ratio.
    let drops_lower = d_alt + 1.0 < d_now && clearly_lower(d_alt, d_now);
    let drops_ok = d_alt <= d_now + 1.0 || not_worse(d_alt, d_now);
    let p99_lower = clearly_lower(p_alt, p_now);
    let p99_ok = not_worse(p_alt, p_now);
    let who = side.name();
    let cores = pct(alt.core_utilisation);
    let drops = || format!("{} dropped instead of {}", count(d_alt), count(d_now));
    if p99_lower && drops_ok {
        let with = if drops_lower {
            format!(", with {}", drops())
        } else {
            String::new()
        };
        Some(format!(
            "{who}'s p99 would be {} instead of {}{with}, using {cores} of the cores.",
            shown_p99(alt),
            shown_p99(now)
        ))
    } else if drops_lower && p99_ok {
        let p99 = if p_alt.is_finite() {
            format!(", and its p99 would stay about {}", ms(p_alt))
        } else {
            String::new()
        };
        Some(format!(
            "{who} would drop {} instead of {}{p99}, using {cores} of the cores.",
            plural(alt.dropped, "request", "requests"),
            count(d_now)
        ))
    } else {
        None
    }
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
    if busiest_loop >= BUSY_TO_TRY && s.node_processes < s.cores {
        let mut alt = s.clone();
        alt.node_processes = s.cores;
        options.push((
            Side::Node,
            format!(
                "Try a Node.js cluster of {}",
                plural(s.cores.into(), "process", "processes")
            ),
            alt,
        ));
    }
    let gil_busy = python.threads.as_ref().map_or(0.0, |t| {
        t.gil_utilisation.iter().copied().fold(0.0, f64::max)
    });
    if s.py_mode == PyMode::Threads && gil_busy >= BUSY_TO_TRY && s.cores > 1 {
        let mut procs = s.clone();
        procs.py_mode = PyMode::Processes;
        procs.py_processes = s.cores.max(s.py_processes);
        options.push((
            Side::Python,
            format!(
                "Try {}",
                plural(
                    procs.py_processes.into(),
                    "sync worker process",
                    "sync worker processes"
                )
            ),
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
                outcome: describe(side, now, &alt)?,
                action,
                settings,
            })
        })
        .collect()
}
