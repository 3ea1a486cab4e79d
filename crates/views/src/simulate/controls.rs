//! "Tune the scenario": the preset, how each side is configured and the arrival rate up front;
//! everything else under "Advanced". Labelled numeric inputs with their units, selects and a
//! segmented control for the choices, and the message about a value that had to be changed,
//! right under the input it concerns. Which controls apply is the core's call
//! (`Settings::applies`); the rest are not shown.
//!
//! Inputs commit on `change` (Enter, leaving the field, or a spin-button step), not on every
//! keystroke, so typing "150" does not run and clamp "1" and "15" on the way.

use super::state::{Choice, SimAction, SimState};
use nvp_sim::IoKind;
use nvp_versus::format::plain;
use nvp_versus::presets::{self, Preset};
use nvp_versus::settings::{Config, Field, PyMode, Settings, Shape, io_kind_id, io_kind_label};
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
    pub presets: Rc<Vec<Preset>>,
    pub ids: AttrValue,
    pub dispatch: Callback<SimAction>,
    /// The compact instance shows only the preset and the configuration.
    #[prop_or_default]
    pub compact: bool,
}

fn shape_options() -> Vec<(&'static str, &'static str)> {
    Shape::ALL.iter().map(|s| (s.id(), s.label())).collect()
}

#[derive(Properties, PartialEq)]
pub struct ConfigProps {
    pub config: Config,
    pub ids: AttrValue,
    pub dispatch: Callback<SimAction>,
}

/// How each side is configured: a segmented control of radio buttons (arrow keys move between
/// them, as in any radio group).
#[component]
pub fn ConfigSwitch(props: &ConfigProps) -> Html {
    let name = format!("{}-cfg", props.ids);
    html! {
        <fieldset class="nvp-sim-config-switch">
            <legend>{ "How each side is set up" }</legend>
            <div class="nvp-segmented">
                { for Config::ALL.iter().map(|c| {
                    let id = format!("{name}-{}", c.id());
                    let d = props.dispatch.clone();
                    let c = *c;
                    let onchange = Callback::from(move |_| d.emit(SimAction::Choose(Choice::Config(c))));
                    html! {
                        <label for={id.clone()} class="nvp-segmented__option">
                            <input type="radio" id={id} name={name.clone()} value={c.id()}
                                checked={props.config == c} {onchange} />
                            <span>{ c.label() }</span>
                        </label>
                    }
                }) }
            </div>
            <p class="nvp-sim-hint">{ props.config.hint() }</p>
        </fieldset>
    }
}

/// The compact instance's one switch: which kind of Python server takes the traffic, each kind
/// sized as its experts would size it (Node.js stays tuned).
#[component]
pub fn PythonKindSwitch(props: &ControlsProps) -> Html {
    let s = &props.state.settings;
    let current = nvp_versus::config::python_mode(s);
    let name = format!("{}-pykind", props.ids);
    html! {
        <fieldset class="nvp-sim-config-switch nvp-sim-pykind">
            <legend>{ "Python runs as" }</legend>
            <div class="nvp-segmented">
                { for PyMode::ALL.iter().map(|m| {
                    let id = format!("{name}-{}", m.id());
                    let (d, m, settings) = (props.dispatch.clone(), *m, s.clone());
                    let onchange = Callback::from(move |_| {
                        d.emit(SimAction::Replace(nvp_versus::config::with_python_mode(&settings, m)))
                    });
                    html! {
                        <label for={id.clone()} class="nvp-segmented__option">
                            <input type="radio" id={id} name={name.clone()} value={m.id()}
                                checked={current == m} {onchange} />
                            <span>{ m.short_label() }</span>
                        </label>
                    }
                }) }
            </div>
        </fieldset>
    }
}

/// The whole form: three main inputs, then "Advanced".
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let state = &props.state;
    let s: &Settings = &state.settings;
    let ids = &props.ids;
    let on_set = {
        let d = props.dispatch.clone();
        Callback::from(move |(f, raw): (Field, String)| d.emit(SimAction::Number(f, raw)))
    };
    let num = |f: Field| {
        if !s.applies(f) {
            return html! {};
        }
        html! {
            <NumberField field={f} ids={ids.clone()} value={s.get(f)}
                issue={state.issue(f).map(|m| AttrValue::from(m.to_string()))}
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
    let id = |k: &str| AttrValue::from(format!("{ids}-{k}"));
    let h = format!("{ids}-tune-h");
    let custom = s.config == Config::Custom;
    html! {
        <section class="nvp-sim-controls" aria-labelledby={h.clone()}>
            <h3 id={h}>{ "Tune the scenario" }</h3>
            <div class="nvp-sim-main-controls">
                <PresetPicker presets={props.presets.clone()} settings={s.clone()}
                    ids={ids.clone()} dispatch={props.dispatch.clone()} />
                <ConfigSwitch config={s.config} ids={ids.clone()} dispatch={props.dispatch.clone()} />
                if !props.compact {
                    { num(Field::Rate) }
                }
            </div>
            if !props.compact {
                <details class="nvp-sim-advanced" open={custom}>
                    <summary>{ "Advanced: traffic, machine, servers and run" }</summary>
                    <fieldset class="nvp-sim-group nvp-sim-group--traffic">
                        <legend>{ "Traffic" }</legend>
                        { num(Field::Cpu) }
                        <SelectField id={id("cpud")} label="CPU time varies" options={shape_options()}
                            selected={s.traffic.cpu_shape.id()} on_pick={choose(|v| Shape::from_id(v).map(Choice::CpuShape))} />
                        { num(Field::Native) }
                        { num(Field::Io) }
                        { num(Field::IoCalls) }
                        { num(Field::CpuBefore) }
                        <SelectField id={id("iod")} label="I/O wait varies" options={shape_options()}
                            selected={s.traffic.io_shape.id()} on_pick={choose(|v| Shape::from_id(v).map(Choice::IoShape))} />
                        <SelectField id={id("iok")} label="Kind of I/O"
                            options={[IoKind::Network, IoKind::Threadpool].iter().map(|k| (io_kind_id(*k), io_kind_label(*k))).collect::<Vec<_>>()}
                            selected={io_kind_id(s.traffic.io_kind)}
                            on_pick={choose(|v| nvp_versus::settings::io_kind_from_id(v).map(Choice::IoKind))}
                            hint={AttrValue::from("Network sockets never use libuv's pool; files, dns.lookup() and crypto do.")} />
                        <SelectField id={id("ll")} label="Connections"
                            options={vec![("0", "Request and response"), ("1", "Stay open (WebSockets, streams)")]}
                            selected={if s.traffic.long_lived { "1" } else { "0" }}
                            on_pick={choose(|v| Some(Choice::LongLived(v == "1")))} />
                        { num(Field::Cores) }
                    </fieldset>
                    if custom {
                        <fieldset class="nvp-sim-group nvp-sim-group--node">
                            <legend>{ "Node.js server" }</legend>
                            { num(Field::NodeProcesses) }
                            { num(Field::NodePool) }
                        </fieldset>
                        <fieldset class="nvp-sim-group nvp-sim-group--python">
                            <legend>{ "Python server" }</legend>
                            <SelectField id={id("pm")} label="How Python serves requests"
                                options={PyMode::ALL.iter().map(|m| (m.id(), m.label())).collect::<Vec<_>>()}
                                selected={s.custom.py_mode.id()} on_pick={choose(|v| PyMode::from_id(v).map(Choice::PyMode))}
                                hint={AttrValue::from("gthread: threads share one GIL per worker; sync: one request per worker; asyncio: an event loop like Node's; free-threaded 3.14t: threads without a GIL (optional build, PEP 779).")} />
                            { num(Field::PyProcesses) }
                            { num(Field::PyThreads) }
                            { num(Field::Switch) }
                            { num(Field::CpuFactor) }
                        </fieldset>
                    }
                    <fieldset class="nvp-sim-group">
                        <legend>{ "Run" }</legend>
                        { num(Field::Seed) }
                        <button type="button" class="nvp-button nvp-button--quiet nvp-sim-new"
                            onclick={new_traffic}>{ "New traffic" }</button>
                        { num(Field::WindowStart) }
                        { num(Field::WindowLen) }
                    </fieldset>
                </details>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PresetProps {
    pub presets: Rc<Vec<Preset>>,
    pub settings: Settings,
    pub ids: AttrValue,
    pub dispatch: Callback<SimAction>,
}

/// The preset picker. A preset sets the traffic and keeps the configuration mode.
#[component]
pub fn PresetPicker(props: &PresetProps) -> Html {
    let current = presets::matching(&props.presets, &props.settings);
    let onchange = {
        let (list, d, config) = (
            props.presets.clone(),
            props.dispatch.clone(),
            props.settings.config,
        );
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = list.iter().find(|p| p.id == select.value()) {
                d.emit(SimAction::Replace(Settings {
                    config,
                    ..p.settings()
                }));
            }
        })
    };
    let id = format!("{}-preset", props.ids);
    let selected = current.map_or("custom", |p| p.id.as_str());
    let option = |p: &Preset| {
        html! { <option value={p.id.clone()} selected={p.id == selected}>{ &p.label }</option> }
    };
    html! {
        <div class="nvp-sim-field nvp-sim-presets">
            <label for={id.clone()}>{ "Traffic" }</label>
            <select id={id.clone()} {onchange}>
                if current.is_none() {
                    <option value="custom" selected=true>{ "Your own" }</option>
                }
                <optgroup label="Classic shapes">
                    { for props.presets.iter().filter(|p| !p.from_use_case).map(option) }
                </optgroup>
                <optgroup label="Use cases">
                    { for props.presets.iter().filter(|p| p.from_use_case).map(option) }
                </optgroup>
            </select>
        </div>
    }
}
