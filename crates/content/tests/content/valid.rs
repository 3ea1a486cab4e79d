//! The shipped content: it loads, passes validation, survives packing, and covers what
//! the article (and the honest nuances) must cover.
use crate::common::shipped;
use nvp_content::Content;
use nvp_content::validate::{Origins, validate};

fn all_nuance_texts(content: &Content) -> Vec<(String, String)> {
    content
        .dimensions
        .iter()
        .flat_map(|d| &d.nuances)
        .chain(content.faqs.iter().flat_map(|f| &f.nuances))
        .map(|n| (n.text.clone(), n.source.clone()))
        .collect()
}

#[test]
fn shipped_content_is_valid_and_round_trips_through_postcard() {
    let content = shipped();
    assert!(validate(content, &Origins::default()).is_empty());
    let back = nvp_content::unpack(&nvp_content::pack(content)).unwrap();
    assert_eq!(&back, content);
}

#[test]
fn the_articles_dimensions_are_all_there() {
    let content = shipped();
    let ids: Vec<&str> = content.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "architecture",
            "performance",
            "scalability",
            "ecosystem",
            "learning",
            "use_cases",
            "apis",
            "companies"
        ]
    );
    let stacks: Vec<&str> = content.stacks.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stacks, ["node", "python"]);
    for d in &content.dimensions {
        for s in &content.stacks {
            let entry = d.entry_for(&s.id).expect("validated");
            let points = entry.points.len() + entry.sourced_points.len();
            assert!(points > 0, "{} / {}", d.id, s.id);
        }
    }
}

#[test]
fn criteria_presets_faqs_and_samples_match_the_issue() {
    let content = shipped();
    let labels: Vec<&str> = content.criteria.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "I/O-heavy throughput",
            "Real-time connections",
            "CPU work in your own code",
            "AI/ML ecosystem and numeric libraries",
            "Onboarding speed",
            "Full-stack JavaScript",
            "One language with a Python data team",
            "Horizontal scaling"
        ]
    );
    assert_eq!((content.scale.min, content.scale.max), (0, 5));
    assert!(content.scale.meaning.contains('0') && content.scale.meaning.contains('5'));
    let presets: Vec<&str> = content.presets.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        presets,
        [
            "Balanced",
            "Real-time product",
            "AI / data product",
            "Beginner team"
        ]
    );
    assert_eq!(content.faqs.len(), 5);
    assert_eq!(content.tldr.len(), 5);
    let node = content
        .hello_worlds
        .iter()
        .find(|s| s.stack == "node")
        .unwrap();
    let python = content
        .hello_worlds
        .iter()
        .find(|s| s.stack == "python")
        .unwrap();
    assert!(node.code.contains("Hello from Node.js") && node.code.contains("listen(5000"));
    assert!(python.code.contains("Hello from Python") && python.code.contains("serve_forever()"));
    // Reindented: the handler body is nested under its method, as Python requires.
    assert!(
        python
            .code
            .contains("\n    def do_GET(self):\n        self.send_response(200)")
    );
}

/// The corrections the issues asked for, each present and sourced.
#[test]
fn the_honest_nuances_are_in_the_data_with_sources() {
    let content = shipped();
    let nuances = all_nuance_texts(content);
    let find = |words: &[&str]| {
        nuances
            .iter()
            .find(|(text, _)| words.iter().all(|w| text.contains(w)))
            .unwrap_or_else(|| panic!("no nuance mentions all of {words:?}"))
            .clone()
    };
    let checks: [(&[&str], &str); 10] = [
        (
            &["3.14", "officially supported", "not the default"],
            "pep779",
        ),
        (
            &["extension module", "GIL back on"],
            "python_free_threading",
        ),
        (&["convoy effect"], "cpython_convoy"),
        (&["worker_threads", "cluster module"], "node_cluster"),
        (&["asyncio", "blocking call"], "python_asyncio_dev"),
        (&["GIL", "5 ms"], "cpython_gil"),
        (&["asyncio", "FastAPI", "event loop"], "article"),
        (&["libuv", "4 worker threads"], "libuv_threadpool"),
        (
            &[
                "dns.lookup()",
                "zlib",
                "crypto",
                "Network sockets never use it",
            ],
            "node_cli_threadpool",
        ),
        (&["NumPy", "separate processes"], "cpython_gil"),
    ];
    for (words, source) in checks {
        let (_, cited) = find(words);
        assert_eq!(cited, source, "nuance {words:?}");
        let label = &content.source(&cited).unwrap().label;
        assert!(!label.trim().is_empty());
    }
    // The article itself is a named source, and PEP 703 links to its page.
    assert!(
        content
            .source("article")
            .unwrap()
            .label
            .contains("Source article")
    );
    assert_eq!(
        content.source("pep703").unwrap().url,
        "https://peps.python.org/pep-0703/"
    );
    // The convoy effect's standard reference, not the 2021 duplicate (#90204).
    assert_eq!(
        content.source("cpython_convoy").unwrap().url,
        "https://github.com/python/cpython/issues/52194"
    );
}
