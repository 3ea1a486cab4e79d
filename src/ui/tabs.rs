//! The tab list, following the WAI-ARIA Authoring Practices tabs pattern: one tab in the
//! Tab order (roving `tabindex`), arrow keys move between tabs with selection following
//! focus, and Home/End jump to the ends.

use crate::options::View;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TabListProps {
    pub views: Vec<View>,
    pub active: View,
    pub id_prefix: AttrValue,
    pub on_select: Callback<View>,
}

/// Element id of a view's tab button.
pub fn tab_id(prefix: &str, view: View) -> String {
    format!("{prefix}-tab-{}", view.id())
}

/// Element id of a view's panel.
pub fn panel_id(prefix: &str, view: View) -> String {
    format!("{prefix}-panel-{}", view.id())
}

/// Where a key press moves the selection, if anywhere.
pub fn key_target(key: &str, current: usize, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    match key {
        "ArrowRight" | "ArrowDown" => Some((current + 1) % count),
        "ArrowLeft" | "ArrowUp" => Some((current + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
}

#[component]
pub fn TabList(props: &TabListProps) -> Html {
    // One ref per tab (NodeRef clones share their target, so build each one separately).
    let refs: Vec<NodeRef> = use_memo(props.views.len(), |n| {
        (0..*n).map(|_| NodeRef::default()).collect::<Vec<_>>()
    })
    .as_ref()
    .clone();
    let onkeydown = {
        let views = props.views.clone();
        let active = props.active;
        let on_select = props.on_select.clone();
        let refs = refs.clone();
        Callback::from(move |e: KeyboardEvent| {
            let current = views.iter().position(|v| *v == active).unwrap_or(0);
            if let Some(next) = key_target(&e.key(), current, views.len()) {
                e.prevent_default();
                on_select.emit(views[next]);
                if let Some(button) = refs[next].cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    html! {
        <div class="nvp-tablist" role="tablist" aria-label="Node.js vs Python" {onkeydown}>
            { for props.views.iter().zip(refs.iter()).map(|(view, node_ref)| {
                let selected = *view == props.active;
                let onclick = {
                    let on_select = props.on_select.clone();
                    let view = *view;
                    Callback::from(move |_| on_select.emit(view))
                };
                html! {
                    <button type="button" role="tab" class="nvp-tab" ref={node_ref.clone()}
                        id={tab_id(&props.id_prefix, *view)}
                        aria-selected={if selected { "true" } else { "false" }}
                        aria-controls={panel_id(&props.id_prefix, *view)}
                        tabindex={if selected { "0" } else { "-1" }}
                        {onclick}>
                        { view.label() }
                    </button>
                }
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::key_target;

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(key_target("ArrowRight", 2, 3), Some(0));
        assert_eq!(key_target("ArrowLeft", 0, 3), Some(2));
        assert_eq!(key_target("Home", 2, 3), Some(0));
        assert_eq!(key_target("End", 0, 3), Some(2));
        assert_eq!(key_target("a", 0, 3), None);
        assert_eq!(key_target("End", 0, 0), None);
    }
}
