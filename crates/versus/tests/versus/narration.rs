//! The narration says the right sentence for small hand-made traces, and the metrics compute the
//! ratios and the better side from the figures.

use nvp_sim::{Lane, LaneKind, SimResult, Span, SpanState, Trace};
use nvp_versus::analysis;
use nvp_versus::metrics::{Goal, Verdict, difference, judge};
use nvp_versus::narration::{loop_block, readout, threads_starved};
use nvp_versus::plot::{levels, ticks};
use nvp_versus::run::Side;
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

fn result(trace: Trace) -> SimResult {
    SimResult {
        model: "event_loop".into(),
        end_s: 10.0,
        window_s: 10.0,
        trace,
        ..SimResult::default()
    }
}

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
        loop_block(Side::Node, &s, &result(trace.clone())).as_deref(),
        Some(
            "At 1.20 s Node.js's event loop spends 40 ms on one request; 37 requests wait behind it."
        )
    );
    // Outside the window it is not told.
    assert_eq!(loop_block(Side::Node, &settings(3.0), &result(trace)), None);
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
    let text = threads_starved(&s, &result(trace.clone())).expect("a sentence");
    assert_eq!(
        text,
        "At 0.80 s Python's 8 threads are all waiting on I/O, so new requests queue: 1 request was queued at 0.80 s, and all were in I/O with requests queued for 70% of the window."
    );
    let snap = analysis::snapshot(&trace, 1000.0);
    assert_eq!((snap.threads_busy, snap.in_io, snap.queued), (8, 8, 12));
    assert_eq!(
        readout(Side::Python, &s, &snap),
        "Python: 8 of 8 threads busy: 0 running, 0 waiting for the GIL, 8 waiting for I/O, 12 queued."
    );
}

#[test]
fn ratios_name_the_better_side() {
    let v = judge(Goal::Lower, 10.0, 42.0);
    assert_eq!(
        v,
        Verdict::Better {
            side: Side::Node,
            ratio: 4.2
        }
    );
    assert_eq!(
        difference("p99", Goal::Lower, &v),
        "p99 4.2× lower on Node.js"
    );
    let v = judge(Goal::Higher, 100.0, 130.0);
    assert_eq!(
        difference("throughput", Goal::Higher, &v),
        "throughput 1.3× higher on Python"
    );
    assert_eq!(
        judge(Goal::Lower, 100.0, 103.0),
        Verdict::Same,
        "within 5% is a tie"
    );
    assert_eq!(judge(Goal::Lower, 0.0, 0.0), Verdict::Same);
    assert!(
        matches!(judge(Goal::Lower, 0.0, 5.0), Verdict::Better { side: Side::Node, ratio } if ratio.is_infinite())
    );
    assert_eq!(judge(Goal::Neither, 1.0, 2.0), Verdict::Unranked);
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
