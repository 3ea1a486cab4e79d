//! Keeps the shell's Yew out of the events that belong to a depth view nested inside it.
//!
//! Why this exists: the shell (first wasm module) renders a host element, and the depth module
//! mounts its own Yew app into it. Each module carries its own Yew, and both mark DOM nodes and
//! events with the same JavaScript properties (`__yew_subtree_id`, `__yew_subtree_cache_key`)
//! and number their trees from 1. Yew listens in the capture phase on each app's root, so the
//! shell's listener runs first, can take a depth view's element for one of its own and run an
//! unrelated handler of its own: a click on "Show the points tables" once switched the tab.
//!
//! The fix has two halves. [`Shield`] goes on the element that holds the shell's root: before
//! the shell's Yew sees an event from inside a nested host, it marks the event "no tree here"
//! (Yew's own cache, set to tree 0, which no tree has). [`Nested`] goes on the depth host: it
//! clears that mark before the depth module's Yew looks, so the depth view handles its events as
//! usual. Both listen to the event kinds in [`EVENT_KINDS`], which a test keeps in step with the
//! `on…` handlers the views use.
//!
//! The property names are Yew 0.23's internals: after a Yew upgrade, run the e2e test "a click
//! inside a tab's view runs that view's handler, never one of the shell's" (e2e/shell.test.mjs).

/// Every event kind a view of either module listens to through Yew (`onclick={…}` and so on).
/// `tests/nesting.rs` fails when a view uses one that is missing here.
pub const EVENT_KINDS: &[&str] = &[
    "click",
    "dblclick",
    "input",
    "change",
    "keydown",
    "keyup",
    "submit",
    "focus",
    "blur",
    "focusin",
    "focusout",
    "pointerdown",
    "pointerup",
    "mousedown",
    "mouseup",
    "toggle",
    "error",
    "load",
];

/// The attribute [`Nested`] puts on a depth host; [`Shield`] looks for it in an event's path.
pub const NESTED_ATTRIBUTE: &str = "data-nvp-nested";

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{EVENT_KINDS, NESTED_ATTRIBUTE};
    use js_sys::Reflect;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    const TREE: &str = "__yew_subtree_id";
    const CACHE_KEY: &str = "__yew_subtree_cache_key";

    type Listener = Closure<dyn Fn(web_sys::Event)>;

    /// Capture-phase listeners on one element, removed when dropped.
    struct Listeners {
        element: web_sys::Element,
        listener: Listener,
    }

    impl Listeners {
        fn add(element: &web_sys::Element, on_event: impl Fn(web_sys::Event) + 'static) -> Self {
            let listener: Listener = Closure::new(on_event);
            for kind in EVENT_KINDS {
                let _ = element.add_event_listener_with_callback_and_bool(
                    kind,
                    listener.as_ref().unchecked_ref(),
                    true,
                );
            }
            Listeners {
                element: element.clone(),
                listener,
            }
        }
    }

    impl Drop for Listeners {
        fn drop(&mut self) {
            for kind in EVENT_KINDS {
                let _ = self.element.remove_event_listener_with_callback_and_bool(
                    kind,
                    self.listener.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    }

    /// Whether the event passed through a nested host on its way from `until` to its target.
    fn from_nested(event: &web_sys::Event, until: &web_sys::Element) -> bool {
        let path = event.composed_path();
        for i in 0..path.length() {
            let Ok(element) = path.get(i).dyn_into::<web_sys::Element>() else {
                continue;
            };
            if &element == until {
                return false;
            }
            if element.has_attribute(NESTED_ATTRIBUTE) {
                return true;
            }
        }
        false
    }

    /// Put on the element that holds the shell's Yew root (its parent, so it runs first).
    pub struct Shield(#[allow(dead_code)] Listeners);

    impl Shield {
        pub fn new(element: &web_sys::Element) -> Shield {
            let until = element.clone();
            Shield(Listeners::add(element, move |event| {
                if from_nested(&event, &until) {
                    let length = event.composed_path().length();
                    let _ = Reflect::set(&event, &TREE.into(), &0.into());
                    let _ = Reflect::set(&event, &CACHE_KEY.into(), &length.into());
                }
            }))
        }
    }

    /// Put on a depth host before the depth module's Yew mounts into it.
    pub struct Nested(#[allow(dead_code)] Listeners);

    impl Nested {
        pub fn new(host: &web_sys::Element) -> Nested {
            let _ = host.set_attribute(NESTED_ATTRIBUTE, "");
            Nested(Listeners::add(host, |event| {
                let _ = Reflect::delete_property(&event, &TREE.into());
                let _ = Reflect::delete_property(&event, &CACHE_KEY.into());
            }))
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{Nested, Shield};
