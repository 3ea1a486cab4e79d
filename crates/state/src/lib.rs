//! Shareable state: the one URL-hash format every tab writes, and the one protocol each tab's
//! state follows to be read from a link and written back.
//!
//! - [`hash`]: the format (`#nvp.tab=compare&nvp.c.w=io:3`), namespaced per widget instance and
//!   total: any input yields usable pairs plus the reasons for what was ignored;
//! - [`LinkState`]: what a tab's state implements: decode from its keys (repairing what it must,
//!   and saying so) and encode back. The view layer has one hook over this trait.

pub mod hash;

pub use hash::{HashParams, ParsedHash};

/// A tab state read from a link: the state to use, and what had to be repaired on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<S> {
    pub state: S,
    /// Short descriptions of whatever the link held that could not be used as it was.
    pub problems: Vec<String>,
}

impl<S: LinkState> Decoded<S> {
    /// One visitor-facing sentence about the repairs, or `None` when the link was clean.
    pub fn notice(&self) -> Option<String> {
        S::notice(&self.problems)
    }
}

impl<S> Decoded<S> {
    /// A clean read.
    pub fn clean(state: S) -> Self {
        Decoded {
            state,
            problems: Vec::new(),
        }
    }
}

/// The state of one tab as it lives in the shared link, under the tab's own key prefix.
///
/// Reading is total: whatever the link holds, `decode` returns a usable state, and lists what it
/// ignored or changed so the visitor can be told once, in one sentence ([`LinkState::notice`]).
pub trait LinkState: Sized + Clone + PartialEq {
    /// What decoding and encoding need besides the keys (e.g. the content, for valid ids).
    type Context: ?Sized;

    /// The tab's key prefix in the hash, e.g. `"c."`; keys outside it are not this tab's.
    const PREFIX: &'static str;

    /// Reads the tab's keys (keys outside [`LinkState::PREFIX`] are ignored silently).
    fn decode(cx: &Self::Context, params: &HashParams) -> Decoded<Self>;

    /// The tab's keys for this state; every key carries [`LinkState::PREFIX`].
    fn encode(&self, cx: &Self::Context) -> HashParams;

    /// One visitor-facing sentence about the repairs, or `None` when the link was clean.
    fn notice(problems: &[String]) -> Option<String>;
}

/// A tab state that changes by actions, as a reducer does. The view layer wraps it in one
/// generic reducer, so the logic of each change is tested here without a browser.
pub trait Update: Clone + PartialEq {
    type Action;

    /// Applies `action` in place. Leaving the state equal means "nothing changed" (the view
    /// then skips its re-render).
    fn update(&mut self, action: Self::Action);
}
