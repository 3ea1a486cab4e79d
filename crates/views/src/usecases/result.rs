//! The recommendation: one announced sentence, then the arithmetic and the reasons.
//!
//! Only the sentence sits in the `role="status"` region, so a screen reader hears one short
//! line per change instead of the whole explanation; the points table and reasons follow it
//! in reading order for anyone who wants them.

use super::stack_class;
use nvp_recommend::picker::PickerAction;
use nvp_recommend::usecase::{
    ANSWER_RULES, Driver, Recommendation, SHARED_FAVOURITE_POINTS, SOLE_FAVOURITE_POINTS, Verdict,
    sentence, stack_name,
};
use nvp_ui::content::Content;
use std::rc::Rc;
use yew::prelude::*;

/// What the status region says before anything is selected.
pub const PROMPT: &str = "Select at least one use case to get a recommendation.";

#[derive(Properties, PartialEq)]
pub struct RecommendationViewProps {
    pub content: Rc<Content>,
    pub recommendation: Option<Recommendation>,
    pub id_prefix: String,
    /// Focused by the narrow layout's "See why".
    #[prop_or_default]
    pub heading: NodeRef,
    pub on_action: Callback<PickerAction>,
}

#[component]
pub fn RecommendationView(props: &RecommendationViewProps) -> Html {
    let content = &props.content;
    let heading_id = format!("{}-result", props.id_prefix);
    let announced = props
        .recommendation
        .as_ref()
        .map_or_else(|| PROMPT.to_string(), |rec| sentence(content, rec));
    let details = props.recommendation.as_ref().map(|rec| {
        let on_clear = props
            .on_action
            .reform(|_: MouseEvent| PickerAction::ClearSelection);
        html! {
            <>
                { split_parts(content, rec) }
                { points_table(content, rec) }
                <h4 class="nvp-uc-result__subhead">{ "Why" }</h4>
                <ul class="nvp-uc-reasons">
                    { for rec.reasons.iter().map(|r| reason(content, r)) }
                </ul>
                <button type="button" class="nvp-button nvp-button--quiet" onclick={on_clear}>
                    { "Clear selected use cases" }
                </button>
            </>
        }
    });
    let verdict_class = match props.recommendation.as_ref().map(|r| &r.verdict) {
        Some(Verdict::Single(id)) => classes!("nvp-uc-result__verdict", stack_class(content, id)),
        _ => classes!("nvp-uc-result__verdict"),
    };
    html! {
        <section class="nvp-uc-result" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id} tabindex="-1" ref={props.heading.clone()}>{ "Recommendation" }</h3>
            <p role="status" class={verdict_class}>{ announced }</p>
            { for details }
            { rules() }
        </section>
    }
}

/// For a split, which stack takes which selected use cases.
fn split_parts(content: &Content, rec: &Recommendation) -> Html {
    let Verdict::Split { parts, shared } = &rec.verdict else {
        return html! {};
    };
    let names = |ids: &[String]| {
        ids.iter()
            .map(|id| {
                content
                    .use_case(id)
                    .map_or(id.as_str(), |u| u.name.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    html! {
        <ul class="nvp-uc-split">
            { for parts.iter().map(|p| html! {
                <li class={classes!("nvp-uc-split__part", stack_class(content, &p.stack))}>
                    <strong>{ format!("A {} service", stack_name(content, &p.stack)) }</strong>
                    { format!(" for {}.", names(&p.use_cases)) }
                </li>
            }) }
            if !shared.is_empty() {
                <li class="nvp-uc-split__part">
                    <strong>{ "Either side" }</strong>
                    { format!(" for {}.", names(shared)) }
                </li>
            }
        </ul>
    }
}

/// Each stack's points, by source, so the verdict can be checked by hand.
fn points_table(content: &Content, rec: &Recommendation) -> Html {
    html! {
        <table class="nvp-uc-points">
            <caption>{ format!("Points (confidence {}: margin {})",
                rec.confidence.level.word(), rec.confidence.margin) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Stack" }</th>
                    <th scope="col">{ "Use cases" }</th>
                    <th scope="col">{ "Team" }</th>
                    <th scope="col">{ "Total" }</th>
                </tr>
            </thead>
            <tbody>
                { for rec.points.iter().map(|p| html! {
                    <tr class={stack_class(content, &p.stack)}>
                        <th scope="row">{ stack_name(content, &p.stack) }</th>
                        <td>{ signed(p.from_use_cases) }</td>
                        <td>{ signed(p.from_answers) }</td>
                        <td>{ p.total() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// One reason: what drove it, what it moved, and why.
fn reason(content: &Content, r: &nvp_recommend::usecase::Reason) -> Html {
    let kind = match r.driven_by {
        Driver::UseCase(_) => "Selected",
        Driver::Answer(_) => "Answered",
    };
    let moved = if r.effects.is_empty() {
        "no points".to_string()
    } else {
        r.effects
            .iter()
            .map(|e| format!("{} {}", stack_name(content, &e.stack), signed(e.points)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    html! {
        <li class="nvp-uc-reason">
            <span class="nvp-uc-reason__driver">{ format!("{kind}: ") }<strong>{ &r.label }</strong></span>
            <span class="nvp-uc-reason__points">{ format!(" ({moved})") }</span>
            <span class="nvp-uc-reason__text">{ format!(" {}", r.text) }</span>
        </li>
    }
}

/// The scoring rules in plain words, from the same constants the model uses.
fn rules() -> Html {
    html! {
        <details class="nvp-uc-rules">
            <summary>{ "How the recommendation is worked out" }</summary>
            <ul>
                <li>{ format!("Each selected use case gives {SOLE_FAVOURITE_POINTS} points to the \
                    stack it favours, or {SHARED_FAVOURITE_POINTS} to each when it suits either.") }</li>
                <li>{ ANSWER_RULES }</li>
                <li>{ "When each stack has a selected use case that only it is favoured for, the \
                    advice is to split the work between them, unless you plan one large \
                    application." }</li>
                <li>{ "Otherwise the stack with more points wins; equal points mean either fits." }</li>
                <li>{ "Confidence comes from the margin: 0–1 low, 2–3 medium, 4 or more high. For a \
                    split, the margin is the smaller side's points." }</li>
            </ul>
        </details>
    }
}

fn signed(n: i32) -> String {
    if n > 0 {
        format!("+{n}")
    } else if n < 0 {
        format!("−{}", n.unsigned_abs())
    } else {
        "0".to_string()
    }
}
