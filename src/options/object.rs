//! Options given as a JavaScript object (`mount(element, { views: ["simulate"], compact: true })`).
//!
//! serde-wasm-bindgen turns the object into `(key, OptionValue)` pairs; this module checks each
//! value's type and hands strings to the same parser the HTML attributes use, so both ways in
//! accept exactly the same options with the same messages.

use super::parse::{OptionWarning, ParsedOptions, parse_pairs};
use serde::Deserialize;

/// One value of the options object, as loosely typed as JavaScript is.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OptionValue {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
    /// Anything else (null, nested objects, mixed arrays): reported as a wrong type.
    Other(serde::de::IgnoredAny),
}

/// Parses an options object's entries. Type errors become warnings naming the option.
pub fn parse_entries(entries: &[(String, OptionValue)]) -> ParsedOptions {
    let mut type_warnings = Vec::new();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in entries {
        let text = match value {
            OptionValue::Text(s) => Some(s.clone()),
            OptionValue::Bool(b) if is_flag(key) => Some(b.to_string()),
            OptionValue::List(items) if key.eq_ignore_ascii_case("views") => Some(items.join(",")),
            _ => None,
        };
        match text {
            Some(text) => pairs.push((key.clone(), text)),
            None => type_warnings.push(OptionWarning {
                option: key.clone(),
                reason: format!("expected {}, got {}", expected(key), describe(value)),
            }),
        }
    }
    let mut parsed = parse_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    type_warnings.append(&mut parsed.warnings);
    parsed.warnings = type_warnings;
    parsed
}

/// Options that take true/false.
fn is_flag(key: &str) -> bool {
    matches!(
        key.to_ascii_lowercase().as_str(),
        "compact" | "hash" | "write-hash" | "lazy"
    )
}

fn expected(key: &str) -> &'static str {
    if key.eq_ignore_ascii_case("views") {
        "a list of view names or a comma-separated string"
    } else if is_flag(key) {
        "true or false"
    } else {
        "a string"
    }
}

fn describe(value: &OptionValue) -> &'static str {
    match value {
        OptionValue::Bool(_) => "a boolean",
        OptionValue::Number(_) => "a number",
        OptionValue::Text(_) => "a string",
        OptionValue::List(_) => "a list",
        OptionValue::Other(_) => "an object, null or a mixed list",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::View;

    fn entry(k: &str, v: OptionValue) -> (String, OptionValue) {
        (k.to_string(), v)
    }

    #[test]
    fn typed_values_are_accepted() {
        let p = parse_entries(&[
            entry(
                "views",
                OptionValue::List(vec!["simulate".into(), "compare".into()]),
            ),
            entry("compact", OptionValue::Bool(true)),
            entry("theme", OptionValue::Text("dark".into())),
        ]);
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        assert_eq!(p.options.views, vec![View::Simulate, View::Compare]);
        assert!(p.options.compact);
    }

    #[test]
    fn wrong_types_warn_and_fall_back() {
        let p = parse_entries(&[
            entry("compact", OptionValue::Number(5.0)),
            entry("theme", OptionValue::Bool(true)),
            entry("views", OptionValue::Other(serde::de::IgnoredAny)),
        ]);
        assert_eq!(p.warnings.len(), 3);
        assert!(p.warnings[0].to_string().contains("\"compact\""));
        assert!(p.warnings[0].reason.contains("got a number"));
        assert_eq!(p.options, crate::options::WidgetOptions::default());
    }
}
