//! Checks that each preset's verdict holds across seeds: prints the verdict kind per seed.
//! `cargo run --release -p nvp-versus --example seeds [tuned|defaults]`

use nvp_versus::settings::Config;
use nvp_versus::{Verdict, evaluate, presets};

fn main() {
    let config = match std::env::args().nth(1).as_deref() {
        Some("defaults") => Config::OutOfBox,
        _ => Config::Tuned,
    };
    let content = nvp_content::source::shipped();
    for p in presets::all(&content) {
        let mut kinds = Vec::new();
        for seed in 1..=6 {
            let mut s = p.settings();
            s.config = config;
            s.seed = seed;
            let o = evaluate(&s);
            let v = o.result.expect("runs").verdict;
            kinds.push(match v {
                Verdict::Unstable(o) => format!("unstable({})", o.len()),
                Verdict::Ahead {
                    side,
                    metric,
                    ratio,
                } => {
                    format!("{}:{}:{ratio:.2}", side.id(), metric.id())
                }
                Verdict::NoClearDifference => "none".to_string(),
            });
        }
        println!("{:22} {}", p.id, kinds.join("  "));
    }
}
