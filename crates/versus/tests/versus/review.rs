//! Review findings: each test fails if the sentence or figure it guards goes wrong again.
//! Overload is decided by the offered load, not by measured utilisation; a zero on one side is
//! attributed to the right side; what-ifs only offer clear improvements; counts agree with nouns;
//! and the waiting chart measures both models alike.

use crate::support::shipped as bundled;
use nvp_sim::{LatencySummary, QueuePoint, SimResult};
use nvp_versus::capacity::{offered_load, parallelism};
use nvp_versus::format::plural;
use nvp_versus::metrics::{Goal, compare, difference, judge};
use nvp_versus::narration::{saturated_loop, status};
use nvp_versus::plot::waiting_for_server;
use nvp_versus::run::{Pair, Side, run_pair};
use nvp_versus::settings::{PyMode, Settings};
use nvp_versus::whatif::describe;
use nvp_versus::{evaluate, presets};

fn blank() -> SimResult {
    SimResult {
        model: "threads".into(),
        end_s: 10.0,
        window_s: 10.0,
        core_utilisation: 0.2,
        ..SimResult::default()
    }
}

fn finished(p99: f64, dropped: u64) -> SimResult {
    let mut r = blank();
    r.latency_ms = LatencySummary {
        count: 100,
        p99,
        ..LatencySummary::default()
    };
    r.dropped = dropped;
    r
}

#[test]
fn a_zero_is_put_on_the_side_that_has_it() {
    // Higher is better: the side with zero is the worse one.
    let v = judge(Goal::Higher, 0.0, 89.0);
    assert_eq!(
        difference("throughput", Goal::Higher, &v),
        "throughput: zero on Node.js"
    );
    // Lower is better: the side with zero is the better one.
    let v = judge(Goal::Lower, 5.0, 0.0);
    assert_eq!(
        difference("queue", Goal::Lower, &v),
        "queue: zero on Python"
    );
    // The table and the status sentence, from two runs where only Python finished anything.
    let mut node = blank();
    node.arrived = 1000;
    let mut python = finished(700.0, 0);
    python.arrived = 1000;
    python.throughput_per_s = 89.0;
    let pair = Pair { node, python };
    let rows = compare(&pair);
    let tp = rows.iter().find(|m| m.id == "throughput").unwrap();
    assert_eq!(tp.difference, "only Python completed requests");
    let said = status(&pair, &rows);
    assert!(said.contains("(only Python completed requests)"), "{said}");
    assert!(!said.contains("none on Python"), "{said}");
}

#[test]
fn offered_load_counts_the_parallelism_each_model_can_use() {
    let s = Settings {
        rate_per_s: 10.0,
        cpu_ms: 80.0,
        cores: 4,
        node_processes: 1,
        py_processes: 2,
        py_threads: 8,
        ..Settings::default()
    };
    assert!((offered_load(Side::Node, &s) - 0.8).abs() < 1e-12);
    // One GIL per process: 2 processes, not 16 threads.
    assert_eq!(parallelism(Side::Python, &s), 2);
    let free = Settings {
        py_mode: PyMode::FreeThreaded,
        ..s.clone()
    };
    assert_eq!(parallelism(Side::Python, &free), 4, "capped by the cores");
    let sync = Settings {
        py_mode: PyMode::Processes,
        py_processes: 8,
        cpu_factor: 2.0,
        ..s
    };
    assert!((offered_load(Side::Python, &sync) - 10.0 * 0.16 / 4.0).abs() < 1e-12);
}

/// The ML pipeline profile: 10 requests/s × 80 ms on one loop, ρ = 0.8.
fn ml_pipeline() -> Settings {
    presets::for_use_case(bundled(), "ml_pipeline")
        .unwrap()
        .settings
}

#[test]
fn a_busy_loop_below_capacity_is_not_said_to_grow_without_end() {
    let s = ml_pipeline();
    assert!((offered_load(Side::Node, &s) - 0.8).abs() < 1e-9);
    let pair = run_pair(&s).unwrap();
    let text = saturated_loop(Side::Node, &s, &pair.node).expect("the loop is over 90% busy");
    assert!(text.contains("the queue settles"), "{text}");
    assert!(text.contains("ρ/(1 − ρ)"), "{text}");
    assert!(text.contains("at 80% load it is about 4 times"), "{text}");
    assert!(
        !text.contains("keeps growing") && !text.contains("as long as the run"),
        "{text}"
    );
}

#[test]
fn a_loop_above_capacity_is_said_to_grow_for_the_whole_run() {
    let s = Settings {
        rate_per_s: 20.0,
        ..ml_pipeline()
    };
    let pair = run_pair(&s).unwrap();
    let text = saturated_loop(Side::Node, &s, &pair.node).expect("a sentence");
    assert!(
        text.contains("asks for 160% of what its event loop can compute"),
        "{text}"
    );
    assert!(
        text.contains("grows for as long as the run lasts"),
        "{text}"
    );
}

#[test]
fn when_both_sides_are_overloaded_no_winner_is_named() {
    // The old AI-platform numbers: 20 requests/s × 60 ms on one loop and one GIL (ρ = 1.2 each).
    let s = Settings {
        rate_per_s: 20.0,
        ..presets::for_use_case(bundled(), "ai_platform")
            .unwrap()
            .settings
    };
    let o = evaluate(&s, bundled());
    assert!(
        o.verdict
            .starts_with("Neither server copes with this traffic"),
        "{}",
        o.verdict
    );
    assert!(
        o.verdict
            .contains("set by the run length, not by the server"),
        "{}",
        o.verdict
    );
    assert!(!o.verdict.contains("comes out ahead"), "{}", o.verdict);
    assert!(
        o.verdict
            .contains("Python worker processes or the free-threaded build"),
        "{}",
        o.verdict
    );
    // ...and the what-ifs show the remedies working on the same traffic.
    let py: Vec<_> = o
        .what_ifs
        .iter()
        .filter(|w| w.side == Side::Python)
        .collect();
    assert!(
        py.iter()
            .any(|w| w.action.contains("sync worker processes")),
        "{py:?}"
    );
    assert!(
        py.iter().any(|w| w.action.contains("free-threaded")),
        "{py:?}"
    );
    // One side coping is enough for a winner.
    let mut one = s.clone();
    one.py_mode = PyMode::Processes;
    one.py_processes = 4;
    let o = evaluate(&one, bundled());
    assert!(
        o.verdict.starts_with("Python comes out ahead"),
        "{}",
        o.verdict
    );
}

#[test]
fn what_ifs_that_do_not_help_are_not_offered() {
    let now = finished(3_890.0, 0);
    assert_eq!(
        describe(Side::Python, &now, &finished(6_570.0, 0)),
        None,
        "worse"
    );
    assert_eq!(
        describe(Side::Python, &now, &finished(3_700.0, 0)),
        None,
        "within 10%"
    );
    assert_eq!(
        describe(Side::Python, &now, &finished(2_830.0, 0)).as_deref(),
        Some("Python's p99 would be 2.83 s instead of 3.89 s, using 20% of the cores.")
    );
    // Same latency, fewer drops: the drops are the news, and no "X instead of X".
    let chat = describe(
        Side::Python,
        &finished(30_000.0, 9_987),
        &finished(30_000.0, 0),
    )
    .unwrap();
    assert_eq!(
        chat,
        "Python would drop 0 requests instead of 9,987, and its p99 would stay about 30.00 s, \
         using 20% of the cores."
    );
    // Better p99 bought with many more drops is a trade, not a remedy.
    assert_eq!(
        describe(Side::Python, &finished(900.0, 10), &finished(300.0, 500)),
        None
    );
    // End to end: the I/O-bound API with Python at 3× the CPU no longer offers sync workers,
    // which made p99 worse, and every offer names two different p99s.
    let s = Settings {
        cpu_factor: 3.0,
        ..Settings::default()
    };
    let o = evaluate(&s, bundled());
    assert!(
        o.what_ifs.iter().all(|w| !w.action.contains("sync worker")),
        "{:?}",
        o.what_ifs
    );
    for w in &o.what_ifs {
        assert!(!w.outcome.contains("instead of nothing"), "{}", w.outcome);
    }
}

#[test]
fn counts_agree_with_their_nouns() {
    assert_eq!(plural(1, "process", "processes"), "1 process");
    assert_eq!(plural(3, "process", "processes"), "3 processes");
    assert_eq!(plural(1_200, "request", "requests"), "1,200 requests");
    let one = Settings {
        node_processes: 1,
        py_mode: PyMode::Processes,
        py_processes: 1,
        ..Settings::default()
    };
    let text = presets::summary(&one);
    assert!(text.contains("Node.js: 1 process;"), "{text}");
    assert!(text.contains("Python: 1 sync worker process."), "{text}");
    assert!(!text.contains("(es)"), "{text}");
    let many = Settings {
        node_processes: 3,
        py_mode: PyMode::Asyncio,
        py_processes: 3,
        ..Settings::default()
    };
    let text = presets::summary(&many);
    assert!(text.contains("Node.js: 3 processes;"), "{text}");
    assert!(text.contains("asyncio in 3 processes"), "{text}");
    // One sync worker: the I/O verdict speaks of workers, not "each of Python's 1 workers".
    let o = evaluate(&one, bundled());
    assert!(!o.verdict.contains("each of Python's 1"), "{}", o.verdict);
    assert!(!o.verdict.contains("1 event loop each"), "{}", o.verdict);
    let busy = o.metrics.iter().find(|m| m.id == "busy").unwrap();
    assert!(
        busy.shown(Side::Python).ends_with("of 1 worker process"),
        "{busy:?}"
    );
}

#[test]
fn sync_workers_are_described_as_processes() {
    let s = Settings {
        py_mode: PyMode::Processes,
        py_processes: 4,
        ..Settings::default()
    };
    let o = evaluate(&s, bundled());
    let busy = o.metrics.iter().find(|m| m.id == "busy").unwrap();
    assert!(
        busy.shown(Side::Python).ends_with("of 4 worker processes"),
        "{busy:?}"
    );
    let text = o.observations.join(" ");
    assert!(!text.contains("4 threads"), "{text}");
    assert!(
        text.contains("Python's 4 worker processes are all waiting on I/O"),
        "{text}"
    );
}

#[test]
fn waiting_counts_gil_waiters_like_loop_waiters() {
    // 8 threads hold requests, 2 in I/O, one GIL: 5 wait for it, plus 3 in the accept queue.
    let threads = QueuePoint {
        t_s: 0.0,
        queued: 3.0,
        in_system: 11.0,
        busy: 8.0,
        in_io: 2.0,
    };
    assert_eq!(waiting_for_server(&threads, false, 1), 8.0);
    assert_eq!(
        waiting_for_server(&threads, false, 4),
        5.0,
        "four GILs run four"
    );
    // A loop running one request with 2 in I/O and 8 more in the system: 8 wait for it.
    let lp = QueuePoint {
        t_s: 0.0,
        queued: 5.0,
        in_system: 11.0,
        busy: 1.0,
        in_io: 2.0,
    };
    assert_eq!(waiting_for_server(&lp, true, 1), 8.0);
    // On the ML pipeline both lines now rise: Python's GIL queue is no longer invisible.
    let s = ml_pipeline();
    let pair = run_pair(&s).unwrap();
    let mean = |side: Side| {
        let v = nvp_versus::plot::waiting_series(side, &s, pair.side(side));
        v.iter().map(|p| p.1).sum::<f64>() / v.len() as f64
    };
    assert!(mean(Side::Node) > 0.5, "{}", mean(Side::Node));
    assert!(mean(Side::Python) > 0.5, "{}", mean(Side::Python));
}
