//! The closing verdict and the one-line status: who did better on this traffic and why, in the
//! terms of the comparison matrix's rows.
//!
//! A winner is named only when at least one server reaches a steady state. When the traffic asks
//! both for more CPU than they can run at once (offered load of 1 or more, see
//! [`super::capacity`]), both queues grow for as long as the run lasts, so whichever p99 is lower
//! says more about the run length than about the server; the verdict then says that neither copes
//! and what would add capacity, instead of crowning the one that fell behind more slowly.

use super::capacity::{self, load_on_all_cores, offered_load, parallelism};
use super::format::{count, ms, pct, plural};
use super::metrics::{Metric, Verdict};
use super::run::{Pair, Side};
use super::settings::{PyMode, Settings};
use nvp_content::Content;

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

fn p99(pair: &Pair, side: Side) -> String {
    let r = pair.side(side);
    if r.latency_ms.count == 0 {
        "no finished requests".to_string()
    } else {
        format!("a p99 of {}", ms(r.latency_ms.p99))
    }
}

/// The opening sentence: the winner and the figure that decided it, or why there is none.
fn lead(s: &Settings, pair: &Pair, metrics: &[Metric]) -> String {
    if Side::BOTH.iter().all(|side| capacity::overloaded(*side, s)) {
        return format!(
            "Neither server copes with this traffic: it asks for {} the CPU Node.js can use at \
             once and {} Python's, so both queues grow for as long as the run lasts (until the \
             backlog fills and requests are turned away). Their latency is set by the run length, \
             not by the server: {} on Node.js, {} on Python.",
            capacity::share(offered_load(Side::Node, s)),
            capacity::share(offered_load(Side::Python, s)),
            p99(pair, Side::Node),
            p99(pair, Side::Python),
        );
    }
    match overall(metrics) {
        Some((side, why)) => {
            let reason = match why {
                "dropped" => format!(
                    "it dropped {} against {}",
                    count(pair.side(side).dropped as f64),
                    count(pair.side(side.other()).dropped as f64)
                ),
                "p99" => format!("{} against {}", p99(pair, side), p99(pair, side.other())),
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
            p99(pair, Side::Node),
            p99(pair, Side::Python)
        ),
    }
}

/// How many computations each side runs at once, for CPU-heavy work.
fn cpu_parallelism(s: &Settings) -> String {
    let a = parallelism(Side::Node, s);
    let node = if s.node_processes == 1 {
        "Node.js's single event loop runs one computation at a time".to_string()
    } else {
        format!(
            "Node.js's {} run {} at once",
            plural(s.node_processes.into(), "event loop", "event loops"),
            plural(a.into(), "computation", "computations")
        )
    };
    let b = parallelism(Side::Python, s);
    let procs = s.py_processes;
    let python = match s.py_mode {
        PyMode::Threads if procs == 1 => format!(
            "Python's {} take turns at one GIL in {} ms slices, so they too compute one at a time",
            plural(s.py_threads.into(), "thread", "threads"),
            super::settings::plain(s.switch_ms)
        ),
        PyMode::Threads => format!(
            "Python's {} processes have one GIL each, so {} run at once",
            procs,
            plural(b.into(), "computation", "computations")
        ),
        PyMode::Processes if procs == 1 => {
            "Python's single worker process computes one request at a time".to_string()
        }
        PyMode::Processes => {
            format!("Python's {procs} worker processes compute {b} requests at once")
        }
        PyMode::Asyncio if procs == 1 => {
            "Python's single asyncio loop runs one computation at a time".to_string()
        }
        PyMode::Asyncio => format!("Python's {procs} asyncio loops run {b} computations at once"),
        PyMode::FreeThreaded => format!(
            "Python's {}, with no GIL, compute up to {} at once",
            plural((procs * s.py_threads).into(), "thread", "threads"),
            b
        ),
    };
    format!("{node}, and {python}.")
}

/// What would give a side more parallel CPU, when it uses fewer cores than it could; and which
/// side no process or thread count can save (the traffic needs more than all the cores).
fn remedies(s: &Settings) -> String {
    let mut fixes = Vec::new();
    let mut short = Vec::new();
    for side in Side::BOTH {
        if load_on_all_cores(side, s) >= 1.0 {
            short.push(side.name());
        } else if parallelism(side, s) < s.cores {
            fixes.push(match (side, s.py_mode) {
                (Side::Node, _) => "a Node.js cluster",
                (_, PyMode::Threads) => "Python worker processes or the free-threaded build",
                (_, PyMode::FreeThreaded) => "more Python threads",
                _ => "more Python worker processes",
            });
        }
    }
    let mut out = Vec::new();
    if !fixes.is_empty() {
        out.push(format!(
            "{} would spread the work over the {} cores.",
            capitalise(&fixes.join(", or ")),
            s.cores
        ));
    }
    if !short.is_empty() {
        out.push(format!(
            "Even on all {} cores {} could not keep up: this traffic needs more cores or less CPU per request.",
            s.cores,
            short.join(" and ")
        ));
    }
    out.join(" ")
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// Why the result came out this way, in terms of the concurrency models.
fn why(s: &Settings, cpu_heavy: bool, winner: Option<Side>) -> String {
    let slots = u64::from(s.py_processes * s.py_threads_effective());
    let noun = super::narration::py_worker_noun(s, slots);
    match (cpu_heavy, s.py_mode, winner) {
        (true, _, _) => {
            let r = remedies(s);
            let sep = if r.is_empty() { "" } else { " " };
            format!("{}{sep}{r}", cpu_parallelism(s))
        }
        (false, PyMode::Asyncio, _) => "With asyncio Python waits the way Node does, so what \
             remains is the cost of running each request's code."
            .to_string(),
        (false, _, Some(Side::Node)) => {
            let idle = if slots == 1 {
                format!("Python's only {noun} sits idle")
            } else {
                format!("each of Python's {slots} {noun} sits idle")
            };
            format!(
                "An event loop keeps every waiting request going on one thread, while {idle} until its \
                 I/O returns; more {}, or asyncio, would narrow the gap.",
                super::narration::py_worker_noun(s, 2)
            )
        }
        (false, _, _) => format!(
            "Python's {} {} enough for this load: they overlap their I/O waits, so the event loop's \
             edge only shows once the traffic needs more of them than there are.",
            plural(slots, noun, noun),
            if slots == 1 { "is" } else { "are" }
        ),
    }
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
    let lead = lead(s, pair, metrics);
    let kind = if cpu_heavy { "CPU-heavy" } else { "I/O-bound" };
    let shape = format!(
        "Each request spends {} of its own time on the CPU, so this is {kind} work, the subject of the \
         matrix's “{title}” row, {leaning}.",
        pct(s.cpu_share())
    );
    let both_over = Side::BOTH.iter().all(|side| capacity::overloaded(*side, s));
    let why = if both_over && !cpu_heavy {
        // The I/O story does not apply when the CPU is what runs out.
        format!("{} {}", cpu_parallelism(s), remedies(s))
            .trim_end()
            .to_string()
    } else {
        why(s, cpu_heavy, overall(metrics).map(|(side, _)| side))
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
