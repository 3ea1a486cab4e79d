//! The comparison matrix: one row per dimension, one column per stack, plus the takeaway.
//!
//! It is a real `<table>` (caption, `th scope`) so screen readers can announce the row and
//! column of every cell. Each row header holds a button that shows or hides a details row with
//! the points (the article's, then sourced ones) and the nuances; its `aria-expanded` tells
//! assistive tech the state. The stack a row favours gets a text badge, so the mark does not
//! rely on colour.

use super::filter::{FilterBox, matches};
use super::nuance::{Nuances, source_ref};
use nvp_ui::content::{Content, Dimension};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    pub content: Rc<Content>,
    pub expanded: Vec<String>,
    pub filter: AttrValue,
    /// Element id prefix for this tab.
    pub ids: AttrValue,
    pub on_toggle: Callback<String>,
    pub on_set_expanded: Callback<Vec<String>>,
    pub on_filter: Callback<String>,
}

/// Class giving a stack its colour token by position (`--nvp-stack-0` … `-3`, then repeating).
pub fn stack_class(index: usize) -> String {
    format!("nvp-c-stack-{}", index % 4)
}

/// The filter, expand/collapse controls, and the table (or an empty state).
#[component]
pub fn Matrix(props: &MatrixProps) -> Html {
    let content = &props.content;
    let rows: Vec<&Dimension> = content
        .dimensions
        .iter()
        .filter(|d| matches(d, &props.filter))
        .collect();
    let shown_ids: Vec<String> = rows.iter().map(|d| d.id.clone()).collect();
    let all_open = !rows.is_empty() && rows.iter().all(|d| props.expanded.contains(&d.id));
    let on_expand_all = {
        let cb = props.on_set_expanded.clone();
        let ids = shown_ids.clone();
        Callback::from(move |_: MouseEvent| cb.emit(ids.clone()))
    };
    let on_collapse_all = props.on_set_expanded.reform(|_: MouseEvent| Vec::new());
    let on_clear = props.on_filter.reform(|_: MouseEvent| String::new());

    let body = if rows.is_empty() {
        html! {
            <div class="nvp-c-empty">
                <p>{ format!("No dimension mentions “{}”.", props.filter.trim()) }</p>
                <button type="button" class="nvp-button" onclick={on_clear}>
                    { "Show all dimensions" }
                </button>
            </div>
        }
    } else {
        let names: Vec<&str> = content.stacks.iter().map(|s| s.name.as_str()).collect();
        html! {
            <table class="nvp-c-matrix">
                <caption>
                    { format!("{}, dimension by dimension. ", names.join(" and ")) }
                    <span class="nvp-c-matrix__hint">
                        { "Use a row's button to see its points, nuances and sources." }
                    </span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Dimension" }</th>
                        { for content.stacks.iter().enumerate().map(|(i, s)| html! {
                            <th scope="col" class={stack_class(i)}>{ &s.name }</th>
                        }) }
                        <th scope="col">{ "Takeaway" }</th>
                    </tr>
                </thead>
                { for rows.iter().map(|d| row(props, d)) }
            </table>
        }
    };

    html! {
        <div class="nvp-c-matrix-block">
            <div class="nvp-c-toolbar">
                <FilterBox value={props.filter.clone()} shown={rows.len()}
                    total={content.dimensions.len()} ids={props.ids.clone()}
                    on_change={props.on_filter.clone()} />
                if !rows.is_empty() {
                    <div class="nvp-c-toolbar__buttons">
                        <button type="button" class="nvp-button nvp-button--quiet"
                            onclick={on_expand_all} disabled={all_open}>
                            { "Expand all" }
                        </button>
                        <button type="button" class="nvp-button nvp-button--quiet"
                            onclick={on_collapse_all} disabled={props.expanded.is_empty()}>
                            { "Collapse all" }
                        </button>
                    </div>
                }
            </div>
            { body }
        </div>
    }
}

/// One dimension: its summary row and its (possibly hidden) details row, in their own
/// `<tbody>` so the pair stays together when the table turns into cards on small screens.
/// There the card folds to its title and a "leans to" chip (an accordion): the same button
/// opens the stacks' cells, the takeaway and the details. The chip is hidden from assistive
/// tech because the takeaway's "Leans to" sentence says the same.
fn row(props: &MatrixProps, d: &Dimension) -> Html {
    let content = &props.content;
    let open = props.expanded.contains(&d.id);
    let details_id = format!("{}-dim-{}", props.ids, d.id);
    let onclick = {
        let id = d.id.clone();
        props.on_toggle.reform(move |_: MouseEvent| id.clone())
    };
    let favoured: Vec<&str> = content
        .stacks
        .iter()
        .filter(|s| d.favours.contains(&s.id))
        .map(|s| s.name.as_str())
        .collect();
    let leans = if favoured.is_empty() {
        "Leans to: neither, it depends on the workload.".to_string()
    } else {
        format!("Leans to: {}.", favoured.join(" and "))
    };
    // The folded card on a narrow screen shows only the title and this chip.
    let chip = if favoured.is_empty() {
        "Depends".to_string()
    } else {
        format!("Leans to {}", favoured.join(" and "))
    };
    let columns = content.stacks.len() + 2;
    html! {
        <tbody class={classes!("nvp-c-dim", open.then_some("nvp-c-dim--open"))} key={d.id.clone()}>
            <tr class="nvp-c-row">
                <th scope="row" class="nvp-c-row__head">
                    <button type="button" class="nvp-c-expand"
                        aria-expanded={if open { "true" } else { "false" }}
                        aria-controls={details_id.clone()} {onclick}>
                        <span class="nvp-c-expand__icon" aria-hidden="true">
                            { if open { "▾" } else { "▸" } }
                        </span>
                        { &d.title }
                    </button>
                    <span class="nvp-c-chip" aria-hidden="true">{ chip }</span>
                </th>
                { for content.stacks.iter().enumerate().map(|(i, s)| {
                    let summary = d.entry_for(&s.id).map_or("", |e| e.summary.as_str());
                    let favours = d.favours.contains(&s.id);
                    html! {
                        <td data-label={s.name.clone()} class={classes!(
                            "nvp-c-cell", stack_class(i), favours.then_some("nvp-c-cell--favoured"))}>
                            if favours {
                                <span class="nvp-c-badge">
                                    <span aria-hidden="true">{ "★ " }</span>{ "Favoured" }
                                </span>
                            }
                            { summary }
                        </td>
                    }
                }) }
                <td data-label="Takeaway" class="nvp-c-takeaway">
                    <p>{ &d.takeaway }</p>
                    <p class="nvp-c-leans">{ leans }</p>
                </td>
            </tr>
            // The details are built only when open: eight closed rows of points and sources
            // would otherwise be most of what opening Compare has to create.
            <tr class="nvp-c-details" id={details_id} hidden={!open}>
                <td colspan={columns.to_string()}>
                if open {
                    <div class="nvp-c-details__stacks">
                        { for content.stacks.iter().enumerate().map(|(i, s)| html! {
                            <div class={classes!("nvp-c-points", stack_class(i))}>
                                <h3>{ format!("{}: {}", s.name, d.title) }</h3>
                                <ul>
                                    { for d.entry_for(&s.id).into_iter()
                                        .flat_map(|e| e.points.iter())
                                        .map(|p| html! { <li>{ p }</li> }) }
                                    { for d.entry_for(&s.id).into_iter()
                                        .flat_map(|e| e.sourced_points.iter())
                                        .map(|p| html! {
                                            <li>
                                                { &p.text }
                                                <span class="nvp-c-source">
                                                    { " Source: " }{ source_ref(content, &p.source) }{ "." }
                                                </span>
                                            </li>
                                        }) }
                                </ul>
                            </div>
                        }) }
                    </div>
                    if !d.nuances.is_empty() {
                        <h3 class="nvp-c-details__nuances">{ "Nuances and sources" }</h3>
                        <Nuances content={content.clone()} nuances={d.nuances.clone()} />
                    }
                }
                </td>
            </tr>
        </tbody>
    }
}
