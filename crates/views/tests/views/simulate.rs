//! Server-side renders of the Simulate tab: labelled controls with units, both sides' metrics,
//! the charts' tables, the timeline's legend and lanes, and a bad link survived with a notice.

use nvp_state::HashParams;
use nvp_ui::TabProps;
use nvp_versus::settings::Field;
use nvp_views::simulate::{SimulateProps, SimulateTab};
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
        report: Some("https://example.test/nvp/validation.md".into()),
    })
    .hydratable(false)
    .render()
    .await;
    let notices = notices.lock().unwrap().clone();
    (html, notices)
}

/// Controls the default (Tuned) run shows: the Custom numbers only appear in Custom.
const TUNED_FIELDS: [Field; 11] = [
    Field::Rate,
    Field::Cpu,
    Field::Native,
    Field::Io,
    Field::IoCalls,
    Field::CpuBefore,
    Field::Cores,
    Field::Seed,
    Field::WindowStart,
    Field::WindowLen,
    Field::Rate,
];

fn assert_labelled(html: &str, f: Field) {
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

#[tokio::test]
async fn the_result_leads_and_every_control_is_labelled_with_its_unit() {
    let (html, notices) = render(&[], false).await;
    assert!(notices.is_empty());
    let verdict = html.find("nvp-sim-verdict").expect("the result card");
    let tune = html.find("Tune the scenario").expect("the controls");
    let timeline = html.find("nvp-sim-timeline").expect("the timeline");
    assert!(
        verdict < timeline && timeline < tune,
        "result first, inputs last"
    );
    for f in TUNED_FIELDS {
        assert_labelled(&html, f);
    }
    for f in [Field::NodeProcesses, Field::PyThreads, Field::CpuFactor] {
        assert!(
            !html.contains(&format!("w1-s-{}\"", f.spec().key)),
            "{f:?} is Custom-only"
        );
    }
    for select in [
        "w1-s-cpud",
        "w1-s-iod",
        "w1-s-iok",
        "w1-s-ll",
        "w1-s-preset",
    ] {
        assert!(
            html.contains(&format!("<label for=\"{select}\">")),
            "{select}"
        );
    }
    for config in ["tuned", "defaults", "custom"] {
        assert!(
            html.contains(&format!("id=\"w1-s-cfg-{config}\"")),
            "{config}"
        );
    }
    assert!(html.contains("role=\"status\""));
    assert!(html.contains("How each side runs: </strong>Tuned for 4 cores"));
}

#[tokio::test]
async fn custom_shows_the_server_numbers() {
    let (html, _) = render(&[("s.cfg", "custom")], false).await;
    for f in [
        Field::NodeProcesses,
        Field::PyProcesses,
        Field::PyThreads,
        Field::Switch,
        Field::CpuFactor,
    ] {
        assert_labelled(&html, f);
    }
    assert!(html.contains("<label for=\"w1-s-pm\">"));
}

#[tokio::test]
async fn both_sides_figures_charts_and_timeline_render() {
    let (html, _) = render(&[], false).await;
    for metric in ["throughput", "p50", "p95", "p99", "failed", "cores", "busy"] {
        for side in ["node", "python"] {
            assert!(
                html.contains(&format!("id=\"w1-s-m-{metric}-{side}\"")),
                "{metric} {side}"
            );
        }
    }
    assert!(html.contains("The figures, with 95% intervals"));
    assert!(
        html.contains("No clear difference: p99 is"),
        "the tuned default API: no winner claimed"
    );
    assert!(
        html.contains("Based on 5 runs of about 4,"),
        "the basis is stated"
    );
    assert!(html.contains("<caption>Latency percentiles over all requests</caption>"));
    assert!(html.contains("<caption>Average requests waiting in each time slice</caption>"));
    assert!(html.contains("latency in ms (log scale)") && html.contains("simulated time in s"));
    for item in [
        "Running on a CPU core",
        "Waiting for the GIL",
        "Waiting for I/O",
        "Queued",
    ] {
        assert!(html.contains(item), "legend {item}");
    }
    // The first process's lanes, capped so both servers fit on a screen; the empty accept queue
    // of a tuned gthread server says nothing and is left out.
    for lane in ["Event loop · P1", "Thread 1 · P1", "GIL holder · P1"] {
        assert!(html.contains(lane), "lane {lane}");
    }
    assert!(!html.contains("Accept queue") && !html.contains("Thread 8"));
    assert!(html.contains("more lanes (other processes and threads"));
    // What became of the requests: every arrival answered, on both sides.
    for side in ["node", "python"] {
        for row in ["runs", "arrived", "answered"] {
            assert!(
                html.contains(&format!("id=\"w1-s-o-{row}-{side}\"")),
                "{row} {side}"
            );
        }
        assert!(!html.contains(&format!("id=\"w1-s-o-unfinished-{side}\"")));
    }
    assert!(html.contains("nvp-sim-s-cpu") && html.contains("nvp-sim-s-io"));
    assert!(
        !html.contains("style="),
        "no inline styles under a strict CSP"
    );
}

#[tokio::test]
async fn out_of_the_box_names_the_defaults_trap_and_gives_no_margin() {
    let (html, _) = render(&[("s.cfg", "defaults")], false).await;
    assert!(
        html.contains("gunicorn&#x27;s default is one sync worker")
            || html.contains("gunicorn's default is one sync worker")
    );
    assert!(html.contains("No verdict from this run: Python cannot keep up."));
    assert!(!html.contains("× lower"), "no margin from an unstable run");
    assert!(html.contains("Worth trying"), "the tuned remedy is offered");
}

#[tokio::test]
async fn the_compact_instance_stands_alone() {
    let (html, notices) = render(
        &[("s.rate", "120"), ("s.pm", "nogil"), ("s.cores", "oops")],
        true,
    )
    .await;
    assert!(html.contains("nvp-sim--compact"));
    assert!(html.contains("value=\"120\"") || html.contains("120 requests/s"));
    assert!(
        html.contains("Node.js vs Python, same traffic"),
        "the title names both stacks"
    );
    assert!(html.contains("nvp-sim-timeline"), "the timeline is there");
    assert!(
        !html.contains("nvp-sim-metrics"),
        "the table waits behind a button"
    );
    assert!(html.contains("Open the full simulator"));
    assert!(
        html.contains("Python runs as"),
        "the one switch: Python's server kind"
    );
    assert!(
        !html.contains("Tune the scenario"),
        "the full form waits behind the button"
    );
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("Machine cores"), "{}", notices[0]);
}

#[tokio::test]
async fn the_verdict_says_how_the_model_fared_against_real_servers() {
    let (html, _) = render(&[], false).await;
    let at = html
        .find("nvp-sim-checked")
        .expect("the reality-check line");
    let line = &html[at..at + html[at..].find("</p>").unwrap()];
    assert!(line.contains(&nvp_versus::validation::sentence()[..60]));
    assert!(
        line.contains("href=\"https://example.test/nvp/validation.md\""),
        "{line}"
    );
}
