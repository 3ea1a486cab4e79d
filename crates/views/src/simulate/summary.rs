//! The result card that leads the tab: the finding in a few sentences, how each side was
//! configured, what the figures rest on, and the progress of a run being computed. Its status
//! line is the tab's live region, announced once per finished run.

use super::state::{Run, SimState};
use nvp_versus::Verdict;
use nvp_versus::server::Side;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub state: Rc<SimState>,
    pub ids: AttrValue,
    /// The compact instance keeps the headline (with its intervals) and the configuration
    /// sentence; the reasons and the basis wait under "Open the full simulator".
    #[prop_or_default]
    pub compact: bool,
    /// Where the reality check's report is served, when the host serves it.
    #[prop_or_default]
    pub report: Option<AttrValue>,
    /// Called once the verdict for a run is on screen, so what follows it (the timeline, the
    /// figures) appears under a verdict that no longer changes height.
    #[prop_or_default]
    pub on_drawn: Callback<Run>,
}

/// The progress bar of a run being computed.
fn progress(done: u32, total: u32) -> Html {
    let total = total.max(1);
    html! {
        <div class="nvp-sim-progress">
            <progress max={total.to_string()} value={done.min(total).to_string()}
                aria-label="Simulation progress" />
            <span>{ format!("Simulating… run {} of {total}", (done + 1).min(total)) }</span>
        </div>
    }
}

/// Splits a paragraph after its first sentence ("…keep up. Python's workers…"). A full stop
/// counts only before a space, so "Node.js" and "20.9" stay whole.
fn first_sentence(text: &str) -> (String, String) {
    match text.find(". ") {
        Some(i) => (text[..=i].to_string(), text[i + 2..].trim().to_string()),
        None => (text.to_string(), String::new()),
    }
}

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let s = &props.state;
    let ids = &props.ids;
    let status_id = format!("{ids}-status");
    {
        let (on_drawn, run) = (props.on_drawn.clone(), s.outcome.clone());
        use_effect_with(run, move |run| {
            if let Some(run) = run {
                on_drawn.emit(run.clone());
            }
        });
    }
    if let Some(why) = &s.failure {
        return html! {
            <section class="nvp-sim-verdict nvp-sim-verdict--failed" role="alert">
                <p>{ why.clone() }</p>
            </section>
        };
    }
    let Some(run) = &s.outcome else {
        let (done, total) = s.progress.unwrap_or((0, 10));
        return html! {
            <section class="nvp-sim-verdict" aria-busy="true">
                { progress(done, total) }
                <p class="nvp-sim-status" role="status" id={status_id}>{ "Running both servers…" }</p>
            </section>
        };
    };
    let finding = match &run.result {
        Ok(f) => f,
        Err(e) => {
            return html! {
                <section class="nvp-sim-verdict nvp-sim-verdict--failed">
                    <p class="nvp-sim-status" role="status" id={status_id}>{ run.status.clone() }</p>
                    <p class="nvp-sim-note">{ format!("({e})") }</p>
                </section>
            };
        }
    };
    let tone = match &finding.verdict {
        Verdict::Unstable(_) => "nvp-sim-verdict--unstable",
        Verdict::Ahead {
            side: Side::Node, ..
        } => "nvp-sim-verdict--node",
        Verdict::Ahead {
            side: Side::Python, ..
        } => "nvp-sim-verdict--python",
        Verdict::NoClearDifference => "nvp-sim-verdict--even",
    };
    let (first, rest) = finding
        .summary
        .split_first()
        .map_or((String::new(), &[][..]), |(h, r)| (h.clone(), r));
    // Only the finding's first sentence is the headline; the reasons after it read as text.
    let (headline, reasons) = first_sentence(&first);
    html! {
        <section class={classes!("nvp-sim-verdict", tone)} aria-labelledby={format!("{ids}-verdict-h")}>
            <h3 class="nvp-visually-hidden" id={format!("{ids}-verdict-h")}>{ "Result" }</h3>
            <p class="nvp-sim-headline" id={format!("{ids}-headline")}>{ headline }</p>
            if !reasons.is_empty() && !props.compact {
                <p class="nvp-sim-reasons">{ reasons }</p>
            }
            if !props.compact {
                { for rest.iter().map(|t| html! { <p>{ t.clone() }</p> }) }
            }
            <p class="nvp-sim-config" id={format!("{ids}-config")}>
                <strong>{ "How each side runs: " }</strong>{ run.configuration.clone() }
            </p>
            if !props.compact {
                <p class="nvp-sim-checked" id={format!("{ids}-checked")}>
                    { nvp_versus::validation::sentence() }
                    if let Some(url) = &props.report {
                        { " " }<a href={url.clone()} target="_blank" rel="noopener">{ "The report" }</a>{ "." }
                    }
                </p>
            }
            if let Some((done, total)) = s.progress {
                { progress(done, total) }
            }
            <p class="nvp-visually-hidden" role="status" id={status_id}>{ run.status.clone() }</p>
        </section>
    }
}
