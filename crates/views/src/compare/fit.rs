//! The fit score per stack, with the arithmetic that produced it in plain view.
//!
//! [`FitScore`] is the small board that stays in view; [`FitResults`] the cards with the
//! arithmetic. Only the one-sentence summary sits in the `role="status"` region, so moving a slider is
//! announced as a single sentence; the cards and breakdown tables around it are silent.

use super::matrix::stack_class;
use super::nuance::source_ref;
use nvp_recommend::fit::{StackFit, fit};
use nvp_ui::content::Content;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FitResultsProps {
    pub content: Rc<Content>,
    pub weights: Vec<u8>,
    pub ids: AttrValue,
    /// The breakdown's heading: the board's button moves focus there, the cards carry it.
    #[prop_or_default]
    pub breakdown: NodeRef,
}

/// The score board: the announced sentence and one bar per stack. It sits beside the weights
/// and stays in view while they move (sticky at the top on wide screens, a bar at the bottom
/// of the screen on narrow ones), so every change shows its effect where the eye already is.
#[component]
pub fn FitScore(props: &FitResultsProps) -> Html {
    let content = &props.content;
    let result = fit(content, &props.weights);
    let leaders = result.leaders();
    let heading = format!("{}-score-h", props.ids);
    html! {
        <section class="nvp-c-score" aria-labelledby={heading.clone()}>
            <h3 id={heading} class="nvp-visually-hidden">{ "Fit score" }</h3>
            <p class="nvp-c-fit__summary" role="status">{ result.summary(content) }</p>
            <ul class="nvp-c-score__stacks">
                { for result.stacks.iter().map(|s| {
                    let index = content.stack_index(&s.stack).unwrap_or(0);
                    let name = content.stack(&s.stack).map_or(s.stack.as_str(), |x| &x.name);
                    let pct = s.rounded_percent();
                    let leading = leaders.contains(&s.stack.as_str());
                    html! {
                        <li class={classes!("nvp-c-score__stack", stack_class(index),
                            leading.then_some("nvp-c-score__stack--best"))} key={s.stack.clone()}>
                            <span class="nvp-c-score__name">
                                { name }
                                if leading {
                                    <span class="nvp-c-score__star" aria-hidden="true">{ " ★" }</span>
                                }
                            </span>
                            <div class="nvp-c-bar" aria-hidden="true"><span class={bar_class(pct)}></span></div>
                            <span class="nvp-c-score__pct">
                                { pct.map_or("–".to_string(), |p| format!("{p}%")) }
                            </span>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="nvp-c-score__more" onclick={
                let target = props.breakdown.clone();
                Callback::from(move |_: MouseEvent| nvp_ui::browser::focus_and_reveal(&target))
            }>
                { "How each score adds up" }
            </button>
        </section>
    }
}

/// The arithmetic behind the score board: one card per stack with its breakdown table. On a
/// wide tab the cards are always shown; on a narrow one (where each card is most of a screen)
/// they fold behind a button, and the CSS hides that button on wide tabs.
#[component]
pub fn FitResults(props: &FitResultsProps) -> Html {
    let content = &props.content;
    let result = fit(content, &props.weights);
    let leaders = result.leaders();
    let open = use_state(|| false);
    let cards_id = format!("{}-fit-cards", props.ids);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div class={classes!("nvp-c-fit", open.then_some("nvp-c-fit--open"))}>
            <h3 class="nvp-c-fit__title" tabindex="-1" ref={props.breakdown.clone()}>
                { "How each score adds up" }
            </h3>
            <p class="nvp-c-fit__formula">
                { format!(
                    "How it is worked out: each criterion earns weight × score points (scores run {}–{}), out of weight × {}. The fit is the share of possible points a stack earns.",
                    content.scale.min, content.scale.max, content.scale.max - content.scale.min
                ) }
            </p>
            <button type="button" class="nvp-button nvp-button--quiet nvp-c-fit__toggle"
                aria-expanded={if *open { "true" } else { "false" }} aria-controls={cards_id.clone()}
                onclick={toggle}>
                { if *open { "Hide the points tables" } else { "Show the points tables" } }
            </button>
            <div class="nvp-c-fit__cards" id={cards_id}>
                { for result.stacks.iter().map(|s| card(props, s, leaders.contains(&s.stack.as_str()))) }
            </div>
        </div>
    }
}

/// The bar's width comes from a class in 5 % steps, so no inline style is needed (hosts with a
/// strict Content-Security-Policy block those).
fn bar_class(pct: Option<u32>) -> String {
    format!(
        "nvp-c-bar__fill nvp-c-bar--{}",
        pct.map_or(0, |p| (p + 2) / 5 * 5)
    )
}

/// One stack's score, bar and breakdown.
fn card(props: &FitResultsProps, s: &StackFit, leading: bool) -> Html {
    let content = &props.content;
    let index = content.stack_index(&s.stack).unwrap_or(0);
    let name = content
        .stack(&s.stack)
        .map_or(s.stack.as_str(), |x| &x.name);
    let heading_id = format!("{}-fit-{}", props.ids, s.stack);
    let pct = s.rounded_percent();
    let bar = bar_class(pct);
    let counted: Vec<_> = s.lines.iter().filter(|l| l.weight > 0).collect();
    let left_out: Vec<&str> = s
        .lines
        .iter()
        .filter(|l| l.weight == 0)
        .filter_map(|l| content.criterion(&l.criterion).map(|c| c.label.as_str()))
        .collect();
    let label = |id: &str| {
        content
            .criterion(id)
            .map_or(id.to_string(), |c| c.label.clone())
    };
    html! {
        <section class={classes!("nvp-c-fitcard", stack_class(index), leading.then_some("nvp-c-fitcard--best"))}
            aria-labelledby={heading_id.clone()} key={s.stack.clone()}>
            <h3 id={heading_id}>
                { name }
                <span class="nvp-c-fitcard__pct">
                    { pct.map_or("no basis".to_string(), |p| format!("{p}%")) }
                </span>
                if leading {
                    <span class="nvp-c-badge">
                        <span aria-hidden="true">{ "★ " }</span>{ "Best fit" }
                    </span>
                }
            </h3>
            <div class="nvp-c-bar" aria-hidden="true"><span class={bar}></span></div>
            if counted.is_empty() {
                <p class="nvp-c-fitcard__none">{ "No criterion has any weight yet." }</p>
            } else {
                <table class="nvp-c-breakdown">
                    <caption class="nvp-visually-hidden">{ format!("How {name}'s fit adds up") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Criterion" }</th>
                            <th scope="col">{ "Weight × score" }</th>
                            <th scope="col">{ "Points" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for counted.iter().map(|l| html! {
                            <tr key={l.criterion.clone()}>
                                <th scope="row">{ label(&l.criterion) }</th>
                                <td>{ format!("{} × {}", l.weight, l.score) }</td>
                                <td>{ format!("{} of {}", l.points, l.possible) }</td>
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{ "Total" }</th>
                            <td></td>
                            <td>{ format!("{} of {} = {}", s.points, s.possible,
                                pct.map_or("no basis".to_string(), |p| format!("{p}%"))) }</td>
                        </tr>
                    </tfoot>
                </table>
            }
            if !left_out.is_empty() {
                <p class="nvp-c-fitcard__left-out">
                    { format!("Weighted 0, so left out: {}.", left_out.join(", ")) }
                </p>
            }
            <details class="nvp-c-why">
                <summary>{ format!("Why {name} scores what it does") }</summary>
                <ul>
                    { for content.criteria.iter().filter_map(|c| c.score_for(&s.stack).map(|sc| (c, sc))).map(|(c, sc)| html! {
                        <li>
                            <strong>{ format!("{} ({} of {}): ", c.label, sc.score, content.scale.max) }</strong>
                            { &sc.why }
                            if !sc.source.is_empty() {
                                <span class="nvp-c-source">
                                    { " Source: " }{ source_ref(content, &sc.source) }{ "." }
                                </span>
                            }
                        </li>
                    }) }
                </ul>
            </details>
        </section>
    }
}
