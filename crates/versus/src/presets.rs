//! Presets: one per use case of the picker, derived from its workload profile by the rules below,
//! plus two classic shapes that are not tied to a use case.
//!
//! Rules for a use case (so every preset can be checked against its profile):
//! - CPU and I/O means come straight from the profile, and so does the rate, except that CPU-heavy
//!   profiles are capped at [`CPU_HEAVY_BUSY`] of one core (see below); the machine has 4 cores;
//! - long-lived connections (chat, streams, games): all CPU happens at connect time, the connection
//!   then stays open for exactly the profile's I/O time, and the run lasts twice that (10–120 s) so
//!   connections both open and close within it;
//! - request/response traffic: CPU split evenly around the I/O, both varying exponentially; the run
//!   lasts 10 s, shortened (to no less than 5 s) when it would exceed 10,000 requests;
//! - CPU-heavy profiles (CPU at least half of a request's time): both servers run one process, so
//!   the timeline shows one event loop blocking and one GIL serialising Python's threads. The rate
//!   is capped (rounded down) so that this one core is [`CPU_HEAVY_BUSY`] busy: loaded enough that
//!   requests wait several times their own CPU time, yet below 1, so the queue settles and p99
//!   describes the server rather than the run length (at 1 or more it grows for as long as the run
//!   lasts). Spreading the same traffic over 4 processes then cuts p99 sharply, which is the point
//!   of these presets;
//! - otherwise each side gets just enough processes (up to the cores) to keep each one under 70 %
//!   busy, so the preset is about waiting, not about an overloaded core;
//! - Python runs gunicorn's threaded worker with 8 threads per process, except for tiny handlers
//!   (1 ms of CPU or less, short-lived): that is what a hello-world benchmark measures, so those
//!   presets run Python on asyncio (FastAPI on uvicorn) and take Python's CPU cost factor from the
//!   published Node http vs FastAPI/uvicorn figures (141,993 vs 47,968 requests/s).

use super::settings::{PyMode, Settings, Shape};
use nvp_content::{Content, WorkloadProfile};
use nvp_sim::IoKind;

/// Cores of the machine every preset uses.
pub const PRESET_CORES: u32 = 4;
/// Highest busy share a preset lets one process reach when it provisions for the load.
pub const TARGET_BUSY: f64 = 0.7;
/// Highest busy share of the single core a CPU-heavy preset runs at (the M/M/1 mean wait there is
/// 4× the service time: clearly loaded, still stable).
pub const CPU_HEAVY_BUSY: f64 = 0.8;
/// Node http vs FastAPI/uvicorn requests per second in the hyper.dev letloop report.
pub const LETLOOP_NODE_RPS: f64 = 141_993.0;
pub const LETLOOP_FASTAPI_RPS: f64 = 47_968.0;
/// Content source id of that report.
pub const LETLOOP_SOURCE: &str = "hyper_letloop";

/// A named starting point.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// A use-case id, or `cpu_bound` / `io_api`.
    pub id: String,
    pub label: String,
    /// One sentence on what the preset sets up, computed from its settings.
    pub summary: String,
    pub settings: Settings,
    /// Whether it comes from a use case (grouped apart in the list).
    pub from_use_case: bool,
}

/// Python's CPU cost relative to Node for tiny handlers, from the letloop report.
pub fn letloop_factor() -> f64 {
    (LETLOOP_NODE_RPS / LETLOOP_FASTAPI_RPS * 100.0).round() / 100.0
}

/// Processes needed to keep each under [`TARGET_BUSY`] for `load` cores' worth of CPU.
fn processes_for(load: f64, cores: u32) -> u32 {
    ((load / TARGET_BUSY).ceil() as u32).clamp(1, cores)
}

/// The rate a CPU-heavy profile runs at: its own, or the rate that keeps one core at
/// [`CPU_HEAVY_BUSY`], whichever is lower, rounded down to a whole number (a tenth below 10/s).
pub fn cpu_heavy_rate(p: &WorkloadProfile) -> f64 {
    if p.cpu_ms <= 0.0 {
        return p.rate_per_s;
    }
    let cap = CPU_HEAVY_BUSY / (p.cpu_ms / 1e3);
    if p.rate_per_s <= cap {
        return p.rate_per_s;
    }
    // A hair of slack so a cap that is a whole number in exact arithmetic is not rounded below it.
    let cap = cap * (1.0 + 1e-9);
    if cap >= 10.0 {
        cap.floor()
    } else {
        (cap * 10.0).floor() / 10.0
    }
}

/// Whether CPU makes up at least half of a request's own time.
pub fn is_cpu_heavy(p: &WorkloadProfile) -> bool {
    p.cpu_share() >= 0.5
}

/// The settings a use case's workload profile maps to (see the module rules).
pub fn from_profile(p: &WorkloadProfile) -> Settings {
    let mut s = Settings {
        rate_per_s: p.rate_per_s,
        cpu_ms: p.cpu_ms,
        io_ms: p.io_ms,
        cores: PRESET_CORES,
        io_kind: IoKind::Network,
        ..Settings::default()
    };
    if p.long_lived {
        s.cpu_before_pct = 100.0;
        s.cpu_shape = Shape::Exponential;
        s.io_shape = Shape::Fixed;
        s.duration_s = (2.0 * p.io_ms / 1e3).clamp(10.0, 120.0);
    } else {
        s.cpu_before_pct = 50.0;
        s.cpu_shape = Shape::Exponential;
        s.io_shape = Shape::Exponential;
        s.duration_s = (10_000.0 / p.rate_per_s.max(1.0)).clamp(5.0, 10.0).round();
    }
    let tiny = !p.long_lived && p.cpu_ms <= 1.0;
    s.py_mode = if tiny {
        PyMode::Asyncio
    } else {
        PyMode::Threads
    };
    s.py_threads = 8;
    if tiny {
        s.cpu_factor = letloop_factor();
        s.cpu_factor_source = Some(LETLOOP_SOURCE.to_string());
    }
    let load = p.rate_per_s * p.cpu_ms / 1e3;
    if is_cpu_heavy(p) {
        s.rate_per_s = cpu_heavy_rate(p);
        s.node_processes = 1;
        s.py_processes = 1;
    } else {
        s.node_processes = processes_for(load, s.cores);
        s.py_processes = processes_for(load * s.cpu_factor, s.cores);
    }
    s.clamped().0
}

/// The two classic shapes.
fn classics() -> Vec<Preset> {
    let cpu = Settings {
        rate_per_s: 30.0,
        cpu_ms: 40.0,
        io_ms: 5.0,
        cores: PRESET_CORES,
        node_processes: 1,
        py_mode: PyMode::Processes,
        py_processes: PRESET_CORES,
        ..Settings::default()
    };
    vec![
        preset("io_api", "I/O-bound API", Settings::default(), false),
        preset("cpu_bound", "CPU-bound endpoint", cpu, false),
    ]
}

fn preset(id: &str, label: &str, settings: Settings, from_use_case: bool) -> Preset {
    Preset {
        id: id.to_string(),
        label: label.to_string(),
        summary: summary(&settings),
        settings,
        from_use_case,
    }
}

/// "200 requests/s, 2 ms CPU and 50 ms I/O each, on 4 cores. Node.js: 1 process; Python: 8
/// threads in 1 process, with the GIL."
pub fn summary(s: &Settings) -> String {
    use super::format::{count, ms, plural};
    let procs = |n: u32| plural(n.into(), "process", "processes");
    let threads = plural(s.py_threads.into(), "thread", "threads");
    let in_procs = if s.py_processes == 1 {
        format!("{threads} in 1 process")
    } else {
        format!("{threads} in each of {} processes", s.py_processes)
    };
    let py = match s.py_mode {
        PyMode::Threads if s.py_processes == 1 => format!("{in_procs}, with the GIL"),
        PyMode::Threads => format!("{in_procs}, one GIL per process"),
        PyMode::FreeThreaded => format!("{in_procs}, no GIL"),
        PyMode::Processes => plural(
            s.py_processes.into(),
            "sync worker process",
            "sync worker processes",
        ),
        PyMode::Asyncio => format!("asyncio in {}", procs(s.py_processes)),
    };
    let factor = if s.cpu_factor != 1.0 {
        format!(
            ", {}× Node's CPU per request",
            super::settings::plain(s.cpu_factor)
        )
    } else {
        String::new()
    };
    format!(
        "{} requests/s, {} CPU and {} I/O each, on {}. Node.js: {}; Python: {py}{factor}.",
        count(s.rate_per_s),
        ms(s.cpu_ms),
        ms(s.io_ms),
        plural(s.cores.into(), "core", "cores"),
        procs(s.node_processes),
    )
}

/// Every preset: the classics first, then one per use case in content order.
pub fn all(content: &Content) -> Vec<Preset> {
    let mut list = classics();
    for uc in &content.use_cases {
        list.push(preset(&uc.id, &uc.name, from_profile(&uc.workload), true));
    }
    list
}

/// The preset a use case maps to.
pub fn for_use_case(content: &Content, id: &str) -> Option<Preset> {
    all(content).into_iter().find(|p| p.id == id)
}

/// The preset whose settings equal `s`, ignoring the seed and the timeline window (neither changes
/// what is being compared); `None` once the visitor has changed something else.
pub fn matching<'a>(presets: &'a [Preset], s: &Settings) -> Option<&'a Preset> {
    let strip = |x: &Settings| Settings {
        seed: 0,
        window_start_s: 0.0,
        window_len_s: 0.0,
        ..x.clone()
    };
    let target = strip(s);
    presets.iter().find(|p| strip(&p.settings) == target)
}
