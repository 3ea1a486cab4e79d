//! The Use-cases tab rendered to HTML natively (Yew's server renderer): what a visitor sees for
//! a given link, without a browser.

use crate::support::{content, ids};
use nvp_recommend::usecase::{TeamProfile, recommend, sentence};
use nvp_state::hash;
use nvp_ui::TabProps;
use nvp_ui::content::Content;
use nvp_views::usecases::result::PROMPT;
use nvp_views::usecases::{UseCasesProps, UseCasesTab, UseCasesView, UseCasesViewProps};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use yew::{Callback, ServerRenderer};

/// Notices the tab sent, shared with the render (which needs `Send` inputs).
type Log = Arc<Mutex<Vec<String>>>;

fn tab(raw_hash: &str, notices: &Log) -> TabProps {
    let log = notices.clone();
    TabProps {
        initial: hash::parse(raw_hash, "nvp").params.with_prefix("u."),
        on_share: Callback::noop(),
        on_notice: Callback::from(move |s| log.lock().unwrap().push(s)),
        id_prefix: "nvp".into(),
        compact: false,
    }
}

/// Renders the tab on the bundled content for `raw_hash`.
async fn render(raw_hash: &str, simulate: bool) -> (String, Vec<String>) {
    let notices: Log = Arc::default();
    let (raw, log) = (raw_hash.to_string(), notices.clone());
    let html = ServerRenderer::<UseCasesTab>::with_props(move || UseCasesProps {
        tab: tab(&raw, &log),
        on_simulate: simulate.then(Callback::noop),
    })
    .hydratable(false)
    .render()
    .await;
    let notices = notices.lock().unwrap().clone();
    (html, notices)
}

/// The text inside the one `role="status"` element.
fn status_text(html: &str) -> String {
    assert_eq!(
        html.matches("role=\"status\"").count(),
        1,
        "exactly one status region"
    );
    let start = html.find("role=\"status\"").unwrap();
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find("</p>").unwrap();
    html[open_end..close].to_string()
}

/// The `<input …>` tags of the checkboxes that are ticked (attribute order is the renderer's).
fn ticked_boxes(html: &str) -> Vec<&str> {
    html.split("<input")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap_or(rest.len())])
        .filter(|tag| tag.contains("type=\"checkbox\"") && tag.contains(" checked"))
        .collect()
}

/// What Yew's renderer writes for `text` inside an element.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[tokio::test]
async fn every_use_case_is_listed_with_a_native_checkbox() {
    let c = content();
    let (html, notices) = render("", false).await;
    assert!(notices.is_empty());
    for uc in &c.use_cases {
        assert!(html.contains(&escaped(&uc.name)), "missing {}", uc.name);
        let checkbox = format!("type=\"checkbox\" id=\"nvp-u-uc-{}\"", uc.id);
        assert!(html.contains(&checkbox), "no checkbox for {}", uc.id);
    }
    assert!(html.contains("<fieldset") && html.contains("<legend>Use cases</legend>"));
    // Before any selection the status region says what to do, and no reasons are shown.
    assert_eq!(status_text(&html), PROMPT);
    assert!(!html.contains("nvp-uc-reasons"));
}

#[tokio::test]
async fn a_link_with_selections_renders_the_sentence_and_reasons() {
    let c = content();
    let (html, notices) = render("#nvp.u.sel=chat,ml_pipeline&nvp.u.js=fluent", false).await;
    assert!(notices.is_empty(), "{notices:?}");
    let team = TeamProfile {
        js_fluency: Some(nvp_recommend::usecase::Fluency::Fluent),
        ..TeamProfile::default()
    };
    let rec = recommend(&c, &ids(&["chat", "ml_pipeline"]), &team).unwrap();
    let expected = sentence(&c, &rec);
    assert!(expected.contains("split"), "{expected}");
    assert_eq!(status_text(&html), escaped(&expected));
    // The reasons sit outside the status region and name what drove them.
    let status_end = html.find("role=\"status\"").unwrap();
    let reasons_at = html.find("nvp-uc-reasons").expect("a reasons list");
    assert!(reasons_at > status_end);
    let reasons = &html[reasons_at..];
    for name in [
        "Real-time chat",
        "Machine learning pipeline",
        "JavaScript experience",
    ] {
        assert!(reasons.contains(name), "reason for {name}");
    }
    // The chosen boxes are ticked.
    let ticked = ticked_boxes(&html);
    assert_eq!(ticked.len(), 2, "{ticked:?}");
    assert!(ticked.iter().any(|t| t.contains("id=\"nvp-u-uc-chat\"")));
    assert!(html.contains("(2 selected)"));
}

#[tokio::test]
async fn a_garbage_link_gives_one_notice_and_defaults() {
    let (html, notices) = render(
        "#nvp.u.sel=%3Cscript%3E,nope&nvp.u.fav=cobol&nvp.u.mix=lots&nvp.u.x=1",
        true,
    )
    .await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("nope"));
    assert_eq!(status_text(&html), PROMPT);
    assert!(!html.contains("<script>"));
    assert!(ticked_boxes(&html).is_empty(), "nothing selected");
    let n = content().use_cases.len();
    assert!(
        html.contains(&format!("Showing {n} of {n} use cases.")),
        "no filter applied"
    );
}

#[tokio::test]
async fn simulate_this_only_when_the_simulator_is_there() {
    let c = content();
    let (without, _) = render("", false).await;
    assert!(!without.contains("Simulate this"));
    let (with, _) = render("", true).await;
    assert_eq!(with.matches("Simulate this").count(), c.use_cases.len());
}

#[tokio::test]
async fn search_highlights_with_mark_nodes_and_keeps_hidden_selections_visible() {
    let (html, _) = render("#nvp.u.q=CHAT&nvp.u.sel=chat,scientific", false).await;
    assert!(
        html.contains("<mark class=\"nvp-uc-mark\">chat</mark>"),
        "{html}"
    );
    assert!(!html.contains("id=\"nvp-u-uc-scientific\""));
    assert!(html.contains("1 selected use case is hidden by the filters: Scientific computing"));
    // The hidden selection still counts towards the recommendation.
    assert!(html.contains("(2 selected)"));
}

#[tokio::test]
async fn no_match_shows_the_empty_state_with_suggestions() {
    let (html, _) = render("#nvp.u.q=%3Cb%3Ezzqx&nvp.u.cat=automation", false).await;
    assert!(html.contains("No use case matches these filters."));
    assert!(html.contains("fewer category chips"));
    assert!(html.contains("&lt;b&gt;zzqx"), "the query is shown as text");
    assert!(!html.contains("<b>zzqx"));
}

#[tokio::test]
async fn the_inner_view_takes_any_content() {
    let mut c: Content = content();
    c.use_cases.retain(|u| u.id == "chat");
    let name = c.use_cases[0].name.clone();
    let log: Log = Arc::default();
    // The props factory must be `Send`, so the `Rc` is made inside it.
    let plain = c.clone();
    let html = ServerRenderer::<UseCasesView>::with_props(move || UseCasesViewProps {
        tab: tab("#nvp.u.sel=chat", &log),
        on_simulate: None,
        content: Rc::new(plain),
    })
    .hydratable(false)
    .render()
    .await;
    assert_eq!(html.matches("type=\"checkbox\"").count(), 1);
    assert!(html.contains(&name));
    assert!(status_text(&html).contains(&c.stack("node").unwrap().name));
}

#[tokio::test]
async fn the_narrow_bar_repeats_the_announced_sentence_without_being_live() {
    let (html, _) = render("#nvp.u.sel=chat", true).await;
    let announced = status_text(&html);
    let bar_at = html.find("class=\"nvp-uc-bar\"").expect("a summary bar");
    let bar = &html[bar_at..bar_at + html[bar_at..].find("</aside>").unwrap()];
    assert!(bar.contains(&announced), "bar: {bar}\nstatus: {announced}");
    assert!(
        !bar.contains("role=\"status\"") && !bar.contains("aria-live"),
        "only one live region"
    );
    // Folded cards: the checkbox line, then the description in a hidden block its button opens.
    let more = html
        .find("id=\"nvp-u-uc-chat-more\"")
        .expect("a folded block");
    let more_tag = &html[html[..more].rfind('<').unwrap()..more + html[more..].find('>').unwrap()];
    assert!(more_tag.contains("hidden"), "folded by default: {more_tag}");
    let desc = html.find("id=\"nvp-u-uc-chat-desc\"").unwrap();
    assert!(more < desc, "the description sits inside the folded block");
    assert!(
        html.contains("aria-controls=\"nvp-u-uc-chat-more\""),
        "a button opens it"
    );
    // The skip button comes before the list and the team questions after it.
    let skip = html.find("nvp-skip").unwrap();
    let list = html.find("nvp-uc-list").unwrap();
    let team = html.find("About your team and workload").unwrap();
    assert!(skip < list && list < team);
}
