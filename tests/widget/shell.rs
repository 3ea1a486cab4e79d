//! The shell rendered to HTML natively (Yew SSR): tab semantics, hash restore, single-view mode.

use node_vs_python::options::{View, WidgetOptions};
use node_vs_python::ui::{App, AppProps};
use nvp_state::hash;
use std::rc::Rc;

async fn render(options: WidgetOptions, raw_hash: &str) -> String {
    let parsed = hash::parse(raw_hash, &options.namespace);
    // The props closure must be Send, so the Rcs are built inside it.
    yew::ServerRenderer::<App>::with_props(move || AppProps {
        options: Rc::new(options),
        initial_hash: Rc::new(parsed),
        on_hash: Default::default(),
        depth: Default::default(),
    })
    .hydratable(false)
    .render()
    .await
}

/// The opening tags that contain `marker`, e.g. every `<section role="tabpanel" ...>`.
fn opening_tags<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
    html.split('<')
        .map(|t| t.split('>').next().unwrap_or(""))
        .filter(|t| t.contains(marker))
        .collect()
}

#[tokio::test]
async fn renders_four_tabs_with_aria_wiring_and_opens_on_the_answer() {
    let html = render(WidgetOptions::default(), "").await;
    assert!(html.contains(r#"role="tablist""#), "{html}");
    assert_eq!(html.matches(r#"role="tab""#).count(), 4);
    assert_eq!(html.matches(r#"role="tabpanel""#).count(), 4);
    assert!(html.contains(r#"id="nvp-tab-answer" aria-selected="true""#));
    // The answer is there at once, with its verdict in a live region.
    assert!(html.contains("Our answer") && html.contains(r#"role="status""#));
    assert!(html.contains(r#"id="nvp-tab-compare""#));
    assert!(html.contains(r#"aria-controls="nvp-panel-compare""#));
    assert!(html.contains(r#"aria-labelledby="nvp-tab-compare""#));
    // Only the active tab is in the Tab order, and only its panel is shown.
    let tabs = opening_tags(&html, r#"role="tab""#);
    assert_eq!(
        tabs.iter()
            .filter(|t| t.contains(r#"tabindex="-1""#))
            .count(),
        3
    );
    let panels = opening_tags(&html, r#"role="tabpanel""#);
    assert_eq!(panels.len(), 4);
    assert_eq!(panels.iter().filter(|t| t.contains("hidden")).count(), 3);
}

#[tokio::test]
async fn the_hash_selects_the_tab_and_bad_values_are_explained() {
    let html = render(WidgetOptions::default(), "#nvp.tab=simulate").await;
    assert!(
        html.contains(r#"id="nvp-tab-simulate" aria-selected="true""#),
        "{html}"
    );
    let html = render(WidgetOptions::default(), "#nvp.tab=%3Cb%3Ebold").await;
    assert!(html.contains(r#"id="nvp-tab-answer" aria-selected="true""#));
    assert!(
        html.contains("does not show"),
        "a notice explains the fallback"
    );
    assert!(
        !html.contains("<b>bold"),
        "hash text is escaped, never markup"
    );
}

#[tokio::test]
async fn a_single_view_has_no_tab_list_and_compact_styling() {
    let options = WidgetOptions {
        views: vec![View::Simulate],
        initial_view: View::Simulate,
        compact: true,
        namespace: "nvp2".into(),
        ..WidgetOptions::default()
    };
    let html = render(options, "").await;
    assert!(!html.contains(r#"role="tablist""#));
    assert!(!html.contains(r#"role="tabpanel""#));
    assert!(html.contains("nvp-root--compact"));
    assert!(html.contains(r#"id="nvp2-panel-simulate""#));
}
