//! The numeric controls and their ranges, labels, units and hints: one table, so the form, the
//! clamping, the URL keys and the tests all read the same bounds.

/// A numeric control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Rate,
    Cpu,
    CpuBefore,
    Io,
    Cores,
    Duration,
    Seed,
    NodeProcesses,
    NodePool,
    PyProcesses,
    PyThreads,
    Switch,
    CpuFactor,
    WindowStart,
    WindowLen,
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
    /// A short note under the input: where the default comes from, or what the value means.
    pub hint: &'static str,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::Rate,
        Field::Cpu,
        Field::CpuBefore,
        Field::Io,
        Field::Cores,
        Field::Duration,
        Field::Seed,
        Field::NodeProcesses,
        Field::NodePool,
        Field::PyProcesses,
        Field::PyThreads,
        Field::Switch,
        Field::CpuFactor,
        Field::WindowStart,
        Field::WindowLen,
    ];

    pub fn spec(self) -> Spec {
        let s = |key, label, unit, min, max, step, integer, hint| Spec {
            key,
            label,
            unit,
            min,
            max,
            step,
            integer,
            hint,
        };
        match self {
            Field::Rate => s(
                "rate",
                "Arrival rate",
                "requests/s",
                0.1,
                20_000.0,
                1.0,
                false,
                "Poisson arrivals: many independent clients.",
            ),
            Field::Cpu => s(
                "cpu",
                "CPU per request",
                "ms",
                0.0,
                5_000.0,
                0.5,
                false,
                "Mean time on a core, measured on Node.",
            ),
            Field::CpuBefore => s(
                "split",
                "CPU before the I/O",
                "%",
                0.0,
                100.0,
                5.0,
                false,
                "The rest runs after the I/O returns.",
            ),
            Field::Io => s(
                "io",
                "I/O wait per request",
                "ms",
                0.0,
                120_000.0,
                1.0,
                false,
                "For long-lived connections: how long each stays open.",
            ),
            Field::Cores => s(
                "cores",
                "Machine cores",
                "cores",
                1.0,
                64.0,
                1.0,
                true,
                "Both servers get the same machine.",
            ),
            Field::Duration => s(
                "dur",
                "Simulated time",
                "s",
                1.0,
                120.0,
                1.0,
                false,
                "Arrivals stop at the end; unfinished requests are counted.",
            ),
            Field::Seed => s(
                "seed",
                "Traffic seed",
                "",
                0.0,
                4_294_967_295.0,
                1.0,
                true,
                "Same seed, same arrivals on both sides.",
            ),
            Field::NodeProcesses => s(
                "np",
                "Processes (cluster)",
                "processes",
                1.0,
                64.0,
                1.0,
                true,
                "Node runs 1 unless you use cluster; arrivals go round-robin.",
            ),
            Field::NodePool => s(
                "pool",
                "libuv pool size",
                "threads",
                1.0,
                1_024.0,
                1.0,
                true,
                "UV_THREADPOOL_SIZE: default 4, at most 1024 (libuv docs).",
            ),
            Field::PyProcesses => s(
                "pp",
                "Worker processes",
                "processes",
                1.0,
                64.0,
                1.0,
                true,
                "gunicorn --workers: default 1; its docs suggest 2–4 per core.",
            ),
            Field::PyThreads => s(
                "pt",
                "Threads per worker",
                "threads",
                1.0,
                1_000.0,
                1.0,
                true,
                "gunicorn --threads: default 1; 8 here so threads have room to work.",
            ),
            Field::Switch => s(
                "sw",
                "GIL switch interval",
                "ms",
                0.1,
                100.0,
                0.1,
                false,
                "sys.getswitchinterval(): 5 ms by default (CPython ceval_gil.c).",
            ),
            Field::CpuFactor => s(
                "cf",
                "Python CPU cost relative to Node",
                "×",
                0.1,
                50.0,
                0.1,
                false,
                "1 compares the concurrency models alone.",
            ),
            Field::WindowStart => s(
                "ws",
                "Timeline starts at",
                "s",
                0.0,
                119.5,
                0.1,
                false,
                "Move the window through the run.",
            ),
            Field::WindowLen => s(
                "wl",
                "Timeline length",
                "s",
                0.5,
                2.0,
                0.1,
                false,
                "Between 0.5 and 2 seconds of the run.",
            ),
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.spec().key == key)
    }
}
