//! Where experiments run. The widget's own wasm holds no simulator: in the browser, `embed.js`
//! hands the widget a simulator object that runs the engine's own wasm module in a Web Worker,
//! or, where a page forbids workers, on the main thread in slices that yield between runs (see
//! `src/web/sim-worker.js`). Natively (server rendering and tests) the experiment runs at once.
//!
//! The settings go out and the outcome comes back as postcard bytes, the same encoding on both
//! sides of the boundary.

use nvp_versus::Outcome;
use nvp_versus::settings::Settings;
use std::rc::Rc;
use yew::prelude::*;

/// The simulator a widget runs experiments with, shared through a context.
#[derive(Clone, Debug)]
pub struct Simulator {
    inner: Rc<Inner>,
}

#[derive(Debug)]
enum Inner {
    /// The object `embed.js` passes to `mount`: `run(settings, onProgress) → Promise<bytes>`.
    #[cfg(target_arch = "wasm32")]
    Js(wasm_bindgen::JsValue),
    /// The engine linked in, for server rendering and native tests.
    #[cfg(not(target_arch = "wasm32"))]
    Native,
    /// None was given (a host that called the glue's `mount` directly without one).
    Missing,
}

impl PartialEq for Simulator {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Default for Simulator {
    fn default() -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let inner = Inner::Native;
        #[cfg(target_arch = "wasm32")]
        let inner = Inner::Missing;
        Simulator {
            inner: Rc::new(inner),
        }
    }
}

/// What a visitor reads when the simulator cannot run; the technical reason goes to the console.
pub const UNAVAILABLE: &str =
    "The simulator could not start on this page. The comparison and the use cases still work.";

impl Simulator {
    /// The simulator object `embed.js` passed, if it is one.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: wasm_bindgen::JsValue) -> Simulator {
        let usable = value.is_object()
            && js_sys::Reflect::get(&value, &"run".into()).is_ok_and(|f| f.is_function());
        Simulator {
            inner: Rc::new(if usable {
                Inner::Js(value)
            } else {
                Inner::Missing
            }),
        }
    }

    /// A simulator that cannot run (for tests of the failure path).
    pub fn missing() -> Simulator {
        Simulator {
            inner: Rc::new(Inner::Missing),
        }
    }

    /// Runs an experiment on `settings`, reporting `(runs done, runs known)` as it goes.
    pub fn run(
        &self,
        settings: &Settings,
        on_progress: Callback<(u32, u32)>,
        on_done: Callback<Result<Outcome, String>>,
    ) {
        match &*self.inner {
            #[cfg(target_arch = "wasm32")]
            Inner::Js(js) => js_run(js, settings, on_progress, on_done),
            #[cfg(not(target_arch = "wasm32"))]
            Inner::Native => {
                let _ = on_progress;
                on_done.emit(Ok(nvp_versus::evaluate(settings)));
            }
            Inner::Missing => {
                let _ = (settings, on_progress);
                on_done.emit(Err("no simulator was passed to mount()".to_string()));
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn js_run(
    js: &wasm_bindgen::JsValue,
    settings: &Settings,
    on_progress: Callback<(u32, u32)>,
    on_done: Callback<Result<Outcome, String>>,
) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let bytes = match postcard::to_allocvec(settings) {
        Ok(b) => b,
        Err(e) => return on_done.emit(Err(format!("settings did not encode: {e}"))),
    };
    let run = js_sys::Reflect::get(js, &"run".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(run) = run else {
        return on_done.emit(Err("the simulator has no run()".to_string()));
    };
    // The progress callback must live until the run ends; the settle closures own it and drop it.
    let progress = Rc::new(Closure::<dyn FnMut(u32, u32)>::new(move |done, total| {
        on_progress.emit((done, total))
    }));
    let args = js_sys::Uint8Array::from(&bytes[..]);
    let promise = match run.call2(js, &args, progress.as_ref().as_ref()) {
        Ok(p) => js_sys::Promise::from(p),
        Err(e) => return on_done.emit(Err(format!("run() threw: {e:?}"))),
    };
    let (keep_ok, keep_err) = (progress.clone(), progress);
    let done_ok = on_done.clone();
    let ok = Closure::once_into_js(move |value: wasm_bindgen::JsValue| {
        drop(keep_ok);
        if value.is_null() || value.is_undefined() {
            // A newer run superseded this one before it started; its result is on its way.
            return;
        }
        let bytes = js_sys::Uint8Array::new(&value).to_vec();
        done_ok.emit(
            postcard::from_bytes::<Outcome>(&bytes)
                .map_err(|e| format!("the outcome did not decode: {e}")),
        );
    });
    let err = Closure::once_into_js(move |e: wasm_bindgen::JsValue| {
        drop(keep_err);
        on_done.emit(Err(e
            .as_string()
            .unwrap_or_else(|| format!("the simulator failed: {e:?}"))));
    });
    // `then` through Reflect: js-sys's typed wrappers for it change between versions.
    if let Some(then) = js_sys::Reflect::get(&promise, &"then".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = then.call2(&promise, &ok, &err);
    }
}
