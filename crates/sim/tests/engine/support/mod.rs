//! Shared by the simulator's integration tests (native and wasm): scenario builders and the plain-text
//! golden format. The golden is `key=value` lines so the wasm test can read it without serde_json.
#![allow(dead_code)]

use nvp_sim::{Arrival, Dist, IoKind, RunOptions, Scenario, ServerModel, SimResult, Workload};

pub fn exp(mean: f64) -> Dist {
    Dist::Exponential { mean }
}
pub fn det(mean: f64) -> Dist {
    Dist::Deterministic { mean }
}

pub fn event_loop(processes: u32) -> ServerModel {
    ServerModel::EventLoop {
        processes,
        threadpool_size: 4,
        backlog: 511,
        cpu_scale: 1.0,
        overhead_ms: 0.0,
    }
}

pub fn threads(
    processes: u32,
    threads_per_process: u32,
    gil: bool,
    switch_interval_ms: f64,
) -> ServerModel {
    ServerModel::Threads {
        processes,
        threads_per_process,
        gil,
        switch_interval_ms,
        backlog: 2048,
        cpu_scale: 1.0,
        overhead_ms: 0.0,
    }
}

/// Poisson arrivals at `rate` per second, CPU → I/O → CPU.
pub fn scenario(
    seed: u64,
    duration_s: f64,
    warmup_s: f64,
    cores: u32,
    rate: f64,
    phases: [Dist; 3],
    model: ServerModel,
) -> Scenario {
    Scenario {
        seed,
        duration_s,
        warmup_s,
        cores,
        workload: Workload {
            arrival: Arrival::Poisson { rate_per_s: rate },
            cpu_before_io_ms: phases[0],
            io_ms: phases[1],
            cpu_after_io_ms: phases[2],
            io_kind: IoKind::Network,
            io_calls: 1,
            native_share: 0.0,
        },
        model,
        client_timeout_s: None,
        syn_retries: 0,
        drain: false,
    }
}

/// The small fixed scenarios whose key figures are pinned in `tests/golden/sim_agree.txt`, covering
/// every model, the lognormal sampler, the thread pool, GIL preemption and processor sharing of cores.
pub fn golden_scenarios() -> Vec<(&'static str, Scenario)> {
    let logn = Dist::Lognormal { mean: 4.0, cv: 1.2 };
    let mut pool = scenario(
        11,
        30.0,
        3.0,
        2,
        150.0,
        [logn, exp(20.0), det(1.0)],
        event_loop(3),
    );
    pool.workload.io_kind = IoKind::Threadpool;
    vec![
        (
            "mm1",
            scenario(
                1,
                60.0,
                5.0,
                1,
                70.0,
                [exp(10.0), det(0.0), det(0.0)],
                event_loop(1),
            ),
        ),
        ("loop_pool", pool),
        (
            "gil",
            scenario(
                3,
                30.0,
                3.0,
                2,
                90.0,
                [logn, exp(15.0), exp(3.0)],
                threads(2, 4, true, 5.0),
            ),
        ),
        (
            "nogil",
            scenario(
                4,
                30.0,
                3.0,
                2,
                300.0,
                [exp(5.0), exp(10.0), det(0.0)],
                threads(1, 8, false, 5.0),
            ),
        ),
    ]
}

pub fn golden_options() -> RunOptions {
    RunOptions {
        trace_window_s: Some((10.0, 10.5)),
        trace_cap: 200,
        ..RunOptions::default()
    }
}

/// The figures pinned per golden scenario: integer counts, then floats.
pub fn golden_lines(name: &str, r: &SimResult) -> Vec<(String, String)> {
    let ints = [
        ("arrived", r.arrived),
        ("completed", r.completed),
        ("dropped", r.dropped),
        ("in_flight_at_end", r.in_flight_at_end),
        ("events", r.events),
        ("latency_count", r.latency_ms.count),
        ("trace_spans", r.trace.spans.len() as u64),
    ];
    let floats = [
        ("latency_mean_ms", r.latency_ms.mean),
        ("latency_p50_ms", r.latency_ms.p50),
        ("latency_p99_ms", r.latency_ms.p99),
        ("latency_max_ms", r.latency_ms.max),
        ("mean_in_system", r.mean_in_system),
        ("core_utilisation", r.core_utilisation),
        ("throughput_per_s", r.throughput_per_s),
    ];
    let mut out: Vec<(String, String)> = ints
        .iter()
        .map(|(k, v)| (format!("{name}.{k}"), format!("{v}")))
        .collect();
    out.extend(
        floats
            .iter()
            .map(|(k, v)| (format!("{name}.{k}"), format!("{v:e}"))),
    );
    out
}

/// Parses `key=value` lines, ignoring blank lines and `#` comments.
pub fn parse_golden(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

/// Compares actual figures with the golden: integers exactly, floats within `rel` relative error.
/// Returns every mismatch, so one run shows them all.
pub fn compare(actual: &[(String, String)], golden: &[(String, String)], rel: f64) -> Vec<String> {
    let mut errors = Vec::new();
    if actual.len() != golden.len() {
        errors.push(format!(
            "{} figures, golden has {}",
            actual.len(),
            golden.len()
        ));
    }
    for ((ka, va), (kg, vg)) in actual.iter().zip(golden) {
        if ka != kg {
            errors.push(format!("key {ka} where golden has {kg}"));
            continue;
        }
        let same = match (va.parse::<u64>(), vg.parse::<u64>()) {
            (Ok(a), Ok(g)) => a == g,
            _ => match (va.parse::<f64>(), vg.parse::<f64>()) {
                (Ok(a), Ok(g)) => (a - g).abs() <= rel * g.abs().max(1e-300),
                _ => false,
            },
        };
        if !same {
            errors.push(format!("{ka}: got {va}, golden {vg}"));
        }
    }
    errors
}

/// Largest relative difference between matching float figures (0 when all are bit-identical as printed).
pub fn max_rel_diff(actual: &[(String, String)], golden: &[(String, String)]) -> f64 {
    let mut worst: f64 = 0.0;
    for ((_, va), (_, vg)) in actual.iter().zip(golden) {
        if let (Ok(a), Ok(g)) = (va.parse::<f64>(), vg.parse::<f64>())
            && g != 0.0
        {
            worst = worst.max(((a - g) / g).abs());
        }
    }
    worst
}
