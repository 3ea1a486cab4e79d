//! A request in flight and the sequence of steps it goes through.
//!
//! Every request is: a first CPU phase, then `io_calls` times an I/O wait followed by a CPU phase.
//! The drawn I/O time and after-I/O CPU time are split evenly over the calls, and a phase whose
//! duration is exactly zero does not happen at all. Models never look at the phase list: they ask
//! [`Req::next_step`] what comes next, so every model walks the same request the same way.

use super::trace::SpanState;
use super::workload::DrawnRequest;

/// What a request does next.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Step {
    /// CPU work, in seconds. `held` runs on the event loop, or holding the GIL; `native` runs
    /// after it in native code that releases the GIL (it still occupies an event loop, whose one
    /// thread is busy either way).
    Cpu { held: f64, native: f64 },
    /// An I/O wait of this many seconds.
    Io(f64),
    /// The response has been sent.
    Done,
}

impl Step {
    /// All the CPU work of a CPU step (what an event loop or a GIL-free thread runs).
    pub fn cpu_total(held: f64, native: f64) -> f64 {
        held + native
    }
}

/// A request in flight. Durations are in seconds with the model's `cpu_scale` applied.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Req {
    pub id: u64,
    /// When the client first tried to connect.
    pub arrival: f64,
    cpu_first: f64,
    overhead: f64,
    io_each: f64,
    cpu_each: f64,
    /// Last position in the phase list that can hold a phase: `2 × calls`, or 0 when every
    /// phase after the first CPU phase is empty (so `next_step` need not walk past them).
    last: u32,
    /// Next position in the phase list: 0 is the first CPU phase, odd positions are I/O waits,
    /// even positions after 0 the CPU after a wait.
    pos: u32,
    /// The first CPU phase has been handed out and is not finished yet.
    first_cpu_running: bool,
    /// When the current state began (for spans and waits).
    pub since: f64,
    pub lane: u32,
    pub state: SpanState,
    /// Process (event loop) or thread (threads model) serving it.
    pub owner: u32,
    /// Pool slot during threadpool I/O.
    pub aux: u32,
    /// Seconds spent waiting for a loop or a GIL so far.
    pub waited: f64,
    /// Connection attempts so far that found the accept queue full.
    pub attempts: u32,
    /// Arrived inside the measured window.
    pub measured: bool,
    /// Its latency has been taken (at the response, or at the first CPU phase's end).
    pub answered: bool,
    pub live: bool,
}

impl Req {
    /// A request as drawn, with the server's CPU scale and fixed overhead applied.
    pub fn new(d: &DrawnRequest, cpu_scale: f64, overhead_s: f64, io_calls: u32) -> Req {
        let calls = io_calls.max(1);
        // With no I/O to split the work around, one after-I/O phase keeps the request as drawn.
        let (calls, io_each, cpu_each) = if d.io_s > 0.0 && calls > 1 {
            let n = f64::from(calls);
            (calls, d.io_s / n, d.cpu2_s * cpu_scale / n)
        } else {
            (1, d.io_s, d.cpu2_s * cpu_scale)
        };
        let last = if io_each > 0.0 || cpu_each > 0.0 {
            2 * calls
        } else {
            0
        };
        Req {
            id: d.id,
            arrival: d.arrival_s,
            cpu_first: d.cpu1_s * cpu_scale,
            overhead: overhead_s,
            io_each,
            cpu_each,
            last,
            pos: 0,
            first_cpu_running: false,
            since: d.arrival_s,
            lane: 0,
            state: SpanState::Queued,
            owner: 0,
            aux: 0,
            waited: 0.0,
            attempts: 0,
            measured: false,
            answered: false,
            live: true,
        }
    }

    /// Moves to the next step that takes time; `native_share` is the share of workload CPU that
    /// releases the GIL. Returns whether the first CPU phase has just ended, with the step.
    #[inline(always)]
    pub fn next_step(&mut self, native_share: f64) -> (bool, Step) {
        let first_done = std::mem::take(&mut self.first_cpu_running);
        loop {
            let p = self.pos;
            if p > self.last {
                return (first_done, Step::Done);
            }
            self.pos += 1;
            if p == 0 {
                let w = self.cpu_first;
                if w + self.overhead > 0.0 {
                    self.first_cpu_running = true;
                    let held = w * (1.0 - native_share) + self.overhead;
                    return (
                        first_done,
                        Step::Cpu {
                            held,
                            native: w * native_share,
                        },
                    );
                }
            } else if p % 2 == 1 {
                if self.io_each > 0.0 {
                    return (first_done, Step::Io(self.io_each));
                }
            } else if self.cpu_each > 0.0 {
                let w = self.cpu_each;
                let held = w * (1.0 - native_share);
                return (
                    first_done,
                    Step::Cpu {
                        held,
                        native: w * native_share,
                    },
                );
            }
        }
    }
}
