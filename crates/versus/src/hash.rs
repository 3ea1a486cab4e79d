//! The Simulate tab's keys in the shared URL hash (prefix `s.`).
//!
//! Every setting is written, defaults included, so a link reproduces the run exactly even if a
//! later release changes a default (the tab writes nothing until the visitor changes something).
//! Numbers use Rust's shortest round-trip form, so a value read back is bit-for-bit the value
//! written.
//!
//! | key | meaning | example |
//! |---|---|---|
//! | `s.rate`, `s.cpu`, `s.split`, `s.io`, `s.calls`, `s.native`, `s.cores` | traffic and machine | `s.rate=200` |
//! | `s.cpud`, `s.iod` | CPU and I/O shape: `fixed`, `exp`, `heavy` | `s.iod=heavy` |
//! | `s.iok` | I/O kind: `net`, `pool` | `s.iok=pool` |
//! | `s.ll` | long-lived connections: `1` or `0` | `s.ll=1` |
//! | `s.cfg` | configuration: `tuned`, `defaults`, `custom` | `s.cfg=defaults` |
//! | `s.np`, `s.pool` | Custom: Node processes, libuv pool size | `s.pool=4` |
//! | `s.pm` | Custom: Python mode, `threads`, `processes`, `asyncio`, `nogil` | `s.pm=nogil` |
//! | `s.pp`, `s.pt`, `s.sw`, `s.cf` | Custom: Python workers, threads, switch interval (ms), CPU factor | `s.sw=5` |
//! | `s.seed` | traffic seed | `s.seed=7` |
//! | `s.ws`, `s.wl` | timeline window start and length (s) | `s.wl=1` |
//!
//! Reading never fails: an unusable value keeps the default, an out-of-range one is clamped, and
//! each problem becomes part of one friendly notice.

use crate::settings::{Config, Field, PyMode, Settings, Shape, io_kind_from_id, io_kind_id};
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
    p.set(key("cpud"), s.traffic.cpu_shape.id());
    p.set(key("iod"), s.traffic.io_shape.id());
    p.set(key("iok"), io_kind_id(s.traffic.io_kind));
    p.set(key("ll"), if s.traffic.long_lived { "1" } else { "0" });
    p.set(key("cfg"), s.config.id());
    p.set(key("pm"), s.custom.py_mode.id());
    p
}

/// Reads the `s.*` pairs: the settings to use, and the problems found (empty for a clean link).
pub fn decode(params: &HashParams) -> Decoded<Settings> {
    let mut s = Settings::default();
    let mut problems = Vec::new();
    let mut numbers: Vec<(Field, f64)> = Vec::new();
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
        let t = &mut s.traffic;
        let ok = match name {
            "cpud" => Shape::from_id(v).map(|x| t.cpu_shape = x).is_some(),
            "iod" => Shape::from_id(v).map(|x| t.io_shape = x).is_some(),
            "iok" => io_kind_from_id(v).map(|x| t.io_kind = x).is_some(),
            "ll" => match v {
                "1" => Some(true),
                "0" => Some(false),
                _ => None,
            }
            .map(|x| t.long_lived = x)
            .is_some(),
            "cfg" => Config::from_id(v).map(|x| s.config = x).is_some(),
            "pm" => PyMode::from_id(v).map(|x| s.custom.py_mode = x).is_some(),
            _ => {
                problems.push(format!("“{}” is not a simulator setting.", shorten(name)));
                continue;
            }
        };
        if !ok {
            problems.push(format!("“{short}” is not a valid choice for {name}."));
        }
    }
    // The window last, so it is checked against the linked traffic's run length.
    numbers.sort_by_key(|(f, _)| matches!(f, Field::WindowStart | Field::WindowLen));
    for (f, x) in numbers {
        if let Some(issue) = s.set_value(f, x) {
            problems.push(issue.message);
        }
    }
    Decoded { state: s, problems }
}

impl LinkState for Settings {
    type Context = Content;
    const PREFIX: &'static str = PREFIX;

    fn decode(_: &Content, params: &HashParams) -> Decoded<Self> {
        decode(params)
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
