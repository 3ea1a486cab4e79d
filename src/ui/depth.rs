//! A depth tab's panel. In the browser the view lives in the depth module: the panel asks
//! `embed.js` (through [`Depth`]) to load it and mount the view into an element the shell
//! never renders into, passes requests on to it, and unmounts it with the panel. Until it is
//! there, a short line says it is loading. Natively (server rendering, tests) the panel renders
//! the view itself.

use crate::options::View;
use nvp_ui::TabProps;
use nvp_ui::requests::{CompareRequest, SimulateRequest};
use std::rc::Rc;
use yew::prelude::*;

/// The handle to the depth module that `embed.js` passes to `mount`.
#[derive(Clone, Debug, Default)]
pub struct Depth {
    #[cfg(target_arch = "wasm32")]
    js: Rc<wasm_bindgen::JsValue>,
    #[cfg(not(target_arch = "wasm32"))]
    _native: Rc<()>,
}

impl PartialEq for Depth {
    fn eq(&self, other: &Self) -> bool {
        #[cfg(target_arch = "wasm32")]
        return Rc::ptr_eq(&self.js, &other.js);
        #[cfg(not(target_arch = "wasm32"))]
        return Rc::ptr_eq(&self._native, &other._native);
    }
}

impl Depth {
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(js: wasm_bindgen::JsValue) -> Depth {
        Depth { js: Rc::new(js) }
    }
}

#[derive(Properties, PartialEq)]
pub struct DepthPanelProps {
    pub view: View,
    pub tab: TabProps,
    #[prop_or_default]
    pub on_simulate: Option<Callback<String>>,
    #[prop_or_default]
    pub simulate: Option<SimulateRequest>,
    #[prop_or_default]
    pub compare: Option<CompareRequest>,
}

/// Natively: the view itself.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn DepthPanel(props: &DepthPanelProps) -> Html {
    use nvp_views::{compare::CompareTab, simulate::SimulateTab, usecases::UseCasesTab};
    match props.view {
        View::Compare => {
            html! { <CompareTab tab={props.tab.clone()} request={props.compare.clone()} /> }
        }
        View::UseCases => html! {
            <UseCasesTab tab={props.tab.clone()} on_simulate={props.on_simulate.clone()} />
        },
        View::Simulate => {
            html! { <SimulateTab tab={props.tab.clone()} request={props.simulate.clone()} /> }
        }
        View::Answer => html! {},
    }
}

/// In the browser: the view from the depth module, mounted into `host`.
#[cfg(target_arch = "wasm32")]
#[component]
pub fn DepthPanel(props: &DepthPanelProps) -> Html {
    use js_sys::{Function, Object, Reflect};
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::prelude::*;

    let depth = use_context::<Depth>().unwrap_or_default();
    let host = use_node_ref();
    let handle: Rc<RefCell<Option<JsValue>>> = use_mut_ref(|| None);
    let loaded = use_state(|| false);
    let failed = use_state(|| false);
    {
        let (host, handle, loaded, failed) =
            (host.clone(), handle.clone(), loaded.clone(), failed.clone());
        let tab = props.tab.clone();
        let on_simulate = props.on_simulate.clone();
        let view = props.view;
        use_effect_with((), move |_| {
            let config = Object::new();
            let set = |k: &str, v: &JsValue| {
                let _ = Reflect::set(&config, &k.into(), v);
            };
            set("view", &view.id().into());
            set("prefix", &tab.id_prefix.as_str().into());
            set("compact", &tab.compact.into());
            set(
                "initial",
                &nvp_state::hash::write_plain(&tab.initial).into(),
            );
            let share = tab.on_share.clone();
            let on_share = Closure::<dyn Fn(String)>::new(move |s: String| {
                share.emit(nvp_state::hash::parse(&s, "").params)
            });
            set("onShare", on_share.as_ref());
            let notice = tab.on_notice.clone();
            let on_notice = Closure::<dyn Fn(String)>::new(move |s: String| notice.emit(s));
            set("onNotice", on_notice.as_ref());
            let on_sim = on_simulate.map(|cb| Closure::<dyn Fn(String)>::new(move |s| cb.emit(s)));
            if let Some(f) = &on_sim {
                set("onSimulate", f.as_ref());
            }
            let mount = Reflect::get(&depth.js, &"mount".into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok());
            let keep = Rc::new((on_share, on_notice, on_sim));
            let ok = {
                let (handle, loaded, keep) = (handle.clone(), loaded.clone(), keep.clone());
                Closure::once_into_js(move |h: JsValue| {
                    let _ = &keep;
                    *handle.borrow_mut() = Some(h);
                    loaded.set(true);
                })
            };
            let err = {
                let failed = failed.clone();
                Closure::once_into_js(move |e: JsValue| {
                    web_sys::console::error_1(&e);
                    failed.set(true);
                })
            };
            match (mount, host.cast::<web_sys::Element>()) {
                (Some(mount), Some(el)) => {
                    if let Ok(p) = mount.call2(&depth.js, &el, &config) {
                        let then = Reflect::get(&p, &"then".into())
                            .ok()
                            .and_then(|f| f.dyn_into::<Function>().ok());
                        if let Some(then) = then {
                            let _ = then.call2(&p, &ok, &err);
                        }
                    }
                }
                _ => failed.set(true),
            }
            let handle = handle.clone();
            move || {
                if let Some(h) = handle.borrow_mut().take()
                    && let Ok(f) = Reflect::get(&h, &"unmount".into())
                    && let Ok(f) = f.dyn_into::<Function>()
                {
                    let _ = f.call0(&h);
                }
                drop(keep);
            }
        });
    }
    {
        // Requests reach the mounted view; one made while it loads is sent once it is there.
        let handle = handle.clone();
        use_effect_with(
            (props.simulate.clone(), props.compare.clone(), *loaded),
            move |(simulate, compare, _)| {
                if let Some(h) = handle.borrow().as_ref() {
                    let call = |name: &str, a: JsValue, b: JsValue, c: JsValue| {
                        if let Ok(f) = Reflect::get(h, &name.into())
                            && let Ok(f) = f.dyn_into::<Function>()
                        {
                            let _ = f.call3(h, &a, &b, &c);
                        }
                    };
                    if let Some(r) = simulate {
                        call(
                            "simulate",
                            r.use_case.as_str().into(),
                            r.focus.into(),
                            r.watch.into(),
                        );
                    }
                    if let Some(r) = compare {
                        let none = JsValue::UNDEFINED;
                        call("compare", (r.preset as u32).into(), none.clone(), none);
                    }
                }
            },
        );
    }
    html! {
        <>
            if !*loaded && !*failed {
                <p class="nvp-loading" aria-busy="true">{ format!("Loading {}…", props.view.label()) }</p>
            }
            if *failed {
                <p class="nvp-loading" role="alert">
                    { "This part of the comparison could not load. The answer above still works; reloading the page may help." }
                </p>
            }
            <div class="nvp-depth-host" ref={host}></div>
        </>
    }
}
