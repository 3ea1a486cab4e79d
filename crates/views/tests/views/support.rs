//! Small helpers shared by the widget's tests.

use nvp_content::Content;
use std::path::PathBuf;

/// The content the widget ships, as the loader decodes it from the bundled blob.
pub fn content() -> Content {
    nvp_ui::content::bundled().clone()
}

/// Owned ids, as the tab states hold them.
pub fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A content fixture of the content crate's tests (e.g. `three_stacks`), loaded and validated.
pub fn fixture(name: &str) -> Content {
    let display = format!("crates/content/tests/fixtures/content/{name}");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(&display);
    nvp_content::source::load_dir(&dir, &display)
        .unwrap_or_else(|e| panic!("{display} should load:\n{}", e.join("\n")))
}
