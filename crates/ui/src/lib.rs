//! What the widget's two Yew modules share. The first module (the shell and the answer) and the
//! depth module (Compare, Use cases and Simulate, loaded after the first view) are separate wasm
//! files, each with its own Yew; they meet through these types:
//! - [`TabProps`] and [`link`]: what a tab receives, and the one hook that reads its state from
//!   the link and shares changes back;
//! - [`requests`]: what one tab asks of another ("simulate this", "see why");
//! - [`content`]: the bundled content (each module carries its copy);
//! - [`runner`]: the handle to the simulator module;
//! - [`browser`]: the few browser calls the views need, with native stand-ins;
//! - [`nesting`]: keeps the shell's Yew out of a nested depth view's events.

pub mod browser;
pub mod content;
pub mod link;
pub mod nesting;
pub mod requests;
pub mod runner;
mod view;

pub use view::View;

use nvp_state::HashParams;
use yew::prelude::*;

/// What every tab receives from the shell.
#[derive(Properties, PartialEq, Clone)]
pub struct TabProps {
    /// This tab's keys from the URL hash (e.g. `c.w` for Compare), read once at start.
    pub initial: HashParams,
    /// Called with this tab's keys whenever its shareable state changes.
    pub on_share: Callback<HashParams>,
    /// Called with a visitor-facing sentence when the link had something the tab could not use.
    pub on_notice: Callback<String>,
    /// Prefix for element ids, unique per widget instance (e.g. `nvp`).
    pub id_prefix: AttrValue,
    /// A denser layout.
    #[prop_or_default]
    pub compact: bool,
}
