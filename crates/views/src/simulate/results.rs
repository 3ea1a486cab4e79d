//! The figures side by side with their intervals, the remedies worth trying, and what the
//! timeline showed, in sentences.

use super::state::{Run, SimAction};
use nvp_versus::metrics::{Comparison, Goal, Metric};
use nvp_versus::server::Side;
use nvp_versus::whatif::WhatIf;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub run: Run,
    pub ids: AttrValue,
}

/// The metrics table: one row per figure, one column per server, and the difference in words.
/// The better figure carries a check mark and the word "better" for screen readers, never colour
/// alone. Latency rows count every measured request: one that was never answered is slower than
/// any answer, so a percentile past the answered share reads "timed out".
#[component]
pub fn MetricsTable(props: &ResultsProps) -> Html {
    let Ok(f) = &props.run.result else {
        return html! {};
    };
    let cell = |m: &Metric, side: Side| {
        let best = matches!(m.comparison, Comparison::Better { side: s, .. } if s == side);
        html! {
            <td class={classes!("nvp-sim-num", best.then_some("nvp-sim-best"))}
                id={format!("{}-m-{}-{}", props.ids, m.id.id(), side.id())}>
                { m.shown(side).to_string() }
                if best {
                    <span class="nvp-sim-check" aria-hidden="true">{ " ✓" }</span>
                    <span class="nvp-visually-hidden">{ " (better)" }</span>
                }
            </td>
        }
    };
    let unstable = f.pair.sides.iter().any(|s| s.unstable());
    html! {
        <div class="nvp-sim-table-wrap">
            <table class="nvp-sim-metrics" id={format!("{}-metrics", props.ids)}>
                <caption>{ "The figures, with 95% intervals" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Figure" }</th>
                        <th scope="col" class="nvp-sim-col--node">{ "Node.js" }</th>
                        <th scope="col" class="nvp-sim-col--python">{ "Python" }</th>
                        <th scope="col">{ "Difference" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for f.metrics.iter().map(|m| html! {
                        <tr class={classes!((m.id.goal() == Goal::Neither).then_some("nvp-sim-row--context"))}>
                            <th scope="row">{ m.id.label() }</th>
                            { cell(m, Side::Node) }
                            { cell(m, Side::Python) }
                            <td class="nvp-sim-diff">{ m.difference.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="nvp-sim-note">
                if unstable {
                    { "A server that cannot keep up has no steady figures, so no row is ranked. " }
                }
                { "Latency counts every request: one not answered within 30 s counts as slower than all answers." }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    pub what_ifs: Vec<WhatIf>,
    pub dispatch: Callback<SimAction>,
}

/// Remedies already simulated on the same traffic, each one click away.
#[component]
pub fn WhatIfs(props: &WhatIfProps) -> Html {
    if props.what_ifs.is_empty() {
        return html! {};
    }
    html! {
        <section class="nvp-sim-whatifs">
            <h3>{ "Worth trying" }</h3>
            <ul>
                { for props.what_ifs.iter().map(|w| {
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
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub observations: Vec<String>,
    pub ids: AttrValue,
}

/// What the timeline and the figures showed, one fact per sentence.
#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    if props.observations.is_empty() {
        return html! {};
    }
    let h = format!("{}-story-h", props.ids);
    html! {
        <section class="nvp-sim-story" aria-labelledby={h.clone()}>
            <h3 id={h}>{ "What happened" }</h3>
            <ul class="nvp-sim-observations">
                { for props.observations.iter().map(|s| html! { <li>{ s.clone() }</li> }) }
            </ul>
        </section>
    }
}
