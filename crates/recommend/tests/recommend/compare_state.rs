//! The Compare tab's reducer and its URL-hash form: round trips, repairs, and totality.

use crate::support::{shipped as bundled, step};
use nvp_content::MAX_WEIGHT;
use nvp_recommend::compare::{
    CompareAction, CompareState, MAX_FILTER_CHARS, active_preset, decode, default_state, encode,
};
use nvp_state::hash::{parse, write};
use nvp_state::{HashParams, LinkState};
use proptest::prelude::*;
use std::rc::Rc;

fn params(pairs: &[(&str, &str)]) -> HashParams {
    let mut p = HashParams::new();
    for (k, v) in pairs {
        p.set(*k, *v);
    }
    p
}

#[test]
fn defaults_encode_to_nothing_and_decode_back() {
    let content = bundled();
    let state = default_state(content);
    assert!(encode(content, &state).is_empty());
    let decoded = decode(content, &HashParams::new());
    assert_eq!(decoded.state, state);
    assert_eq!(CompareState::notice(&decoded.problems), None);
    assert_eq!(active_preset(content, &state.weights), Some(0));
}

#[test]
fn a_changed_state_survives_the_real_url_hash() {
    let content = bundled();
    let state = CompareState {
        weights: (0..content.criteria.len()).map(|i| (i % 6) as u8).collect(),
        expanded: vec!["architecture".into(), "apis".into()],
        filter: "event loop & GIL #1".into(),
    };
    let raw = write("#host-anchor", "nvp", &encode(content, &state));
    assert!(raw.starts_with("host-anchor&"), "{raw}");
    let read = parse(&raw, "nvp");
    assert!(read.problems.is_empty());
    let decoded = decode(content, &read.params.with_prefix("c."));
    assert_eq!(decoded.state, state);
    assert!(decoded.problems.is_empty());
    // All-zero weights are a state of their own, not "the default".
    let zero = CompareState {
        weights: vec![0; content.criteria.len()],
        ..default_state(content)
    };
    assert_eq!(encode(content, &zero).get("c.w"), Some(""));
    assert_eq!(decode(content, &encode(content, &zero)).state, zero);
}

#[test]
fn bad_values_fall_back_and_are_reported_once() {
    let content = bundled();
    for bad in [
        "io:6",
        "io:3,io:4",
        "speed:3",
        "io",
        "io:-1",
        "io:3;drop",
        "<script>",
    ] {
        let d = decode(content, &params(&[("c.w", bad)]));
        assert_eq!(d.state.weights, default_state(content).weights, "{bad}");
        assert_eq!(d.problems.len(), 1, "{bad}");
    }
    let d = decode(
        content,
        &params(&[("c.x", "apis,nope"), ("c.q", "1"), ("tab", "x")]),
    );
    assert_eq!(d.state.expanded, ["apis"]);
    assert_eq!(d.problems.len(), 2, "{:?}", d.problems);
    let notice = CompareState::notice(&d.problems).unwrap();
    assert_eq!(notice.matches(". ").count(), 0, "one sentence: {notice}");
    let long = "y".repeat(MAX_FILTER_CHARS * 3);
    let d = decode(content, &params(&[("c.f", &long)]));
    assert_eq!(d.state.filter.chars().count(), MAX_FILTER_CHARS);
    assert_eq!(d.problems.len(), 1);
}

#[test]
fn the_reducer_clamps_toggles_and_skips_no_op_renders() {
    let content = bundled();
    let order = Rc::new(
        content
            .dimensions
            .iter()
            .map(|d| d.id.clone())
            .collect::<Vec<_>>(),
    );
    let start = default_state(content);
    let same = step(&start, CompareAction::SetWeight(0, start.weights[0]));
    assert_eq!(same, start, "an unchanged state stays equal (no re-render)");
    let s = step(&start, CompareAction::SetWeight(0, 99));
    assert_eq!(s.weights[0], MAX_WEIGHT);
    let s = step(&s, CompareAction::SetWeight(999, 1));
    assert_eq!(s.weights.len(), content.criteria.len());
    let toggle = |id: &str| CompareAction::Toggle {
        id: id.into(),
        order: order.clone(),
    };
    let s = step(&step(&s, toggle("apis")), toggle("architecture"));
    assert_eq!(s.expanded, ["architecture", "apis"], "kept in table order");
    let s = step(&s, toggle("apis"));
    assert_eq!(s.expanded, ["architecture"]);
    let s = step(&s, CompareAction::SetWeights(vec![1]));
    assert_eq!(s.weights.len(), content.criteria.len());
    assert_eq!(&s.weights[..2], &[1, 0]);
}

proptest! {
    #[test]
    fn any_link_gives_a_usable_state(
        w in ".{0,40}", x in ".{0,40}", f in ".{0,200}", key in "c\\.[a-z]{0,3}"
    ) {
        let content = bundled();
        let d = decode(content, &params(&[("c.w", &w), ("c.x", &x), ("c.f", &f), (&key, "1")]));
        prop_assert_eq!(d.state.weights.len(), content.criteria.len());
        prop_assert!(d.state.weights.iter().all(|w| *w <= MAX_WEIGHT));
        prop_assert!(d.state.expanded.iter().all(|id| content.dimension(id).is_some()));
        prop_assert!(d.state.filter.chars().count() <= MAX_FILTER_CHARS);
        // Whatever was kept encodes and decodes to itself, cleanly.
        let again = decode(content, &encode(content, &d.state));
        prop_assert_eq!(again.state, d.state);
        prop_assert!(again.problems.is_empty());
    }
}
