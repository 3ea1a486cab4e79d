//! The only module that uses the simulator. It turns a scenario at one rate into the engine's scenario,
//! draws the engine's own request stream for the real run, and runs the simulation.
//!
//! The real server and the simulator see the same requests because both come from
//! `RequestStream::new(seed, &workload)` over the same engine workload in this process.
//!
//! Optional engine fields (`workload.io_calls`, `workload.native_share`, `model.overhead_ms`) are sent
//! only when they differ from the default. An engine that does not know one yet rejects it as an unknown
//! field; then the field is left out, the row is labelled, and the server's overhead is folded into a
//! phase that can carry it exactly (see `fold_overhead`). Once the engine has the fields, nothing here
//! needs to change: the first try succeeds.

// When the simulator becomes the workspace crate `nvp-sim`, this is the one line to change.
use nvp_sim as engine;

use crate::config::{DistSpec, RunLength, ScenarioSpec, ServerSpec};
use crate::figures::Figures;
use crate::generator::Planned;
use serde_json::{Value, json};

/// An engine scenario ready to run, and how to turn its draws into the real server's demands.
pub struct Prepared {
    scenario: engine::Scenario,
    /// Milliseconds of modelled server overhead inside the drawn cpu1 / cpu2, not to be asked of the
    /// server (it spends them on its own).
    folded_cpu1_ms: f64,
    folded_cpu2_ms: f64,
    /// The query parameters the engine's draws do not carry.
    io_calls: u32,
    native_share: f64,
    /// What the simulation could not represent, for the report.
    pub notes: Vec<String>,
}

fn dist(d: &DistSpec) -> Value {
    serde_json::to_value(d).expect("plain data")
}

fn model(server: &ServerSpec) -> Value {
    match *server {
        ServerSpec::Node { workers } => {
            json!({"kind": "event_loop", "processes": workers, "backlog": 511})
        }
        // uvicorn's default backlog is 2048.
        ServerSpec::Uvicorn => json!({"kind": "event_loop", "processes": 1, "backlog": 2048}),
        ServerSpec::Gthread {
            threads,
            switch_interval_ms,
        } => json!({
            "kind": "threads", "processes": 1, "threads_per_process": threads, "gil": true, "backlog": 2048,
            "switch_interval_ms": switch_interval_ms.unwrap_or(5.0),
        }),
        ServerSpec::Sync { workers } => json!({
            "kind": "threads", "processes": workers, "threads_per_process": 1, "gil": true, "backlog": 2048
        }),
    }
}

/// The name in "unknown field `x`, expected ..." from serde.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    Some(rest.split('`').next()?.to_string())
}

/// Puts `overhead_ms` into a phase of the workload when the engine has no `overhead_ms` field, exactly
/// (same draws, same total CPU per request) where the shape allows it. Returns (cpu1, cpu2) folded.
fn fold_overhead(
    w: &mut serde_json::Map<String, Value>,
    spec: &ScenarioSpec,
    o: f64,
) -> Result<(f64, f64, String), String> {
    let s = &spec.workload;
    let add = |d: &DistSpec| match *d {
        DistSpec::Deterministic { mean } => Ok(dist(&DistSpec::Deterministic { mean: mean + o })),
        _ => Err(()),
    };
    if let Ok(d) = add(&s.cpu_before_io_ms) {
        w.insert("cpu_before_io_ms".into(), d);
        return Ok((
            o,
            0.0,
            "server overhead added to the fixed first CPU phase".into(),
        ));
    }
    if s.io_ms.is_zero() && s.cpu_after_io_ms.is_zero() {
        // No I/O: "overhead, then the work" is one CPU burst either way; the work moves to cpu2's stream.
        w.insert(
            "cpu_before_io_ms".into(),
            dist(&DistSpec::Deterministic { mean: o }),
        );
        w.insert("cpu_after_io_ms".into(), dist(&s.cpu_before_io_ms));
        return Ok((
            o,
            0.0,
            "server overhead run as a fixed CPU phase before the work".into(),
        ));
    }
    if let Ok(d) = add(&s.cpu_after_io_ms) {
        w.insert("cpu_after_io_ms".into(), d);
        return Ok((
            0.0,
            o,
            "server overhead added to the fixed CPU phase after the I/O".into(),
        ));
    }
    Err(format!(
        "scenario {}: the engine has no overhead_ms and neither CPU phase is fixed, so the overhead cannot be folded in exactly",
        spec.name
    ))
}

/// Builds the engine scenario for `spec` at `rate_per_s`, with the server's measured `overhead_ms`.
pub fn prepare(
    spec: &ScenarioSpec,
    seed: u64,
    rate_per_s: f64,
    len: &RunLength,
    overhead_ms: f64,
) -> Result<Prepared, String> {
    let w = &spec.workload;
    let mut workload = json!({
        "arrival": {"kind": "poisson", "rate_per_s": rate_per_s},
        "cpu_before_io_ms": dist(&w.cpu_before_io_ms),
        "io_ms": dist(&w.io_ms),
        "cpu_after_io_ms": dist(&w.cpu_after_io_ms),
    });
    if w.io_calls != 1 {
        workload["io_calls"] = json!(w.io_calls);
    }
    if w.native_share > 0.0 {
        workload["native_share"] = json!(w.native_share);
    }
    let mut model = model(&spec.server);
    if overhead_ms > 0.0 {
        model["overhead_ms"] = json!(overhead_ms);
    }
    let mut notes = Vec::new();
    let (mut folded_cpu1_ms, mut folded_cpu2_ms) = (0.0, 0.0);
    loop {
        let value = json!({
            "seed": seed, "duration_s": len.duration_s, "warmup_s": len.warmup_s, "cores": spec.cores,
            "workload": workload, "model": model,
        });
        let err = match serde_json::from_value::<engine::Scenario>(value) {
            Ok(scenario) => {
                engine::validate(&scenario).map_err(|e| format!("scenario {}: {e}", spec.name))?;
                return Ok(Prepared {
                    scenario,
                    folded_cpu1_ms,
                    folded_cpu2_ms,
                    io_calls: w.io_calls,
                    native_share: w.native_share,
                    notes,
                });
            }
            Err(e) => e.to_string(),
        };
        // TODO(issue 11): once the engine has io_calls, native_share and overhead_ms, this fallback
        // is never taken and can go.
        let field = unknown_field(&err).ok_or_else(|| format!("scenario {}: {err}", spec.name))?;
        match field.as_str() {
            "io_calls" => {
                workload.as_object_mut().expect("object").remove("io_calls");
                notes.push(format!(
                    "engine has no io_calls: simulated as one I/O wait (the server makes {})",
                    w.io_calls
                ));
            }
            "native_share" => {
                workload
                    .as_object_mut()
                    .expect("object")
                    .remove("native_share");
                notes.push(format!(
                    "engine has no native_share: all CPU holds the GIL (the server burns {:.0} % in hashlib without it)",
                    w.native_share * 100.0
                ));
            }
            "overhead_ms" => {
                model.as_object_mut().expect("object").remove("overhead_ms");
                let map = workload.as_object_mut().expect("object");
                let (c1, c2, how) = fold_overhead(map, spec, overhead_ms)?;
                (folded_cpu1_ms, folded_cpu2_ms) = (c1, c2);
                notes.push(format!("engine has no overhead_ms: {how}"));
            }
            _ => return Err(format!("scenario {}: {err}", spec.name)),
        }
    }
}

impl Prepared {
    /// The requests of the run, as the simulator will see them, turned into the real server's demands.
    pub fn plan(&self, max_requests: usize) -> Vec<Planned> {
        let end = self.scenario.duration_s;
        let s = &self.scenario;
        let io_calls = self.io_calls;
        let ns = self.native_share;
        engine::RequestStream::new(s.seed, &s.workload)
            .take_while(|r| r.arrival_s < end)
            .take(max_requests)
            .map(|r| {
                let c1 = (r.cpu1_s * 1e3 - self.folded_cpu1_ms).max(0.0);
                let c2 = (r.cpu2_s * 1e3 - self.folded_cpu2_ms).max(0.0);
                let io = r.io_s * 1e3;
                let mut path = format!("/?c1={c1:.4}&io={io:.4}&c2={c2:.4}");
                if io_calls != 1 {
                    path.push_str(&format!("&k={io_calls}"));
                }
                if ns > 0.0 {
                    path.push_str(&format!("&ns={ns}"));
                }
                Planned {
                    at_s: r.arrival_s,
                    path,
                    asked_cpu_ms: c1 + c2,
                    asked_io_ms: io,
                }
            })
            .collect()
    }

    /// Runs the simulation and summarises it like a real run.
    pub fn simulate(&self) -> Result<Figures, String> {
        let options = engine::RunOptions {
            queue_buckets: 1,
            latency_buckets: 1,
            ..engine::RunOptions::default()
        };
        let r = engine::run(&self.scenario, &options).map_err(|e| e.to_string())?;
        let l = r.latency_ms;
        Ok(Figures {
            arrived: r.arrived,
            completed: r.completed,
            failed: r.dropped,
            measured: l.count,
            mean_ms: l.mean,
            p50_ms: l.p50,
            p99_ms: l.p99,
            throughput_per_s: r.throughput_per_s,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::WorkloadSpec;

    fn spec(
        cpu1: DistSpec,
        io: DistSpec,
        cpu2: DistSpec,
        io_calls: u32,
        native_share: f64,
    ) -> ScenarioSpec {
        ScenarioSpec {
            name: "t".into(),
            title: "t".into(),
            server: ServerSpec::Gthread {
                threads: 8,
                switch_interval_ms: None,
            },
            cores: 1,
            workload: WorkloadSpec {
                cpu_before_io_ms: cpu1,
                io_ms: io,
                cpu_after_io_ms: cpu2,
                io_calls,
                native_share,
            },
            loads: vec![0.5],
            smoke: false,
            mechanism: String::new(),
        }
    }

    const LEN: RunLength = RunLength {
        duration_s: 20.0,
        warmup_s: 2.0,
        calibration_rate_per_s: 100.0,
        calibration_s: 1.0,
        max_requests: 100_000,
    };

    fn det(mean: f64) -> DistSpec {
        DistSpec::Deterministic { mean }
    }

    fn exp(mean: f64) -> DistSpec {
        DistSpec::Exponential { mean }
    }

    fn query(path: &str, key: &str) -> f64 {
        let (_, q) = path.split_once('?').unwrap();
        q.split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
            .unwrap()
            .parse()
            .unwrap()
    }

    #[test]
    fn the_plan_is_the_simulators_stream_minus_the_overhead() {
        let s = spec(det(0.5), exp(50.0), exp(1.5), 1, 0.0);
        let p = prepare(&s, 7, 100.0, &LEN, 0.3).unwrap();
        let plan = p.plan(usize::MAX);
        let drawn: Vec<_> = engine::RequestStream::new(7, &p.scenario.workload)
            .take(plan.len())
            .collect();
        assert!(
            plan.len() > 1500 && plan.len() < 2500,
            "about 100/s for 20 s, got {}",
            plan.len()
        );
        assert!(plan.iter().all(|r| r.at_s < LEN.duration_s));
        for (r, d) in plan.iter().zip(&drawn) {
            assert_eq!(r.at_s, d.arrival_s);
            // Whether the engine carries the overhead itself or it was folded into cpu1, the server is
            // asked for the work alone: 0.5 ms before the I/O.
            assert!((query(&r.path, "c1") - 0.5).abs() < 1e-3, "{}", r.path);
            assert!((query(&r.path, "io") - d.io_s * 1e3).abs() < 1e-3);
            assert!((query(&r.path, "c2") - d.cpu2_s * 1e3).abs() < 1e-3);
        }
        // The simulated CPU per request is the work plus the overhead, whichever way it got there.
        let w = &p.scenario.workload;
        let engine_cpu1 = w.cpu_before_io_ms.mean();
        assert!(engine_cpu1 == 0.5 || (engine_cpu1 - 0.8).abs() < 1e-12);
    }

    #[test]
    fn overhead_without_io_runs_before_the_work() {
        let s = spec(exp(5.0), DistSpec::zero(), DistSpec::zero(), 1, 0.0);
        let p = prepare(&s, 1, 50.0, &LEN, 0.4).unwrap();
        let plan = p.plan(100);
        let mean_asked = plan.iter().map(|r| r.asked_cpu_ms).sum::<f64>() / plan.len() as f64;
        assert!(
            mean_asked > 3.0 && mean_asked < 7.0,
            "work only, about 5 ms: {mean_asked}"
        );
        assert!(
            plan.iter()
                .all(|r| !r.path.contains("k=") && !r.path.contains("ns="))
        );
    }

    #[test]
    fn unsupported_fields_are_named_and_the_server_still_gets_them() {
        let s = spec(exp(4.0), exp(20.0), det(0.5), 10, 0.8);
        let p = prepare(&s, 1, 50.0, &LEN, 0.2).unwrap();
        let path = &p.plan(1)[0].path;
        assert!(path.contains("&k=10") && path.contains("&ns=0.8"), "{path}");
        // Each note names a field this engine lacks; an engine that has them all leaves no notes.
        for n in &p.notes {
            assert!(
                ["io_calls", "native_share", "overhead_ms"]
                    .iter()
                    .any(|f| n.contains(f)),
                "{n}"
            );
        }
        assert_eq!(
            unknown_field("unknown field `io_calls`, expected one of `a`"),
            Some("io_calls".into())
        );
        assert_eq!(unknown_field("missing field `seed`"), None);
    }

    #[test]
    fn overhead_that_cannot_be_folded_exactly_is_an_error() {
        let s = spec(exp(4.0), exp(20.0), exp(1.0), 1, 0.0);
        match prepare(&s, 1, 50.0, &LEN, 0.2) {
            Ok(p) => assert!(
                p.notes.iter().all(|n| !n.contains("overhead_ms")),
                "engine has overhead_ms"
            ),
            Err(e) => assert!(e.contains("cannot be folded"), "{e}"),
        }
    }

    #[test]
    fn the_simulation_runs_and_counts_add_up() {
        let s = spec(det(0.5), exp(50.0), exp(1.5), 1, 0.0);
        let f = prepare(&s, 3, 100.0, &LEN, 0.3)
            .unwrap()
            .simulate()
            .unwrap();
        assert!(f.arrived > 1500 && f.completed + f.failed <= f.arrived);
        assert!(
            f.mean_ms > 50.0 && f.mean_ms < 60.0,
            "about 50 ms I/O + 2.3 ms CPU: {}",
            f.mean_ms
        );
        assert!(f.p50_ms < f.mean_ms && f.p99_ms > f.mean_ms);
    }
}
