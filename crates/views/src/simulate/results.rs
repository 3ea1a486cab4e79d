//! The figures side by side with their intervals, the remedies worth trying, and what the
//! timeline showed, in sentences.

use super::state::{Run, SimAction};
use nvp_sim::Outcomes;
use nvp_versus::format::{count, plain};
use nvp_versus::metrics::{Comparison, Goal, Metric};
use nvp_versus::plan::{CLIENT_TIMEOUT_S, REPLICATIONS, UNSTABLE_RUN_S};
use nvp_versus::run::SideRun;
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

/// One side's measured requests by outcome, summed over its runs (the narration counts the same
/// way).
fn outcomes(run: &SideRun) -> Outcomes {
    run.reps.iter().fold(Outcomes::default(), |a, r| {
        let b = r.outcomes;
        Outcomes {
            arrived: a.arrived + b.arrived,
            completed: a.completed + b.completed,
            timed_out: a.timed_out + b.timed_out,
            refused: a.refused + b.refused,
            unfinished: a.unfinished + b.unfinished,
        }
    })
}

/// A row of the outcome table: its id, its label, the count it shows, and whether it shows when
/// both sides count zero.
struct OutcomeRow {
    key: &'static str,
    label: String,
    count: fn(&Outcomes) -> u64,
    always: bool,
}

/// What became of every measured request, so the counts visibly add up: arrived = answered +
/// timed out + refused + still waiting. A failure row shows only when some side has one.
#[component]
pub fn OutcomeTable(props: &ResultsProps) -> Html {
    let Ok(f) = &props.run.result else {
        return html! {};
    };
    let [node, python] = [Side::Node, Side::Python].map(|s| f.pair.side(s));
    let counts = [outcomes(node), outcomes(python)];
    let runs = [node.reps.len(), python.reps.len()];
    let short: Vec<&str> = Side::BOTH
        .iter()
        .zip(runs)
        .filter(|(_, n)| *n < REPLICATIONS as usize)
        .map(|(s, _)| s.name())
        .collect();
    let timeout = plain(CLIENT_TIMEOUT_S);
    let row = |key, label: String, count: fn(&Outcomes) -> u64, always| OutcomeRow {
        key,
        label,
        count,
        always,
    };
    let rows = [
        row(
            "arrived",
            "Arrived (after the warm-up)".into(),
            |o| o.arrived,
            true,
        ),
        row(
            "answered",
            format!("Answered within {timeout} s"),
            |o| o.completed,
            true,
        ),
        row(
            "timed-out",
            format!("Timed out (the client gave up after {timeout} s)"),
            |o| o.timed_out,
            false,
        ),
        row(
            "refused",
            "Refused (could not connect)".into(),
            |o| o.refused,
            false,
        ),
        row(
            "unfinished",
            "Still waiting when the run ended".into(),
            |o| o.unfinished,
            false,
        ),
    ];
    let ids = &props.ids;
    let runs_text = |n: usize| {
        if n == 1 {
            "1 run".to_string()
        } else {
            format!("{n} runs")
        }
    };
    html! {
        <div class="nvp-sim-table-wrap">
            <table class="nvp-sim-outcomes" id={format!("{ids}-outcomes")}>
                <caption>{ "What became of the measured requests" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Requests" }</th>
                        <th scope="col" class="nvp-sim-col--node">{ "Node.js" }</th>
                        <th scope="col" class="nvp-sim-col--python">{ "Python" }</th>
                    </tr>
                </thead>
                <tbody>
                    <tr class="nvp-sim-row--context">
                        <th scope="row">{ "Runs" }</th>
                        { for runs.iter().zip(Side::BOTH).map(|(n, side)| html! {
                            <td class="nvp-sim-num" id={format!("{ids}-o-runs-{}", side.id())}>{ runs_text(*n) }</td>
                        }) }
                    </tr>
                    { for rows.iter().filter(|r| r.always || counts.iter().any(|o| (r.count)(o) > 0)).map(|r| html! {
                        <tr>
                            <th scope="row">{ r.label.clone() }</th>
                            { for counts.iter().zip(Side::BOTH).map(|(o, side)| html! {
                                <td class="nvp-sim-num" id={format!("{ids}-o-{}-{}", r.key, side.id())}>{ count((r.count)(o) as f64) }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            if !short.is_empty() {
                <p class="nvp-sim-note">
                    { format!("{} cannot keep up, so it ran once, for {} simulated seconds, without waiting \
                        for its queue to empty: more runs would only measure how long the run lasted.",
                        short.join(" and "), plain(UNSTABLE_RUN_S)) }
                </p>
            }
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
