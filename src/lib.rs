//! node-vs-python: an embeddable widget that helps choose between Node.js and Python.
//!
//! This crate is the top layer: thin Yew views over the pure core crates, and the embedding.
//! - the core (no web dependencies, tested natively): `nvp_content` (the article as data),
//!   `nvp_recommend` (fit scores, use-case advice, those tabs' states), `nvp_sim` (the
//!   discrete-event server simulator), `nvp_versus` (the side-by-side experiment) and
//!   `nvp_state` (the URL-hash format and the link protocol every tab's state follows);
//! - here: [`content`] (the bundled data), [`options`] (embed options), [`ui`] (Yew views,
//!   rendered natively in tests through Yew's `ssr` feature) and, on wasm32 only, `web` (the
//!   mount API, hash sync and the panic card).

pub mod content;
pub mod options;
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod web;
