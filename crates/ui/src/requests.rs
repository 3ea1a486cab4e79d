//! What one tab asks of another, through the shell.

/// Open the simulator on a preset (a use case or a classic).
#[derive(Debug, Clone, PartialEq)]
pub struct SimulateRequest {
    pub use_case: String,
    /// Increases with every request, so asking twice for the same preset re-applies it.
    pub serial: u32,
    /// The visitor asked: scroll to the result and move focus there (a host's start-up preset
    /// never steals focus).
    pub focus: bool,
    /// The visitor asked to watch ("Watch it run"): once the result is drawn, scroll just enough
    /// to bring the animated timeline on screen, where its playback starts.
    pub watch: bool,
}

/// Open the comparison on a weight preset.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRequest {
    /// Index of the weight preset in the content.
    pub preset: usize,
    pub serial: u32,
}
