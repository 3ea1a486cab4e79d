//! The suite file (`reality/scenarios.json`): run lengths, and the scenarios with their server and traffic.
//!
//! These types are the harness's own, not the simulator's, so that only `engine.rs` names the simulator.
//! Unknown fields are rejected: a typo in a scenario must stop the run, not silently run a default.

use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Suite {
    /// Seed of every scenario's traffic (the same seed for the real and the simulated run).
    pub seed: u64,
    pub full: RunLength,
    pub smoke: RunLength,
    pub scenarios: Vec<ScenarioSpec>,
}

/// How long each measurement lasts, in a full run or a smoke run.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RunLength {
    /// Arrivals are scheduled in [0, duration_s); the statistics cover [warmup_s, duration_s].
    pub duration_s: f64,
    pub warmup_s: f64,
    /// Zero-work requests per second and seconds of the calibration run of each server.
    pub calibration_rate_per_s: f64,
    pub calibration_s: f64,
    /// Hard bound on requests per run, whatever the rate.
    pub max_requests: usize,
}

/// A duration distribution in milliseconds, the same JSON shape as the simulator's.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(tag = "dist", rename_all = "snake_case", deny_unknown_fields)]
pub enum DistSpec {
    Deterministic { mean: f64 },
    Exponential { mean: f64 },
    Lognormal { mean: f64, cv: f64 },
}

impl DistSpec {
    pub fn mean(&self) -> f64 {
        match *self {
            DistSpec::Deterministic { mean }
            | DistSpec::Exponential { mean }
            | DistSpec::Lognormal { mean, .. } => mean,
        }
    }
    pub fn is_zero(&self) -> bool {
        matches!(*self, DistSpec::Deterministic { mean } if mean == 0.0)
    }
    pub fn zero() -> Self {
        DistSpec::Deterministic { mean: 0.0 }
    }
}

fn one() -> u32 {
    1
}

/// The traffic of a scenario (arrivals are always Poisson; the rate comes from the load level).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadSpec {
    pub cpu_before_io_ms: DistSpec,
    #[serde(default = "DistSpec::zero")]
    pub io_ms: DistSpec,
    #[serde(default = "DistSpec::zero")]
    pub cpu_after_io_ms: DistSpec,
    /// The I/O is split into this many equal waits, each followed by an equal slice of the second CPU phase.
    #[serde(default = "one")]
    pub io_calls: u32,
    /// Share of each CPU phase burnt in native code that releases the GIL (Python servers only).
    #[serde(default)]
    pub native_share: f64,
}

/// A real server, as its own experts would run it for this traffic.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ServerSpec {
    /// Node.js `http`; with workers > 1, `cluster` (round-robin from the primary).
    Node { workers: u32 },
    /// gunicorn's threaded worker: 1 process × `threads`; `switch_interval_ms` sets CPython's
    /// `sys.setswitchinterval` in the server and the same interval in the model (default 5 ms).
    Gthread {
        threads: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        switch_interval_ms: Option<f64>,
    },
    /// gunicorn's sync workers: `workers` processes, one request each.
    Sync { workers: u32 },
    /// uvicorn (asyncio on uvloop, httptools parser), one process.
    Uvicorn,
}

impl ServerSpec {
    /// A short label for tables, e.g. "gunicorn gthread 1×8".
    pub fn label(&self) -> String {
        match self {
            ServerSpec::Node { workers: 1 } => "Node.js http".into(),
            ServerSpec::Node { workers } => format!("Node.js cluster ×{workers}"),
            ServerSpec::Gthread {
                threads,
                switch_interval_ms: None,
            } => format!("gunicorn gthread 1×{threads}"),
            ServerSpec::Gthread {
                threads,
                switch_interval_ms: Some(ms),
            } => {
                format!("gunicorn gthread 1×{threads}, GIL switch {ms} ms")
            }
            ServerSpec::Sync { workers } => format!("gunicorn sync ×{workers}"),
            ServerSpec::Uvicorn => "uvicorn (uvloop)".into(),
        }
    }
    pub fn is_python(&self) -> bool {
        !matches!(self, ServerSpec::Node { .. })
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    /// Short identifier, used on the command line (`--only`).
    pub name: String,
    pub title: String,
    pub server: ServerSpec,
    /// Cores the server is pinned to; the simulation uses the same number.
    pub cores: u32,
    pub workload: WorkloadSpec,
    /// Offered load as fractions of the bottleneck's capacity.
    pub loads: Vec<f64>,
    /// Part of the smoke run (which uses only the lowest load).
    #[serde(default)]
    pub smoke: bool,
    /// What the scenario checks, and what the model leaves out that could make it miss.
    pub mechanism: String,
}

/// The resource that saturates first and its capacity in requests per second.
#[derive(Clone, Debug, Serialize)]
pub struct Bottleneck {
    pub resource: String,
    pub capacity_per_s: f64,
}

impl ScenarioSpec {
    /// Capacity of each resource for this traffic, given the server's own CPU per request.
    pub fn bottleneck(&self, overhead_ms: f64) -> Bottleneck {
        let w = &self.workload;
        let work_ms = w.cpu_before_io_ms.mean() + w.cpu_after_io_ms.mean();
        let cpu_ms = work_ms + overhead_ms;
        let hold_ms = cpu_ms + w.io_ms.mean();
        let cores = f64::from(self.cores);
        let per_s = |slots: f64, ms: f64| slots * 1e3 / ms.max(1e-6);
        // The specific resource first: on a tie (one loop on one core) it names the bottleneck.
        let mut all = Vec::new();
        match self.server {
            ServerSpec::Node { workers } => {
                all.push(("event loops".into(), per_s(f64::from(workers), cpu_ms)))
            }
            ServerSpec::Uvicorn => all.push(("event loop".into(), per_s(1.0, cpu_ms))),
            ServerSpec::Gthread { threads, .. } => {
                let gil_ms = work_ms * (1.0 - w.native_share) + overhead_ms;
                all.push(("GIL".into(), per_s(1.0, gil_ms)));
                all.push(("threads".into(), per_s(f64::from(threads), hold_ms)));
            }
            ServerSpec::Sync { workers } => {
                all.push(("workers".into(), per_s(f64::from(workers), hold_ms)))
            }
        }
        all.push(("cores".to_string(), per_s(cores, cpu_ms)));
        let (resource, capacity_per_s) = all
            .into_iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .expect("at least the cores");
        Bottleneck {
            resource,
            capacity_per_s,
        }
    }
}

impl Suite {
    pub fn load(path: &Path) -> Result<Suite, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let suite: Suite =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        suite.check()?;
        Ok(suite)
    }

    fn check(&self) -> Result<(), String> {
        for l in [&self.full, &self.smoke] {
            if !(l.warmup_s >= 0.0 && l.duration_s > l.warmup_s && l.calibration_s > 0.0) {
                return Err(
                    "run lengths need 0 <= warmup_s < duration_s and calibration_s > 0".into(),
                );
            }
        }
        let mut names = std::collections::HashSet::new();
        for s in &self.scenarios {
            let bad = |m: &str| Err(format!("scenario {}: {m}", s.name));
            if !names.insert(&s.name) {
                return bad("duplicate name");
            }
            if s.cores == 0 || s.loads.is_empty() || s.loads.iter().any(|&l| !(l > 0.0 && l < 2.0))
            {
                return bad("needs cores >= 1 and loads in (0, 2)");
            }
            if !(0.0..=1.0).contains(&s.workload.native_share) || s.workload.io_calls == 0 {
                return bad("needs 0 <= native_share <= 1 and io_calls >= 1");
            }
        }
        Ok(())
    }
}
