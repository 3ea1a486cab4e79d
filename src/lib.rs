//! node-vs-python: an embeddable widget that helps choose between Node.js and Python.
//!
//! This crate is the first wasm module: the shell, the answer, and the embedding.
//! - the core (no web dependencies, tested natively): `nvp_content` (the article as data),
//!   `nvp_recommend` (fit scores, use-case advice, the answer, those tabs' states), `nvp_sim`
//!   (the discrete-event server simulator), `nvp_versus` (the side-by-side experiment) and
//!   `nvp_state` (the URL-hash format and the link protocol every tab's state follows);
//! - the views: `nvp_ui` (what both Yew modules share), `nvp_views` (Compare, Use cases,
//!   Simulate: the depth module, `crates/depth`, in the browser) and the simulator module
//!   (`crates/worker`);
//! - here: [`options`] (embed options), [`ui`] (the shell and the answer, rendered natively in
//!   tests through Yew's `ssr` feature) and, on wasm32 only, `web` (the mount API, hash sync and
//!   the panic card).

pub use nvp_ui::content;
pub mod options;
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod web;
