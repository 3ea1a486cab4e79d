//! What the visitor can set in the experiment, the range of every control, and the clamping that
//! keeps a typed value usable.
//!
//! The traffic (what both servers face) and the configuration (how each server is run) are
//! separate: a preset sets the traffic; the configuration comes from a mode the visitor picks
//! (see [`crate::config`]). Ranges are narrower than the engine's own limits: the page has to
//! answer within a few frames, so the controls stop where a run stays interactive.

pub use super::fields::{Field, Group, Spec};
use crate::format::plain;
use nvp_sim::IoKind;
use serde::{Deserialize, Serialize};

/// How each side's server is configured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Config {
    /// Each side as its own experts would run it on these cores (see [`crate::config`]).
    #[default]
    Tuned,
    /// Each side with its shipped defaults: one Node.js process; gunicorn's one sync worker.
    OutOfBox,
    /// The visitor's own numbers.
    Custom,
}

impl Config {
    pub const ALL: [Config; 3] = [Config::Tuned, Config::OutOfBox, Config::Custom];

    pub fn id(self) -> &'static str {
        match self {
            Config::Tuned => "tuned",
            Config::OutOfBox => "defaults",
            Config::Custom => "custom",
        }
    }

    pub fn from_id(id: &str) -> Option<Config> {
        Config::ALL.into_iter().find(|c| c.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Config::Tuned => "Tuned",
            Config::OutOfBox => "Out of the box",
            Config::Custom => "Custom",
        }
    }

    /// What choosing it means, in a few words.
    pub fn hint(self) -> &'static str {
        match self {
            Config::Tuned => "Each side as its experts run it on these cores.",
            Config::OutOfBox => "Shipped defaults: the trap many first deployments fall into.",
            Config::Custom => "Your own process and thread counts.",
        }
    }
}

/// How Python serves requests in the Custom configuration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PyMode {
    /// gunicorn's `gthread` worker: processes × threads, one GIL per process.
    #[default]
    Threads,
    /// gunicorn's `sync` worker: one request per process at a time.
    Processes,
    /// An asyncio event loop per process (uvicorn).
    Asyncio,
    /// Free-threaded CPython 3.14t (PEP 779): threads without a GIL.
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

    /// A label short enough for a four-way switch on a phone.
    pub fn short_label(self) -> &'static str {
        match self {
            PyMode::Threads => "Threads",
            PyMode::Processes => "Processes",
            PyMode::Asyncio => "asyncio",
            PyMode::FreeThreaded => "3.14t, no GIL",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PyMode::Threads => "Threads (gunicorn gthread)",
            PyMode::Processes => "Processes (gunicorn sync)",
            PyMode::Asyncio => "asyncio (uvicorn)",
            PyMode::FreeThreaded => "Free-threaded 3.14t (no GIL)",
        }
    }

    /// Whether the threads-per-worker control means anything in this mode.
    pub fn uses_threads(self) -> bool {
        matches!(self, PyMode::Threads | PyMode::FreeThreaded)
    }
}

/// The shape of a duration's distribution around its mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// Every request takes exactly the mean.
    Fixed,
    /// Exponential: memoryless, the textbook M/M/1 service time.
    Exponential,
    /// Lognormal with a coefficient of variation of [`HEAVY_TAIL_CV`]: a few very slow requests.
    HeavyTail,
}

/// Coefficient of variation of the heavy-tailed shape: the standard deviation is twice the mean.
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
            Shape::HeavyTail => "Heavy tail",
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
    [IoKind::Network, IoKind::Threadpool]
        .into_iter()
        .find(|k| io_kind_id(*k) == id)
}

pub fn io_kind_label(k: IoKind) -> &'static str {
    match k {
        IoKind::Network => "Network (database, HTTP)",
        IoKind::Threadpool => "Files, DNS, crypto (libuv pool)",
    }
}

/// What both servers face: the request stream and what each request costs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Traffic {
    pub rate_per_s: f64,
    /// Mean handler CPU per request, split around the I/O by `cpu_before_pct`.
    pub cpu_ms: f64,
    pub cpu_shape: Shape,
    pub cpu_before_pct: f64,
    /// Mean I/O wait per request (for long-lived connections, how long each stays open).
    pub io_ms: f64,
    pub io_shape: Shape,
    pub io_kind: IoKind,
    /// The I/O wait is split over this many calls, each followed by its share of the CPU.
    pub io_calls: u32,
    /// Share of the CPU, in %, spent in native code that releases the GIL.
    pub native_pct: f64,
    /// Connections stay open (WebSockets, streams): latency is the time to set one up.
    pub long_lived: bool,
}

/// The visitor's own server numbers, used in [`Config::Custom`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomServers {
    pub node_processes: u32,
    pub node_pool: u32,
    pub py_mode: PyMode,
    pub py_processes: u32,
    pub py_threads: u32,
    pub switch_ms: f64,
    pub cpu_factor: f64,
}

impl Default for CustomServers {
    /// The shipped defaults: one Node.js process with libuv's pool of 4; gunicorn with one
    /// worker, here with 8 `gthread` threads so the threads have room to work.
    fn default() -> Self {
        CustomServers {
            node_processes: 1,
            node_pool: 4,
            py_mode: PyMode::Threads,
            py_processes: 1,
            py_threads: 8,
            switch_ms: 5.0,
            cpu_factor: 1.0,
        }
    }
}

/// Every setting of one experiment. Both servers get the same traffic, machine and seeds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub traffic: Traffic,
    pub cores: u32,
    pub config: Config,
    pub custom: CustomServers,
    pub seed: u32,
    /// The stretch of the first run the timeline shows.
    pub window_start_s: f64,
    pub window_len_s: f64,
}

/// The default run is the "I/O-bound API" preset: the everyday web service, both sides tuned.
impl Default for Settings {
    fn default() -> Self {
        Settings {
            traffic: Traffic {
                rate_per_s: 400.0,
                cpu_ms: 2.0,
                cpu_shape: Shape::Exponential,
                cpu_before_pct: 50.0,
                io_ms: 50.0,
                io_shape: Shape::Exponential,
                io_kind: IoKind::Network,
                io_calls: 2,
                native_pct: 0.0,
                long_lived: false,
            },
            cores: 4,
            config: Config::Tuned,
            custom: CustomServers::default(),
            seed: 1,
            window_start_s: 2.0,
            window_len_s: 0.5,
        }
    }
}

/// A value that could not be used as typed, and what was used instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub field: Field,
    pub message: String,
}

impl Settings {
    pub fn get(&self, f: Field) -> f64 {
        let (t, c) = (&self.traffic, &self.custom);
        match f {
            Field::Rate => t.rate_per_s,
            Field::Cpu => t.cpu_ms,
            Field::CpuBefore => t.cpu_before_pct,
            Field::Io => t.io_ms,
            Field::IoCalls => t.io_calls.into(),
            Field::Native => t.native_pct,
            Field::Cores => self.cores.into(),
            Field::NodeProcesses => c.node_processes.into(),
            Field::NodePool => c.node_pool.into(),
            Field::PyProcesses => c.py_processes.into(),
            Field::PyThreads => c.py_threads.into(),
            Field::Switch => c.switch_ms,
            Field::CpuFactor => c.cpu_factor,
            Field::Seed => self.seed.into(),
            Field::WindowStart => self.window_start_s,
            Field::WindowLen => self.window_len_s,
        }
    }

    /// Stores `x`, which must already be within the field's range (and whole where it must be).
    fn put(&mut self, f: Field, x: f64) {
        let n = x as u32;
        let (t, c) = (&mut self.traffic, &mut self.custom);
        match f {
            Field::Rate => t.rate_per_s = x,
            Field::Cpu => t.cpu_ms = x,
            Field::CpuBefore => t.cpu_before_pct = x,
            Field::Io => t.io_ms = x,
            Field::IoCalls => t.io_calls = n,
            Field::Native => t.native_pct = x,
            Field::Cores => self.cores = n,
            Field::NodeProcesses => c.node_processes = n,
            Field::NodePool => c.node_pool = n,
            Field::PyProcesses => c.py_processes = n,
            Field::PyThreads => c.py_threads = n,
            Field::Switch => c.switch_ms = x,
            Field::CpuFactor => c.cpu_factor = x,
            Field::Seed => self.seed = n,
            Field::WindowStart => self.window_start_s = x,
            Field::WindowLen => self.window_len_s = x,
        }
    }

    /// Whether a control means anything with the other settings as they are: the Custom numbers
    /// only in the Custom configuration, threads only in the threaded modes, the pool only for
    /// I/O that uses it, the CPU split only when there is I/O to split around.
    pub fn applies(&self, f: Field) -> bool {
        let custom = self.config == Config::Custom;
        let c = &self.custom;
        match f {
            Field::NodeProcesses | Field::PyProcesses | Field::CpuFactor => custom,
            Field::NodePool => custom && self.traffic.io_kind == IoKind::Threadpool,
            Field::PyThreads => custom && c.py_mode.uses_threads(),
            Field::Switch => custom && c.py_mode == PyMode::Threads,
            Field::CpuBefore | Field::IoCalls => self.traffic.io_ms > 0.0,
            Field::Rate
            | Field::Cpu
            | Field::Io
            | Field::Native
            | Field::Cores
            | Field::Seed
            | Field::WindowStart
            | Field::WindowLen => true,
        }
    }

    /// The range a field accepts given the other settings (the window must fit in the run).
    pub fn bounds(&self, f: Field) -> (f64, f64) {
        let spec = f.spec();
        match f {
            Field::WindowStart => (0.0, (self.excerpt_s() - self.window_len_s).max(0.0)),
            _ => (spec.min, spec.max),
        }
    }

    /// Length of the first run, which the timeline shows a window of.
    pub fn excerpt_s(&self) -> f64 {
        crate::plan::Plan::for_traffic(&self.traffic).duration_s
    }

    /// Sets `f` from what the visitor typed. Out-of-range values are clamped and non-numbers keep
    /// the old value; either way the returned sentence says what happened.
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

    /// Keeps the timeline window inside the first run after anything that changes its length.
    fn fit_window(&mut self) {
        let last = (self.excerpt_s() - self.window_len_s).max(0.0);
        self.window_start_s = self.window_start_s.clamp(0.0, last);
    }

    /// Re-applies every range, for settings built in code (presets) or read from a link.
    pub fn clamped(mut self) -> (Settings, Vec<Issue>) {
        let mut issues = Vec::new();
        // The window first: any other change re-fits it silently, which would hide its message.
        let window = [Field::WindowStart, Field::WindowLen];
        let rest = Field::ALL.into_iter().filter(|f| !window.contains(f));
        for f in window.into_iter().chain(rest) {
            let x = self.get(f);
            if let Some(i) = self.set_value(f, x) {
                issues.push(i);
            }
        }
        (self, issues)
    }

    /// Share of a request's own time (handler CPU plus I/O) spent computing, 0..=1.
    pub fn cpu_share(&self) -> f64 {
        nvp_content::cpu_share(self.traffic.cpu_ms, self.traffic.io_ms)
    }
}
