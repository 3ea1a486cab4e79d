//! Offered load: how much of a server's CPU capacity the traffic asks for, computed from the
//! settings rather than measured, so it says whether a queue can settle at all.
//!
//! A server that can run `c` computations at once, fed `λ` requests per second that each need `S`
//! seconds of CPU on average, has offered load `ρ = λ·S / c`. Below 1 the queue has a steady state
//! (long and variable near 1: in an M/G/1 queue the mean wait grows like ρ/(1 − ρ)); at 1 or above
//! it has none, and the queue and the latency grow for as long as the run lasts, until the backlog
//! fills. Measured utilisation cannot tell these apart (it reads close to 100 % in both), which is
//! why the narration asks this module instead.
//!
//! Parallelism `c` is what each model can actually use: one computation per event loop, one per
//! GIL (so one per process in the threaded and sync-worker modes), one per thread without a GIL,
//! and never more than the cores.

use super::run::Side;
use super::settings::{PyMode, Settings};

/// Computations a side can run at the same time on this machine.
pub fn parallelism(side: Side, s: &Settings) -> u32 {
    let slots = match (side, s.py_mode) {
        (Side::Node, _) => s.node_processes,
        (Side::Python, PyMode::FreeThreaded) => s.py_processes.saturating_mul(s.py_threads),
        // One loop, one GIL or one single-threaded worker per process.
        (Side::Python, _) => s.py_processes,
    };
    slots.min(s.cores).max(1)
}

/// Mean CPU seconds one request costs a side (Python's cost factor applied).
fn cpu_s(side: Side, s: &Settings) -> f64 {
    match side {
        Side::Node => s.cpu_ms / 1e3,
        Side::Python => s.py_cpu_ms() / 1e3,
    }
}

/// Offered load ρ = λ × mean CPU per request ÷ parallelism; 1 or more means no steady state.
pub fn offered_load(side: Side, s: &Settings) -> f64 {
    s.rate_per_s * cpu_s(side, s) / f64::from(parallelism(side, s))
}

/// Whether a side's queue grows without bound (until the backlog fills) on this traffic.
pub fn overloaded(side: Side, s: &Settings) -> bool {
    offered_load(side, s) >= 1.0
}

/// Offered load if the side used every core, the best any process or thread count can do.
pub fn load_on_all_cores(side: Side, s: &Settings) -> f64 {
    s.rate_per_s * cpu_s(side, s) / f64::from(s.cores.max(1))
}

/// An offered load in words, to follow "asks for": "80% of", "120% of", "800 times".
pub fn share(load: f64) -> String {
    if load >= 10.0 {
        format!("{} times", super::format::count(load.round()))
    } else {
        format!("{} of", super::format::pct(load))
    }
}
