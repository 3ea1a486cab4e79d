//! Embed options: what a host page can ask of the widget (views, theme, compact, hash use).
//!
//! Pure data so the same set can come from HTML attributes or a JavaScript object, and so the
//! parsers can be fuzzed natively.

pub mod object;
pub mod parse;

pub use object::{OptionValue, parse_entries};
pub use parse::{OptionWarning, ParsedOptions, parse_pairs};

/// One of the widget's views (tabs): shared with the depth module, so it lives in `nvp-ui`.
pub use nvp_ui::View;

/// Colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    Light,
    Dark,
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
}

/// Whether the widget may write the page's URL hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HashMode {
    /// Write it unless the host page already uses the hash for itself.
    #[default]
    Auto,
    On,
    Off,
}

/// The options one widget instance runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetOptions {
    /// Views to show, in order; never empty.
    pub views: Vec<View>,
    /// The view shown first (must be one of `views`).
    pub initial_view: View,
    pub theme: Theme,
    /// Accent colour as a validated CSS colour, if the host set one.
    pub accent: Option<String>,
    /// A denser layout for narrow slots.
    pub compact: bool,
    /// The hash namespace (and element-id prefix) of this instance, e.g. `nvp` or `nvp2`.
    pub namespace: String,
    pub hash: HashMode,
    /// Start state in the URL-hash format without namespace (e.g. `tab=simulate&s.p=chat`),
    /// used when the page's URL carries no state for this instance.
    pub initial_state: Option<String>,
    /// A simulator preset to start from (a use-case id, `cpu_bound` or `io_api`), checked
    /// against the content when the widget mounts.
    pub preset: Option<String>,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            views: View::ALL.to_vec(),
            initial_view: View::Answer,
            theme: Theme::Auto,
            accent: None,
            compact: false,
            namespace: "nvp".to_string(),
            hash: HashMode::Auto,
            initial_state: None,
            preset: None,
        }
    }
}
