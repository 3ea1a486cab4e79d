//! The hello-world servers, side by side (stacked on narrow screens), each with sourced notes on
//! what it does and does not do.

use super::faq::ContentProps;
use super::matrix::stack_class;
use super::nuance::source_ref;
use yew::prelude::*;

#[component]
pub fn Samples(props: &ContentProps) -> Html {
    let content = &props.content;
    if content.hello_worlds.is_empty() {
        return html! {};
    }
    let heading = format!("{}-samples", props.ids);
    let grid_id = format!("{}-samples-grid", props.ids);
    // On a narrow tab the listings wait behind a button (each is most of a screen there); the
    // CSS hides the button, and the fold, on wide tabs.
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <section class={classes!("nvp-c-samples", open.then_some("nvp-c-samples--open"))} aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ "Hello world, side by side" }</h2>
            <p class="nvp-c-note">
                { "The source article's two smallest servers. Both listen on port 5000 and answer GET with a small JSON message. The notes under each say what else it does, with sources." }
            </p>
            <button type="button" class="nvp-button nvp-button--quiet nvp-c-samples__more"
                aria-expanded={if *open { "true" } else { "false" }} aria-controls={grid_id.clone()}
                onclick={toggle}>
                { if *open { "Hide the listings" } else { "Show both listings" } }
            </button>
            <div class="nvp-c-samples__grid" id={grid_id}>
                { for content.hello_worlds.iter().map(|s| {
                    let index = content.stack_index(&s.stack).unwrap_or(0);
                    let caption = format!("{}-sample-{}", props.ids, s.stack);
                    html! {
                        <figure class={classes!("nvp-c-sample", stack_class(index))} key={s.stack.clone()}
                            aria-labelledby={caption.clone()}>
                            <figcaption id={caption}>{ &s.title }</figcaption>
                            // Focusable so keyboard users can scroll a wide listing.
                            <pre tabindex="0">
                                <code class={format!("language-{}", s.language)}>{ s.code.trim_end() }</code>
                            </pre>
                            if !s.notes.is_empty() {
                                <details class="nvp-c-sample__more">
                                    <summary>{ format!("What it does and does not do ({} notes)", s.notes.len()) }</summary>
                                    <ul class="nvp-c-sample__notes">
                                        { for s.notes.iter().map(|n| html! {
                                            <li>
                                                { &n.text }
                                                <span class="nvp-c-source">
                                                    { " Source: " }{ source_ref(content, &n.source) }{ "." }
                                                </span>
                                            </li>
                                        }) }
                                    </ul>
                                </details>
                            }
                        </figure>
                    }
                }) }
            </div>
        </section>
    }
}
