//! The Compare tab: the article's comparison as an interactive matrix, with weights the
//! visitor sets, a fit score per stack, the FAQs and the hello-world servers (issue 3).
//!
//! [`CompareTab`] is what the shell mounts; it feeds the bundled content to [`CompareView`],
//! which takes the content as a prop so tests can render any content set (e.g. a fixture with
//! a third stack) through exactly the same code. All state sits in one reducer over
//! [`nvp_recommend::compare::CompareState`];
//! the child components only display it and send actions back.

pub mod faq;
pub mod filter;
pub mod fit;
pub mod matrix;
pub mod nuance;
pub mod samples;
pub mod weights;

use nvp_recommend::compare::{CompareAction, CompareState};
use nvp_ui::TabProps;
use nvp_ui::content::{Content, bundled};
use nvp_ui::link::{Model, use_tab_state};
use nvp_ui::requests::CompareRequest;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub tab: TabProps,
    /// A weight preset to apply (from the answer's "See why").
    #[prop_or_default]
    pub request: Option<CompareRequest>,
}

/// The Compare tab over the content shipped with the widget.
#[component]
pub fn CompareTab(props: &CompareProps) -> Html {
    let content = use_memo((), |_| bundled().clone());
    html! { <CompareView tab={props.tab.clone()} request={props.request.clone()} {content} /> }
}

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    pub tab: TabProps,
    pub content: Rc<Content>,
    #[prop_or_default]
    pub request: Option<CompareRequest>,
}

/// The Compare tab over any content.
#[component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let content = props.content.clone();
    let state = use_tab_state::<Model<CompareState>>(&props.tab, content.clone());
    let fit_heading = use_node_ref();
    let breakdown = use_node_ref();
    {
        // "See why" from the answer: the answer's weights, and the fit score in view.
        let (state, content, heading) = (state.clone(), content.clone(), fit_heading.clone());
        use_effect_with(props.request.clone(), move |req| {
            if let Some(r) = req {
                let weights = nvp_recommend::compare::preset_weights(&content, r.preset);
                state.dispatch(CompareAction::SetWeights(weights));
                nvp_ui::browser::focus_and_reveal(&heading);
            }
        });
    }

    let ids: AttrValue = format!("{}-c", props.tab.id_prefix).into();
    let order: Rc<Vec<String>> = Rc::new(content.dimensions.iter().map(|d| d.id.clone()).collect());
    let on_toggle = {
        let state = state.clone();
        Callback::from(move |id: String| {
            state.dispatch(CompareAction::Toggle {
                id,
                order: order.clone(),
            })
        })
    };
    let on_set_expanded = {
        let state = state.clone();
        Callback::from(move |ids: Vec<String>| state.dispatch(CompareAction::SetExpanded(ids)))
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(CompareAction::SetFilter(text)))
    };
    let on_set_weight = {
        let state = state.clone();
        Callback::from(move |(i, w): (usize, u8)| state.dispatch(CompareAction::SetWeight(i, w)))
    };
    let on_set_weights = {
        let state = state.clone();
        Callback::from(move |w: Vec<u8>| state.dispatch(CompareAction::SetWeights(w)))
    };

    let section = |name: &str| format!("{ids}-{name}");
    let mut classes = classes!("nvp-compare");
    if props.tab.compact {
        classes.push("nvp-compare--compact");
    }
    html! {
        <div class={classes}>
            <faq::Tldr content={content.clone()} ids={ids.clone()} />
            <section class="nvp-c-section" aria-labelledby={section("matrix-h")}>
                <h2 id={section("matrix-h")}>{ "Dimension by dimension" }</h2>
                <matrix::Matrix content={content.clone()} expanded={state.expanded.clone()}
                    filter={AttrValue::from(state.filter.clone())} ids={ids.clone()}
                    {on_toggle} {on_set_expanded} {on_filter} />
            </section>
            <section class="nvp-c-section nvp-c-weigh" aria-labelledby={section("fit-h")}>
                <h2 id={section("fit-h")} tabindex="-1" ref={fit_heading}>{ "Which fits your project?" }</h2>
                <p class="nvp-c-note">{ &content.scale.meaning }</p>
                <div class="nvp-c-weigh__grid">
                    <weights::Weights content={content.clone()} weights={state.weights.clone()}
                        ids={ids.clone()} on_set={on_set_weight} on_set_all={on_set_weights} />
                    <fit::FitScore content={content.clone()} weights={state.weights.clone()}
                        ids={ids.clone()} breakdown={breakdown.clone()} />
                </div>
                <fit::FitResults content={content.clone()} weights={state.weights.clone()}
                    ids={ids.clone()} {breakdown} />
            </section>
            <faq::Faqs content={content.clone()} ids={ids.clone()} />
            <samples::Samples content={content.clone()} ids={ids.clone()} />
        </div>
    }
}
