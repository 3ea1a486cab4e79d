//! The experiment's test binary: settings and their link form, presets, the comparison, and the
//! sentences built on runs.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency

mod hash;
mod narration;
mod presets;
mod review;
mod settings;
mod support;
