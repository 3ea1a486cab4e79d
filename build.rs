//! Turns `content/*.toml` into a validated postcard blob in `OUT_DIR`, so the widget ships data
//! that is known to be complete and never parses TOML in the browser. A validation failure
//! fails the build and lists every problem as `file: entry: problem`.

// The model, the checks and the loader are the crate's own files, included so the build and
// the tests run exactly the same validation.
#[allow(dead_code)]
#[path = "src/content/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/content/source.rs"]
mod source;
#[allow(dead_code)]
#[path = "src/content/validate.rs"]
mod validate;

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = root.join("content");
    println!("cargo::rerun-if-changed=content");
    for file in ["model.rs", "source.rs", "validate.rs"] {
        println!("cargo::rerun-if-changed=src/content/{file}");
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            println!("cargo::rerun-if-changed=content/{}", name.to_string_lossy());
        }
    }

    let content = match source::load_dir(&dir, "content") {
        Ok(content) => content,
        Err(errors) => {
            // One `cargo::error` per problem: cargo prints them all and fails the build.
            for error in errors {
                for line in error.lines() {
                    println!("cargo::error={line}");
                }
            }
            return;
        }
    };
    let bytes = postcard::to_allocvec(&content).expect("the content model serializes");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("content.postcard"), &bytes).expect("OUT_DIR is writable");
}
