//! The run: calibrate each server, then put every scenario at every load through the real server and
//! through the simulator, and collect the figures side by side.

use crate::config::{RunLength, ScenarioSpec, ServerSpec, Suite};
use crate::engine;
use crate::figures::{Fidelity, Figures, real_figures};
use crate::generator::{self, Outcome};
use crate::machine::{Machine, machine, utc_now};
use crate::measure::{Calibration, calibrate, free_port, measure, server_cpus, warm_up};
use crate::procstat;
use crate::servers::{self, Paths};
use serde::{Deserialize, Serialize};
use std::time::Instant;

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct RunResult {
    pub scenario: String,
    pub load: f64,
    pub rate_per_s: f64,
    pub bottleneck: String,
    pub capacity_per_s: f64,
    pub overhead_ms: f64,
    pub real: Figures,
    pub sim: Figures,
    pub fidelity: Fidelity,
    /// Server CPU per completed request beyond the CPU the handler was asked for, ms.
    pub server_extra_cpu_ms: f64,
    pub other_busy_share: f64,
    /// Time the server's threads and processes waited for a core, per completed request, ms.
    #[serde(default)]
    pub core_wait_ms: f64,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Results {
    pub mode: String,
    pub seed: u64,
    pub length: RunLength,
    pub machine: Machine,
    pub versions: Vec<(String, String)>,
    pub loadavg_before: String,
    pub loadavg_after: String,
    pub elapsed_s: f64,
    pub finished_utc: String,
    pub scenarios: Vec<ScenarioSpec>,
    pub calibrations: Vec<Calibration>,
    pub runs: Vec<RunResult>,
}

impl Results {
    pub fn calibration(&self, server: &ServerSpec, cores: u32) -> Option<&Calibration> {
        self.calibrations
            .iter()
            .find(|c| &c.server == server && c.cores == cores)
    }
}

fn run_one(
    s: &ScenarioSpec,
    load: f64,
    cal: &Calibration,
    seed: u64,
    len: &RunLength,
    paths: &Paths,
    pin: bool,
) -> Result<RunResult, String> {
    let b = s.bottleneck(cal.overhead_ms);
    let rate = load * b.capacity_per_s;
    if rate * len.duration_s > len.max_requests as f64 * 0.9 {
        return Err(format!(
            "scenario {} at {load}: {rate:.0}/s for {} s exceeds max_requests",
            s.name, len.duration_s
        ));
    }
    let prepared = engine::prepare(s, seed, rate, len, cal.overhead_ms)?;
    let plan = prepared.plan(len.max_requests);
    let sim = prepared.simulate()?;
    let server = servers::start(&s.server, free_port()?, &server_cpus(s.cores, pin), paths)?;
    warm_up(&server, &s.server)?;
    let m = measure(&server, &plan)?;
    drop(server);
    dump(&s.name, load, &m.outcomes);
    let (real, fidelity) = real_figures(&m.outcomes, len.warmup_s, len.duration_s);
    let ok = m
        .outcomes
        .iter()
        .filter(|o| o.status == generator::Status::Ok);
    let (n_ok, asked) = ok.fold((0.0, 0.0), |(n, a), o| (n + 1.0, a + o.asked_cpu_ms));
    Ok(RunResult {
        scenario: s.name.clone(),
        load,
        rate_per_s: rate,
        bottleneck: b.resource,
        capacity_per_s: b.capacity_per_s,
        overhead_ms: cal.overhead_ms,
        real,
        sim,
        fidelity,
        server_extra_cpu_ms: if n_ok > 0.0 {
            (m.server_cpu_s * 1e3 - asked) / n_ok
        } else {
            0.0
        },
        other_busy_share: m.other_busy_share,
        core_wait_ms: if n_ok > 0.0 {
            m.server_wait_s * 1e3 / n_ok
        } else {
            0.0
        },
        notes: prepared.notes,
    })
}

/// Development aid: with REALITY_DUMP=DIR, each run's requests go to DIR/NAME-LOAD.csv.
fn dump(name: &str, load: f64, outcomes: &[Outcome]) {
    let Some(dir) = std::env::var_os("REALITY_DUMP") else {
        return;
    };
    let mut csv = String::from("at_s,done_s,asked_cpu_ms,asked_io_ms,got_cpu_ms,got_io_ms\n");
    for o in outcomes {
        let done = o.done_s.map_or(String::new(), |d| format!("{d:.6}"));
        csv.push_str(&format!(
            "{:.6},{done},{:.4},{:.4},{:.4},{:.4}\n",
            o.at_s, o.asked_cpu_ms, o.asked_io_ms, o.got_cpu_ms, o.got_io_ms
        ));
    }
    let path = std::path::Path::new(&dir).join(format!("{name}-{load:.2}.csv"));
    if let Err(e) = std::fs::write(&path, csv) {
        eprintln!("cannot write {}: {e}", path.display());
    }
}

pub struct Options {
    pub smoke: bool,
    pub short: bool,
    pub only: Vec<String>,
    pub pin: bool,
}

/// Runs the selected scenarios (smoke: those marked `smoke`, at their lowest load only).
pub fn run(suite: &Suite, paths: &Paths, opt: &Options) -> Result<Results, String> {
    let started = Instant::now();
    let loadavg_before = procstat::loadavg();
    let len = if opt.smoke || opt.short {
        suite.smoke
    } else {
        suite.full
    };
    let chosen: Vec<ScenarioSpec> = suite
        .scenarios
        .iter()
        .filter(|s| {
            if opt.only.is_empty() {
                !opt.smoke || s.smoke
            } else {
                opt.only.contains(&s.name)
            }
        })
        .cloned()
        .collect();
    if chosen.is_empty() {
        return Err("no scenario selected".into());
    }
    let mut calibrations: Vec<Calibration> = Vec::new();
    for s in &chosen {
        if !calibrations
            .iter()
            .any(|c| c.server == s.server && c.cores == s.cores)
        {
            eprintln!("calibrating {} on {} core(s)", s.server.label(), s.cores);
            let c = calibrate(&s.server, s.cores, &len, paths, opt.pin)?;
            eprintln!(
                "  overhead {:.3} ms CPU/request, zero-work p50 {:.3} ms",
                c.overhead_ms, c.zero_work.p50_ms
            );
            calibrations.push(c);
        }
    }
    let mut runs = Vec::new();
    for s in &chosen {
        let cal = calibrations
            .iter()
            .find(|c| c.server == s.server && c.cores == s.cores)
            .expect("calibrated above");
        let loads: Vec<f64> = if opt.smoke {
            s.loads
                .iter()
                .copied()
                .reduce(f64::min)
                .into_iter()
                .collect()
        } else {
            s.loads.clone()
        };
        for load in loads {
            let r = run_one(s, load, cal, suite.seed, &len, paths, opt.pin)?;
            eprintln!(
                "{:<16} load {:.2} ({:>5.0}/s): mean real {:>7.2} sim {:>7.2} | p50 {:>7.2} {:>7.2} | p99 {:>7.2} {:>7.2} ms | failed {}/{}",
                s.name,
                load,
                r.rate_per_s,
                r.real.mean_ms,
                r.sim.mean_ms,
                r.real.p50_ms,
                r.sim.p50_ms,
                r.real.p99_ms,
                r.sim.p99_ms,
                r.real.failed,
                r.sim.failed
            );
            runs.push(r);
        }
    }
    Ok(Results {
        mode: if opt.smoke {
            "smoke"
        } else if opt.short {
            "short"
        } else {
            "full"
        }
        .into(),
        seed: suite.seed,
        length: len,
        machine: machine(opt.pin),
        versions: servers::versions(paths),
        loadavg_before,
        loadavg_after: procstat::loadavg(),
        elapsed_s: started.elapsed().as_secs_f64(),
        finished_utc: utc_now(),
        scenarios: chosen,
        calibrations,
        runs,
    })
}
