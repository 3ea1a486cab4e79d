//! A panic must never leave the host page blank or broken: log the details for developers and
//! replace each widget's content with a short, friendly card.

use std::sync::Once;

static INSTALL: Once = Once::new();

/// Installs the panic hook once.
pub fn install() {
    INSTALL.call_once(|| {
        // Through Yew, so its renderer does not replace this hook with its default one.
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("node-vs-python crashed: {info}").into());
            show_error_cards();
        }));
    });
}

/// Replaces every mounted widget's content with the error card, using DOM calls only (no
/// HTML strings) so nothing from the panic message can be injected into the page.
pub fn show_error_cards() {
    for root in super::mount::live_roots() {
        let Some(document) = root.owner_document() else {
            continue;
        };
        root.set_text_content(None);
        let Ok(card) = document.create_element("div") else {
            continue;
        };
        card.set_class_name("nvp-root nvp-error-card");
        let _ = card.set_attribute("role", "alert");
        card.set_text_content(Some(
            "Sorry, the Node.js vs Python widget stopped working. Reload the page to try again; \
             the details are in the browser console.",
        ));
        let _ = root.append_child(&card);
    }
}
