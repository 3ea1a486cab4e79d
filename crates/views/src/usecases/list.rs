//! The use-case checklist: native checkboxes in a fieldset, each card folded to one line, search matches highlighted, an
//! empty state that suggests what to loosen, and a note for selections the filters hide.

use super::stack_class;
use nvp_recommend::picker::PickerAction;
use nvp_recommend::usecase::{Favours, Filter, Highlights, Hit};
use nvp_ui::content::{Content, UseCase};
use std::ops::Range;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UseCaseListProps {
    pub content: Rc<Content>,
    pub hits: Vec<Hit>,
    pub selected: Vec<String>,
    /// Names of selected use cases the filters currently hide.
    pub hidden_selected: Vec<String>,
    pub filter: Filter,
    pub id_prefix: String,
    pub on_action: Callback<PickerAction>,
    pub on_simulate: Option<Callback<String>>,
}

#[component]
pub fn UseCaseList(props: &UseCaseListProps) -> Html {
    let content = &props.content;
    let count = props.selected.len();
    let legend = match count {
        0 => "Use cases".to_string(),
        n => format!("Use cases ({n} selected)"),
    };
    let hidden_note = (!props.hidden_selected.is_empty()).then(|| {
        let n = props.hidden_selected.len();
        let show_all = props
            .on_action
            .reform(|_: MouseEvent| PickerAction::ClearFilters);
        html! {
            <p class="nvp-uc-hidden-note">
                { format!("{n} selected {} hidden by the filters: {}. They still count. ",
                    if n == 1 { "use case is" } else { "use cases are" },
                    props.hidden_selected.join(", ")) }
                <button type="button" class="nvp-uc-link" onclick={show_all}>
                    { "Show all use cases" }
                </button>
            </p>
        }
    });
    let body = if props.hits.is_empty() {
        empty_state(content, &props.filter, &props.on_action)
    } else {
        let items = props.hits.iter().map(|hit| {
            let uc = &content.use_cases[hit.index];
            item(props, uc, &hit.highlights)
        });
        html! { <ul class="nvp-uc-list">{ for items }</ul> }
    };
    html! {
        <fieldset class="nvp-uc-fieldset nvp-uc-picker">
            <legend>{ legend }</legend>
            { for hidden_note }
            { body }
        </fieldset>
    }
}

/// One use case, folded to one line (checkbox, name, the stack it favours, a "More" button)
/// with the rest on demand: description, tags, the article's reason and "Simulate this".
fn item(props: &UseCaseListProps, uc: &UseCase, hl: &Highlights) -> Html {
    html! {
        <UseCaseItem key={uc.id.clone()} content={props.content.clone()} use_case={uc.clone()}
            highlights={hl.clone()} checked={props.selected.contains(&uc.id)}
            id_prefix={props.id_prefix.clone()} on_action={props.on_action.clone()}
            on_simulate={props.on_simulate.clone()} />
    }
}

#[derive(Properties, PartialEq)]
struct UseCaseItemProps {
    content: Rc<Content>,
    use_case: UseCase,
    highlights: Highlights,
    checked: bool,
    id_prefix: String,
    on_action: Callback<PickerAction>,
    on_simulate: Option<Callback<String>>,
}

/// A use-case card with its own open/closed state. A search that matches inside the folded part
/// opens it, so the highlighted match is in view.
#[component]
fn UseCaseItem(props: &UseCaseItemProps) -> Html {
    let content = &props.content;
    let uc = &props.use_case;
    let hl = &props.highlights;
    let matched_inside = !hl.description.is_empty() || !hl.categories.is_empty();
    let opened = use_state(|| false);
    let open = *opened || matched_inside;
    let base = format!("{}-uc-{}", props.id_prefix, uc.id);
    let desc_id = format!("{base}-desc");
    let more_id = format!("{base}-more");
    let id = uc.id.clone();
    let onchange = props.on_action.reform(move |e: Event| {
        PickerAction::Select(
            id.clone(),
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        )
    });
    let toggle = {
        let opened = opened.clone();
        Callback::from(move |_: MouseEvent| opened.set(!open))
    };
    let tags = uc.categories.iter().filter_map(|cat_id| {
        let cat = content.categories.iter().find(|c| &c.id == cat_id)?;
        let ranges = hl
            .categories
            .iter()
            .find(|(id, _)| id == cat_id)
            .map_or(&[][..], |(_, r)| r.as_slice());
        Some(html! { <li class="nvp-uc-tag">{ highlighted(&cat.label, ranges) }</li> })
    });
    let favours = uc.favours.iter().filter_map(|id| {
        let stack = content.stack(id)?;
        Some(html! {
            <li class={classes!("nvp-uc-favours", stack_class(content, id))}>
                <span class="nvp-uc-badge" aria-hidden="true">{ &stack.badge }</span>
                <span class="nvp-uc-favours__name">{ &stack.name }</span>
            </li>
        })
    });
    let favours_label = if uc.favours.len() > 1 {
        "Suits either:"
    } else {
        "Favours:"
    };
    let simulate = props.on_simulate.as_ref().map(|cb| {
        let id = uc.id.clone();
        let onclick = cb.reform(move |_: MouseEvent| id.clone());
        html! {
            <button type="button" class="nvp-button nvp-button--quiet nvp-uc-simulate" {onclick}>
                { "Simulate this" }
                <span class="nvp-visually-hidden">{ format!(": {}", uc.name) }</span>
            </button>
        }
    });
    let mut classes = classes!("nvp-uc-item");
    if props.checked {
        classes.push("nvp-uc-item--selected");
    }
    html! {
        <li class={classes}>
            <div class="nvp-uc-item__head">
                <input type="checkbox" id={base.clone()} class="nvp-uc-item__check"
                    checked={props.checked} {onchange} aria-describedby={desc_id.clone()} />
                <label for={base} class="nvp-uc-item__name">{ highlighted(&uc.name, &hl.name) }</label>
                <span class="nvp-visually-hidden">{ favours_label }</span>
                <ul class="nvp-uc-tags nvp-uc-item__favours">{ for favours }</ul>
                <button type="button" class="nvp-uc-item__toggle" onclick={toggle}
                    aria-expanded={if open { "true" } else { "false" }} aria-controls={more_id.clone()}>
                    <span aria-hidden="true">{ if open { "▾" } else { "▸" } }</span>
                    <span class="nvp-visually-hidden">{ format!("Details: {}", uc.name) }</span>
                </button>
            </div>
            <div class="nvp-uc-item__more" id={more_id} hidden={!open}>
                <p id={desc_id} class="nvp-uc-item__desc">
                    { highlighted(&uc.description, &hl.description) }
                </p>
                <div class="nvp-uc-item__meta">
                    <span class="nvp-visually-hidden">{ "Categories:" }</span>
                    <ul class="nvp-uc-tags">{ for tags }</ul>
                </div>
                <p class="nvp-uc-item__why"><strong>{ "Why: " }</strong>{ &uc.why }</p>
                { for simulate }
            </div>
        </li>
    }
}

/// What to show when nothing passes the filters: what is active, and how to loosen it.
fn empty_state(content: &Content, filter: &Filter, on_action: &Callback<PickerAction>) -> Html {
    let mut tips: Vec<String> = Vec::new();
    let query = filter.query.trim();
    if !query.is_empty() {
        tips.push(if query.split_whitespace().count() > 1 {
            format!("search for one word of “{query}” instead of all of them")
        } else {
            format!("a shorter or different word than “{query}”, such as “data” or “real”")
        });
    }
    if !filter.categories.is_empty() {
        tips.push("fewer category chips".to_string());
    }
    match &filter.favours {
        Favours::Any => {}
        Favours::Stack(id) => tips.push(format!(
            "Favours “Any” instead of {}",
            content.stack(id).map_or(id.as_str(), |s| s.name.as_str())
        )),
        Favours::Either => tips.push("Favours “Any” instead of Either".to_string()),
    }
    let on_clear = on_action.reform(|_: MouseEvent| PickerAction::ClearFilters);
    html! {
        <div class="nvp-uc-empty">
            <p><strong>{ "No use case matches these filters." }</strong></p>
            <p>{ "Try:" }</p>
            <ul>{ for tips.iter().map(|t| html! { <li>{ t }</li> }) }</ul>
            <button type="button" class="nvp-button" onclick={on_clear}>{ "Clear all filters" }</button>
        </div>
    }
}

/// `text` with the given byte ranges wrapped in `<mark>`, built as nodes (never as HTML
/// source), so use-case text can never inject markup. Ranges that are out of order or not on
/// character boundaries are skipped rather than trusted.
pub fn highlighted(text: &str, ranges: &[Range<usize>]) -> Html {
    let mut nodes: Vec<Html> = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        let (Some(before), Some(marked)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        if !before.is_empty() {
            nodes.push(html! { { before } });
        }
        nodes.push(html! { <mark class="nvp-uc-mark">{ marked }</mark> });
        at = r.end;
    }
    if let Some(rest) = text.get(at..).filter(|s| !s.is_empty()) {
        nodes.push(html! { { rest } });
    }
    nodes.into_iter().collect()
}
