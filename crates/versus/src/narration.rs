//! Plain-language sentences computed from a run: what the timeline shows, what the figures mean,
//! and a closing verdict that ties the result back to the comparison matrix.
//!
//! Nothing here is canned: each sentence exists only when the trace or the figures show the thing
//! it describes, and every number in it is read from them. Sentences are short and carry one fact
//! each, because they are read aloud by screen readers as well as on screen.

use super::analysis::{self, Snapshot};
use super::capacity;
use super::format::{count, ms, pct, plural, secs};
use super::run::{Pair, Side};
use super::settings::{PyMode, Settings};
use nvp_sim::{SimResult, defaults};

pub use super::verdict::{overall, status, verdict};

/// What one of Python's request slots is called: a thread, or in sync-worker mode a process.
pub fn py_worker_noun(s: &Settings, n: u64) -> &'static str {
    match (s.py_mode, n == 1) {
        (PyMode::Processes, true) => "worker process",
        (PyMode::Processes, false) => "worker processes",
        (_, true) => "thread",
        (_, false) => "threads",
    }
}

/// What a side's server is called in a sentence.
pub fn server_name(side: Side, s: &Settings) -> String {
    match side {
        Side::Node if s.node_processes == 1 => "Node.js's event loop".to_string(),
        Side::Node => format!("one of Node.js's {} event loops", s.node_processes),
        Side::Python if s.py_processes == 1 => "Python's asyncio loop".to_string(),
        Side::Python => format!("one of Python's {} asyncio loops", s.py_processes),
    }
}

/// Whether a side runs as event loops.
pub fn is_loop(side: Side, s: &Settings) -> bool {
    side == Side::Node || s.py_mode == PyMode::Asyncio
}

fn window(s: &Settings) -> (f64, f64) {
    (
        s.window_start_s * 1e3,
        (s.window_start_s + s.window_len_s) * 1e3,
    )
}

/// "At 1.20 s Node.js's event loop spends 40 ms on one request; 37 requests wait behind it."
pub fn loop_block(side: Side, s: &Settings, r: &SimResult) -> Option<String> {
    let (from, to) = window(s);
    let b = analysis::worst_loop_block(&r.trace, from, to)?;
    if b.waiting < 2 && b.length_ms < 20.0 {
        return None;
    }
    let verb = if b.waiting == 1 { "waits" } else { "wait" };
    Some(format!(
        "At {} {} spends {} on one request; {} {verb} behind it.",
        secs(b.start_ms / 1e3),
        server_name(side, s),
        ms(b.length_ms),
        plural(b.waiting.into(), "request", "requests"),
    ))
}

/// "At 0.80 s Python's 8 threads are all waiting on I/O, so new requests queue. …": every
/// request slot blocked in I/O while requests wait to be accepted (said in workers' terms in
/// sync-worker mode, where each slot is a process).
pub fn threads_starved(s: &Settings, r: &SimResult) -> Option<String> {
    if is_loop(Side::Python, s) {
        return None;
    }
    let threads = s.py_processes * s.py_threads_effective();
    let (from, to) = window(s);
    let st = analysis::all_threads_in_io(&r.trace, threads, from, to)?;
    let noun = py_worker_noun(s, threads.into());
    let who = if threads == 1 {
        format!("Python's only {noun} is")
    } else {
        format!("Python's {threads} {noun} are all")
    };
    let at = secs(st.first_ms / 1e3);
    let (when, lasted) = if st.share >= 0.99 {
        ("Throughout this window".to_string(), String::new())
    } else {
        (
            format!("At {at}"),
            format!(
                ", and {} in I/O with requests queued for {} of the window",
                if threads == 1 { "it was" } else { "all were" },
                pct(st.share)
            ),
        )
    };
    let queued = u64::from(st.queued_then);
    let was = if queued == 1 { "was" } else { "were" };
    Some(format!(
        "{when} {who} waiting on I/O, so new requests queue: {} {was} queued at {at}{lasted}.",
        plural(queued, "request", "requests"),
    ))
}

/// The GIL making Python's threads take turns.
pub fn gil_turns(s: &Settings, r: &SimResult) -> Option<String> {
    if s.py_mode != PyMode::Threads {
        return None;
    }
    let (from, to) = window(s);
    let g = analysis::gil_contention(&r.trace, from, to)?;
    let per_request = r
        .threads
        .as_ref()
        .map_or(0.0, |t| t.gil_wait_per_request_ms);
    let process = if s.py_processes > 1 {
        format!(" in worker {}", g.process + 1)
    } else {
        String::new()
    };
    Some(format!(
        "At {} {} of Python's threads{process} have work for the CPU, but the GIL runs one at a time; \
         a request waits {} for it on average.",
        secs(g.at_ms / 1e3),
        g.wanting,
        ms(per_request),
    ))
}

/// Several requests computing at once on separate cores.
pub fn parallel(side: Side, s: &Settings, r: &SimResult) -> Option<String> {
    let (from, to) = window(s);
    let (n, at) = analysis::parallel_cpu(&r.trace, from, to);
    if n < 2 {
        return None;
    }
    let how = match (side, s.py_mode) {
        (Side::Node, _) => "one per cluster process",
        (Side::Python, PyMode::FreeThreaded) => "on threads with no GIL in the way",
        (Side::Python, PyMode::Processes) => "one per worker process, each with its own GIL",
        (Side::Python, PyMode::Asyncio) => "one per asyncio process",
        (Side::Python, PyMode::Threads) => "one per worker process",
    };
    Some(format!(
        "At {} {} runs {n} requests' CPU work at the same time, {how}.",
        secs(at / 1e3),
        side.name(),
    ))
}

/// Requests turned away at a full backlog.
pub fn drops(side: Side, s: &Settings, r: &SimResult) -> Option<String> {
    if r.dropped == 0 || r.arrived == 0 {
        return None;
    }
    let backlog = if is_loop(side, s) {
        let per = if side == Side::Node {
            defaults::node_backlog()
        } else {
            super::run::UVICORN_BACKLOG
        };
        format!("its listen backlog ({} per process)", count(per.into()))
    } else {
        format!(
            "its accept queue ({} by gunicorn's default)",
            count(defaults::gunicorn_backlog().into())
        )
    };
    Some(format!(
        "{} turned away {} ({} of arrivals) because {backlog} was full.",
        side.name(),
        plural(r.dropped, "request", "requests"),
        pct(r.dropped as f64 / r.arrived as f64),
    ))
}

/// An event loop busy nearly all the time. Whether its queue keeps growing is decided by the
/// offered load (see [`capacity`]), not by the measured utilisation, which reads near 100 % both
/// just below capacity (a long but steady queue) and above it (a queue that never settles).
pub fn saturated_loop(side: Side, s: &Settings, r: &SimResult) -> Option<String> {
    let l = r.event_loop.as_ref()?;
    let busiest = l.utilisation.iter().copied().fold(0.0, f64::max);
    if busiest < 0.9 {
        return None;
    }
    let load = capacity::offered_load(side, s);
    let loops = if capacity::parallelism(side, s) == 1 {
        "its event loop"
    } else {
        "its event loops"
    };
    let head = format!(
        "{}'s busiest event loop ran code {} of the time",
        side.name(),
        pct(busiest)
    );
    Some(if load >= 1.0 {
        format!(
            "{head}: the traffic asks for {} what {loops} can compute, so the queue grows for \
             as long as the run lasts and a longer run would show a higher p99.",
            capacity::share(load)
        )
    } else {
        format!(
            "{head}. The traffic asks for {} what {loops} can compute, so the queue settles, but \
             it is long and variable: a single server's mean wait grows like ρ/(1 − ρ), so at {} \
             load it is about {} times what it would be at 50%.",
            capacity::share(load),
            pct(load),
            count((load / (1.0 - load)).round())
        )
    })
}

/// The libuv pool as a bottleneck.
pub fn pool(s: &Settings, r: &SimResult) -> Option<String> {
    let l = r.event_loop.as_ref()?;
    if l.pool_waiting_max == 0 {
        return None;
    }
    let all = if s.node_pool == 1 {
        "The only libuv pool thread was".to_string()
    } else {
        format!("All {} libuv pool threads were", s.node_pool)
    };
    let waited = if l.pool_waiting_max == 1 {
        "waited"
    } else {
        "waited for one"
    };
    Some(format!(
        "{all} busy at times: up to {} {waited}, {} on average.",
        plural(l.pool_waiting_max, "operation", "operations"),
        ms(l.pool_wait_mean_ms),
    ))
}

/// Notes about how to read the figures for this run.
pub fn caveats(s: &Settings, pair: &Pair) -> Vec<String> {
    let mut out = Vec::new();
    if s.io_ms >= 1_000.0 {
        out.push(format!(
            "Latency here is mostly how long a connection stays open ({}), not how slow the server is.",
            ms(s.io_ms)
        ));
    }
    for side in Side::BOTH {
        let r = pair.side(side);
        if r.capped {
            out.push(format!(
                "{}'s run was stopped at {} to keep the page responsive.",
                side.name(),
                secs(r.end_s)
            ));
        }
        if super::metrics::survivors_only(r) && r.in_flight_at_end > 0 {
            out.push(format!(
                "{} still had {} unfinished at the end; its latency figures cover only the requests that finished.",
                side.name(),
                plural(r.in_flight_at_end, "request", "requests"),
            ));
        }
    }
    out
}

/// Every observation sentence for a run, timeline facts first.
pub fn observations(s: &Settings, pair: &Pair) -> Vec<String> {
    let mut out = Vec::new();
    for side in Side::BOTH {
        let r = pair.side(side);
        if is_loop(side, s) {
            out.extend(loop_block(side, s, r));
            out.extend(saturated_loop(side, s, r));
        }
    }
    out.extend(threads_starved(s, &pair.python));
    out.extend(gil_turns(s, &pair.python));
    for side in Side::BOTH {
        out.extend(parallel(side, s, pair.side(side)));
    }
    out.extend(pool(s, &pair.node));
    for side in Side::BOTH {
        out.extend(drops(side, s, pair.side(side)));
    }
    out.extend(caveats(s, pair));
    out
}

/// The playback readout for one side at an instant.
pub fn readout(side: Side, s: &Settings, n: &Snapshot) -> String {
    let mut parts = Vec::new();
    if is_loop(side, s) {
        parts.push(format!("{} running", count(n.running.into())));
    } else {
        let total = s.py_processes * s.py_threads_effective();
        parts.push(format!(
            "{} of {} {} busy: {} running",
            n.threads_busy,
            total,
            py_worker_noun(s, total.into()),
            n.running
        ));
        if s.py_mode == PyMode::Threads {
            parts.push(format!("{} waiting for the GIL", n.waiting_gil));
        }
    }
    parts.push(format!("{} waiting for I/O", count(n.in_io.into())));
    parts.push(format!("{} queued", count(n.queued.into())));
    format!("{}: {}.", side.name(), parts.join(", "))
}
