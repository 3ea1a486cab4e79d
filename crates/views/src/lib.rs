//! The depth behind the answer: the Compare, Use cases and Simulate views, thin Yew components
//! over the core crates. In the browser they live in their own wasm module (`crates/depth`),
//! which `embed.js` loads after the first view, so the answer never waits for them; natively the
//! shell renders them directly (server rendering and tests).

pub mod compare;
pub mod simulate;
pub mod usecases;
