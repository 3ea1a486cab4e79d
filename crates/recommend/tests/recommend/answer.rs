//! The answer card's model: every answer gives a verdict, the table of mappings holds, and the
//! answers agree with the Use-cases tab's model they are built on.

use crate::support::shipped;
use nvp_recommend::answer::{self, Answers, Building, Team};
use nvp_recommend::usecase::{ConfidenceLevel, Verdict};
use nvp_state::LinkState;

#[test]
fn every_answer_gives_a_verdict_with_reasons() {
    let c = shipped();
    for building in Building::ALL {
        for team in Team::ALL {
            let a = Answers { building, team };
            let rec = a.recommend(c).expect("every answer maps to use cases");
            assert!(!answer::title(c, &rec).is_empty());
            assert!(!answer::top_reasons(&rec, 3).is_empty(), "{a:?}");
            for id in building.use_cases() {
                assert!(c.use_case(id).is_some(), "{id}");
            }
            assert!(building.weights_preset() < c.presets.len());
        }
    }
}

#[test]
fn the_fresh_answer_is_even_handed_and_the_extremes_are_clear() {
    let c = shipped();
    let fresh = Answers::default().recommend(c).unwrap();
    assert_eq!(
        answer::title(c, &fresh),
        "Either",
        "a web API with no team bias"
    );
    let rt = Answers {
        building: Building::Realtime,
        team: Team::JavaScript,
    }
    .recommend(c)
    .unwrap();
    assert_eq!(rt.verdict, Verdict::Single("node".into()));
    assert_eq!(rt.confidence.level, ConfidenceLevel::High);
    let ai = Answers {
        building: Building::Ai,
        team: Team::Python,
    }
    .recommend(c)
    .unwrap();
    assert_eq!(ai.verdict, Verdict::Single("python".into()));
    let mixed = Answers {
        building: Building::RealtimeWithAi,
        team: Team::Both,
    }
    .recommend(c)
    .unwrap();
    assert!(matches!(mixed.verdict, Verdict::Split { .. }));
    assert_eq!(answer::title(c, &mixed), "Node.js and Python");
}

#[test]
fn the_team_can_tip_a_web_api_either_way() {
    let c = shipped();
    let js = Answers {
        building: Building::Api,
        team: Team::JavaScript,
    };
    let py = Answers {
        building: Building::Api,
        team: Team::Python,
    };
    assert_eq!(
        js.recommend(c).unwrap().verdict,
        Verdict::Single("node".into())
    );
    assert_eq!(
        py.recommend(c).unwrap().verdict,
        Verdict::Single("python".into())
    );
}

#[test]
fn answers_round_trip_through_the_link() {
    let c = shipped();
    for building in Building::ALL {
        for team in Team::ALL {
            let a = Answers { building, team };
            let back = Answers::decode(c, &a.encode(c));
            assert_eq!(back.state, a);
            assert!(back.problems.is_empty());
        }
    }
    assert!(
        Answers::default().encode(c).is_empty(),
        "defaults write nothing"
    );
    let mut p = nvp_state::HashParams::new();
    p.set("a.b", "rocket");
    p.set("a.t", "py");
    let d = Answers::decode(c, &p);
    assert_eq!(d.state.team, Team::Python);
    assert!(d.notice().unwrap().contains("rocket"));
}

#[test]
fn the_decision_record_carries_answers_verdict_reasons_and_link() {
    let c = shipped();
    let a = Answers {
        building: Building::Realtime,
        team: Team::JavaScript,
    };
    let rec = a.recommend(c).unwrap();
    let md = answer::decision_record(c, &a, &rec, "https://example.com/#nvp.a.b=realtime");
    assert!(md.starts_with("# Backend runtime: Node.js or Python"));
    assert!(md.contains("- Building: Real-time") && md.contains("**Node.js** (high confidence)"));
    assert!(md.contains("https://example.com/#nvp.a.b=realtime"));
    assert_eq!(md.matches("\n- ").count(), 2 + rec.reasons.len());
}
