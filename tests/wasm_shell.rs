//! The shell mounted in a real browser (headless Chromium through chromedriver): tabs render,
//! clicking one selects it and reports the shareable state.
#![cfg(target_arch = "wasm32")]

use node_vs_python::options::{View, WidgetOptions};
use node_vs_python::ui::{App, AppProps};
use nvp_state::{HashParams, hash};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
async fn tabs_render_select_and_share() {
    let root = host();
    let shared: Rc<RefCell<Vec<HashParams>>> = Rc::default();
    let sink = shared.clone();
    let props = AppProps {
        options: Rc::new(WidgetOptions {
            namespace: "wt".into(),
            ..WidgetOptions::default()
        }),
        initial_hash: Rc::new(hash::parse("#wt.tab=usecases", "wt")),
        on_hash: Callback::from(move |p| sink.borrow_mut().push(p)),
        depth: Default::default(),
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;

    let tabs = root.query_selector_all("[role=tab]").unwrap();
    assert_eq!(tabs.length(), 4);
    let selected = root
        .query_selector("[aria-selected=true]")
        .unwrap()
        .unwrap();
    assert_eq!(
        selected.id(),
        "wt-tab-usecases",
        "the hash's tab is restored"
    );
    assert!(
        shared.borrow().is_empty(),
        "nothing is written before the visitor acts"
    );

    let simulate: web_sys::HtmlElement = root
        .query_selector("#wt-tab-simulate")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    simulate.click();
    yew::scheduler::flush().await;
    let selected = root
        .query_selector("[aria-selected=true]")
        .unwrap()
        .unwrap();
    assert_eq!(selected.id(), "wt-tab-simulate");
    let panel = root.query_selector("#wt-panel-simulate").unwrap().unwrap();
    assert!(!panel.has_attribute("hidden"));
    assert_eq!(
        shared
            .borrow()
            .last()
            .and_then(|p| p.get("tab").map(String::from)),
        Some(View::Simulate.id().to_string())
    );
    handle.destroy();
    yew::scheduler::flush().await;
    assert_eq!(root.child_element_count(), 0, "destroy unmounts the widget");
}

/// What a crash leaves behind: every mounted widget's content is replaced by a short card with
/// `role="alert"`, built from DOM calls, and the host's own nodes around it are untouched. (The
/// panic hook calls this; a real panic would abort the test runner, so the test calls it.)
#[wasm_bindgen_test]
async fn a_crash_replaces_each_widget_with_a_friendly_card() {
    let host_a = host();
    let sibling = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("p")
        .unwrap();
    sibling.set_text_content(Some("The host's own paragraph"));
    host_a.append_child(&sibling).unwrap();
    let host_b = host();
    let a = node_vs_python::web::mount(
        host_a.clone(),
        wasm_bindgen::JsValue::UNDEFINED,
        wasm_bindgen::JsValue::UNDEFINED,
    );
    let b = node_vs_python::web::mount(
        host_b.clone(),
        wasm_bindgen::JsValue::UNDEFINED,
        wasm_bindgen::JsValue::UNDEFINED,
    );
    yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(
        host_a.query_selector("[role=tablist]").unwrap().is_some(),
        "the widget rendered"
    );

    node_vs_python::web::show_error_cards();

    for h in [&host_a, &host_b] {
        let card = h.query_selector("[role=alert]").unwrap().expect("a card");
        assert!(card.text_content().unwrap().contains("stopped working"));
        assert!(
            h.query_selector("[role=tablist]").unwrap().is_none(),
            "the broken widget is gone"
        );
    }
    assert_eq!(
        sibling.parent_element().as_ref(),
        Some(&host_a),
        "the host's nodes stay"
    );
    assert_eq!(sibling.text_content().unwrap(), "The host's own paragraph");
    drop((a, b));
}
