//! The Simulate tab's state: the settings being edited, the messages about values that had to be
//! changed, and the latest computed outcome. The outcome is replaced only by [`SimAction::Ran`],
//! so the view can tell "results are for older settings" (a run is pending) from "up to date".

use crate::content::Content;
use nvp_sim::IoKind;
use nvp_versus::settings::{Field, Issue, PyMode, Settings, Shape};
use nvp_versus::{Outcome, evaluate};
use std::rc::Rc;
use yew::Reducible;

/// An outcome shared by the state and the views. Equal only to itself: comparing two outcomes by
/// value would walk tens of thousands of spans on every render.
#[derive(Clone, Debug)]
pub struct Run(pub Rc<Outcome>);

impl PartialEq for Run {
    fn eq(&self, other: &Run) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Run {
    type Target = Outcome;
    fn deref(&self) -> &Outcome {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SimState {
    pub settings: Settings,
    /// At most one message per field, about the last value typed into it.
    pub issues: Vec<Issue>,
    pub outcome: Run,
}

impl SimState {
    /// A state whose outcome is already computed, for the first render (server rendering never
    /// runs effects, so the first picture must not wait for one).
    pub fn new(settings: Settings, content: &Content) -> SimState {
        let outcome = Run(Rc::new(evaluate(&settings, content)));
        SimState {
            settings,
            issues: Vec::new(),
            outcome,
        }
    }

    pub fn issue(&self, f: Field) -> Option<&str> {
        self.issues
            .iter()
            .find(|i| i.field == f)
            .map(|i| i.message.as_str())
    }

    /// Whether the shown outcome is for older settings (a run is pending).
    pub fn stale(&self) -> bool {
        self.outcome.settings != self.settings
    }
}

/// A choice made in a `<select>`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Choice {
    PyMode(PyMode),
    CpuShape(Shape),
    IoShape(Shape),
    IoKind(IoKind),
}

pub enum SimAction {
    /// What the visitor typed into a numeric field.
    Number(Field, String),
    Choose(Choice),
    /// Replaces every setting (a preset, a what-if) and clears the messages.
    Replace(Settings),
    /// A new seed: different arrivals, same everything else.
    NewTraffic,
    /// Moves the timeline window by this many window lengths (negative is earlier).
    ShiftWindow(f64),
    Ran(Run),
}

/// The next seed after `seed`: a SplitMix32-style scramble, so "new traffic" is reproducible in
/// tests and never cycles back quickly.
pub fn next_seed(seed: u32) -> u32 {
    let mut z = seed.wrapping_add(0x9e37_79b9);
    z = (z ^ (z >> 16)).wrapping_mul(0x85eb_ca6b);
    z = (z ^ (z >> 13)).wrapping_mul(0xc2b2_ae35);
    z ^ (z >> 16)
}

impl crate::ui::link::TabModel for SimState {
    type Link = Settings;

    fn from_link(settings: Settings, content: &Content) -> Self {
        SimState::new(settings, content)
    }

    fn link(&self) -> &Settings {
        &self.settings
    }
}

impl Reducible for SimState {
    type Action = SimAction;

    fn reduce(self: Rc<Self>, action: SimAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SimAction::Number(f, raw) => {
                let issue = next.settings.set_text(f, &raw);
                next.issues.retain(|i| i.field != f);
                next.issues.extend(issue);
            }
            SimAction::Choose(c) => match c {
                Choice::PyMode(m) => next.settings.py_mode = m,
                Choice::CpuShape(x) => next.settings.cpu_shape = x,
                Choice::IoShape(x) => next.settings.io_shape = x,
                Choice::IoKind(k) => next.settings.io_kind = k,
            },
            SimAction::Replace(s) => {
                next.settings = s.clamped().0;
                next.issues.clear();
            }
            SimAction::NewTraffic => {
                next.settings.seed = next_seed(next.settings.seed);
                next.issues.retain(|i| i.field != Field::Seed);
            }
            SimAction::ShiftWindow(by) => {
                let s = &mut next.settings;
                let to = s.window_start_s + by * s.window_len_s;
                s.set_value(Field::WindowStart, to.clamp(0.0, s.duration_s));
                next.issues.retain(|i| i.field != Field::WindowStart);
            }
            SimAction::Ran(outcome) => {
                if outcome.settings != next.settings {
                    // A run for settings the visitor has already left; a newer one is on its way.
                    return self;
                }
                next.outcome = outcome;
            }
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
