//! The simulator module: Trunk builds it as a second wasm file (`data-type="worker"`), which
//! `embed.js` runs in a Web Worker, or where a page forbids workers, on the main thread one run
//! at a time with a yield to the browser in between. Either way the same [`Session`] steps
//! through the same experiment, so the result is identical.
//!
//! Settings arrive and the outcome leaves as postcard bytes (`nvp_versus::settings::Settings`
//! and `nvp_versus::Outcome`), the encoding the widget's own module reads and writes. Keeping
//! the engine out of the widget's module is what lets the first view load without it.

use wasm_bindgen::prelude::*;

/// One experiment, run a step (one simulated run) at a time.
#[wasm_bindgen]
pub struct Session {
    experiment: Option<nvp_versus::Experiment>,
}

#[wasm_bindgen]
impl Session {
    /// Starts an experiment on postcard-encoded settings; settings that do not decode are an
    /// error for the caller, never a panic. Ranges are re-applied, as for a link.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: &[u8]) -> Result<Session, JsError> {
        let settings: nvp_versus::settings::Settings = postcard::from_bytes(settings)
            .map_err(|e| JsError::new(&format!("settings did not decode: {e}")))?;
        let (settings, _) = settings.clamped();
        Ok(Session {
            experiment: Some(nvp_versus::Experiment::new(&settings)),
        })
    }

    /// Runs one simulation; `false` once the experiment is complete.
    pub fn step(&mut self) -> bool {
        self.experiment.as_mut().is_some_and(|e| e.step())
    }

    /// Runs done so far.
    pub fn done(&self) -> u32 {
        self.experiment
            .as_ref()
            .map_or(0, |e| e.progress().0 as u32)
    }

    /// Runs known so far (the total grows when remedies are worth simulating).
    pub fn total(&self) -> u32 {
        self.experiment
            .as_ref()
            .map_or(0, |e| e.progress().1 as u32)
    }

    /// The postcard-encoded outcome (once `step` returned `false`).
    pub fn finish(&mut self) -> Result<Vec<u8>, JsError> {
        let experiment = self
            .experiment
            .take()
            .ok_or_else(|| JsError::new("the session was already finished"))?;
        postcard::to_allocvec(&experiment.finish())
            .map_err(|e| JsError::new(&format!("the outcome did not encode: {e}")))
    }
}

fn main() {}
