//! The JavaScript API: `mount(element, options)` returns a handle with `unmount()`.

use super::mount::{Mounted, mount_into};
use crate::options::{OptionValue, parse_entries};
use wasm_bindgen::prelude::*;

/// A mounted widget, as JavaScript sees it.
#[wasm_bindgen]
pub struct WidgetHandle {
    mounted: Option<Mounted>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Removes the widget and frees its state. Calling it twice is harmless.
    pub fn unmount(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            mounted.unmount();
        }
    }

    /// The hash namespace this instance was given (unique on the page).
    #[wasm_bindgen(getter)]
    pub fn namespace(&self) -> String {
        self.mounted
            .as_ref()
            .map(|m| m.namespace().to_string())
            .unwrap_or_default()
    }
}

/// Mounts a widget into `element` with `options`: a plain object (see docs/embedding.md), or
/// `undefined` for the defaults. Bad options are reported with one `console.warn` each and
/// fall back to their defaults; they never stop the widget. `depth` is the object embed.js
/// builds to load the depth views' own module and mount them (`mount(element, config)`).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue, depth: JsValue) -> WidgetHandle {
    let entries = read_entries(&options);
    let parsed = parse_entries(&entries);
    for warning in &parsed.warnings {
        web_sys::console::warn_1(&warning.to_string().into());
    }
    let depth = crate::ui::depth::Depth::from_js(depth);
    WidgetHandle {
        mounted: Some(mount_into(&element, parsed.options, depth)),
    }
}

/// Turns the options object into entries; anything that is not an object yields a warning and
/// no entries.
fn read_entries(options: &JsValue) -> Vec<(String, OptionValue)> {
    if options.is_undefined() || options.is_null() {
        return Vec::new();
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        web_sys::console::warn_1(
            &"node-vs-python: options ignored: expected a plain object such as { views: [\"simulate\"] }"
                .into(),
        );
        return Vec::new();
    }
    let object: &js_sys::Object = options.unchecked_ref();
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            let key = pair.get(0).as_string()?;
            let value = serde_wasm_bindgen::from_value(pair.get(1))
                .unwrap_or(OptionValue::Other(serde::de::IgnoredAny));
            Some((key, value))
        })
        .collect()
}
