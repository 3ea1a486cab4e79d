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

/// How many TL;DR lines a narrow tab shows before "Show all".
const TLDR_SHOWN_NARROW: usize = 2;

/// The article's short summary, as a list. On a narrow tab only the first lines show until the
/// visitor asks for the rest (the CSS hides the button and the fold on wide tabs).
#[component]
pub fn Tldr(props: &ContentProps) -> Html {
    let heading = format!("{}-tldr", props.ids);
    let list_id = format!("{}-tldr-list", props.ids);
    let open = use_state(|| false);
    let lines = &props.content.tldr;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <section class={classes!("nvp-c-tldr", open.then_some("nvp-c-tldr--open"))} aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ "TL;DR" }</h2>
            <ul id={list_id.clone()}>{ for lines.iter().map(|line| html! { <li>{ line }</li> }) }</ul>
            if lines.len() > TLDR_SHOWN_NARROW {
                <button type="button" class="nvp-button nvp-button--quiet nvp-c-tldr__more"
                    aria-expanded={if *open { "true" } else { "false" }} aria-controls={list_id}
                    onclick={toggle}>
                    { if *open {
                        "Show fewer".to_string()
                    } else {
                        format!("Show the other {}", lines.len() - TLDR_SHOWN_NARROW)
                    } }
                </button>
            }
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
