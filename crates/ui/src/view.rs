//! Which of the widget's views (tabs) a panel shows. Both modules use it: the shell for its tabs
//! and options, the depth module to pick the view it was asked to mount (the name crosses the
//! JavaScript boundary as the view's id).

/// One of the widget's views (tabs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// Two one-tap questions and the verdict: the answer first.
    Answer,
    Compare,
    UseCases,
    Simulate,
}

impl View {
    /// Every view, in the default order.
    pub const ALL: [View; 4] = [View::Answer, View::Compare, View::UseCases, View::Simulate];

    /// The stable id used in attributes, the hash and element ids.
    pub fn id(self) -> &'static str {
        match self {
            View::Answer => "answer",
            View::Compare => "compare",
            View::UseCases => "usecases",
            View::Simulate => "simulate",
        }
    }

    /// The tab's visible label.
    pub fn label(self) -> &'static str {
        match self {
            View::Answer => "Answer",
            View::Compare => "Compare",
            View::UseCases => "Use cases",
            View::Simulate => "Simulate",
        }
    }

    /// Parses a view id; accepts a few obvious spellings.
    pub fn from_id(id: &str) -> Option<View> {
        match id.trim().to_ascii_lowercase().as_str() {
            "answer" | "verdict" => Some(View::Answer),
            "compare" | "matrix" => Some(View::Compare),
            "usecases" | "use-cases" | "use_cases" | "picker" => Some(View::UseCases),
            "simulate" | "simulator" | "sim" => Some(View::Simulate),
            _ => None,
        }
    }
}
