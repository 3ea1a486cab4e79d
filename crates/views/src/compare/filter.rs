//! The text filter over the matrix rows: a pure matcher and a labelled search box.

use nvp_recommend::compare::MAX_FILTER_CHARS;
use nvp_ui::content::Dimension;
use yew::prelude::*;

/// True when every word of `query` appears (ignoring case) somewhere in the row: its title,
/// takeaway, any stack's summary or points (sourced ones included), or its nuances. An empty
/// query matches every row.
pub fn matches(dimension: &Dimension, query: &str) -> bool {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return true;
    }
    let mut haystack = format!("{} {}", dimension.title, dimension.takeaway);
    for entry in &dimension.entries {
        haystack.push(' ');
        haystack.push_str(&entry.summary);
        for point in &entry.points {
            haystack.push(' ');
            haystack.push_str(point);
        }
        for point in &entry.sourced_points {
            haystack.push(' ');
            haystack.push_str(&point.text);
        }
    }
    for nuance in &dimension.nuances {
        haystack.push(' ');
        haystack.push_str(&nuance.text);
    }
    let haystack = haystack.to_lowercase();
    words.iter().all(|w| haystack.contains(w.as_str()))
}

#[derive(Properties, PartialEq)]
pub struct FilterBoxProps {
    pub value: AttrValue,
    /// Rows shown and rows in total, for the result count.
    pub shown: usize,
    pub total: usize,
    /// Element id prefix for this tab.
    pub ids: AttrValue,
    pub on_change: Callback<String>,
}

/// A search box with a visible label, a clear button, and a polite count of matching rows.
#[component]
pub fn FilterBox(props: &FilterBoxProps) -> Html {
    let input_id = format!("{}-filter", props.ids);
    let count_id = format!("{}-filter-count", props.ids);
    let oninput = props.on_change.reform(|e: InputEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    let onclear = props.on_change.reform(|_: MouseEvent| String::new());
    let count = if props.value.is_empty() {
        format!("Showing all {} dimensions.", props.total)
    } else {
        format!("Showing {} of {} dimensions.", props.shown, props.total)
    };
    html! {
        <div class="nvp-c-filter">
            <label for={input_id.clone()}>{ "Filter the dimensions" }</label>
            <div class="nvp-c-filter__row">
                <input type="search" id={input_id} class="nvp-c-filter__input"
                    value={props.value.clone()} maxlength={MAX_FILTER_CHARS.to_string()} autocomplete="off"
                    placeholder="e.g. GIL, scaling, FastAPI"
                    aria-describedby={count_id.clone()} {oninput} />
                if !props.value.is_empty() {
                    <button type="button" class="nvp-button nvp-button--quiet" onclick={onclear}>
                        { "Clear filter" }
                    </button>
                }
            </div>
            <p id={count_id} class="nvp-c-filter__count" role="status">{ count }</p>
        </div>
    }
}
