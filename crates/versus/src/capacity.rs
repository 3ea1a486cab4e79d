//! One capacity model for every resource a request needs: the cores, each event loop, each GIL,
//! the threads or worker processes, and libuv's pool. Computed from the traffic and the server,
//! not measured, so it says whether a queue can settle at all.
//!
//! A resource that `available` units of serve, with the traffic asking for `needed` of them on
//! average (λ × seconds each request holds one, by Little's law), has load ρ = needed /
//! available. Below 1 its queue has a steady state (long and variable near 1); at 1 or above it
//! has none, and the queue and the latency grow for as long as the run lasts. Measured
//! utilisation cannot tell these apart (it reads near 100 % in both), which is why verdicts ask
//! this module.
//!
//! Request slots (threads, sync workers) are held for the whole request, I/O included, so their
//! demand counts the I/O; it is a lower bound, since waiting for a GIL or a core holds them too.

use crate::format::{count, pct};
use crate::server::{Server, ServerKind};
use crate::settings::Traffic;
use nvp_sim::IoKind;
use serde::{Deserialize, Serialize};

/// A kind of resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResourceKind {
    Cores,
    /// Event loops (one per process), each running one callback at a time.
    EventLoops,
    /// GILs (one per process), each letting one thread run Python at a time.
    Gils,
    /// Threads or sync worker processes, each holding one request from start to finish.
    Slots,
    /// libuv's worker pool (or asyncio's executor), for file, DNS and crypto calls.
    Pool,
}

/// One resource of one server and the traffic's demand on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub kind: ResourceKind,
    /// Units busy on average if nothing queued (λ × seconds held per request).
    pub needed: f64,
    /// Units the server has.
    pub available: f64,
    /// What the units are called: "cores", "threads", "event loops".
    pub noun: String,
}

impl Resource {
    /// Offered load ρ = needed / available; 1 or more means no steady state.
    pub fn load(&self) -> f64 {
        if self.available > 0.0 {
            self.needed / self.available
        } else {
            f64::INFINITY
        }
    }

    pub fn overloaded(&self) -> bool {
        self.load() >= 1.0
    }

    /// "threads: 10.4 needed, 8 available".
    pub fn describe(&self) -> String {
        format!(
            "{}: {} needed, {} available",
            self.noun,
            figure(self.needed),
            count(self.available)
        )
    }

    /// "threads at 130%".
    pub fn at(&self) -> String {
        format!("{} at {}", self.noun, pct(self.load()))
    }
}

/// A demand with one decimal below 100: "10.4", "0.8", "240".
fn figure(x: f64) -> String {
    if x < 100.0 {
        format!("{x:.1}")
    } else {
        count(x)
    }
}

/// Every resource of `server` under `traffic` on `cores` cores, in the order a request meets
/// them. Resources whose demand is zero are left out.
pub fn resources(server: &Server, t: &Traffic, cores: u32) -> Vec<Resource> {
    let rate = t.rate_per_s;
    let handler_s = t.cpu_ms * server.cpu_scale() / 1e3;
    let cpu_s = handler_s + server.overhead_ms / 1e3;
    let native = (t.native_pct / 100.0).clamp(0.0, 1.0);
    let io_s = t.io_ms / 1e3;
    let processes = f64::from(server.processes());
    let mut out = vec![Resource {
        kind: ResourceKind::Cores,
        needed: rate * cpu_s,
        available: f64::from(cores),
        noun: "cores".to_string(),
    }];
    let pool_io = t.io_kind == IoKind::Threadpool && io_s > 0.0;
    match server.kind {
        ServerKind::Node { pool, .. } | ServerKind::Asyncio { executor: pool, .. } => {
            out.push(Resource {
                kind: ResourceKind::EventLoops,
                needed: rate * cpu_s,
                available: processes,
                noun: "event loops".to_string(),
            });
            if pool_io {
                let name = if matches!(server.kind, ServerKind::Node { .. }) {
                    "libuv pool threads"
                } else {
                    "executor threads"
                };
                out.push(Resource {
                    kind: ResourceKind::Pool,
                    needed: rate * io_s,
                    available: processes * f64::from(pool),
                    noun: name.to_string(),
                });
            }
        }
        ServerKind::Gthread { .. } | ServerKind::Sync { .. } | ServerKind::FreeThreaded { .. } => {
            if server.has_gil_threads() {
                out.push(Resource {
                    kind: ResourceKind::Gils,
                    needed: rate * (handler_s * (1.0 - native) + server.overhead_ms / 1e3),
                    available: processes,
                    noun: "GILs".to_string(),
                });
            }
            let slots = server.request_slots().unwrap_or(1);
            out.push(Resource {
                kind: ResourceKind::Slots,
                needed: rate * (cpu_s + io_s),
                available: f64::from(slots),
                noun: server.slot_noun(2).to_string(),
            });
        }
    }
    out.retain(|r| r.needed > 0.0);
    out
}

/// The most loaded resource, if any.
pub fn bottleneck(resources: &[Resource]) -> Option<&Resource> {
    resources
        .iter()
        .max_by(|a, b| a.load().total_cmp(&b.load()))
}

/// The resources at or above capacity.
pub fn overloaded(resources: &[Resource]) -> Vec<&Resource> {
    resources.iter().filter(|r| r.overloaded()).collect()
}

/// What would fix an overloaded resource, in a few words.
pub fn remedy(server: &Server, r: &Resource) -> &'static str {
    match (r.kind, server.kind) {
        (ResourceKind::Cores, _) => "more cores, or less CPU per request",
        (ResourceKind::EventLoops, ServerKind::Node { .. }) => "more Node.js processes (cluster)",
        (ResourceKind::EventLoops, _) => "more uvicorn workers",
        (ResourceKind::Gils, _) => "more worker processes, or the free-threaded build",
        (ResourceKind::Slots, ServerKind::Sync { .. }) => "more sync workers, or gthread threads",
        (ResourceKind::Slots, _) => "more threads per worker, or asyncio",
        (ResourceKind::Pool, ServerKind::Node { .. }) => "a larger UV_THREADPOOL_SIZE",
        (ResourceKind::Pool, _) => "a larger executor",
    }
}
