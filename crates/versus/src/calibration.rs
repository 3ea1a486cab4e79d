//! Each server's own CPU per request: accepting the connection, parsing HTTP, and the framework's
//! dispatch, before and after the handler's own code. Charged on top of the handler CPU, which
//! both sides are charged equally.
//!
//! The figures are measured, not assumed: `./scripts/reality-check.sh` times a handler that does
//! nothing on each real server on this project's machines (each server pinned to one core, an
//! open-loop generator on another, at low load) and subtracts the generator's own round trip.
//! See `docs/validation.md` for the run they come from. They replace the earlier hello-world
//! ratio (Node `http` against FastAPI), which compared a bare server with a full framework.

use crate::server::ServerKind;

/// Node.js `http`: ms of CPU per request.
pub const NODE_HTTP_MS: f64 = 0.06;
/// gunicorn `gthread` with a plain WSGI app.
pub const GUNICORN_GTHREAD_MS: f64 = 0.30;
/// gunicorn `sync` with a plain WSGI app.
pub const GUNICORN_SYNC_MS: f64 = 0.22;
/// uvicorn with a plain ASGI app.
pub const UVICORN_MS: f64 = 0.18;

/// The measured per-request cost of a server kind, in ms.
pub fn overhead_ms(kind: &ServerKind) -> f64 {
    match kind {
        ServerKind::Node { .. } => NODE_HTTP_MS,
        ServerKind::Gthread { .. } | ServerKind::FreeThreaded { .. } => GUNICORN_GTHREAD_MS,
        ServerKind::Sync { .. } => GUNICORN_SYNC_MS,
        ServerKind::Asyncio { .. } => UVICORN_MS,
    }
}
