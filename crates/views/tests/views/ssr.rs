//! Server-side rendering helpers for the Compare tab tests.

use nvp_state::HashParams;
use nvp_ui::TabProps;
use nvp_ui::content::Content;
use nvp_views::compare::{CompareView, CompareViewProps};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use yew::Callback;

pub const PREFIX: &str = "w1";

pub struct Rendered {
    pub html: String,
    pub notices: Vec<String>,
}

pub fn params(pairs: &[(&str, &str)]) -> HashParams {
    let mut p = HashParams::new();
    for (k, v) in pairs {
        p.set(*k, *v);
    }
    p
}

pub fn tab_props(initial: HashParams, notices: Arc<Mutex<Vec<String>>>) -> TabProps {
    TabProps {
        initial,
        on_share: Callback::noop(),
        on_notice: Callback::from(move |n: String| notices.lock().unwrap().push(n)),
        id_prefix: PREFIX.into(),
        compact: false,
    }
}

pub async fn render(content: Content, pairs: &[(&str, &str)]) -> Rendered {
    let notices = Arc::new(Mutex::new(Vec::new()));
    let initial = params(pairs);
    let sink = notices.clone();
    let html = yew::ServerRenderer::<CompareView>::with_props(move || CompareViewProps {
        tab: tab_props(initial, sink),
        content: Rc::new(content),
        request: None,
    })
    .hydratable(false)
    .render()
    .await;
    let notices = notices.lock().unwrap().clone();
    Rendered { html, notices }
}

/// Text as Yew writes it into HTML.
pub fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The opening tag of the element with this id.
pub fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

/// Every `attr="value"` value in the document.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

pub fn contains_text(html: &str, text: &str) -> bool {
    html.contains(&escaped(text)) || html.contains(text)
}
