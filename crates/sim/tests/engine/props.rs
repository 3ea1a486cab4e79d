//! Invariants of the simulator over random small scenarios (proptest, 96 cases each).

use nvp_sim::{
    Arrival, Dist, IoKind, LaneKind, RunOptions, Scenario, ServerModel, SimResult, SpanState,
    Workload, run,
};
use proptest::prelude::*;

fn dist() -> impl Strategy<Value = Dist> {
    prop_oneof![
        (0.0..20.0f64).prop_map(|mean| Dist::Deterministic { mean }),
        Just(Dist::Deterministic { mean: 0.0 }),
        (0.0..20.0f64).prop_map(|mean| Dist::Exponential { mean }),
        (0.1..20.0f64, 0.0..3.0f64).prop_map(|(mean, cv)| Dist::Lognormal { mean, cv }),
    ]
}

fn model() -> impl Strategy<Value = ServerModel> {
    prop_oneof![
        (1..4u32, 1..5u32, 0..40u32, 0.5..3.0f64).prop_map(
            |(processes, threadpool_size, backlog, cpu_scale)| {
                ServerModel::EventLoop {
                    processes,
                    threadpool_size,
                    backlog,
                    cpu_scale,
                    overhead_ms: 0.0,
                }
            }
        ),
        (
            1..4u32,
            1..7u32,
            any::<bool>(),
            0.2..10.0f64,
            0..40u32,
            0.5..3.0f64
        )
            .prop_map(
                |(processes, threads_per_process, gil, switch_interval_ms, backlog, cpu_scale)| {
                    ServerModel::Threads {
                        processes,
                        threads_per_process,
                        gil,
                        switch_interval_ms,
                        backlog,
                        cpu_scale,
                        overhead_ms: 0.0,
                    }
                }
            ),
    ]
}

prop_compose! {
    fn scenario()(
        seed in any::<u64>(),
        duration_s in 0.5..4.0f64,
        warm in 0.0..0.5f64,
        cores in 1..5u32,
        rate in 5.0..600.0f64,
        poisson in any::<bool>(),
        phases in (dist(), prop_oneof![dist(), (0.0..60.0f64).prop_map(|mean| Dist::Exponential { mean })], dist()),
        pool in any::<bool>(),
        model in model(),
        io_calls in prop_oneof![3 => Just(1u32), 1 => 2..5u32],
        native_share in prop_oneof![2 => Just(0.0), 1 => 0.0..=1.0f64],
        overhead_ms in prop_oneof![2 => Just(0.0), 1 => 0.0..2.0f64],
        syn_retries in 0..3u32,
        client_timeout_s in prop_oneof![Just(None), (0.05..3.0f64).prop_map(Some)],
        drain in any::<bool>(),
    ) -> Scenario {
        let arrival = if poisson { Arrival::Poisson { rate_per_s: rate } } else { Arrival::Constant { rate_per_s: rate } };
        Scenario {
            seed,
            duration_s,
            warmup_s: duration_s * warm,
            cores,
            workload: Workload {
                arrival,
                cpu_before_io_ms: phases.0,
                io_ms: phases.1,
                cpu_after_io_ms: phases.2,
                io_kind: if pool { IoKind::Threadpool } else { IoKind::Network },
                io_calls: 1,
                native_share: 0.0,
            },
            model: with_overhead(model, overhead_ms),
            client_timeout_s,
            syn_retries,
            drain,
        }.with_workload(io_calls, native_share)
    }
}

fn with_overhead(model: ServerModel, ms: f64) -> ServerModel {
    match model {
        ServerModel::EventLoop {
            processes,
            threadpool_size,
            backlog,
            cpu_scale,
            ..
        } => ServerModel::EventLoop {
            processes,
            threadpool_size,
            backlog,
            cpu_scale,
            overhead_ms: ms,
        },
        ServerModel::Threads {
            processes,
            threads_per_process,
            gil,
            switch_interval_ms,
            backlog,
            cpu_scale,
            ..
        } => ServerModel::Threads {
            processes,
            threads_per_process,
            gil,
            switch_interval_ms,
            backlog,
            cpu_scale,
            overhead_ms: ms,
        },
    }
}

/// Sets the workload's I/O calls and native share on a generated scenario.
trait WithWorkload {
    fn with_workload(self, io_calls: u32, native_share: f64) -> Self;
}

impl WithWorkload for Scenario {
    fn with_workload(mut self, io_calls: u32, native_share: f64) -> Self {
        self.workload.io_calls = io_calls;
        self.workload.native_share = native_share;
        self
    }
}

/// Whole-run trace with room for every span.
fn full_trace() -> RunOptions {
    RunOptions {
        trace_window_s: Some((0.0, 1e9)),
        trace_cap: 1_000_000,
        ..RunOptions::default()
    }
}

/// Every pair of spans on `lanes` with state RunningCpu is disjoint in time.
fn running_spans_disjoint(r: &SimResult, lanes: &[u32]) -> Result<(), String> {
    let mut spans: Vec<(f64, f64, u64)> = r
        .trace
        .spans
        .iter()
        .filter(|s| s.state == SpanState::RunningCpu && lanes.contains(&s.lane))
        .map(|s| (s.start_ms, s.end_ms, s.request))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in spans.windows(2) {
        // Allow float noise in the time arithmetic, nothing more.
        if w[1].0 < w[0].1 - 1e-9 {
            return Err(format!(
                "request {} runs from {} ms while request {} runs until {} ms",
                w[1].2, w[1].0, w[0].2, w[0].1
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn counts_add_up(s in scenario()) {
        let r = run(&s, &RunOptions::default()).unwrap();
        prop_assert_eq!(r.arrived, r.completed + r.dropped + r.in_flight_at_end);
        let o = r.outcomes;
        prop_assert_eq!(o.arrived, o.completed + o.timed_out + o.refused + o.unfinished);
        prop_assert_eq!(o.completed, r.latency_ms.count);
        if s.drain && !r.capped {
            // Draining ends when every measured request has an outcome, or at the hard stop,
            // after which nobody is still waiting within their time-out.
            prop_assert!(s.client_timeout_s.is_none() || o.unfinished == 0, "{:?}", o);
        }
        if let Some(limit) = s.client_timeout_s {
            prop_assert!(r.latency_ms.max <= limit * 1e3 * (1.0 + 1e-12));
        }
        prop_assert!(r.latency_ms.count <= r.completed);
        prop_assert!(r.latency_ms.p50 <= r.latency_ms.p95 && r.latency_ms.p95 <= r.latency_ms.p99);
        prop_assert!(r.latency_ms.p99 <= r.latency_ms.max);
        prop_assert!(r.queue_series.len() <= 100);
    }

    #[test]
    fn same_seed_same_result(s in scenario()) {
        let opts = RunOptions { trace_window_s: Some((0.0, 1.0)), ..RunOptions::default() };
        prop_assert_eq!(run(&s, &opts).unwrap(), run(&s, &opts).unwrap());
    }

    #[test]
    fn cpu_work_never_exceeds_the_cores(s in scenario()) {
        let r = run(&s, &RunOptions::default()).unwrap();
        prop_assert!(r.core_utilisation <= 1.0 + 1e-12);
        // Work completed over the whole run fits in cores × time.
        prop_assert!(r.cpu_work_s <= f64::from(s.cores) * r.end_s * (1.0 + 1e-9), "{} > {} × {}", r.cpu_work_s, s.cores, r.end_s);
    }

    #[test]
    fn one_loop_or_one_gil_runs_one_thing_at_a_time(s in scenario()) {
        let r = run(&s, &full_trace()).unwrap();
        prop_assert!(!r.trace.truncated);
        let gil = matches!(s.model, ServerModel::Threads { gil: true, .. });
        let native = s.workload.native_share > 0.0;
        let processes = match s.model { ServerModel::EventLoop { processes, .. } | ServerModel::Threads { processes, .. } => processes };
        for p in 0..processes {
            // A loop runs one callback at a time; one thread of a process holds its GIL at a
            // time; and with no native code, only the GIL holder computes.
            let mut kinds = vec![LaneKind::Loop, LaneKind::Gil];
            if gil && !native {
                kinds.push(LaneKind::Thread);
            }
            for kind in kinds {
                let lanes: Vec<u32> = r.trace.lanes.iter()
                    .filter(|l| l.process == p && l.kind == kind)
                    .map(|l| l.id)
                    .collect();
                running_spans_disjoint(&r, &lanes).map_err(TestCaseError::fail)?;
            }
        }
        if let ServerModel::EventLoop { processes, .. } = s.model {
            let busiest = r.queue_series.iter().map(|q| q.busy).fold(0.0, f64::max);
            prop_assert!(busiest <= f64::from(processes) + 1e-9, "busy {} of {}", busiest, processes);
        }
    }

    #[test]
    fn trace_respects_window_and_cap(s in scenario(), cap in 0..50usize, from in 0.0..2.0f64, len in 0.0..1.0f64) {
        let opts = RunOptions { trace_window_s: Some((from, from + len)), trace_cap: cap, ..RunOptions::default() };
        let r = run(&s, &opts).unwrap();
        prop_assert!(r.trace.spans.len() <= cap);
        for sp in &r.trace.spans {
            prop_assert!(sp.end_ms >= from * 1e3 && sp.start_ms <= (from + len) * 1e3);
            prop_assert!(sp.start_ms < sp.end_ms);
            prop_assert!((sp.lane as usize) < r.trace.lanes.len());
        }
        // Not truncated means nothing was lost: the uncapped trace has the same spans.
        if !r.trace.truncated {
            let all = run(&s, &RunOptions { trace_cap: 1_000_000, ..opts }).unwrap();
            prop_assert_eq!(all.trace.spans.len(), r.trace.spans.len());
        }
    }
}
