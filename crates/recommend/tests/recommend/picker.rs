//! The picker's `u.` hash keys: round trips, defaults, and hostile input.

use crate::support::{content, ids, step};
use nvp_recommend::picker::{PickerAction, PickerState, decode, encode};
use nvp_recommend::usecase::{Favours, Fluency, Scaling, TeamProfile, WorkloadMix};
use nvp_state::{HashParams, LinkState, hash};
use proptest::prelude::*;

fn params(pairs: &[(&str, &str)]) -> HashParams {
    let mut p = HashParams::new();
    for (k, v) in pairs {
        p.set(*k, *v);
    }
    p
}

#[test]
fn a_full_state_survives_the_url() {
    let c = content();
    let state = PickerState {
        selected: ids(&["ml_pipeline", "chat"]),
        filter: nvp_recommend::usecase::Filter {
            query: "real time & co".into(),
            categories: ids(&["realtime", "data_ai"]),
            favours: Favours::Stack("python".into()),
        },
        team: TeamProfile {
            js_fluency: Some(Fluency::New),
            py_fluency: Some(Fluency::Fluent),
            beginners: Some(false),
            workload_mix: Some(WorkloadMix::MostlyCpu),
            scaling: Some(Scaling::OneLargeApp),
        },
    };
    let raw = hash::write("#intro", "nvp", &encode(&state));
    let parsed = hash::parse(&raw, "nvp");
    assert!(parsed.problems.is_empty());
    let back = decode(&parsed.params.with_prefix("u."), &c);
    assert_eq!(back.state, state);
    assert!(back.problems.is_empty());
    assert!(
        raw.starts_with("intro&"),
        "the host's fragment is kept: {raw}"
    );
}

#[test]
fn defaults_write_nothing() {
    assert!(encode(&PickerState::default()).is_empty());
    let d = decode(&HashParams::new(), &content());
    assert_eq!(d.state, PickerState::default());
    assert!(d.problems.is_empty());
}

#[test]
fn unknown_values_are_dropped_with_one_notice() {
    let c = content();
    let p = params(&[
        ("u.sel", "chat,nope,,chat,<script>"),
        ("u.cat", "realtime,bogus"),
        ("u.fav", "cobol"),
        ("u.js", "banana"),
        ("u.mix", "cpu"),
        ("u.zz", "1"),
    ]);
    let d = decode(&p, &c);
    let (s, notice) = (d.state, PickerState::notice(&d.problems));
    assert_eq!(s.selected, ids(&["chat"]), "valid ids kept once, in order");
    assert_eq!(s.filter.categories, ids(&["realtime"]));
    assert_eq!(s.filter.favours, Favours::Any);
    assert_eq!(s.team.js_fluency, None);
    assert_eq!(s.team.workload_mix, Some(WorkloadMix::MostlyCpu));
    let notice = notice.expect("a notice for the dropped values");
    assert!(notice.contains("nope"), "{notice}");
    assert!(
        notice.contains("more"),
        "long lists are summed up: {notice}"
    );
    assert_eq!(notice.matches(". ").count(), 0, "one sentence: {notice}");
}

#[test]
fn filtering_never_touches_the_selection() {
    let mut s = PickerState::default();
    for action in [
        PickerAction::Select("chat".into(), true),
        PickerAction::Select("ml_pipeline".into(), true),
        PickerAction::SetQuery("zzz".into()),
        PickerAction::ToggleCategory("automation".into()),
        PickerAction::SetFavours(Favours::Either),
        PickerAction::ClearFilters,
    ] {
        s = step(&s, action);
    }
    assert_eq!(s.selected, ids(&["chat", "ml_pipeline"]));
    assert!(s.filter.is_clear());
    // Repeating an action leaves the state equal, so the view skips the render.
    let again = step(&s, PickerAction::Select("chat".into(), true));
    assert_eq!(again, s);
    let s = step(&s, PickerAction::Select("chat".into(), false));
    assert_eq!(s.selected, ids(&["ml_pipeline"]));
    let s = step(&s, PickerAction::ClearSelection);
    assert!(s.selected.is_empty());
}

proptest! {
    #[test]
    fn any_raw_hash_decodes_without_panicking(raw in "[#a-z.=&,%0-9A-F_ -]{0,80}") {
        let parsed = hash::parse(&format!("nvp.u.sel={raw}&{raw}"), "nvp");
        let s = decode(&parsed.params.with_prefix("u."), &content()).state;
        for id in &s.selected {
            prop_assert!(content().use_case(id).is_some());
        }
    }
}
