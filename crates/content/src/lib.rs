//! The article's content as data: the model every `content/*.toml` file deserializes into, the
//! checks a bundle passes before it ships, and the compact postcard form the wasm carries (so no
//! TOML parser ever reaches the browser).
//!
//! - [`model`]: the types;
//! - [`validate`]: the checks (pure);
//! - [`source`] (feature `toml`, native): reading and merging the TOML files, the shipped
//!   content for tests, and [`source::build_bundle`] for build scripts;
//! - [`pack`] / [`unpack`] and the [`bundle!`] macro: the blob a binary embeds.

pub mod model;
#[cfg(feature = "toml")]
pub mod source;
pub mod validate;

pub use model::*;

/// The postcard bytes of `content`, as a build script stores them.
pub fn pack(content: &Content) -> Vec<u8> {
    postcard::to_allocvec(content).expect("the content model serializes")
}

/// Decodes bytes written by [`pack`] from the same model version.
pub fn unpack(bytes: &[u8]) -> Result<Content, postcard::Error> {
    postcard::from_bytes(bytes)
}

/// Defines `bundled()` (the content packed by this crate's build script, decoded once) and
/// `blob_len()` in the calling module. The caller's `build.rs` must call
/// `nvp_content::source::build_bundle()`.
///
/// Decoding cannot fail for a blob the same model wrote at build time, so a failure is a build
/// bug, not a runtime condition, and panics with a clear message (tests decode it on every run).
#[macro_export]
macro_rules! bundle {
    () => {
        static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/content.postcard"));

        /// The bundled content, decoded on first call and shared afterwards.
        pub fn bundled() -> &'static $crate::Content {
            static CONTENT: ::std::sync::OnceLock<$crate::Content> = ::std::sync::OnceLock::new();
            CONTENT.get_or_init(|| {
                $crate::unpack(BLOB).expect("the content blob written by build.rs must decode")
            })
        }

        /// Size of the packed blob in bytes, for the size tests.
        pub fn blob_len() -> usize {
            BLOB.len()
        }
    };
}
