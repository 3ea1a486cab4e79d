//! Shared by the experiment's tests.

use nvp_content::Content;

/// The content the widget ships, read from `content/` once per test binary.
pub fn shipped() -> &'static Content {
    static SHIPPED: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(nvp_content::source::shipped)
}
