//! The side-by-side experiment behind the Simulate tab: the same traffic through a Node.js server
//! and a Python server, compared and explained.
//!
//! Pure Rust with no web dependencies, so every decision the tab shows (ranges, presets, the link
//! format, the comparison and the generated sentences) is tested natively:
//! - [`settings`] and [`fields`]: the controls, their ranges and clamping;
//! - [`presets`]: one starting point per use case, derived from its workload profile;
//! - [`run`]: settings → two engine scenarios sharing seed and workload, and running them;
//! - [`hash`]: the `s.*` keys of the URL hash;
//! - [`metrics`]: the side-by-side figures, the better side and the ratio, and the CSV;
//! - [`capacity`]: the offered load, which says whether a server's queue can settle at all;
//! - [`analysis`], [`narration`] and [`verdict`]: facts read off the timeline, and the sentences
//!   built on them;
//! - [`whatif`]: remedies simulated on the same traffic;
//! - [`plot`]: scales, ticks and the pixel binning the charts and the timeline draw with.

pub mod analysis;
pub mod capacity;
pub mod fields;
pub mod format;
pub mod hash;
pub mod metrics;
pub mod narration;
pub mod plot;
pub mod presets;
pub mod run;
pub mod settings;
pub mod verdict;
pub mod whatif;

use nvp_content::Content;
use run::Pair;
use settings::Settings;

/// Everything the tab shows for one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The settings this outcome was computed from.
    pub settings: Settings,
    /// The two runs, or why they could not run.
    pub pair: Result<Pair, String>,
    pub metrics: Vec<metrics::Metric>,
    pub observations: Vec<String>,
    pub verdict: String,
    /// One sentence for the live status region.
    pub status: String,
    pub what_ifs: Vec<whatif::WhatIf>,
}

/// Runs both servers on `s` and computes everything the tab shows about the result.
pub fn evaluate(s: &Settings, content: &Content) -> Outcome {
    match run::run_pair(s) {
        Ok(pair) => {
            let metrics = metrics::compare(&pair);
            Outcome {
                settings: s.clone(),
                observations: narration::observations(s, &pair),
                verdict: narration::verdict(s, &pair, &metrics, content),
                status: narration::status(&pair, &metrics),
                what_ifs: whatif::suggest(s, &pair.node, &pair.python),
                metrics,
                pair: Ok(pair),
            }
        }
        Err(e) => Outcome {
            settings: s.clone(),
            status: format!("These settings cannot be simulated: {}.", e.message),
            pair: Err(e.to_string()),
            metrics: Vec::new(),
            observations: Vec::new(),
            verdict: String::new(),
            what_ifs: Vec::new(),
        },
    }
}
