//! The article's content as data: parsed from `content/*.toml` at build time, shipped in the
//! wasm as a compact postcard blob, so no TOML parser ends up in the browser.
//!
//! - [`model`]: the types;
//! - [`validate`]: the checks every bundle passes before it is shipped (pure);
//! - `source` (native only): reading and merging the TOML files, used by `build.rs` and tests;
//! - [`bundle`]: the shipped content, decoded once.

pub mod bundle;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod source;
pub mod validate;

pub use bundle::bundled;
pub use model::*;
