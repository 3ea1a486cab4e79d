//! The answer at the top of the widget: two one-tap questions (what you build, what your team
//! writes) turned into the use-case model's recommendation, with where to look next: the
//! comparison preset that explains it and the simulator preset that shows it.
//!
//! The answers map onto the same use cases and team questions as the Use-cases tab, so the
//! answer and the deeper tabs can never disagree:
//!
//! | building | use cases | weights preset | simulator preset |
//! |---|---|---|---|
//! | a web API or backend | typed REST API (either) | Balanced | I/O-bound API |
//! | real-time | chat, streaming, multiplayer | Real-time product | Chat |
//! | AI, ML or data | AI platform, ML pipeline, analytics | AI / data product | ML pipeline |
//! | real-time product with ML | chat, ML pipeline | Balanced | Chat |
//! | internal tools | automation, admin back end | Beginner team | Automation |
//!
//! | team | JavaScript | Python |
//! |---|---|---|
//! | mostly JavaScript | fluent | new |
//! | mostly Python | new | fluent |
//! | both, or neither yet | not asked | not asked |

use crate::usecase::{Fluency, Recommendation, TeamProfile, Verdict, recommend, stack_name};
use nvp_content::Content;
use nvp_state::{Decoded, HashParams, LinkState, Update};

/// What is being built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Building {
    #[default]
    Api,
    Realtime,
    Ai,
    RealtimeWithAi,
    Tools,
}

impl Building {
    pub const ALL: [Building; 5] = [
        Building::Api,
        Building::Realtime,
        Building::Ai,
        Building::RealtimeWithAi,
        Building::Tools,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Building::Api => "api",
            Building::Realtime => "realtime",
            Building::Ai => "ai",
            Building::RealtimeWithAi => "both",
            Building::Tools => "tools",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Building::Api => "A web API or backend",
            Building::Realtime => "Real-time: chat, live, games",
            Building::Ai => "AI, ML or data",
            Building::RealtimeWithAi => "Real-time with ML",
            Building::Tools => "Internal tools, automation",
        }
    }

    /// The use cases this answer stands for.
    pub fn use_cases(self) -> &'static [&'static str] {
        match self {
            Building::Api => &["typed_api"],
            Building::Realtime => &["chat", "streaming", "multiplayer"],
            Building::Ai => &["ai_platform", "ml_pipeline", "analytics_dashboard"],
            Building::RealtimeWithAi => &["chat", "ml_pipeline"],
            Building::Tools => &["automation", "admin_backend"],
        }
    }

    /// The Compare tab's weight preset (by index in the content) that explains this answer.
    pub fn weights_preset(self) -> usize {
        match self {
            Building::Api | Building::RealtimeWithAi => 0,
            Building::Realtime => 1,
            Building::Ai => 2,
            Building::Tools => 3,
        }
    }

    /// The simulator preset that shows this answer's traffic.
    pub fn simulation(self) -> &'static str {
        match self {
            Building::Api => "io_api",
            Building::Realtime | Building::RealtimeWithAi => "chat",
            Building::Ai => "ml_pipeline",
            Building::Tools => "automation",
        }
    }
}

/// What the team writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Team {
    JavaScript,
    Python,
    #[default]
    Both,
}

impl Team {
    pub const ALL: [Team; 3] = [Team::JavaScript, Team::Python, Team::Both];

    pub fn id(self) -> &'static str {
        match self {
            Team::JavaScript => "js",
            Team::Python => "py",
            Team::Both => "both",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Team::JavaScript => "JavaScript or TypeScript",
            Team::Python => "Python",
            Team::Both => "Both, or neither yet",
        }
    }

    /// The team questions this answer stands for.
    pub fn profile(self) -> TeamProfile {
        let (js, py) = match self {
            Team::JavaScript => (Some(Fluency::Fluent), Some(Fluency::New)),
            Team::Python => (Some(Fluency::New), Some(Fluency::Fluent)),
            Team::Both => (None, None),
        };
        TeamProfile {
            js_fluency: js,
            py_fluency: py,
            ..TeamProfile::default()
        }
    }
}

/// The two answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub building: Building,
    pub team: Team,
}

/// A change to the answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerAction {
    Building(Building),
    Team(Team),
}

impl Update for Answers {
    type Action = AnswerAction;

    fn update(&mut self, action: AnswerAction) {
        match action {
            AnswerAction::Building(b) => self.building = b,
            AnswerAction::Team(t) => self.team = t,
        }
    }
}

impl Answers {
    /// The recommendation for these answers; every answer maps to at least one use case, so
    /// there always is one (`None` only for content without those use cases).
    pub fn recommend(&self, content: &Content) -> Option<Recommendation> {
        let selected: Vec<String> = self
            .building
            .use_cases()
            .iter()
            .map(|s| s.to_string())
            .collect();
        recommend(content, &selected, &self.team.profile())
    }
}

/// The verdict in a few words: "Node.js", "Python", "Either", "Node.js and Python".
pub fn title(content: &Content, rec: &Recommendation) -> String {
    match &rec.verdict {
        Verdict::Single(id) => stack_name(content, id).to_string(),
        Verdict::Either(_) => "Either".to_string(),
        Verdict::Split { parts, .. } => parts
            .iter()
            .map(|p| stack_name(content, &p.stack))
            .collect::<Vec<_>>()
            .join(" and "),
    }
}

/// One line under the title.
pub fn subtitle(content: &Content, rec: &Recommendation) -> String {
    match &rec.verdict {
        Verdict::Single(id) => format!("{} fits what you build best.", stack_name(content, id)),
        Verdict::Either(_) => "Both fit; pick by your team.".to_string(),
        Verdict::Split { parts, .. } => {
            let each: Vec<String> = parts
                .iter()
                .map(|p| {
                    let names: Vec<&str> = p
                        .use_cases
                        .iter()
                        .filter_map(|id| content.use_case(id).map(|u| u.name.as_str()))
                        .collect();
                    format!("{} for {}", stack_name(content, &p.stack), names.join(", "))
                })
                .collect();
            format!("Split the work: {}.", each.join("; "))
        }
    }
}

/// The reasons that moved points, strongest first, at most `n`.
pub fn top_reasons(rec: &Recommendation, n: usize) -> Vec<String> {
    let mut moved: Vec<(i32, &str)> = rec
        .reasons
        .iter()
        .filter(|r| !r.effects.is_empty())
        .map(|r| {
            (
                r.effects.iter().map(|e| e.points.abs()).sum(),
                r.text.as_str(),
            )
        })
        .collect();
    moved.sort_by_key(|(p, _)| -p);
    moved
        .into_iter()
        .take(n)
        .map(|(_, t)| t.to_string())
        .collect()
}

/// The answers, the verdict and its reasons as a Markdown architecture decision record, with the
/// link that reproduces them.
pub fn decision_record(content: &Content, a: &Answers, rec: &Recommendation, link: &str) -> String {
    let mut out = String::from("# Backend runtime: Node.js or Python\n\n");
    out.push_str("## Context\n\n");
    out.push_str(&format!("- Building: {}\n", a.building.label()));
    out.push_str(&format!("- Team: {}\n\n", a.team.label()));
    out.push_str("## Decision\n\n");
    out.push_str(&format!(
        "**{}** ({} confidence). {}\n\n",
        title(content, rec),
        rec.confidence.level.word(),
        subtitle(content, rec)
    ));
    out.push_str("## Reasons\n\n");
    for r in &rec.reasons {
        out.push_str(&format!("- {}: {}\n", r.label, r.text));
    }
    out.push_str(&format!(
        "\n## Evidence\n\nThe comparison, its sources and the side-by-side simulation: {link}\n"
    ));
    out
}

const BUILDING_KEY: &str = "a.b";
const TEAM_KEY: &str = "a.t";

impl LinkState for Answers {
    type Context = Content;
    const PREFIX: &'static str = "a.";

    fn decode(_: &Content, params: &HashParams) -> Decoded<Self> {
        let mut a = Answers::default();
        let mut problems = Vec::new();
        for (key, value) in params.iter() {
            match key {
                BUILDING_KEY => match Building::ALL.into_iter().find(|b| b.id() == value) {
                    Some(b) => a.building = b,
                    None => problems.push(format!("“{}” for what you build", short(value))),
                },
                TEAM_KEY => match Team::ALL.into_iter().find(|t| t.id() == value) {
                    Some(t) => a.team = t,
                    None => problems.push(format!("“{}” for your team", short(value))),
                },
                k if k.starts_with("a.") => problems.push(format!("the setting “{}”", short(k))),
                _ => {}
            }
        }
        Decoded { state: a, problems }
    }

    fn encode(&self, _: &Content) -> HashParams {
        let mut p = HashParams::new();
        if self.building != Building::default() {
            p.set(BUILDING_KEY, self.building.id());
        }
        if self.team != Team::default() {
            p.set(TEAM_KEY, self.team.id());
        }
        p
    }

    fn notice(problems: &[String]) -> Option<String> {
        (!problems.is_empty()).then(|| {
            format!(
                "The link's answers had values this page does not know ({}), so defaults are shown.",
                problems.join(", ")
            )
        })
    }
}

fn short(text: &str) -> String {
    text.chars().take(20).collect()
}
