//! The depth views' test binary: each view rendered to HTML through Yew's SSR, with its link
//! handling.
#![cfg(not(target_arch = "wasm32"))] // tokio is a native-only dev-dependency

mod compare;
mod compare_link;
mod simulate;
mod ssr;
mod support;
mod usecases;
