//! The picker's state, its reducer, and how it is written to and read from the URL hash.
//!
//! The tab owns the `u.` keys of the shared hash format ([`nvp_state::hash`]):
//!
//! | key       | value                                          | example               |
//! |-----------|------------------------------------------------|-----------------------|
//! | `u.sel`   | selected use-case ids, comma-separated         | `chat,ml_pipeline`    |
//! | `u.q`     | search text                                    | `real time`           |
//! | `u.cat`   | category ids, comma-separated                  | `realtime,data_ai`    |
//! | `u.fav`   | a stack id, or `either`                        | `node`                |
//! | `u.js`    | JavaScript fluency: `fluent`, `familiar`, `new`| `fluent`              |
//! | `u.py`    | Python fluency, same values                    | `new`                 |
//! | `u.beg`   | beginners on the team: `yes`, `no`             | `yes`                 |
//! | `u.mix`   | workload: `io`, `mixed`, `cpu`                 | `cpu`                 |
//! | `u.scale` | `services` or `one-app`                        | `services`            |
//!
//! Defaults are never written, so an untouched picker adds nothing to the URL. Reading is
//! forgiving: anything unknown is dropped and summed up in one notice, so a stale or mangled
//! link still opens with everything it could use.

use crate::usecase::{Favours, Filter, Fluency, Scaling, TeamProfile, WorkloadMix};
use nvp_content::Content;
use nvp_state::{Decoded, HashParams, LinkState, Update};

/// Everything the visitor has chosen in the tab.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PickerState {
    /// Selected use-case ids, in the order they were picked. Filters never touch this.
    pub selected: Vec<String>,
    pub filter: Filter,
    pub team: TeamProfile,
}

/// What the view can ask of the state.
#[derive(Debug, Clone, PartialEq)]
pub enum PickerAction {
    /// Select (`true`) or deselect a use case; repeating it is harmless.
    Select(String, bool),
    SetQuery(String),
    ToggleCategory(String),
    SetFavours(Favours),
    /// Clears every filter, never the selections.
    ClearFilters,
    ClearSelection,
    Team(TeamProfile),
}

impl Update for PickerState {
    type Action = PickerAction;

    fn update(&mut self, action: PickerAction) {
        let next = self;
        match action {
            PickerAction::Select(id, on) => {
                let has = next.selected.contains(&id);
                if on && !has {
                    next.selected.push(id);
                } else if !on && has {
                    next.selected.retain(|s| *s != id);
                }
            }
            PickerAction::SetQuery(q) => next.filter.query = q,
            PickerAction::ToggleCategory(id) => {
                if next.filter.categories.contains(&id) {
                    next.filter.categories.retain(|c| *c != id);
                } else {
                    next.filter.categories.push(id);
                }
            }
            PickerAction::SetFavours(f) => next.filter.favours = f,
            PickerAction::ClearFilters => next.filter = Filter::default(),
            PickerAction::ClearSelection => next.selected.clear(),
            PickerAction::Team(t) => next.team = t,
        }
    }
}

const SEL: &str = "u.sel";
const QUERY: &str = "u.q";
const CAT: &str = "u.cat";
const FAV: &str = "u.fav";
const JS: &str = "u.js";
const PY: &str = "u.py";
const BEG: &str = "u.beg";
const MIX: &str = "u.mix";
const SCALE: &str = "u.scale";
const KEYS: [&str; 9] = [SEL, QUERY, CAT, FAV, JS, PY, BEG, MIX, SCALE];

/// The hash value for "favours either".
pub const EITHER: &str = "either";

/// Writes the state's non-default parts as `u.` keys.
pub fn encode(state: &PickerState) -> HashParams {
    let mut p = HashParams::new();
    if !state.selected.is_empty() {
        p.set(SEL, state.selected.join(","));
    }
    if !state.filter.query.trim().is_empty() {
        p.set(QUERY, state.filter.query.clone());
    }
    if !state.filter.categories.is_empty() {
        p.set(CAT, state.filter.categories.join(","));
    }
    match &state.filter.favours {
        Favours::Any => {}
        Favours::Stack(id) => p.set(FAV, id.clone()),
        Favours::Either => p.set(FAV, EITHER),
    }
    let team = &state.team;
    if let Some(f) = team.js_fluency {
        p.set(JS, fluency_code(f));
    }
    if let Some(f) = team.py_fluency {
        p.set(PY, fluency_code(f));
    }
    if let Some(b) = team.beginners {
        p.set(BEG, beginners_code(b));
    }
    if let Some(m) = team.workload_mix {
        p.set(MIX, mix_code(m));
    }
    if let Some(s) = team.scaling {
        p.set(SCALE, scaling_code(s));
    }
    p
}

/// Reads the `u.` keys against `content`: the usable state, and what was dropped.
pub fn decode(params: &HashParams, content: &Content) -> Decoded<PickerState> {
    let mut state = PickerState::default();
    let mut dropped: Vec<String> = Vec::new();

    for (key, _) in params.iter() {
        if key.starts_with("u.") && !KEYS.contains(&key) {
            dropped.push(format!("setting “{}”", shorten(key)));
        }
    }
    for id in list(params.get(SEL)) {
        if content.use_case(id).is_some() {
            if !state.selected.iter().any(|s| s == id) {
                state.selected.push(id.to_string());
            }
        } else {
            dropped.push(format!("use case “{}”", shorten(id)));
        }
    }
    // A blank query is no query: `encode` leaves it out, so keeping it would not round-trip.
    if let Some(q) = params.get(QUERY).filter(|q| !q.trim().is_empty()) {
        state.filter.query = q
            .chars()
            .take(crate::usecase::text::MAX_QUERY_CHARS)
            .collect();
    }
    for id in list(params.get(CAT)) {
        if content.categories.iter().any(|c| c.id == id) {
            if !state.filter.categories.iter().any(|c| c == id) {
                state.filter.categories.push(id.to_string());
            }
        } else {
            dropped.push(format!("category “{}”", shorten(id)));
        }
    }
    if let Some(v) = params.get(FAV) {
        if v == EITHER {
            state.filter.favours = Favours::Either;
        } else if content.stack(v).is_some() {
            state.filter.favours = Favours::Stack(v.to_string());
        } else {
            dropped.push(format!("stack “{}”", shorten(v)));
        }
    }
    let team = &mut state.team;
    team.js_fluency = answer(params, JS, "JavaScript", parse_fluency, &mut dropped);
    team.py_fluency = answer(params, PY, "Python", parse_fluency, &mut dropped);
    team.beginners = answer(params, BEG, "beginners", parse_beginners, &mut dropped);
    team.workload_mix = answer(params, MIX, "workload", parse_mix, &mut dropped);
    team.scaling = answer(params, SCALE, "scaling", parse_scaling, &mut dropped);

    Decoded {
        state,
        problems: dropped,
    }
}

/// Reads one team answer; an unreadable value is noted in `dropped` and left unanswered.
fn answer<T>(
    params: &HashParams,
    key: &str,
    what: &str,
    parse: fn(&str) -> Option<T>,
    dropped: &mut Vec<String>,
) -> Option<T> {
    let raw = params.get(key)?;
    let parsed = parse(raw);
    if parsed.is_none() {
        dropped.push(format!("{what} answer “{}”", shorten(raw)));
    }
    parsed
}

impl LinkState for PickerState {
    type Context = Content;
    const PREFIX: &'static str = "u.";

    fn decode(content: &Content, params: &HashParams) -> Decoded<Self> {
        decode(params, content)
    }

    fn encode(&self, _: &Content) -> HashParams {
        encode(self)
    }

    fn notice(dropped: &[String]) -> Option<String> {
        notice(dropped)
    }
}

/// One sentence for everything dropped, naming at most three items.
fn notice(dropped: &[String]) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    const SHOWN: usize = 3;
    let mut named = dropped[..dropped.len().min(SHOWN)].join(", ");
    if dropped.len() > SHOWN {
        named.push_str(&format!(" and {} more", dropped.len() - SHOWN));
    }
    Some(format!(
        "The link had use-case settings this page does not recognise ({named}); they were skipped."
    ))
}

/// Splits a comma list, ignoring empty items.
fn list(value: Option<&str>) -> impl Iterator<Item = &str> {
    value
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn shorten(text: &str) -> String {
    const MAX: usize = 24;
    let mut s: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        s.push('…');
    }
    s
}

/// Hash code for a fluency answer (also used as the radio value).
pub fn fluency_code(f: Fluency) -> &'static str {
    match f {
        Fluency::Fluent => "fluent",
        Fluency::Familiar => "familiar",
        Fluency::New => "new",
    }
}

/// Parses [`fluency_code`] output.
pub fn parse_fluency(v: &str) -> Option<Fluency> {
    [Fluency::Fluent, Fluency::Familiar, Fluency::New]
        .into_iter()
        .find(|f| fluency_code(*f) == v)
}

/// Hash code for a workload answer.
pub fn mix_code(m: WorkloadMix) -> &'static str {
    match m {
        WorkloadMix::MostlyIo => "io",
        WorkloadMix::Mixed => "mixed",
        WorkloadMix::MostlyCpu => "cpu",
    }
}

/// Parses [`mix_code`] output.
pub fn parse_mix(v: &str) -> Option<WorkloadMix> {
    [
        WorkloadMix::MostlyIo,
        WorkloadMix::Mixed,
        WorkloadMix::MostlyCpu,
    ]
    .into_iter()
    .find(|m| mix_code(*m) == v)
}

/// Hash code for the beginners answer.
pub fn beginners_code(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Parses [`beginners_code`] output.
pub fn parse_beginners(v: &str) -> Option<bool> {
    [true, false].into_iter().find(|b| beginners_code(*b) == v)
}

/// Parses [`scaling_code`] output.
pub fn parse_scaling(v: &str) -> Option<Scaling> {
    [Scaling::ManySmallServices, Scaling::OneLargeApp]
        .into_iter()
        .find(|s| scaling_code(*s) == v)
}

/// Hash code for a scaling answer.
pub fn scaling_code(s: Scaling) -> &'static str {
    match s {
        Scaling::ManySmallServices => "services",
        Scaling::OneLargeApp => "one-app",
    }
}
