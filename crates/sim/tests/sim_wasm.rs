//! In-browser checks of the simulator: the wasm build reproduces the native golden figures, and a speed
//! probe prints requests/s for the same M/M/1 scenario the native criterion bench uses.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test sim_wasm`
//! (with `wasm-bindgen-test-runner` as the wasm32 runner).
#![cfg(target_arch = "wasm32")]

#[path = "engine/support/mod.rs"]
mod support;

use nvp_sim::{RunOptions, run};
use support::{
    compare, det, event_loop, exp, golden_lines, golden_options, golden_scenarios, max_rel_diff,
    parse_golden, scenario,
};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const GOLDEN: &str = include_str!("golden/sim_agree.txt");

#[wasm_bindgen_test]
fn wasm_matches_native_golden() {
    let mut lines = Vec::new();
    for (name, s) in golden_scenarios() {
        let r = run(&s, &golden_options()).expect("golden scenario is valid");
        lines.extend(golden_lines(name, &r));
    }
    // Counts must be equal; floats may differ in the last bits (libm's ln/exp on wasm vs the platform's).
    let golden = parse_golden(GOLDEN);
    console_log!(
        "wasm vs native golden: largest relative float difference {:e}",
        max_rel_diff(&lines, &golden)
    );
    let errors = compare(&lines, &golden, 1e-9);
    assert!(
        errors.is_empty(),
        "wasm differs from the native golden:\n{}",
        errors.join("\n")
    );
}

#[wasm_bindgen_test]
fn speed_probe_mm1() {
    // Same scenario as the criterion bench `mm1_event_loop_1M`, about one million requests.
    let s = scenario(
        42,
        12_500.0,
        625.0,
        4,
        80.0,
        [exp(10.0), det(0.0), det(0.0)],
        event_loop(1),
    );
    let opts = RunOptions::default();
    let mut best = f64::INFINITY;
    let mut requests = 0;
    for _ in 0..5 {
        let t0 = js_sys::Date::now();
        let r = run(&s, &opts).expect("valid");
        best = best.min(js_sys::Date::now() - t0);
        requests = r.arrived;
    }
    console_log!(
        "wasm M/M/1: {requests} requests, best of 5 {best:.1} ms, {:.2} M requests/s",
        requests as f64 / best / 1e3
    );
}
