//! The one URL-hash format every tab shares.
//!
//! A hash looks like `#nvp.tab=compare&nvp.c.w=io:3,rt:5&other=kept`: `&`-separated
//! `key=value` pairs, each key prefixed by the widget's namespace (`nvp`, `nvp2`, ...) so two
//! widgets on one page, and the host page itself, can share the hash without clobbering each
//! other. Within a namespace, each tab owns the keys under its own prefix (`c.` for Compare,
//! `u.` for Use cases, `s.` for Simulate).
//!
//! The parser is total: any input, however hostile, yields a [`ParsedHash`]. Whatever it could
//! not use is listed in `problems` so the widget can tell the visitor instead of failing.

use std::fmt::Write as _;

/// Hashes longer than this are ignored whole: no legitimate state needs more.
pub const MAX_HASH_LEN: usize = 4096;
/// At most this many pairs are kept per namespace.
pub const MAX_PAIRS: usize = 64;

/// Ordered `key → value` pairs of one namespace (keys stored without the namespace).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HashParams {
    pairs: Vec<(String, String)>,
}

impl HashParams {
    /// An empty set of parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets `key` to `value`, replacing an earlier value and keeping its position.
    pub fn set(&mut self, key: impl Into<String>, value: impl Into<String>) {
        let (key, value) = (key.into(), value.into());
        match self.pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key, value)),
        }
    }

    /// Removes `key`.
    pub fn remove(&mut self, key: &str) {
        self.pairs.retain(|(k, _)| k != key);
    }

    /// The pairs whose key starts with `prefix` (e.g. `"c."`), keys kept whole.
    pub fn with_prefix(&self, prefix: &str) -> HashParams {
        HashParams {
            pairs: self
                .pairs
                .iter()
                .filter(|(k, _)| k.starts_with(prefix))
                .cloned()
                .collect(),
        }
    }

    /// Replaces every pair under `prefix` with those of `from` (which should all carry `prefix`).
    pub fn replace_prefix(&mut self, prefix: &str, from: &HashParams) {
        self.pairs.retain(|(k, _)| !k.starts_with(prefix));
        for (k, v) in &from.pairs {
            if k.starts_with(prefix) {
                self.set(k.clone(), v.clone());
            }
        }
    }

    /// All pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// True when there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// The result of reading a hash: what could be used, and what could not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedHash {
    pub params: HashParams,
    /// Human-readable reasons for anything ignored; empty when the hash was clean.
    pub problems: Vec<String>,
}

/// Reads the pairs of `namespace` from a raw `location.hash` (with or without the leading `#`).
/// Pairs of other namespaces and foreign fragments are ignored silently: they are not ours.
/// An empty `namespace` reads un-prefixed keys (the `state` embed option's format).
pub fn parse(raw: &str, namespace: &str) -> ParsedHash {
    let mut parsed = ParsedHash::default();
    let raw = raw.strip_prefix('#').unwrap_or(raw);
    if raw.len() > MAX_HASH_LEN {
        parsed.problems.push(format!(
            "The link's settings were too long ({} characters), so defaults are shown.",
            raw.len()
        ));
        return parsed;
    }
    let prefix = if namespace.is_empty() {
        String::new()
    } else {
        format!("{namespace}.")
    };
    for piece in raw.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
        let Some(key) = decode(key).filter(|k| k.starts_with(&prefix)) else {
            continue;
        };
        let key = &key[prefix.len()..];
        if !is_valid_key(key) {
            parsed
                .problems
                .push(format!("Ignored an unknown setting “{}”.", shorten(key)));
            continue;
        }
        let Some(value) = decode(value) else {
            parsed
                .problems
                .push(format!("Ignored “{key}”: its value is not valid text."));
            continue;
        };
        if parsed.params.pairs.len() >= MAX_PAIRS {
            parsed
                .problems
                .push("The link had too many settings; the rest were ignored.".to_string());
            break;
        }
        parsed.params.set(key, value);
    }
    parsed
}

/// Writes `params` into the raw hash under `namespace`, keeping every pair that is not ours.
/// Returns the new hash without the leading `#`.
pub fn write(raw: &str, namespace: &str, params: &HashParams) -> String {
    let raw = raw.strip_prefix('#').unwrap_or(raw);
    let prefix = format!("{namespace}.");
    let mut out = String::new();
    let foreign = raw.split('&').filter(|piece| {
        let key = piece.split_once('=').map_or(*piece, |(k, _)| k);
        !piece.is_empty() && !decode(key).is_some_and(|k| k.starts_with(&prefix))
    });
    for piece in foreign {
        push_sep(&mut out);
        out.push_str(piece);
    }
    for (key, value) in params.iter() {
        push_sep(&mut out);
        encode_into(&mut out, &prefix);
        encode_into(&mut out, key);
        out.push('=');
        encode_into(&mut out, value);
    }
    out
}

/// True when the raw hash holds anything that belongs to none of `namespaces` (the widgets on
/// the page), i.e. the host page uses the hash for itself. Then a widget does not write the
/// hash unless told to, so it never fights the host's own routing or anchors.
pub fn host_uses_hash(raw: &str, namespaces: &[&str]) -> bool {
    let raw = raw.strip_prefix('#').unwrap_or(raw);
    raw.split('&').any(|piece| {
        let key = piece.split_once('=').map_or(piece, |(k, _)| k);
        let ours = decode(key).is_some_and(|k| {
            namespaces
                .iter()
                .any(|ns| k.strip_prefix(ns).is_some_and(|rest| rest.starts_with('.')))
        });
        !piece.is_empty() && !ours
    })
}

/// `params` as plain `key=value` pairs without a namespace, the form [`parse`] reads with an
/// empty namespace (how the widget's two modules hand a tab's keys to each other).
pub fn write_plain(params: &HashParams) -> String {
    let mut out = String::new();
    for (key, value) in params.iter() {
        push_sep(&mut out);
        encode_into(&mut out, key);
        out.push('=');
        encode_into(&mut out, value);
    }
    out
}

fn push_sep(out: &mut String) {
    if !out.is_empty() {
        out.push('&');
    }
}

/// Keys are short dotted identifiers; anything else is a typo or an attack.
fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 32
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-')
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        s.push('…');
    }
    s
}

/// Characters left as they are; the rest are percent-encoded so values survive copy and paste.
fn is_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',' | b':' | b'!')
}

fn encode_into(out: &mut String, text: &str) {
    for b in text.bytes() {
        if is_plain(b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Percent-decodes `text`; `None` when an escape is broken or the bytes are not UTF-8.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_values_with_reserved_characters() {
        let mut p = HashParams::new();
        p.set("c.q", "a&b=c #%é");
        p.set("tab", "compare");
        let raw = write("", "nvp", &p);
        assert_eq!(parse(&raw, "nvp").params, p);
    }

    #[test]
    fn keeps_foreign_pairs_and_other_namespaces() {
        let mut p = HashParams::new();
        p.set("tab", "simulate");
        let raw = write("#section-2&nvp2.tab=compare&nvp.tab=usecases", "nvp", &p);
        assert_eq!(raw, "section-2&nvp2.tab=compare&nvp.tab=simulate");
        assert_eq!(parse(&raw, "nvp2").params.get("tab"), Some("compare"));
        assert!(host_uses_hash(&raw, &["nvp"]));
        assert!(!host_uses_hash("#nvp.tab=x", &["nvp"]));
        // Another widget's keys are not the host's.
        assert!(!host_uses_hash(
            "#nvp.tab=x&nvp2.s.rate=3",
            &["nvp", "nvp2"]
        ));
        assert!(host_uses_hash("#nvp.tab=x&nvpx=3", &["nvp", "nvp2"]));
    }

    #[test]
    fn garbage_is_reported_not_fatal() {
        let parsed = parse(
            "#nvp.%ZZ=1&nvp.ok=%FF&nvp.<script>=1&nvp.tab=compare",
            "nvp",
        );
        assert_eq!(parsed.params.get("tab"), Some("compare"));
        assert_eq!(parsed.problems.len(), 2, "{:?}", parsed.problems);
        let long = format!("#nvp.tab={}", "x".repeat(MAX_HASH_LEN));
        let parsed = parse(&long, "nvp");
        assert!(parsed.params.is_empty());
        assert_eq!(parsed.problems.len(), 1);
    }

    #[test]
    fn plain_pairs_round_trip() {
        let mut p = HashParams::new();
        p.set("s.rate", "1e3");
        p.set("c.f", "a&b=c é");
        assert_eq!(parse(&write_plain(&p), "").params, p);
        assert_eq!(write_plain(&HashParams::new()), "");
    }

    #[test]
    fn an_empty_namespace_reads_plain_keys() {
        let parsed = parse("tab=simulate&s.p=chat", "");
        assert_eq!(parsed.params.get("tab"), Some("simulate"));
        assert_eq!(parsed.params.get("s.p"), Some("chat"));
    }

    #[test]
    fn prefixes_select_and_replace_a_tabs_keys() {
        let mut all = HashParams::new();
        all.set("tab", "compare");
        all.set("c.w", "1,2");
        all.set("u.sel", "chat");
        let mut mine = HashParams::new();
        mine.set("c.f", "perf");
        all.replace_prefix("c.", &mine);
        assert_eq!(all.get("c.w"), None);
        assert_eq!(all.get("c.f"), Some("perf"));
        assert_eq!(all.with_prefix("u.").get("u.sel"), Some("chat"));
    }
}
