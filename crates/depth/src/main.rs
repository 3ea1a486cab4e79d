//! The depth module: Compare, Use cases and Simulate as their own wasm file, so the first view
//! (the shell and the answer) loads without them. `embed.js` loads it after the first view is
//! interactive, or when a depth tab opens, and the shell mounts each depth tab into its panel
//! through [`mount_view`]. The two modules talk through plain values: the tab's keys as a
//! hash-format string, sentences, and callbacks.

fn main() {}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use js_sys::{Function, Reflect};
    use nvp_state::hash;
    use nvp_ui::requests::{CompareRequest, SimulateRequest};
    use nvp_ui::runner::Simulator;
    use nvp_ui::{TabProps, View};
    use nvp_views::compare::CompareTab;
    use nvp_views::simulate::SimulateTab;
    use nvp_views::usecases::UseCasesTab;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use yew::prelude::*;

    /// Which view, with everything it was given.
    #[derive(Properties, PartialEq, Clone)]
    pub struct DepthProps {
        pub view: View,
        pub tab: TabProps,
        pub simulator: Simulator,
        #[prop_or_default]
        pub on_simulate: Option<Callback<String>>,
        #[prop_or_default]
        pub simulate: Option<SimulateRequest>,
        #[prop_or_default]
        pub compare: Option<CompareRequest>,
        /// The reality check's report, for the line under the Simulate verdict.
        #[prop_or_default]
        pub report: Option<AttrValue>,
    }

    #[component]
    fn DepthView(props: &DepthProps) -> Html {
        let body = match props.view {
            View::Compare => {
                html! { <CompareTab tab={props.tab.clone()} request={props.compare.clone()} /> }
            }
            View::UseCases => html! {
                <UseCasesTab tab={props.tab.clone()} on_simulate={props.on_simulate.clone()} />
            },
            View::Simulate => html! {
                <SimulateTab tab={props.tab.clone()} request={props.simulate.clone()}
                    report={props.report.clone()} />
            },
            // The shell renders the Answer view itself and never asks for it here.
            View::Answer => html! {},
        };
        html! {
            <ContextProvider<Simulator> context={props.simulator.clone()}>{ body }</ContextProvider<Simulator>>
        }
    }

    fn get(config: &JsValue, key: &str) -> JsValue {
        Reflect::get(config, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn text(config: &JsValue, key: &str) -> String {
        get(config, key).as_string().unwrap_or_default()
    }

    /// A JS function in the config as a callback taking a string; a missing one does nothing.
    fn callback(config: &JsValue, key: &str) -> Option<Callback<String>> {
        let f = get(config, key).dyn_into::<Function>().ok()?;
        Some(Callback::from(move |s: String| {
            let _ = f.call1(&JsValue::NULL, &s.into());
        }))
    }

    /// A mounted depth view.
    #[wasm_bindgen]
    pub struct ViewHandle {
        app: Option<yew::AppHandle<DepthView>>,
        props: DepthProps,
        serial: u32,
        /// Keeps the shell's Yew out of this view's events (see `nvp_ui::nesting`).
        nested: Option<nvp_ui::nesting::Nested>,
    }

    #[wasm_bindgen]
    impl ViewHandle {
        /// Opens the simulator on a preset (`focus`: the visitor asked, so move focus there;
        /// `watch`: and bring the animated timeline on screen once it is drawn).
        pub fn simulate(&mut self, preset: String, focus: bool, watch: bool) {
            self.serial += 1;
            self.props.simulate = Some(SimulateRequest {
                use_case: preset,
                serial: self.serial,
                focus,
                watch,
            });
            self.push();
        }

        /// Applies a weight preset to the comparison.
        pub fn compare(&mut self, preset: u32) {
            self.serial += 1;
            self.props.compare = Some(CompareRequest {
                preset: preset as usize,
                serial: self.serial,
            });
            self.push();
        }

        fn push(&mut self) {
            if let Some(app) = self.app.as_mut() {
                app.update(self.props.clone());
            }
        }

        /// Removes the view. Calling it twice is harmless.
        pub fn unmount(&mut self) {
            if let Some(app) = self.app.take() {
                app.destroy();
            }
            self.nested = None;
        }
    }

    /// Mounts a depth view into `element`. `config`: `view` (compare, usecases or simulate),
    /// `prefix` (element-id prefix), `compact`, `initial` (the tab's keys in the hash format
    /// without a namespace), `onShare(keys)`, `onNotice(sentence)`, `onSimulate(preset)` and
    /// `simulator` (the object embed.js runs experiments with).
    #[wasm_bindgen]
    pub fn mount_view(element: web_sys::Element, config: JsValue) -> ViewHandle {
        let asked = text(&config, "view");
        // The shell passes one of its own view ids; anything else is a bug worth a line.
        let view = View::from_id(&asked).unwrap_or_else(|| {
            web_sys::console::warn_1(
                &format!("node-vs-python: no view \"{asked}\"; showing Compare").into(),
            );
            View::Compare
        });
        let share = callback(&config, "onShare");
        let tab = TabProps {
            initial: hash::parse(&text(&config, "initial"), "").params,
            on_share: Callback::from(move |p: nvp_state::HashParams| {
                if let Some(cb) = &share {
                    cb.emit(hash::write_plain(&p));
                }
            }),
            on_notice: callback(&config, "onNotice").unwrap_or_default(),
            id_prefix: text(&config, "prefix").into(),
            compact: get(&config, "compact").as_bool().unwrap_or(false),
        };
        let props = DepthProps {
            view,
            tab,
            simulator: Simulator::from_js(get(&config, "simulator")),
            on_simulate: callback(&config, "onSimulate"),
            simulate: None,
            compare: None,
            // Only an http(s) address: the view links to it.
            report: Some(text(&config, "report"))
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .map(AttrValue::from),
        };
        // Before Yew mounts, so that its listeners run after this one.
        let nested = nvp_ui::nesting::Nested::new(&element);
        let app = yew::Renderer::<DepthView>::with_root_and_props(element, props.clone()).render();
        ViewHandle {
            app: Some(app),
            props,
            serial: 0,
            nested: Some(nested),
        }
    }
}
