//! The fair fight, as the issue states it: under Tuned no preset leaves either side unstable and
//! every verdict holds across seeds; an unstable run never yields a margin; out of the box shows
//! the defaults trap in the right words.

use crate::support::shipped;
use nvp_versus::capacity;
use nvp_versus::server::Side;
use nvp_versus::settings::{Config, Settings};
use nvp_versus::{Verdict, config, evaluate, presets};

/// The verdict without its exact ratio: what must not change with the seed.
fn kind(v: &Verdict) -> String {
    match v {
        Verdict::Unstable(o) => {
            let sides: Vec<&str> = o.iter().map(|o| o.side.id()).collect();
            format!("unstable {}", sides.join("+"))
        }
        Verdict::Ahead { side, metric, .. } => format!("{} ahead on {}", side.id(), metric.id()),
        Verdict::NoClearDifference => "no clear difference".to_string(),
    }
}

#[test]
fn tuned_presets_leave_no_side_unstable() {
    for p in presets::all(shipped()) {
        let s = p.settings();
        assert_eq!(s.config, Config::Tuned);
        for server in config::servers(&s) {
            for r in capacity::resources(&server, &s.traffic, s.cores) {
                assert!(
                    r.load() < 0.9,
                    "{}: {} is at {:.2} ({})",
                    p.id,
                    server.title(),
                    r.load(),
                    r.describe()
                );
            }
        }
    }
}

#[test]
fn every_tuned_verdict_holds_across_five_seeds() {
    for p in presets::all(shipped()) {
        let mut seen = Vec::new();
        for seed in 1..=5 {
            let s = Settings {
                seed,
                ..p.settings()
            };
            let o = evaluate(&s);
            let f = o.result.expect("presets run");
            // A "too close" verdict quotes the rule it applied, exactly.
            if f.summary[0].contains("less than") {
                let rule = [
                    format!(
                        "less than {} ms apart",
                        nvp_versus::metrics::MIN_LATENCY_GAP_MS
                    ),
                    format!("less than {}× apart", nvp_versus::metrics::MEANINGFUL_RATIO),
                ];
                assert!(
                    rule.iter().any(|r| f.summary[0].contains(r.as_str())),
                    "{}: {}",
                    p.id,
                    f.summary[0]
                );
            }
            let opening: String = f.summary[0].split(':').next().unwrap_or_default().into();
            seen.push((kind(&f.verdict), opening));
        }
        assert!(
            seen.windows(2).all(|w| w[0] == w[1]),
            "{}: the verdict changes with the seed: {seen:?}",
            p.id
        );
    }
}

#[test]
fn an_unstable_run_never_names_a_margin() {
    let mut unstable = 0;
    for p in presets::all(shipped()) {
        let s = Settings {
            config: Config::OutOfBox,
            ..p.settings()
        };
        let f = evaluate(&s).result.expect("presets run");
        if let Verdict::Unstable(overloads) = &f.verdict {
            unstable += 1;
            let text = f.summary.join(" ");
            assert!(
                text.starts_with("No verdict from this run"),
                "{}: {text}",
                p.id
            );
            assert!(
                !text.contains('×') && !text.contains("ahead"),
                "{}: {text}",
                p.id
            );
            for o in overloads {
                assert!(text.contains(&o.resource.describe()), "{}: {text}", p.id);
            }
            for m in &f.metrics {
                assert!(m.difference.is_empty(), "{}: {:?}", p.id, m.difference);
            }
        }
    }
    assert!(unstable >= 5, "out of the box overloads several presets");
}

#[test]
fn out_of_the_box_shows_the_defaults_trap() {
    let s = Settings {
        config: Config::OutOfBox,
        ..Settings::default()
    };
    let o = evaluate(&s);
    assert!(
        o.configuration
            .contains("gunicorn's default is one sync worker")
    );
    let f = o.result.expect("runs");
    match &f.verdict {
        Verdict::Unstable(overloads) => {
            assert_eq!(overloads.len(), 1);
            assert_eq!(overloads[0].side, Side::Python);
        }
        v => panic!("one sync worker cannot carry the default API traffic: {v:?}"),
    }
    assert!(
        f.what_ifs.iter().any(|w| w.side == Side::Python),
        "{:?}",
        f.what_ifs
    );
}

#[test]
fn the_default_run_says_how_each_side_was_configured() {
    let o = evaluate(&Settings::default());
    let text = &o.configuration;
    assert!(
        text.contains("4-process cluster") && text.contains("gthread"),
        "{text}"
    );
    let f = o.result.expect("runs");
    assert!(f.pair.sides.iter().all(|s| !s.unstable()));
    assert!(
        f.pair.sides.iter().all(|s| s.measured() >= 20_000),
        "20,000 requests per side"
    );
}

/// The outcome crosses from the simulator module to the depth module as postcard bytes, and the
/// settings the other way: both must come back identical.
#[test]
fn outcomes_and_settings_survive_postcard() {
    let s = Settings::default();
    let bytes = postcard::to_allocvec(&s).expect("settings encode");
    assert_eq!(
        postcard::from_bytes::<Settings>(&bytes).expect("settings decode"),
        s
    );
    let o = evaluate(&s);
    let bytes = postcard::to_allocvec(&o).expect("outcome encodes");
    let back: nvp_versus::Outcome = postcard::from_bytes(&bytes).expect("outcome decodes");
    assert_eq!(back, o);
}
