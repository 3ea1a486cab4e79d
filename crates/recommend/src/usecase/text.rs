//! Case-insensitive text search that reports *where* it matched, so the view can highlight.
//!
//! Lower-casing can change a character's length in bytes (`'İ'` becomes two characters), so
//! matching on `to_lowercase()` output and reusing its offsets on the original text would cut
//! characters in half. Instead each text is folded once while remembering, for every folded
//! byte, which original character it came from; matches are mapped back through that table and
//! always land on character boundaries of the original.

use std::ops::Range;

/// The longest query the search looks at; longer input is cut (by characters) to this.
pub const MAX_QUERY_CHARS: usize = 100;

/// A search query split into lower-cased terms. Every term must occur somewhere (AND), so
/// "real time" finds "Real-time chat".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
}

impl Query {
    /// Parses what a visitor typed: trimmed, split on whitespace, lower-cased, duplicates
    /// dropped, at most [`MAX_QUERY_CHARS`] characters considered.
    pub fn new(raw: &str) -> Self {
        let raw: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        let mut terms: Vec<String> = Vec::new();
        for term in raw.split_whitespace().map(fold) {
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
        Query { terms }
    }

    /// True when there is nothing to search for (everything matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The lower-cased terms.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }
}

/// Lower-cases `text` the same way for queries and for searched texts.
fn fold(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// A text prepared for repeated searching.
struct Folded<'a> {
    original: &'a str,
    folded: String,
    /// For each byte of `folded`: the byte range of the original character it came from.
    origin: Vec<Range<usize>>,
}

impl<'a> Folded<'a> {
    fn new(original: &'a str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (start, ch) in original.char_indices() {
            let source = start..start + ch.len_utf8();
            for lower in ch.to_lowercase() {
                folded.push(lower);
                origin.extend(std::iter::repeat_n(source.clone(), lower.len_utf8()));
            }
        }
        Folded {
            original,
            folded,
            origin,
        }
    }

    /// Every occurrence of `term` (already folded), as byte ranges of the original text.
    fn find_all(&self, term: &str) -> Vec<Range<usize>> {
        if term.is_empty() {
            return Vec::new();
        }
        self.folded
            .match_indices(term)
            .map(|(at, m)| self.origin[at].start..self.origin[at + m.len() - 1].end)
            .collect()
    }
}

/// Byte ranges of `text` where any of the query's terms occur, sorted and merged so they never
/// overlap. Empty for an empty query or no match.
pub fn match_ranges(text: &str, query: &Query) -> Vec<Range<usize>> {
    let folded = Folded::new(text);
    let mut ranges: Vec<Range<usize>> = query
        .terms
        .iter()
        .flat_map(|t| folded.find_all(t))
        .collect();
    merge(&mut ranges);
    debug_assert!(
        ranges
            .iter()
            .all(|r| folded.original.is_char_boundary(r.start)
                && folded.original.is_char_boundary(r.end))
    );
    ranges
}

/// True when `term` (folded) occurs in `text`.
pub fn contains_term(text: &str, term: &str) -> bool {
    !Folded::new(text).find_all(term).is_empty()
}

/// Sorts ranges and joins those that overlap or touch.
fn merge(ranges: &mut Vec<Range<usize>>) {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges.drain(..) {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    *ranges = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_term_case_insensitively() {
        let q = Query::new("  REAL   chat ");
        assert_eq!(q.terms(), ["real", "chat"]);
        let text = "Real-time Chat, really";
        let spans: Vec<&str> = match_ranges(text, &q)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(spans, ["Real", "Chat", "real"]);
    }

    #[test]
    fn ranges_stay_on_character_boundaries_when_case_changes_length() {
        // 'İ' lower-cases to "i̇" (two characters), shifting every later byte offset.
        let text = "İstanbul data";
        let ranges = match_ranges(text, &Query::new("data"));
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "data");
    }

    #[test]
    fn overlapping_terms_merge_into_one_highlight() {
        let text = "streaming";
        let ranges = match_ranges(text, &Query::new("stream ream ming"));
        assert_eq!(ranges, vec![0..9]);
    }

    #[test]
    fn long_queries_are_cut() {
        let q = Query::new(&"a".repeat(MAX_QUERY_CHARS * 3));
        assert_eq!(q.terms()[0].chars().count(), MAX_QUERY_CHARS);
    }
}
