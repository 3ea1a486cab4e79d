//! The widget's colours: one table, from which `styles/widget.css` takes its `--nvp-*` colour
//! tokens (a test keeps the two identical; `UPDATE_PALETTE=1 cargo test` rewrites the CSS block)
//! and the SVG export takes the light values, since an exported file leaves the page behind.

/// A colour token: its CSS custom-property name (without `--nvp-`), light value, dark value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub name: &'static str,
    pub light: &'static str,
    pub dark: &'static str,
}

const fn t(name: &'static str, light: &'static str, dark: &'static str) -> Token {
    Token { name, light, dark }
}

/// Every colour token, in the order the CSS lists them.
pub const TOKENS: [Token; 20] = [
    t("bg", "#ffffff", "#151821"),
    t("surface", "#f6f7fb", "#1e2230"),
    t("surface-2", "#eceff6", "#282d3e"),
    t("text", "#1b1f2a", "#e8eaf1"),
    t("muted", "#4f5769", "#aab1c3"),
    t("border", "#d5d9e3", "#3a4056"),
    t("accent", "#4b3fd6", "#9d94ff"),
    t("accent-text", "#ffffff", "#12131a"),
    t("focus", "#1a5fd0", "#8ab4ff"),
    t("good", "#1d7a3a", "#6fd08c"),
    t("bad", "#b3261e", "#ff8a80"),
    t("warn", "#8a5a00", "#f2c46d"),
    t("stack-0", "#2f7d32", "#7fcf83"),
    t("stack-1", "#2f5fa7", "#8fb4f0"),
    t("stack-2", "#8a4fb8", "#c9a0ef"),
    t("stack-3", "#a8551a", "#f0a46a"),
    t("state-cpu", "#2f7d32", "#5cbf62"),
    t("state-gil", "#c0392b", "#ff7a6b"),
    t("state-io", "#7aa6e0", "#4d7bbd"),
    t("state-queued", "#d9a520", "#e6b93c"),
];

/// The light value of a token (for the export); panics on an unknown name, which a test rules out.
pub fn light(name: &str) -> &'static str {
    TOKENS
        .iter()
        .find(|t| t.name == name)
        .map(|t| t.light)
        .unwrap_or_else(|| panic!("no colour token {name}"))
}

/// The CSS declarations of every token, one per line, as `styles/widget.css` holds them.
pub fn css_block() -> String {
    TOKENS
        .iter()
        .map(|t| format!("  --nvp-{}: light-dark({}, {});\n", t.name, t.light, t.dark))
        .collect()
}
