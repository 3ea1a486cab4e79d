//! Server-side renders of the Compare tab: the whole article is there, the table is semantic,
//! ids are unique per instance, and the fit summary is one sentence in a status region.

use crate::ssr::{PREFIX, attr_values, contains_text, escaped, render, tag_with_id};
use nvp_recommend::compare::default_weights;
use nvp_recommend::fit::fit;
use nvp_ui::content::bundled;

#[tokio::test]
async fn every_dimension_faq_and_sample_is_rendered() {
    let content = bundled().clone();
    // Every row open: a closed row's details are built only when it opens.
    let all: Vec<&str> = content.dimensions.iter().map(|d| d.id.as_str()).collect();
    let out = render(content.clone(), &[("c.x", &all.join(","))]).await;
    assert!(out.notices.is_empty(), "{:?}", out.notices);
    for d in &content.dimensions {
        assert!(
            contains_text(&out.html, &d.title),
            "missing dimension {}",
            d.title
        );
        assert!(
            contains_text(&out.html, &d.takeaway),
            "missing takeaway of {}",
            d.id
        );
        for e in &d.entries {
            assert!(
                contains_text(&out.html, &e.summary),
                "missing {}/{}",
                d.id,
                e.stack
            );
            for p in &e.points {
                assert!(contains_text(&out.html, p), "missing point {p}");
            }
            for p in &e.sourced_points {
                assert!(
                    contains_text(&out.html, &p.text),
                    "missing point {}",
                    p.text
                );
                let label = &content.source(&p.source).unwrap().label;
                assert!(contains_text(&out.html, label), "missing source {label}");
            }
        }
        for n in &d.nuances {
            assert!(
                contains_text(&out.html, &n.text),
                "missing nuance in {}",
                d.id
            );
            let label = &content.source(&n.source).unwrap().label;
            assert!(
                contains_text(&out.html, label),
                "missing source label {label}"
            );
        }
    }
    for f in &content.faqs {
        assert!(
            contains_text(&out.html, &f.question),
            "missing FAQ {}",
            f.question
        );
        assert!(
            contains_text(&out.html, &f.answer),
            "missing answer {}",
            f.id
        );
        let label = &content.source(&f.source).unwrap().label;
        assert!(
            contains_text(&out.html, label),
            "missing source of {}",
            f.id
        );
    }
    for line in &content.tldr {
        assert!(contains_text(&out.html, line), "missing TL;DR line {line}");
    }
    for sample in &content.hello_worlds {
        for line in sample.code.lines().filter(|l| !l.trim().is_empty()) {
            assert!(contains_text(&out.html, line), "missing code line {line}");
        }
        for n in &sample.notes {
            assert!(contains_text(&out.html, &n.text), "missing note {}", n.text);
        }
    }
    for c in &content.criteria {
        assert!(
            contains_text(&out.html, &c.label),
            "missing criterion {}",
            c.label
        );
    }
    for p in &content.presets {
        assert!(
            contains_text(&out.html, &p.label),
            "missing preset {}",
            p.label
        );
    }
    // Sources with an address are links, wherever they are cited.
    for s in content.sources.iter().filter(|s| !s.url.is_empty()) {
        let used = content
            .dimensions
            .iter()
            .flat_map(|d| {
                d.nuances
                    .iter()
                    .chain(d.entries.iter().flat_map(|e| &e.sourced_points))
            })
            .chain(content.hello_worlds.iter().flat_map(|h| &h.notes))
            .any(|n| n.source == s.id)
            || content.faqs.iter().any(|f| f.source == s.id);
        if used {
            assert!(
                out.html.contains(&format!("href=\"{}\"", s.url)),
                "no link to {}",
                s.url
            );
        }
    }
}

#[tokio::test]
async fn the_matrix_is_a_semantic_table() {
    let content = bundled().clone();
    let out = render(content.clone(), &[]).await;
    let html = &out.html;
    assert!(html.contains("<caption>"), "no caption");
    let cols = attr_values(html, "scope")
        .iter()
        .filter(|v| **v == "col")
        .count();
    assert!(cols >= content.stacks.len() + 2, "column headers: {cols}");
    let rows = attr_values(html, "scope")
        .iter()
        .filter(|v| **v == "row")
        .count();
    assert!(rows >= content.dimensions.len(), "row headers: {rows}");
    // Every row has a real button that says whether it is open and what it controls.
    for d in &content.dimensions {
        let details = format!("{PREFIX}-c-dim-{}", d.id);
        let tag = tag_with_id(html, &details);
        assert!(
            tag.contains("hidden"),
            "{} should start collapsed: {tag}",
            d.id
        );
        let button = html[..html.find(&format!("aria-controls=\"{details}\"")).unwrap()]
            .rfind("<button")
            .map(|i| &html[i..])
            .unwrap();
        let button = &button[..button.find('>').unwrap()];
        assert!(button.contains("aria-expanded=\"false\""), "{button}");
        assert!(button.contains("type=\"button\""), "{button}");
    }
    // Favoured stacks are marked with words, not only colour.
    let favoured_rows = content
        .dimensions
        .iter()
        .filter(|d| !d.favours.is_empty())
        .count();
    assert!(favoured_rows > 0);
    assert_eq!(html.matches(">Favoured<").count(), favoured_rows);
    // Exactly the fit summary and the filter count are live regions.
    assert_eq!(
        attr_values(html, "role")
            .iter()
            .filter(|v| **v == "status")
            .count(),
        2
    );
}

#[tokio::test]
async fn ids_are_prefixed_unique_and_references_resolve() {
    let out = render(bundled().clone(), &[]).await;
    let ids = attr_values(&out.html, "id");
    assert!(!ids.is_empty());
    for id in &ids {
        assert!(id.starts_with(&format!("{PREFIX}-")), "unprefixed id {id}");
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    for attr in [
        "aria-controls",
        "aria-labelledby",
        "aria-describedby",
        "for",
    ] {
        for target in attr_values(&out.html, attr) {
            assert!(
                ids.contains(&target),
                "{attr} points at missing id {target}"
            );
        }
    }
}

#[tokio::test]
async fn the_default_fit_is_announced_as_one_sentence() {
    let content = bundled().clone();
    let out = render(content.clone(), &[]).await;
    let summary = fit(&content, &default_weights(&content)).summary(&content);
    assert_eq!(summary.matches(". ").count(), 0, "one sentence: {summary}");
    let at = out
        .html
        .find(&format!(">{}</p>", escaped(&summary)))
        .unwrap_or_else(|| panic!("summary not rendered: {summary}"));
    let tag = &out.html[out.html[..at].rfind('<').unwrap()..at];
    assert!(
        tag.contains("role=\"status\""),
        "summary not in a status region: {tag}"
    );
}

#[tokio::test]
async fn every_folded_dimension_card_shows_which_stack_it_leans_to() {
    let content = bundled().clone();
    let out = render(content.clone(), &[]).await;
    let chips: Vec<&str> = out
        .html
        .split("class=\"nvp-c-chip\"")
        .skip(1)
        .map(|rest| {
            let open_end = rest.find('>').unwrap() + 1;
            &rest[open_end..open_end + rest[open_end..].find('<').unwrap()]
        })
        .collect();
    assert_eq!(
        chips.len(),
        content.dimensions.len(),
        "one chip per dimension"
    );
    for (d, chip) in content.dimensions.iter().zip(&chips) {
        let favoured: Vec<&str> = content
            .stacks
            .iter()
            .filter(|s| d.favours.contains(&s.id))
            .map(|s| s.name.as_str())
            .collect();
        if favoured.is_empty() {
            assert_eq!(*chip, "Depends", "{}", d.id);
        } else {
            assert_eq!(
                *chip,
                escaped(&format!("Leans to {}", favoured.join(" and "))),
                "{}",
                d.id
            );
        }
    }
}

#[tokio::test]
async fn the_score_board_shows_the_same_percentages_as_the_breakdown() {
    let content = bundled().clone();
    // A tilted weighting, so the two stacks differ and a mix-up between them would show.
    let out = render(content.clone(), &[("c.w", "ai:5,realtime:1")]).await;
    let board_at = out.html.find("nvp-c-score__stacks").expect("a score board");
    let breakdown_at = out
        .html
        .find("nvp-c-fit__cards")
        .expect("the breakdown cards");
    assert!(
        board_at < breakdown_at,
        "the board comes before the arithmetic"
    );
    let weights: Vec<u8> = content
        .criteria
        .iter()
        .map(|c| match c.id.as_str() {
            "ai" => 5,
            "realtime" => 1,
            _ => 0,
        })
        .collect();
    let result = fit(&content, &weights);
    assert_ne!(
        result.stacks[0].rounded_percent(),
        result.stacks[1].rounded_percent(),
        "the weighting separates the stacks"
    );
    let board = &out.html[board_at..breakdown_at];
    let cards = &out.html[breakdown_at..];
    for s in &result.stacks {
        let pct = format!("{}%", s.rounded_percent().unwrap());
        let name = &content.stack(&s.stack).unwrap().name;
        let on_board = board.find(name.as_str()).expect("stack on the board");
        assert!(
            board[on_board..].contains(&pct),
            "{name} {pct} on the board"
        );
        assert!(
            cards.contains(&format!("{} of {} = {pct}", s.points, s.possible)),
            "{name} card adds up to {pct}"
        );
    }
}
