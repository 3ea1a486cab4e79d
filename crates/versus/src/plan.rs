//! How an experiment is run so that what it shows survives a sceptical reading: a warm-up that is
//! not measured, runs sized by requests rather than seconds, several independent replications,
//! and the same client rules for both sides.
//!
//! - **Replications**: [`REPLICATIONS`] runs per side, each with its own seed; both sides get the
//!   same seed in the same replication (common random numbers), so they face identical requests.
//! - **Size**: each replication measures about [`MEASURED_PER_REPLICATION`] requests, so every
//!   headline figure rests on [`MEASURED_PER_REPLICATION`] × [`REPLICATIONS`] requests per side
//!   (20,000), and a p99 is the 40th-slowest of each run's 4,000, not the slowest of a few dozen.
//! - **Warm-up**: ten times a request's own duration and at least 300 requests (one whole
//!   lifetime plus a second for long-lived connections), so the first measured request meets a
//!   server in its steady state.
//! - **Unstable sides** (a resource at or above capacity, see [`crate::capacity`]) run once, for
//!   [`UNSTABLE_RUN_S`], without draining: their queue only grows, so replications would only
//!   measure the run length, and no figure of theirs decides a verdict.
//! - **Clients**: a client gives up after [`CLIENT_TIMEOUT_S`] (a common proxy and load-balancer
//!   default is 30–60 s) and retries a dropped connection as Linux does (after 1, 2, 4 … s, six
//!   times). Runs drain: traffic goes on after the measured window until every measured request
//!   has an outcome, so none is left "unfinished" by the run simply stopping.

use crate::settings::Traffic;
use nvp_sim::LatencyTo;

/// Independent runs per side.
pub const REPLICATIONS: u32 = 5;
/// Measured requests per replication.
pub const MEASURED_PER_REPLICATION: f64 = 4_000.0;
/// Seconds a client waits for an answer (or, for long-lived connections, for the connection to
/// be set up) before it gives up.
pub const CLIENT_TIMEOUT_S: f64 = 30.0;
/// Linux's default `tcp_syn_retries`.
pub const SYN_RETRIES: u32 = 6;
/// Shortest warm-up, in seconds and in requests.
pub const MIN_WARMUP_S: f64 = 0.5;
pub const MIN_WARMUP_REQUESTS: f64 = 300.0;
/// Warm-up in multiples of a request's own duration: a stable queue at 70 % load forgets its
/// empty start within about 1 / (1 − ρ)² ≈ 11 service times.
pub const WARMUP_OWN_TIMES: f64 = 10.0;
/// Simulated seconds an unstable side runs (once, undrained): its queue only grows, so more
/// replications would measure the run length, not the server.
pub const UNSTABLE_RUN_S: f64 = 10.0;
/// Events one run may process before it is stopped (and marked as capped), so no setting can
/// freeze the page.
pub const MAX_EVENTS_PER_RUN: u64 = 2_000_000;

/// Student's t quantile for a two-sided 95 % interval with `REPLICATIONS - 1` = 4 degrees of
/// freedom.
pub const T_95_4DF: f64 = 2.776;

/// The shape of every run of an experiment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    pub replications: u32,
    pub warmup_s: f64,
    /// Arrivals after this are not measured (and the run drains after it).
    pub duration_s: f64,
    pub client_timeout_s: f64,
    pub latency_to: LatencyTo,
    /// Whether runs drain (see the module docs).
    pub drain: bool,
}

impl Plan {
    /// The plan for this traffic.
    pub fn for_traffic(t: &Traffic) -> Plan {
        let rate = t.rate_per_s.max(0.1);
        let own_s = (t.cpu_ms + t.io_ms) / 1e3;
        // Connections of one fixed length are all replaced after one lifetime; requests whose
        // lengths vary need a few more before the queue forgets its empty start.
        let warmup_s = if t.long_lived {
            MIN_WARMUP_S.max(own_s + 1.0)
        } else {
            MIN_WARMUP_S
                .max(WARMUP_OWN_TIMES * own_s)
                .max(MIN_WARMUP_REQUESTS / rate)
        };
        let duration_s = warmup_s + MEASURED_PER_REPLICATION / rate;
        Plan {
            replications: REPLICATIONS,
            warmup_s,
            duration_s,
            client_timeout_s: CLIENT_TIMEOUT_S,
            latency_to: if t.long_lived {
                LatencyTo::FirstCpu
            } else {
                LatencyTo::Response
            },
            drain: true,
        }
    }

    /// The plan for a side that cannot keep up: one short undrained run.
    pub fn unstable(self) -> Plan {
        Plan {
            replications: 1,
            duration_s: self.duration_s.min(self.warmup_s + UNSTABLE_RUN_S),
            drain: false,
            ..self
        }
    }

    /// The seed of replication `r` for the visitor's `seed`: a SplitMix64 step, so neighbouring
    /// seeds give unrelated traffic.
    pub fn seed(seed: u32, r: u32) -> u64 {
        let mut z = (u64::from(seed) << 8 | u64::from(r)).wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
