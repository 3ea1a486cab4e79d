//! Plain-language sentences computed from a run: what the timeline shows, what the figures mean,
//! and a closing verdict that ties the result back to the comparison matrix.
//!
//! Nothing here is canned: each sentence exists only when the trace or the figures show the thing
//! it describes, and every number in it is read from them. Sentences are short and carry one fact
//! each, because they are read aloud by screen readers as well as on screen.

use super::analysis::{self, Snapshot};
use super::format::{count, ms, pct, secs};
use super::metrics::{Metric, Verdict};
use super::run::{Pair, Side};
use super::settings::{PyMode, Settings};
use crate::content::Content;
use crate::sim::{SimResult, defaults};

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n as f64), if n == 1 { one } else { many })
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

/// "From 0.85 s all 8 of Python's threads are waiting on I/O; new requests queue (12 at once)."
pub fn threads_starved(s: &Settings, r: &SimResult) -> Option<String> {
    if is_loop(Side::Python, s) {
        return None;
    }
    let threads = s.py_processes * s.py_threads_effective();
    let (from, to) = window(s);
    let st = analysis::all_threads_in_io(&r.trace, threads, from, to)?;
    let who = if threads == 1 {
        "Python's only worker is".to_string()
    } else {
        format!("Python's {threads} threads are all")
    };
    let when = if st.share >= 0.99 {
        "Throughout this window".to_string()
    } else {
        format!("At {}", secs(st.first_ms / 1e3))
    };
    Some(format!(
        "{when} {who} waiting on I/O; new requests queue ({} waiting at {}, and so for {} of the window).",
        count(st.queued_then.into()),
        secs(st.first_ms / 1e3),
        pct(st.share),
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

/// An event loop busy nearly all the time.
pub fn saturated_loop(side: Side, s: &Settings, r: &SimResult) -> Option<String> {
    let l = r.event_loop.as_ref()?;
    let busiest = l.utilisation.iter().copied().fold(0.0, f64::max);
    if busiest < 0.9 {
        return None;
    }
    let _ = s;
    Some(format!(
        "{}'s busiest event loop ran code {} of the time, so requests arrive about as fast as one \
         core can serve them and the queue keeps growing.",
        side.name(),
        pct(busiest),
    ))
}

/// The libuv pool as a bottleneck.
pub fn pool(s: &Settings, r: &SimResult) -> Option<String> {
    let l = r.event_loop.as_ref()?;
    if l.pool_waiting_max == 0 {
        return None;
    }
    Some(format!(
        "All {} libuv pool threads were busy at times: up to {} operations waited for one, {} on average.",
        s.node_pool,
        count(l.pool_waiting_max as f64),
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

/// The side that did better overall: fewer drops when drops differ, else lower p99, else higher
/// throughput; `None` when they are alike on all three.
pub fn overall(metrics: &[Metric]) -> Option<(Side, &'static str)> {
    for id in ["dropped", "p99", "throughput"] {
        if let Some(m) = metrics.iter().find(|m| m.id == id)
            && let Verdict::Better { side, .. } = m.verdict
        {
            return Some((side, id));
        }
    }
    None
}

/// The closing paragraph: who did better and why, in the terms of the matrix's rows.
pub fn verdict(s: &Settings, pair: &Pair, metrics: &[Metric], content: &Content) -> String {
    let cpu_heavy = s.cpu_share() >= 0.5;
    let dim_id = if cpu_heavy {
        "performance"
    } else {
        "architecture"
    };
    let dim = content.dimension(dim_id);
    let title = dim.map_or(dim_id, |d| d.title.as_str());
    let favours: Vec<&str> = dim
        .map(|d| {
            d.favours
                .iter()
                .filter_map(|id| content.stack(id).map(|st| st.name.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let leaning = if favours.is_empty() {
        "which says it depends on the work".to_string()
    } else {
        format!("which leans to {}", favours.join(" and "))
    };
    let p99 = |side: Side| {
        let r = pair.side(side);
        if r.latency_ms.count == 0 {
            "no finished requests".to_string()
        } else {
            format!("a p99 of {}", ms(r.latency_ms.p99))
        }
    };
    let lead = match overall(metrics) {
        Some((side, why)) => {
            let reason = match why {
                "dropped" => format!(
                    "it dropped {} against {}",
                    count(pair.side(side).dropped as f64),
                    count(pair.side(side.other()).dropped as f64)
                ),
                "p99" => format!("{} against {}", p99(side), p99(side.other())),
                _ => format!(
                    "it finished {} requests/s against {}",
                    count(pair.side(side).throughput_per_s),
                    count(pair.side(side.other()).throughput_per_s)
                ),
            };
            format!("{} comes out ahead on this traffic: {reason}.", side.name())
        }
        None => format!(
            "Neither side wins clearly on this traffic: {} on Node.js, {} on Python.",
            p99(Side::Node),
            p99(Side::Python)
        ),
    };
    let kind = if cpu_heavy { "CPU-heavy" } else { "I/O-bound" };
    let shape = format!(
        "Each request spends {} of its own time on the CPU, so this is {kind} work, the subject of the \
         matrix's “{title}” row, {leaning}.",
        pct(s.cpu_share())
    );
    let threads = s.py_processes * s.py_threads_effective();
    let winner = overall(metrics).map(|(side, _)| side);
    let loops = plural(s.node_processes.into(), "event loop", "event loops");
    let why = match (cpu_heavy, s.py_mode, winner) {
        (false, PyMode::Asyncio, _) => {
            "With asyncio Python waits the way Node does, so what remains is the \
             cost of running each request's code."
                .to_string()
        }
        (false, _, Some(Side::Node)) => format!(
            "An event loop keeps every waiting request going on one thread, while each of Python's {threads} \
             workers sits idle until its I/O returns; more threads, or asyncio, would narrow the gap."
        ),
        (false, _, _) => format!(
            "Python's {threads} workers are enough for this load: they overlap their I/O waits, so the event \
             loop's edge only shows once the traffic needs more workers than there are."
        ),
        (true, PyMode::Threads, _) => format!(
            "A single event loop and a single GIL both run one computation at a time, so Python's threads \
             only take turns; worker processes or the free-threaded build would spread the work over the {} cores.",
            s.cores
        ),
        (true, _, _) => format!(
            "Python computes in {threads} parallel workers here, while Node.js's {loops} each run one \
             computation at a time; a Node cluster would parallelise the same way."
        ),
    };
    let fairness = if s.cpu_factor == 1.0 {
        "Both sides are charged the same CPU per request, so the difference comes from the concurrency model alone."
            .to_string()
    } else {
        format!(
            "Python is charged {}× Node's CPU per request, so the result mixes the concurrency model with interpreter speed.",
            super::settings::plain(s.cpu_factor)
        )
    };
    format!("{lead} {shape} {why} {fairness}")
}

/// The sentence announced once per run in the status region: the figure that decided the run.
pub fn status(pair: &Pair, metrics: &[Metric]) -> String {
    let n = plural(pair.node.arrived, "request", "requests");
    let find = |id: &str| metrics.iter().find(|m| m.id == id);
    let decisive = match overall(metrics) {
        Some((_, "dropped")) => find("dropped"),
        Some((_, "throughput")) => find("throughput"),
        _ => find("p99"),
    };
    let Some(m) = decisive else {
        return format!("Simulated {n} through both servers.");
    };
    let unit = if m.id == "throughput" {
        " requests/s"
    } else {
        ""
    };
    let what = if m.id == "dropped" { "dropped" } else { m.id };
    let mut text = format!(
        "Simulated {n} through both servers: {what} {}{unit} on Node.js and {}{unit} on Python",
        m.shown(Side::Node),
        m.shown(Side::Python)
    );
    if !m.difference.is_empty() {
        text.push_str(&format!(" ({})", m.difference));
    }
    text.push('.');
    text
}

/// The playback readout for one side at an instant.
pub fn readout(side: Side, s: &Settings, n: &Snapshot) -> String {
    let mut parts = Vec::new();
    if is_loop(side, s) {
        parts.push(format!("{} running", count(n.running.into())));
    } else {
        let total = s.py_processes * s.py_threads_effective();
        parts.push(format!(
            "{} of {} threads busy: {} running",
            n.threads_busy, total, n.running
        ));
        if s.py_mode == PyMode::Threads {
            parts.push(format!("{} waiting for the GIL", n.waiting_gil));
        }
    }
    parts.push(format!("{} waiting for I/O", count(n.in_io.into())));
    parts.push(format!("{} queued", count(n.queued.into())));
    format!("{}: {}.", side.name(), parts.join(", "))
}
