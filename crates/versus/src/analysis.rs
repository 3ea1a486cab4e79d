//! Facts read off a recorded timeline: the longest block of an event loop, the moments every
//! thread is stuck in I/O, how many threads queue for one GIL, what runs in parallel, and what is
//! happening at any instant. The narration turns these into sentences; the playback readout uses
//! [`snapshot`] on every frame, so it is one pass over the spans with no allocation per span.

use nvp_sim::{Lane, LaneKind, Span, SpanState, Trace};

fn lane_of<'a>(trace: &'a Trace, span: &Span) -> Option<&'a Lane> {
    trace.lanes.get(span.lane as usize)
}

fn is_kind(trace: &Trace, span: &Span, kind: LaneKind) -> bool {
    lane_of(trace, span).is_some_and(|l| l.kind == kind)
}

/// An event loop running one CPU phase while others wait behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopBlock {
    pub process: u32,
    pub start_ms: f64,
    pub length_ms: f64,
    /// Requests in the same loop's queue when the phase ends.
    pub waiting: u32,
}

/// Queue spans of each process, as sorted starts and sorted ends, so "how many wait at `t`"
/// is two binary searches instead of a pass over every span.
struct QueueIndex {
    starts: Vec<Vec<f64>>,
    ends: Vec<Vec<f64>>,
}

impl QueueIndex {
    fn new(trace: &Trace) -> QueueIndex {
        let processes = trace.lanes.iter().map(|l| l.process + 1).max().unwrap_or(0) as usize;
        let mut starts = vec![Vec::new(); processes];
        let mut ends = vec![Vec::new(); processes];
        for q in &trace.spans {
            if q.state != SpanState::Queued {
                continue;
            }
            if let Some(l) = lane_of(trace, q).filter(|l| l.kind == LaneKind::Queue) {
                starts[l.process as usize].push(q.start_ms);
                ends[l.process as usize].push(q.end_ms);
            }
        }
        for v in starts.iter_mut().chain(ends.iter_mut()) {
            v.sort_by(f64::total_cmp);
        }
        QueueIndex { starts, ends }
    }

    /// Queue spans of `process` with `start < t < end`.
    fn waiting_at(&self, process: u32, t: f64) -> u32 {
        let p = process as usize;
        let (Some(starts), Some(ends)) = (self.starts.get(p), self.ends.get(p)) else {
            return 0;
        };
        let started = starts.partition_point(|&x| x < t);
        let ended = ends.partition_point(|&x| x <= t);
        started.saturating_sub(ended) as u32
    }
}

/// The loop block that kept the most requests waiting (ties: the longer one), among CPU phases that
/// start inside the window `[from_ms, to_ms]`.
pub fn worst_loop_block(trace: &Trace, from_ms: f64, to_ms: f64) -> Option<LoopBlock> {
    let queues = QueueIndex::new(trace);
    let mut best: Option<LoopBlock> = None;
    for s in &trace.spans {
        if s.state != SpanState::RunningCpu || s.start_ms < from_ms || s.start_ms > to_ms {
            continue;
        }
        let Some(lane) = lane_of(trace, s).filter(|l| l.kind == LaneKind::Loop) else {
            continue;
        };
        let cand = LoopBlock {
            process: lane.process,
            start_ms: s.start_ms,
            length_ms: s.end_ms - s.start_ms,
            waiting: queues.waiting_at(lane.process, s.end_ms),
        };
        let better = match &best {
            None => true,
            Some(b) => (cand.waiting, cand.length_ms) > (b.waiting, b.length_ms),
        };
        if better {
            best = Some(cand);
        }
    }
    best
}

/// Change points (+1 at a start, −1 at an end) of the spans `keep` selects, sorted by time with
/// ends before starts at the same instant, so a hand-over never counts twice.
fn steps(trace: &Trace, keep: impl Fn(&Span) -> bool) -> Vec<(f64, i32)> {
    let mut ev = Vec::new();
    for s in trace.spans.iter().filter(|s| keep(s)) {
        ev.push((s.start_ms, 1));
        ev.push((s.end_ms, -1));
    }
    ev.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    ev
}

/// The highest count of selected spans overlapping at one instant within the window, and when it
/// first happens.
pub fn peak(trace: &Trace, from_ms: f64, to_ms: f64, keep: impl Fn(&Span) -> bool) -> (u32, f64) {
    let mut level = 0i32;
    let mut best = (0u32, from_ms);
    let ev = steps(trace, keep);
    let mut i = 0;
    while i < ev.len() {
        let t = ev[i].0;
        while i < ev.len() && ev[i].0 == t {
            level += ev[i].1;
            i += 1;
        }
        let at = t.max(from_ms);
        if at <= to_ms && level.max(0) as u32 > best.0 {
            best = (level as u32, at);
        }
    }
    best
}

/// When all of a threaded server's threads were blocked in I/O while requests queued.
#[derive(Clone, Debug, PartialEq)]
pub struct Starved {
    /// First instant in the window it happens.
    pub first_ms: f64,
    /// Requests in the accept queue at that instant.
    pub queued_then: u32,
    /// Share of the window it lasts.
    pub share: f64,
}

/// Sweeps the thread lanes: the moments when all `threads` threads wait on I/O and the accept
/// queue is not empty.
pub fn all_threads_in_io(trace: &Trace, threads: u32, from_ms: f64, to_ms: f64) -> Option<Starved> {
    if threads == 0 || to_ms <= from_ms {
        return None;
    }
    // Two counters in one sweep: code 1 = a thread in I/O, code 2 = a queued request.
    let mut ev: Vec<(f64, i32, u8)> = Vec::new();
    for s in &trace.spans {
        let code = match (lane_of(trace, s).map(|l| l.kind), s.state) {
            (Some(LaneKind::Thread), SpanState::WaitingIo) => 1,
            (Some(LaneKind::Queue), SpanState::Queued) => 2,
            _ => continue,
        };
        ev.push((s.start_ms, 1, code));
        ev.push((s.end_ms, -1, code));
    }
    ev.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let (mut io, mut queued) = (0i32, 0i32);
    let mut first: Option<(f64, u32)> = None;
    let mut total = 0.0;
    let mut since: Option<f64> = None;
    let mut i = 0;
    while i < ev.len() {
        let t = ev[i].0;
        if t > to_ms {
            break;
        }
        while i < ev.len() && ev[i].0 == t {
            let (_, d, code) = ev[i];
            if code == 1 {
                io += d
            } else {
                queued += d
            }
            i += 1;
        }
        let on = io >= threads as i32 && queued > 0;
        match (on, since) {
            (true, None) => since = Some(t),
            (false, Some(s0)) => {
                if t > from_ms {
                    total += t - s0.max(from_ms);
                }
                since = None;
            }
            _ => {}
        }
        // The first instant inside the window where it holds; the queue is counted then.
        if on && first.is_none() && t >= from_ms {
            first = Some((t, queued as u32));
        } else if on && first.is_none() && ev.get(i).is_none_or(|n| n.0 > from_ms) {
            first = Some((from_ms, queued as u32));
        }
    }
    if let Some(s0) = since {
        total += to_ms - s0.max(from_ms);
    }
    first.map(|(first_ms, queued_then)| Starved {
        first_ms,
        queued_then,
        share: (total / (to_ms - from_ms)).clamp(0.0, 1.0),
    })
}

/// The most threads of one process wanting the CPU at once (running or waiting for its GIL).
#[derive(Clone, Debug, PartialEq)]
pub struct GilQueue {
    pub process: u32,
    pub wanting: u32,
    pub at_ms: f64,
}

pub fn gil_contention(trace: &Trace, from_ms: f64, to_ms: f64) -> Option<GilQueue> {
    let processes = trace
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Thread)
        .map(|l| l.process + 1)
        .max()
        .unwrap_or(0);
    let mut best: Option<GilQueue> = None;
    for p in 0..processes {
        let (wanting, at_ms) = peak(trace, from_ms, to_ms, |s| {
            matches!(s.state, SpanState::RunningCpu | SpanState::WaitingGil)
                && lane_of(trace, s).is_some_and(|l| l.kind == LaneKind::Thread && l.process == p)
        });
        if best.as_ref().is_none_or(|b| wanting > b.wanting) {
            best = Some(GilQueue {
                process: p,
                wanting,
                at_ms,
            });
        }
    }
    best.filter(|b| b.wanting >= 2)
}

/// The most CPU phases running at the same instant, on threads or on loops.
pub fn parallel_cpu(trace: &Trace, from_ms: f64, to_ms: f64) -> (u32, f64) {
    peak(trace, from_ms, to_ms, |s| {
        s.state == SpanState::RunningCpu
            && lane_of(trace, s)
                .is_some_and(|l| matches!(l.kind, LaneKind::Thread | LaneKind::Loop))
    })
}

/// What one server is doing at an instant, counted over its lanes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Requests running CPU (on a loop or a thread).
    pub running: u32,
    pub waiting_gil: u32,
    /// Requests in I/O: on the network, on a pool slot, or blocking a thread.
    pub in_io: u32,
    /// Requests waiting to start or to get back on a loop.
    pub queued: u32,
    /// Threads holding a request (threads model only).
    pub threads_busy: u32,
    pub pool_busy: u32,
}

/// Counts the spans that contain `t_ms`.
pub fn snapshot(trace: &Trace, t_ms: f64) -> Snapshot {
    let mut n = Snapshot::default();
    for s in &trace.spans {
        if s.start_ms > t_ms || s.end_ms <= t_ms {
            continue;
        }
        let Some(kind) = lane_of(trace, s).map(|l| l.kind) else {
            continue;
        };
        match (kind, s.state) {
            (LaneKind::Gil, _) => continue,
            (_, SpanState::RunningCpu) => n.running += 1,
            (_, SpanState::WaitingGil) => n.waiting_gil += 1,
            (_, SpanState::WaitingIo) => n.in_io += 1,
            (_, SpanState::Queued) => n.queued += 1,
        }
        if kind == LaneKind::Thread {
            n.threads_busy += 1;
        }
        if kind == LaneKind::PoolSlot {
            n.pool_busy += 1;
        }
    }
    n
}

/// Every instant in `[from, to]` where something changes on any lane, sorted and de-duplicated to
/// `min_gap_ms`: the stops of the timeline's "step" buttons.
pub fn change_points(trace: &Trace, from_ms: f64, to_ms: f64, min_gap_ms: f64) -> Vec<f64> {
    let mut t: Vec<f64> = trace
        .spans
        .iter()
        .filter(|s| !is_kind(trace, s, LaneKind::Gil))
        .flat_map(|s| [s.start_ms, s.end_ms])
        .filter(|x| *x >= from_ms && *x <= to_ms)
        .collect();
    t.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::with_capacity(t.len());
    for x in t {
        if out.last().is_none_or(|l| x - l >= min_gap_ms) {
            out.push(x);
        }
    }
    out
}

/// Where the timeline's "step" buttons go from `offset_ms` (measured from the window start
/// `from_ms`): the next change on either side's lanes (`forward`), or the previous one; the
/// window's end or start when there is none. Changes closer than a quarter of a millisecond to
/// the cursor are skipped, so a step always moves.
pub fn next_stop(
    traces: &[&Trace],
    from_ms: f64,
    len_ms: f64,
    offset_ms: f64,
    forward: bool,
) -> f64 {
    let mut stops: Vec<f64> = traces
        .iter()
        .flat_map(|t| change_points(t, from_ms, from_ms + len_ms, 0.5))
        .map(|x| x - from_ms)
        .collect();
    stops.sort_by(f64::total_cmp);
    if forward {
        stops
            .into_iter()
            .find(|t| *t > offset_ms + 0.25)
            .unwrap_or(len_ms)
    } else {
        stops
            .into_iter()
            .rev()
            .find(|t| *t < offset_ms - 0.25)
            .unwrap_or(0.0)
    }
}
