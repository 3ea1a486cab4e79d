//! The content the widget ships with: `build.rs` validates `content/*.toml` and stores it as a
//! postcard blob in `OUT_DIR`; here the blob is decoded once, on first use. Postcard keeps both
//! the blob and the decoder small, and no TOML parser reaches the wasm.

use super::model::Content;
use std::sync::OnceLock;

/// The validated content, postcard-encoded by the build script.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/content.postcard"));

/// The bundled content, decoded on first call and shared afterwards.
///
/// Decoding cannot fail for a blob this same crate's build script wrote from the same model
/// types, so a failure here is a build bug, not a runtime condition, and panics with a clear
/// message (the test suite decodes it on every run).
pub fn bundled() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| {
        postcard::from_bytes(BLOB).expect("the content blob written by build.rs must decode")
    })
}

/// Size of the postcard blob in bytes, reported by the size tests.
pub fn blob_len() -> usize {
    BLOB.len()
}
