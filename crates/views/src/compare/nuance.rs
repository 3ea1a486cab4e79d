//! Nuances and source citations, shared by the matrix rows, the scores and the FAQs.

use nvp_ui::content::{Content, Nuance};
use std::rc::Rc;
use yew::prelude::*;

/// A source named by its label, linked when the data gives an address.
pub fn source_ref(content: &Content, id: &str) -> Html {
    match content.source(id) {
        Some(source) if !source.url.is_empty() => html! {
            <a href={source.url.clone()} rel="noopener noreferrer">{ &source.label }</a>
        },
        Some(source) => html! { <span>{ &source.label }</span> },
        // Validation rules this out for shipped content; show the id rather than nothing.
        None => html! { <span>{ id }</span> },
    }
}

#[derive(Properties, PartialEq)]
pub struct NuancesProps {
    pub content: Rc<Content>,
    pub nuances: Vec<Nuance>,
}

/// The nuances as a list, each followed by its source.
#[component]
pub fn Nuances(props: &NuancesProps) -> Html {
    if props.nuances.is_empty() {
        return html! {};
    }
    html! {
        <ul class="nvp-c-nuances">
            { for props.nuances.iter().map(|n| html! {
                <li class="nvp-c-nuance">
                    <strong class="nvp-c-nuance__tag">{ "Nuance: " }</strong>
                    { &n.text }
                    <span class="nvp-c-source">
                        { " Source: " }{ source_ref(&props.content, &n.source) }{ "." }
                    </span>
                </li>
            }) }
        </ul>
    }
}
