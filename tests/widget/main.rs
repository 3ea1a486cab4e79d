//! The widget's native test binary: the views rendered to HTML through Yew's SSR (each tab, its
//! link handling and the shell), the bundled content, and fuzzing of every outside-input parser.
#![cfg(not(target_arch = "wasm32"))] // proptest and tokio are native-only dev-dependencies

mod bundle;
mod compare;
mod compare_link;
mod fuzz;
mod shell;
mod simulate;
mod ssr;
mod support;
mod usecases;
