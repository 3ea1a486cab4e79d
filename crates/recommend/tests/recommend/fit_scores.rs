//! The weighted fit score: hand-checked tables, the presets' ordering on the shipped content,
//! and properties that must hold for any content and any weights.

use crate::support::shipped as bundled;
use nvp_content::{Content, Criterion, CriterionScore, MAX_WEIGHT, ScoreScale, Stack};
use nvp_recommend::compare::preset_weights;
use nvp_recommend::fit::fit;
use proptest::prelude::*;

/// Content with the given stacks and, per criterion, one score per stack (same order).
fn synthetic(stacks: &[&str], scores: &[&[u8]], min: u8, max: u8) -> Content {
    Content {
        stacks: stacks
            .iter()
            .map(|id| Stack {
                id: id.to_string(),
                name: id.to_uppercase(),
                summary: "s".into(),
                badge: "b".into(),
            })
            .collect(),
        dimensions: vec![],
        scale: ScoreScale {
            min,
            max,
            meaning: "m".into(),
        },
        criteria: scores
            .iter()
            .enumerate()
            .map(|(i, row)| Criterion {
                id: format!("c{i}"),
                label: format!("C{i}"),
                description: "d".into(),
                scores: stacks
                    .iter()
                    .zip(row.iter())
                    .map(|(s, score)| CriterionScore {
                        stack: s.to_string(),
                        score: *score,
                        why: "w".into(),
                        source: String::new(),
                    })
                    .collect(),
            })
            .collect(),
        presets: vec![],
        tldr: vec![],
        faqs: vec![],
        hello_worlds: vec![],
        categories: vec![],
        use_cases: vec![],
        sources: vec![],
    }
}

/// a scores 5, 2, 3 and b scores 3, 5, 1 on three criteria (0..=5).
fn two() -> Content {
    synthetic(&["a", "b"], &[&[5, 3], &[2, 5], &[3, 1]], 0, 5)
}

#[test]
fn a_table_of_weights_and_the_stack_each_favours() {
    let content = two();
    // (weights, leaders, a's points, b's points, possible), worked out by hand.
    type Row = (&'static [u8], &'static [&'static str], u32, u32, u32);
    let table: &[Row] = &[
        (&[1, 0, 0], &["a"], 5, 3, 5),
        (&[0, 1, 0], &["b"], 2, 5, 5),
        (&[1, 1, 0], &["b"], 7, 8, 10),
        (&[2, 1, 0], &["a"], 12, 11, 15),
        (&[1, 1, 1], &["a"], 10, 9, 15),
        (&[3, 2, 0], &["a", "b"], 19, 19, 25),
        (&[0, 5, 5], &["b"], 25, 30, 50),
        (&[0, 0, 0], &[], 0, 0, 0),
    ];
    for (weights, leaders, a, b, possible) in table {
        let f = fit(&content, weights);
        assert_eq!(f.leaders(), *leaders, "weights {weights:?}");
        assert_eq!(f.get("a").unwrap().points, *a, "a for {weights:?}");
        assert_eq!(f.get("b").unwrap().points, *b, "b for {weights:?}");
        assert_eq!(f.get("a").unwrap().possible, *possible);
        assert_eq!(f.get("b").unwrap().possible, *possible);
    }
}

#[test]
fn the_breakdown_adds_up_and_percentages_are_the_share_of_points() {
    let f = fit(&two(), &[2, 1, 0]);
    let a = f.get("a").unwrap();
    let lines: Vec<(u8, u8, u32, u32)> = a
        .lines
        .iter()
        .map(|l| (l.weight, l.score, l.points, l.possible))
        .collect();
    assert_eq!(lines, [(2, 5, 10, 10), (1, 2, 2, 5), (0, 3, 0, 0)]);
    assert_eq!(a.percent(), Some(80.0));
    assert_eq!(f.get("b").unwrap().rounded_percent(), Some(73));
}

#[test]
fn a_scale_that_does_not_start_at_zero_is_normalised() {
    // On 1..=5 the bottom score earns nothing and the top score everything.
    let content = synthetic(&["a", "b"], &[&[1, 5], &[3, 3]], 1, 5);
    let f = fit(&content, &[1, 1]);
    assert_eq!(
        (f.get("a").unwrap().points, f.get("a").unwrap().possible),
        (2, 8)
    );
    assert_eq!(
        (f.get("b").unwrap().points, f.get("b").unwrap().possible),
        (6, 8)
    );
}

#[test]
fn all_zero_weights_give_no_basis_not_a_division_by_zero() {
    let content = two();
    let f = fit(&content, &[0, 0, 0]);
    assert!(!f.has_basis());
    assert!(f.stacks.iter().all(|s| s.percent().is_none()));
    assert!(f.summary(&content).contains("no basis"));
    // Missing weights count as 0, too-large ones as MAX_WEIGHT.
    assert!(!fit(&content, &[]).has_basis());
    assert_eq!(
        fit(&content, &[200]).get("a").unwrap().lines[0].weight,
        MAX_WEIGHT
    );
}

#[test]
fn the_summary_names_the_leader_its_score_and_ties() {
    let content = two();
    let s = fit(&content, &[1, 0, 0]).summary(&content);
    assert!(s.starts_with("A fits your weights best, at 100%"), "{s}");
    assert!(s.contains("B at 60%"), "{s}");
    let s = fit(&content, &[3, 2, 0]).summary(&content);
    assert!(
        s.starts_with("A and B fit your weights equally well, at 76%"),
        "{s}"
    );
}

#[test]
fn presets_order_the_shipped_stacks_as_the_article_does() {
    let content = bundled();
    let preset = |id: &str| {
        let i = content.presets.iter().position(|p| p.id == id).unwrap();
        fit(content, &preset_weights(content, i))
    };
    assert_eq!(preset("realtime").leaders(), ["node"]);
    assert_eq!(preset("ai_data").leaders(), ["python"]);
    assert_eq!(preset("beginner").leaders(), ["python"]);
    // Each stack fits its "home" preset better than any other preset.
    let pct = |id: &str, stack: &str| preset(id).get(stack).unwrap().percent().unwrap();
    let ids: Vec<&str> = content.presets.iter().map(|p| p.id.as_str()).collect();
    for other in ids.iter().filter(|id| **id != "realtime") {
        assert!(
            pct("realtime", "node") > pct(other, "node"),
            "node: realtime vs {other}"
        );
    }
    for other in ids.iter().filter(|id| **id != "ai_data") {
        assert!(
            pct("ai_data", "python") > pct(other, "python"),
            "python: ai_data vs {other}"
        );
    }
    // Balanced is balanced: neither stack runs away with it.
    let gap = (pct("balanced", "node") - pct("balanced", "python")).abs();
    assert!(gap < 15.0, "balanced gap {gap}");
}

#[test]
fn the_percentage_gap_can_shrink_while_the_points_lead_grows() {
    // The worked example in the module docs: why "relative fit" is the points lead and rank.
    let content = synthetic(&["a", "b"], &[&[5, 0], &[3, 2]], 0, 5);
    let before = fit(&content, &[2, 0]);
    let after = fit(&content, &[2, 1]);
    let gap = |f: &nvp_recommend::fit::Fit| {
        f.get("a").unwrap().percent().unwrap() - f.get("b").unwrap().percent().unwrap()
    };
    assert_eq!(gap(&before), 100.0);
    assert!(gap(&after) < gap(&before));
    let lead =
        |f: &nvp_recommend::fit::Fit| f.get("a").unwrap().points - f.get("b").unwrap().points;
    assert!(lead(&after) > lead(&before));
}

/// Random content: 2–4 stacks, 1–6 criteria, scores on 0..=5, and weights for each criterion.
fn content_and_weights() -> impl Strategy<Value = (Content, Vec<u8>)> {
    (2usize..=4, 1usize..=6).prop_flat_map(|(stacks, criteria)| {
        (
            prop::collection::vec(prop::collection::vec(0u8..=5, stacks), criteria),
            prop::collection::vec(0u8..=MAX_WEIGHT, criteria),
        )
            .prop_map(move |(scores, weights)| {
                let names = ["s0", "s1", "s2", "s3"];
                let rows: Vec<&[u8]> = scores.iter().map(|r| r.as_slice()).collect();
                (synthetic(&names[..stacks], &rows, 0, 5), weights)
            })
    })
}

proptest! {
    #[test]
    fn scores_stay_within_bounds((content, weights) in content_and_weights()) {
        let f = fit(&content, &weights);
        let any_weight = weights.iter().any(|w| *w > 0);
        prop_assert_eq!(f.has_basis(), any_weight);
        prop_assert_eq!(f.leaders().is_empty(), !any_weight);
        for s in &f.stacks {
            prop_assert!(s.points <= s.possible);
            prop_assert_eq!(s.points, s.lines.iter().map(|l| l.points).sum::<u32>());
            if let Some(p) = s.percent() {
                prop_assert!((0.0..=100.0).contains(&p));
            }
        }
    }

    #[test]
    fn raising_a_weight_a_stack_wins_never_lowers_its_relative_fit(
        (content, weights) in content_and_weights(),
        pick in any::<prop::sample::Index>(),
        bump in 1u8..=MAX_WEIGHT,
    ) {
        let criterion = pick.index(content.criteria.len());
        let scores: Vec<u8> = content.criteria[criterion].scores.iter().map(|s| s.score).collect();
        let best = *scores.iter().max().unwrap();
        let mut raised = weights.clone();
        raised[criterion] = (weights[criterion] + bump).min(MAX_WEIGHT);
        let (before, after) = (fit(&content, &weights), fit(&content, &raised));
        for (winner, score) in content.stacks.iter().zip(&scores) {
            if *score != best {
                continue;
            }
            let id = winner.id.as_str();
            // Its points lead over every other stack does not shrink...
            for other in &content.stacks {
                let lead = |f: &nvp_recommend::fit::Fit| {
                    i64::from(f.get(id).unwrap().points) - i64::from(f.get(&other.id).unwrap().points)
                };
                prop_assert!(lead(&after) >= lead(&before), "{} vs {}", id, other.id);
            }
            // ...so its rank never gets worse, and a leader stays a leader.
            prop_assert!(after.rank(id) <= before.rank(id));
            if before.leaders().contains(&id) {
                prop_assert!(after.leaders().contains(&id));
            }
        }
    }
}
