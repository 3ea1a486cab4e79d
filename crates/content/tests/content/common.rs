//! Helpers shared by the content tests: loading content fixtures and the shipped content.

use nvp_content::Content;
use nvp_content::source::{self, SourceFile};
use std::path::PathBuf;

/// `tests/fixtures/content/{name}` on disk, and the name used in messages.
pub fn fixture(name: &str) -> (PathBuf, String) {
    let display = format!("tests/fixtures/content/{name}");
    (
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(&display),
        display,
    )
}

/// The files of a fixture directory.
pub fn files(name: &str) -> Vec<SourceFile> {
    let (dir, display) = fixture(name);
    source::read_dir(&dir, &display).unwrap_or_else(|e| panic!("reading {display}: {e:?}"))
}

/// The base fixture with the files of `broken/{case}` laid over it: a file with the same name
/// replaces the base's, any other file is added after the base's files.
pub fn overlaid(case: &str) -> Vec<SourceFile> {
    let mut all = files("base");
    for extra in files(&format!("broken/{case}")) {
        let file_name = extra
            .name
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        match all
            .iter_mut()
            .find(|f| f.name.ends_with(&format!("/{file_name}")))
        {
            Some(slot) => *slot = extra,
            None => all.push(extra),
        }
    }
    all
}

/// A fixture that must load and validate.
pub fn load(name: &str) -> Content {
    let (dir, display) = fixture(name);
    source::load_dir(&dir, &display)
        .unwrap_or_else(|e| panic!("{display} should load:\n{}", e.join("\n")))
}

/// The shipped `content/` directory, read from TOML once per test binary.
pub fn shipped() -> &'static Content {
    static SHIPPED: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(source::shipped)
}
