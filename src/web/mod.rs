//! Wasm-only entry points: find the host page's `<node-vs-python>` elements and mount a widget
//! into each, sync the URL hash, and turn panics into a friendly card instead of a blank box.

mod hash_sync;
mod mount;
mod panic;

pub use mount::{Mounted, mount_into};

use crate::options::parse_pairs;

/// Tag name hosts use to place the widget.
pub const TAG: &str = "node-vs-python";

/// Mounts a widget into every `<node-vs-python>` element on the page.
pub fn start() {
    panic::install();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(elements) = document.query_selector_all(TAG) else {
        return;
    };
    let mut used_namespaces: Vec<String> = Vec::new();
    for i in 0..elements.length() {
        let Some(element) = elements
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        let names = element.get_attribute_names();
        let pairs: Vec<(String, String)> = (0..names.length())
            .filter_map(|j| names.get(j).as_string())
            .map(|name| {
                let value = element.get_attribute(&name).unwrap_or_default();
                (name, value)
            })
            .collect();
        let mut parsed = parse_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        for warning in &parsed.warnings {
            web_sys::console::warn_1(&warning.to_string().into());
        }
        // Each instance needs its own hash namespace and id prefix.
        let ns = &mut parsed.options.namespace;
        let base = ns.clone();
        let mut n = 2;
        while used_namespaces.contains(ns) {
            *ns = format!("{base}{n}");
            n += 1;
        }
        used_namespaces.push(ns.clone());
        mount::keep(mount_into(&element, parsed.options));
    }
}
