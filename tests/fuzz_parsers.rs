//! Fuzzing every parser of outside input with proptest: the URL hash (the shared format and
//! each tab's decoder), embed attributes, the options object, and simulator parameters.
//! At least 10,000 random inputs each; every input must be accepted or rejected with a
//! message, and none may panic.
#![cfg(not(target_arch = "wasm32"))]

use node_vs_python::content::bundled;
use node_vs_python::options::{OptionValue, View, parse_entries, parse_pairs};
use node_vs_python::sim::{self, RunOptions, Scenario};
use node_vs_python::state::{HashParams, hash};
use proptest::prelude::*;

const CASES: u32 = 10_000;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Hash-like text: mostly the characters a hash is made of, with escapes, unicode and noise.
fn hashish() -> impl Strategy<Value = String> {
    prop_oneof![
        "#?(nvp\\.[a-z.]{0,6}=[a-z0-9:,.%+~-]{0,24}&?){0,8}",
        "[#&=%.a-zA-Z0-9:,~+ ]{0,80}",
        ".{0,120}",
        "#nvp\\.(tab|c\\.w|c\\.x|c\\.f|u\\.sel|u\\.q|s\\.p|s\\.rate)=(%[0-9A-Fa-f]{0,2}|[^&]){0,30}",
    ]
}

/// Keys the widget's tabs actually read, with random values, so decoders see plausible input.
fn tab_params() -> impl Strategy<Value = HashParams> {
    let key = prop_oneof![
        Just("tab".to_string()),
        "c\\.[a-z]{1,2}",
        "u\\.[a-z]{1,5}",
        "s\\.[a-z0-9]{1,6}",
    ];
    proptest::collection::vec((key, ".{0,40}"), 0..10).prop_map(|pairs| {
        let mut params = HashParams::new();
        for (k, v) in pairs {
            params.set(k, v);
        }
        params
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn url_hash_is_total_and_round_trips(raw in hashish(), params in tab_params()) {
        let parsed = hash::parse(&raw, "nvp");
        for problem in &parsed.problems {
            prop_assert!(!problem.trim().is_empty());
        }
        // Writing our pairs keeps everything foreign and reads back exactly.
        let written = hash::write(&raw, "nvp", &params);
        prop_assert_eq!(hash::parse(&written, "nvp").params, params);
    }

    #[test]
    fn each_tabs_hash_decoder_is_total(raw in hashish(), params in tab_params()) {
        let content = bundled();
        let sources: Vec<&str> = content.sources.iter().map(|s| s.id.as_str()).collect();
        for p in [hash::parse(&raw, "nvp").params, params] {
            let compare = node_vs_python::ui::compare::state::decode(content, &p.with_prefix("c."));
            prop_assert_eq!(compare.problems.is_empty(), compare.notice().is_none());
            let (_, notice) = node_vs_python::ui::usecases::state::decode(&p.with_prefix("u."), content);
            if let Some(n) = notice { prop_assert!(!n.trim().is_empty()); }
            let versus = node_vs_python::versus::hash::decode(&p.with_prefix("s."), &sources);
            prop_assert_eq!(versus.problems.is_empty(), versus.notice().is_none());
        }
    }

    #[test]
    fn embed_attributes_are_total(
        pairs in proptest::collection::vec(
            (prop_oneof![
                "(data-)?(views|view|theme|accent|compact|hash|namespace|state|lazy|preset)",
                "[a-zA-Z-]{1,12}",
            ], prop_oneof![".{0,40}", "(compare|usecases|simulate|bogus)([, ](compare|usecases|simulate))*", "#[0-9a-fA-F]{0,8}"]),
            0..8)
    ) {
        let parsed = parse_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        check_options(&parsed)?;
    }

    #[test]
    fn option_objects_are_total(entries in proptest::collection::vec((
        prop_oneof!["views|view|theme|accent|compact|hash|namespace|state|lazy|preset", "[a-z]{1,8}"],
        prop_oneof![
            any::<bool>().prop_map(OptionValue::Bool),
            any::<f64>().prop_map(OptionValue::Number),
            ".{0,30}".prop_map(OptionValue::Text),
            proptest::collection::vec("[a-z]{0,9}", 0..4).prop_map(OptionValue::List),
            Just(OptionValue::Other(serde::de::IgnoredAny)),
        ],
    ), 0..8)) {
        let entries: Vec<(String, OptionValue)> = entries;
        let parsed = parse_entries(&entries);
        check_options(&parsed)?;
    }

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

/// The invariants every parsed option set keeps, whatever the input.
fn check_options(parsed: &node_vs_python::options::ParsedOptions) -> Result<(), TestCaseError> {
    let o = &parsed.options;
    prop_assert!(!o.views.is_empty());
    prop_assert!(o.views.contains(&o.initial_view));
    prop_assert!(o.views.iter().all(|v| View::ALL.contains(v)));
    prop_assert!(node_vs_python::options::parse::is_namespace(&o.namespace));
    if let Some(accent) = &o.accent {
        let smuggles = accent.contains([';', '{', '}', '<', '>', '"', '\\']);
        prop_assert!(!smuggles, "accent {} could carry CSS", accent);
    }
    for w in &parsed.warnings {
        prop_assert!(!w.option.is_empty() && !w.reason.is_empty());
    }
    Ok(())
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
