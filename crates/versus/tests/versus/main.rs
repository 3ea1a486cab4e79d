//! The experiment's test binary: settings and their link form, the configuration rules, the fair
//! fight across presets and seeds, and the sentences built on runs.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency

mod config;
mod fairness;
mod link;
mod narration;
mod settings;
mod support;
