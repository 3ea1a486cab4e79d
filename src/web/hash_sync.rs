//! Reading and writing the page's URL hash. Writes use `history.replaceState`, so changing a
//! slider does not flood the back button, and never fire `hashchange` at the host page.

use nvp_state::HashParams;

/// The page's current hash (with its `#`), or empty.
pub fn read() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Writes this namespace's pairs into the hash, keeping everything else in it.
pub fn write(namespace: &str, params: &HashParams) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let current = read();
    let next = nvp_state::hash::write(&current, namespace, params);
    if next == current.trim_start_matches('#') {
        return;
    }
    let Ok(history) = window.history() else {
        return;
    };
    let url = if next.is_empty() {
        // Drop the fragment entirely rather than leave a bare '#'.
        let loc = window.location();
        format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        )
    } else {
        format!("#{next}")
    };
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}
