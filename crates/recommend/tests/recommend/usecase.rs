//! The use-case scoring table, checked on the content the widget ships.

use crate::support::{content, ids, with_third_stack};
use nvp_content::Content;
use nvp_recommend::usecase::{
    ConfidenceLevel, Driver, Fluency, Question, Recommendation, Scaling, TeamProfile, Verdict,
    WorkloadMix, recommend, sentence,
};
use proptest::prelude::*;

fn rec(content: &Content, selected: &[&str], team: TeamProfile) -> Recommendation {
    recommend(content, &ids(selected), &team).expect("a selection gives a recommendation")
}

/// Python's lead over Node.js (negative when Node.js leads).
fn python_lead(r: &Recommendation) -> i32 {
    r.total("python") - r.total("node")
}

fn drivers(r: &Recommendation) -> Vec<Driver> {
    r.reasons.iter().map(|x| x.driven_by.clone()).collect()
}

#[test]
fn chat_and_streaming_recommend_node() {
    let c = content();
    let r = rec(&c, &["chat", "streaming"], TeamProfile::default());
    assert_eq!(r.verdict, Verdict::Single("node".into()));
    assert_eq!((r.total("node"), r.total("python")), (4, 0));
    assert_eq!(r.confidence.margin, 4);
    assert_eq!(r.confidence.level, ConfidenceLevel::High);
    assert_eq!(
        drivers(&r),
        [
            Driver::UseCase("chat".into()),
            Driver::UseCase("streaming".into())
        ]
    );
    // Each reason names what drove it.
    assert_eq!(r.reasons[0].label, c.use_case("chat").unwrap().name);
    assert_eq!(r.reasons[0].text, c.use_case("chat").unwrap().why);
}

#[test]
fn ml_pipeline_and_analytics_recommend_python() {
    let c = content();
    let r = rec(
        &c,
        &["ml_pipeline", "analytics_dashboard"],
        TeamProfile::default(),
    );
    assert_eq!(r.verdict, Verdict::Single("python".into()));
    assert_eq!((r.total("node"), r.total("python")), (0, 4));
}

#[test]
fn chat_and_ml_recommend_a_split() {
    let c = content();
    let r = rec(&c, &["ml_pipeline", "chat"], TeamProfile::default());
    let Verdict::Split { parts, shared } = &r.verdict else {
        panic!("expected a split, got {:?}", r.verdict);
    };
    let sides: Vec<(&str, Vec<String>)> = parts
        .iter()
        .map(|p| (p.stack.as_str(), p.use_cases.clone()))
        .collect();
    assert_eq!(
        sides,
        [("node", ids(&["chat"])), ("python", ids(&["ml_pipeline"]))]
    );
    assert!(shared.is_empty());
    // Each side has 2 points: a split margin of 2 is medium.
    assert_eq!(r.confidence.margin, 2);
    assert_eq!(r.confidence.level, ConfidenceLevel::Medium);
    let s = sentence(&c, &r);
    assert!(
        s.contains("split") && s.contains("Real-time chat") && s.contains("Machine learning"),
        "{s}"
    );
}

#[test]
fn nothing_selected_gives_no_recommendation() {
    let c = content();
    assert_eq!(recommend(&c, &[], &TeamProfile::default()), None);
    // Answers alone are not enough, and unknown ids do not count as a selection.
    let team = TeamProfile {
        js_fluency: Some(Fluency::Fluent),
        ..TeamProfile::default()
    };
    assert_eq!(recommend(&c, &ids(&["no_such_case"]), &team), None);
}

#[test]
fn a_beginner_team_moves_a_close_call_toward_python() {
    let c = content();
    // An "either" use case alone is a dead heat.
    let close = rec(&c, &["typed_api"], TeamProfile::default());
    assert_eq!(close.verdict, Verdict::Either(ids(&["node", "python"])));
    assert_eq!(close.confidence.level, ConfidenceLevel::Low);

    let beginners = TeamProfile {
        beginners: Some(true),
        ..TeamProfile::default()
    };
    let r = rec(&c, &["typed_api"], beginners);
    assert_eq!(r.verdict, Verdict::Single("python".into()));
    assert_eq!(python_lead(&r), python_lead(&close) + 1);
    assert!(drivers(&r).contains(&Driver::Answer(Question::Beginners)));

    // A Node.js lead of one is turned into a tie, not ignored.
    let node_lean = TeamProfile {
        workload_mix: Some(WorkloadMix::MostlyIo),
        ..TeamProfile::default()
    };
    assert_eq!(
        rec(&c, &["typed_api"], node_lean).verdict,
        Verdict::Single("node".into())
    );
    let both = TeamProfile {
        beginners: Some(true),
        ..node_lean
    };
    assert!(matches!(
        rec(&c, &["typed_api"], both).verdict,
        Verdict::Either(_)
    ));
}

#[test]
fn a_js_fluent_team_moves_a_close_call_toward_node() {
    let c = content();
    let neutral = rec(&c, &["typed_api"], TeamProfile::default());
    let fluent = TeamProfile {
        js_fluency: Some(Fluency::Fluent),
        ..TeamProfile::default()
    };
    let r = rec(&c, &["typed_api"], fluent);
    assert_eq!(r.verdict, Verdict::Single("node".into()));
    assert_eq!(python_lead(&r), python_lead(&neutral) - 1);

    // A close Python lead (one large app tips a mixed selection) is levelled by JS fluency.
    let one_app = TeamProfile {
        scaling: Some(Scaling::OneLargeApp),
        ..TeamProfile::default()
    };
    let python_ahead = rec(&c, &["chat", "automation"], one_app);
    assert_eq!(python_ahead.verdict, Verdict::Single("python".into()));
    let levelled = rec(
        &c,
        &["chat", "automation"],
        TeamProfile {
            js_fluency: Some(Fluency::Fluent),
            ..one_app
        },
    );
    assert!(matches!(levelled.verdict, Verdict::Either(_)));
}

#[test]
fn one_large_app_turns_a_split_into_a_single_stack() {
    let c = content();
    let team = TeamProfile {
        scaling: Some(Scaling::OneLargeApp),
        ..TeamProfile::default()
    };
    let r = rec(&c, &["chat", "ml_pipeline"], team);
    assert_eq!(r.verdict, Verdict::Single("python".into()));
    assert_eq!((r.total("node"), r.total("python")), (2, 3));
    assert_eq!(r.confidence.level, ConfidenceLevel::Low);
}

#[test]
fn answers_that_move_nothing_are_still_listed() {
    let c = content();
    let team = TeamProfile {
        js_fluency: Some(Fluency::Familiar),
        workload_mix: Some(WorkloadMix::Mixed),
        ..TeamProfile::default()
    };
    let r = rec(&c, &["chat"], team);
    let answers: Vec<_> = r
        .reasons
        .iter()
        .filter(|x| matches!(x.driven_by, Driver::Answer(_)))
        .collect();
    assert_eq!(answers.len(), 2);
    assert!(answers.iter().all(|a| a.effects.is_empty()));
    assert_eq!(r.total("node"), 2);
}

#[test]
fn stacks_come_from_the_content() {
    let c = with_third_stack(content());
    let r = rec(&c, &["cli_daemon"], TeamProfile::default());
    assert_eq!(r.verdict, Verdict::Single("go".into()));
    assert_eq!(r.points.len(), 3);
    let r = rec(
        &c,
        &["cli_daemon", "chat", "scientific"],
        TeamProfile::default(),
    );
    let Verdict::Split { parts, .. } = &r.verdict else {
        panic!("{:?}", r.verdict)
    };
    assert_eq!(parts.len(), 3);
    // Team answers name JavaScript and Python only, so they never move the third stack.
    let team = TeamProfile {
        js_fluency: Some(Fluency::New),
        py_fluency: Some(Fluency::Fluent),
        beginners: Some(true),
        workload_mix: Some(WorkloadMix::MostlyCpu),
        scaling: Some(Scaling::ManySmallServices),
    };
    let r = rec(&c, &["cli_daemon"], team);
    assert_eq!(r.points[2].from_answers, 0);
}

fn arb_fluency() -> impl Strategy<Value = Option<Fluency>> {
    prop_oneof![
        Just(None),
        Just(Some(Fluency::Fluent)),
        Just(Some(Fluency::Familiar)),
        Just(Some(Fluency::New))
    ]
}

fn arb_team() -> impl Strategy<Value = TeamProfile> {
    (
        arb_fluency(),
        arb_fluency(),
        prop_oneof![Just(None), Just(Some(true)), Just(Some(false))],
        prop_oneof![
            Just(None),
            Just(Some(WorkloadMix::MostlyIo)),
            Just(Some(WorkloadMix::Mixed)),
            Just(Some(WorkloadMix::MostlyCpu))
        ],
        prop_oneof![
            Just(None),
            Just(Some(Scaling::ManySmallServices)),
            Just(Some(Scaling::OneLargeApp))
        ],
    )
        .prop_map(|(js, py, beginners, mix, scaling)| TeamProfile {
            js_fluency: js,
            py_fluency: py,
            beginners,
            workload_mix: mix,
            scaling,
        })
}

/// The points table of the module docs, written out independently as the test's oracle.
fn table_points(c: &Content, selected: &[String], team: &TeamProfile, stack: &str) -> i32 {
    let from_use_cases: i32 = c
        .use_cases
        .iter()
        .filter(|u| selected.contains(&u.id) && u.favours.iter().any(|s| s == stack))
        .map(|u| if u.favours.len() == 1 { 2 } else { 1 })
        .sum();
    let fluency = |f: Option<Fluency>| match f {
        Some(Fluency::Fluent) => 1,
        Some(Fluency::New) => -1,
        _ => 0,
    };
    let answers = match stack {
        "node" => {
            fluency(team.js_fluency)
                + i32::from(team.workload_mix == Some(WorkloadMix::MostlyIo))
                + i32::from(team.scaling == Some(Scaling::ManySmallServices))
        }
        "python" => {
            fluency(team.py_fluency)
                + i32::from(team.beginners == Some(true))
                + i32::from(team.scaling == Some(Scaling::OneLargeApp))
        }
        _ => 0,
    };
    from_use_cases + answers
}

proptest! {
    #[test]
    fn points_and_verdict_follow_the_documented_table(
        mask in proptest::collection::vec(any::<bool>(), 16..=64),
        team in arb_team(),
    ) {
        let c = content();
        let selected: Vec<String> = c.use_cases.iter().zip(mask.iter().cycle())
            .filter(|(_, on)| **on).map(|(u, _)| u.id.clone()).collect();
        let Some(r) = recommend(&c, &selected, &team) else {
            prop_assert!(selected.is_empty());
            return Ok(());
        };
        let node = table_points(&c, &selected, &team, "node");
        let python = table_points(&c, &selected, &team, "python");
        prop_assert_eq!((r.total("node"), r.total("python")), (node, python));

        let sole = |s: &str| c.use_cases.iter()
            .any(|u| selected.contains(&u.id) && u.favours == [s.to_string()]);
        let split = sole("node") && sole("python") && team.scaling != Some(Scaling::OneLargeApp);
        match &r.verdict {
            Verdict::Split { .. } => {
                prop_assert!(split);
                prop_assert_eq!(r.confidence.margin, node.min(python).max(0));
            }
            Verdict::Single(s) => {
                prop_assert!(!split);
                let (win, lose) = if s == "node" { (node, python) } else { (python, node) };
                prop_assert!(win > lose);
                prop_assert_eq!(r.confidence.margin, win - lose);
            }
            Verdict::Either(_) => {
                prop_assert!(!split);
                prop_assert_eq!(node, python);
            }
        }
        let expected_level = match r.confidence.margin {
            m if m <= 1 => ConfidenceLevel::Low,
            2 | 3 => ConfidenceLevel::Medium,
            _ => ConfidenceLevel::High,
        };
        prop_assert_eq!(r.confidence.level, expected_level);
        // One reason per selected use case plus one per answered question.
        let answered = [team.js_fluency.is_some(), team.py_fluency.is_some(),
            team.beginners.is_some(), team.workload_mix.is_some(), team.scaling.is_some()]
            .iter().filter(|a| **a).count();
        prop_assert_eq!(r.reasons.len(), selected.len() + answered);
        // The announcement is one sentence.
        let s = sentence(&c, &r);
        prop_assert!(s.ends_with('.') && s.matches(". ").count() == 0, "{}", s);
    }
}

#[test]
fn every_use_case_the_article_names_is_there_with_its_side() {
    let c = content();
    let article = [
        ("chat", "node"),
        ("streaming", "node"),
        ("multiplayer", "node"),
        ("concurrent_api", "node"),
        ("microservices", "node"),
        ("fullstack_js", "node"),
        ("high_throughput_api", "node"),
        ("ai_platform", "python"),
        ("analytics_dashboard", "python"),
        ("ml_pipeline", "python"),
        ("automation", "python"),
        ("compute_backend", "python"),
        ("scientific", "python"),
        ("business_logic", "python"),
        ("admin_backend", "python"),
    ];
    for (id, side) in article {
        let uc = c
            .use_case(id)
            .unwrap_or_else(|| panic!("missing use case {id}"));
        assert_eq!(uc.favours, [side.to_string()], "{id}");
    }
    // The workload profiles have the shapes the simulator presets rely on.
    for uc in &c.use_cases {
        let w = &uc.workload;
        if w.long_lived {
            assert!(
                w.io_ms >= 10_000.0 && w.cpu_ms < 5.0,
                "{}: open for long, little CPU",
                uc.id
            );
        }
        if uc.categories.iter().any(|x| x == "compute") {
            assert!(w.cpu_share() > 0.5, "{}: mostly CPU", uc.id);
        }
    }
    let ml = &c.use_case("ml_pipeline").unwrap().workload;
    assert!((30.0..=80.0).contains(&ml.cpu_ms));
}
