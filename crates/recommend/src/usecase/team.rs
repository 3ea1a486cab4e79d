//! The team profile: the article's "it depends" factors as questions, and the one point each
//! answer is worth.
//!
//! **Balance.** The answers are symmetric by rule (see `content/REVIEW.md`): each stack has the
//! same number of answers worth +1 and of answers worth −1, and every middle or unanswered
//! choice is worth 0, so a team that leans neither way moves neither stack. Today each stack can
//! gain 3 points (its language spoken fluently, plus Node.js: mostly I/O and many small services;
//! Python: beginners and one large application) and lose 1 (its language new to the team). "Mostly
//! computation" is worth 0 because the matrix splits it: numeric libraries lean to Python, plain
//! code to Node.js. `tests/content_review.rs` checks the symmetry.
//!
//! Answers speak about JavaScript and Python, so they can only move the stacks whose ids are
//! [`NODE`] and [`PYTHON`]. When the content has no stack with that id, the answer moves
//! nothing (it is still shown, so the visitor is not left guessing). Every question starts
//! unanswered (`None`), which is worth nothing.

/// Stack id that JavaScript-flavoured answers count for.
pub const NODE: &str = "node";
/// Stack id that Python-flavoured answers count for.
pub const PYTHON: &str = "python";

/// The answer rules in plain words, for the view. Kept next to [`TeamProfile::effects`] so the
/// two change together.
pub const ANSWER_RULES: &str = "Fluent in a language: +1 to its stack; new to it: −1. \
    Mostly waiting on I/O, or many small services: +1 to Node.js. Beginners on the team, or one \
    large application: +1 to Python. Mostly computation counts 0, because it leans to Python \
    for numeric libraries and to Node.js for plain code. “Not sure” and the middle answers \
    count 0.";

/// How well the team knows a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fluency {
    /// Writes it daily.
    Fluent,
    /// Has used it; neither helps nor hurts.
    Familiar,
    /// Would have to learn it.
    New,
}

impl Fluency {
    /// Every answer, in form order.
    pub const ALL: [Fluency; 3] = [Fluency::Fluent, Fluency::Familiar, Fluency::New];
}

/// What the requests mostly spend their time on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadMix {
    MostlyIo,
    Mixed,
    MostlyCpu,
}

impl WorkloadMix {
    /// Every answer, in form order.
    pub const ALL: [WorkloadMix; 3] = [
        WorkloadMix::MostlyIo,
        WorkloadMix::Mixed,
        WorkloadMix::MostlyCpu,
    ];
}

/// How the system is expected to grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scaling {
    ManySmallServices,
    OneLargeApp,
}

impl Scaling {
    /// Every answer, in form order.
    pub const ALL: [Scaling; 2] = [Scaling::ManySmallServices, Scaling::OneLargeApp];
}

/// The visitor's answers; `None` means not answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TeamProfile {
    pub js_fluency: Option<Fluency>,
    pub py_fluency: Option<Fluency>,
    /// Whether the team includes people new to backend work.
    pub beginners: Option<bool>,
    pub workload_mix: Option<WorkloadMix>,
    pub scaling: Option<Scaling>,
}

/// Which question an answer belongs to (names the driver of a reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    JsFluency,
    PyFluency,
    Beginners,
    WorkloadMix,
    Scaling,
}

impl Question {
    /// Every question, in the order the form asks them.
    pub const ALL: [Question; 5] = [
        Question::JsFluency,
        Question::PyFluency,
        Question::Beginners,
        Question::WorkloadMix,
        Question::Scaling,
    ];

    /// The question as a short label.
    pub fn label(self) -> &'static str {
        match self {
            Question::JsFluency => "JavaScript experience",
            Question::PyFluency => "Python experience",
            Question::Beginners => "Beginners on the team",
            Question::WorkloadMix => "Workload mix",
            Question::Scaling => "How it scales",
        }
    }
}

/// What one answer does to the points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerEffect {
    pub question: Question,
    /// The answer as the visitor would say it, e.g. "fluent in JavaScript".
    pub answer: &'static str,
    /// The stack id it moves (see [`NODE`], [`PYTHON`]); `None` when it moves nothing.
    pub stack: Option<&'static str>,
    /// +1, −1 or 0.
    pub points: i32,
    /// Why, in a sentence.
    pub why: &'static str,
}

impl TeamProfile {
    /// One profile per possible answer, each with only that question answered: every choice the
    /// form offers except "Not sure". The balance test reads the points off these.
    pub fn every_single_answer() -> Vec<TeamProfile> {
        let blank = TeamProfile::default();
        let mut out = Vec::new();
        for f in Fluency::ALL {
            out.push(TeamProfile {
                js_fluency: Some(f),
                ..blank
            });
            out.push(TeamProfile {
                py_fluency: Some(f),
                ..blank
            });
        }
        for b in [true, false] {
            out.push(TeamProfile {
                beginners: Some(b),
                ..blank
            });
        }
        for m in WorkloadMix::ALL {
            out.push(TeamProfile {
                workload_mix: Some(m),
                ..blank
            });
        }
        for sc in Scaling::ALL {
            out.push(TeamProfile {
                scaling: Some(sc),
                ..blank
            });
        }
        out
    }

    /// The effect of every answered question, in form order. Unanswered questions are left out;
    /// answers worth nothing are kept so the visitor sees they were considered.
    pub fn effects(&self) -> Vec<AnswerEffect> {
        let mut out = Vec::new();
        if let Some(f) = self.js_fluency {
            out.push(fluency_effect(Question::JsFluency, f, NODE));
        }
        if let Some(f) = self.py_fluency {
            out.push(fluency_effect(Question::PyFluency, f, PYTHON));
        }
        if let Some(b) = self.beginners {
            out.push(if b {
                effect(
                    Question::Beginners,
                    "the team has beginners",
                    Some(PYTHON),
                    1,
                    "Python's plain syntax is quicker to learn; asynchronous JavaScript takes longer to get right.",
                )
            } else {
                effect(
                    Question::Beginners,
                    "no beginners",
                    None,
                    0,
                    "An experienced team can handle either learning curve.",
                )
            });
        }
        if let Some(mix) = self.workload_mix {
            out.push(match mix {
                WorkloadMix::MostlyIo => effect(
                    Question::WorkloadMix,
                    "mostly waiting on I/O",
                    Some(NODE),
                    1,
                    "An event loop serves other requests while one waits, which is where Node.js is strongest.",
                ),
                WorkloadMix::Mixed => effect(
                    Question::WorkloadMix,
                    "a mix of I/O and computation",
                    None,
                    0,
                    "A mixed workload does not lean either way.",
                ),
                WorkloadMix::MostlyCpu => effect(
                    Question::WorkloadMix,
                    "mostly computation or numeric work",
                    None,
                    0,
                    "Heavy computation does not lean either way on its own. Numeric work in libraries such as NumPy favours Python; plain code of your own runs faster on Node.js. Both need worker processes for it.",
                ),
            });
        }
        if let Some(scaling) = self.scaling {
            out.push(match scaling {
                Scaling::ManySmallServices => effect(
                    Question::Scaling,
                    "many small services",
                    Some(NODE),
                    1,
                    "The article finds light Node.js processes easy to run side by side, as many small services.",
                ),
                Scaling::OneLargeApp => effect(
                    Question::Scaling,
                    "one large application",
                    Some(PYTHON),
                    1,
                    "The article finds Python at home in large, structured codebases, and Django gives one a fixed layout.",
                ),
            });
        }
        out
    }
}

fn effect(
    question: Question,
    answer: &'static str,
    stack: Option<&'static str>,
    points: i32,
    why: &'static str,
) -> AnswerEffect {
    AnswerEffect {
        question,
        answer,
        stack,
        points,
        why,
    }
}

fn fluency_effect(question: Question, fluency: Fluency, stack: &'static str) -> AnswerEffect {
    let js = stack == NODE;
    match fluency {
        Fluency::Fluent => effect(
            question,
            if js {
                "fluent in JavaScript"
            } else {
                "fluent in Python"
            },
            Some(stack),
            1,
            "A team that already writes the language daily ships sooner and makes fewer mistakes in it.",
        ),
        Fluency::Familiar => effect(
            question,
            if js { "some JavaScript" } else { "some Python" },
            None,
            0,
            "Some experience neither speeds the team up nor holds it back much.",
        ),
        Fluency::New => effect(
            question,
            if js {
                "new to JavaScript"
            } else {
                "new to Python"
            },
            Some(stack),
            -1,
            "Learning a language while building the product slows the first months.",
        ),
    }
}
