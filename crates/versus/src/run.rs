//! Running an experiment: both servers, every replication, on identical traffic.
//!
//! Both sides get the same seed in the same replication, so the engine draws the very same
//! requests for both; only the server differs. The work is split into steps of one run each, so
//! a caller on a browser's main thread can yield between them (the worker runs them back to
//! back); the result is the same either way.

use crate::capacity::{self, Resource};
use crate::config;
use crate::estimate::Interval;
use crate::plan::{MAX_EVENTS_PER_RUN, Plan, SYN_RETRIES};
use crate::server::{Server, Side};
use crate::settings::{HEAVY_TAIL_CV, Settings, Shape, Traffic};
use nvp_sim::{
    self as sim, Arrival, Dist, Outcomes, QuantilePoint, RunOptions, Scenario, ScenarioError,
    SimResult, Workload,
};
use serde::{Deserialize, Serialize};

/// Most timeline spans kept per side. The view bins them into pixels, so this bounds memory only.
pub const TRACE_CAP: usize = 40_000;
/// Points in the latency CDF and buckets in the queue series.
pub const CDF_STEPS: usize = 200;
pub const QUEUE_BUCKETS: usize = 120;

fn dist(shape: Shape, mean: f64) -> Dist {
    if mean <= 0.0 {
        return Dist::zero();
    }
    match shape {
        Shape::Fixed => Dist::Deterministic { mean },
        Shape::Exponential => Dist::Exponential { mean },
        Shape::HeavyTail => Dist::Lognormal {
            mean,
            cv: HEAVY_TAIL_CV,
        },
    }
}

/// The traffic as the engine draws it.
pub fn workload(t: &Traffic) -> Workload {
    let before = t.cpu_ms * t.cpu_before_pct / 100.0;
    let after = (t.cpu_ms - before).max(0.0);
    Workload {
        arrival: Arrival::Poisson {
            rate_per_s: t.rate_per_s,
        },
        cpu_before_io_ms: dist(t.cpu_shape, before),
        io_ms: dist(t.io_shape, t.io_ms),
        cpu_after_io_ms: dist(t.cpu_shape, after),
        io_kind: t.io_kind,
        io_calls: t.io_calls,
        native_share: t.native_pct / 100.0,
    }
}

/// The engine scenario of one replication of one server.
pub fn scenario(t: &Traffic, cores: u32, server: &Server, plan: &Plan, seed: u64) -> Scenario {
    Scenario {
        seed,
        duration_s: plan.duration_s,
        warmup_s: plan.warmup_s,
        cores,
        workload: workload(t),
        model: server.model(),
        client_timeout_s: Some(plan.client_timeout_s),
        syn_retries: SYN_RETRIES,
        drain: plan.drain,
    }
}

/// How a run is observed: the first replication records the timeline window.
fn options(s: &Settings, plan: &Plan, traced: bool) -> RunOptions {
    RunOptions {
        trace_window_s: traced.then_some((s.window_start_s, s.window_start_s + s.window_len_s)),
        trace_cap: TRACE_CAP,
        queue_buckets: QUEUE_BUCKETS,
        latency_buckets: CDF_STEPS,
        max_requests: None,
        max_events: Some(MAX_EVENTS_PER_RUN),
        latency_to: plan.latency_to,
    }
}

/// The figures one replication contributes. Latency quantiles are over *all* measured requests:
/// a request that was refused or timed out counts as slower than every answer, so a quantile
/// past the answered share is infinite ("beyond the time-out").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RepFigures {
    pub mean_ms: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub throughput_per_s: f64,
    pub outcomes: Outcomes,
    pub capped: bool,
}

/// The quantile over all measured requests at `p`; `answered_q` is the same quantile of the
/// answered requests alone (exact when every request was answered), and the CDF gives the rest.
fn quantile_over_all(r: &SimResult, p: f64, answered_q: f64) -> f64 {
    let answered = r.outcomes.completed as f64 / r.outcomes.arrived.max(1) as f64;
    if r.outcomes.arrived == 0 || p > answered {
        return f64::INFINITY;
    }
    if r.outcomes.failed() == 0 {
        return answered_q;
    }
    crate::plot::cdf_at(&r.latency_cdf, p / answered)
}

impl RepFigures {
    pub fn of(r: &SimResult) -> RepFigures {
        RepFigures {
            mean_ms: r.latency_ms.mean,
            p50_ms: quantile_over_all(r, 0.5, r.latency_ms.p50),
            p95_ms: quantile_over_all(r, 0.95, r.latency_ms.p95),
            p99_ms: quantile_over_all(r, 0.99, r.latency_ms.p99),
            throughput_per_s: r.throughput_per_s,
            outcomes: r.outcomes,
            capped: r.capped,
        }
    }
}

/// A figure an interval is reported for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure {
    P50,
    P95,
    P99,
    /// Mean latency of the answered requests.
    Mean,
    Throughput,
    /// Share of measured requests refused, timed out or unfinished.
    Failed,
}

impl Figure {
    pub fn of(self, r: &RepFigures) -> f64 {
        match self {
            Figure::P50 => r.p50_ms,
            Figure::P95 => r.p95_ms,
            Figure::P99 => r.p99_ms,
            Figure::Mean => r.mean_ms,
            Figure::Throughput => r.throughput_per_s,
            Figure::Failed => r.outcomes.failed_share(),
        }
    }
}

/// One side's part of an experiment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SideRun {
    pub server: Server,
    pub resources: Vec<Resource>,
    pub reps: Vec<RepFigures>,
    /// The first replication in full: timeline excerpt, queue series, counts.
    pub first: SimResult,
    /// Latency CDF over all measured requests, averaged over replications quantile by quantile;
    /// it levels off below 1 where failures begin.
    pub cdf: Vec<QuantilePoint>,
}

impl SideRun {
    pub fn side(&self) -> Side {
        self.server.side()
    }

    /// The figure's mean and 95 % interval over the replications.
    pub fn estimate(&self, figure: Figure) -> Interval {
        let xs: Vec<f64> = self.reps.iter().map(|r| figure.of(r)).collect();
        Interval::of(&xs)
    }

    /// Whether any resource is at or above capacity: the queue has no steady state.
    pub fn unstable(&self) -> bool {
        self.resources.iter().any(Resource::overloaded)
    }

    /// Measured requests over all replications.
    pub fn measured(&self) -> u64 {
        self.reps.iter().map(|r| r.outcomes.arrived).sum()
    }

    /// Whether a run was stopped at its event cap (its figures cover less than planned).
    pub fn capped(&self) -> bool {
        self.reps.iter().any(|r| r.capped)
    }
}

/// Averages CDFs point by point (each `p` is the same in every run) and scales `p` by each run's
/// answered share.
fn mean_cdf(runs: &[SimResult]) -> Vec<QuantilePoint> {
    let usable: Vec<&SimResult> = runs.iter().filter(|r| !r.latency_cdf.is_empty()).collect();
    let Some(first) = usable.first() else {
        return Vec::new();
    };
    (0..first.latency_cdf.len())
        .map(|i| {
            let n = usable.len() as f64;
            let mut p = 0.0;
            let mut ms = 0.0;
            for r in &usable {
                let answered = r.outcomes.completed as f64 / r.outcomes.arrived.max(1) as f64;
                let q = r.latency_cdf.get(i).copied().unwrap_or(r.latency_cdf[0]);
                p += q.p * answered.min(1.0);
                ms += q.ms;
            }
            QuantilePoint {
                p: p / n,
                ms: ms / n,
            }
        })
        .collect()
}

/// Runs one server on every replication and gathers its side of the experiment.
pub struct SideRunner {
    server: Server,
    plan: Plan,
    runs: Vec<SimResult>,
}

impl SideRunner {
    /// A runner for `server` on `s`'s traffic: the full plan, or one short run for a server that
    /// cannot keep up (see [`Plan::unstable`]).
    pub fn new(server: Server, s: &Settings) -> SideRunner {
        let plan = Plan::for_traffic(&s.traffic);
        let resources = capacity::resources(&server, &s.traffic, s.cores);
        let unstable = resources.iter().any(Resource::overloaded);
        SideRunner {
            server,
            plan: if unstable { plan.unstable() } else { plan },
            runs: Vec::new(),
        }
    }

    /// Runs still to do for this side.
    pub fn remaining(&self) -> usize {
        (self.plan.replications as usize).saturating_sub(self.runs.len())
    }

    /// Runs the next replication; `false` once all are done.
    pub fn step(&mut self, s: &Settings) -> Result<bool, ScenarioError> {
        let plan = &self.plan;
        let r = self.runs.len() as u32;
        if r >= plan.replications {
            return Ok(false);
        }
        let scenario = scenario(
            &s.traffic,
            s.cores,
            &self.server,
            plan,
            Plan::seed(s.seed, r),
        );
        let result = sim::run(&scenario, &options(s, plan, r == 0))?;
        self.runs.push(result);
        Ok(self.runs.len() < plan.replications as usize)
    }

    pub fn finish(mut self, s: &Settings) -> SideRun {
        let reps = self.runs.iter().map(RepFigures::of).collect();
        let cdf = mean_cdf(&self.runs);
        let first = if self.runs.is_empty() {
            SimResult::default()
        } else {
            self.runs.swap_remove(0)
        };
        SideRun {
            resources: capacity::resources(&self.server, &s.traffic, s.cores),
            server: self.server,
            reps,
            first,
            cdf,
        }
    }
}

/// Both sides of an experiment, Node.js first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub sides: [SideRun; 2],
}

impl Pair {
    pub fn side(&self, side: Side) -> &SideRun {
        &self.sides[side.index()]
    }
}

/// Runs both sides of `s` to the end (the worker's way; see [`crate::Experiment`] for steps).
pub fn run_pair(s: &Settings) -> Result<Pair, ScenarioError> {
    let mut sides = Vec::with_capacity(2);
    for server in config::servers(s) {
        let mut runner = SideRunner::new(server, s);
        while runner.step(s)? {}
        sides.push(runner.finish(s));
    }
    let [node, python]: [SideRun; 2] = sides.try_into().expect("two sides");
    Ok(Pair {
        sides: [node, python],
    })
}
