//! Server-side renders of the Compare tab with state from a link: weights, expanded rows and
//! the filter come back, a bad link is survived with a notice, and a third stack in the data
//! shows up with no Rust change.

use crate::ssr::{PREFIX, attr_values, contains_text, escaped, render, tab_props, tag_with_id};
use nvp_recommend::compare::{default_weights, preset_weights};
use nvp_recommend::fit::fit;
use nvp_state::HashParams;
use nvp_ui::content::bundled;
use nvp_views::compare::{CompareProps, CompareTab};
use std::sync::{Arc, Mutex};

#[tokio::test]
async fn weights_from_the_hash_are_restored() {
    let content = bundled().clone();
    let out = render(content.clone(), &[("c.w", "ai:5,cpu:4")]).await;
    assert!(out.notices.is_empty(), "{:?}", out.notices);
    let value = |criterion: &str| {
        let tag = tag_with_id(&out.html, &format!("{PREFIX}-c-w-{criterion}"));
        attr_values(tag, "value")[0].to_string()
    };
    assert_eq!(value("ai"), "5");
    assert_eq!(value("cpu"), "4");
    assert_eq!(value("io"), "0");
    let mut weights = vec![0; content.criteria.len()];
    weights[content.criteria.iter().position(|c| c.id == "ai").unwrap()] = 5;
    weights[content.criteria.iter().position(|c| c.id == "cpu").unwrap()] = 4;
    let result = fit(&content, &weights);
    assert_eq!(result.leaders(), vec!["python"]);
    assert!(out.html.contains(&escaped(&result.summary(&content))));
    // A preset's own weights light up its button.
    let realtime = content
        .presets
        .iter()
        .position(|p| p.id == "realtime")
        .unwrap();
    let pairs: Vec<String> = content
        .criteria
        .iter()
        .zip(preset_weights(&content, realtime))
        .filter(|(_, w)| *w > 0)
        .map(|(c, w)| format!("{}:{w}", c.id))
        .collect();
    let out = render(content.clone(), &[("c.w", &pairs.join(","))]).await;
    let label = escaped(&content.presets[realtime].label);
    let at = out.html.find(&format!(">{label}</button>")).unwrap();
    let button = &out.html[out.html[..at].rfind("<button").unwrap()..at];
    assert!(button.contains("aria-pressed=\"true\""), "{button}");
    assert_eq!(out.html.matches("aria-pressed=\"true\"").count(), 1);
}

#[tokio::test]
async fn expanded_rows_and_filter_are_restored() {
    let content = bundled().clone();
    let out = render(content.clone(), &[("c.x", "architecture,apis")]).await;
    for d in &content.dimensions {
        let open = d.id == "architecture" || d.id == "apis";
        let tag = tag_with_id(&out.html, &format!("{PREFIX}-c-dim-{}", d.id));
        assert_eq!(!tag.contains("hidden"), open, "{}: {tag}", d.id);
    }
    assert_eq!(out.html.matches("aria-expanded=\"true\"").count(), 2);

    let out = render(content.clone(), &[("c.f", "GIL")]).await;
    let input = tag_with_id(&out.html, &format!("{PREFIX}-c-filter"));
    assert!(input.contains("value=\"GIL\""), "{input}");
    let expected: Vec<_> = content
        .dimensions
        .iter()
        .filter(|d| nvp_views::compare::filter::matches(d, "GIL"))
        .collect();
    assert!(!expected.is_empty() && expected.len() < content.dimensions.len());
    for d in &content.dimensions {
        let shown = out
            .html
            .contains(&format!("id=\"{PREFIX}-c-dim-{}\"", d.id));
        assert_eq!(shown, expected.iter().any(|e| e.id == d.id), "{}", d.id);
    }
    assert!(out.html.contains(&format!(
        "Showing {} of {} dimensions.",
        expected.len(),
        content.dimensions.len()
    )));

    let out = render(content, &[("c.f", "zzzz-nothing")]).await;
    assert!(out.html.contains("No dimension mentions"), "no empty state");
    assert!(!out.html.contains("<table class=\"nvp-c-matrix\""));
}

#[tokio::test]
async fn a_garbage_hash_gives_a_notice_and_the_default_view() {
    let content = bundled().clone();
    let clean = render(content.clone(), &[]).await;
    let out = render(
        content,
        &[
            ("c.w", "<script>alert(1)</script>"),
            ("c.x", "nope,../../etc"),
            ("c.zzz", "1"),
            ("c.f", &"x".repeat(500)),
        ],
    )
    .await;
    assert_eq!(out.notices.len(), 1, "{:?}", out.notices);
    assert!(
        out.notices[0].contains("could not be used"),
        "{}",
        out.notices[0]
    );
    assert!(!out.notices[0].contains("<script>"));
    // Apart from the (shortened) filter, the view is the default one.
    let out_no_filter = render(bundled().clone(), &[("c.w", "io:9"), ("c.x", "nope")]).await;
    assert_eq!(out_no_filter.notices.len(), 1);
    assert_eq!(out_no_filter.html, clean.html);
    let input = tag_with_id(&out.html, &format!("{PREFIX}-c-filter"));
    assert!(
        input.contains(&format!("value=\"{}\"", "x".repeat(80))),
        "filter not cut"
    );
}

#[tokio::test]
async fn a_third_stack_in_data_appears_everywhere() {
    let content = crate::support::fixture("three_stacks");
    assert_eq!(content.stacks.len(), 3);
    let all: Vec<&str> = content.dimensions.iter().map(|d| d.id.as_str()).collect();
    let out = render(content.clone(), &[("c.x", &all.join(","))]).await;
    assert!(out.notices.is_empty());
    assert!(
        out.html
            .contains("<th scope=\"col\" class=\"nvp-c-stack-2\">Go</th>")
    );
    for d in &content.dimensions {
        let go = d.entry_for("go").unwrap();
        assert!(contains_text(&out.html, &go.summary));
        for p in &go.points {
            assert!(contains_text(&out.html, p));
        }
    }
    assert!(out.html.contains("colspan=\"5\""));
    assert!(out.html.contains(&format!("id=\"{PREFIX}-c-fit-go\"")));
    assert!(out.html.contains("package main"));
    let summary = fit(&content, &default_weights(&content)).summary(&content);
    assert!(summary.contains("Go"), "{summary}");
    assert!(out.html.contains(&escaped(&summary)));
}

#[tokio::test]
async fn the_tab_renders_the_bundled_content() {
    let notices = Arc::new(Mutex::new(Vec::new()));
    let sink = notices.clone();
    let tab = yew::ServerRenderer::<CompareTab>::with_props(move || CompareProps {
        tab: tab_props(HashParams::new(), sink),
        request: None,
    })
    .hydratable(false)
    .render()
    .await;
    let view = render(bundled().clone(), &[]).await;
    assert_eq!(tab, view.html);
}
