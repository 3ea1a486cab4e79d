//! The widget's native test binary: the shell rendered to HTML through Yew's SSR, the bundled
//! content, the colour table, and fuzzing of every outside-input parser.
#![cfg(not(target_arch = "wasm32"))] // proptest and tokio are native-only dev-dependencies

mod bundle;
mod fuzz;
mod palette;
mod shell;
