//! Presets map to the scenarios the module documents, and the two promised stories hold when the
//! real engine runs them: chat exhausts the threads while the loop copes, and ML inference blocks
//! the loop and the GIL until processes or free-threaded Python spread the work.

use crate::support::shipped as bundled;
use nvp_sim::ServerModel;
use nvp_versus::capacity;
use nvp_versus::presets::{self, CPU_HEAVY_BUSY, PRESET_CORES, TARGET_BUSY, letloop_factor};
use nvp_versus::run::{Side, node_scenario, python_scenario, run_pair};
use nvp_versus::settings::{PyMode, Shape};
use nvp_versus::{evaluate, narration};

#[test]
fn every_use_case_has_a_preset_that_follows_the_rules() {
    let content = bundled();
    let all = presets::all(content);
    assert!(
        all.iter()
            .any(|p| p.id == "cpu_bound" && p.label == "CPU-bound endpoint")
    );
    assert!(
        all.iter()
            .any(|p| p.id == "io_api" && p.label == "I/O-bound API")
    );
    for uc in &content.use_cases {
        let p = presets::for_use_case(content, &uc.id).expect("a preset per use case");
        let (s, w) = (&p.settings, &uc.workload);
        assert_eq!((s.cpu_ms, s.io_ms), (w.cpu_ms, w.io_ms), "{}", uc.id);
        if presets::is_cpu_heavy(w) {
            // Capped so the single core is loaded but stable, and never above the profile's rate.
            let busy = s.rate_per_s * s.cpu_ms / 1e3;
            assert!(s.rate_per_s <= w.rate_per_s, "{}", uc.id);
            assert!(busy <= CPU_HEAVY_BUSY + 1e-9, "{}: {busy}", uc.id);
            assert!(
                s.rate_per_s == w.rate_per_s || busy > CPU_HEAVY_BUSY - 0.1,
                "{}: capped no lower than needed",
                uc.id
            );
        } else {
            assert_eq!(s.rate_per_s, w.rate_per_s, "{}", uc.id);
        }
        assert_eq!(s.cores, PRESET_CORES);
        if w.long_lived {
            assert_eq!(s.cpu_before_pct, 100.0, "{}: CPU at connect time", uc.id);
            assert_eq!(s.io_shape, Shape::Fixed);
            assert_eq!(s.duration_s, (2.0 * w.io_ms / 1e3).clamp(10.0, 120.0));
        } else {
            assert_eq!(s.cpu_before_pct, 50.0);
            assert_eq!(s.io_shape, Shape::Exponential);
            assert!((5.0..=10.0).contains(&s.duration_s));
            assert!(s.rate_per_s * s.duration_s <= 10_000.0 || s.duration_s == 5.0);
        }
        let tiny = !w.long_lived && w.cpu_ms <= 1.0;
        if tiny {
            assert_eq!(s.py_mode, PyMode::Asyncio, "{}", uc.id);
            assert_eq!(s.cpu_factor, letloop_factor());
            let src = s.cpu_factor_source.as_deref().expect("a cited factor");
            assert!(content.source(src).is_some(), "the cited source exists");
        } else {
            assert_eq!(s.py_mode, PyMode::Threads, "{}", uc.id);
            assert_eq!((s.py_threads, s.cpu_factor), (8, 1.0));
        }
        let load = w.rate_per_s * w.cpu_ms / 1e3;
        if presets::is_cpu_heavy(w) {
            assert_eq!((s.node_processes, s.py_processes), (1, 1), "{}", uc.id);
        } else {
            // Enough processes to keep each under the target, and no more than needed.
            let per = load / f64::from(s.node_processes);
            assert!(
                per <= TARGET_BUSY || s.node_processes == PRESET_CORES,
                "{}",
                uc.id
            );
            assert!(s.node_processes == 1 || load / f64::from(s.node_processes - 1) > TARGET_BUSY);
        }
        assert!(!p.summary.is_empty());
    }
    // The published factor is the ratio of the two figures.
    assert!((letloop_factor() - 141_993.0 / 47_968.0).abs() < 0.01);
}

#[test]
fn both_sides_get_the_same_traffic() {
    let p = presets::for_use_case(bundled(), "typed_api").unwrap();
    let (n, py) = (node_scenario(&p.settings), python_scenario(&p.settings));
    assert_eq!(n.workload, py.workload);
    assert_eq!(
        (n.seed, n.cores, n.duration_s),
        (py.seed, py.cores, py.duration_s)
    );
    assert!(matches!(n.model, ServerModel::EventLoop { cpu_scale, .. } if cpu_scale == 1.0));
    let pair = run_pair(&p.settings).unwrap();
    assert_eq!(pair.node.arrived, pair.python.arrived);
}

#[test]
fn chat_runs_the_threads_out_while_the_event_loop_copes() {
    let p = presets::for_use_case(bundled(), "chat").unwrap();
    let pair = run_pair(&p.settings).unwrap();
    let t = pair.python.threads.as_ref().expect("threads model");
    assert_eq!(t.busy_max, t.total_threads, "every Python thread is taken");
    assert!(
        pair.python.dropped > pair.python.arrived / 2,
        "most of the traffic is turned away"
    );
    assert_eq!(pair.node.dropped, 0);
    let l = pair.node.event_loop.as_ref().unwrap();
    assert!(
        l.utilisation[0] < 0.3,
        "the loop is mostly idle: {:?}",
        l.utilisation
    );
    // Node's latency is the connection's own length, nothing added by waiting.
    assert!(pair.node.latency_ms.p99 < p.settings.io_ms * 1.01);
    let text = narration::observations(&p.settings, &pair).join(" ");
    assert!(text.contains("threads are all waiting on I/O"), "{text}");
    assert!(text.contains("Python turned away"), "{text}");
}

#[test]
fn ml_inference_blocks_the_loop_and_the_gil_until_work_spreads_out() {
    let content = bundled();
    let p = presets::for_use_case(content, "ai_platform").unwrap();
    let s = &p.settings;
    let o = evaluate(s, content);
    let pair = o.pair.as_ref().unwrap();
    // Loaded but stable (the CPU-heavy rate cap): busy most of the time, yet below capacity, so
    // p99 describes the server rather than the run length.
    let busiest = pair.node.event_loop.as_ref().unwrap().utilisation[0];
    assert!(
        busiest > 0.7,
        "the single loop is busy most of the time: {busiest}"
    );
    let t = pair.python.threads.as_ref().unwrap();
    assert!(
        t.gil_utilisation[0] > 0.7,
        "the GIL is held most of the time"
    );
    for side in Side::BOTH {
        let load = capacity::offered_load(side, s);
        assert!((0.7..1.0).contains(&load), "{side:?}: {load}");
    }
    let mut longer = s.clone();
    longer.duration_s *= 3.0;
    let longer = run_pair(&longer).unwrap();
    for side in Side::BOTH {
        let (short, long) = (
            pair.side(side).latency_ms.p99,
            longer.side(side).latency_ms.p99,
        );
        assert!(
            long < short * 2.0,
            "{side:?}: p99 {short} ms over 10 s, {long} ms over 30 s"
        );
    }
    assert!(!o.verdict.contains("Neither server copes"), "{}", o.verdict);
    assert!(
        t.gil_wait_per_request_ms > s.cpu_ms,
        "threads wait for the GIL longer than they compute"
    );
    assert!(
        o.observations
            .iter()
            .any(|x| x.contains("event loop spends") && x.contains("wait behind it"))
    );
    assert!(
        o.observations
            .iter()
            .any(|x| x.contains("the GIL runs one at a time"))
    );
    // Processes or the free-threaded build restore parallelism on the same traffic.
    for mode in [PyMode::Processes, PyMode::FreeThreaded] {
        let mut alt = s.clone();
        alt.py_mode = mode;
        if mode == PyMode::Processes {
            alt.py_processes = PRESET_CORES;
        }
        let spread = run_pair(&alt).unwrap().python;
        // Below capacity both do the same CPU work in total, so what changes is that requests
        // now compute at the same time on several cores.
        assert!(
            narration::parallel(Side::Python, &alt, &spread).is_some(),
            "{mode:?}"
        );
        assert!(narration::parallel(Side::Python, s, &pair.python).is_none());
        assert!(
            spread.latency_ms.p99 * 3.0 < pair.python.latency_ms.p99,
            "{mode:?}"
        );
    }
    // ...and the tab offers exactly those remedies, already simulated.
    let actions: Vec<&str> = o.what_ifs.iter().map(|w| w.action.as_str()).collect();
    assert!(
        actions.iter().any(|a| a.contains("sync worker processes")),
        "{actions:?}"
    );
    assert!(
        actions.iter().any(|a| a.contains("free-threaded")),
        "{actions:?}"
    );
}
