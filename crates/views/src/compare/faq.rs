//! The TL;DR and the FAQs. The FAQs are an accordion of native `<details>` elements: each
//! question is a `<summary>`, which browsers expose as a button with its expanded state and
//! toggle with Enter or Space, with no script needed.

use super::nuance::{Nuances, source_ref};
use nvp_ui::content::Content;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ContentProps {
    pub content: Rc<Content>,
    pub ids: AttrValue,
}

/// The article's short summary, as a list.
#[component]
pub fn Tldr(props: &ContentProps) -> Html {
    let heading = format!("{}-tldr", props.ids);
    html! {
        <section class="nvp-c-tldr" aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ "TL;DR" }</h2>
            <ul>{ for props.content.tldr.iter().map(|line| html! { <li>{ line }</li> }) }</ul>
            <p class="nvp-c-note">
                { "Summarised, and corrected where other sources disagree. Source: " }
                { source_ref(&props.content, "article") }{ "." }
            </p>
        </section>
    }
}

#[component]
pub fn Faqs(props: &ContentProps) -> Html {
    let heading = format!("{}-faq", props.ids);
    html! {
        <section class="nvp-c-faqs" aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ "Frequently asked questions" }</h2>
            { for props.content.faqs.iter().map(|f| html! {
                <details class="nvp-c-faq" id={format!("{}-faq-{}", props.ids, f.id)} key={f.id.clone()}>
                    <summary>{ &f.question }</summary>
                    <div class="nvp-c-faq__answer">
                        <p>
                            { &f.answer }
                            <span class="nvp-c-source">
                                { " Source: " }{ source_ref(&props.content, &f.source) }{ "." }
                            </span>
                        </p>
                        <Nuances content={props.content.clone()} nuances={f.nuances.clone()} />
                    </div>
                </details>
            }) }
        </section>
    }
}
