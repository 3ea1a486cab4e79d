//! Shareable state: the URL-hash format every tab reads and writes.

pub mod hash;

pub use hash::{HashParams, ParsedHash};
