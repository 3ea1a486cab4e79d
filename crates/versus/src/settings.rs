//! What the visitor can set in the experiment, the range of every control, and the clamping that
//! keeps a typed value usable.
//!
//! Ranges are narrower than the engine's own limits (`nvp_sim::limits`): the engine accepts a
//! month-long run at a million requests per second, but the page has to answer within a frame or
//! two, so the controls stop where a run stays interactive. Every default that mirrors a real
//! server's default names where it comes from, so the UI can show it next to the input.

use nvp_sim::IoKind;

/// How Python serves requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PyMode {
    /// gunicorn's `gthread` worker: processes × threads, one GIL per process.
    Threads,
    /// gunicorn's `sync` worker: one request per process at a time.
    Processes,
    /// An asyncio event loop per process (uvicorn-style), the same model as Node's loop.
    Asyncio,
    /// Free-threaded CPython 3.13 (PEP 703): threads without a GIL.
    FreeThreaded,
}

impl PyMode {
    pub const ALL: [PyMode; 4] = [
        PyMode::Threads,
        PyMode::Processes,
        PyMode::Asyncio,
        PyMode::FreeThreaded,
    ];

    /// The value written to the URL hash and to `<option value>`.
    pub fn id(self) -> &'static str {
        match self {
            PyMode::Threads => "threads",
            PyMode::Processes => "processes",
            PyMode::Asyncio => "asyncio",
            PyMode::FreeThreaded => "nogil",
        }
    }

    pub fn from_id(id: &str) -> Option<PyMode> {
        PyMode::ALL.into_iter().find(|m| m.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            PyMode::Threads => "Threads (gthread)",
            PyMode::Processes => "Processes (sync)",
            PyMode::Asyncio => "asyncio loop",
            PyMode::FreeThreaded => "Free-threaded 3.13",
        }
    }

    /// Whether the threads-per-process control means anything in this mode.
    pub fn uses_threads(self) -> bool {
        matches!(self, PyMode::Threads | PyMode::FreeThreaded)
    }
}

/// The shape of a duration's distribution around its mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Every request takes exactly the mean.
    Fixed,
    /// Exponential: memoryless, the textbook M/M/1 service time.
    Exponential,
    /// Lognormal with a coefficient of variation of [`HEAVY_TAIL_CV`]: a few very slow requests.
    HeavyTail,
}

/// Coefficient of variation of the heavy-tailed shape. Two means the standard deviation is twice
/// the mean: most requests are quick and the slowest one in a hundred takes several times the mean.
pub const HEAVY_TAIL_CV: f64 = 2.0;

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Fixed, Shape::Exponential, Shape::HeavyTail];

    pub fn id(self) -> &'static str {
        match self {
            Shape::Fixed => "fixed",
            Shape::Exponential => "exp",
            Shape::HeavyTail => "heavy",
        }
    }

    pub fn from_id(id: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Shape::Fixed => "Always the same",
            Shape::Exponential => "Varies (exponential)",
            Shape::HeavyTail => "Heavy tail (lognormal)",
        }
    }
}

/// The `IoKind` as the hash and the select write it.
pub fn io_kind_id(k: IoKind) -> &'static str {
    match k {
        IoKind::Network => "net",
        IoKind::Threadpool => "pool",
    }
}

pub fn io_kind_from_id(id: &str) -> Option<IoKind> {
    match id {
        "net" => Some(IoKind::Network),
        "pool" => Some(IoKind::Threadpool),
        _ => None,
    }
}

pub fn io_kind_label(k: IoKind) -> &'static str {
    match k {
        IoKind::Network => "Network (database, HTTP): no thread held",
        IoKind::Threadpool => "Files, DNS, crypto: needs a libuv pool thread",
    }
}

/// Every setting of one experiment. Both servers get the same workload, machine and seed.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub rate_per_s: f64,
    /// Mean CPU time per request on Node, split around the I/O by `cpu_before_pct`.
    pub cpu_ms: f64,
    pub cpu_shape: Shape,
    /// Share of the CPU time spent before the I/O (parsing, querying); the rest comes after it.
    pub cpu_before_pct: f64,
    /// Mean I/O wait per request; for long-lived connections, how long each stays open.
    pub io_ms: f64,
    pub io_shape: Shape,
    pub io_kind: IoKind,
    pub cores: u32,
    pub duration_s: f64,
    pub seed: u32,
    pub node_processes: u32,
    pub node_pool: u32,
    pub py_mode: PyMode,
    pub py_processes: u32,
    pub py_threads: u32,
    pub switch_ms: f64,
    /// Python's CPU time per request relative to Node's; 1 compares the concurrency models alone.
    pub cpu_factor: f64,
    /// Content source id of a published measurement behind `cpu_factor`, when a preset set it.
    pub cpu_factor_source: Option<String>,
    /// The stretch of the run the timeline shows.
    pub window_start_s: f64,
    pub window_len_s: f64,
}

/// The default run is the "I/O-bound API" preset: the everyday web-service case, where Node's
/// single loop copes and gunicorn's threads run out.
impl Default for Settings {
    fn default() -> Self {
        Settings {
            rate_per_s: 200.0,
            cpu_ms: 2.0,
            cpu_shape: Shape::Exponential,
            cpu_before_pct: 50.0,
            io_ms: 50.0,
            io_shape: Shape::Exponential,
            io_kind: IoKind::Network,
            cores: 4,
            duration_s: 10.0,
            seed: 1,
            node_processes: 1,
            node_pool: 4,
            py_mode: PyMode::Threads,
            py_processes: 1,
            py_threads: 8,
            switch_ms: 5.0,
            cpu_factor: 1.0,
            cpu_factor_source: None,
            window_start_s: 1.0,
            window_len_s: 1.0,
        }
    }
}

pub use super::fields::{Field, Spec};

/// A value that could not be used as typed, and what was used instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub field: Field,
    pub message: String,
}

/// Formats a number without trailing zeros for messages and inputs ("2", "0.5", "1234.5").
pub fn plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Settings {
    pub fn get(&self, f: Field) -> f64 {
        match f {
            Field::Rate => self.rate_per_s,
            Field::Cpu => self.cpu_ms,
            Field::CpuBefore => self.cpu_before_pct,
            Field::Io => self.io_ms,
            Field::Cores => self.cores.into(),
            Field::Duration => self.duration_s,
            Field::Seed => self.seed.into(),
            Field::NodeProcesses => self.node_processes.into(),
            Field::NodePool => self.node_pool.into(),
            Field::PyProcesses => self.py_processes.into(),
            Field::PyThreads => self.py_threads.into(),
            Field::Switch => self.switch_ms,
            Field::CpuFactor => self.cpu_factor,
            Field::WindowStart => self.window_start_s,
            Field::WindowLen => self.window_len_s,
        }
    }

    /// Stores `x`, which must already be within the field's range.
    fn put(&mut self, f: Field, x: f64) {
        let n = x as u32;
        match f {
            Field::Rate => self.rate_per_s = x,
            Field::Cpu => self.cpu_ms = x,
            Field::CpuBefore => self.cpu_before_pct = x,
            Field::Io => self.io_ms = x,
            Field::Cores => self.cores = n,
            Field::Duration => self.duration_s = x,
            Field::Seed => self.seed = n,
            Field::NodeProcesses => self.node_processes = n,
            Field::NodePool => self.node_pool = n,
            Field::PyProcesses => self.py_processes = n,
            Field::PyThreads => self.py_threads = n,
            Field::Switch => self.switch_ms = x,
            Field::CpuFactor => {
                if x != self.cpu_factor {
                    // A factor the visitor chose is no longer the published one.
                    self.cpu_factor_source = None;
                }
                self.cpu_factor = x;
            }
            Field::WindowStart => self.window_start_s = x,
            Field::WindowLen => self.window_len_s = x,
        }
    }

    /// The range a field accepts given the other settings (the window must fit inside the run).
    pub fn bounds(&self, f: Field) -> (f64, f64) {
        let spec = f.spec();
        match f {
            Field::WindowStart => (0.0, (self.duration_s - self.window_len_s).max(0.0)),
            Field::WindowLen => (spec.min, spec.max.min(self.duration_s)),
            _ => (spec.min, spec.max),
        }
    }

    /// Sets `f` from what the visitor typed. Out-of-range values are clamped and non-numbers keep the
    /// old value; either way the returned sentence says what happened, for display next to the input.
    pub fn set_text(&mut self, f: Field, raw: &str) -> Option<Issue> {
        let spec = f.spec();
        let text = raw.trim();
        let Ok(x) = text.parse::<f64>() else {
            let shown: String = text.chars().take(16).collect();
            let message = if text.is_empty() {
                format!(
                    "{} needs a number; keeping {}.",
                    spec.label,
                    plain(self.get(f))
                )
            } else {
                format!("“{shown}” is not a number; keeping {}.", plain(self.get(f)))
            };
            return Some(Issue { field: f, message });
        };
        self.set_value(f, x)
    }

    /// Sets `f` to `x`, clamped to its range (and rounded for whole-number fields); then keeps the
    /// timeline window inside the run. Returns the explanation when the value had to change.
    pub fn set_value(&mut self, f: Field, x: f64) -> Option<Issue> {
        let spec = f.spec();
        let (lo, hi) = self.bounds(f);
        if !x.is_finite() {
            return Some(Issue {
                field: f,
                message: format!(
                    "{} needs a finite number; keeping {}.",
                    spec.label,
                    plain(self.get(f))
                ),
            });
        }
        let mut issue = None;
        let mut v = x;
        if v < lo || v > hi {
            let used = v.clamp(lo, hi);
            let unit = if spec.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", spec.unit)
            };
            issue = Some(Issue {
                field: f,
                message: format!(
                    "{} runs from {} to {}{unit}; using {}.",
                    spec.label,
                    plain(lo),
                    plain(hi),
                    plain(used)
                ),
            });
            v = used;
        }
        if spec.integer && v.fract() != 0.0 {
            let r = v.round().clamp(lo, hi);
            if issue.is_none() {
                issue = Some(Issue {
                    field: f,
                    message: format!("{} is a whole number; using {}.", spec.label, plain(r)),
                });
            }
            v = r;
        }
        self.put(f, v);
        self.fit_window();
        issue
    }

    /// Keeps the timeline window inside the run after the duration or the window changed.
    fn fit_window(&mut self) {
        self.window_len_s = self.window_len_s.min(self.duration_s);
        let last = (self.duration_s - self.window_len_s).max(0.0);
        self.window_start_s = self.window_start_s.clamp(0.0, last);
    }

    /// Re-applies every range, for settings built in code (presets) or read from a link.
    pub fn clamped(mut self) -> (Settings, Vec<Issue>) {
        let mut issues = Vec::new();
        // The duration first: the window's bounds depend on it.
        let mut order = vec![Field::Duration];
        order.extend(Field::ALL.into_iter().filter(|f| *f != Field::Duration));
        for f in order {
            let x = self.get(f);
            if let Some(i) = self.set_value(f, x) {
                issues.push(i);
            }
        }
        (self, issues)
    }

    /// Threads Python runs per process in the chosen mode.
    pub fn py_threads_effective(&self) -> u32 {
        if self.py_mode.uses_threads() {
            self.py_threads
        } else {
            1
        }
    }

    /// Mean CPU time per request on the Python side, after the cost factor.
    pub fn py_cpu_ms(&self) -> f64 {
        self.cpu_ms * self.cpu_factor
    }

    /// Share of a request's own time (on Node) spent computing rather than waiting, 0..=1.
    pub fn cpu_share(&self) -> f64 {
        nvp_content::cpu_share(self.cpu_ms, self.io_ms)
    }
}
