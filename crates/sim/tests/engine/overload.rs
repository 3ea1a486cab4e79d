//! Overload, bad input and the interactive caps: the simulator must stay bounded, count drops, reject
//! nonsense with a message naming the field, and never panic. Also the `simulate` CLI's contract.

use crate::support::{det, event_loop, exp, scenario, threads};
use nvp_sim::{Arrival, Dist, RunOptions, Scenario, ServerModel, run, validate};

fn overload(model: ServerModel, backlog_plus_workers: f64) {
    // Capacity 100 requests/s per core-bound worker; 1000/s offered for 2000 s = 2 million arrivals.
    let s = scenario(
        7,
        2_000.0,
        10.0,
        1,
        1_000.0,
        [exp(10.0), det(0.0), det(0.0)],
        model,
    );
    let r = run(&s, &RunOptions::default()).expect("valid");
    assert_eq!(r.arrived, r.completed + r.dropped + r.in_flight_at_end);
    assert!(
        r.dropped as f64 > 0.85 * r.arrived as f64,
        "about 90 % must be dropped: {r:?}"
    );
    // Throughput is capped by the single core, not by the offered load.
    assert!(
        r.throughput_per_s < 101.0 && r.throughput_per_s > 95.0,
        "{}",
        r.throughput_per_s
    );
    // Memory: requests held never exceed the backlog plus the workers, at any time.
    let most = r
        .queue_series
        .iter()
        .map(|q| q.in_system)
        .fold(0.0, f64::max);
    assert!(
        most <= backlog_plus_workers,
        "{most} > {backlog_plus_workers}"
    );
    assert!(r.mean_in_system <= backlog_plus_workers);
}

#[test]
fn ten_times_overload_event_loop_keeps_accepting_and_its_clients_time_out() {
    // Node accepts between callbacks, and 10 ms callbacks let only ~10 connections queue in the
    // kernel at a time, far below the 511 backlog: nothing is refused. The queue grows in the
    // process instead, and clients that wait longer than 5 s give up.
    let mut s = scenario(
        7,
        100.0,
        10.0,
        1,
        1_000.0,
        [exp(10.0), det(0.0), det(0.0)],
        event_loop(1),
    );
    s.client_timeout_s = Some(5.0);
    let r = run(&s, &RunOptions::default()).expect("valid");
    assert_eq!(r.arrived, r.completed + r.dropped + r.in_flight_at_end);
    assert_eq!(
        r.dropped, 0,
        "a turning loop never fills its kernel backlog here"
    );
    let o = r.outcomes;
    assert_eq!(
        o.arrived,
        o.completed + o.timed_out + o.refused + o.unfinished
    );
    assert!(
        (o.timed_out + o.unfinished) as f64 > 0.85 * o.arrived as f64,
        "about 90 % cannot be served in time: {o:?}"
    );
    // The one core caps throughput at 100/s, give or take the noise of ~9,000 exponential draws.
    assert!(
        r.throughput_per_s < 105.0 && r.throughput_per_s > 95.0,
        "{}",
        r.throughput_per_s
    );
    assert!(r.core_utilisation > 0.99);
}

#[test]
fn a_long_callback_fills_the_kernel_backlog_and_clients_retry() {
    // One process; every request blocks the loop for 1 s while 1,000 connections a second
    // arrive: about 1,000 queue in the kernel per callback, and those beyond the 511 backlog are
    // dropped. With no retries they fail at once; with Linux's retries they come back 1 s later.
    let make = |retries: u32| {
        let mut s = scenario(
            9,
            20.0,
            0.0,
            1,
            1_000.0,
            [det(1_000.0), det(0.0), det(0.0)],
            event_loop(1),
        );
        s.syn_retries = retries;
        s
    };
    let none = run(&make(0), &RunOptions::default()).expect("valid");
    assert_eq!(
        none.arrived,
        none.completed + none.dropped + none.in_flight_at_end
    );
    assert!(
        none.dropped as f64 > 0.4 * none.arrived as f64,
        "about half of each second's arrivals find the backlog full: {none:?}"
    );
    let retry = run(&make(6), &RunOptions::default()).expect("valid");
    assert_eq!(
        retry.arrived,
        retry.completed + retry.dropped + retry.in_flight_at_end
    );
    assert!(
        retry.dropped < none.dropped / 10,
        "retried connections get in later: {} vs {}",
        retry.dropped,
        none.dropped
    );
    // A cluster's primary accepts for its workers and never lets the kernel queue fill.
    let mut cluster = make(0);
    cluster.model = event_loop(2);
    let c = run(&cluster, &RunOptions::default()).expect("valid");
    assert_eq!(c.dropped, 0);
}

#[test]
fn a_draining_run_gives_every_measured_request_an_outcome() {
    let mut s = scenario(
        12,
        10.0,
        1.0,
        2,
        150.0,
        [exp(4.0), exp(30.0), exp(2.0)],
        threads(1, 4, true, 5.0),
    );
    s.drain = true;
    s.client_timeout_s = Some(2.0);
    let r = run(&s, &RunOptions::default()).expect("valid");
    let o = r.outcomes;
    assert_eq!(o.unfinished, 0, "{o:?}");
    assert_eq!(o.arrived, o.completed + o.timed_out + o.refused);
    // Arrivals in [1, 10) only: about 150 × 9.
    assert!((o.arrived as f64 - 1_350.0).abs() < 150.0, "{o:?}");
    assert!(r.end_s > 10.0 && r.end_s <= 12.0, "{}", r.end_s);
    assert_eq!(r.arrived, r.completed + r.dropped + r.in_flight_at_end);
}

#[test]
fn ten_times_overload_threads_stays_bounded() {
    overload(threads(1, 8, true, 5.0), 2048.0 + 8.0);
}

#[test]
fn free_threads_cannot_outrun_the_cores() {
    // 16 threads, no GIL, 2 cores, 10 ms each: at most 200 requests/s whatever the thread count.
    let s = scenario(
        8,
        200.0,
        10.0,
        2,
        2_000.0,
        [det(10.0), det(0.0), det(0.0)],
        threads(1, 16, false, 5.0),
    );
    let r = run(&s, &RunOptions::default()).unwrap();
    assert!(
        r.throughput_per_s <= 200.0 * 1.001 && r.throughput_per_s > 190.0,
        "{}",
        r.throughput_per_s
    );
    assert!(r.core_utilisation > 0.99 && r.core_utilisation <= 1.0);
}

fn base() -> Scenario {
    scenario(
        1,
        10.0,
        1.0,
        2,
        100.0,
        [exp(5.0), exp(20.0), det(1.0)],
        event_loop(2),
    )
}

/// Runs `validate` and `run` on a broken scenario; both must fail naming `field`.
fn rejected(s: Scenario, field: &str) {
    let e = validate(&s).expect_err("must be rejected");
    assert_eq!(e.field, field, "{e}");
    let text = run(&s, &RunOptions::default())
        .expect_err("run must reject too")
        .to_string();
    assert!(text.starts_with(&format!("{field}: ")), "{text}");
}

#[test]
fn bad_parameters_are_rejected_with_the_field_name() {
    let with_rate = |r: f64| Scenario {
        workload: sim_support_workload(Arrival::Poisson { rate_per_s: r }),
        ..base()
    };
    rejected(with_rate(f64::NAN), "workload.arrival.rate_per_s");
    rejected(with_rate(-5.0), "workload.arrival.rate_per_s");
    rejected(with_rate(0.0), "workload.arrival.rate_per_s");
    rejected(with_rate(1e12), "workload.arrival.rate_per_s");
    rejected(with_rate(f64::INFINITY), "workload.arrival.rate_per_s");
    rejected(Scenario { cores: 0, ..base() }, "cores");
    rejected(
        Scenario {
            duration_s: f64::NAN,
            ..base()
        },
        "duration_s",
    );
    rejected(
        Scenario {
            duration_s: -1.0,
            ..base()
        },
        "duration_s",
    );
    rejected(
        Scenario {
            warmup_s: 10.0,
            ..base()
        },
        "warmup_s",
    );
    rejected(
        Scenario {
            warmup_s: -1.0,
            ..base()
        },
        "warmup_s",
    );
    // Too long to simulate: 100 000 requests/s for a day.
    rejected(
        Scenario {
            duration_s: 86_400.0,
            workload: sim_support_workload(Arrival::Constant { rate_per_s: 1e5 }),
            ..base()
        },
        "duration_s",
    );
    let mut s = base();
    s.workload.cpu_before_io_ms = Dist::Exponential { mean: -1.0 };
    rejected(s, "workload.cpu_before_io_ms.mean");
    let mut s = base();
    s.workload.io_ms = Dist::Lognormal {
        mean: 5.0,
        cv: f64::NAN,
    };
    rejected(s, "workload.io_ms.cv");
    rejected(
        Scenario {
            model: event_loop(0),
            ..base()
        },
        "model.processes",
    );
    rejected(
        Scenario {
            model: threads(1, 0, true, 5.0),
            ..base()
        },
        "model.threads_per_process",
    );
    rejected(
        Scenario {
            model: threads(1, 4, true, 0.0),
            ..base()
        },
        "model.switch_interval_ms",
    );
    rejected(
        Scenario {
            model: threads(1000, 1000, true, 5.0),
            ..base()
        },
        "model.threads_per_process",
    );
    rejected(
        Scenario {
            model: ServerModel::EventLoop {
                processes: 1,
                threadpool_size: 0,
                backlog: 1,
                cpu_scale: 1.0,
                overhead_ms: 0.0,
            },
            ..base()
        },
        "model.threadpool_size",
    );
    rejected(
        Scenario {
            model: ServerModel::EventLoop {
                processes: 1,
                threadpool_size: 4,
                backlog: 1,
                cpu_scale: f64::NAN,
                overhead_ms: 0.0,
            },
            ..base()
        },
        "model.cpu_scale",
    );
    // A GIL slice far shorter than the CPU work multiplies events: too long to simulate.
    let s = scenario(
        1,
        10_000.0,
        1.0,
        2,
        500.0,
        [det(100.0), det(0.0), det(0.0)],
        threads(1, 4, true, 0.001),
    );
    rejected(s, "duration_s");
}

fn sim_support_workload(arrival: Arrival) -> nvp_sim::Workload {
    nvp_sim::Workload {
        arrival,
        ..base().workload
    }
}

#[test]
fn max_requests_caps_the_interactive_run() {
    let s = scenario(
        2,
        1_000.0,
        1.0,
        2,
        500.0,
        [exp(1.0), exp(20.0), det(0.0)],
        event_loop(1),
    );
    let r = run(
        &s,
        &RunOptions {
            max_requests: Some(1_000),
            ..RunOptions::default()
        },
    )
    .unwrap();
    assert!(r.capped);
    assert_eq!(r.arrived, 1_000);
    assert!(
        r.end_s < 10.0 && r.end_s > 0.0,
        "ends at the next arrival, about 2 s: {}",
        r.end_s
    );
    assert_eq!(r.arrived, r.completed + r.dropped + r.in_flight_at_end);
    let uncapped = run(
        &s,
        &RunOptions {
            max_requests: Some(10_000_000),
            ..RunOptions::default()
        },
    )
    .unwrap();
    assert!(!uncapped.capped);
}

#[test]
fn max_events_caps_the_interactive_run() {
    let s = scenario(
        2,
        100.0,
        1.0,
        2,
        100.0,
        [det(50.0), det(0.0), det(0.0)],
        threads(1, 8, true, 0.1),
    );
    let r = run(
        &s,
        &RunOptions {
            max_events: Some(5_000),
            ..RunOptions::default()
        },
    )
    .unwrap();
    assert!(r.capped);
    assert_eq!(r.events, 5_000);
    assert_eq!(r.arrived, r.completed + r.dropped + r.in_flight_at_end);
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Write;
    use std::process::{Command, Stdio};

    const GOOD: &str = r#"{"seed": 7, "duration_s": 200, "warmup_s": 10, "cores": 4,
 "workload": {"arrival": {"kind": "poisson", "rate_per_s": 80},
              "cpu_before_io_ms": {"dist": "exponential", "mean": 10},
              "io_ms": {"dist": "deterministic", "mean": 0},
              "cpu_after_io_ms": {"dist": "deterministic", "mean": 0},
              "io_kind": "network"},
 "model": {"kind": "event_loop", "processes": 1, "threadpool_size": 4, "backlog": 511}}"#;

    fn simulate(input: &str) -> (i32, String, String) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_simulate"))
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run simulate");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (
            out.status.code().unwrap_or(-1),
            text(out.stdout),
            text(out.stderr),
        )
    }

    #[test]
    fn prints_the_contract_fields() {
        let (code, out, err) = simulate(GOOD);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON result");
        for key in [
            "arrived",
            "completed",
            "dropped",
            "in_flight_at_end",
            "throughput_per_s",
            "mean_in_system",
            "events",
        ] {
            assert!(v[key].is_number(), "missing {key}");
        }
        for key in ["mean", "p50", "p95", "p99", "max"] {
            assert!(v["latency_ms"][key].is_number(), "missing latency_ms.{key}");
        }
        let threads = GOOD.replace(
            r#"{"kind": "event_loop", "processes": 1, "threadpool_size": 4, "backlog": 511}"#,
            r#"{"kind": "threads", "processes": 1, "threads_per_process": 8, "gil": true, "switch_interval_ms": 5, "backlog": 2048}"#,
        );
        let (code, out, err) = simulate(&threads);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(r#""model":"threads""#));
    }

    #[test]
    fn bad_input_exits_2_naming_the_field() {
        let cases = [
            (
                GOOD.replace(r#""rate_per_s": 80"#, r#""rate_per_s": -80"#),
                "workload.arrival.rate_per_s",
            ),
            (GOOD.replace(r#""cores": 4"#, r#""cores": 0"#), "cores"),
            (GOOD.replace(r#""cores": 4"#, r#""cores": "four""#), "cores"),
            (
                GOOD.replace(r#""mean": 10"#, r#""mean": 10, "cv": 2"#),
                "workload.cpu_before_io_ms",
            ),
            (GOOD.replace(r#""processes": 1"#, r#""procs": 1"#), "model"),
            (
                GOOD.replace(r#""duration_s": 200"#, r#""duration_s": 1e9"#),
                "duration_s",
            ),
            (
                GOOD.replace(r#""cores": 4"#, r#""cores": 4, "drain": "yes""#),
                "drain:",
            ),
            (
                GOOD.replace(r#""cores": 4"#, r#""cores": 4, "syn_retries": -1"#),
                "syn_retries:",
            ),
            (
                GOOD.replace(r#""cores": 4"#, r#""cores": 4, "client_timeout_s": "soon""#),
                "client_timeout_s:",
            ),
            (GOOD.replace("}}", "}"), "line"),
            ("not json".to_string(), "line 1"),
        ];
        for (input, needle) in cases {
            let (code, out, err) = simulate(&input);
            assert_eq!(code, 2, "exit code for {needle}: {err}");
            assert!(out.is_empty());
            assert!(err.contains(needle), "stderr {err:?} should name {needle}");
        }
    }
}
