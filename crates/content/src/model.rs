//! The content model: every type the `content/*.toml` files deserialize into.
//!
//! Stacks are data, never Rust enums: every per-stack field is keyed by a stack id, so adding a
//! third stack (say Go) is a data change only. The same types are read by `build.rs` (from TOML)
//! and by the widget (from postcard), so they avoid serde features postcard cannot handle
//! (`flatten`, untagged enums, `skip_serializing_if`).

use serde::{Deserialize, Serialize};

/// Identifier of a stack, e.g. `"node"` or `"python"`.
pub type StackId = String;
/// Identifier of a source in [`Content::sources`].
pub type SourceId = String;

/// The largest weight a visitor (or a preset) can give a criterion; weights run 0..=`MAX_WEIGHT`.
pub const MAX_WEIGHT: u8 = 5;

/// The whole content bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub stacks: Vec<Stack>,
    pub dimensions: Vec<Dimension>,
    /// The scale that [`CriterionScore::score`] uses.
    pub scale: ScoreScale,
    pub criteria: Vec<Criterion>,
    pub presets: Vec<WeightPreset>,
    pub tldr: Vec<String>,
    pub faqs: Vec<Faq>,
    pub hello_worlds: Vec<CodeSample>,
    /// Absent until a data file defines it; `default` lets such a file set be read at all.
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub use_cases: Vec<UseCase>,
    pub sources: Vec<Source>,
}

/// A backend stack being compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stack {
    pub id: StackId,
    /// Display name, e.g. "Node.js".
    pub name: String,
    /// The runtime's one-line summary.
    pub summary: String,
    /// Short symbol used to mark "favours" without relying on colour, e.g. "N" or "Py".
    pub badge: String,
}

/// One row of the comparison matrix (one of the article's dimensions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: String,
    pub title: String,
    /// The one-line takeaway for the row.
    pub takeaway: String,
    /// Stacks this row favours; empty means "depends / neither".
    pub favours: Vec<StackId>,
    /// The points for each stack.
    pub entries: Vec<DimensionEntry>,
    /// Corrections or context the article leaves out, each with a source. Most rows have none,
    /// so data files may leave the key out.
    #[serde(default)]
    pub nuances: Vec<Nuance>,
}

/// A stack's points on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionEntry {
    pub stack: StackId,
    /// Short summary shown in the table cell.
    pub summary: String,
    /// The detailed points shown when the row is expanded: the article's own claims, in our words.
    /// May be empty when `sourced_points` says it all (the companies row).
    #[serde(default)]
    pub points: Vec<String>,
    /// Points that make a claim the article does not (a company's use of the stack, a runtime
    /// feature), each with its own source. Shown after `points`.
    #[serde(default)]
    pub sourced_points: Vec<Nuance>,
}

/// A sentence with its source: extra context where the article is incomplete or misleading, or
/// a sourced point in a stack's entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nuance {
    pub text: String,
    pub source: SourceId,
}

/// The scale every criterion score is on, e.g. 0..=5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreScale {
    pub min: u8,
    pub max: u8,
    /// What the ends of the scale mean, shown to the visitor.
    pub meaning: String,
}

/// Something a visitor can weigh (0–5) in the fit score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    pub description: String,
    /// How strongly each stack meets this criterion.
    pub scores: Vec<CriterionScore>,
}

/// A stack's score on one criterion, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionScore {
    pub stack: StackId,
    pub score: u8,
    pub why: String,
    /// The source behind the reason; `"article"` when it is the article's own claim. Never empty.
    pub source: SourceId,
}

/// A named set of weights, e.g. "Real-time product".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightPreset {
    pub id: String,
    pub label: String,
    pub weights: Vec<PresetWeight>,
}

/// One criterion's weight in a preset (criteria a preset leaves out weigh 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PresetWeight {
    pub criterion: String,
    pub weight: u8,
}

/// A frequently asked question with its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Faq {
    pub id: String,
    pub question: String,
    pub answer: String,
    /// The source behind the answer; `"article"` when it restates the article.
    pub source: SourceId,
    #[serde(default)]
    pub nuances: Vec<Nuance>,
}

/// A code listing, e.g. the article's hello-world server for a stack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeSample {
    pub stack: StackId,
    pub title: String,
    pub language: String,
    pub code: String,
    /// What the listing does and does not do, each with a source.
    #[serde(default)]
    pub notes: Vec<Nuance>,
}

/// A category a use case can belong to (real-time, data and AI, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub label: String,
}

/// A use case the article names, with the workload profile the simulator turns into a preset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UseCase {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Category ids.
    pub categories: Vec<String>,
    /// Stacks the article favours for this use case; more than one means "either".
    pub favours: Vec<StackId>,
    /// Why the article favours them, in our words.
    pub why: String,
    pub workload: WorkloadProfile,
    /// Criterion ids this use case leans on (used to explain recommendations).
    pub criteria: Vec<String>,
}

/// A use case's typical request shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadProfile {
    /// Typical CPU time per request, in milliseconds.
    pub cpu_ms: f64,
    /// Typical I/O wait per request, in milliseconds (for long-lived connections: how long the
    /// connection stays open).
    pub io_ms: f64,
    /// Whether connections stay open (WebSockets, streams) rather than request/response.
    pub long_lived: bool,
    /// A typical arrival rate for the preset, requests per second.
    pub rate_per_s: f64,
    /// I/O calls a request makes (its I/O time split evenly, each call followed by its share of
    /// the CPU); 1 when the data says nothing.
    #[serde(default = "one_call")]
    pub io_calls: u32,
    /// Share of the CPU, in %, spent in native libraries that release Python's GIL while they
    /// compute (NumPy, pandas, PyTorch); 0 when the data says nothing.
    #[serde(default)]
    pub native_pct: f64,
}

fn one_call() -> u32 {
    1
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    pub label: String,
    /// Where to read it. The validator only checks its form; `tests/content_review.rs` requires
    /// every shipped source to have one (see `content/REVIEW.md`).
    pub url: String,
}

/// Share of a request's time spent computing rather than waiting, 0.0..=1.0 (0 for an empty
/// request). Shared by use-case profiles and the simulator's settings.
pub fn cpu_share(cpu_ms: f64, io_ms: f64) -> f64 {
    let total = cpu_ms + io_ms;
    if total > 0.0 { cpu_ms / total } else { 0.0 }
}

impl WorkloadProfile {
    /// Share of a request's time spent on CPU rather than waiting, 0.0..=1.0.
    pub fn cpu_share(&self) -> f64 {
        cpu_share(self.cpu_ms, self.io_ms)
    }
}

impl Content {
    /// The part of the content the answer needs (stacks, categories and use cases, with their
    /// sources), for the first module, which must load fast; the rest ships with the depth views.
    pub fn essentials(&self) -> Content {
        Content {
            stacks: self.stacks.clone(),
            categories: self.categories.clone(),
            use_cases: self.use_cases.clone(),
            scale: self.scale.clone(),
            sources: self.sources.clone(),
            dimensions: Vec::new(),
            criteria: Vec::new(),
            presets: Vec::new(),
            tldr: Vec::new(),
            faqs: Vec::new(),
            hello_worlds: Vec::new(),
        }
    }

    /// Looks up a stack by id.
    pub fn stack(&self, id: &str) -> Option<&Stack> {
        self.stacks.iter().find(|s| s.id == id)
    }

    /// Looks up a source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Looks up a use case by id.
    pub fn use_case(&self, id: &str) -> Option<&UseCase> {
        self.use_cases.iter().find(|u| u.id == id)
    }

    /// A stack's position in [`Content::stacks`]; the UI derives its colour token from it.
    pub fn stack_index(&self, id: &str) -> Option<usize> {
        self.stacks.iter().position(|s| s.id == id)
    }

    /// Looks up a criterion by id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// Looks up a dimension by id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }
}

impl Criterion {
    /// The score this criterion gives `stack`, if the data has one.
    pub fn score_for(&self, stack: &str) -> Option<&CriterionScore> {
        self.scores.iter().find(|s| s.stack == stack)
    }
}

impl Dimension {
    /// This row's entry for `stack`, if the data has one.
    pub fn entry_for(&self, stack: &str) -> Option<&DimensionEntry> {
        self.entries.iter().find(|e| e.stack == stack)
    }
}
