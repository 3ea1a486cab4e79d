//! Presets: the traffic of each use case of the picker, derived from its workload profile by the
//! rules below, plus two classic shapes that are not tied to a use case. A preset sets the
//! traffic only; how each server is configured comes from the configuration mode (see
//! [`crate::config`]), so no preset can favour a side by starving the other.
//!
//! Rules for a use case (so every preset can be checked against its profile):
//! - CPU, I/O, I/O calls and the native-code share come straight from the profile, on a machine
//!   of [`PRESET_CORES`] cores;
//! - the rate is the profile's, capped (rounded down) so the handler CPU fills at most
//!   [`MAX_CORE_LOAD`] of the cores: a preset is about how each server waits and computes, never
//!   about a machine that is simply too small for both;
//! - long-lived connections (chat, streams, games): all CPU happens at connect time, the
//!   connection then stays open for exactly the profile's I/O time;
//! - request/response traffic: CPU split evenly around the I/O, both varying exponentially.

use crate::settings::{Config, CustomServers, Settings, Shape, Traffic};
use nvp_content::{Content, WorkloadProfile};
use nvp_sim::IoKind;

/// Cores of the machine every preset uses.
pub const PRESET_CORES: u32 = 4;
/// Highest share of the machine's cores a preset's handler CPU may fill.
pub const MAX_CORE_LOAD: f64 = 0.6;

/// Ids of the two classic shapes.
pub const IO_API: &str = "io_api";
pub const CPU_BOUND: &str = "cpu_bound";

/// A named starting point.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// A use-case id, [`IO_API`] or [`CPU_BOUND`].
    pub id: String,
    pub label: String,
    /// One sentence on the traffic, computed from it.
    pub summary: String,
    pub traffic: Traffic,
    /// Whether it comes from a use case (grouped apart in the list).
    pub from_use_case: bool,
}

impl Preset {
    /// The settings this preset starts: its traffic, tuned servers, the default seed.
    pub fn settings(&self) -> Settings {
        Settings {
            traffic: self.traffic.clone(),
            cores: PRESET_CORES,
            config: Config::Tuned,
            custom: CustomServers::default(),
            ..Settings::default()
        }
        .clamped()
        .0
    }
}

/// The rate of a profile on [`PRESET_CORES`] cores: its own, or the rate at which the handler
/// CPU fills [`MAX_CORE_LOAD`] of the cores, whichever is lower; rounded down to a whole number
/// (a tenth below 10/s).
pub fn capped_rate(p: &WorkloadProfile) -> f64 {
    if p.cpu_ms <= 0.0 {
        return p.rate_per_s;
    }
    let cap = MAX_CORE_LOAD * f64::from(PRESET_CORES) / (p.cpu_ms / 1e3);
    if p.rate_per_s <= cap {
        return p.rate_per_s;
    }
    // A hair of slack so a cap that is a whole number in exact arithmetic is not rounded below it.
    let cap = cap * (1.0 + 1e-9);
    if cap >= 10.0 {
        cap.floor()
    } else {
        (cap * 10.0).floor() / 10.0
    }
}

/// The traffic a use case's workload profile maps to (see the module rules).
pub fn traffic(p: &WorkloadProfile) -> Traffic {
    Traffic {
        rate_per_s: capped_rate(p),
        cpu_ms: p.cpu_ms,
        io_ms: p.io_ms,
        io_kind: IoKind::Network,
        io_calls: if p.long_lived { 1 } else { p.io_calls.max(1) },
        native_pct: p.native_pct,
        long_lived: p.long_lived,
        cpu_before_pct: if p.long_lived { 100.0 } else { 50.0 },
        cpu_shape: Shape::Exponential,
        io_shape: if p.long_lived {
            Shape::Fixed
        } else {
            Shape::Exponential
        },
    }
}

/// "400 requests/s, 2 ms of CPU and 50 ms of I/O (2 calls) each, on 4 cores."
pub fn summary(t: &Traffic, cores: u32) -> String {
    use crate::format::{count, ms, plural};
    let unit = if t.long_lived {
        "new connections/s"
    } else {
        "requests/s"
    };
    let io = if t.long_lived {
        format!("then open for {}", ms(t.io_ms))
    } else if t.io_calls > 1 {
        format!("and {} of I/O in {} calls", ms(t.io_ms), t.io_calls)
    } else {
        format!("and {} of I/O", ms(t.io_ms))
    };
    let native = if t.native_pct > 0.0 {
        format!(
            " ({}% in native libraries)",
            crate::format::plain(t.native_pct)
        )
    } else {
        String::new()
    };
    format!(
        "{} {unit}, {} of CPU{native} {io} each, on {}.",
        count(t.rate_per_s),
        ms(t.cpu_ms),
        plural(cores.into(), "core", "cores"),
    )
}

fn preset(id: &str, label: &str, traffic: Traffic, from_use_case: bool) -> Preset {
    Preset {
        id: id.to_string(),
        label: label.to_string(),
        summary: summary(&traffic, PRESET_CORES),
        traffic,
        from_use_case,
    }
}

/// The two classic shapes: the everyday API, and an endpoint that mostly computes in its own
/// code (no native libraries).
fn classics() -> Vec<Preset> {
    let cpu = Traffic {
        rate_per_s: 40.0,
        cpu_ms: 40.0,
        io_ms: 5.0,
        io_calls: 1,
        ..Settings::default().traffic
    };
    vec![
        preset(IO_API, "I/O-bound API", Settings::default().traffic, false),
        preset(CPU_BOUND, "CPU-bound endpoint", cpu, false),
    ]
}

/// Every preset: the classics first, then one per use case in content order.
pub fn all(content: &Content) -> Vec<Preset> {
    let mut list = classics();
    for uc in &content.use_cases {
        list.push(preset(&uc.id, &uc.name, traffic(&uc.workload), true));
    }
    list
}

/// The preset of an id (a use case, or a classic).
pub fn find(content: &Content, id: &str) -> Option<Preset> {
    all(content).into_iter().find(|p| p.id == id)
}

/// The preset whose traffic equals `s`'s on its cores; `None` once the visitor has changed it.
pub fn matching<'a>(presets: &'a [Preset], s: &Settings) -> Option<&'a Preset> {
    if s.cores != PRESET_CORES {
        return None;
    }
    presets.iter().find(|p| p.traffic == s.traffic)
}
