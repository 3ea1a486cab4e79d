//! The Simulate tab's state: the settings being edited, the messages about values that had to be
//! changed, the latest outcome, and the progress of the run being computed. The outcome is
//! replaced only by [`SimAction::Ran`] for the current settings, so the view can tell "results
//! are for older settings" (a run is pending) from "up to date".

use nvp_sim::IoKind;
use nvp_ui::content::Content;
use nvp_versus::Outcome;
use nvp_versus::settings::{Config, Field, Issue, PyMode, Settings, Shape};
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
    /// The latest outcome, `None` until the first run is back.
    pub outcome: Option<Run>,
    /// Runs done and known of the experiment being computed, while one is.
    pub progress: Option<(u32, u32)>,
    /// Why the simulator could not run at all (it failed to load), for the visitor.
    pub failure: Option<String>,
}

impl SimState {
    /// A state for `settings`; natively (server rendering, tests) the first outcome is computed
    /// at once, since effects never run there. In the browser it comes from the simulator module.
    pub fn new(settings: Settings) -> SimState {
        #[cfg(not(target_arch = "wasm32"))]
        let outcome = Some(Run(Rc::new(nvp_versus::evaluate(&settings))));
        #[cfg(target_arch = "wasm32")]
        let outcome = None;
        SimState {
            settings,
            issues: Vec::new(),
            outcome,
            progress: None,
            failure: None,
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
        self.outcome
            .as_ref()
            .is_none_or(|o| o.settings != self.settings)
    }
}

impl nvp_ui::link::TabModel for SimState {
    type Link = Settings;

    fn from_link(settings: Settings, _: &Content) -> Self {
        SimState::new(settings)
    }

    fn link(&self) -> &Settings {
        &self.settings
    }
}

/// A choice made in a `<select>` or a segmented control.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Choice {
    Config(Config),
    PyMode(PyMode),
    CpuShape(Shape),
    IoShape(Shape),
    IoKind(IoKind),
    LongLived(bool),
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
    /// Progress of the run for these settings.
    Progress(Settings, u32, u32),
    Ran(Run),
    /// The simulator could not run (it did not load); the sentence is for the visitor.
    Failed(String),
}

/// The next seed after `seed`: a SplitMix32-style scramble, so "new traffic" is reproducible in
/// tests and never cycles back quickly.
pub fn next_seed(seed: u32) -> u32 {
    let mut z = seed.wrapping_add(0x9e37_79b9);
    z = (z ^ (z >> 16)).wrapping_mul(0x85eb_ca6b);
    z = (z ^ (z >> 13)).wrapping_mul(0xc2b2_ae35);
    z ^ (z >> 16)
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
            SimAction::Choose(c) => {
                let s = &mut next.settings;
                match c {
                    Choice::Config(x) => s.config = x,
                    Choice::PyMode(m) => s.custom.py_mode = m,
                    Choice::CpuShape(x) => s.traffic.cpu_shape = x,
                    Choice::IoShape(x) => s.traffic.io_shape = x,
                    Choice::IoKind(k) => s.traffic.io_kind = k,
                    Choice::LongLived(b) => s.traffic.long_lived = b,
                }
                // The window depends on the traffic; keep it inside the run.
                next.settings = next.settings.clone().clamped().0;
            }
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
                s.set_value(Field::WindowStart, to.max(0.0));
                next.issues.retain(|i| i.field != Field::WindowStart);
            }
            SimAction::Progress(settings, done, total) => {
                if settings != next.settings {
                    return self;
                }
                next.progress = Some((done, total));
            }
            SimAction::Ran(outcome) => {
                if outcome.settings != next.settings {
                    // A run for settings the visitor has already left; a newer one is on its way.
                    return self;
                }
                next.outcome = Some(outcome);
                next.progress = None;
                next.failure = None;
            }
            SimAction::Failed(why) => {
                next.failure = Some(why);
                next.progress = None;
            }
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
