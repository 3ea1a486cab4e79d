//! How much each criterion matters: preset buttons and one labelled 0–5 slider per criterion.
//!
//! A native range input gives keyboard support (arrows, Home/End) for free; each one has a
//! visible `<label>`, a description tied in with `aria-describedby`, and an `aria-valuetext`
//! that reads "3 of 5". The visible number is `aria-hidden`, and not an `<output>`, because
//! `<output>` is a live region: the only announcement should be the fit summary.

use nvp_recommend::compare::{active_preset, preset_weights};
use nvp_ui::content::{Content, MAX_WEIGHT};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WeightsProps {
    pub content: Rc<Content>,
    /// One weight per criterion, in content order.
    pub weights: Vec<u8>,
    pub ids: AttrValue,
    /// `(criterion index, weight)`.
    pub on_set: Callback<(usize, u8)>,
    pub on_set_all: Callback<Vec<u8>>,
}

#[component]
pub fn Weights(props: &WeightsProps) -> Html {
    let content = &props.content;
    let active = active_preset(content, &props.weights);
    let presets_label = format!("{}-presets-label", props.ids);
    html! {
        <div class="nvp-c-weights">
            <div class="nvp-c-presets" role="group" aria-labelledby={presets_label.clone()}>
                <span id={presets_label} class="nvp-c-presets__label">{ "Start from a preset:" }</span>
                { for content.presets.iter().enumerate().map(|(i, p)| {
                    let weights = preset_weights(content, i);
                    let onclick = props.on_set_all.reform(move |_: MouseEvent| weights.clone());
                    let pressed = active == Some(i);
                    html! {
                        <button type="button" class="nvp-button nvp-button--quiet nvp-c-preset"
                            aria-pressed={if pressed { "true" } else { "false" }} {onclick}>
                            { &p.label }
                        </button>
                    }
                }) }
            </div>
            <fieldset class="nvp-c-sliders">
                <legend>
                    { format!("How much each criterion matters to you (0 = not at all, {MAX_WEIGHT} = essential)") }
                </legend>
                { for content.criteria.iter().enumerate().map(|(i, c)| {
                    let weight = props.weights.get(i).copied().unwrap_or(0);
                    let id = format!("{}-w-{}", props.ids, c.id);
                    let desc = format!("{id}-desc");
                    let oninput = props.on_set.reform(move |e: InputEvent| {
                        let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
                        (i, input.value().parse::<u8>().unwrap_or(0))
                    });
                    html! {
                        <div class="nvp-c-slider" key={c.id.clone()}>
                            <label for={id.clone()} class="nvp-c-slider__label">{ &c.label }</label>
                            <input type="range" id={id} class="nvp-c-slider__input"
                                min="0" max={MAX_WEIGHT.to_string()} step="1"
                                value={weight.to_string()}
                                aria-valuetext={format!("{weight} of {MAX_WEIGHT}")}
                                aria-describedby={desc.clone()} {oninput} />
                            <span class="nvp-c-slider__value" aria-hidden="true">
                                { weight.to_string() }
                            </span>
                            <p id={desc} class="nvp-c-slider__desc">{ &c.description }</p>
                        </div>
                    }
                }) }
            </fieldset>
        </div>
    }
}
