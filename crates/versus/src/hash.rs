//! The Simulate tab's keys in the shared URL hash (prefix `s.`).
//!
//! Every setting is written, defaults included, so a link reproduces the run exactly even if a
//! later release changes a default. Numbers use Rust's shortest round-trip form, so a value read
//! back is bit-for-bit the value written.
//!
//! | key | meaning | example |
//! |---|---|---|
//! | `s.rate`, `s.cpu`, `s.split`, `s.io`, `s.cores`, `s.dur`, `s.seed` | workload and machine | `s.rate=200` |
//! | `s.cpud`, `s.iod` | CPU and I/O shape: `fixed`, `exp`, `heavy` | `s.iod=heavy` |
//! | `s.iok` | I/O kind: `net`, `pool` | `s.iok=pool` |
//! | `s.np`, `s.pool` | Node processes, libuv pool size | `s.pool=4` |
//! | `s.pm` | Python mode: `threads`, `processes`, `asyncio`, `nogil` | `s.pm=nogil` |
//! | `s.pp`, `s.pt`, `s.sw` | Python processes, threads, switch interval (ms) | `s.sw=5` |
//! | `s.cf`, `s.cfs` | CPU cost factor, and its source id when published | `s.cfs=hyper_letloop` |
//! | `s.ws`, `s.wl` | timeline window start and length (s) | `s.wl=1` |
//!
//! Reading never fails: an unusable value keeps the default, an out-of-range one is clamped, and
//! each problem becomes part of one friendly notice.

use super::settings::{Field, PyMode, Settings, Shape, io_kind_from_id, io_kind_id};
use nvp_content::Content;
use nvp_state::{Decoded, HashParams, LinkState};

pub const PREFIX: &str = "s.";

fn key(k: &str) -> String {
    format!("{PREFIX}{k}")
}

/// All settings as `s.*` pairs.
pub fn encode(s: &Settings) -> HashParams {
    let mut p = HashParams::new();
    for f in Field::ALL {
        p.set(key(f.spec().key), format!("{}", s.get(f)));
    }
    p.set(key("cpud"), s.cpu_shape.id());
    p.set(key("iod"), s.io_shape.id());
    p.set(key("iok"), io_kind_id(s.io_kind));
    p.set(key("pm"), s.py_mode.id());
    if let Some(src) = &s.cpu_factor_source {
        p.set(key("cfs"), src.clone());
    }
    p
}

/// Reads the `s.*` pairs; `known_sources` lists the content's source ids so a forged citation
/// is dropped rather than displayed.
pub fn decode(params: &HashParams, known_sources: &[&str]) -> Decoded<Settings> {
    let mut s = Settings::default();
    let mut problems = Vec::new();
    let mut numbers: Vec<(Field, f64)> = Vec::new();
    let mut source = None;
    for (k, v) in params.iter() {
        let Some(name) = k.strip_prefix(PREFIX) else {
            continue;
        };
        let short: String = v.chars().take(16).collect();
        if let Some(f) = Field::from_key(name) {
            match v.trim().parse::<f64>() {
                Ok(x) if x.is_finite() => numbers.push((f, x)),
                _ => problems.push(format!("{} “{short}” is not a number.", f.spec().label)),
            }
            continue;
        }
        let ok = match name {
            "cpud" => Shape::from_id(v).map(|x| s.cpu_shape = x).is_some(),
            "iod" => Shape::from_id(v).map(|x| s.io_shape = x).is_some(),
            "iok" => io_kind_from_id(v).map(|x| s.io_kind = x).is_some(),
            "pm" => PyMode::from_id(v).map(|x| s.py_mode = x).is_some(),
            "cfs" => {
                let known = known_sources.contains(&v);
                if known {
                    source = Some(v.to_string());
                }
                known
            }
            _ => {
                problems.push(format!("“{}” is not a simulator setting.", shorten(name)));
                continue;
            }
        };
        if !ok {
            problems.push(format!("“{short}” is not a valid choice for {name}."));
        }
    }
    // The duration first, so the window is checked against the linked run's length.
    numbers.sort_by_key(|(f, _)| *f != Field::Duration);
    for (f, x) in numbers {
        if let Some(issue) = s.set_value(f, x) {
            problems.push(issue.message);
        }
    }
    // The citation only stands next to a factor that is still set (it is cleared by set_value when
    // the factor changed, so restore it last).
    if s.cpu_factor != 1.0 {
        s.cpu_factor_source = source;
    }
    Decoded { state: s, problems }
}

impl LinkState for Settings {
    type Context = Content;
    const PREFIX: &'static str = PREFIX;

    fn decode(content: &Content, params: &HashParams) -> Decoded<Self> {
        let sources: Vec<&str> = content.sources.iter().map(|s| s.id.as_str()).collect();
        decode(params, &sources)
    }

    fn encode(&self, _: &Content) -> HashParams {
        encode(self)
    }

    fn notice(problems: &[String]) -> Option<String> {
        match problems.len() {
            0 => None,
            1 => Some(format!(
                "The simulator link had a setting it could not use: {}",
                problems[0]
            )),
            n => Some(format!(
                "The simulator link had {n} settings it could not use, so those use defaults: {}",
                problems.join(" ")
            )),
        }
    }
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        s.push('…');
    }
    s
}
