//! Wasm-only entry points. The loader `embed.js` (generated from `embed.template.js` by
//! `scripts/make-embed.mjs` after each Trunk build) defines the `<node-vs-python>` custom
//! element and calls [`api::mount`] for each one; this module mounts, tracks and frees widgets,
//! syncs the URL hash, and turns panics into a friendly card instead of a blank box.

mod api;
mod hash_sync;
mod mount;
pub mod panic;

pub use api::{WidgetHandle, mount};
pub use panic::show_error_cards;

/// Runs when the wasm module starts: only the panic hook. Widgets start when `embed.js` (or a
/// host's own script) calls `mount`.
pub fn start() {
    panic::install();
}
