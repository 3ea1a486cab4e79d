//! The nesting guard only covers the event kinds it lists; a view that starts listening to a
//! new kind through Yew would be open to the shell's Yew again. This test reads every view's
//! source and fails on a kind the list lacks.

use nvp_ui::nesting::EVENT_KINDS;
use std::path::Path;

/// Event kinds handled in `html!` markup: `onclick={…}` and the shorthand `{onclick}`.
fn kinds_in(source: &str) -> Vec<String> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = source[i..].find("on") {
        let start = i + at;
        i = start + 2;
        let boundary =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        if !boundary {
            continue;
        }
        let end = start
            + 2
            + source[start + 2..]
                .bytes()
                .take_while(u8::is_ascii_lowercase)
                .count();
        if end == start + 2 {
            continue;
        }
        let attribute = source[end..].starts_with("={");
        let shorthand = start >= 2
            && &source[start - 1..start] == "{"
            && bytes[start - 2] != b'='
            && source[end..].starts_with('}');
        if attribute || shorthand {
            found.push(source[start + 2..end].to_string());
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_scanner_finds_both_forms_and_nothing_else() {
    let found =
        kinds_in(r#"<button onclick={go} {oninput} value={onclear} on_simulate={x} button={on}>"#);
    assert_eq!(found, ["click", "input"]);
}

#[test]
fn every_event_kind_a_view_handles_is_guarded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in [
        "src",
        "crates/ui/src",
        "crates/views/src",
        "crates/depth/src",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(
        files.len() > 20,
        "expected the views' sources, found {} files",
        files.len()
    );
    let mut used = std::collections::BTreeSet::new();
    for file in &files {
        used.extend(kinds_in(&std::fs::read_to_string(file).expect("readable")));
    }
    assert!(
        used.contains("click"),
        "the scan found no onclick at all: {used:?}"
    );
    let missing: Vec<_> = used
        .iter()
        .filter(|k| !EVENT_KINDS.contains(&k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to nvp_ui::nesting::EVENT_KINDS: {missing:?}"
    );
}
