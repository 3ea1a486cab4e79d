//! Filtering the use-case list: text, categories, favours, combined, and the empty result.
//! Expected sets come from the content itself through a plain oracle, so editing the data does
//! not break the tests but a broken filter does.

use crate::support::content;
use nvp_content::{Content, UseCase};
use nvp_recommend::usecase::{Favours, Filter, Filtered, apply};
use proptest::prelude::*;

fn hit_ids(c: &Content, f: &Filtered) -> Vec<String> {
    f.hits
        .iter()
        .map(|h| c.use_cases[h.index].id.clone())
        .collect()
}

/// The texts a query searches, lower-cased: name, description, category labels.
fn haystacks(c: &Content, uc: &UseCase) -> Vec<String> {
    let mut out = vec![uc.name.to_lowercase(), uc.description.to_lowercase()];
    for id in &uc.categories {
        let cat = c.categories.iter().find(|x| &x.id == id).unwrap();
        out.push(cat.label.to_lowercase());
    }
    out
}

fn oracle(c: &Content, word: &str, cats: &[&str], fav: &Favours) -> Vec<String> {
    let word = word.to_lowercase();
    c.use_cases
        .iter()
        .filter(|u| haystacks(c, u).iter().any(|h| h.contains(&word)))
        .filter(|u| cats.is_empty() || u.categories.iter().any(|x| cats.contains(&x.as_str())))
        .filter(|u| match fav {
            Favours::Any => true,
            Favours::Stack(s) => u.favours.contains(s),
            Favours::Either => u.favours.len() > 1,
        })
        .map(|u| u.id.clone())
        .collect()
}

fn text(query: &str) -> Filter {
    Filter {
        query: query.into(),
        ..Filter::default()
    }
}

#[test]
fn no_filter_shows_everything() {
    let c = content();
    let f = apply(&c, &Filter::default());
    assert_eq!(f.hits.len(), c.use_cases.len());
    assert!(Filter::default().is_clear());
}

#[test]
fn text_matches_names_descriptions_and_category_labels_ignoring_case() {
    let c = content();
    for word in ["chat", "DATA", "api", "Real", "learning", "heavy"] {
        let f = apply(&c, &text(word));
        assert_eq!(
            hit_ids(&c, &f),
            oracle(&c, word, &[], &Favours::Any),
            "query {word}"
        );
        assert!(!f.hits.is_empty(), "query {word} should find something");
    }
    // "Heavy computation" is a category label: its use cases match through it alone.
    let f = apply(&c, &text("heavy"));
    let ml = f
        .hits
        .iter()
        .find(|h| c.use_cases[h.index].id == "ml_pipeline")
        .expect("ML pipeline is in the heavy-computation category");
    assert_eq!(ml.highlights.categories.len(), 1);
    assert_eq!(ml.highlights.categories[0].0, "compute");
}

#[test]
fn highlights_cover_exactly_the_matched_text() {
    let c = content();
    let f = apply(&c, &text("CHAT"));
    let hit = f
        .hits
        .iter()
        .find(|h| c.use_cases[h.index].id == "chat")
        .unwrap();
    let name = &c.use_cases[hit.index].name;
    let marked: Vec<&str> = hit
        .highlights
        .name
        .iter()
        .map(|r| &name[r.clone()])
        .collect();
    assert!(!marked.is_empty());
    assert!(marked.iter().all(|m| m.eq_ignore_ascii_case("chat")));
}

#[test]
fn every_term_must_match_somewhere() {
    let c = content();
    let f = apply(&c, &text("real   chat"));
    let expected: Vec<String> = oracle(&c, "real", &[], &Favours::Any)
        .into_iter()
        .filter(|id| oracle(&c, "chat", &[], &Favours::Any).contains(id))
        .collect();
    assert_eq!(hit_ids(&c, &f), expected);
    assert!(hit_ids(&c, &f).contains(&"chat".to_string()));
}

#[test]
fn category_filter_keeps_members_and_counts_facets() {
    let c = content();
    let f = apply(
        &c,
        &Filter {
            categories: vec!["realtime".into()],
            ..Filter::default()
        },
    );
    assert_eq!(
        hit_ids(&c, &f),
        oracle(&c, "", &["realtime"], &Favours::Any)
    );
    assert!(hit_ids(&c, &f).contains(&"chat".to_string()));
    // Counts ignore the category filter itself, so other chips still show what they hold.
    for (id, n) in &f.category_counts {
        assert_eq!(*n, oracle(&c, "", &[id], &Favours::Any).len(), "{id}");
    }
    // Two categories are an OR.
    let two = apply(
        &c,
        &Filter {
            categories: vec!["realtime".into(), "automation".into()],
            ..Filter::default()
        },
    );
    assert_eq!(
        hit_ids(&c, &two),
        oracle(&c, "", &["realtime", "automation"], &Favours::Any)
    );
}

#[test]
fn text_and_category_combine() {
    let c = content();
    let filter = Filter {
        query: "data".into(),
        categories: vec!["data_ai".into()],
        ..Filter::default()
    };
    let f = apply(&c, &filter);
    let expected = oracle(&c, "data", &["data_ai"], &Favours::Any);
    assert_eq!(hit_ids(&c, &f), expected);
    // Strictly narrower than either filter alone.
    assert!(expected.len() < apply(&c, &text("data")).hits.len());
    // With a query, counts follow the query.
    for (id, n) in &f.category_counts {
        assert_eq!(*n, oracle(&c, "data", &[id], &Favours::Any).len(), "{id}");
    }
}

#[test]
fn favours_filter_by_stack_and_either() {
    let c = content();
    for fav in [
        Favours::Stack("node".into()),
        Favours::Stack("python".into()),
        Favours::Either,
    ] {
        let f = apply(
            &c,
            &Filter {
                favours: fav.clone(),
                ..Filter::default()
            },
        );
        assert_eq!(hit_ids(&c, &f), oracle(&c, "", &[], &fav), "{fav:?}");
        assert!(!f.hits.is_empty());
    }
    let either = apply(
        &c,
        &Filter {
            favours: Favours::Either,
            ..Filter::default()
        },
    );
    let node = apply(
        &c,
        &Filter {
            favours: Favours::Stack("node".into()),
            ..Filter::default()
        },
    );
    // "Either" use cases also suit Node.js, so they show under it.
    assert!(
        hit_ids(&c, &either)
            .iter()
            .all(|id| hit_ids(&c, &node).contains(id))
    );
}

#[test]
fn empty_result_when_nothing_matches() {
    let c = content();
    let f = apply(&c, &text("zzqx"));
    assert!(f.hits.is_empty());
    assert!(f.category_counts.iter().all(|(_, n)| *n == 0));
    let f = apply(
        &c,
        &Filter {
            query: "chat".into(),
            categories: vec!["data_ai".into()],
            ..Filter::default()
        },
    );
    assert!(f.hits.is_empty(), "{:?}", hit_ids(&c, &f));
    assert!(!f.shows(&c, "chat"));
}

proptest! {
    #[test]
    fn any_query_is_safe_and_highlights_land_on_char_boundaries(q in "\\PC{0,12}") {
        let c = content();
        let f = apply(&c, &text(&q));
        for h in &f.hits {
            let uc = &c.use_cases[h.index];
            for r in &h.highlights.name {
                prop_assert!(uc.name.get(r.clone()).is_some());
            }
            for r in &h.highlights.description {
                prop_assert!(uc.description.get(r.clone()).is_some());
            }
        }
    }
}
