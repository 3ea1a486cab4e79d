//! Model `threads`: Python served by gunicorn-style workers, `processes` × `threads_per_process` threads.
//!
//! All processes take requests from one shared accept queue (workers on one listening socket); an idle
//! thread in the process with the most idle threads takes the next request, which spreads work across
//! GILs. A request holds its thread from start to finish, I/O included; I/O of either kind just blocks
//! the thread. With `gil`, each process has one GIL (see `gil.rs` for the hand-over rules); without it
//! (free-threaded CPython) threads run CPU phases in parallel, limited only by the cores.

use super::gil::{GIL_DEADLINE, GilAction, Gils};
use super::kernel::{Kernel, Next};
use super::result::ThreadStats;
use super::stats::{self, BUSY, IN_IO, QUEUED};
use super::trace::{LaneKind, SpanState};
use std::collections::VecDeque;

/// Timer kinds.
const IO_DONE: u8 = 0;
/// A thread with no request.
const IDLE: u32 = u32::MAX;

pub(crate) struct Config {
    pub processes: u32,
    pub threads_per_process: u32,
    pub gil: bool,
    pub switch_interval_s: f64,
    pub backlog: u32,
}

#[derive(Clone, Copy)]
struct Thread {
    slot: u32,
    second_phase: bool,
}

struct Threads<'k> {
    k: &'k mut Kernel,
    cfg: Config,
    threads: Vec<Thread>,
    /// Idle threads per process, lowest index on top.
    idle: Vec<Vec<u32>>,
    accept: VecDeque<u32>,
    lane_queue: u32,
    lane_thread: u32,
    gils: Option<Gils>,
}

/// Runs the threads model to the end of the scenario and returns its thread figures.
pub(crate) fn simulate(k: &mut Kernel, cfg: Config) -> ThreadStats {
    let (p, t) = (cfg.processes, cfg.threads_per_process);
    let total = p as usize * t as usize;
    let lane_queue = k
        .trace
        .lane(LaneKind::Queue, 0, 0, || "accept queue".to_string());
    let mut lane_thread = 0;
    for i in 0..p * t {
        let id = k.trace.lane(LaneKind::Thread, i / t, i % t, || {
            format!("thread {}.{}", i / t, i % t)
        });
        if i == 0 {
            lane_thread = id;
        }
    }
    let gils = cfg.gil.then(|| Gils::new(k, p, cfg.switch_interval_s));
    let mut m = Threads {
        k,
        threads: vec![
            Thread {
                slot: IDLE,
                second_phase: false
            };
            total
        ],
        idle: (0..p)
            .map(|pi| (pi * t..(pi + 1) * t).rev().collect())
            .collect(),
        accept: VecDeque::with_capacity(64),
        lane_queue,
        lane_thread,
        gils,
        cfg,
    };
    m.run();
    m.stats()
}

impl Threads<'_> {
    fn run(&mut self) {
        loop {
            match self.k.next() {
                Next::End => break,
                Next::Arrival(r) => self.arrival(r),
                Next::Cpu(t) => self.cpu_done(t),
                Next::Timer(timer) if timer.kind == IO_DONE => self.io_done(timer.a),
                Next::Timer(timer) => {
                    debug_assert_eq!(timer.kind, GIL_DEADLINE);
                    self.gil_deadline(timer.a, timer.b);
                }
            }
        }
    }

    fn arrival(&mut self, r: super::kernel::Req) {
        // The process with the most idle threads; ties go to the lowest process.
        let mut best: Option<usize> = None;
        for (p, idle) in self.idle.iter().enumerate() {
            if !idle.is_empty() && best.is_none_or(|b| idle.len() > self.idle[b].len()) {
                best = Some(p);
            }
        }
        if let Some(p) = best {
            let t = self.idle[p].pop().expect("non-empty idle list");
            let slot = self
                .k
                .accept(r, t, self.lane_thread + t, SpanState::RunningCpu);
            self.begin(t, slot);
        } else if (self.accept.len() as u64) < u64::from(self.cfg.backlog) {
            let slot = self.k.accept(r, IDLE, self.lane_queue, SpanState::Queued);
            self.k.levels.add(QUEUED, 1.0);
            self.accept.push_back(slot);
        } else {
            self.k.reject();
        }
    }

    /// Thread `t` takes request `slot` and starts its first phase.
    fn begin(&mut self, t: u32, slot: u32) {
        self.threads[t as usize] = Thread {
            slot,
            second_phase: false,
        };
        self.k.req_mut(slot).owner = t;
        self.k.levels.add(BUSY, 1.0);
        let cpu1 = self.k.req(slot).cpu1;
        if cpu1 > 0.0 {
            self.want_cpu(t, cpu1);
        } else {
            self.after_first(t);
        }
    }

    fn process_of(&self, t: u32) -> u32 {
        t / self.cfg.threads_per_process
    }

    /// Thread `t` has `work` CPU seconds to run now.
    fn want_cpu(&mut self, t: u32, work: f64) {
        let slot = self.threads[t as usize].slot;
        let lane = self.lane_thread + t;
        let p = self.process_of(t);
        match self.gils.as_mut() {
            None => {
                self.k.set_state(slot, lane, SpanState::RunningCpu);
                self.k.cpu.start(t, work);
            }
            Some(g) => {
                // Waiting first (a zero-length span if the GIL is free) makes the wait sample uniform.
                self.k.set_state(slot, lane, SpanState::WaitingGil);
                let action = g.request(self.k, p, t, slot, work);
                self.apply(action, slot, lane, t);
            }
        }
    }

    /// Carries out what the GIL decided for thread `t`.
    fn apply(&mut self, action: GilAction, slot: u32, lane: u32, t: u32) {
        match action {
            GilAction::Wait => {}
            GilAction::Run(work) => {
                self.k.record_wait(slot);
                self.k.set_state(slot, lane, SpanState::RunningCpu);
                self.k.cpu.start(t, work);
            }
        }
    }

    /// The GIL of process `p` passed to thread `next` (if any): start it.
    fn handed_to(&mut self, next: Option<(u32, f64)>) {
        if let Some((n, work)) = next {
            let slot = self.threads[n as usize].slot;
            self.apply(GilAction::Run(work), slot, self.lane_thread + n, n);
        }
    }

    fn cpu_done(&mut self, t: u32) {
        let th = self.threads[t as usize];
        let r = *self.k.req(th.slot);
        self.k
            .cpu
            .account_work(if th.second_phase { r.cpu2 } else { r.cpu1 });
        if !th.second_phase && r.io == 0.0 && r.cpu2 > 0.0 {
            // No I/O in between: the thread keeps the GIL and goes on computing.
            self.threads[t as usize].second_phase = true;
            self.k.cpu.start(t, r.cpu2);
            return;
        }
        let p = self.process_of(t);
        if let Some(g) = self.gils.as_mut() {
            let next = g.release(self.k, p);
            self.handed_to(next);
        }
        if th.second_phase {
            self.finish(t)
        } else {
            self.after_first(t)
        }
    }

    fn after_first(&mut self, t: u32) {
        let slot = self.threads[t as usize].slot;
        let r = *self.k.req(slot);
        if r.io > 0.0 {
            self.k
                .set_state(slot, self.lane_thread + t, SpanState::WaitingIo);
            self.k.levels.add(IN_IO, 1.0);
            self.k.schedule(self.k.now + r.io, IO_DONE, t, 0);
        } else if r.cpu2 > 0.0 {
            self.threads[t as usize].second_phase = true;
            self.want_cpu(t, r.cpu2);
        } else {
            self.finish(t);
        }
    }

    fn io_done(&mut self, t: u32) {
        self.k.levels.add(IN_IO, -1.0);
        let cpu2 = self.k.req(self.threads[t as usize].slot).cpu2;
        if cpu2 > 0.0 {
            self.threads[t as usize].second_phase = true;
            self.want_cpu(t, cpu2);
        } else {
            self.finish(t);
        }
    }

    /// Thread `t` finished its request: take the next from the accept queue or go idle.
    fn finish(&mut self, t: u32) {
        self.k.complete(self.threads[t as usize].slot);
        self.k.levels.add(BUSY, -1.0);
        match self.accept.pop_front() {
            Some(slot) => {
                self.k.levels.add(QUEUED, -1.0);
                self.begin(t, slot);
            }
            None => {
                self.threads[t as usize].slot = IDLE;
                let p = self.process_of(t) as usize;
                self.idle[p].push(t);
            }
        }
    }

    fn gil_deadline(&mut self, p: u32, epoch: u32) {
        let Some(g) = self.gils.as_mut() else { return };
        let Some((holder, next)) = g.deadline(self.k, p, epoch) else {
            return;
        };
        let slot = self.threads[holder as usize].slot;
        self.k
            .set_state(slot, self.lane_thread + holder, SpanState::WaitingGil);
        self.handed_to(Some(next));
    }

    fn stats(self) -> ThreadStats {
        let k = self.k;
        let per_request = k.measured_wait_per_request();
        let mut waits = std::mem::take(&mut k.waits);
        let (utilisation, preemptions) = match self.gils {
            Some(g) => g.finish(k.end),
            None => (Vec::new(), 0),
        };
        let gil_wait_p99_ms = stats::quantile_select(&mut waits, 0.99) * 1e3;
        ThreadStats {
            total_threads: self.threads.len() as u64,
            busy_mean: k.levels.window_mean(BUSY, k.end),
            busy_max: k.levels.window_max(BUSY) as u64,
            in_io_mean: k.levels.window_mean(IN_IO, k.end),
            gil_utilisation: utilisation,
            gil_wait_mean_ms: stats::mean(&waits) * 1e3,
            gil_wait_p99_ms,
            gil_wait_per_request_ms: per_request * 1e3,
            gil_wait_total_s: waits.iter().sum(),
            preemptions,
        }
    }
}
