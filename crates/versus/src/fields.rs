//! The numeric controls and their ranges, labels, units and hints: one table, so the form, the
//! clamping, the URL keys and the tests all read the same bounds.

/// A numeric control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Rate,
    Cpu,
    CpuBefore,
    Io,
    IoCalls,
    Native,
    Cores,
    NodeProcesses,
    NodePool,
    PyProcesses,
    PyThreads,
    Switch,
    CpuFactor,
    Seed,
    WindowStart,
    WindowLen,
}

/// Which part of the form a control belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The traffic and the machine: what both servers face.
    Traffic,
    /// The visitor's own server numbers (used in the Custom configuration).
    Custom,
    /// Which replication seeds, and which stretch the timeline shows.
    Run,
}

/// How a numeric control is bounded and presented.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    /// Hash key (without the `s.` prefix) and element-id suffix.
    pub key: &'static str,
    pub label: &'static str,
    /// Unit shown after the input, and spoken with it.
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub integer: bool,
    pub group: Group,
    /// A short note under the input: where the default comes from, or what the value means.
    pub hint: &'static str,
}

const fn spec(
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    (min, max, step): (f64, f64, f64),
    integer: bool,
    group: Group,
    hint: &'static str,
) -> Spec {
    Spec {
        key,
        label,
        unit,
        min,
        max,
        step,
        integer,
        group,
        hint,
    }
}

use Group::{Custom, Run, Traffic};

/// One row per field, in [`Field::ALL`] order.
const SPECS: [Spec; 16] = [
    spec(
        "rate",
        "Arrival rate",
        "requests/s",
        (0.1, 20_000.0, 1.0),
        false,
        Traffic,
        "Poisson arrivals: many independent clients.",
    ),
    spec(
        "cpu",
        "CPU per request",
        "ms",
        (0.0, 5_000.0, 0.5),
        false,
        Traffic,
        "Handler time on a core, the same code on both sides.",
    ),
    spec(
        "split",
        "CPU before the I/O",
        "%",
        (0.0, 100.0, 5.0),
        false,
        Traffic,
        "The rest runs after the I/O returns.",
    ),
    spec(
        "io",
        "I/O wait per request",
        "ms",
        (0.0, 120_000.0, 1.0),
        false,
        Traffic,
        "Database, HTTP or file calls. For connections: how long each stays open.",
    ),
    spec(
        "calls",
        "I/O calls per request",
        "calls",
        (1.0, 16.0, 1.0),
        true,
        Traffic,
        "The wait is split over this many calls, each with CPU after it.",
    ),
    spec(
        "native",
        "CPU in native libraries",
        "%",
        (0.0, 100.0, 5.0),
        false,
        Traffic,
        "NumPy, PyTorch and hashlib release Python's GIL while they compute.",
    ),
    spec(
        "cores",
        "Machine cores",
        "cores",
        (1.0, 64.0, 1.0),
        true,
        Traffic,
        "Both servers get the same machine.",
    ),
    spec(
        "np",
        "Node.js processes",
        "processes",
        (1.0, 64.0, 1.0),
        true,
        Custom,
        "1 without cluster; arrivals go round-robin.",
    ),
    spec(
        "pool",
        "libuv pool size",
        "threads",
        (1.0, 1_024.0, 1.0),
        true,
        Custom,
        "UV_THREADPOOL_SIZE: default 4, at most 1024.",
    ),
    spec(
        "pp",
        "Python worker processes",
        "processes",
        (1.0, 64.0, 1.0),
        true,
        Custom,
        "gunicorn --workers: default 1.",
    ),
    spec(
        "pt",
        "Threads per worker",
        "threads",
        (1.0, 1_000.0, 1.0),
        true,
        Custom,
        "gunicorn --threads: default 1.",
    ),
    spec(
        "sw",
        "GIL switch interval",
        "ms",
        (0.1, 100.0, 0.1),
        false,
        Custom,
        "sys.getswitchinterval(): 5 ms by default.",
    ),
    spec(
        "cf",
        "Python CPU cost relative to Node",
        "×",
        (0.1, 50.0, 0.1),
        false,
        Custom,
        "1 charges both sides the same handler CPU.",
    ),
    spec(
        "seed",
        "Traffic seed",
        "",
        (0.0, 4_294_967_295.0, 1.0),
        true,
        Run,
        "Same seed, same arrivals on both sides.",
    ),
    spec(
        "ws",
        "Timeline starts at",
        "s",
        (0.0, 100_000.0, 0.1),
        false,
        Run,
        "Move the window through the first run.",
    ),
    spec(
        "wl",
        "Timeline length",
        "s",
        (0.2, 2.0, 0.1),
        false,
        Run,
        "Between 0.2 and 2 seconds of the run.",
    ),
];

impl Field {
    pub const ALL: [Field; 16] = [
        Field::Rate,
        Field::Cpu,
        Field::CpuBefore,
        Field::Io,
        Field::IoCalls,
        Field::Native,
        Field::Cores,
        Field::NodeProcesses,
        Field::NodePool,
        Field::PyProcesses,
        Field::PyThreads,
        Field::Switch,
        Field::CpuFactor,
        Field::Seed,
        Field::WindowStart,
        Field::WindowLen,
    ];

    pub fn spec(self) -> &'static Spec {
        &SPECS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.spec().key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_field_order_with_unique_keys() {
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i);
            assert_eq!(Field::from_key(f.spec().key), Some(f));
            let s = f.spec();
            assert!(s.min < s.max && s.step > 0.0, "{}", s.key);
        }
    }
}
