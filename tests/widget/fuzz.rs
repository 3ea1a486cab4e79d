//! Fuzzing every parser of outside input with proptest: the URL hash (the shared format and
//! each tab's decoder), embed attributes and the options object (the simulator's JSON is fuzzed
//! in `nvp-sim`'s own tests).
//! At least 10,000 random inputs each; every input must be accepted or rejected with a
//! message, and none may panic.

use node_vs_python::content::bundled;
use node_vs_python::options::{OptionValue, View, parse_entries, parse_pairs};
use nvp_recommend::compare::CompareState;
use nvp_recommend::picker::PickerState;
use nvp_state::{HashParams, LinkState, hash};
use nvp_versus::settings::Settings;
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
        for p in [hash::parse(&raw, "nvp").params, params] {
            decoder_is_total::<CompareState>(content, &p)?;
            decoder_is_total::<PickerState>(content, &p)?;
            decoder_is_total::<Settings>(content, &p)?;
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
}

/// A tab's decoder on any keys: a state that encodes and decodes to itself, and a notice exactly
/// when something was repaired.
fn decoder_is_total<S: LinkState<Context = nvp_content::Content>>(
    content: &nvp_content::Content,
    params: &HashParams,
) -> Result<(), TestCaseError> {
    let decoded = S::decode(content, &params.with_prefix(S::PREFIX));
    let notice = S::notice(&decoded.problems);
    prop_assert_eq!(decoded.problems.is_empty(), notice.is_none());
    if let Some(n) = notice {
        prop_assert!(!n.trim().is_empty());
    }
    let again = S::decode(content, &decoded.state.encode(content));
    prop_assert!(again.problems.is_empty(), "{:?}", again.problems);
    prop_assert!(again.state == decoded.state);
    Ok(())
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
