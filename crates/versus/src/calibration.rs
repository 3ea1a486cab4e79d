//! Each server's own CPU per request: accepting the connection, parsing HTTP, and the framework's
//! dispatch, before and after the handler's own code. Charged on top of the handler CPU, which
//! both sides are charged equally.
//!
//! The figures are measured, not assumed: `./scripts/reality-check.sh` serves zero-work requests
//! on each real server on this project's 2-core machine (server pinned to one core, an open-loop
//! generator on the other, a new connection per request, no framework) and divides the server
//! processes' CPU time by the requests served. A server's cost per request falls as it gets busier
//! (fewer wake-ups per request), so these are the figures at 1,000 requests/s, the busy end that
//! decides whether a server keeps up; at 100/s each is about twice as high. See the calibration
//! table in `docs/validation.md` (run of 2026-12-01 18:27 UTC) for both columns. They replace the earlier
//! hello-world ratio (Node `http` against FastAPI), which compared a bare server with a full
//! framework. Free-threaded CPython has no measurement of its own yet and takes gthread's.

use crate::server::ServerKind;

/// Node.js 20 `http`: ms of CPU per request.
pub const NODE_HTTP_MS: f64 = 0.44;
/// gunicorn `gthread` (1 worker × 8 threads) with a plain WSGI app, CPython 3.11.
pub const GUNICORN_GTHREAD_MS: f64 = 0.42;
/// gunicorn `sync` with a plain WSGI app.
pub const GUNICORN_SYNC_MS: f64 = 0.46;
/// uvicorn (uvloop, httptools) with a plain ASGI app.
pub const UVICORN_MS: f64 = 0.26;

/// The measured per-request cost of a server kind, in ms.
pub fn overhead_ms(kind: &ServerKind) -> f64 {
    match kind {
        ServerKind::Node { .. } => NODE_HTTP_MS,
        ServerKind::Gthread { .. } | ServerKind::FreeThreaded { .. } => GUNICORN_GTHREAD_MS,
        ServerKind::Sync { .. } => GUNICORN_SYNC_MS,
        ServerKind::Asyncio { .. } => UVICORN_MS,
    }
}
