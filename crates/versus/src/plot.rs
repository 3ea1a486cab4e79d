//! Geometry for the charts and the timeline: tick values, scales and the pixel binning that keeps
//! the SVG small however many spans a run records.
//!
//! The view draws in a fixed coordinate space (the SVG `viewBox`) and lets the browser scale it, so
//! everything here is plain numbers and path strings, testable without a browser.

use nvp_sim::{LaneKind, QuantilePoint, QueuePoint, Span, SpanState, Trace};
use std::fmt::Write as _;

/// About `target` round tick values covering `[lo, hi]` (steps of 1, 2 or 5 × 10ⁿ).
pub fn ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || target == 0 {
        return vec![lo];
    }
    let raw = (hi - lo) / target as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() * step;
    let mut out = Vec::new();
    let mut i = 0.0;
    loop {
        let v = first + i * step;
        if v > hi + step * 1e-9 {
            break;
        }
        // Snap away binary noise such as 0.30000000000000004 by printing at the step's precision.
        let decimals = (-step.log10().floor()).max(0.0) as usize;
        out.push(format!("{v:.decimals$}").parse().unwrap_or(v));
        i += 1.0;
    }
    out
}

/// The smallest round value (1, 2 or 5 × 10ⁿ) at or above `x`, for an axis maximum.
pub fn nice_ceiling(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|v| *v >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * mag)
}

/// Decades covering `[lo, hi]` milliseconds for a log axis, e.g. 1, 10, 100, 1000.
pub fn decades(lo: f64, hi: f64) -> Vec<f64> {
    let lo = lo.max(0.01);
    let hi = hi.max(lo * 10.0);
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    (a..=b).map(|e| 10f64.powi(e)).collect()
}

/// An axis label for milliseconds: "0.1 ms", "20 ms", "1 s", "30 s".
pub fn ms_tick(x: f64) -> String {
    if x >= 1_000.0 {
        format!("{} s", crate::format::plain(x / 1e3))
    } else {
        format!("{} ms", crate::format::plain(x))
    }
}

/// Maps a domain interval onto a pixel interval, linearly or by log10.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
    pub log: bool,
}

impl Scale {
    pub fn linear(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        Scale {
            d0,
            d1,
            r0,
            r1,
            log: false,
        }
    }

    pub fn log(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        Scale {
            d0: d0.max(1e-9),
            d1: d1.max(d0.max(1e-9) * 10.0),
            r0,
            r1,
            log: true,
        }
    }

    pub fn at(&self, x: f64) -> f64 {
        let f = if self.log {
            let x = x.clamp(self.d0, self.d1);
            (x.log10() - self.d0.log10()) / (self.d1.log10() - self.d0.log10())
        } else if self.d1 > self.d0 {
            (x - self.d0) / (self.d1 - self.d0)
        } else {
            0.0
        };
        self.r0 + f.clamp(0.0, 1.0) * (self.r1 - self.r0)
    }
}

/// A path through points, one decimal per coordinate.
pub fn polyline(points: impl IntoIterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.into_iter().enumerate() {
        let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
    }
    d
}

/// Title of the chart drawn from [`waiting_for_server`]: what both lines count.
pub const QUEUE_CHART_TITLE: &str =
    "Requests waiting for the server (not running and not in I/O), over time";
/// Note under that chart: how the threaded line is derived and why it is a lower bound.
pub const QUEUE_CHART_NOTE: &str = "Each point is an average over a slice of the run. For \
     Python's threads it counts the accept queue plus the threads that had a request but were \
     waiting for the GIL or a core, estimated from those averages; the true figure can only be \
     higher.";

/// Requests in the server that are neither running on a CPU nor waiting on I/O, the same measure
/// for both models, so the two lines compare.
///
/// - Event loops: `busy` counts loops running CPU, so `in_system − busy − in_io` is exactly the
///   work waiting for a loop (not-yet-started requests and second CPU phases back from I/O).
/// - Threads: `in_system = queued + busy` (a thread holds its request from start to finish), and
///   `busy − in_io` threads want CPU, of which at most `cpu_slots` run at once (one per GIL, or one
///   per core without a GIL; pass [`crate::server::Server::cpu_slots`]). So the waiting count is
///   `queued + max(0, busy − in_io − cpu_slots)`. The series holds time averages per bucket, not
///   instants, and the average of `max(0, x − c)` is at least `max(0, average − c)` (convexity);
///   also fewer than `cpu_slots` may run when the CPU-wanting threads share a process. So for
///   threads this is a lower bound on the true average, said in [`QUEUE_CHART_NOTE`].
pub fn waiting_for_server(p: &QueuePoint, event_loop: bool, cpu_slots: u32) -> f64 {
    if event_loop {
        (p.in_system - p.busy - p.in_io).max(0.0)
    } else {
        let wanting_cpu = (p.busy - p.in_io).max(0.0);
        p.queued.max(0.0) + (wanting_cpu - f64::from(cpu_slots)).max(0.0)
    }
}

/// A server's whole waiting series for the chart: `(bucket start in s, requests waiting)`.
pub fn waiting_series(
    server: &crate::server::Server,
    cores: u32,
    r: &nvp_sim::SimResult,
) -> Vec<(f64, f64)> {
    let event_loop = server.is_event_loop();
    let slots = server.cpu_slots(cores);
    r.queue_series
        .iter()
        .map(|q| (q.t_s, waiting_for_server(q, event_loop, slots)))
        .collect()
}

/// One drawn bar on a timeline lane: spans of one state merged where they meet within a pixel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub w: f64,
    pub state: SpanState,
}

/// Lanes whose spans overlap (queues, network I/O) are drawn as a count, not as bars.
pub fn is_count_lane(kind: LaneKind) -> bool {
    matches!(kind, LaneKind::Queue | LaneKind::Network)
}

/// The trace's spans grouped by lane, in one pass (drawing lane by lane would rescan every span
/// for every lane).
pub fn by_lane(trace: &Trace) -> Vec<Vec<Span>> {
    let mut out = vec![Vec::new(); trace.lanes.len()];
    for s in &trace.spans {
        if let Some(l) = out.get_mut(s.lane as usize) {
            l.push(*s);
        }
    }
    out
}

/// Bars for one exclusive lane's spans over the window `[from, to]` ms drawn `width` units wide.
pub fn bars(spans: &[Span], from: f64, to: f64, width: f64) -> Vec<Bar> {
    let x = Scale::linear(from, to, 0.0, width);
    let mut spans: Vec<_> = spans
        .iter()
        .filter(|s| s.end_ms > from && s.start_ms < to)
        .collect();
    spans.sort_by(|a, b| a.start_ms.total_cmp(&b.start_ms));
    let mut out: Vec<Bar> = Vec::new();
    for s in spans {
        let (x0, x1) = (x.at(s.start_ms), x.at(s.end_ms));
        if let Some(last) = out.last_mut()
            && last.state == s.state
            && x0 - (last.x + last.w) < 1.0
        {
            last.w = (x1 - last.x).max(last.w);
            continue;
        }
        out.push(Bar {
            x: x0,
            w: x1 - x0,
            state: s.state,
        });
    }
    for b in &mut out {
        b.w = b.w.max(0.6);
    }
    out
}

/// A count lane as the highest number of overlapping spans in each of `columns` columns; returns
/// the levels and their maximum.
pub fn levels(spans: &[Span], from: f64, to: f64, columns: usize) -> (Vec<u32>, u32) {
    let mut ev: Vec<(f64, i32)> = Vec::new();
    for s in spans {
        if s.end_ms > from && s.start_ms < to {
            ev.push((s.start_ms, 1));
            ev.push((s.end_ms, -1));
        }
    }
    ev.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let columns = columns.max(1);
    let mut out = vec![0u32; columns];
    let col = |t: f64| -> usize {
        (((t - from) / (to - from)) * columns as f64)
            .floor()
            .clamp(0.0, (columns - 1) as f64) as usize
    };
    // Walk the events in time order; the level before an event held over every column from the
    // previous event's column to this one's.
    let mut level = 0i32;
    let mut cur = 0usize;
    for (t, d) in ev {
        if t >= to {
            break;
        }
        let c = col(t);
        if t > from {
            // Columns before this one saw the old level throughout; this one only if the event
            // falls after its start.
            let starts_before = t > from + c as f64 * (to - from) / columns as f64;
            let end = if starts_before { c + 1 } else { c };
            for slot in out.iter_mut().take(end).skip(cur) {
                *slot = (*slot).max(level.max(0) as u32);
            }
            cur = c;
        }
        level += d;
        if t >= from {
            out[c] = out[c].max(level.max(0) as u32);
        }
    }
    for slot in &mut out[cur..] {
        *slot = (*slot).max(level.max(0) as u32);
    }
    let max = out.iter().copied().max().unwrap_or(0);
    (out, max)
}

/// A closed step-area path for column levels, `width` × `height` with the base at `y0 + height`.
pub fn area(levels: &[u32], max: u32, width: f64, y0: f64, height: f64) -> String {
    if max == 0 || levels.is_empty() {
        return String::new();
    }
    let cw = width / levels.len() as f64;
    let base = y0 + height;
    let mut d = format!("M0,{base:.1}");
    for (i, l) in levels.iter().enumerate() {
        let y = base - height * f64::from(*l) / f64::from(max);
        let _ = write!(
            d,
            "L{:.1},{y:.1}L{:.1},{y:.1}",
            i as f64 * cw,
            (i + 1) as f64 * cw
        );
    }
    let _ = write!(d, "L{width:.1},{base:.1}Z");
    d
}

/// The latency at quantile `p` read off a CDF table, interpolating between its points.
pub fn cdf_at(cdf: &[QuantilePoint], p: f64) -> f64 {
    let Some(i) = cdf.iter().position(|q| q.p >= p) else {
        return cdf.last().map_or(0.0, |q| q.ms);
    };
    if i == 0 {
        return cdf[0].ms;
    }
    let (a, b) = (cdf[i - 1], cdf[i]);
    if b.p > a.p {
        a.ms + (b.ms - a.ms) * (p - a.p) / (b.p - a.p)
    } else {
        b.ms
    }
}
