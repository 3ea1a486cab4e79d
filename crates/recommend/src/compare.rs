//! The Compare tab's state (weights, expanded rows, filter), its reducer, and how it is written
//! to and read from the URL hash. Pure: no web APIs, so it is tested natively.
//!
//! Hash keys (all under the tab's `c.` prefix):
//! - `c.w`: the weights, as `criterion:weight` pairs for the non-zero weights, e.g.
//!   `io:5,realtime:5`. Absent means "the first preset"; present-but-empty means all zero.
//! - `c.x`: ids of the expanded rows, comma-separated, e.g. `architecture,performance`.
//! - `c.f`: the filter text.
//!
//! Reading is total: whatever a link holds, the result is a usable state plus a list of what
//! was ignored, which the tab turns into one sentence for the visitor.

use nvp_content::{Content, MAX_WEIGHT};
use nvp_state::{Decoded, HashParams, LinkState, Update};
use std::rc::Rc;

pub const WEIGHTS_KEY: &str = "c.w";
pub const EXPANDED_KEY: &str = "c.x";
pub const FILTER_KEY: &str = "c.f";
/// Longer filters are cut: no dimension needs more, and it keeps hostile links small.
pub const MAX_FILTER_CHARS: usize = 80;

/// What the visitor has set on the Compare tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareState {
    /// One weight per criterion, in content order, each `0..=MAX_WEIGHT`.
    pub weights: Vec<u8>,
    /// Ids of the expanded matrix rows, in content order.
    pub expanded: Vec<String>,
    /// The text filter over the dimensions, as typed.
    pub filter: String,
}

/// Changes the visitor can make.
#[derive(Debug, Clone, PartialEq)]
pub enum CompareAction {
    /// Sets criterion `index` to `weight` (clamped to `0..=MAX_WEIGHT`).
    SetWeight(usize, u8),
    /// Replaces every weight, e.g. from a preset.
    SetWeights(Vec<u8>),
    /// Opens the row if closed, closes it if open. `order` is every row id in content order.
    Toggle {
        id: String,
        order: Rc<Vec<String>>,
    },
    /// Opens exactly these rows (empty closes all).
    SetExpanded(Vec<String>),
    SetFilter(String),
}

impl Update for CompareState {
    type Action = CompareAction;

    fn update(&mut self, action: CompareAction) {
        let next = self;
        match action {
            CompareAction::SetWeight(index, weight) => {
                if let Some(w) = next.weights.get_mut(index) {
                    *w = weight.min(MAX_WEIGHT);
                }
            }
            CompareAction::SetWeights(weights) => {
                let len = next.weights.len();
                next.weights = weights.into_iter().map(|w| w.min(MAX_WEIGHT)).collect();
                next.weights.resize(len, 0);
            }
            CompareAction::Toggle { id, order } => {
                if next.expanded.contains(&id) {
                    next.expanded.retain(|x| *x != id);
                } else {
                    next.expanded.push(id);
                    next.expanded
                        .sort_by_key(|x| order.iter().position(|o| o == x).unwrap_or(usize::MAX));
                }
            }
            CompareAction::SetExpanded(ids) => next.expanded = ids,
            CompareAction::SetFilter(text) => next.filter = clean_filter(&text).0,
        }
    }
}

/// The weights of preset `index` (criteria it leaves out weigh 0), in content order.
pub fn preset_weights(content: &Content, index: usize) -> Vec<u8> {
    let Some(preset) = content.presets.get(index) else {
        return vec![0; content.criteria.len()];
    };
    content
        .criteria
        .iter()
        .map(|c| {
            preset
                .weights
                .iter()
                .find(|w| w.criterion == c.id)
                .map_or(0, |w| w.weight.min(MAX_WEIGHT))
        })
        .collect()
}

/// The weights the tab starts with: the first preset's.
pub fn default_weights(content: &Content) -> Vec<u8> {
    preset_weights(content, 0)
}

/// The state with nothing set by the visitor.
pub fn default_state(content: &Content) -> CompareState {
    CompareState {
        weights: default_weights(content),
        expanded: Vec::new(),
        filter: String::new(),
    }
}

/// The index of the preset whose weights equal `weights`, if any (its button shows as pressed).
pub fn active_preset(content: &Content, weights: &[u8]) -> Option<usize> {
    (0..content.presets.len()).find(|&i| preset_weights(content, i) == weights)
}

/// Reads the tab's keys. Keys outside `c.` are not ours and are ignored silently.
pub fn decode(content: &Content, params: &HashParams) -> Decoded<CompareState> {
    let mut state = default_state(content);
    let mut problems = Vec::new();
    for (key, value) in params.iter() {
        match key {
            WEIGHTS_KEY => match decode_weights(content, value) {
                Some(weights) => state.weights = weights,
                None => problems.push("the weights".to_string()),
            },
            EXPANDED_KEY => {
                let (ids, unknown) = decode_expanded(content, value);
                state.expanded = ids;
                match unknown {
                    0 => {}
                    1 => problems.push("a row to expand that does not exist".to_string()),
                    n => problems.push(format!("{n} rows to expand that do not exist")),
                }
            }
            FILTER_KEY => {
                let (text, changed) = clean_filter(value);
                state.filter = text;
                if changed {
                    problems.push("the filter text was shortened".to_string());
                }
            }
            other if other.starts_with("c.") => {
                let shown: String = other.chars().take(24).collect();
                problems.push(format!("an unknown setting “{shown}”"));
            }
            _ => {}
        }
    }
    Decoded { state, problems }
}

/// `criterion:weight` pairs; all-or-nothing, so a half-read list never passes for the visitor's.
fn decode_weights(content: &Content, value: &str) -> Option<Vec<u8>> {
    let mut weights = vec![0u8; content.criteria.len()];
    let mut seen = vec![false; content.criteria.len()];
    for piece in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (id, weight) = piece.split_once(':')?;
        let index = content.criteria.iter().position(|c| c.id == id.trim())?;
        let weight: u8 = weight.trim().parse().ok()?;
        if weight > MAX_WEIGHT || seen[index] {
            return None;
        }
        seen[index] = true;
        weights[index] = weight;
    }
    Some(weights)
}

/// Known row ids in content order, and how many pieces were not row ids.
fn decode_expanded(content: &Content, value: &str) -> (Vec<String>, usize) {
    let pieces: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let ids: Vec<String> = content
        .dimensions
        .iter()
        .filter(|d| pieces.contains(&d.id.as_str()))
        .map(|d| d.id.clone())
        .collect();
    let unknown = pieces
        .iter()
        .filter(|p| content.dimension(p).is_none())
        .count();
    (ids, unknown)
}

/// Drops control characters and cuts to [`MAX_FILTER_CHARS`]; says whether anything was cut.
fn clean_filter(text: &str) -> (String, bool) {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let cut: String = clean.chars().take(MAX_FILTER_CHARS).collect();
    let changed = cut.chars().count() != text.chars().count();
    (cut, changed)
}

/// The tab's keys for `state`; settings at their defaults are left out to keep links short.
pub fn encode(content: &Content, state: &CompareState) -> HashParams {
    let mut params = HashParams::new();
    if state.weights != default_weights(content) {
        let pairs: Vec<String> = content
            .criteria
            .iter()
            .zip(&state.weights)
            .filter(|(_, w)| **w > 0)
            .map(|(c, w)| format!("{}:{w}", c.id))
            .collect();
        params.set(WEIGHTS_KEY, pairs.join(","));
    }
    if !state.expanded.is_empty() {
        params.set(EXPANDED_KEY, state.expanded.join(","));
    }
    if !state.filter.is_empty() {
        params.set(FILTER_KEY, state.filter.clone());
    }
    params
}

impl LinkState for CompareState {
    type Context = Content;
    const PREFIX: &'static str = "c.";

    fn decode(content: &Content, params: &HashParams) -> Decoded<Self> {
        decode(content, params)
    }

    fn encode(&self, content: &Content) -> HashParams {
        encode(content, self)
    }

    fn notice(problems: &[String]) -> Option<String> {
        if problems.is_empty() {
            return None;
        }
        Some(format!(
            "Part of the link's Compare settings could not be used ({}), so defaults are shown there instead.",
            problems.join("; ")
        ))
    }
}
