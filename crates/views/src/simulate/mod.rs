//! The Simulate tab: the same traffic through both servers, side by side, result first: the
//! verdict and the animated timeline lead, the figures and charts follow, and the inputs wait
//! under "Tune the scenario".
//!
//! All the thinking (settings, presets, configuration, the runs, the comparison and the
//! sentences) lives in `nvp_versus`; these components lay it out and turn events into
//! [`state::SimAction`]s. A change of settings runs a new experiment after a short debounce, in
//! the simulator module (`nvp_ui::runner`); the shown results stay, marked as out of date, until the
//! new ones are back.

pub mod charts;
pub mod controls;
pub mod lanes;
pub mod results;
pub mod state;
pub mod summary;
pub mod timeline;

use nvp_ui::TabProps;
use nvp_ui::browser;
use nvp_ui::link::use_tab_state;
use nvp_ui::requests::SimulateRequest;
use nvp_ui::runner::{self, Simulator};
use nvp_versus::settings::Settings;
use nvp_versus::{export, metrics, presets};
use state::{Run, SimAction, SimState};
use std::rc::Rc;
use yew::prelude::*;

/// Quiet time after the last change before running.
const DEBOUNCE_MS: u32 = 100;

#[derive(Properties, PartialEq)]
pub struct SimulateProps {
    pub tab: TabProps,
    /// A use case whose preset should be applied (from "Simulate this" or "Watch it run").
    #[prop_or_default]
    pub request: Option<SimulateRequest>,
    /// The reality check's report, where the host serves it (embed.js passes its address).
    #[prop_or_default]
    pub report: Option<AttrValue>,
}

#[component]
pub fn SimulateTab(props: &SimulateProps) -> Html {
    let content = use_memo((), |_| nvp_ui::content::bundled().clone());
    let all_presets = use_memo((), |_| presets::all(nvp_ui::content::bundled()));
    let state = use_tab_state::<SimState>(&props.tab, content.clone());
    let simulator = use_context::<Simulator>().unwrap_or_default();
    let dispatch = {
        let state = state.dispatcher();
        Callback::from(move |a: SimAction| state.dispatch(a))
    };
    let heading = use_node_ref();
    let timeline_ref = use_node_ref();
    // Set by "Watch it run"; consumed once the timeline is drawn.
    let reveal_timeline = use_mut_ref(|| false);
    {
        // "Simulate this" from the use-case picker, or "Watch it run" from the answer: the
        // preset's traffic, and when the visitor asked, focus on the result's heading.
        let (d, list, heading) = (dispatch.clone(), all_presets.clone(), heading.clone());
        let reveal = reveal_timeline.clone();
        use_effect_with(props.request.clone(), move |req| {
            if let Some(r) = req
                && let Some(p) = list.iter().find(|p| p.id == r.use_case)
            {
                d.emit(SimAction::Replace(p.settings()));
                if r.focus {
                    browser::focus_and_reveal(&heading);
                }
                *reveal.borrow_mut() = r.watch;
            }
        });
    }
    {
        // After the run for the watched preset is drawn: the timeline from its player down to
        // Python's lanes, where playback then starts (on a phone, the player and Node.js's lanes;
        // the verdict is one scroll up).
        let (reveal, target, fresh) = (
            reveal_timeline.clone(),
            timeline_ref.clone(),
            !state.stale(),
        );
        use_effect(move || {
            if fresh && *reveal.borrow() && target.get().is_some() {
                *reveal.borrow_mut() = false;
                browser::reveal_between(
                    &target,
                    ".nvp-sim-timeline",
                    ".nvp-sim-track--python .nvp-sim-lanes",
                );
            }
        });
    }
    {
        let d = state.dispatcher();
        let fresh = !state.stale();
        browser::use_debounce(
            state.settings.clone(),
            DEBOUNCE_MS,
            Callback::from(move |s: Settings| {
                if fresh {
                    return;
                }
                let (dp, dd, df) = (d.clone(), d.clone(), d.clone());
                let ran = s.clone();
                simulator.run(
                    &s,
                    Callback::from(move |(done, total)| {
                        dp.dispatch(SimAction::Progress(ran.clone(), done, total))
                    }),
                    Callback::from(move |result| match result {
                        Ok(outcome) => dd.dispatch(SimAction::Ran(Run(Rc::new(outcome)))),
                        Err(why) => {
                            browser::log_error(&format!("node-vs-python simulator: {why}"));
                            df.dispatch(SimAction::Failed(runner::UNAVAILABLE.to_string()));
                        }
                    }),
                );
            }),
        );
    }
    let reduced_motion = use_memo((), |_| browser::prefers_reduced_motion());
    // The compact instance stands alone with the verdict, the timeline and one switch; the
    // figures and the settings open in place.
    let expanded = use_state(|| !props.tab.compact);
    let on_expand = {
        let expanded = expanded.clone();
        Callback::from(move |_| expanded.set(!*expanded))
    };

    let ids: AttrValue = format!("{}-s", props.tab.id_prefix).into();
    let matched = presets::matching(&all_presets, &state.settings);
    let cdf_ref = use_node_ref();
    let queue_ref = use_node_ref();
    let on_csv = {
        let run = state.outcome.clone();
        Callback::from(move |_| {
            if let Some(Ok(f)) = run.as_ref().map(|r| &r.result) {
                browser::download(
                    "node-vs-python-metrics.csv",
                    "text/csv",
                    &metrics::csv(&f.metrics),
                );
            }
        })
    };
    let on_svg = {
        // The charts live in the widget's shadow root, where `document.getElementById` cannot
        // see them, so the export reads them through node refs.
        let refs = [cdf_ref.clone(), queue_ref.clone()];
        Callback::from(move |_| {
            let charts: Vec<String> = refs.iter().filter_map(browser::outer_html).collect();
            browser::download(
                "node-vs-python-charts.svg",
                "image/svg+xml",
                &export::charts_svg(&charts),
            );
        })
    };
    // The outcome whose verdict is on screen: the timeline and figures follow it a frame after
    // the verdict, never before (Yew may paint between the two, and a timeline drawn under a
    // verdict that then grows by a screen is a layout shift). Natively no effect runs, so the
    // outcome itself is drawn.
    let drawn_state = use_state(|| None::<state::Run>);
    let on_drawn = {
        let drawn_state = drawn_state.clone();
        Callback::from(move |run: state::Run| {
            if drawn_state.as_ref() != Some(&run) {
                drawn_state.set(Some(run));
            }
        })
    };
    let drawn: Option<state::Run> = if cfg!(target_arch = "wasm32") {
        (*drawn_state).clone()
    } else {
        state.outcome.clone()
    };
    let mut classes = classes!("nvp-sim");
    if props.tab.compact {
        classes.push("nvp-sim--compact");
        if *expanded {
            classes.push("nvp-sim--expanded");
        }
    }
    if state.stale() && state.outcome.is_some() {
        classes.push("nvp-sim--stale");
    }
    let title = matched.map_or("Your own traffic".to_string(), |p| p.label.clone());
    let h = format!("{ids}-h");
    html! {
        <div class={classes}>
            <header class="nvp-sim-head">
                <h2 class="nvp-sim-title" id={h.clone()} tabindex="-1" ref={heading}>
                    { "Node.js vs Python, same traffic: " }<span class="nvp-sim-title__preset">{ title }</span>
                </h2>
                <p class="nvp-sim-lede">
                    { nvp_versus::presets::summary(&state.settings.traffic, state.settings.cores) }
                </p>
            </header>
            if props.tab.compact && !*expanded {
                <p class="nvp-sim-watch-hint">{ watch_hint(&state.settings) }</p>
            }
            <summary::Summary state={Rc::new((*state).clone())} ids={ids.clone()}
                compact={props.tab.compact && !*expanded} report={props.report.clone()}
                on_drawn={on_drawn} />
            if let Some(run) = drawn.clone() {
                if let Ok(finding) = &run.result {
                    <timeline::Timeline run={run.clone()} ids={ids.clone()}
                        autoplay={!*reduced_motion} dispatch={dispatch.clone()}
                        lanes_ref={timeline_ref} compact={props.tab.compact && !*expanded} />
                    if *expanded {
                        <results::MetricsTable run={run.clone()} ids={ids.clone()} />
                        <results::OutcomeTable run={run.clone()} ids={ids.clone()} />
                        <div class="nvp-sim-charts">
                            <charts::LatencyChart run={run.clone()} ids={ids.clone()} svg_ref={cdf_ref} />
                            <charts::QueueChart run={run.clone()} ids={ids.clone()} svg_ref={queue_ref} />
                        </div>
                        <div class="nvp-sim-explain">
                            <results::Narration observations={finding.observations.clone()} ids={ids.clone()} />
                            <results::WhatIfs what_ifs={finding.what_ifs.clone()} dispatch={dispatch.clone()} />
                        </div>
                    }
                }
            }
            if *expanded && drawn.is_none() {
                // Until the first result: the room it will take, so the settings below do not
                // jump down the screen when it arrives (seconds after the click on a slow phone).
                <div class="nvp-sim-pending" aria-hidden="true"></div>
            }
            if *expanded {
                <controls::Controls state={Rc::new((*state).clone())} presets={all_presets.clone()}
                    ids={ids.clone()} dispatch={dispatch.clone()} compact={false} />
            }
            <div class="nvp-sim-compact-foot">
                if !*expanded {
                    <controls::PythonKindSwitch state={Rc::new((*state).clone())} presets={all_presets.clone()}
                        ids={ids.clone()} dispatch={dispatch.clone()} compact={true} />
                }
                if props.tab.compact {
                    <button type="button" class="nvp-button nvp-button--quiet nvp-sim-expand"
                        aria-expanded={if *expanded { "true" } else { "false" }} onclick={on_expand}
                        id={format!("{ids}-expand")}>
                        { if *expanded { "Back to the short view" } else { "Open the full simulator: figures, charts and every setting" } }
                    </button>
                }
            </div>
            if *expanded && drawn.as_ref().is_some_and(|r| r.result.is_ok()) {
                <div class="nvp-sim-export">
                    <button type="button" class="nvp-button nvp-button--quiet" onclick={on_csv}
                        id={format!("{ids}-csv")}>{ "Download figures (CSV)" }</button>
                    <button type="button" class="nvp-button nvp-button--quiet" onclick={on_svg}
                        id={format!("{ids}-svgdl")}>{ "Download charts (SVG)" }</button>
                </div>
            }
        </div>
    }
}

/// What to look for in the timeline, for the compact instance's visitor who sees only it: where
/// this traffic makes the two servers differ.
fn watch_hint(s: &Settings) -> &'static str {
    if s.traffic.long_lived {
        "Watch the blue I/O lanes fill with open connections while each loop stays almost idle."
    } else if nvp_versus::config::cpu_heavy(&s.traffic) {
        "Watch the green CPU lanes: how many requests each side computes at once, and any red GIL waits."
    } else {
        "Watch requests wait on I/O in blue, and whether either side starts to queue in amber."
    }
}
