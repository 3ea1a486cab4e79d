//! The few browser calls the tab needs: animation frames, a debounce timer, "scrolled into
//! view", the reduced-motion preference, the console and file downloads. Each has a native
//! stand-in so server rendering and native tests compile and run without a browser (there,
//! nothing animates and nothing downloads).

use yew::prelude::*;

/// Whether the visitor asked for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| {
                w.match_media("(prefers-reduced-motion: reduce)")
                    .ok()
                    .flatten()
            })
            .is_some_and(|m| m.matches())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Calls `on_frame` with the real milliseconds since the previous frame, once per animation frame,
/// while `running` is true.
#[cfg(target_arch = "wasm32")]
#[hook]
pub fn use_frames(running: bool, on_frame: Callback<f64>) {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let latest = use_mut_ref(|| on_frame.clone());
    *latest.borrow_mut() = on_frame;
    use_effect_with(running, move |running| {
        let alive = Rc::new(Cell::new(*running));
        if *running {
            type Frame = Closure<dyn FnMut(f64)>;
            let slot: Rc<RefCell<Option<Frame>>> = Rc::new(RefCell::new(None));
            let (slot2, alive2) = (slot.clone(), alive.clone());
            let last = Cell::new(f64::NAN);
            *slot.borrow_mut() = Some(Closure::new(move |t: f64| {
                if !alive2.get() {
                    slot2.borrow_mut().take();
                    return;
                }
                let dt = if last.get().is_nan() {
                    0.0
                } else {
                    t - last.get()
                };
                last.set(t);
                latest.borrow().emit(dt);
                if let (Some(w), Some(f)) = (web_sys::window(), slot2.borrow().as_ref()) {
                    let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
                }
            }));
            if let (Some(w), Some(f)) = (web_sys::window(), slot.borrow().as_ref()) {
                let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
            }
        }
        move || alive.set(false)
    });
}

#[cfg(not(target_arch = "wasm32"))]
#[hook]
pub fn use_frames(running: bool, on_frame: Callback<f64>) {
    let _ = (running, on_frame);
}

/// Runs `job` once `delay_ms` after the last change of `key`; a newer change cancels the pending
/// one. Natively (no timers) the job runs at once.
#[hook]
pub fn use_debounce<K: PartialEq + Clone + 'static>(key: K, delay_ms: u32, job: Callback<K>) {
    #[cfg(target_arch = "wasm32")]
    {
        let pending = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
        use_effect_with(key, move |key| {
            let key = key.clone();
            *pending.borrow_mut() =
                Some(gloo_timers::callback::Timeout::new(delay_ms, move || {
                    job.emit(key)
                }));
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = delay_ms;
        use_effect_with(key, move |key| job.emit(key.clone()));
    }
}

/// Calls `on_change(true)` each time the element behind `node` comes at least half on screen, and
/// `on_change(false)` each time it leaves (never when `enabled` is false, nor where there is no
/// `IntersectionObserver`).
#[cfg(target_arch = "wasm32")]
#[hook]
pub fn use_in_view(node: NodeRef, enabled: bool, on_change: Callback<bool>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use_effect_with(enabled, move |enabled| {
        let mut observer = None;
        if *enabled && let Some(el) = node.cast::<web_sys::Element>() {
            let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
                move |entries: js_sys::Array, _obs: web_sys::IntersectionObserver| {
                    // The latest entry says where the element is now.
                    if let Some(e) = entries
                        .iter()
                        .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                        .next_back()
                    {
                        on_change.emit(e.intersection_ratio() >= 0.5);
                    }
                },
            );
            let init = web_sys::IntersectionObserverInit::new();
            init.set_threshold(&wasm_bindgen::JsValue::from_f64(0.5));
            if let Ok(obs) = web_sys::IntersectionObserver::new_with_options(
                callback.as_ref().unchecked_ref(),
                &init,
            ) {
                obs.observe(&el);
                observer = Some((obs, callback));
            }
        }
        move || {
            if let Some((obs, _callback)) = observer {
                obs.disconnect();
            }
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
#[hook]
pub fn use_in_view(node: NodeRef, enabled: bool, on_change: Callback<bool>) {
    let _ = (node, enabled, on_change);
}

/// The page's address with its hash: the link that reproduces what the visitor sees.
pub fn page_url() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Moves focus to the element behind `node` and scrolls it into view (after a visitor asked to
/// go there).
pub fn focus_and_reveal(node: &NodeRef) {
    #[cfg(target_arch = "wasm32")]
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        let _ = el.focus();
        el.scroll_into_view();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = node;
}

/// Brings a span on screen: from the nearest ancestor of `node` matching `from` (or `node`
/// itself) to the bottom of the first element matching `to` inside the nearest ancestor that has
/// one. When the span is not already on screen, its top goes to the top of the screen, so the
/// cut falls at a block's edge rather than mid-sentence above it. Selectors that match nothing
/// fall back to `node` alone.
pub fn reveal_between(node: &NodeRef, from: &str, to: &str) {
    #[cfg(target_arch = "wasm32")]
    if let (Some(el), Some(w)) = (node.cast::<web_sys::Element>(), web_sys::window()) {
        let start = el
            .closest(from)
            .ok()
            .flatten()
            .unwrap_or_else(|| el.clone());
        let mut end = el.clone();
        let mut up = el.parent_element();
        while let Some(a) = up {
            if let Ok(Some(found)) = a.query_selector(to) {
                end = found;
                break;
            }
            up = a.parent_element();
        }
        let top = start.get_bounding_client_rect().top();
        let bottom = end.get_bounding_client_rect().bottom();
        let view = w
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        const MARGIN: f64 = 8.0;
        if top < 0.0 || bottom > view {
            w.scroll_by_with_x_and_y(0.0, top - MARGIN);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (node, from, to);
}

/// Writes a technical message to the browser console (nowhere natively).
pub fn log_error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&message.into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let bag = web_sys::BlobPropertyBag::new();
        bag.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let doc = web_sys::window().and_then(|w| w.document());
        if let Some(a) = doc
            .and_then(|d| d.create_element("a").ok())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        // Revoked a moment later: revoking at once can cancel the download it just started.
        gloo_timers::callback::Timeout::new(2_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (name, mime, text);
    }
}

/// The markup of the element behind `node`, for the SVG export. A node ref, not an id: the widget
/// renders inside a shadow root, which `document.getElementById` does not search.
pub fn outer_html(node: &NodeRef) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        node.cast::<web_sys::Element>().map(|e| e.outer_html())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = node;
        None
    }
}
