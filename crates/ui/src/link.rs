//! The one way a tab reads its state from the link and shares its changes back.
//!
//! Every tab's shareable state implements [`nvp_state::LinkState`] in the core; [`use_tab_state`]
//! is the only place that decodes it, tells the visitor about repairs, builds the tab's reducer
//! and reports changes to the shell. [`Model`] turns any core state with
//! [`nvp_state::Update`] into a Yew reducer, so tabs without extra view state need no reducer of
//! their own.

use crate::TabProps;
use crate::content::Content;
use nvp_state::{LinkState, Update};
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// What a tab keeps in its reducer: built from its link state, and able to say what that link
/// state is now.
pub trait TabModel: Reducible + 'static {
    type Link: LinkState<Context = Content> + 'static;

    /// The model a link (already decoded and repaired) starts the tab with.
    fn from_link(link: Self::Link, content: &Content) -> Self;

    /// The part of the model that belongs in the link.
    fn link(&self) -> &Self::Link;
}

/// A core state as a Yew reducer: actions go through [`Update`], and an action that changes
/// nothing hands back the same `Rc`, which Yew 0.23 takes as "skip the re-render".
#[derive(Clone, Debug, PartialEq)]
pub struct Model<S>(pub S);

impl<S: Update> Reducible for Model<S> {
    type Action = S::Action;

    fn reduce(self: Rc<Self>, action: S::Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.update(action);
        if next == self.0 {
            self
        } else {
            Rc::new(Model(next))
        }
    }
}

impl<S> Deref for Model<S> {
    type Target = S;
    fn deref(&self) -> &S {
        &self.0
    }
}

impl<S> TabModel for Model<S>
where
    S: Update + LinkState<Context = Content> + 'static,
{
    type Link = S;

    fn from_link(link: S, _: &Content) -> Self {
        Model(link)
    }

    fn link(&self) -> &S {
        &self.0
    }
}

/// The tab's reducer, started from the link.
///
/// The link is read once. A notice about repairs goes out during this first render (not in an
/// effect), so it also happens in server rendering; the shell ignores repeats. Afterwards every
/// change is shared, and so is the start when the link was not in its canonical form (repaired
/// or partial), so the address bar always holds a link that reproduces what is shown. An empty
/// link is left alone until the visitor changes something: an untouched widget writes nothing.
#[hook]
pub fn use_tab_state<M: TabModel>(tab: &TabProps, content: Rc<Content>) -> UseReducerHandle<M> {
    let start = {
        let content = content.clone();
        use_memo((), |_| {
            let decoded = M::Link::decode(&content, &tab.initial);
            if let Some(notice) = M::Link::notice(&decoded.problems) {
                tab.on_notice.emit(notice);
            }
            let canonical = decoded.state.encode(&content);
            let repaired = !decoded.problems.is_empty()
                || (!tab.initial.is_empty() && tab.initial != canonical);
            (decoded.state, canonical, repaired)
        })
    };
    let state = {
        let (link, content) = (start.0.clone(), content.clone());
        use_reducer(move || M::from_link(link, &content))
    };
    let params = state.link().encode(&content);
    let on_share = tab.on_share.clone();
    use_effect_with(params, move |params| {
        let (_, canonical, repaired) = &*start;
        if params != canonical || *repaired {
            on_share.emit(params.clone());
        }
    });
    state
}
