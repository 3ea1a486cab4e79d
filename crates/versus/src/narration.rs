//! Plain-language sentences computed from a run: what the timeline shows and how to read the
//! figures.
//!
//! Nothing here is canned: each sentence exists only when the trace or the figures show the thing
//! it describes, and every number in it is read from them. Sentences are short and carry one fact
//! each, because screen readers read them aloud as well. The timeline facts come from the first
//! replication's traced window.

use crate::analysis::{self, Snapshot};
use crate::format::{count, ms, pct, plural, secs};
use crate::plan::CLIENT_TIMEOUT_S;
use crate::run::{Figure, Pair, SideRun};
use crate::server::{Server, ServerKind, Side};
use crate::settings::Settings;

fn window(s: &Settings) -> (f64, f64) {
    (
        s.window_start_s * 1e3,
        (s.window_start_s + s.window_len_s) * 1e3,
    )
}

/// What a side's event loop is called in a sentence.
fn loop_name(server: &Server) -> String {
    let n = server.processes();
    let who = server.side().name();
    if n == 1 {
        format!("{who}'s event loop")
    } else {
        format!("one of {who}'s {n} event loops")
    }
}

/// "At 1.20 s Node.js's event loop spends 40 ms on one request; 37 requests wait behind it."
pub fn loop_block(s: &Settings, run: &SideRun) -> Option<String> {
    if !run.server.is_event_loop() {
        return None;
    }
    let (from, to) = window(s);
    let b = analysis::worst_loop_block(&run.first.trace, from, to)?;
    if b.waiting < 2 && b.length_ms < 20.0 {
        return None;
    }
    let verb = if b.waiting == 1 { "waits" } else { "wait" };
    Some(format!(
        "At {} {} spends {} on one request; {} {verb} behind it.",
        secs(b.start_ms / 1e3),
        loop_name(&run.server),
        ms(b.length_ms),
        plural(b.waiting.into(), "request", "requests"),
    ))
}

/// Every request slot of a threaded or sync-worker server blocked in I/O while requests queue.
pub fn slots_starved(s: &Settings, run: &SideRun) -> Option<String> {
    let slots = run.server.request_slots()?;
    let (from, to) = window(s);
    let st = analysis::all_threads_in_io(&run.first.trace, slots, from, to)?;
    let noun = run.server.slot_noun(slots.into());
    let who = run.server.side().name();
    let whose = if slots == 1 {
        format!("{who}'s only {noun} was")
    } else {
        format!("all {slots} of {who}'s {noun} were")
    };
    Some(format!(
        "At {} {whose} waiting on I/O, so {} queued. That lasted {} of the window.",
        secs(st.first_ms / 1e3),
        plural(st.queued_then.into(), "new request", "new requests"),
        pct(st.share)
    ))
}

/// The GIL making a process's threads take turns.
pub fn gil_turns(s: &Settings, run: &SideRun) -> Option<String> {
    if !run.server.has_gil_threads() {
        return None;
    }
    let (from, to) = window(s);
    let g = analysis::gil_contention(&run.first.trace, from, to)?;
    let per_request = run
        .first
        .threads()
        .map_or(0.0, |t| t.gil_wait_per_request_ms);
    let process = if run.server.processes() > 1 {
        format!(" in worker {}", g.process + 1)
    } else {
        String::new()
    };
    Some(format!(
        "At {} {} threads{process} had Python code to run, but the GIL runs one at a time. \
         A request waited {} for the GIL on average.",
        secs(g.at_ms / 1e3),
        g.wanting,
        ms(per_request),
    ))
}

/// Several requests computing at once on separate cores.
pub fn parallel(s: &Settings, run: &SideRun) -> Option<String> {
    let (from, to) = window(s);
    let (n, at) = analysis::parallel_cpu(&run.first.trace, from, to);
    if n < 2 {
        return None;
    }
    let how = match run.server.kind {
        ServerKind::Node { .. } => "one per process",
        ServerKind::FreeThreaded { .. } => "on threads with no GIL in the way",
        ServerKind::Sync { .. } => "one per worker process, each with its own GIL",
        ServerKind::Asyncio { .. } => "one per asyncio worker",
        ServerKind::Gthread { .. } => "one per worker process, or in native code",
    };
    Some(format!(
        "At {} {} ran {n} requests' CPU work at the same time, {how}.",
        secs(at / 1e3),
        run.side().name(),
    ))
}

/// libuv's pool (or asyncio's executor) as a bottleneck.
pub fn pool(run: &SideRun) -> Option<String> {
    let l = run.first.event_loop()?;
    if l.pool_waiting_max == 0 {
        return None;
    }
    let slots = match run.server.kind {
        ServerKind::Node { pool, .. } | ServerKind::Asyncio { executor: pool, .. } => pool,
        _ => return None,
    };
    let what = if matches!(run.server.kind, ServerKind::Node { .. }) {
        "libuv pool threads"
    } else {
        "executor threads"
    };
    Some(format!(
        "{}'s {slots} {what} were all busy at times: up to {} waited, {} on average.",
        run.side().name(),
        plural(l.pool_waiting_max, "call", "calls"),
        ms(l.pool_wait_mean_ms),
    ))
}

/// Requests not answered in time.
pub fn failures(run: &SideRun) -> Option<String> {
    let share = run.estimate(Figure::Failed).mean;
    if share <= 0.0 {
        return None;
    }
    let o = run.reps.iter().fold(nvp_sim::Outcomes::default(), |a, r| {
        let b = r.outcomes;
        nvp_sim::Outcomes {
            arrived: a.arrived + b.arrived,
            completed: a.completed + b.completed,
            timed_out: a.timed_out + b.timed_out,
            refused: a.refused + b.refused,
            unfinished: a.unfinished + b.unfinished,
        }
    });
    let mut parts = Vec::new();
    if o.timed_out > 0 {
        parts.push(format!("{} timed out", count(o.timed_out as f64)));
    }
    if o.refused > 0 {
        parts.push(format!("{} could not connect", count(o.refused as f64)));
    }
    if o.unfinished > 0 {
        parts.push(format!("{} were still waiting", count(o.unfinished as f64)));
    }
    Some(format!(
        "{} did not answer {} of requests in time ({}); clients give up after {} s.",
        run.side().name(),
        pct(share),
        parts.join(", "),
        CLIENT_TIMEOUT_S
    ))
}

/// Notes about how to read the figures.
pub fn caveats(s: &Settings, pair: &Pair) -> Vec<String> {
    let mut out = Vec::new();
    if s.traffic.long_lived {
        out.push(format!(
            "Latency here is the time to set up a connection; each then stays open for {}.",
            ms(s.traffic.io_ms)
        ));
    }
    for side in Side::BOTH {
        if pair.side(side).capped() {
            out.push(format!(
                "Some of {}'s runs were stopped early to keep the page responsive; its figures \
                 cover fewer requests.",
                side.name()
            ));
        }
    }
    out
}

/// Every observation for a run: timeline facts first, then failures and caveats.
pub fn observations(s: &Settings, pair: &Pair) -> Vec<String> {
    let mut out = Vec::new();
    for run in &pair.sides {
        out.extend(loop_block(s, run));
        out.extend(slots_starved(s, run));
        out.extend(gil_turns(s, run));
        out.extend(parallel(s, run));
        out.extend(pool(run));
    }
    for run in &pair.sides {
        out.extend(failures(run));
    }
    out.extend(caveats(s, pair));
    out
}

/// The playback readout for one side at an instant.
pub fn readout(server: &Server, n: &Snapshot) -> String {
    let mut parts = Vec::new();
    match server.request_slots() {
        None => parts.push(format!("{} running", count(n.running.into()))),
        Some(total) => {
            parts.push(format!(
                "{} of {} {} busy: {} running",
                n.threads_busy,
                total,
                server.slot_noun(total.into()),
                n.running
            ));
            if server.has_gil_threads() {
                parts.push(format!("{} waiting for the GIL", n.waiting_gil));
            }
        }
    }
    parts.push(format!("{} waiting for I/O", count(n.in_io.into())));
    parts.push(format!("{} queued", count(n.queued.into())));
    format!("{}: {}.", server.side().name(), parts.join(", "))
}
