//! The verdict: who did better on this traffic, by how much, and why, or why this run cannot say.
//!
//! Rules, in order:
//! 1. If either server has a resource at or above capacity ([`crate::capacity`]), its queue has
//!    no steady state and its latency grows with the run length: no margin is named. The verdict
//!    names the resource and what would fix it.
//! 2. Failures before latency, by share: a side that leaves a clearly larger share of requests
//!    unanswered within the client's time-out (intervals apart, and above 1 %) is behind.
//! 3. Otherwise p99, then p50: a side is ahead only when the two 95 % intervals do not overlap.
//! 4. Otherwise: no clear difference.

use crate::capacity::{self, Resource};
use crate::format::{count, ms, pct, plural, ratio};
use crate::metrics::{Comparison, Metric, MetricId};
use crate::plan::CLIENT_TIMEOUT_S;
use crate::run::{Figure, Pair};
use crate::server::{ServerKind, Side};
use crate::settings::Settings;
use serde::{Deserialize, Serialize};

/// A failure share this low is not a reason to rank a side behind.
pub const NEGLIGIBLE_FAILURES: f64 = 0.01;

/// One side's overloaded resource and its remedy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overload {
    pub side: Side,
    pub resource: Resource,
    pub remedy: String,
}

/// What a run shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Verdict {
    /// At least one side cannot keep up: the run shows capacity, not a margin.
    Unstable(Vec<Overload>),
    /// One side is ahead on `metric`, with intervals apart; `ratio` is worse over better.
    Ahead {
        side: Side,
        metric: MetricId,
        ratio: f64,
    },
    /// The intervals overlap on every deciding figure.
    NoClearDifference,
}

fn row(metrics: &[Metric], id: MetricId) -> Option<&Metric> {
    metrics.iter().find(|m| m.id == id)
}

/// Applies the rules of this module.
pub fn decide(pair: &Pair, metrics: &[Metric]) -> Verdict {
    let mut overloads = Vec::new();
    for side in Side::BOTH {
        let run = pair.side(side);
        if let Some(worst) = capacity::overloaded(&run.resources)
            .into_iter()
            .max_by(|a, b| a.load().total_cmp(&b.load()))
        {
            overloads.push(Overload {
                side,
                remedy: capacity::remedy(&run.server, worst).to_string(),
                resource: worst.clone(),
            });
        }
    }
    if !overloads.is_empty() {
        return Verdict::Unstable(overloads);
    }
    if let Some(m) = row(metrics, MetricId::Failed)
        && let Comparison::Better { side, ratio } = m.comparison
        && m.value(side.other()).mean > NEGLIGIBLE_FAILURES
    {
        return Verdict::Ahead {
            side,
            metric: MetricId::Failed,
            ratio,
        };
    }
    for id in [MetricId::P99, MetricId::P50] {
        if let Some(m) = row(metrics, id)
            && let Comparison::Better { side, ratio } = m.comparison
        {
            return Verdict::Ahead {
                side,
                metric: id,
                ratio,
            };
        }
    }
    Verdict::NoClearDifference
}

/// "it answered 99.8% of requests within the 30 s time-out, against 40% on Python".
fn failures(pair: &Pair, side: Side) -> String {
    let answered = |s: Side| 1.0 - pair.side(s).estimate(Figure::Failed).mean;
    format!(
        "it answered {} of requests within the {} s time-out, against {} on {}",
        pct(answered(side)),
        CLIENT_TIMEOUT_S,
        pct(answered(side.other())),
        side.other().name()
    )
}

/// The opening sentences: the finding, with its figures.
pub fn headline(v: &Verdict, pair: &Pair, metrics: &[Metric]) -> String {
    match v {
        Verdict::Unstable(overloads) => {
            let who: Vec<&str> = overloads.iter().map(|o| o.side.name()).collect();
            let opening = if overloads.len() == 2 {
                "No verdict from this run: neither server keeps up.".to_string()
            } else {
                format!("No verdict from this run: {} cannot keep up.", who[0])
            };
            let details: Vec<String> = overloads
                .iter()
                .map(|o| {
                    format!(
                        "{}'s {}. {} would fix it.",
                        o.side.name(),
                        o.resource.describe(),
                        capitalise(&o.remedy)
                    )
                })
                .collect();
            format!(
                "{opening} {} A queue that never settles grows for as long as the run lasts, \
                 so its latency shows the run's length, not the stack.",
                details.join(" ")
            )
        }
        Verdict::Ahead {
            side,
            metric: MetricId::Failed,
            ..
        } => format!(
            "{} comes out ahead: {}.",
            side.name(),
            failures(pair, *side)
        ),
        Verdict::Ahead {
            side,
            metric,
            ratio: r,
        } => {
            let m = row(metrics, *metric).expect("the deciding row exists");
            format!(
                "{} comes out ahead: {} {} against {} ({} lower).",
                side.name(),
                metric.name(),
                m.shown(*side),
                m.shown(side.other()),
                ratio(*r)
            )
        }
        Verdict::NoClearDifference => {
            let p99 = row(metrics, MetricId::P99);
            let shown = |s: Side| p99.map_or(String::new(), |m| m.shown(s).to_string());
            // Either the intervals overlap, or they separate by less than the margin that
            // matters; say which.
            let overlap = p99.is_none_or(|m| m.values[0].overlaps(&m.values[1]));
            let gap = p99.map_or(0.0, |m| (m.values[0].mean - m.values[1].mean).abs());
            let why = if overlap {
                "and the intervals overlap".to_string()
            } else if gap < crate::metrics::MIN_LATENCY_GAP_MS {
                format!(
                    "less than {} ms apart, too little for anyone to notice",
                    crate::format::plain(crate::metrics::MIN_LATENCY_GAP_MS)
                )
            } else {
                format!(
                    "less than {}× apart, too close to matter",
                    crate::format::plain(crate::metrics::MEANINGFUL_RATIO)
                )
            };
            format!(
                "No clear difference: p99 is {} on Node.js and {} on Python, {why}.",
                shown(Side::Node),
                shown(Side::Python)
            )
        }
    }
}

/// How much one side simulated: "5 runs of about 4,000 requests".
fn runs_of(run: &crate::run::SideRun) -> String {
    let runs = run.reps.len().max(1) as u64;
    format!(
        "{} of about {}",
        plural(runs, "run", "runs"),
        plural(run.measured() / runs, "request", "requests")
    )
}

/// What the figures rest on. Each side's own count: a side that cannot keep up runs once.
pub fn basis(pair: &Pair) -> String {
    let (node, python) = (pair.side(Side::Node), pair.side(Side::Python));
    let amount = if node.reps.len() == python.reps.len()
        && node.measured().abs_diff(python.measured()) * 20 <= node.measured().max(1)
    {
        format!("{} per side", runs_of(node))
    } else {
        format!(
            "{} on Node.js and {} on Python",
            runs_of(node),
            runs_of(python)
        )
    };
    format!("Based on {amount}, after a warm-up; ranges are 95% confidence intervals.")
}

/// Why the result came out this way, in terms of the concurrency models.
pub fn why(s: &Settings, pair: &Pair) -> String {
    let node = &pair.side(Side::Node).server;
    let python = &pair.side(Side::Python).server;
    let t = &s.traffic;
    if t.long_lived {
        return "Connections stay open here, so what counts is how fast each server sets a new \
                one up while it holds all the others: an event loop holds an idle connection for \
                almost nothing."
            .to_string();
    }
    if crate::config::cpu_heavy(t) {
        let at_once = |srv: &crate::server::Server| srv.cpu_slots(s.cores);
        let (n, p) = (at_once(node), at_once(python));
        let equal_cpu = if python.cpu_factor == 1.0 {
            " Both are charged the same CPU per request, which holds for work in compiled \
             libraries; plain Python code usually needs several times the CPU that V8 needs for \
             the same work (Custom sets that ratio)."
        } else {
            ""
        };
        let shared_queue = matches!(
            python.kind,
            ServerKind::Sync { .. } | ServerKind::Gthread { .. }
        );
        let multi_node = matches!(node.kind, ServerKind::Node { processes, .. } if processes > 1);
        if n == p && shared_queue && multi_node {
            return format!(
                "CPU is the work here, and both compute {} at once. What differs is how requests \
                 reach them: Node.js's cluster deals each new request to the next process in \
                 turn, so it can wait behind a long one while another process is idle; \
                 gunicorn's workers take the next request from one shared queue as soon as they \
                 are free.{equal_cpu}",
                plural(n.into(), "request", "requests"),
            );
        }
        return format!(
            "CPU is the work here. Node.js computes {} at once and Python {}; a GIL lets only \
             one thread per process run Python code.{equal_cpu}",
            plural(n.into(), "request", "requests"),
            plural(p.into(), "request", "requests"),
        );
    }
    match python.kind {
        ServerKind::Asyncio { .. } => "Both wait the way an event loop does, so what remains is \
             each server's own cost per request."
            .to_string(),
        ServerKind::Gthread { switch_ms, .. } => format!(
            "Both overlap their waits: an event loop keeps every waiting request going on one \
             thread, while each Python thread holds one request, waiting included. When a \
             thread's I/O returns, it may wait up to {} for the GIL.",
            ms(switch_ms)
        ),
        ServerKind::Sync { workers } => format!(
            "Each of Python's {} serves one request at a time, waiting included, while an event \
             loop keeps every waiting request going.",
            python.slot_noun(workers.into())
        ),
        ServerKind::FreeThreaded { .. } => "Python's threads hold one request each, waiting \
             included, but with no GIL they compute in parallel."
            .to_string(),
        ServerKind::Node { .. } => String::new(),
    }
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// The sentence announced once per run in the status region.
pub fn status(v: &Verdict, pair: &Pair, metrics: &[Metric]) -> String {
    let (node, python) = (
        pair.side(Side::Node).measured(),
        pair.side(Side::Python).measured(),
    );
    let p99 = row(metrics, MetricId::P99);
    let figures = p99.map_or(String::new(), |m| {
        format!(
            ": p99 {} on Node.js and {} on Python",
            m.shown(Side::Node),
            m.shown(Side::Python)
        )
    });
    let finding = match v {
        Verdict::Unstable(_) => "no verdict, a server cannot keep up".to_string(),
        Verdict::Ahead { side, metric, .. } => {
            format!("{} ahead on {}", side.name(), metric.name())
        }
        Verdict::NoClearDifference => "no clear difference".to_string(),
    };
    let amount = if node == python {
        format!("{} per side", plural(node, "request", "requests"))
    } else {
        format!(
            "{} on Node.js and {} on Python",
            plural(node, "request", "requests"),
            count(python as f64)
        )
    };
    format!("Simulated {amount}{figures}; {finding}.")
}
