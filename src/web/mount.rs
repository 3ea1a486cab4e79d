//! Mounting one widget instance into a host element.

use super::hash_sync;
use crate::options::{HashMode, WidgetOptions};
use crate::ui::{App, AppProps};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A mounted widget. Dropping it leaves the widget on the page; call [`Mounted::unmount`].
pub struct Mounted {
    handle: Option<yew::AppHandle<App>>,
    root: web_sys::Element,
}

impl Mounted {
    /// Removes the widget and frees its state.
    pub fn unmount(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a mounted widget alive for the page's lifetime.
pub(crate) fn keep(mounted: Mounted) {
    MOUNTED.with(|m| m.borrow_mut().push(mounted));
}

/// Mounts a widget into a fresh `<div>` inside `host`, so Yew never clears the host's own nodes.
pub fn mount_into(host: &web_sys::Element, options: WidgetOptions) -> Mounted {
    let document = host.owner_document().expect("an element in a document");
    let root = document.create_element("div").expect("create a div");
    root.set_class_name("nvp-mount");
    let _ = host.append_child(&root);

    let namespace = options.namespace.clone();
    let raw_hash = hash_sync::read();
    let writes = match options.hash {
        HashMode::On => true,
        HashMode::Off => false,
        HashMode::Auto => !crate::state::hash::host_uses_hash(&raw_hash, &namespace),
    };
    let initial_hash = Rc::new(crate::state::hash::parse(&raw_hash, &namespace));
    let on_hash = Callback::from(move |params| {
        if writes {
            hash_sync::write(&namespace, &params);
        }
    });
    let props = AppProps {
        options: Rc::new(options),
        initial_hash,
        on_hash,
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    Mounted {
        handle: Some(handle),
        root,
    }
}
