//! The `s.*` link keys round-trip every setting exactly and survive garbage.

use crate::support::shipped as bundled;
use nvp_state::HashParams;
use nvp_versus::hash::{decode, encode};
use nvp_versus::presets;
use nvp_versus::settings::{PyMode, Settings};
use proptest::prelude::*;

fn sources() -> Vec<&'static str> {
    bundled().sources.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn every_preset_round_trips() {
    for p in presets::all(bundled()) {
        let back = decode(&encode(&p.settings), &sources());
        assert_eq!(back.state, p.settings, "{}", p.id);
        assert!(back.problems.is_empty(), "{:?}", back.problems);
    }
    let odd = Settings {
        rate_per_s: 123.456789,
        seed: u32::MAX,
        py_mode: PyMode::FreeThreaded,
        window_start_s: 3.3,
        ..Settings::default()
    };
    assert_eq!(decode(&encode(&odd), &sources()).state, odd);
}

#[test]
fn garbage_falls_back_with_reasons() {
    let mut p = HashParams::new();
    for (k, v) in [
        ("s.rate", "lots"),
        ("s.cores", "5000"),
        ("s.pm", "<script>"),
        ("s.zz", "1"),
        ("s.cfs", "evil"),
        ("s.cf", "2"),
    ] {
        p.set(k, v);
    }
    let d = decode(&p, &sources());
    assert_eq!(d.state.rate_per_s, Settings::default().rate_per_s);
    assert_eq!(d.state.cores, 64);
    assert_eq!(d.state.py_mode, PyMode::Threads);
    assert_eq!(d.state.cpu_factor, 2.0);
    assert_eq!(
        d.state.cpu_factor_source, None,
        "an unknown citation is never shown"
    );
    assert_eq!(d.problems.len(), 5, "{:?}", d.problems);
    let notice = d.notice().unwrap();
    assert!(notice.contains("5 settings"), "{notice}");
    assert!(decode(&HashParams::new(), &sources()).notice().is_none());
}

proptest! {
    #[test]
    fn any_text_decodes_to_settings_in_range(key in "[a-z]{1,5}", value in "\\PC{0,20}") {
        let mut p = HashParams::new();
        p.set(format!("s.{key}"), value);
        let d = decode(&p, &sources());
        let (again, issues) = d.state.clone().clamped();
        prop_assert_eq!(again, d.state);
        prop_assert!(issues.is_empty());
    }
}
