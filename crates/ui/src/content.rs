//! The content each module carries: `build.rs` validates `content/*.toml` and packs it; here it
//! is decoded once, on first use. The depth views use [`bundled`] (everything); the first module
//! uses [`essentials`] only (what the answer needs), so the first view loads a third of the bytes.
//! A module that never calls one of them does not carry its bytes. The model itself lives in
//! `nvp_content`.

pub use nvp_content::*;

nvp_content::bundle!();

static ESSENTIALS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/essentials.postcard"));

/// The answer's part of the content ([`Content::essentials`]), decoded on first call.
pub fn essentials() -> &'static Content {
    static CONTENT: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    CONTENT.get_or_init(|| {
        unpack(ESSENTIALS).expect("the essentials blob written by build.rs must decode")
    })
}
