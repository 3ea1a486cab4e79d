//! Fuzzing the simulator's JSON input: every scenario, however absurd, is rejected with a
//! message naming the field or runs within its caps, and none panics.

use nvp_sim::{self as sim, RunOptions, Scenario};
use proptest::prelude::*;

/// At least 10,000 inputs, as for every outside-input parser.
const CASES: u32 = 10_000;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn simulator_parameters_are_validated_or_run(scenario in scenario_json()) {
        match serde_json::from_str::<Scenario>(&scenario) {
            Err(e) => prop_assert!(!e.to_string().is_empty()),
            Ok(s) => match sim::validate(&s) {
                Err(e) => prop_assert!(!e.to_string().is_empty()),
                Ok(()) => {
                    // The interactive cap keeps every accepted run small.
                    let options = RunOptions { max_requests: Some(300), ..RunOptions::default() };
                    let r = sim::run(&s, &options).expect("validated scenarios run");
                    prop_assert_eq!(r.arrived, r.completed + r.dropped + r.in_flight_at_end);
                }
            },
        }
    }
}

/// Scenario JSON with every field drawn from wide ranges, NaN-like and absurd values included
/// (serde_json cannot carry NaN, so huge, negative and zero values stand in), and sometimes
/// broken JSON.
fn scenario_json() -> impl Strategy<Value = String> {
    let num = prop_oneof![
        3 => 0.0f64..50.0,
        1 => prop_oneof![Just(0.0), Just(-1.0), Just(1e308), Just(-0.0), Just(1e-300)],
        1 => any::<f64>().prop_filter("finite", |v| v.is_finite()),
    ];
    let dist = prop_oneof![
        Just("deterministic"),
        Just("exponential"),
        Just("lognormal"),
        Just("weird")
    ];
    let model = prop_oneof![Just("event_loop"), Just("threads"), Just("fork")];
    (
        (any::<u64>(), num.clone(), num.clone(), 0u32..70),
        (
            prop_oneof![Just("poisson"), Just("constant")],
            num.clone(),
            dist.clone(),
            num.clone(),
            num.clone(),
        ),
        (
            model,
            0u32..40,
            0u32..300,
            any::<bool>(),
            num.clone(),
            0u32..5000,
        ),
        prop_oneof![9 => Just(""), 1 => Just("}")],
    )
        .prop_map(
            |(
                (seed, dur, warm, cores),
                (arr, rate, d, mean, cv),
                (m, procs, threads, gil, switch, backlog),
                tail,
            )| {
                format!(
                    r#"{{"seed":{seed},"duration_s":{dur},"warmup_s":{warm},"cores":{cores},
"workload":{{"arrival":{{"kind":"{arr}","rate_per_s":{rate}}},
"cpu_before_io_ms":{{"dist":"{d}","mean":{mean},"cv":{cv}}},
"io_ms":{{"dist":"exponential","mean":{mean}}},
"cpu_after_io_ms":{{"dist":"deterministic","mean":{cv}}},"io_kind":"network"}},
"model":{{"kind":"{m}","processes":{procs},"threadpool_size":4,"threads_per_process":{threads},
"gil":{gil},"switch_interval_ms":{switch},"backlog":{backlog}}}}}{tail}"#
                )
            },
        )
}
