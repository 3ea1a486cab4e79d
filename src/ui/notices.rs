//! A dismissible list of notices for the visitor (e.g. "the link's settings could not be
//! read"), announced politely so screen-reader users hear them too.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<String>,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! { <div class="nvp-notices" role="status" aria-live="polite"></div> };
    }
    let onclick = props.on_dismiss.reform(|_| ());
    html! {
        <div class="nvp-notices nvp-notices--shown" role="status" aria-live="polite">
            <ul>{ for props.notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            <button type="button" class="nvp-button nvp-button--quiet" {onclick}>{ "Dismiss" }</button>
        </div>
    }
}
