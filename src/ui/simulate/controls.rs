//! The settings form: labelled numeric inputs with their units, selects for the choices, and the
//! message about a value that had to be changed, right under the input it concerns.
//!
//! Inputs commit on `change` (Enter, leaving the field, or a spin-button step), not on every
//! keystroke, so typing "150" does not run and clamp "1" and "15" on the way.

use super::state::{Choice, SimAction, SimState};
use crate::content::Content;
use nvp_sim::IoKind;
use nvp_versus::presets;
use nvp_versus::settings::{Field, PyMode, Settings, Shape, io_kind_id, io_kind_label, plain};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NumberProps {
    pub field: Field,
    pub ids: AttrValue,
    pub value: f64,
    #[prop_or_default]
    pub issue: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
    /// Replaces the field's own hint (e.g. "not used in this mode").
    #[prop_or_default]
    pub note: Option<AttrValue>,
    pub on_set: Callback<(Field, String)>,
}

/// One numeric setting.
#[component]
pub fn NumberField(props: &NumberProps) -> Html {
    let spec = props.field.spec();
    let id = format!("{}-{}", props.ids, spec.key);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let onchange = {
        let (field, on_set) = (props.field, props.on_set.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_set.emit((field, input.value()));
        })
    };
    let described = if props.issue.is_some() {
        format!("{err_id} {hint_id}")
    } else {
        hint_id.clone()
    };
    let hint = props
        .note
        .clone()
        .unwrap_or_else(|| AttrValue::from(spec.hint));
    html! {
        <div class={classes!("nvp-sim-field", props.issue.is_some().then_some("nvp-sim-field--invalid"))}>
            <label for={id.clone()}>
                { spec.label }
                if !spec.unit.is_empty() {
                    <span class="nvp-sim-unit">{ format!(" ({})", spec.unit) }</span>
                }
            </label>
            <input id={id} type="number" inputmode="decimal" value={plain(props.value)}
                min={plain(spec.min)} max={plain(spec.max)} step={plain(spec.step)}
                disabled={props.disabled} aria-invalid={props.issue.is_some().then_some("true")}
                aria-describedby={described} {onchange} />
            if let Some(issue) = &props.issue {
                <p class="nvp-sim-error" id={err_id}>
                    <span aria-hidden="true">{ "⚠ " }</span>{ issue.clone() }
                </p>
            }
            <p class="nvp-sim-hint" id={hint_id}>{ hint }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `(value, text)` pairs.
    pub options: Vec<(&'static str, &'static str)>,
    pub selected: AttrValue,
    pub on_pick: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// One choice setting.
#[component]
pub fn SelectField(props: &SelectProps) -> Html {
    let onchange = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on_pick.emit(select.value());
        })
    };
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="nvp-sim-field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}>
                { for props.options.iter().map(|(v, t)| html! {
                    <option value={*v} selected={*v == props.selected.as_str()}>{ *t }</option>
                }) }
            </select>
            if let Some(h) = &props.hint {
                <p class="nvp-sim-hint" id={hint_id}>{ h.clone() }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub state: Rc<SimState>,
    pub content: Rc<Content>,
    pub ids: AttrValue,
    pub dispatch: Callback<SimAction>,
}

fn shape_options() -> Vec<(&'static str, &'static str)> {
    Shape::ALL.iter().map(|s| (s.id(), s.label())).collect()
}

/// The whole form, in four groups.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let s: &Settings = &props.state.settings;
    let ids = &props.ids;
    let on_set = {
        let d = props.dispatch.clone();
        Callback::from(move |(f, raw): (Field, String)| d.emit(SimAction::Number(f, raw)))
    };
    let num = |f: Field| {
        html! {
            <NumberField field={f} ids={ids.clone()} value={s.get(f)}
                issue={props.state.issue(f).map(|m| AttrValue::from(m.to_string()))}
                on_set={on_set.clone()} />
        }
    };
    let choose = |make: fn(&str) -> Option<Choice>| {
        let d = props.dispatch.clone();
        Callback::from(move |v: String| {
            if let Some(c) = make(&v) {
                d.emit(SimAction::Choose(c));
            }
        })
    };
    let new_traffic = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(SimAction::NewTraffic))
    };
    let mode = s.py_mode;
    let unused = |yes: bool| yes.then(|| AttrValue::from("Not used in this Python mode."));
    let factor_source = s
        .cpu_factor_source
        .as_deref()
        .and_then(|id| props.content.source(id));
    let id = |k: &str| AttrValue::from(format!("{ids}-{k}"));
    html! {
        <div class="nvp-sim-controls">
            <fieldset class="nvp-sim-group nvp-sim-group--traffic">
                <legend>{ "Traffic" }</legend>
                { num(Field::Rate) }
                { num(Field::Cpu) }
                <SelectField id={id("cpud")} label="CPU time varies" options={shape_options()}
                    selected={s.cpu_shape.id()} on_pick={choose(|v| Shape::from_id(v).map(Choice::CpuShape))} />
                { num(Field::CpuBefore) }
                { num(Field::Io) }
                <SelectField id={id("iod")} label="I/O wait varies" options={shape_options()}
                    selected={s.io_shape.id()} on_pick={choose(|v| Shape::from_id(v).map(Choice::IoShape))} />
                <SelectField id={id("iok")} label="Kind of I/O"
                    options={[IoKind::Network, IoKind::Threadpool].iter().map(|k| (io_kind_id(*k), io_kind_label(*k))).collect::<Vec<_>>()}
                    selected={io_kind_id(s.io_kind)}
                    on_pick={choose(|v| nvp_versus::settings::io_kind_from_id(v).map(Choice::IoKind))}
                    hint={AttrValue::from("Network sockets never use libuv's pool; file system, dns.lookup() and crypto do (Node.js docs).")} />
            </fieldset>
            <fieldset class="nvp-sim-group">
                <legend>{ "Machine and run" }</legend>
                { num(Field::Cores) }
                { num(Field::Duration) }
                { num(Field::Seed) }
                <button type="button" class="nvp-button nvp-button--quiet nvp-sim-new"
                    onclick={new_traffic}>{ "New traffic" }</button>
            </fieldset>
            <fieldset class="nvp-sim-group nvp-sim-group--node">
                <legend>{ "Node.js server" }</legend>
                { num(Field::NodeProcesses) }
                { num(Field::NodePool) }
            </fieldset>
            <fieldset class="nvp-sim-group nvp-sim-group--python">
                <legend>{ "Python server" }</legend>
                <SelectField id={id("pm")} label="How Python serves requests"
                    options={PyMode::ALL.iter().map(|m| (m.id(), m.label())).collect::<Vec<_>>()}
                    selected={mode.id()} on_pick={choose(|v| PyMode::from_id(v).map(Choice::PyMode))}
                    hint={AttrValue::from("gthread: threads share one GIL per worker; sync: one request per worker; asyncio: an event loop like Node's; 3.13 free-threaded: threads without a GIL (PEP 703).")} />
                { num(Field::PyProcesses) }
                <NumberField field={Field::PyThreads} ids={ids.clone()} value={s.get(Field::PyThreads)}
                    issue={props.state.issue(Field::PyThreads).map(|m| AttrValue::from(m.to_string()))}
                    disabled={!mode.uses_threads()} note={unused(!mode.uses_threads())}
                    on_set={on_set.clone()} />
                <NumberField field={Field::Switch} ids={ids.clone()} value={s.get(Field::Switch)}
                    issue={props.state.issue(Field::Switch).map(|m| AttrValue::from(m.to_string()))}
                    disabled={mode != PyMode::Threads} note={unused(mode != PyMode::Threads)}
                    on_set={on_set.clone()} />
                <NumberField field={Field::CpuFactor} ids={ids.clone()} value={s.get(Field::CpuFactor)}
                    issue={props.state.issue(Field::CpuFactor).map(|m| AttrValue::from(m.to_string()))}
                    note={factor_source.map(|src| AttrValue::from(factor_note(src)))}
                    on_set={on_set.clone()} />
            </fieldset>
        </div>
    }
}

/// The citation shown under a factor that came from a published measurement.
fn factor_note(src: &crate::content::Source) -> String {
    if src.id == presets::LETLOOP_SOURCE {
        format!(
            "From a published measurement: {} (Node http {} vs FastAPI/uvicorn {} requests/s on one machine).",
            src.label,
            nvp_versus::format::count(presets::LETLOOP_NODE_RPS),
            nvp_versus::format::count(presets::LETLOOP_FASTAPI_RPS)
        )
    } else {
        format!("From a published measurement: {}.", src.label)
    }
}

#[derive(Properties, PartialEq)]
pub struct PresetProps {
    pub presets: Rc<Vec<presets::Preset>>,
    pub settings: Settings,
    pub ids: AttrValue,
    pub dispatch: Callback<SimAction>,
}

/// The preset picker, with a sentence on what the chosen one sets up.
#[component]
pub fn PresetPicker(props: &PresetProps) -> Html {
    let current = presets::matching(&props.presets, &props.settings);
    let onchange = {
        let (list, d) = (props.presets.clone(), props.dispatch.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = list.iter().find(|p| p.id == select.value()) {
                d.emit(SimAction::Replace(p.settings.clone()));
            }
        })
    };
    let id = format!("{}-preset", props.ids);
    let selected = current.map_or("custom", |p| p.id.as_str());
    let option = |p: &presets::Preset| {
        html! { <option value={p.id.clone()} selected={p.id == selected}>{ &p.label }</option> }
    };
    let summary = current.map_or_else(
        || "Your own settings. ".to_string() + &presets::summary(&props.settings),
        |p| p.summary.clone(),
    );
    html! {
        <div class="nvp-sim-presets">
            <div class="nvp-sim-field">
                <label for={id.clone()}>{ "Preset" }</label>
                <select id={id.clone()} {onchange} aria-describedby={format!("{id}-about")}>
                    if current.is_none() {
                        <option value="custom" selected=true>{ "Custom" }</option>
                    }
                    <optgroup label="Classic shapes">
                        { for props.presets.iter().filter(|p| !p.from_use_case).map(option) }
                    </optgroup>
                    <optgroup label="Use cases">
                        { for props.presets.iter().filter(|p| p.from_use_case).map(option) }
                    </optgroup>
                </select>
            </div>
            <p class="nvp-sim-preset-about" id={format!("{id}-about")}>{ summary }</p>
        </div>
    }
}
