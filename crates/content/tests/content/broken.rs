//! Broken content fails with a message naming the file, the entry and the problem. Each case
//! in `tests/fixtures/content/broken/` replaces (or adds) one file of the valid `base` set.
use crate::common;
use nvp_content::source;

fn errors(case: &str) -> Vec<String> {
    match source::load(&common::overlaid(case), "tests/fixtures/content/base") {
        Ok(_) => panic!("broken case {case} loaded without errors"),
        Err(errors) => errors,
    }
}

/// Asserts one message contains every fragment (file, entry, problem).
fn assert_reports(case: &str, fragments: &[&str]) {
    let errors = errors(case);
    assert!(
        errors
            .iter()
            .any(|e| fragments.iter().all(|f| e.contains(f))),
        "{case}: no message contains all of {fragments:?}; got:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_base_fixture_is_valid() {
    let content = common::load("base");
    assert_eq!(content.stacks.len(), 2);
    assert_eq!(content.use_cases.len(), 1);
}

#[test]
fn each_broken_file_is_reported_with_file_entry_and_problem() {
    let cases: &[(&str, &[&str])] = &[
        (
            "score_out_of_scale",
            &[
                "broken/score_out_of_scale/criteria.toml: criteria[io].scores[python].score: 7 is outside the scale 0..=5",
            ],
        ),
        (
            "missing_entry",
            &[
                "broken/missing_entry/dimensions.toml: dimensions[learning].entries: no entry for stack \"python\"",
            ],
        ),
        (
            "empty_text",
            &["broken/empty_text/dimensions.toml: dimensions[concurrency].takeaway: is empty"],
        ),
        (
            "unknown_source",
            &[
                "broken/unknown_source/dimensions.toml: dimensions[concurrency].nuances[0].source: unknown source \"nope\"",
            ],
        ),
        (
            "unlabelled_source",
            &["broken/unlabelled_source/sources.toml: sources[gil].label: is empty"],
        ),
        (
            "unsafe_url",
            &[
                "broken/unsafe_url/sources.toml: sources[gil].url: must be empty or start with https://",
            ],
        ),
        (
            "unsourced_score",
            &[
                "broken/unsourced_score/criteria.toml: criteria[io].scores[python].source: unknown source \"\"",
            ],
        ),
        (
            "missing_score",
            &[
                "broken/missing_score/criteria.toml: criteria[ai].scores: no score for stack \"python\"",
            ],
        ),
        (
            "bad_preset",
            &[
                "broken/bad_preset/criteria.toml: presets[balanced].weights[io].weight: 9 is outside 0..=5",
            ],
        ),
        (
            "bad_preset",
            &[
                "broken/bad_preset/criteria.toml: presets[balanced].weights: unknown criterion \"speed\"",
            ],
        ),
        (
            "duplicate_id",
            &["broken/duplicate_id/stacks.toml: stacks[node].id: is used by two entries"],
        ),
        (
            "unknown_stack",
            &[
                "broken/unknown_stack/dimensions.toml: dimensions[concurrency].entries: entry for unknown stack \"go\"",
            ],
        ),
        (
            "bad_use_case",
            &[
                "broken/bad_use_case/use_cases.toml: use_cases[chat].favours[0]: unknown stack \"go\"",
            ],
        ),
        (
            "bad_use_case",
            &[
                "broken/bad_use_case/use_cases.toml: use_cases[chat].categories: unknown category \"nope\"",
            ],
        ),
        (
            "bad_use_case",
            &["use_cases[chat].workload.cpu_ms: NaN must be a finite number >= 0"],
        ),
        (
            "bad_use_case",
            &["use_cases[chat].workload.io_ms: -1 must be a finite number >= 0"],
        ),
        (
            "duplicate_key",
            &[
                "broken/duplicate_key/extra.toml: `tldr` is also defined in tests/fixtures/content/base/faqs.toml",
            ],
        ),
        (
            "syntax_error",
            &["broken/syntax_error/criteria.toml: ", "line 3"],
        ),
        (
            "unknown_key",
            &["broken/unknown_key/typo.toml: ", "unknown field `critera`"],
        ),
        (
            "missing_key",
            &["tests/fixtures/content/base: no file defines the top-level key `hello_worlds`"],
        ),
    ];
    for (case, fragments) in cases {
        assert_reports(case, fragments);
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    assert!(
        errors("bad_use_case").len() >= 4,
        "{:?}",
        errors("bad_use_case")
    );
    // A broken file elsewhere does not hide a second, independent problem.
    assert_eq!(
        errors("score_out_of_scale").len(),
        1,
        "{:?}",
        errors("score_out_of_scale")
    );
}

#[test]
fn a_third_stack_is_data_only() {
    let content = common::load("three_stacks");
    let ids: Vec<&str> = content.stacks.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["node", "python", "go"]);
    for d in &content.dimensions {
        assert!(d.entry_for("go").is_some(), "{}", d.id);
    }
    for c in &content.criteria {
        assert!(c.score_for("go").is_some(), "{}", c.id);
    }
}
