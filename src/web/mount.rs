//! Mounting widget instances, and the registry of live ones (unique hash namespaces, and the
//! roots the panic card replaces).

use super::hash_sync;
use crate::options::{HashMode, WidgetOptions};
use crate::ui::{App, AppProps};
use nvp_state::hash;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A mounted widget. Dropping it leaves the widget on the page; call [`Mounted::unmount`].
pub struct Mounted {
    handle: Option<yew::AppHandle<App>>,
    root: web_sys::Element,
    namespace: String,
    /// Keeps this Yew out of the depth views' events (see `nvp_ui::nesting`).
    _shield: nvp_ui::nesting::Shield,
}

impl Mounted {
    /// The instance's hash namespace.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// Removes the widget, frees its state and releases its namespace.
    pub fn unmount(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
        REGISTRY.with(|r| {
            if let Ok(mut r) = r.try_borrow_mut() {
                r.retain(|(ns, _)| *ns != self.namespace);
            }
        });
    }
}

thread_local! {
    /// Live instances: namespace and mount root.
    static REGISTRY: RefCell<Vec<(String, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
}

/// The mount roots of every live widget (for the panic card). Never panics, even mid-update.
pub(crate) fn live_roots() -> Vec<web_sys::Element> {
    REGISTRY.with(|r| {
        r.try_borrow()
            .map(|r| r.iter().map(|(_, e)| e.clone()).collect())
            .unwrap_or_default()
    })
}

/// The namespaces of every live widget, this one included once registered.
fn live_namespaces() -> Vec<String> {
    REGISTRY.with(|r| r.borrow().iter().map(|(ns, _)| ns.clone()).collect())
}

/// Picks `wanted`, or `wanted2`, `wanted3`, ... if another live widget has it.
fn claim_namespace(wanted: &str) -> String {
    REGISTRY.with(|r| {
        let taken = |ns: &str| r.borrow().iter().any(|(n, _)| n == ns);
        let mut ns = wanted.to_string();
        let mut n = 2;
        while taken(&ns) {
            ns = format!("{wanted}{n}");
            n += 1;
        }
        ns
    })
}

/// Mounts a widget into a fresh `<div>` inside `host`, so Yew never clears the host's own nodes.
/// `depth` is the object embed.js passes to load and mount the depth views.
pub fn mount_into(
    host: &web_sys::Element,
    mut options: WidgetOptions,
    depth: crate::ui::depth::Depth,
) -> Mounted {
    let document = host
        .owner_document()
        .or_else(|| web_sys::window().and_then(|w| w.document()))
        .expect("a document");
    let root = document.create_element("div").expect("create a div");
    root.set_class_name("nvp-mount");
    let _ = host.append_child(&root);
    let shield = nvp_ui::nesting::Shield::new(host);

    if let Some(preset) = &options.preset
        && nvp_versus::presets::find(crate::content::essentials(), preset).is_none()
    {
        web_sys::console::warn_1(
            &format!(
                "node-vs-python: option \"preset\" ignored: \"{preset}\" is not a known preset"
            )
            .into(),
        );
        options.preset = None;
    }
    options.namespace = claim_namespace(&options.namespace);
    let namespace = options.namespace.clone();
    REGISTRY.with(|r| r.borrow_mut().push((namespace.clone(), root.clone())));

    let raw_hash = hash_sync::read();
    let mut initial = hash::parse(&raw_hash, &namespace);
    if initial.params.is_empty()
        && initial.problems.is_empty()
        && let Some(state) = &options.initial_state
    {
        // The host's start state applies only when the link carries none for this instance.
        initial = hash::parse(state, "");
    }
    let writes = match options.hash {
        HashMode::On => true,
        HashMode::Off => false,
        // A compact instance is a part of someone else's page: it writes the host's URL only
        // when asked to.
        HashMode::Auto if options.compact => false,
        HashMode::Auto => {
            let live = live_namespaces();
            let live: Vec<&str> = live.iter().map(String::as_str).collect();
            !hash::host_uses_hash(&raw_hash, &live)
        }
    };
    let on_hash = {
        let namespace = namespace.clone();
        Callback::from(move |params| {
            if writes {
                hash_sync::write(&namespace, &params);
            }
        })
    };
    let props = AppProps {
        options: Rc::new(options),
        initial_hash: Rc::new(initial),
        on_hash,
        depth,
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    Mounted {
        handle: Some(handle),
        root,
        namespace,
        _shield: shield,
    }
}
