//! The figures side by side, the remedies worth trying, and the generated explanation.

use super::state::{Run, SimAction};
use nvp_versus::metrics::{Goal, Verdict, survivors_only};
use nvp_versus::run::Side;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub run: Run,
    pub ids: AttrValue,
}

/// The metrics table: one row per metric, one column per server, and the difference in words.
/// The better figure carries a check mark and the word "better" for screen readers, never colour
/// alone.
#[component]
pub fn MetricsTable(props: &ResultsProps) -> Html {
    let o = &props.run;
    let Ok(pair) = &o.pair else {
        return html! {};
    };
    let partial = |side: Side| survivors_only(pair.side(side));
    let cell = |m: &nvp_versus::metrics::Metric, side: Side| {
        let best = matches!(m.verdict, Verdict::Better { side: s, .. } if s == side);
        let flagged = matches!(m.id, "p50" | "p95" | "p99") && partial(side);
        html! {
            <td class={classes!("nvp-sim-num", best.then_some("nvp-sim-best"))}
                id={format!("{}-m-{}-{}", props.ids, m.id, side.id())}>
                { m.shown(side).to_string() }
                if flagged { <span class="nvp-sim-flag" aria-hidden="true">{ "*" }</span> }
                if best {
                    <span class="nvp-sim-check" aria-hidden="true">{ " ✓" }</span>
                    <span class="nvp-visually-hidden">{ " (better)" }</span>
                }
            </td>
        }
    };
    let any_partial = Side::BOTH.iter().any(|s| partial(*s));
    html! {
        <div class="nvp-sim-table-wrap">
            <table class="nvp-sim-metrics" id={format!("{}-metrics", props.ids)}>
                <caption>{ "Same traffic, both servers" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Metric" }</th>
                        <th scope="col" class="nvp-sim-col--node">{ "Node.js" }</th>
                        <th scope="col" class="nvp-sim-col--python">{ "Python" }</th>
                        <th scope="col">{ "Difference" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for o.metrics.iter().map(|m| html! {
                        <tr class={classes!(matches!(m.goal, Goal::Neither).then_some("nvp-sim-row--context"))}>
                            <th scope="row">{ m.label }</th>
                            { cell(m, Side::Node) }
                            { cell(m, Side::Python) }
                            <td class="nvp-sim-diff">{ m.difference.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if any_partial {
                <p class="nvp-sim-note">
                    { "* Only the requests that finished: many were dropped or still waiting at the end." }
                </p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    pub run: Run,
    pub dispatch: Callback<SimAction>,
}

/// Remedies already simulated on the same traffic, each one click away.
#[component]
pub fn WhatIfs(props: &WhatIfProps) -> Html {
    if props.run.what_ifs.is_empty() {
        return html! {};
    }
    html! {
        <div class="nvp-sim-whatifs">
            <h3>{ "Worth trying" }</h3>
            <ul>
                { for props.run.what_ifs.iter().map(|w| {
                    let (d, s) = (props.dispatch.clone(), w.settings.clone());
                    let onclick = Callback::from(move |_| d.emit(SimAction::Replace(s.clone())));
                    html! {
                        <li>
                            <button type="button" class="nvp-button nvp-button--quiet" {onclick}>
                                { w.action.clone() }
                            </button>
                            <span>{ w.outcome.clone() }</span>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The generated sentences and the verdict.
#[component]
pub fn Narration(props: &ResultsProps) -> Html {
    let o = &props.run;
    if o.observations.is_empty() && o.verdict.is_empty() {
        return html! {};
    }
    let h = format!("{}-story-h", props.ids);
    html! {
        <section class="nvp-sim-story" aria-labelledby={h.clone()}>
            <h3 id={h}>{ "What happened" }</h3>
            if !o.observations.is_empty() {
                <ul class="nvp-sim-observations">
                    { for o.observations.iter().map(|s| html! { <li>{ s.clone() }</li> }) }
                </ul>
            }
            <p class="nvp-sim-verdict">{ o.verdict.clone() }</p>
        </section>
    }
}
