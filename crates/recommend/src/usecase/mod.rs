//! Use-case advice: from the use cases a visitor picks and the team questions they answer, a
//! recommendation of one stack or a split, with a confidence and the reasons.
//!
//! The model is a points table small enough to check with a pencil. Stacks come from the
//! content, so a third stack needs no code; team answers about JavaScript and Python move the
//! stacks with ids `node` and `python` (see [`team`]).
//!
//! # Points
//!
//! | input                                                     | points                    |
//! |-----------------------------------------------------------|---------------------------|
//! | a selected use case that favours one stack                | +2 to that stack          |
//! | a selected use case that favours several stacks ("either")| +1 to each of them        |
//! | JavaScript: fluent / familiar / new                       | Node.js +1 / 0 / −1       |
//! | Python: fluent / familiar / new                           | Python +1 / 0 / −1        |
//! | beginners on the team: yes / no                           | Python +1 / 0             |
//! | workload: mostly I/O / mixed / mostly CPU or numeric      | Node.js +1 / 0 / 0        |
//! | scaling: many small services / one large app              | Node.js +1 / Python +1    |
//! | any question left unanswered                              | 0                         |
//!
//! Use cases weigh twice as much as an answer on purpose: what is being built matters more than
//! who builds it, but two or three answers together can still turn a close call. The answers are
//! symmetric (each stack can gain 3 and lose 1; see [`team`] and `content/REVIEW.md`).
//!
//! # Verdict
//!
//! 1. Nothing selected: no recommendation ([`recommend`] returns `None`).
//! 2. **Split** when at least two stacks each have a selected use case that favours *only* them
//!    (say chat for Node.js and an ML pipeline for Python) and the team did not answer "one
//!    large application". Each part lists the use cases only its stack is favoured for; this is
//!    the article's microservice angle (a Node.js gateway beside a Python ML service).
//! 3. Otherwise the stack with the most points wins (**single**); when the top two are level,
//!    the verdict is **either** of the tied stacks.
//!
//! # Confidence
//!
//! A margin in points, then: 0–1 low, 2–3 medium, 4 or more high.
//! - single: the winner's points minus the runner-up's;
//! - split: the lowest total among the split stacks (each side must be well supported);
//! - either: 0.

pub mod announce;
pub mod filter;
pub mod team;
pub mod text;

pub use announce::{sentence, stack_name};
pub use filter::{Favours, Filter, Filtered, Highlights, Hit, apply};
use nvp_content::{Content, StackId};
pub use team::{ANSWER_RULES, AnswerEffect, Fluency, Question, Scaling, TeamProfile, WorkloadMix};

/// Points a selected use case gives a stack it alone is favoured for.
pub const SOLE_FAVOURITE_POINTS: i32 = 2;
/// Points a selected "either" use case gives each stack it favours.
pub const SHARED_FAVOURITE_POINTS: i32 = 1;

/// How sure the recommendation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConfidenceLevel {
    Low,
    Medium,
    High,
}

impl ConfidenceLevel {
    /// Maps a margin in points to a level (see the module docs).
    pub fn from_margin(margin: i32) -> Self {
        match margin {
            i32::MIN..=1 => ConfidenceLevel::Low,
            2..=3 => ConfidenceLevel::Medium,
            _ => ConfidenceLevel::High,
        }
    }

    /// Lower-case word for sentences.
    pub fn word(self) -> &'static str {
        match self {
            ConfidenceLevel::Low => "low",
            ConfidenceLevel::Medium => "medium",
            ConfidenceLevel::High => "high",
        }
    }
}

/// A confidence level with the margin it was read from, so the view can show the arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confidence {
    pub level: ConfidenceLevel,
    pub margin: i32,
}

impl Confidence {
    fn from_margin(margin: i32) -> Self {
        Confidence {
            level: ConfidenceLevel::from_margin(margin),
            margin,
        }
    }
}

/// One side of a split: a stack and the selected use cases only it is favoured for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPart {
    pub stack: StackId,
    /// Use-case ids in content order.
    pub use_cases: Vec<String>,
}

/// What to build with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// One stack for everything.
    Single(StackId),
    /// Different stacks for different parts. `shared` lists selected "either" use cases, which
    /// can go to whichever part is convenient.
    Split {
        parts: Vec<SplitPart>,
        shared: Vec<String>,
    },
    /// The top stacks are level on points.
    Either(Vec<StackId>),
}

/// What drove a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Driver {
    /// A selected use case (by id).
    UseCase(String),
    /// A team answer.
    Answer(Question),
}

/// Points one driver moved for one stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointEffect {
    pub stack: StackId,
    pub points: i32,
}

/// One line of explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub driven_by: Driver,
    /// Names the driver for display, e.g. "Real-time chat" or "JavaScript experience: fluent
    /// in JavaScript".
    pub label: String,
    /// The points it moved; empty when it moved none.
    pub effects: Vec<PointEffect>,
    /// Why, in a sentence.
    pub text: String,
}

/// A stack's points, split by where they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackPoints {
    pub stack: StackId,
    pub from_use_cases: i32,
    pub from_answers: i32,
}

impl StackPoints {
    pub fn total(&self) -> i32 {
        self.from_use_cases + self.from_answers
    }
}

/// The full recommendation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub verdict: Verdict,
    pub confidence: Confidence,
    /// Use cases first (content order), then answers (form order).
    pub reasons: Vec<Reason>,
    /// Every stack of the content, in content order.
    pub points: Vec<StackPoints>,
}

impl Recommendation {
    /// The points of `stack`, 0 when unknown.
    pub fn total(&self, stack: &str) -> i32 {
        self.points
            .iter()
            .find(|p| p.stack == stack)
            .map_or(0, StackPoints::total)
    }
}

/// Scores `selected` (use-case ids; unknown ids are ignored) and `team` against `content`.
/// `None` when no known use case is selected.
pub fn recommend(
    content: &Content,
    selected: &[String],
    team: &TeamProfile,
) -> Option<Recommendation> {
    // Content order, not click order, so the same selection always reads the same way.
    let chosen: Vec<_> = content
        .use_cases
        .iter()
        .filter(|uc| selected.contains(&uc.id))
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let mut points: Vec<StackPoints> = content
        .stacks
        .iter()
        .map(|s| StackPoints {
            stack: s.id.clone(),
            from_use_cases: 0,
            from_answers: 0,
        })
        .collect();
    let mut reasons = Vec::new();

    for uc in &chosen {
        let known: Vec<&StackId> = uc
            .favours
            .iter()
            .filter(|id| content.stack(id).is_some())
            .collect();
        let each = if known.len() == 1 {
            SOLE_FAVOURITE_POINTS
        } else {
            SHARED_FAVOURITE_POINTS
        };
        let mut effects = Vec::new();
        for id in known {
            if let Some(p) = points.iter_mut().find(|p| &p.stack == id) {
                p.from_use_cases += each;
                effects.push(PointEffect {
                    stack: id.clone(),
                    points: each,
                });
            }
        }
        reasons.push(Reason {
            driven_by: Driver::UseCase(uc.id.clone()),
            label: uc.name.clone(),
            effects,
            text: uc.why.clone(),
        });
    }

    for e in team.effects() {
        let mut effects = Vec::new();
        if let Some(id) = e.stack.filter(|_| e.points != 0)
            && let Some(p) = points.iter_mut().find(|p| p.stack == id)
        {
            p.from_answers += e.points;
            effects.push(PointEffect {
                stack: id.to_string(),
                points: e.points,
            });
        }
        reasons.push(Reason {
            driven_by: Driver::Answer(e.question),
            label: format!("{}: {}", e.question.label(), e.answer),
            effects,
            text: e.why.to_string(),
        });
    }

    let parts: Vec<SplitPart> = content
        .stacks
        .iter()
        .map(|s| SplitPart {
            stack: s.id.clone(),
            use_cases: chosen
                .iter()
                .filter(|uc| sole_favourite(content, uc) == Some(s.id.as_str()))
                .map(|uc| uc.id.clone())
                .collect(),
        })
        .filter(|p| !p.use_cases.is_empty())
        .collect();
    let one_app = team.scaling == Some(Scaling::OneLargeApp);
    let total_of = |id: &str| {
        points
            .iter()
            .find(|p| p.stack == id)
            .map_or(0, |p| p.total())
    };

    let (verdict, confidence) = if parts.len() >= 2 && !one_app {
        let weakest = parts.iter().map(|p| total_of(&p.stack)).min().unwrap_or(0);
        let shared = chosen
            .iter()
            .filter(|uc| sole_favourite(content, uc).is_none())
            .map(|uc| uc.id.clone())
            .collect();
        (
            Verdict::Split { parts, shared },
            Confidence::from_margin(weakest.max(0)),
        )
    } else {
        let mut ranked: Vec<&StackPoints> = points.iter().collect();
        // Stable sort: among equals, content order is kept, which only matters for display.
        ranked.sort_by_key(|p| std::cmp::Reverse(p.total()));
        let best = ranked.first().map_or(0, |p| p.total());
        let second = ranked.get(1).map_or(0, |p| p.total());
        if ranked.len() >= 2 && best == second {
            let tied = ranked
                .iter()
                .filter(|p| p.total() == best)
                .map(|p| p.stack.clone())
                .collect();
            (Verdict::Either(tied), Confidence::from_margin(0))
        } else {
            let winner = ranked.first().map(|p| p.stack.clone()).unwrap_or_default();
            (
                Verdict::Single(winner),
                Confidence::from_margin(best - second),
            )
        }
    };

    Some(Recommendation {
        verdict,
        confidence,
        reasons,
        points,
    })
}

/// The one stack a use case favours, when it favours exactly one known stack.
fn sole_favourite<'a>(content: &Content, uc: &'a nvp_content::UseCase) -> Option<&'a str> {
    let mut known = uc.favours.iter().filter(|id| content.stack(id).is_some());
    match (known.next(), known.next()) {
        (Some(only), None) => Some(only.as_str()),
        _ => None,
    }
}
