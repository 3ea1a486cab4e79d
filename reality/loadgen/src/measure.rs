//! Measuring a running server: one stretch of traffic with the server's CPU and its cores' other load,
//! the warm-up before each run, and the calibration of the server's own cost per request.

use crate::config::{RunLength, ServerSpec};
use crate::figures::{Figures, real_figures};
use crate::generator::{self, Outcome, Planned};
use crate::machine::{own_cpus_text, parse_cpu_list};
use crate::procstat;
use crate::servers::{self, Paths, Running};
use serde::{Deserialize, Serialize};
use std::time::Duration;

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

/// Cores 0..cores for the server, or none (unpinned) when pinning is off.
pub fn server_cpus(cores: u32, pin: bool) -> Vec<u32> {
    if pin {
        (0..cores).collect()
    } else {
        Vec::new()
    }
}

pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free loopback port: {e}"))
}

/// What one measured stretch of traffic cost, besides its outcomes.
pub struct Measured {
    pub outcomes: Vec<Outcome>,
    pub server_cpu_s: f64,
    /// Time the server's threads were ready but waited for a core.
    pub server_wait_s: f64,
    pub other_busy_share: f64,
}

pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Zero-work rate of the second calibration point (a third to a half of a core on these servers).
const BUSY_RATE_PER_S: f64 = 1000.0;

pub fn measure(server: &Running, plan: &[Planned]) -> Result<Measured, String> {
    let group0 = procstat::group_times(server.pgid);
    let cores0 = procstat::core_times(&server.cpus);
    let self0 = procstat::self_cpu_s();
    let outcomes = generator::run(server.addr, plan, REQUEST_TIMEOUT)?;
    let group1 = procstat::group_times(server.pgid);
    let server_cpu_s = group1.run_s - group0.run_s;
    let cores1 = procstat::core_times(&server.cpus);
    let own = procstat::self_cpu_s() - self0;
    let mine = parse_cpu_list(&own_cpus_text());
    let shares_core = server.cpus.is_empty() || server.cpus.iter().any(|c| mine.contains(c));
    let busy = cores1.busy_s - cores0.busy_s - server_cpu_s - if shares_core { own } else { 0.0 };
    let total = (cores1.total_s - cores0.total_s).max(1e-9);
    Ok(Measured {
        outcomes,
        server_cpu_s,
        server_wait_s: group1.wait_s - group0.wait_s,
        other_busy_share: (busy / total).clamp(0.0, 1.0),
    })
}

/// Zero-work requests, and enough I/O-waiting ones at once to start the thread pools and warm the JIT.
pub fn warm_up(server: &Running, spec: &ServerSpec) -> Result<(), String> {
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

pub fn calibrate(
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
