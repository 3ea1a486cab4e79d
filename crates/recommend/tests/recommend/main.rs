//! The recommendation crate's test binary: fit scores, use-case advice and filtering, and the
//! two tab states' reducers and link forms.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency

mod answer;
mod compare_state;
mod filter;
mod fit_scores;
mod picker;
mod review;
mod support;
mod usecase;
