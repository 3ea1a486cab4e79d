//! The side-by-side experiment behind the Simulate tab: the same traffic through a Node.js
//! server and a Python server, each configured as its experts would run it (or as shipped, or as
//! the visitor says), compared with the uncertainty a reviewer expects, and explained.
//!
//! Pure Rust with no web dependencies, so every decision the tab shows is tested natively:
//! - [`settings`] and [`fields`]: the traffic, the machine, the configuration mode, the controls
//!   and their ranges; [`hash`]: their `s.*` keys in the link;
//! - [`presets`]: the traffic of each use case;
//! - [`server`]: what a server is (one type, every model); [`config`]: the rules that configure
//!   each side; [`calibration`]: each real server's measured cost per request;
//! - [`capacity`]: every resource's load, which says whether a queue can settle at all;
//! - [`plan`] and [`run`]: warm-up, run size, replications, and running them;
//! - [`estimate`], [`metrics`], [`verdict`], [`narration`]: figures with 95 % intervals, the
//!   table, the finding, and the sentences built on it; [`whatif`]: remedies simulated on the
//!   same traffic;
//! - [`analysis`] and [`plot`]: facts read off the timeline, and the scales and binning the
//!   charts draw with; [`format`]: how numbers read everywhere; [`palette`]: the one colour table
//!   (CSS tokens and the SVG [`export`] both come from it).

pub mod analysis;
pub mod calibration;
pub mod capacity;
pub mod config;
pub mod estimate;
pub mod export;
pub mod fields;
pub mod format;
pub mod hash;
pub mod metrics;
pub mod narration;
pub mod palette;
pub mod plan;
pub mod plot;
pub mod presets;
pub mod run;
pub mod server;
pub mod settings;
pub mod validation;
pub mod verdict;
pub mod whatif;

use nvp_sim::ScenarioError;
use run::{Pair, SideRun, SideRunner};
use serde::{Deserialize, Serialize};
use server::{Server, Side};
use settings::Settings;
use whatif::{Candidate, WhatIf};

pub use metrics::Metric;
pub use verdict::Verdict;

/// What one experiment found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub pair: Pair,
    pub metrics: Vec<Metric>,
    pub verdict: Verdict,
    /// The finding in a few sentences: headline, why, what it rests on.
    pub summary: Vec<String>,
    pub observations: Vec<String>,
    pub what_ifs: Vec<WhatIf>,
}

/// Everything the tab shows for one experiment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The settings this outcome was computed from.
    pub settings: Settings,
    pub servers: [Server; 2],
    /// One sentence on how each side was configured and why.
    pub configuration: String,
    /// One sentence for the live status region.
    pub status: String,
    /// The finding, or why these settings could not be simulated.
    pub result: Result<Finding, RunError>,
}

/// Why an experiment could not run: an engine field out of range (the controls' ranges keep
/// that from happening, but a run must never panic on it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunError {
    pub field: String,
    pub message: String,
}

impl From<ScenarioError> for RunError {
    fn from(e: ScenarioError) -> Self {
        RunError {
            field: e.field,
            message: e.message,
        }
    }
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// An experiment run one step (one simulated run) at a time, so a caller on a browser's main
/// thread can yield between steps; [`evaluate`] runs it to the end. The outcome is the same.
pub struct Experiment {
    settings: Settings,
    servers: [Server; 2],
    main: Vec<SideRunner>,
    done: Vec<SideRun>,
    candidates: Vec<(Candidate, SideRunner)>,
    what_ifs: Vec<WhatIf>,
    error: Option<RunError>,
    steps: usize,
}

impl Experiment {
    pub fn new(settings: &Settings) -> Experiment {
        let servers = config::servers(settings);
        Experiment {
            main: servers
                .iter()
                .rev()
                .map(|server| SideRunner::new(*server, settings))
                .collect(),
            servers,
            settings: settings.clone(),
            done: Vec::new(),
            candidates: Vec::new(),
            what_ifs: Vec::new(),
            error: None,
            steps: 0,
        }
    }

    /// Runs done and runs known so far (the total grows when remedies are worth simulating).
    pub fn progress(&self) -> (usize, usize) {
        let known = self.steps
            + self.main.iter().map(SideRunner::remaining).sum::<usize>()
            + self
                .candidates
                .iter()
                .map(|(_, r)| r.remaining())
                .sum::<usize>();
        (self.steps, known)
    }

    /// Runs one simulation; `false` once the experiment is complete.
    pub fn step(&mut self) -> bool {
        if self.error.is_some() {
            return false;
        }
        let s = &self.settings;
        if let Some(runner) = self.main.last_mut() {
            self.steps += 1;
            match runner.step(s) {
                Err(e) => self.error = Some(e.into()),
                Ok(true) => {}
                Ok(false) => {
                    let runner = self.main.pop().expect("a runner");
                    self.done.push(runner.finish(s));
                    if self.done.len() == 2 {
                        let sides: &[SideRun; 2] = self.done[..].try_into().expect("two sides");
                        self.candidates = whatif::candidates(s, sides)
                            .into_iter()
                            .map(|c| {
                                let r = SideRunner::new(c.server, &c.settings);
                                (c, r)
                            })
                            .collect();
                    }
                }
            }
            return self.error.is_none();
        }
        let Some((candidate, runner)) = self.candidates.first_mut() else {
            return false;
        };
        self.steps += 1;
        match runner.step(&candidate.settings) {
            Err(e) => self.error = Some(e.into()),
            Ok(true) => {}
            Ok(false) => {
                let (candidate, runner) = self.candidates.remove(0);
                let alt = runner.finish(&candidate.settings);
                let now = &self.done[candidate.side.index()];
                if let Some(outcome) = whatif::describe(now, &alt) {
                    self.what_ifs.push(WhatIf {
                        side: candidate.side,
                        action: candidate.action,
                        outcome,
                        settings: candidate.settings,
                    });
                }
            }
        }
        self.error.is_none() && !(self.main.is_empty() && self.candidates.is_empty())
    }

    /// The outcome (call after [`Experiment::step`] returned `false`).
    pub fn finish(self) -> Outcome {
        let s = self.settings;
        let configuration = config::explain(&s, &self.servers);
        let finding = match self.error {
            Some(e) => Err(e),
            None => {
                let [node, python]: [SideRun; 2] = self.done.try_into().expect("both sides ran");
                let pair = Pair {
                    sides: [node, python],
                };
                let metrics = metrics::compare(&pair);
                let verdict = verdict::decide(&pair, &metrics);
                let mut summary = vec![verdict::headline(&verdict, &pair, &metrics)];
                let why = verdict::why(&s, &pair);
                if !why.is_empty() && !matches!(verdict, Verdict::Unstable(_)) {
                    summary.push(why);
                }
                summary.push(verdict::basis(&pair));
                Ok(Finding {
                    observations: narration::observations(&s, &pair),
                    what_ifs: self.what_ifs,
                    summary,
                    verdict,
                    metrics,
                    pair,
                })
            }
        };
        let status = match &finding {
            Ok(f) => verdict::status(&f.verdict, &f.pair, &f.metrics),
            Err(e) => format!("These settings cannot be simulated: {}.", e.message),
        };
        Outcome {
            settings: s,
            servers: self.servers,
            configuration,
            status,
            result: finding,
        }
    }
}

/// Runs both servers on `s`, every replication and remedy, and computes everything the tab shows.
pub fn evaluate(s: &Settings) -> Outcome {
    let mut e = Experiment::new(s);
    while e.step() {}
    e.finish()
}

/// Which side a server of this outcome is.
pub fn server_of(outcome: &Outcome, side: Side) -> &Server {
    &outcome.servers[side.index()]
}
