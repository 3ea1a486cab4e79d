//! The widget shell: tabs, notices, and the shareable state the tabs report.
//!
//! State lives in one reducer. Tabs never see each other's state: each gets its own hash keys
//! (by prefix) and reports changes back, and the shell passes the merged set to `on_hash`,
//! which the web layer writes to the page's URL when it is allowed to.

use super::TabProps;
use super::answer::AnswerTab;
use super::depth::{Depth, DepthPanel};
use super::notices::Notices;
use super::tabs::{TabList, panel_id, tab_id};
use crate::options::{Theme, View, WidgetOptions};
use nvp_state::{HashParams, ParsedHash};
use nvp_ui::requests::{CompareRequest, SimulateRequest};
use std::rc::Rc;
use yew::prelude::*;

/// Hash key holding the active tab.
const TAB_KEY: &str = "tab";

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub options: Rc<WidgetOptions>,
    /// This instance's pairs from the URL hash, already parsed for its namespace.
    #[prop_or_default]
    pub initial_hash: Rc<ParsedHash>,
    /// Receives the full set of this instance's hash pairs after each shareable change.
    #[prop_or_default]
    pub on_hash: Callback<HashParams>,
    /// Where the depth views come from (see [`super::depth`]).
    #[prop_or_default]
    pub depth: Depth,
}

#[derive(Debug, Clone, PartialEq)]
struct ShellState {
    active: View,
    /// Views opened at least once; their panels stay mounted so switching never loses state.
    visited: Vec<View>,
    params: HashParams,
    notices: Vec<String>,
    simulate: Option<SimulateRequest>,
    compare: Option<CompareRequest>,
}

enum ShellAction {
    Select(View),
    Share(&'static str, HashParams),
    Notice(String),
    Dismiss,
    /// Open the simulator on a preset; `true` when the visitor asked to watch the timeline.
    Simulate(String, bool),
    Explain(usize),
}

impl ShellState {
    /// Switches to `view`, mounting it if it was never opened.
    fn open(&mut self, view: View) {
        self.active = view;
        if !self.visited.contains(&view) {
            self.visited.push(view);
        }
        self.params.set(TAB_KEY, view.id());
    }
}

impl Reducible for ShellState {
    type Action = ShellAction;

    fn reduce(self: Rc<Self>, action: ShellAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ShellAction::Select(view) => {
                if next.active == view {
                    return self;
                }
                next.open(view);
            }
            ShellAction::Share(prefix, params) => {
                next.params.replace_prefix(prefix, &params);
                if next.params == self.params {
                    return self;
                }
            }
            ShellAction::Notice(text) => {
                if next.notices.contains(&text) {
                    return self;
                }
                next.notices.push(text);
            }
            ShellAction::Dismiss => next.notices.clear(),
            ShellAction::Simulate(use_case, watch) => {
                let serial = self.simulate.as_ref().map_or(1, |r| r.serial + 1);
                next.simulate = Some(SimulateRequest {
                    use_case,
                    serial,
                    focus: true,
                    watch,
                });
                next.open(View::Simulate);
            }
            ShellAction::Explain(preset) => {
                let serial = self.compare.as_ref().map_or(1, |r| r.serial + 1);
                next.compare = Some(CompareRequest { preset, serial });
                next.open(View::Compare);
            }
        }
        Rc::new(next)
    }
}

/// The start state: the hash's tab if it is valid and shown, else the configured first view.
fn initial_state(options: &WidgetOptions, hash: &ParsedHash) -> ShellState {
    let mut notices = hash.problems.clone();
    let requested = hash.params.get(TAB_KEY);
    let from_hash = requested
        .and_then(View::from_id)
        .filter(|v| options.views.contains(v));
    if let (Some(raw), None) = (requested, from_hash) {
        notices.push(format!(
            "The link asked for a view “{}” that this widget does not show, so it opened on {}.",
            raw.chars().take(24).collect::<String>(),
            options.initial_view.label()
        ));
    }
    let active = from_hash.unwrap_or(options.initial_view);
    // A host's preset applies unless the link already carries simulator settings.
    let simulate = options
        .preset
        .clone()
        .filter(|_| options.views.contains(&View::Simulate))
        .filter(|_| hash.params.with_prefix("s.").is_empty())
        .map(|use_case| SimulateRequest {
            use_case,
            serial: 1,
            focus: false,
            watch: false,
        });
    ShellState {
        active,
        visited: vec![active],
        params: hash.params.clone(),
        notices,
        simulate,
        compare: None,
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let options = props.options.clone();
        let hash = props.initial_hash.clone();
        use_reducer(move || initial_state(&options, &hash))
    };
    {
        // Report the shareable state whenever it changes, but not for the state we started from.
        let on_hash = props.on_hash.clone();
        let start = use_memo((), |_| props.initial_hash.params.clone());
        use_effect_with(state.params.clone(), move |params| {
            if params != &*start {
                on_hash.emit(params.clone());
            }
        });
    }
    let root_ref = use_node_ref();
    {
        // The accent goes on through the CSSOM, not a `style` attribute: a strict CSP allows
        // the first and blocks the second. The value was validated as a plain CSS colour.
        let root_ref = root_ref.clone();
        use_effect_with(props.options.accent.clone(), move |accent| {
            if let (Some(accent), Some(root)) = (accent, root_ref.cast::<web_sys::HtmlElement>()) {
                let style = root.style();
                let _ = style.set_property("--nvp-accent", accent);
                let _ = style.set_property("--nvp-focus", accent);
            }
        });
    }
    let options = &props.options;
    let prefix: AttrValue = options.namespace.clone().into();
    let on_select = {
        let state = state.clone();
        Callback::from(move |view| state.dispatch(ShellAction::Select(view)))
    };
    let on_notice = {
        let state = state.clone();
        Callback::from(move |text| state.dispatch(ShellAction::Notice(text)))
    };
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(ShellAction::Dismiss))
    };
    let share = |tab_prefix: &'static str| {
        let state = state.clone();
        Callback::from(move |params| state.dispatch(ShellAction::Share(tab_prefix, params)))
    };
    let tab_props = |tab_prefix: &'static str| TabProps {
        initial: state.params.with_prefix(tab_prefix),
        on_share: share(tab_prefix),
        on_notice: on_notice.clone(),
        id_prefix: prefix.clone(),
        compact: options.compact,
    };
    let simulate_shown = options.views.contains(&View::Simulate);
    let on_simulate = simulate_shown.then(|| {
        let state = state.clone();
        Callback::from(move |id| state.dispatch(ShellAction::Simulate(id, false)))
    });
    let on_watch = simulate_shown.then(|| {
        let state = state.clone();
        Callback::from(move |id| state.dispatch(ShellAction::Simulate(id, true)))
    });
    let on_explain = options.views.contains(&View::Compare).then(|| {
        let state = state.clone();
        Callback::from(move |preset| state.dispatch(ShellAction::Explain(preset)))
    });

    let tabbed = options.views.len() > 1;
    let panel = |view: View| {
        let body = if !state.visited.contains(&view) {
            html! {}
        } else {
            match view {
                View::Answer => html! {
                    <AnswerTab tab={tab_props("a.")} on_simulate={on_watch.clone()}
                        on_explain={on_explain.clone()} />
                },
                View::Compare => html! {
                    <DepthPanel view={view} tab={tab_props("c.")} compare={state.compare.clone()} />
                },
                View::UseCases => html! {
                    <DepthPanel view={view} tab={tab_props("u.")} on_simulate={on_simulate.clone()} />
                },
                View::Simulate => html! {
                    <DepthPanel view={view} tab={tab_props("s.")} simulate={state.simulate.clone()} />
                },
            }
        };
        let active = view == state.active;
        if !tabbed {
            // A single view needs no tab semantics; label the region by the view's name.
            return html! {
                <section class="nvp-panel" id={panel_id(&prefix, view)} aria-label={view.label()}
                    key={view.id()}>{ body }</section>
            };
        }
        html! {
            <section class="nvp-panel" role="tabpanel" id={panel_id(&prefix, view)}
                aria-labelledby={tab_id(&prefix, view)} tabindex="0" hidden={!active}
                key={view.id()}>
                { body }
            </section>
        }
    };

    let mut classes = classes!("nvp-root");
    if options.compact {
        classes.push("nvp-root--compact");
    }
    let theme = match options.theme {
        Theme::Light => Some("light"),
        Theme::Dark => Some("dark"),
        Theme::Auto => None,
    };
    html! {
        <div class={classes} data-theme={theme} part="root" ref={root_ref}>
            <ContextProvider<Depth> context={props.depth.clone()}>
                <Notices notices={state.notices.clone()} {on_dismiss} />
                if tabbed {
                    <TabList views={options.views.clone()} active={state.active}
                        id_prefix={prefix.clone()} {on_select} />
                }
                { for options.views.iter().map(|v| panel(*v)) }
            </ContextProvider<Depth>>
        </div>
    }
}
