//! The Simulate tab: the same traffic through both servers, side by side (issue 6).
//!
//! All the thinking (settings, presets, the runs, the comparison and the sentences) lives in
//! [`crate::versus`]; these components lay it out and turn events into [`state::SimAction`]s. A
//! change of settings re-runs both servers after a short debounce, so dragging a spin button does
//! not queue a run per step; the shown results stay until the new ones are ready.

pub mod charts;
pub mod controls;
pub mod lanes;
pub mod results;
pub mod state;
pub mod timeline;
pub mod web;

use crate::ui::TabProps;
use crate::ui::app::SimulateRequest;
use crate::ui::link::use_tab_state;
use nvp_versus::settings::{Field, Settings};
use nvp_versus::{evaluate, metrics, presets};
use state::{Run, SimAction, SimState};
use std::rc::Rc;
use yew::prelude::*;

/// Quiet time after the last change before re-running.
const DEBOUNCE_MS: u32 = 100;

#[derive(Properties, PartialEq)]
pub struct SimulateProps {
    pub tab: TabProps,
    /// A use case whose preset should be applied (from "Simulate this").
    #[prop_or_default]
    pub request: Option<SimulateRequest>,
}

/// Colours for the exported SVG, which leaves the page and its custom properties behind.
const EXPORT_STYLE: &str = "text{font:11px system-ui,sans-serif;fill:#1b1f2a}\
.nvp-sim-axis line{stroke:#4f5769}.nvp-sim-grid{stroke:#d5d9e3}.nvp-sim-guide line{stroke:#4f5769;stroke-dasharray:2 3}\
.nvp-sim-line{fill:none;stroke-width:2}.nvp-sim-line--node{stroke:#2f7d32}.nvp-sim-line--python{stroke:#2f5fa7;stroke-dasharray:6 3}\
.nvp-sim-mark--node{fill:#2f7d32}.nvp-sim-mark--python{fill:#2f5fa7}";

#[component]
pub fn SimulateTab(props: &SimulateProps) -> Html {
    let content = use_memo((), |_| crate::content::bundled().clone());
    let all_presets = use_memo((), |_| presets::all(crate::content::bundled()));
    let state = use_tab_state::<SimState>(&props.tab, content.clone());
    let dispatch = {
        let state = state.dispatcher();
        Callback::from(move |a: SimAction| state.dispatch(a))
    };
    {
        // "Simulate this" from the use-case picker.
        let (d, list) = (dispatch.clone(), all_presets.clone());
        use_effect_with(props.request.clone(), move |req| {
            if let Some(p) = req
                .as_ref()
                .and_then(|r| list.iter().find(|p| p.id == r.use_case))
            {
                d.emit(SimAction::Replace(p.settings.clone()));
            }
        });
    }
    {
        let (d, content) = (state.dispatcher(), content.clone());
        let fresh = state.outcome.settings == state.settings;
        web::use_debounce(
            state.settings.clone(),
            DEBOUNCE_MS,
            Callback::from(move |s: Settings| {
                if !fresh {
                    d.dispatch(SimAction::Ran(Run(Rc::new(evaluate(&s, &content)))));
                }
            }),
        );
    }
    let autoplay = use_memo((), |_| {
        cfg!(target_arch = "wasm32") && !web::prefers_reduced_motion()
    });

    let ids: AttrValue = format!("{}-s", props.tab.id_prefix).into();
    let run = state.outcome.clone();
    let on_csv = {
        let run = run.clone();
        Callback::from(move |_| {
            web::download(
                "node-vs-python-metrics.csv",
                "text/csv",
                &metrics::csv(&run.metrics),
            )
        })
    };
    // The charts live in the widget's shadow root, where `document.getElementById` cannot see
    // them, so the export reads them through node refs.
    let cdf_ref = use_node_ref();
    let queue_ref = use_node_ref();
    let on_svg = {
        let (cdf_ref, queue_ref) = (cdf_ref.clone(), queue_ref.clone());
        Callback::from(move |_| {
            let cdf = web::outer_html(&cdf_ref).unwrap_or_default();
            let queue = web::outer_html(&queue_ref).unwrap_or_default();
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"740\" height=\"230\" viewBox=\"0 0 740 230\">\
                 <style>{EXPORT_STYLE}</style><rect width=\"740\" height=\"230\" fill=\"#fff\"/>\
                 <g>{cdf}</g><g transform=\"translate(375 0)\">{queue}</g></svg>"
            );
            web::download("node-vs-python-charts.svg", "image/svg+xml", &svg);
        })
    };
    let window_field = |f: Field| {
        let d = dispatch.clone();
        html! {
            <controls::NumberField field={f} ids={ids.clone()} value={state.settings.get(f)}
                issue={state.issue(f).map(|m| AttrValue::from(m.to_string()))}
                on_set={Callback::from(move |(f, raw)| d.emit(SimAction::Number(f, raw)))} />
        }
    };
    let shift = |by: f64| {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(SimAction::ShiftWindow(by)))
    };
    let mut classes = classes!("nvp-sim");
    if props.tab.compact {
        classes.push("nvp-sim--compact");
    }
    if state.stale() {
        classes.push("nvp-sim--stale");
    }
    let error = run.pair.as_ref().err().cloned();
    html! {
        <div class={classes}>
            <div class="nvp-sim-head">
                <h2 class="nvp-sim-title">{ "Same traffic, two servers" }</h2>
                <controls::PresetPicker presets={all_presets.clone()} settings={state.settings.clone()}
                    ids={ids.clone()} dispatch={dispatch.clone()} />
            </div>
            <controls::Controls state={Rc::new((*state).clone())} content={content.clone()}
                ids={ids.clone()} dispatch={dispatch.clone()} />
            <p class="nvp-sim-status" role="status" id={format!("{ids}-status")}>{ run.status.clone() }</p>
            if let Some(e) = error {
                <p class="nvp-sim-error">{ e }</p>
            }
            <div class="nvp-sim-summary">
                <results::MetricsTable run={run.clone()} ids={ids.clone()} />
                <div class="nvp-sim-explain">
                    <results::Narration run={run.clone()} ids={ids.clone()} />
                    <results::WhatIfs run={run.clone()} dispatch={dispatch.clone()} />
                </div>
            </div>
            <div class="nvp-sim-stage">
                <div class="nvp-sim-window">
                    { window_field(Field::WindowStart) }
                    { window_field(Field::WindowLen) }
                    <div class="nvp-sim-window-move" role="group" aria-label="Move the timeline window">
                        <button type="button" class="nvp-button nvp-button--quiet" onclick={shift(-1.0)}>{ "◀ Earlier" }</button>
                        <button type="button" class="nvp-button nvp-button--quiet" onclick={shift(1.0)}>{ "Later ▶" }</button>
                    </div>
                </div>
                <timeline::Timeline run={run.clone()} ids={ids.clone()} autoplay={*autoplay} />
            </div>
            <div class="nvp-sim-charts">
                <charts::LatencyChart run={run.clone()} ids={ids.clone()} svg_ref={cdf_ref} />
                <charts::QueueChart run={run.clone()} ids={ids.clone()} svg_ref={queue_ref} />
            </div>
            <div class="nvp-sim-export">
                <button type="button" class="nvp-button nvp-button--quiet" onclick={on_csv}
                    id={format!("{ids}-csv")}>{ "Download metrics (CSV)" }</button>
                <button type="button" class="nvp-button nvp-button--quiet" onclick={on_svg}
                    id={format!("{ids}-svgdl")}>{ "Download charts (SVG)" }</button>
            </div>
        </div>
    }
}
