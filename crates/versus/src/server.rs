//! What a server is: one type per side's server, built once from the settings and carried through
//! the experiment. Everything that used to be re-derived from loose numbers (how many
//! computations it runs at once, what its workers are called, the engine model it runs, its
//! accept queue) is a method here, and every `match` is exhaustive, so a new Python mode is one
//! variant that the compiler walks through every place that must handle it.

use crate::format::plural;
use nvp_sim::{Lane, LaneKind, ServerModel, defaults};
use serde::{Deserialize, Serialize};

/// One of the two stacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    Node,
    Python,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Node, Side::Python];

    pub fn name(self) -> &'static str {
        match self {
            Side::Node => "Node.js",
            Side::Python => "Python",
        }
    }

    /// Short id for classes, element ids and the CSV.
    pub fn id(self) -> &'static str {
        match self {
            Side::Node => "node",
            Side::Python => "python",
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Node => Side::Python,
            Side::Python => Side::Node,
        }
    }

    /// Position in `[node, python]` arrays.
    pub fn index(self) -> usize {
        match self {
            Side::Node => 0,
            Side::Python => 1,
        }
    }
}

/// gunicorn's `--worker-connections` default: a `gthread` worker keeps up to this many accepted
/// connections waiting for its threads before it stops accepting.
pub const GTHREAD_WORKER_CONNECTIONS: u32 = 1_000;
/// uvicorn's `--backlog` default.
pub const UVICORN_BACKLOG: u32 = 2_048;
/// Single-thread slowdown of free-threaded CPython 3.14 against the default build: the 3.14
/// "What's New" gives roughly 5–10 %; the middle of that range.
pub const FREE_THREADED_COST: f64 = 1.075;

/// How a server runs: the runtime and its process and thread layout.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum ServerKind {
    /// Node.js: one event loop per process; several processes form a `cluster` (or PM2) whose
    /// primary deals connections round-robin. `pool` is libuv's `UV_THREADPOOL_SIZE`.
    Node { processes: u32, pool: u32 },
    /// gunicorn's `gthread` worker: processes × threads, one GIL per process.
    Gthread {
        workers: u32,
        threads: u32,
        switch_ms: f64,
    },
    /// gunicorn's `sync` worker: one request per process at a time.
    Sync { workers: u32 },
    /// An asyncio event loop per process (uvicorn workers); blocking calls go to the loop's
    /// default executor of `executor` threads.
    Asyncio { workers: u32, executor: u32 },
    /// Free-threaded CPython (3.14t, PEP 779) under a threaded server: no GIL at all.
    FreeThreaded { workers: u32, threads: u32 },
}

/// One side's server, as the experiment runs it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Server {
    pub kind: ServerKind,
    /// CPU per request relative to the same handler on Node.js (interpreter speed); 1 charges
    /// both sides the same handler CPU.
    pub cpu_factor: f64,
    /// The server's own CPU per request (accept, parse, framework), in ms.
    pub overhead_ms: f64,
}

impl Server {
    pub fn side(&self) -> Side {
        match self.kind {
            ServerKind::Node { .. } => Side::Node,
            ServerKind::Gthread { .. }
            | ServerKind::Sync { .. }
            | ServerKind::Asyncio { .. }
            | ServerKind::FreeThreaded { .. } => Side::Python,
        }
    }

    /// Processes the server runs.
    pub fn processes(&self) -> u32 {
        match self.kind {
            ServerKind::Node { processes, .. } => processes,
            ServerKind::Gthread { workers, .. }
            | ServerKind::Sync { workers }
            | ServerKind::Asyncio { workers, .. }
            | ServerKind::FreeThreaded { workers, .. } => workers,
        }
    }

    /// Request slots: requests the server can be working on at once before they queue. Unlimited
    /// (`None`) for event loops, which keep every waiting request going on one thread.
    pub fn request_slots(&self) -> Option<u32> {
        match self.kind {
            ServerKind::Node { .. } | ServerKind::Asyncio { .. } => None,
            ServerKind::Gthread {
                workers, threads, ..
            }
            | ServerKind::FreeThreaded { workers, threads } => Some(workers * threads),
            ServerKind::Sync { workers } => Some(workers),
        }
    }

    /// Whether requests run on event loops (never preempted, one computation per process).
    pub fn is_event_loop(&self) -> bool {
        matches!(
            self.kind,
            ServerKind::Node { .. } | ServerKind::Asyncio { .. }
        )
    }

    /// Whether threads of a process take turns at one GIL.
    pub fn has_gil_threads(&self) -> bool {
        matches!(self.kind, ServerKind::Gthread { .. })
    }

    /// Computations the server can run at the same time on `cores` cores (native code that
    /// releases the GIL aside): one per event loop, one per GIL, one per free thread.
    pub fn cpu_slots(&self, cores: u32) -> u32 {
        let slots = match self.kind {
            ServerKind::Node { processes, .. } => processes,
            ServerKind::Gthread { workers, .. }
            | ServerKind::Sync { workers }
            | ServerKind::Asyncio { workers, .. } => workers,
            ServerKind::FreeThreaded { workers, threads } => workers * threads,
        };
        slots.min(cores).max(1)
    }

    /// The CPU multiplier the engine applies: interpreter speed, and the free-threaded build's
    /// own single-thread cost.
    pub fn cpu_scale(&self) -> f64 {
        match self.kind {
            ServerKind::FreeThreaded { .. } => self.cpu_factor * FREE_THREADED_COST,
            ServerKind::Node { .. }
            | ServerKind::Gthread { .. }
            | ServerKind::Sync { .. }
            | ServerKind::Asyncio { .. } => self.cpu_factor,
        }
    }

    /// How many requests may wait to be started before the kernel drops new connections.
    /// Event loops: the listen backlog (Node 511, uvicorn 2,048), which only fills while one
    /// callback runs. gunicorn: the shared listen backlog of 2,048, plus up to 1,000 accepted
    /// connections per `gthread` worker; a `sync` worker accepts only when it is free.
    pub fn accept_limit(&self) -> u32 {
        match self.kind {
            ServerKind::Node { .. } => defaults::node_backlog(),
            ServerKind::Asyncio { .. } => UVICORN_BACKLOG,
            ServerKind::Gthread { workers, .. } | ServerKind::FreeThreaded { workers, .. } => {
                defaults::gunicorn_backlog() + workers * GTHREAD_WORKER_CONNECTIONS
            }
            ServerKind::Sync { .. } => defaults::gunicorn_backlog(),
        }
    }

    /// The engine model this server runs.
    pub fn model(&self) -> ServerModel {
        let (cpu_scale, overhead_ms) = (self.cpu_scale(), self.overhead_ms);
        let backlog = self.accept_limit();
        match self.kind {
            ServerKind::Node { processes, pool } => ServerModel::EventLoop {
                processes,
                threadpool_size: pool,
                backlog,
                cpu_scale,
                overhead_ms,
            },
            ServerKind::Asyncio { workers, executor } => ServerModel::EventLoop {
                processes: workers,
                threadpool_size: executor,
                backlog,
                cpu_scale,
                overhead_ms,
            },
            ServerKind::Gthread {
                workers,
                threads,
                switch_ms,
            } => ServerModel::Threads {
                processes: workers,
                threads_per_process: threads,
                gil: true,
                switch_interval_ms: switch_ms,
                backlog,
                cpu_scale,
                overhead_ms,
            },
            ServerKind::Sync { workers } => ServerModel::Threads {
                processes: workers,
                threads_per_process: 1,
                gil: true,
                switch_interval_ms: defaults::switch_interval_ms(),
                backlog,
                cpu_scale,
                overhead_ms,
            },
            ServerKind::FreeThreaded { workers, threads } => ServerModel::Threads {
                processes: workers,
                threads_per_process: threads,
                gil: false,
                switch_interval_ms: defaults::switch_interval_ms(),
                backlog,
                cpu_scale,
                overhead_ms,
            },
        }
    }

    /// What one request slot is called, for `n` of them: "thread", "worker processes".
    pub fn slot_noun(&self, n: u64) -> &'static str {
        let one = n == 1;
        match self.kind {
            ServerKind::Node { .. } | ServerKind::Asyncio { .. } => {
                if one {
                    "event loop"
                } else {
                    "event loops"
                }
            }
            ServerKind::Gthread { .. } | ServerKind::FreeThreaded { .. } => {
                if one {
                    "thread"
                } else {
                    "threads"
                }
            }
            ServerKind::Sync { .. } => {
                if one {
                    "worker process"
                } else {
                    "worker processes"
                }
            }
        }
    }

    /// The layout in a few words: "4-process cluster", "gunicorn gthread, 4 workers × 12
    /// threads", "1 sync worker".
    pub fn layout(&self) -> String {
        let procs = |n: u32| plural(n.into(), "process", "processes");
        match self.kind {
            ServerKind::Node { processes: 1, pool } => format!("1 process (libuv pool of {pool})"),
            ServerKind::Node { processes, pool } => {
                format!("a {processes}-process cluster (libuv pool of {pool} each)")
            }
            ServerKind::Gthread {
                workers, threads, ..
            } => format!(
                "gunicorn gthread, {} × {}",
                plural(workers.into(), "worker", "workers"),
                plural(threads.into(), "thread", "threads")
            ),
            ServerKind::Sync { workers } => format!(
                "gunicorn, {}",
                plural(workers.into(), "sync worker", "sync workers")
            ),
            ServerKind::Asyncio { workers, .. } => {
                format!("uvicorn (asyncio), {}", procs(workers))
            }
            ServerKind::FreeThreaded { workers, threads } => format!(
                "free-threaded 3.14t, {} × {}",
                plural(workers.into(), "worker", "workers"),
                plural(threads.into(), "thread", "threads")
            ),
        }
    }

    /// "Node.js: a 4-process cluster": the side and its layout, for titles.
    pub fn title(&self) -> String {
        format!("{}: {}", self.side().name(), self.layout())
    }
}

impl Server {
    /// A timeline lane's name as the visitor reads it: "Event loop · P2", "Thread 3",
    /// "Accept queue", "libuv pool thread 1".
    pub fn lane_label(&self, lane: &Lane) -> String {
        let worker = if self.processes() > 1 {
            format!(" · P{}", lane.process + 1)
        } else {
            String::new()
        };
        let name = match lane.kind {
            LaneKind::Loop => "Event loop".to_string(),
            LaneKind::Queue if self.is_event_loop() => "Waiting for the loop".to_string(),
            LaneKind::Queue => "Accept queue".to_string(),
            LaneKind::Network => "Network I/O in flight".to_string(),
            LaneKind::PoolSlot => match self.kind {
                ServerKind::Node { .. } => format!("libuv pool thread {}", lane.index + 1),
                _ => format!("Executor thread {}", lane.index + 1),
            },
            LaneKind::Thread => match self.kind {
                ServerKind::Sync { .. } => "Worker process".to_string(),
                _ => format!("Thread {}", lane.index + 1),
            },
            LaneKind::Gil => "GIL holder".to_string(),
        };
        format!("{name}{worker}")
    }
}
