//! Server-side renders of the Simulate tab: labelled controls with units, both sides' metrics,
//! the charts' tables, the timeline's legend and lanes, and a bad link survived with a notice.

use node_vs_python::ui::TabProps;
use node_vs_python::ui::simulate::{SimulateProps, SimulateTab};
use nvp_state::HashParams;
use nvp_versus::settings::Field;
use std::sync::{Arc, Mutex};
use yew::Callback;

async fn render(pairs: &[(&str, &str)], compact: bool) -> (String, Vec<String>) {
    let notices = Arc::new(Mutex::new(Vec::new()));
    let mut initial = HashParams::new();
    for (k, v) in pairs {
        initial.set(*k, *v);
    }
    let sink = notices.clone();
    let html = yew::ServerRenderer::<SimulateTab>::with_props(move || SimulateProps {
        tab: TabProps {
            initial,
            on_share: Callback::noop(),
            on_notice: Callback::from(move |n: String| sink.lock().unwrap().push(n)),
            id_prefix: "w1".into(),
            compact,
        },
        request: None,
    })
    .hydratable(false)
    .render()
    .await;
    let notices = notices.lock().unwrap().clone();
    (html, notices)
}

#[tokio::test]
async fn every_control_is_labelled_with_its_unit() {
    let (html, notices) = render(&[], false).await;
    assert!(notices.is_empty());
    for f in Field::ALL {
        let spec = f.spec();
        let id = format!("w1-s-{}", spec.key);
        assert!(
            html.contains(&format!("<label for=\"{id}\">")),
            "label for {id}"
        );
        assert!(html.contains(&format!("id=\"{id}\"")), "input {id}");
        assert!(
            html.contains(&format!("aria-describedby=\"{id}-hint\"")),
            "hint for {id}"
        );
        if !spec.unit.is_empty() {
            assert!(html.contains(&format!("({})", spec.unit)), "unit of {id}");
        }
    }
    for select in [
        "w1-s-cpud",
        "w1-s-iod",
        "w1-s-iok",
        "w1-s-pm",
        "w1-s-preset",
    ] {
        assert!(
            html.contains(&format!("<label for=\"{select}\">")),
            "{select}"
        );
    }
    assert!(html.contains("role=\"status\""));
}

#[tokio::test]
async fn both_sides_metrics_charts_and_timeline_render() {
    let (html, _) = render(&[], false).await;
    for metric in [
        "throughput",
        "p50",
        "p95",
        "p99",
        "dropped",
        "cores",
        "busy",
    ] {
        for side in ["node", "python"] {
            assert!(
                html.contains(&format!("id=\"w1-s-m-{metric}-{side}\"")),
                "{metric} {side}"
            );
        }
    }
    assert!(
        html.contains("p99 10× lower on Node.js"),
        "the default run's ratio"
    );
    assert!(
        html.contains("(better)"),
        "the better side is marked in words"
    );
    assert!(html.contains("<caption>Latency percentiles</caption>"));
    assert!(html.contains("<caption>Average requests waiting in each time slice</caption>"));
    assert!(html.contains("latency (log scale)") && html.contains("simulated time (s)"));
    for item in [
        "Running on a CPU core",
        "Waiting for the GIL",
        "Waiting for I/O",
        "Queued",
    ] {
        assert!(html.contains(item), "legend {item}");
    }
    for lane in ["Event loop", "Accept queue", "Thread 8", "GIL holder"] {
        assert!(html.contains(lane), "lane {lane}");
    }
    assert!(html.contains("nvp-sim-s-cpu") && html.contains("nvp-sim-s-io"));
    assert!(html.contains("threads are all waiting on I/O"), "narration");
    assert!(
        !html.contains("style="),
        "no inline styles under a strict CSP"
    );
}

#[tokio::test]
async fn a_link_restores_settings_and_a_bad_one_gets_a_notice() {
    let (html, notices) = render(
        &[("s.rate", "120"), ("s.pm", "nogil"), ("s.cores", "oops")],
        true,
    )
    .await;
    assert!(html.contains("value=\"120\""));
    assert!(html.contains("<option value=\"nogil\" selected"));
    assert!(html.contains("nvp-sim--compact"));
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("Machine cores"), "{}", notices[0]);
}
