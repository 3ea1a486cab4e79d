//! node-vs-python: an embeddable widget that helps choose between Node.js and Python.
//!
//! The crate is split so the layout shows the architecture:
//! - a **pure core** with no web dependencies, tested natively with `cargo test`:
//!   [`content`] (the article as data), [`recommend`] (fit scores and use-case advice),
//!   [`sim`] (the discrete-event server simulator) and [`state`] (the URL-hash format);
//! - **thin Yew views** in [`ui`], rendered natively in tests through Yew's `ssr` feature;
//! - the **wasm-only entry points** in `web`, compiled only for `wasm32`.

pub mod content;
pub mod options;
pub mod recommend;
pub mod sim;
pub mod state;
pub mod ui;
pub mod versus;

#[cfg(target_arch = "wasm32")]
pub mod web;
