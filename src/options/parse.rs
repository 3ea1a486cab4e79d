//! Reading [`WidgetOptions`] from outside input: HTML attributes or a JavaScript object's
//! string fields. Total by design: every input gives options plus a list of warnings, each
//! naming the option and the reason, and a bad value falls back to that option's default.

use super::{HashMode, Theme, View, WidgetOptions};

/// A problem with one option, worded for a site owner reading the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionWarning {
    pub option: String,
    pub reason: String,
}

impl std::fmt::Display for OptionWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "node-vs-python: option \"{}\" ignored: {}",
            self.option, self.reason
        )
    }
}

/// Options as parsed, with what was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedOptions {
    pub options: WidgetOptions,
    pub warnings: Vec<OptionWarning>,
}

/// Longest attribute value we look at; longer ones are rejected outright.
const MAX_VALUE_LEN: usize = 256;

/// Parses `(name, value)` pairs, e.g. from an element's attributes. Names are
/// case-insensitive; a `data-` prefix is accepted. Attributes a browser or host adds (`id`,
/// `class`, `style`, ...) are not ours and are skipped silently.
pub fn parse_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ParsedOptions {
    let mut options = WidgetOptions::default();
    let mut warnings = Vec::new();
    let mut initial: Option<(String, View)> = None;
    for (raw_name, value) in pairs {
        let name = raw_name.to_ascii_lowercase();
        let name = name.strip_prefix("data-").unwrap_or(&name);
        let mut warn = |reason: String| {
            warnings.push(OptionWarning {
                option: name.to_string(),
                reason,
            })
        };
        let limit = if name == "state" {
            nvp_state::hash::MAX_HASH_LEN
        } else {
            MAX_VALUE_LEN
        };
        if value.len() > limit {
            warn(format!("the value is longer than {limit} characters"));
            continue;
        }
        let value = value.trim();
        match name {
            "views" => match parse_views(value) {
                Ok(views) => options.views = views,
                Err(reason) => warn(reason),
            },
            "view" | "initial-view" | "tab" => match View::from_id(value) {
                Some(view) => initial = Some((name.to_string(), view)),
                None => warn(format!(
                    "\"{}\" is not a view (use answer, compare, usecases or simulate)",
                    clip(value)
                )),
            },
            "theme" => match value.to_ascii_lowercase().as_str() {
                "light" => options.theme = Theme::Light,
                "dark" => options.theme = Theme::Dark,
                "auto" | "" => options.theme = Theme::Auto,
                _ => warn(format!(
                    "\"{}\" is not a theme (use light, dark or auto)",
                    clip(value)
                )),
            },
            "accent" => match css_colour(value) {
                Some(colour) => options.accent = Some(colour),
                None => warn(format!(
                    "\"{}\" is not a CSS colour (use #rgb, #rrggbb, rgb(), hsl() or a colour name)",
                    clip(value)
                )),
            },
            "compact" => match parse_bool(value) {
                Some(b) => options.compact = b,
                None => warn(format!("\"{}\" is not true or false", clip(value))),
            },
            "hash" | "write-hash" => match value.to_ascii_lowercase().as_str() {
                "auto" => options.hash = HashMode::Auto,
                "on" | "true" | "yes" | "" => options.hash = HashMode::On,
                "off" | "false" | "no" => options.hash = HashMode::Off,
                _ => warn(format!("\"{}\" is not auto, on or off", clip(value))),
            },
            "namespace" => {
                if is_namespace(value) {
                    options.namespace = value.to_string();
                } else {
                    warn(format!(
                        "\"{}\" must be 1–16 letters, digits or dashes, starting with a letter",
                        clip(value)
                    ));
                }
            }
            "preset" => {
                let ok = (1..=40).contains(&value.len())
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                if ok {
                    options.preset = Some(value.to_string());
                } else {
                    warn(format!("\"{}\" is not a preset id", clip(value)));
                }
            }
            "state" => options.initial_state = Some(value.trim_start_matches('#').to_string()),
            // Read by the loader (embed.js), which starts the widget when it scrolls into view.
            "lazy" => {
                if parse_bool(value).is_none() {
                    warn(format!("\"{}\" is not true or false", clip(value)));
                }
            }
            "id" | "class" | "style" | "hidden" | "lang" | "dir" | "title" | "slot" => {}
            _ if name.starts_with("aria-") => {}
            _ => warn("it is not a known option".to_string()),
        }
    }
    if let Some((name, view)) = initial {
        if options.views.contains(&view) {
            options.initial_view = view;
        } else {
            warnings.push(OptionWarning {
                option: name,
                reason: format!("\"{}\" is not among the views shown", view.id()),
            });
        }
    }
    if !options.views.contains(&options.initial_view) {
        options.initial_view = options.views[0];
    }
    ParsedOptions { options, warnings }
}

fn parse_views(value: &str) -> Result<Vec<View>, String> {
    let mut views = Vec::new();
    for part in value.split([',', ' ']).filter(|p| !p.is_empty()) {
        let view = View::from_id(part).ok_or_else(|| {
            format!(
                "\"{}\" is not a view (use answer, compare, usecases or simulate)",
                clip(part)
            )
        })?;
        if !views.contains(&view) {
            views.push(view);
        }
    }
    if views.is_empty() {
        return Err("it lists no views".to_string());
    }
    Ok(views)
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "" | "true" | "yes" | "on" | "1" | "compact" => Some(true),
        "false" | "no" | "off" | "0" => Some(false),
        _ => None,
    }
}

/// Namespaces become element-id prefixes and hash-key prefixes, so keep them plain.
pub fn is_namespace(value: &str) -> bool {
    (1..=16).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Accepts a conservative subset of CSS colours, so a value can never smuggle other CSS
/// (`;`, `}`, `url(...)`) into the widget's style: hex, rgb()/rgba()/hsl()/hsla() with
/// numeric arguments, or a bare named colour.
pub fn css_colour(value: &str) -> Option<String> {
    let v = value.trim().to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        let ok = matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
        return ok.then_some(v);
    }
    for func in ["rgb(", "rgba(", "hsl(", "hsla("] {
        if let Some(args) = v.strip_prefix(func).and_then(|r| r.strip_suffix(')')) {
            let ok = !args.trim().is_empty()
                && args
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '%' | '/' | '-'))
                && args
                    .split([',', ' ', '/'])
                    .filter(|a| !a.is_empty())
                    .count()
                    >= 3;
            return ok.then_some(v);
        }
    }
    let named = (3..=20).contains(&v.len()) && v.chars().all(|c| c.is_ascii_lowercase());
    named.then_some(v)
}

fn clip(text: &str) -> String {
    let mut s: String = text.chars().take(32).collect();
    if text.chars().count() > 32 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> ParsedOptions {
        parse_pairs(pairs.iter().copied())
    }

    #[test]
    fn reads_every_option() {
        let p = parse(&[
            ("views", "simulate, compare"),
            ("view", "compare"),
            ("theme", "dark"),
            ("accent", "#ff8800"),
            ("compact", ""),
            ("hash", "off"),
            ("data-namespace", "demo2"),
        ]);
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        let o = p.options;
        assert_eq!(o.views, vec![View::Simulate, View::Compare]);
        assert_eq!(o.initial_view, View::Compare);
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.accent.as_deref(), Some("#ff8800"));
        assert!(o.compact);
        assert_eq!(o.hash, HashMode::Off);
        assert_eq!(o.namespace, "demo2");
    }

    #[test]
    fn bad_values_warn_once_each_and_fall_back() {
        let p = parse(&[
            ("views", "compare,bogus"),
            ("theme", "neon"),
            ("accent", "red;} body{display:none"),
            ("colour", "x"),
        ]);
        assert_eq!(p.warnings.len(), 4, "{:?}", p.warnings);
        assert_eq!(p.options, WidgetOptions::default());
        assert!(p.warnings[2].to_string().contains("\"accent\""));
    }

    #[test]
    fn initial_view_must_be_shown() {
        let p = parse(&[("views", "simulate"), ("view", "compare")]);
        assert_eq!(p.options.initial_view, View::Simulate);
        assert_eq!(p.warnings.len(), 1);
    }

    #[test]
    fn colours_cannot_smuggle_css() {
        assert!(css_colour("rgb(1, 2, 3)").is_some());
        assert!(css_colour("hsl(200 50% 40% / 0.5)").is_some());
        assert!(css_colour("rebeccapurple").is_some());
        for bad in [
            "url(x)",
            "#12",
            "rgb(1;2;3)",
            "red !important",
            "expression(1)",
            "",
        ] {
            assert!(css_colour(bad).is_none(), "{bad}");
        }
    }
}
