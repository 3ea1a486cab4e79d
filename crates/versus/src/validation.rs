//! What the last full reality check found, for the line under the Simulate verdict. The figures
//! are copied from `docs/validation.md`, which `./scripts/reality-check.sh` writes; a test checks
//! that they still match the report, so a new run that changes them fails until this is updated.

/// The report's headline: how many of its runs met every target.
pub const RUNS_MET: u32 = 24;
/// Runs in the report (11 scenarios × 3 loads).
pub const RUNS: u32 = 33;
/// When the report was made (UTC), as the report states it.
pub const WHEN: &str = "2026-12-01 18:27 UTC";

/// The sentence the Simulate view shows under the verdict, ending where a link to the report
/// can follow.
pub fn sentence() -> String {
    format!(
        "Checked against real Node.js 20 and CPython 3.11 servers on the same requests: \
         {RUNS_MET} of {RUNS} runs within 15 % on mean and median and 30 % on p99. Every miss \
         flatters Python: real Python was slower than simulated (threads doing CPU work by a \
         quarter to a third, four sync workers near full load by half), and a nearly full \
         two-process Node.js cluster was faster."
    )
}
