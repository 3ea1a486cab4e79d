//! The first module's views: the shell in [`app`] owns the tabs and the shareable (URL-hash)
//! state, and hands each tab only its own keys; [`answer`] is the first view. The depth views
//! (Compare, Use cases, Simulate) are mounted into their panels by [`depth`]: in the browser from
//! their own wasm module, natively straight from `nvp_views`.

pub mod answer;
pub mod app;
pub mod depth;
pub mod notices;
pub mod tabs;

pub use app::{App, AppProps};
pub use nvp_ui::TabProps;
