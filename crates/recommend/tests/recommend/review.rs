//! The review rules of `content/REVIEW.md`, checked on the shipped content:
//!
//! - **Sources**: every claim-bearing entry (a score, a nuance, a sourced point, an FAQ answer, a
//!   code note) names a listed source, and every listed source has a web address;
//! - **Balance**: the Balanced preset puts the two stacks within [`BALANCED_MARGIN_PP`]
//!   percentage points, and the team questions are symmetric: a neutral team moves neither
//!   stack, and each stack can gain and lose exactly as much as the other;
//! - **Corrections stay made**: phrases the review removed (vertical scaling, the old CPython
//!   issue, free-threading "since 3.13" as the whole story) do not come back.
//!
//! Each balance check is also run on deliberately tilted copies, so a test that passes here
//! would fail if someone tilted a score or an answer.

use crate::support::shipped as bundled;
use nvp_content::{Content, Nuance};
use nvp_recommend::compare::preset_weights;
use nvp_recommend::fit::fit;
use nvp_recommend::usecase::team::{NODE, PYTHON};
use nvp_recommend::usecase::{Fluency, TeamProfile, WorkloadMix};

/// The largest gap, in percentage points, the Balanced preset may open between the stacks.
/// REVIEW.md states the same number; one point moved on any Balanced criterion exceeds it.
const BALANCED_MARGIN_PP: f64 = 3.0;

/// The largest points lead a neutral team profile may give either stack (REVIEW.md).
const NEUTRAL_TEAM_MARGIN: i32 = 0;

/// Every sentence that makes a claim, with the source it names and where it sits.
fn claims(content: &Content) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cited = |place: String, items: &[Nuance]| {
        for (i, n) in items.iter().enumerate() {
            out.push((format!("{place}[{i}]"), n.source.clone()));
        }
    };
    for d in &content.dimensions {
        cited(format!("dimensions[{}].nuances", d.id), &d.nuances);
        for e in &d.entries {
            let place = format!("dimensions[{}].entries[{}].sourced_points", d.id, e.stack);
            cited(place, &e.sourced_points);
        }
    }
    for f in &content.faqs {
        cited(format!("faqs[{}].nuances", f.id), &f.nuances);
    }
    for s in &content.hello_worlds {
        cited(format!("hello_worlds[{}].notes", s.stack), &s.notes);
    }
    for f in &content.faqs {
        out.push((format!("faqs[{}].source", f.id), f.source.clone()));
    }
    for c in &content.criteria {
        for s in &c.scores {
            let place = format!("criteria[{}].scores[{}].source", c.id, s.stack);
            out.push((place, s.source.clone()));
        }
    }
    out
}

#[test]
fn every_claim_names_a_listed_source_with_a_web_address() {
    let content = bundled();
    let claims = claims(content);
    assert!(claims.len() > 40, "only {} claims found", claims.len());
    for (place, id) in &claims {
        let source = content
            .source(id)
            .unwrap_or_else(|| panic!("{place}: source \"{id}\" is not listed"));
        assert!(
            source.url.starts_with("https://"),
            "{place}: source \"{id}\" has no https address"
        );
    }
    // Every listed source has an address and is cited somewhere: no dead entries.
    for s in &content.sources {
        assert!(
            s.url.starts_with("https://"),
            "sources[{}] has no address",
            s.id
        );
        assert!(
            claims.iter().any(|(_, id)| id == &s.id),
            "sources[{}] is listed but never cited",
            s.id
        );
    }
}

#[test]
fn companies_say_what_each_uses_the_stack_for_with_a_source() {
    let content = bundled();
    let companies = content.dimension("companies").expect("companies row");
    for e in &companies.entries {
        assert!(
            e.points.is_empty(),
            "companies/{}: a bare point has no source: {:?}",
            e.stack,
            e.points
        );
        assert!(
            e.sourced_points.len() >= 3,
            "companies/{}: too few companies",
            e.stack
        );
        for p in &e.sourced_points {
            // Each point names the company and says what it uses the stack for, not just the name.
            assert!(
                p.text.split_whitespace().count() >= 8,
                "too terse: {}",
                p.text
            );
        }
    }
}

/// The Balanced preset's weights.
fn balanced_weights(content: &Content) -> Vec<u8> {
    let index = content
        .presets
        .iter()
        .position(|p| p.id == "balanced")
        .expect("a Balanced preset");
    preset_weights(content, index)
}

/// The Balanced preset's gap between the two stacks, in percentage points (Node minus Python).
fn balanced_gap(content: &Content) -> f64 {
    let result = fit(content, &balanced_weights(content));
    let pct = |stack: &str| result.get(stack).unwrap().percent().unwrap();
    pct(NODE) - pct(PYTHON)
}

#[test]
fn the_balanced_preset_favours_neither_stack_beyond_the_margin() {
    let gap = balanced_gap(bundled());
    assert!(
        gap.abs() <= BALANCED_MARGIN_PP,
        "Balanced opens a gap of {gap:.1} points (Node.js minus Python); the margin is {BALANCED_MARGIN_PP}"
    );
}

#[test]
fn tilting_any_balanced_score_by_one_point_breaks_the_margin() {
    let content = bundled();
    let weights = balanced_weights(content);
    let mut tried = 0;
    let weighted = weights.iter().enumerate().filter(|(_, w)| **w > 0);
    for (c, _) in weighted {
        for s in 0..content.criteria[c].scores.len() {
            for delta in [-1i16, 1] {
                let mut tilted = content.clone();
                let score = &mut tilted.criteria[c].scores[s].score;
                let moved = i16::from(*score) + delta;
                if moved < i16::from(content.scale.min) || moved > i16::from(content.scale.max) {
                    continue;
                }
                *score = moved as u8;
                tried += 1;
                let gap = balanced_gap(&tilted);
                assert!(
                    gap.abs() > BALANCED_MARGIN_PP,
                    "moving {}'s score on {} by {delta} leaves the gap at {gap:.1}: the margin would not notice",
                    tilted.criteria[c].scores[s].stack,
                    tilted.criteria[c].id,
                );
            }
        }
    }
    assert!(tried >= 10, "only {tried} tilts tried");
}

#[test]
fn balanced_weighs_like_criteria_alike_and_team_criteria_come_in_pairs() {
    let content = bundled();
    let weights = balanced_weights(content);
    // A criterion only one stack can score on (score above the minimum) describes the team, not
    // the stack: full-stack JavaScript for Node.js, a Python data team for Python.
    let only = |c: &nvp_content::Criterion| -> Option<String> {
        let scoring: Vec<&str> = c
            .scores
            .iter()
            .filter(|s| s.score > content.scale.min)
            .map(|s| s.stack.as_str())
            .collect();
        (scoring.len() == 1).then(|| scoring[0].to_string())
    };
    let exclusive_for = |stack: &str| {
        content
            .criteria
            .iter()
            .filter(|c| only(c).as_deref() == Some(stack))
            .count()
    };
    assert_eq!(
        exclusive_for(NODE),
        exclusive_for(PYTHON),
        "each stack needs the same number of criteria only it can score on"
    );
    assert!(exclusive_for(NODE) >= 1);
    let mut shared = Vec::new();
    let mut exclusive = Vec::new();
    for (c, w) in content.criteria.iter().zip(&weights) {
        if only(c).is_some() {
            exclusive.push(*w);
        } else {
            shared.push(*w);
        }
    }
    assert!(
        shared.windows(2).all(|w| w[0] == w[1]) && shared[0] > 0,
        "Balanced must weigh every shared criterion alike: {shared:?}"
    );
    assert!(
        exclusive.windows(2).all(|w| w[0] == w[1]),
        "Balanced must weigh every team criterion alike: {exclusive:?}"
    );
}

/// Points each stack gets from a team profile alone.
fn team_points(profile: &TeamProfile) -> (i32, i32) {
    let mut node = 0;
    let mut python = 0;
    for e in profile.effects() {
        match e.stack {
            Some(NODE) => node += e.points,
            Some(PYTHON) => python += e.points,
            _ => assert_eq!(e.points, 0, "{:?} moves no known stack", e.answer),
        }
    }
    (node, python)
}

/// Per stack: how many answers are worth +1, and how many −1. Symmetric answers have equal
/// counts for both stacks. The effects are passed in so the check can be tried on a tilt.
fn gains_and_losses(effects: &[(Option<&str>, i32)]) -> [(usize, usize); 2] {
    [NODE, PYTHON].map(|stack| {
        let mine = effects.iter().filter(|(s, _)| *s == Some(stack));
        let gains = mine.clone().filter(|(_, p)| *p > 0).count();
        let losses = mine.filter(|(_, p)| *p < 0).count();
        (gains, losses)
    })
}

fn single_answer_effects() -> Vec<(Option<&'static str>, i32)> {
    TeamProfile::every_single_answer()
        .iter()
        .flat_map(|p| p.effects())
        .map(|e| (e.stack.filter(|_| e.points != 0), e.points))
        .collect()
}

#[test]
fn the_team_questions_give_each_stack_the_same_ways_to_gain_and_lose() {
    let effects = single_answer_effects();
    assert!(
        effects.iter().all(|(_, p)| p.abs() <= 1),
        "an answer is worth at most one point"
    );
    let [node, python] = gains_and_losses(&effects);
    assert_eq!(
        node, python,
        "(answers worth +1, answers worth −1): Node.js {node:?}, Python {python:?}"
    );
    // The most a profile can give each stack is the same too.
    let best = |stack: &str| {
        let mut profile = TeamProfile::default();
        let mut total = 0;
        for p in TeamProfile::every_single_answer() {
            let (n, py) = team_points(&p);
            let mine = if stack == NODE { n } else { py };
            if mine > 0 {
                total += mine;
                profile = merge(profile, p);
            }
        }
        let (n, py) = team_points(&profile);
        assert_eq!(
            if stack == NODE { n } else { py },
            total,
            "answers must add up"
        );
        total
    };
    assert_eq!(best(NODE), best(PYTHON));
}

#[test]
fn the_symmetry_check_catches_a_tilted_answer() {
    let mut tilted = single_answer_effects();
    // As if "mostly computation" gave Python a point again, as it did before the review.
    tilted.push((Some(PYTHON), 1));
    let [node, python] = gains_and_losses(&tilted);
    assert_ne!(node, python);
}

#[test]
fn a_neutral_team_moves_neither_stack() {
    let unanswered = TeamProfile::default();
    let middle = TeamProfile {
        js_fluency: Some(Fluency::Familiar),
        py_fluency: Some(Fluency::Familiar),
        beginners: Some(false),
        workload_mix: Some(WorkloadMix::Mixed),
        scaling: None,
    };
    let fluent_in_both = TeamProfile {
        js_fluency: Some(Fluency::Fluent),
        py_fluency: Some(Fluency::Fluent),
        ..middle
    };
    let new_to_both = TeamProfile {
        js_fluency: Some(Fluency::New),
        py_fluency: Some(Fluency::New),
        ..middle
    };
    for profile in [unanswered, middle, fluent_in_both, new_to_both] {
        let (node, python) = team_points(&profile);
        assert!(
            (node - python).abs() <= NEUTRAL_TEAM_MARGIN,
            "{profile:?} gives Node.js {node} and Python {python}"
        );
    }
}

/// `a` with every question `b` answered taken from `b`.
fn merge(a: TeamProfile, b: TeamProfile) -> TeamProfile {
    TeamProfile {
        js_fluency: b.js_fluency.or(a.js_fluency),
        py_fluency: b.py_fluency.or(a.py_fluency),
        beginners: b.beginners.or(a.beginners),
        workload_mix: b.workload_mix.or(a.workload_mix),
        scaling: b.scaling.or(a.scaling),
    }
}

/// Every piece of text a visitor can read in the Compare and Use cases tabs.
fn visitor_text(content: &Content) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(content.tldr.iter().cloned());
    for s in &content.stacks {
        out.push(s.summary.clone());
    }
    for d in &content.dimensions {
        out.push(d.takeaway.clone());
        for e in &d.entries {
            out.push(e.summary.clone());
            out.extend(e.points.iter().cloned());
            out.extend(e.sourced_points.iter().map(|p| p.text.clone()));
        }
        out.extend(d.nuances.iter().map(|n| n.text.clone()));
    }
    for c in &content.criteria {
        out.push(c.description.clone());
        out.extend(c.scores.iter().map(|s| s.why.clone()));
    }
    for f in &content.faqs {
        out.push(f.answer.clone());
        out.extend(f.nuances.iter().map(|n| n.text.clone()));
    }
    for s in &content.hello_worlds {
        out.extend(s.notes.iter().map(|n| n.text.clone()));
    }
    for u in &content.use_cases {
        out.push(u.description.clone());
        out.push(u.why.clone());
    }
    for p in TeamProfile::every_single_answer() {
        out.extend(p.effects().iter().map(|e| e.why.to_string()));
    }
    out
}

#[test]
fn corrected_claims_do_not_come_back() {
    let content = bundled();
    let text = visitor_text(content).join("\n").to_lowercase();
    for stale in [
        "vertical",
        "bigger machines",
        "somewhat more slowly",
        "each answers every request",
        "leading library shelf",
    ] {
        assert!(!text.contains(stale), "visitor text says “{stale}” again");
    }
    assert!(
        content
            .sources
            .iter()
            .all(|s| !s.url.contains("/issues/90204")),
        "the convoy effect is bpo-7946 / gh-52194, not the 2021 duplicate"
    );
    // Free threading is described as it stands: supported since 3.14, optional, not the default.
    assert!(text.contains("3.14") && text.contains("not the default"));
    assert!(
        text.contains("worker_threads"),
        "Node's worker_threads is mentioned"
    );
    assert!(
        text.contains("typescript"),
        "TypeScript is part of the API story"
    );
}

#[test]
fn visitor_sentences_stay_short() {
    // Plain short sentences: a long one is a sign two ideas should be split.
    for line in visitor_text(bundled()) {
        for sentence in line.split(". ") {
            let words = sentence.split_whitespace().count();
            assert!(words <= 40, "{words} words: {sentence}");
        }
    }
}
