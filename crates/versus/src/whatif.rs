//! "What if" runs: when a side is configured below what its experts would run (out of the box,
//! or the visitor's own numbers) and is loaded, the better configuration is simulated on the
//! same traffic, with the same replications, and offered as a one-click change with the figures
//! it would give. This is how the panel shows, rather than claims, that a cluster, worker
//! processes or the free-threaded build change the picture.
//!
//! A remedy is offered only when it clearly helps: it turns an unstable side stable, or its p99
//! or its unanswered share is lower with the 95 % intervals apart.

use crate::config;
use crate::estimate::Interval;
use crate::format::{ms_interval, pct};
use crate::run::{Figure, SideRun};
use crate::server::{Server, ServerKind, Side};
use crate::settings::{Config, Settings};
use serde::{Deserialize, Serialize};

/// Load of a side's busiest resource from which a remedy is worth simulating.
pub const LOAD_TO_TRY: f64 = 0.5;
/// Most remedies simulated per experiment (each costs a side's full set of replications).
pub const MAX_WHAT_IFS: usize = 2;

/// One alternative and what it would give.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    pub side: Side,
    /// The button's text: "Try gunicorn gthread, 4 workers × 12 threads".
    pub action: String,
    /// The figures it gives.
    pub outcome: String,
    /// The settings to switch to (Custom, with the alternative's numbers).
    pub settings: Settings,
}

/// A remedy to simulate.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub side: Side,
    pub action: String,
    pub server: Server,
    pub settings: Settings,
}

fn loaded(run: &SideRun) -> bool {
    run.resources.iter().any(|r| r.load() >= LOAD_TO_TRY)
}

/// The remedies worth simulating for this experiment.
pub fn candidates(s: &Settings, sides: &[SideRun; 2]) -> Vec<Candidate> {
    let mut out = Vec::new();
    if s.config == Config::Tuned {
        return out;
    }
    let current = [sides[0].server, sides[1].server];
    let tuned = config::servers(&Settings {
        config: Config::Tuned,
        ..s.clone()
    });
    for side in Side::BOTH {
        let i = side.index();
        let mut better = tuned[i];
        better.cpu_factor = current[i].cpu_factor;
        if better.kind != current[i].kind && loaded(&sides[i]) {
            let mut servers = current;
            servers[i] = better;
            out.push(Candidate {
                side,
                action: format!(
                    "Try {} as its experts run it: {}",
                    side.name(),
                    better.layout()
                ),
                server: better,
                settings: config::as_custom(s, servers),
            });
        }
    }
    if let ServerKind::Gthread {
        workers, threads, ..
    } = current[1].kind
        && sides[1]
            .resources
            .iter()
            .any(|r| r.kind == crate::capacity::ResourceKind::Gils && r.load() >= LOAD_TO_TRY)
    {
        let free = Server {
            kind: ServerKind::FreeThreaded { workers, threads },
            ..current[1]
        };
        out.push(Candidate {
            side: Side::Python,
            action: "Try free-threaded Python 3.14t (no GIL)".to_string(),
            server: free,
            settings: config::as_custom(s, [current[0], free]),
        });
    }
    out.truncate(MAX_WHAT_IFS);
    out
}

fn clearly_lower(alt: &Interval, now: &Interval) -> bool {
    alt.mean < now.mean && !alt.overlaps(now)
}

/// What the alternative gives, or `None` when it does not clearly help.
pub fn describe(now: &SideRun, alt: &SideRun) -> Option<String> {
    let who = now.side().name();
    let (p_now, p_alt) = (now.estimate(Figure::P99), alt.estimate(Figure::P99));
    let (f_now, f_alt) = (now.estimate(Figure::Failed), alt.estimate(Figure::Failed));
    let steadier = now.unstable() && !alt.unstable();
    if !(steadier || clearly_lower(&p_alt, &p_now) || clearly_lower(&f_alt, &f_now)) {
        return None;
    }
    let cores = pct(alt.first.core_utilisation);
    let mut text = format!(
        "{who}'s p99 would be {} instead of {}",
        ms_interval(&p_alt),
        ms_interval(&p_now)
    );
    if f_now.mean > 0.0 {
        text.push_str(&format!(
            ", with {} unanswered instead of {}",
            pct(f_alt.mean),
            pct(f_now.mean)
        ));
    }
    text.push_str(&format!(", using {cores} of the cores."));
    Some(text)
}
