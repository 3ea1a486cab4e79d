//! The filter bar: search box, category chips with counts, the "favours" radios and "clear
//! all filters". Filtering never changes the selection; the list says when selected use cases
//! are hidden.

use nvp_recommend::picker::{EITHER, PickerAction};
use nvp_recommend::usecase::{Favours, Filter};
use nvp_ui::content::Content;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FiltersProps {
    pub content: Rc<Content>,
    pub filter: Filter,
    /// Faceted count per category id (see [`nvp_recommend::usecase::filter`]).
    pub counts: Vec<(String, usize)>,
    /// How many use cases pass the filters.
    pub shown: usize,
    /// Element-id prefix for this tab, e.g. `nvp-u`.
    pub id_prefix: String,
    pub on_action: Callback<PickerAction>,
}

#[component]
pub fn Filters(props: &FiltersProps) -> Html {
    let FiltersProps {
        content,
        filter,
        counts,
        shown,
        id_prefix,
        on_action,
    } = props;
    let search_id = format!("{id_prefix}-search");
    let on_input = on_action.reform(|e: InputEvent| {
        PickerAction::SetQuery(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let on_clear = on_action.reform(|_: MouseEvent| PickerAction::ClearFilters);
    let total = content.use_cases.len();

    let chips = content.categories.iter().map(|cat| {
        let count = counts
            .iter()
            .find(|(id, _)| *id == cat.id)
            .map_or(0, |(_, n)| *n);
        let pressed = filter.categories.contains(&cat.id);
        let id = cat.id.clone();
        let onclick =
            on_action.reform(move |_: MouseEvent| PickerAction::ToggleCategory(id.clone()));
        html! {
            <li>
                <button type="button" class="nvp-uc-chip" aria-pressed={pressed.to_string()}
                    {onclick}>
                    { &cat.label }
                    <span class="nvp-uc-chip__count">
                        { count }
                        <span class="nvp-visually-hidden">
                            { if count == 1 { " use case" } else { " use cases" } }
                        </span>
                    </span>
                </button>
            </li>
        }
    });

    let mut favour_options: Vec<(Favours, String)> = vec![(Favours::Any, "Any".to_string())];
    favour_options.extend(
        content
            .stacks
            .iter()
            .map(|s| (Favours::Stack(s.id.clone()), s.name.clone())),
    );
    favour_options.push((Favours::Either, "Either".to_string()));
    let favour_name = format!("{id_prefix}-fav");
    let favours = favour_options.into_iter().map(|(value, label)| {
        let code = match &value {
            Favours::Any => "any".to_string(),
            Favours::Stack(id) => id.clone(),
            Favours::Either => EITHER.to_string(),
        };
        let id = format!("{favour_name}-{code}");
        let checked = filter.favours == value;
        let onchange = on_action.reform(move |_: Event| PickerAction::SetFavours(value.clone()));
        html! {
            <span class="nvp-uc-radio">
                <input type="radio" id={id.clone()} name={favour_name.clone()} value={code}
                    {checked} {onchange} />
                <label for={id}>{ label }</label>
            </span>
        }
    });

    html! {
        <div class="nvp-uc-filters">
            <div class="nvp-uc-search">
                <label for={search_id.clone()}>{ "Search use cases" }</label>
                <input type="search" id={search_id} class="nvp-uc-search__input"
                    value={filter.query.clone()} oninput={on_input} autocomplete="off"
                    spellcheck="false" maxlength="100"
                    placeholder="e.g. chat, data, API" />
            </div>
            <fieldset class="nvp-uc-fieldset nvp-uc-chips">
                <legend>{ "Categories" }</legend>
                <ul class="nvp-uc-chips__list">{ for chips }</ul>
            </fieldset>
            <fieldset class="nvp-uc-fieldset nvp-uc-favours-filter">
                <legend>{ "Favours" }</legend>
                <div class="nvp-uc-options">{ for favours }</div>
            </fieldset>
            <div class="nvp-uc-filters__footer">
                // Polite, not a status role: the single status region belongs to the verdict.
                <p class="nvp-uc-filters__count" aria-live="polite">
                    { format!("Showing {shown} of {total} use cases.") }
                </p>
                <button type="button" class="nvp-button nvp-button--quiet"
                    disabled={filter.is_clear()} onclick={on_clear}>
                    { "Clear all filters" }
                </button>
            </div>
        </div>
    }
}
