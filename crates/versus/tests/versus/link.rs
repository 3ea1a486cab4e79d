//! The Simulate tab's `s.*` keys: every preset and configuration round-trips, and any link gives
//! usable settings with one notice.

use crate::support::shipped;
use nvp_state::{HashParams, LinkState};
use nvp_versus::hash::{decode, encode};
use nvp_versus::presets;
use nvp_versus::settings::{Config, PyMode, Settings};
use proptest::prelude::*;

#[test]
fn every_preset_and_configuration_round_trips() {
    for p in presets::all(shipped()) {
        for config in Config::ALL {
            let mut s = p.settings();
            s.config = config;
            s.custom.py_mode = PyMode::FreeThreaded;
            let back = decode(&encode(&s));
            assert!(back.problems.is_empty(), "{}: {:?}", p.id, back.problems);
            assert_eq!(back.state, s, "{} {config:?}", p.id);
        }
    }
}

#[test]
fn garbage_falls_back_with_reasons() {
    let mut p = HashParams::new();
    p.set("s.rate", "lots");
    p.set("s.cores", "500");
    p.set("s.cfg", "fastest");
    p.set("s.pm", "nogil");
    p.set("s.bogus", "1");
    let d = decode(&p);
    assert_eq!(
        d.state.traffic.rate_per_s,
        Settings::default().traffic.rate_per_s
    );
    assert_eq!(d.state.cores, 64);
    assert_eq!(d.state.config, Config::Tuned);
    assert_eq!(d.state.custom.py_mode, PyMode::FreeThreaded);
    assert_eq!(d.problems.len(), 4, "{:?}", d.problems);
    let notice = d.notice().expect("a notice");
    assert!(notice.starts_with("The simulator link had 4 settings it could not use"));
    assert!(decode(&HashParams::new()).notice().is_none());
}

proptest! {
    #[test]
    fn any_link_gives_settings_that_round_trip(
        pairs in proptest::collection::vec(("s\\.[a-z]{1,6}", ".{0,12}"), 0..12)
    ) {
        let mut p = HashParams::new();
        for (k, v) in &pairs {
            p.set(k.clone(), v.clone());
        }
        let d = <Settings as LinkState>::decode(shipped(), &p);
        let again = decode(&encode(&d.state));
        prop_assert!(again.problems.is_empty(), "{:?}", again.problems);
        prop_assert_eq!(again.state, d.state);
    }
}
