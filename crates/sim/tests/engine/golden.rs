//! Pins the key figures of small fixed scenarios in `tests/golden/sim_agree.txt`, which the wasm test
//! (`sim_wasm.rs`) checks too: that is how native and wasm are shown to agree. `UPDATE_GOLDEN=1` rewrites it.

use crate::support::{compare, golden_lines, golden_options, golden_scenarios, parse_golden};
use nvp_sim::{fingerprint, run};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/sim_agree.txt");

fn actual() -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for (name, s) in golden_scenarios() {
        let r = run(&s, &golden_options()).expect("golden scenario is valid");
        lines.extend(golden_lines(name, &r));
    }
    lines
}

#[test]
fn native_matches_golden() {
    let lines = actual();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let mut text = String::from(
            "# Key figures of tests/engine/support golden_scenarios(); UPDATE_GOLDEN=1 cargo test -p nvp-sim --test engine golden rewrites this.\n",
        );
        for (k, v) in &lines {
            text.push_str(&format!("{k}={v}\n"));
        }
        std::fs::write(GOLDEN, text).expect("write golden");
        return;
    }
    let golden = parse_golden(
        &std::fs::read_to_string(GOLDEN).expect("golden file; create it with UPDATE_GOLDEN=1"),
    );
    // Natively the run is bit-for-bit reproducible, so floats must match to the printed precision.
    let errors = compare(&lines, &golden, 1e-15);
    assert!(
        errors.is_empty(),
        "differs from golden:\n{}",
        errors.join("\n")
    );
}

#[test]
fn same_seed_same_fingerprint_and_other_seed_differs() {
    for (_, s) in golden_scenarios() {
        let a = run(&s, &golden_options()).unwrap();
        let b = run(&s, &golden_options()).unwrap();
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_eq!(a, b);
        let other = nvp_sim::Scenario {
            seed: s.seed + 1000,
            ..s
        };
        assert_ne!(
            fingerprint(&a),
            fingerprint(&run(&other, &golden_options()).unwrap())
        );
    }
}
