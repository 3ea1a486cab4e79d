//! The wasm entry point Trunk builds. Native builds get an empty `main` so `cargo build` and
//! `cargo clippy --all-targets` work on every target.

fn main() {
    #[cfg(target_arch = "wasm32")]
    node_vs_python::web::start();
}
