//! Filtering the use-case list: text, categories and "favours", combined with AND.
//!
//! - **Text** matches a use case's name, description and category labels, case-insensitively;
//!   every term of the query must occur in one of them. The match ranges come back so the view
//!   can highlight them.
//! - **Categories** are OR within themselves: picking "Real-time" and "Data and AI" shows use
//!   cases in either. No category picked means no category filter.
//! - **Favours**: a stack id keeps the use cases that favour that stack, including the "either"
//!   ones (they do suit it); [`Favours::Either`] keeps only use cases that favour several stacks.
//!
//! Category counts are faceted: each chip counts the use cases that would match if that chip
//! alone were the category filter, with the text and favours filters still applied. So a count
//! tells the visitor what clicking the chip on its own would show, and a chip showing 0 is a
//! dead end worth avoiding.

use super::text::{Query, contains_term, match_ranges};
use nvp_content::{Content, UseCase};
use std::ops::Range;

/// The favours filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Favours {
    /// No filter.
    #[default]
    Any,
    /// Use cases that favour this stack id (alone or among others).
    Stack(String),
    /// Use cases that favour more than one stack.
    Either,
}

impl Favours {
    /// True when `uc` passes this filter.
    pub fn admits(&self, uc: &UseCase) -> bool {
        match self {
            Favours::Any => true,
            Favours::Stack(id) => uc.favours.iter().any(|s| s == id),
            Favours::Either => uc.favours.len() > 1,
        }
    }
}

/// Everything the visitor can filter by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The search text as typed.
    pub query: String,
    /// Category ids; empty means all categories.
    pub categories: Vec<String>,
    pub favours: Favours,
}

impl Filter {
    /// True when no filter is active.
    pub fn is_clear(&self) -> bool {
        self.query.trim().is_empty() && self.categories.is_empty() && self.favours == Favours::Any
    }
}

/// Where the query matched one use case, as byte ranges into the original texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    pub name: Vec<Range<usize>>,
    pub description: Vec<Range<usize>>,
    /// For each of the use case's categories that matched: its id and the ranges in its label.
    pub categories: Vec<(String, Vec<Range<usize>>)>,
}

/// One use case that passed the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Content::use_cases`].
    pub index: usize,
    pub highlights: Highlights,
}

/// The filter's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    /// Matching use cases in content order.
    pub hits: Vec<Hit>,
    /// For every category in content order: its id and the faceted count (see module docs).
    pub category_counts: Vec<(String, usize)>,
}

impl Filtered {
    /// True when `use_case_id` is among the hits.
    pub fn shows(&self, content: &Content, use_case_id: &str) -> bool {
        self.hits
            .iter()
            .any(|h| content.use_cases[h.index].id == use_case_id)
    }
}

/// Applies `filter` to every use case of `content`.
pub fn apply(content: &Content, filter: &Filter) -> Filtered {
    let query = Query::new(&filter.query);
    // Text and favours are evaluated once per use case; categories are cheap to re-check.
    let passing: Vec<(usize, Highlights)> = content
        .use_cases
        .iter()
        .enumerate()
        .filter(|(_, uc)| filter.favours.admits(uc))
        .filter_map(|(i, uc)| text_match(content, uc, &query).map(|h| (i, h)))
        .collect();
    let in_category =
        |i: usize, cat: &str| content.use_cases[i].categories.iter().any(|c| c == cat);
    let hits = passing
        .iter()
        .filter(|(i, _)| {
            filter.categories.is_empty() || filter.categories.iter().any(|c| in_category(*i, c))
        })
        .map(|(i, h)| Hit {
            index: *i,
            highlights: h.clone(),
        })
        .collect();
    let category_counts = content
        .categories
        .iter()
        .map(|cat| {
            let n = passing
                .iter()
                .filter(|(i, _)| in_category(*i, &cat.id))
                .count();
            (cat.id.clone(), n)
        })
        .collect();
    Filtered {
        hits,
        category_counts,
    }
}

/// `Some(highlights)` when every query term occurs in the name, description or a category
/// label of `uc`; an empty query matches with no highlights.
fn text_match(content: &Content, uc: &UseCase, query: &Query) -> Option<Highlights> {
    if query.is_empty() {
        return Some(Highlights::default());
    }
    let labels: Vec<(&str, &str)> = uc
        .categories
        .iter()
        .filter_map(|id| {
            let cat = content.categories.iter().find(|c| &c.id == id)?;
            Some((cat.id.as_str(), cat.label.as_str()))
        })
        .collect();
    let every_term_found = query.terms().iter().all(|term| {
        contains_term(&uc.name, term)
            || contains_term(&uc.description, term)
            || labels.iter().any(|(_, label)| contains_term(label, term))
    });
    if !every_term_found {
        return None;
    }
    Some(Highlights {
        name: match_ranges(&uc.name, query),
        description: match_ranges(&uc.description, query),
        categories: labels
            .iter()
            .map(|(id, label)| (id.to_string(), match_ranges(label, query)))
            .filter(|(_, r)| !r.is_empty())
            .collect(),
    })
}
