//! The narration says the right sentence for small hand-made traces, and the metrics compute the
//! ratios and the better side from the figures.

use nvp_sim::{Lane, LaneKind, SimResult, Span, SpanState, Trace};
use nvp_versus::analysis;
use nvp_versus::estimate::Interval;
use nvp_versus::metrics::{Comparison, Goal, MetricId, compare_intervals, difference};
use nvp_versus::narration::{loop_block, readout, slots_starved};
use nvp_versus::plot::{levels, ticks};
use nvp_versus::run::SideRun;
use nvp_versus::server::{Server, ServerKind, Side};
use nvp_versus::settings::Settings;

fn lane(id: u32, kind: LaneKind, index: u32) -> Lane {
    Lane {
        id,
        kind,
        process: 0,
        index,
        label: String::new(),
    }
}

fn span(lane: u32, request: u64, start_ms: f64, end_ms: f64, state: SpanState) -> Span {
    Span {
        lane,
        request,
        start_ms,
        end_ms,
        state,
    }
}

fn run(kind: ServerKind, trace: Trace) -> SideRun {
    SideRun {
        server: Server {
            kind,
            cpu_factor: 1.0,
            overhead_ms: 0.0,
        },
        resources: Vec::new(),
        reps: Vec::new(),
        first: SimResult {
            end_s: 10.0,
            window_s: 10.0,
            trace,
            ..SimResult::default()
        },
        cdf: Vec::new(),
    }
}

const NODE: ServerKind = ServerKind::Node {
    processes: 1,
    pool: 4,
};
const GTHREAD: ServerKind = ServerKind::Gthread {
    workers: 1,
    threads: 8,
    switch_ms: 5.0,
};

fn settings(window_start_s: f64) -> Settings {
    Settings {
        window_start_s,
        window_len_s: 1.0,
        ..Settings::default()
    }
}

#[test]
fn a_long_cpu_phase_on_the_loop_is_told_with_the_queue_behind_it() {
    let mut spans = vec![
        span(0, 1, 1200.0, 1240.0, SpanState::RunningCpu),
        span(0, 2, 1100.0, 1101.0, SpanState::RunningCpu),
    ];
    // 37 requests arrive during the block and are still queued when it ends; one left before.
    for i in 0..37 {
        spans.push(span(
            1,
            10 + i,
            1205.0 + i as f64 * 0.9,
            1300.0 + i as f64,
            SpanState::Queued,
        ));
    }
    spans.push(span(1, 99, 1201.0, 1239.0, SpanState::Queued));
    let trace = Trace {
        lanes: vec![lane(0, LaneKind::Loop, 0), lane(1, LaneKind::Queue, 0)],
        spans,
        truncated: false,
    };
    let s = settings(1.0);
    assert_eq!(
        loop_block(&s, &run(NODE, trace.clone())).as_deref(),
        Some(
            "At 1.20 s Node.js's event loop spends 40 ms on one request; 37 requests wait behind it."
        )
    );
    // Outside the window it is not told; nor on a threaded server.
    assert_eq!(loop_block(&settings(3.0), &run(NODE, trace.clone())), None);
    assert_eq!(loop_block(&s, &run(GTHREAD, trace)), None);
}

#[test]
fn threads_stuck_in_io_with_a_queue_are_told() {
    let mut lanes = vec![lane(0, LaneKind::Queue, 0)];
    let mut spans = Vec::new();
    for t in 0..8u32 {
        lanes.push(lane(t + 1, LaneKind::Thread, t));
        spans.push(span(
            t + 1,
            t.into(),
            700.0 + f64::from(t) * 10.0,
            1500.0,
            SpanState::WaitingIo,
        ));
    }
    for q in 0..12u64 {
        spans.push(span(
            0,
            100 + q,
            800.0 + q as f64,
            1500.0,
            SpanState::Queued,
        ));
    }
    let trace = Trace {
        lanes,
        spans,
        truncated: false,
    };
    let s = settings(0.5);
    let r = run(GTHREAD, trace.clone());
    let text = slots_starved(&s, &r).expect("a sentence");
    assert_eq!(
        text,
        "At 0.80 s all 8 of Python's threads were waiting on I/O, so 1 new request queued. That lasted 70% of the window."
    );
    let snap = analysis::snapshot(&trace, 1000.0);
    assert_eq!((snap.threads_busy, snap.in_io, snap.queued), (8, 8, 12));
    assert_eq!(
        readout(&r.server, &snap),
        "Python: 8 of 8 threads busy: 0 running, 0 waiting for the GIL, 8 waiting for I/O, 12 queued."
    );
    // Sync workers are described as processes, and an event loop has no slots to run out of.
    let sync = run(ServerKind::Sync { workers: 8 }, trace.clone());
    assert!(
        slots_starved(&s, &sync)
            .unwrap()
            .contains("all 8 of Python's worker processes")
    );
    assert_eq!(slots_starved(&s, &run(NODE, trace)), None);
}

fn iv(mean: f64, half: f64) -> Interval {
    Interval { mean, half }
}

#[test]
fn a_better_side_needs_intervals_apart_and_a_meaningful_ratio() {
    let c = compare_intervals(Goal::Lower, iv(10.0, 1.0), iv(42.0, 2.0));
    assert_eq!(
        c,
        Comparison::Better {
            side: Side::Node,
            ratio: 4.2
        }
    );
    assert_eq!(difference(MetricId::P99, &c), "p99 4.2× lower on Node.js");
    let c = compare_intervals(Goal::Higher, iv(100.0, 5.0), iv(130.0, 5.0));
    assert_eq!(
        difference(MetricId::Throughput, &c),
        "throughput 1.3× higher on Python"
    );
    // Overlapping intervals: no claim, however far apart the means.
    assert_eq!(
        compare_intervals(Goal::Lower, iv(10.0, 8.0), iv(20.0, 3.0)),
        Comparison::NoClearDifference
    );
    // Apart but only 5 % better: too small to matter.
    assert_eq!(
        compare_intervals(Goal::Lower, iv(100.0, 0.5), iv(105.0, 0.5)),
        Comparison::NoClearDifference
    );
    // A side beyond the time-out is clearly worse.
    assert!(matches!(
        compare_intervals(Goal::Lower, iv(50.0, 1.0), iv(f64::INFINITY, f64::INFINITY)),
        Comparison::Better { side: Side::Node, ratio } if ratio.is_infinite()
    ));
    assert_eq!(
        compare_intervals(Goal::Neither, iv(1.0, 0.0), iv(2.0, 0.0)),
        Comparison::Unranked
    );
}

#[test]
fn plot_helpers() {
    assert_eq!(ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    assert_eq!(ticks(0.0, 0.3, 3), vec![0.0, 0.1, 0.2, 0.3]);
    let spans = [
        span(0, 1, 0.0, 50.0, SpanState::Queued),
        span(0, 2, 10.0, 30.0, SpanState::Queued),
        span(0, 3, 60.0, 200.0, SpanState::Queued),
    ];
    let (lv, max) = levels(&spans, 0.0, 100.0, 10);
    assert_eq!(max, 2);
    assert_eq!(lv, vec![1, 2, 2, 1, 1, 0, 1, 1, 1, 1]);
}

#[test]
fn a_sub_millisecond_latency_gap_names_no_winner() {
    // Chat traffic: p50 is each server's own cost per request, a few tenths of a ms apart.
    let s = nvp_versus::presets::find(crate::support::shipped(), "chat")
        .expect("the chat preset")
        .settings();
    let f = nvp_versus::evaluate(&s).result.expect("chat runs");
    let p50 = f.metrics.iter().find(|m| m.id == MetricId::P50).unwrap();
    let gap = (p50.values[0].mean - p50.values[1].mean).abs();
    assert!(
        gap > 0.0 && gap < nvp_versus::metrics::MIN_LATENCY_GAP_MS,
        "gap {gap} ms"
    );
    assert_eq!(
        p50.comparison,
        Comparison::NoClearDifference,
        "{:?}",
        p50.values
    );
    assert!(
        matches!(f.verdict, nvp_versus::Verdict::NoClearDifference),
        "{}",
        f.summary[0]
    );
}

#[test]
fn the_widget_quotes_the_last_reality_check() {
    let report = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/validation.md"
    ))
    .expect("docs/validation.md");
    use nvp_versus::validation::{RUNS, RUNS_MET, WHEN};
    assert!(
        report.contains(&format!("**{RUNS_MET} of {RUNS} runs** met every target")),
        "docs/validation.md no longer says {RUNS_MET} of {RUNS}: update crates/versus/src/validation.rs"
    );
    assert!(
        report.contains(&format!("({WHEN})")) || report.contains(WHEN),
        "the report's date is {WHEN}"
    );
    let s = nvp_versus::validation::sentence();
    assert!(s.contains(&format!("{RUNS_MET} of {RUNS}")));
}
