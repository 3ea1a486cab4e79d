//! How each side's server is configured: by the rule its own experts follow (Tuned), as shipped
//! (Out of the box), or by the visitor (Custom). Each rule is one function and one sentence the
//! panel shows, so a reader can check it against the sources named here.
//!
//! **Tuned** (the default):
//! - Node.js: one process per core under `cluster` or PM2 (`pm2 start app.js -i max`), as the
//!   Node.js cluster docs and PM2's cluster mode describe. libuv's pool stays at its default of 4
//!   unless the I/O uses it, when `UV_THREADPOOL_SIZE` is raised to cover the demand (Little's
//!   law, λ × wait, with 30 % headroom).
//! - Python, request/response traffic that mostly waits: gunicorn's `gthread` worker, one worker
//!   per core, threads per worker sized by Little's law for the demand with 30 % headroom
//!   (gunicorn's design docs: workers per core, threads for I/O-bound apps).
//! - Python, CPU-heavy traffic (CPU at least half a request's own time): gunicorn `sync`
//!   workers, at least one per core and enough to cover the demand with headroom (processes sidestep
//!   the GIL; gunicorn suggests 2–4 per core).
//! - Python, long-lived connections (WebSockets, streams): uvicorn with one asyncio worker per
//!   core (uvicorn's deployment docs), as FastAPI serves WebSockets.
//! - Both sides are charged the same handler CPU; each server's own per-request cost (parsing,
//!   framework) comes from [`crate::calibration`].
//!
//! **Out of the box**: one Node.js process; `gunicorn app:app` (one sync worker) for
//! request/response traffic, `uvicorn app:app` (one asyncio worker) for long-lived connections.

use crate::calibration;
use crate::server::{Server, ServerKind, Side};
use crate::settings::{Config, CustomServers, PyMode, Settings, Traffic};
use nvp_sim::IoKind;

/// Highest share of a resource a tuned server plans to use: 30 % headroom.
pub const TUNED_LOAD: f64 = 0.7;
/// libuv's default pool size.
pub const LIBUV_DEFAULT_POOL: u32 = 4;
/// libuv's largest pool.
pub const LIBUV_MAX_POOL: u32 = 1_024;
/// Fewest threads a tuned `gthread` worker runs (gunicorn's docs start at 2–4).
pub const MIN_TUNED_THREADS: u32 = 2;
/// CPython's default GIL switch interval.
pub const SWITCH_MS: f64 = 5.0;

/// asyncio's default executor size for blocking calls, `min(32, cores + 4)`.
pub fn asyncio_executor_threads(cores: u32) -> u32 {
    (cores + 4).min(32)
}

/// Whether CPU makes up at least half of a request's own time.
pub fn cpu_heavy(t: &Traffic) -> bool {
    nvp_content::cpu_share(t.cpu_ms, t.io_ms) >= 0.5
}

/// Mean seconds a request holds a request slot when nothing queues: its CPU (with a factor and
/// an overhead) and its I/O.
fn holding_s(t: &Traffic, cpu_factor: f64, overhead_ms: f64) -> f64 {
    (t.cpu_ms * cpu_factor + overhead_ms + t.io_ms) / 1e3
}

/// Slots that cover `demand` (in busy slots) at [`TUNED_LOAD`].
fn slots_for(demand: f64) -> u32 {
    (demand / TUNED_LOAD).ceil().clamp(1.0, 100_000.0) as u32
}

fn server(kind: ServerKind) -> Server {
    Server {
        kind,
        cpu_factor: 1.0,
        overhead_ms: calibration::overhead_ms(&kind),
    }
}

fn tuned(side: Side, t: &Traffic, cores: u32) -> Server {
    match side {
        Side::Node => {
            let processes = cores;
            let pool = if t.io_kind == IoKind::Threadpool {
                let per_process = t.rate_per_s / f64::from(processes) * t.io_ms / 1e3;
                slots_for(per_process).clamp(LIBUV_DEFAULT_POOL, LIBUV_MAX_POOL)
            } else {
                LIBUV_DEFAULT_POOL
            };
            server(ServerKind::Node { processes, pool })
        }
        Side::Python if t.long_lived => server(ServerKind::Asyncio {
            workers: cores,
            executor: asyncio_executor_threads(cores),
        }),
        Side::Python => {
            if cpu_heavy(t) {
                tuned_python_as(PyMode::Processes, t, cores)
            } else {
                tuned_python_as(PyMode::Threads, t, cores)
            }
        }
    }
}

fn out_of_box(side: Side, t: &Traffic) -> Server {
    match side {
        Side::Node => server(ServerKind::Node {
            processes: 1,
            pool: LIBUV_DEFAULT_POOL,
        }),
        Side::Python if t.long_lived => server(ServerKind::Asyncio {
            workers: 1,
            executor: asyncio_executor_threads(1),
        }),
        Side::Python => server(ServerKind::Sync { workers: 1 }),
    }
}

fn custom(side: Side, s: &Settings) -> Server {
    let c = &s.custom;
    match side {
        Side::Node => server(ServerKind::Node {
            processes: c.node_processes,
            pool: c.node_pool,
        }),
        Side::Python => {
            let kind = match c.py_mode {
                PyMode::Threads => ServerKind::Gthread {
                    workers: c.py_processes,
                    threads: c.py_threads,
                    switch_ms: c.switch_ms,
                },
                PyMode::Processes => ServerKind::Sync {
                    workers: c.py_processes,
                },
                PyMode::Asyncio => ServerKind::Asyncio {
                    workers: c.py_processes,
                    executor: asyncio_executor_threads(s.cores),
                },
                PyMode::FreeThreaded => ServerKind::FreeThreaded {
                    workers: c.py_processes,
                    threads: c.py_threads,
                },
            };
            Server {
                cpu_factor: c.cpu_factor,
                ..server(kind)
            }
        }
    }
}

/// Both servers, Node.js first, as the settings configure them.
pub fn servers(s: &Settings) -> [Server; 2] {
    Side::BOTH.map(|side| match s.config {
        Config::Tuned => tuned(side, &s.traffic, s.cores),
        Config::OutOfBox => out_of_box(side, &s.traffic),
        Config::Custom => custom(side, s),
    })
}

/// The Python server of a given kind, sized as its experts would size that kind for this
/// traffic and these cores (the compact view's one switch). The tuned configuration picks the
/// kind itself; this keeps the sizing rules and lets the visitor pick the kind.
pub fn tuned_python_as(mode: PyMode, t: &Traffic, cores: u32) -> Server {
    // Busy request slots (Little's law), each kind with its own measured cost per request.
    let demand =
        |kind: ServerKind| t.rate_per_s * holding_s(t, 1.0, calibration::overhead_ms(&kind));
    let threaded = demand(ServerKind::Gthread {
        workers: 1,
        threads: 1,
        switch_ms: SWITCH_MS,
    });
    let sync = demand(ServerKind::Sync { workers: 1 });
    server(match mode {
        PyMode::Threads => ServerKind::Gthread {
            workers: cores,
            threads: slots_for(threaded / f64::from(cores)).max(MIN_TUNED_THREADS),
            switch_ms: SWITCH_MS,
        },
        PyMode::Processes => ServerKind::Sync {
            workers: slots_for(sync).max(cores),
        },
        PyMode::Asyncio => ServerKind::Asyncio {
            workers: cores,
            executor: asyncio_executor_threads(cores),
        },
        // No GIL, so one process can use every core; threads cover the demand and the cores.
        PyMode::FreeThreaded => ServerKind::FreeThreaded {
            workers: 1,
            threads: slots_for(threaded).max(cores).max(MIN_TUNED_THREADS),
        },
    })
}

/// The kind of Python server these settings run.
pub fn python_mode(s: &Settings) -> PyMode {
    match servers(s)[1].kind {
        ServerKind::Sync { .. } => PyMode::Processes,
        ServerKind::Asyncio { .. } => PyMode::Asyncio,
        ServerKind::FreeThreaded { .. } => PyMode::FreeThreaded,
        ServerKind::Gthread { .. } | ServerKind::Node { .. } => PyMode::Threads,
    }
}

/// Settings that run the tuned Node.js server against the Python server of kind `mode`, sized
/// by [`tuned_python_as`]. They are Custom settings, so the panel shows the exact numbers.
pub fn with_python_mode(s: &Settings, mode: PyMode) -> Settings {
    let node = tuned(Side::Node, &s.traffic, s.cores);
    as_custom(s, [node, tuned_python_as(mode, &s.traffic, s.cores)])
}

/// The Custom numbers that reproduce `servers` (the asyncio executor and switch interval follow
/// from the cores and the defaults, as in every configuration).
pub fn as_custom(s: &Settings, servers: [Server; 2]) -> Settings {
    let mut custom = CustomServers {
        cpu_factor: servers[1].cpu_factor,
        ..s.custom.clone()
    };
    if let ServerKind::Node { processes, pool } = servers[0].kind {
        custom.node_processes = processes;
        custom.node_pool = pool;
    }
    match servers[1].kind {
        ServerKind::Gthread {
            workers,
            threads,
            switch_ms,
        } => {
            custom.py_mode = PyMode::Threads;
            custom.py_processes = workers;
            custom.py_threads = threads;
            custom.switch_ms = switch_ms;
        }
        ServerKind::Sync { workers } => {
            custom.py_mode = PyMode::Processes;
            custom.py_processes = workers;
        }
        ServerKind::Asyncio { workers, .. } => {
            custom.py_mode = PyMode::Asyncio;
            custom.py_processes = workers;
        }
        ServerKind::FreeThreaded { workers, threads } => {
            custom.py_mode = PyMode::FreeThreaded;
            custom.py_processes = workers;
            custom.py_threads = threads;
        }
        ServerKind::Node { .. } => {}
    }
    Settings {
        config: Config::Custom,
        custom,
        ..s.clone()
    }
}

/// Why the tuned Python server has the layout it has, in a few words.
fn tuned_python_reason(python: &Server) -> &'static str {
    match python.kind {
        ServerKind::Asyncio { .. } => "one asyncio worker per core, as long-lived connections need",
        ServerKind::Sync { .. } => "processes, since CPU dominates and each has its own GIL",
        ServerKind::Gthread { .. } => {
            "one worker per core, threads sized for the traffic with 30% headroom"
        }
        ServerKind::Node { .. } | ServerKind::FreeThreaded { .. } => "",
    }
}

/// One sentence on how each side was configured and why, for the panel.
pub fn explain(s: &Settings, servers: &[Server; 2]) -> String {
    let [node, python] = servers;
    match s.config {
        Config::Tuned => format!(
            "Tuned for {} cores, as each side's experts would run it. Node.js: {}, one process \
             per core. Python: {}, {}. Both are charged the same handler CPU.",
            s.cores,
            node.layout(),
            python.layout(),
            tuned_python_reason(python),
        ),
        Config::OutOfBox => {
            let python_default = match python.kind {
                ServerKind::Asyncio { .. } => "uvicorn's default is one asyncio worker",
                _ => "gunicorn's default is one sync worker, which serves one request at a time",
            };
            format!(
                "Shipped defaults, as many first deployments run: one Node.js process; \
                 {python_default}. Neither uses more than one core."
            )
        }
        Config::Custom => format!(
            "Your own numbers: Node.js as {}; Python as {}{}.",
            node.layout(),
            python.layout(),
            if python.cpu_factor == 1.0 {
                String::new()
            } else {
                format!(
                    ", charged {}× Node's CPU",
                    crate::format::plain(python.cpu_factor)
                )
            }
        ),
    }
}
