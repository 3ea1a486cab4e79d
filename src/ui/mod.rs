//! Thin Yew views over the core. Each capability has its own folder; the shell in [`app`]
//! owns the tabs and the shareable (URL-hash) state, and hands each tab only its own keys.

pub mod app;
pub mod compare;
pub mod link;
pub mod notices;
pub mod simulate;
pub mod tabs;
pub mod usecases;

use nvp_state::HashParams;
use yew::prelude::*;

pub use app::{App, AppProps};

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
