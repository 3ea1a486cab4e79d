//! The bounded timeline that the UI draws: lanes (a loop, a thread, a pool slot, a GIL, a queue) and the
//! spans each request spends on them.
//!
//! Only spans that overlap the caller's window are kept, and never more than the caller's cap, so a long
//! or overloaded run cannot grow the trace; `truncated` tells the UI that the picture is incomplete.

use serde::{Deserialize, Serialize};

/// What a lane stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    /// An event loop (one per process).
    Loop,
    /// A worker thread of the threads model.
    Thread,
    /// A slot of a process's libuv-style worker pool.
    PoolSlot,
    /// A process's GIL: spans show who holds it.
    Gil,
    /// Requests waiting: a loop's ready queue, or the shared accept queue.
    Queue,
    /// Network I/O in flight for a process (unlimited, so spans overlap).
    Network,
}

/// One row of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    /// Index of this lane in `Trace::lanes`; spans refer to it.
    pub id: u32,
    pub kind: LaneKind,
    pub process: u32,
    /// Index within the process (thread or pool slot number); 0 for single lanes.
    pub index: u32,
    pub label: String,
}

/// What a request is doing during a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanState {
    RunningCpu,
    WaitingGil,
    WaitingIo,
    Queued,
}

/// One request on one lane for a time interval (milliseconds of simulated time).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub lane: u32,
    pub request: u64,
    pub start_ms: f64,
    pub end_ms: f64,
    pub state: SpanState,
}

/// The recorded timeline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    pub lanes: Vec<Lane>,
    pub spans: Vec<Span>,
    /// True when spans in the window were dropped because the cap was reached.
    pub truncated: bool,
}

/// Collects spans during a run; a no-op apart from one branch when no window was asked for.
#[derive(Debug)]
pub(crate) struct TraceRecorder {
    window: Option<(f64, f64)>,
    cap: usize,
    trace: Trace,
}

impl TraceRecorder {
    pub fn new(window: Option<(f64, f64)>, cap: usize) -> Self {
        TraceRecorder {
            window,
            cap,
            trace: Trace::default(),
        }
    }

    /// Whether lanes and spans are being recorded at all.
    #[inline]
    pub fn enabled(&self) -> bool {
        self.window.is_some()
    }

    /// Adds a lane and returns its id. Lanes are only kept when tracing, but ids are handed out anyway
    /// so models need not special-case the untraced run.
    pub fn lane(
        &mut self,
        kind: LaneKind,
        process: u32,
        index: u32,
        label: impl FnOnce() -> String,
    ) -> u32 {
        if !self.enabled() {
            return 0;
        }
        let id = self.trace.lanes.len() as u32;
        self.trace.lanes.push(Lane {
            id,
            kind,
            process,
            index,
            label: label(),
        });
        id
    }

    /// Records a finished span (times in seconds) if it overlaps the window and the cap allows.
    #[inline]
    pub fn span(&mut self, lane: u32, request: u64, start_s: f64, end_s: f64, state: SpanState) {
        let Some((from, to)) = self.window else {
            return;
        };
        // Zero-length spans (a wait that did not happen) carry nothing worth drawing.
        if end_s <= start_s || end_s < from || start_s > to {
            return;
        }
        if self.trace.spans.len() >= self.cap {
            self.trace.truncated = true;
            return;
        }
        self.trace.spans.push(Span {
            lane,
            request,
            start_ms: start_s * 1e3,
            end_ms: end_s * 1e3,
            state,
        });
    }

    pub fn finish(self) -> Trace {
        self.trace
    }
}
