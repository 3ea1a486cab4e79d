//! The engine's native test binary: queueing theory, overload, property tests and the golden
//! figures, one module each, sharing the scenario builders in [`support`].
#![cfg(not(target_arch = "wasm32"))]

mod fuzz;
mod golden;
mod mechanisms;
mod overload;
mod props;
mod support;
mod theory;
