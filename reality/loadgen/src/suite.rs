//! The run: calibrate each server, then put every scenario at every load through the real server and
//! through the simulator, and collect the figures side by side.

use crate::config::{RunLength, ScenarioSpec, ServerSpec, Suite};
use crate::engine;
use crate::figures::{Fidelity, Figures, real_figures};
use crate::generator::{self, Outcome, Planned};
use crate::procstat;
use crate::servers::{self, Paths, Running};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// A server's own cost per request, measured with zero work at a low, evenly spaced rate.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Calibration {
    pub server: ServerSpec,
    pub cores: u32,
    /// Server CPU per request (all its processes), ms: what the simulation gets as overhead.
    pub overhead_ms: f64,
    pub rate_per_s: f64,
    pub zero_work: Figures,
    /// The same at BUSY_RATE_PER_S, for the report only: the cost per request falls as the server gets
    /// busier (fewer wake-ups per request), which a single overhead figure cannot follow.
    pub overhead_busy_ms: f64,
    pub busy_rate_per_s: f64,
    /// How much longer than asked a 5 ms I/O wait lasted at low load (the runtime's timer precision), ms.
    pub timer_late_ms: f64,
    /// Share of the server's cores used by other processes during the calibration.
    pub other_busy_share: f64,
}

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
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub kernel: String,
    pub pinned: bool,
    pub loadgen_cpus: String,
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

fn machine(pinned: bool) -> Machine {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = info
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = info
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count()
        .max(1);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .unwrap_or_default()
        .trim()
        .to_string();
    Machine {
        cpu,
        cores,
        kernel,
        pinned,
        loadgen_cpus: own_cpus_text(),
    }
}

/// "2026-12-01 15:04 UTC" from the system clock (civil-from-days, proleptic Gregorian).
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

fn own_cpus_text() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("Cpus_allowed_list:")
                    .map(|v| v.trim().to_string())
            })
        })
        .unwrap_or_default()
}

/// "0-2,5" as in /proc/self/status, into [0, 1, 2, 5].
fn parse_cpu_list(text: &str) -> Vec<u32> {
    let mut v = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
            v.extend(a..=b);
        }
    }
    v
}

/// Cores 0..cores for the server, or none (unpinned) when pinning is off.
fn server_cpus(cores: u32, pin: bool) -> Vec<u32> {
    if pin {
        (0..cores).collect()
    } else {
        Vec::new()
    }
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free loopback port: {e}"))
}

/// What one measured stretch of traffic cost, besides its outcomes.
struct Measured {
    outcomes: Vec<Outcome>,
    server_cpu_s: f64,
    other_busy_share: f64,
}

const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Zero-work rate of the second calibration point (a third to a half of a core on these servers).
const BUSY_RATE_PER_S: f64 = 1000.0;

fn measure(server: &Running, plan: &[Planned]) -> Result<Measured, String> {
    let cpu0 = procstat::group_cpu_s(server.pgid);
    let cores0 = procstat::core_times(&server.cpus);
    let self0 = procstat::self_cpu_s();
    let outcomes = generator::run(server.addr, plan, REQUEST_TIMEOUT)?;
    let server_cpu_s = procstat::group_cpu_s(server.pgid) - cpu0;
    let cores1 = procstat::core_times(&server.cpus);
    let own = procstat::self_cpu_s() - self0;
    let mine = parse_cpu_list(&own_cpus_text());
    let shares_core = server.cpus.is_empty() || server.cpus.iter().any(|c| mine.contains(c));
    let busy = cores1.busy_s - cores0.busy_s - server_cpu_s - if shares_core { own } else { 0.0 };
    let total = (cores1.total_s - cores0.total_s).max(1e-9);
    Ok(Measured {
        outcomes,
        server_cpu_s,
        other_busy_share: (busy / total).clamp(0.0, 1.0),
    })
}

/// Zero-work requests, and enough I/O-waiting ones at once to start the thread pools and warm the JIT.
fn warm_up(server: &Running, spec: &ServerSpec) -> Result<(), String> {
    let parallel = match *spec {
        ServerSpec::Gthread { threads, .. } => threads.min(128),
        _ => 16,
    };
    let mut plan: Vec<Planned> = (0..parallel)
        .map(|i| Planned {
            at_s: f64::from(i) * 0.001,
            path: "/?c1=0.2&io=30&c2=0.2".into(),
            asked_cpu_ms: 0.4,
            asked_io_ms: 30.0,
        })
        .collect();
    plan.extend((0..100).map(|i| Planned {
        at_s: 0.2 + f64::from(i) * 0.004,
        path: "/?c1=0.5&io=0&c2=0".into(),
        asked_cpu_ms: 0.5,
        asked_io_ms: 0.0,
    }));
    let out = generator::run(server.addr, &plan, REQUEST_TIMEOUT)?;
    match out
        .iter()
        .filter(|o| o.status != generator::Status::Ok)
        .count()
    {
        0 => Ok(()),
        n => Err(format!(
            "{}: {n} of {} warm-up requests failed",
            spec.label(),
            out.len()
        )),
    }
}

fn calibrate(
    spec: &ServerSpec,
    cores: u32,
    len: &RunLength,
    paths: &Paths,
    pin: bool,
) -> Result<Calibration, String> {
    let server = servers::start(spec, free_port()?, &server_cpus(cores, pin), paths)?;
    warm_up(&server, spec)?;
    let rate = len.calibration_rate_per_s;
    let n = (rate * len.calibration_s).round().max(1.0) as usize;
    let plan: Vec<Planned> = (0..n)
        .map(|i| Planned {
            at_s: i as f64 / rate,
            path: "/?c1=0&io=0&c2=0".into(),
            asked_cpu_ms: 0.0,
            asked_io_ms: 0.0,
        })
        .collect();
    let m = measure(&server, &plan)?;
    let (zero_work, _) = real_figures(&m.outcomes, 0.0, len.calibration_s);
    let busy: Vec<Planned> = (0..(BUSY_RATE_PER_S * 2.0) as usize)
        .map(|i| Planned {
            at_s: i as f64 / BUSY_RATE_PER_S,
            path: "/?c1=0&io=0&c2=0".into(),
            asked_cpu_ms: 0.0,
            asked_io_ms: 0.0,
        })
        .collect();
    let mb = measure(&server, &busy)?;
    let busy_ok = mb
        .outcomes
        .iter()
        .filter(|o| o.status == generator::Status::Ok)
        .count();
    // Timer precision: one 5 ms wait per request, 20 ms apart, so nothing queues.
    let timers: Vec<Planned> = (0..100)
        .map(|i| Planned {
            at_s: f64::from(i) * 0.02,
            path: "/?c1=0&io=5&c2=0".into(),
            asked_cpu_ms: 0.0,
            asked_io_ms: 5.0,
        })
        .collect();
    let timer_outcomes = generator::run(server.addr, &timers, REQUEST_TIMEOUT)?;
    let (_, timer) = real_figures(&timer_outcomes, 0.0, 10.0);
    // The median, so one wait disturbed by other work on a shared machine does not count.
    let mut late: Vec<f64> = timer_outcomes
        .iter()
        .filter(|o| o.status == generator::Status::Ok)
        .map(|o| o.got_io_ms - o.asked_io_ms)
        .collect();
    late.sort_by(f64::total_cmp);
    let failed = zero_work.failed
        + (busy.len() - busy_ok) as u64
        + timer.refused
        + timer.reset
        + timer.timed_out
        + timer.bad_status;
    if failed > 0 {
        return Err(format!(
            "{}: {failed} calibration requests failed",
            spec.label()
        ));
    }
    Ok(Calibration {
        server: spec.clone(),
        cores,
        overhead_ms: m.server_cpu_s * 1e3 / zero_work.completed.max(1) as f64,
        rate_per_s: rate,
        zero_work,
        overhead_busy_ms: mb.server_cpu_s * 1e3 / busy_ok.max(1) as f64,
        busy_rate_per_s: BUSY_RATE_PER_S,
        timer_late_ms: crate::figures::nearest_rank(&late, 0.5),
        other_busy_share: m.other_busy_share,
    })
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
