//! Model `threads`: Python served by gunicorn-style workers, `processes` × `threads_per_process` threads.
//!
//! All processes take requests from one shared accept queue (workers on one listening socket); an idle
//! thread in the process with the most idle threads takes the next request, which spreads work across
//! GILs. A request holds its thread from start to finish, I/O included; I/O of either kind just blocks
//! the thread. With `gil`, each process has one GIL (see `gil.rs` for the hand-over rules); without it
//! (free-threaded CPython) threads run CPU phases in parallel, limited only by the cores.

use super::gil::{GilAction, Gils};
use super::kernel::{Kernel, Next};
use super::request::Step;
use super::result::ThreadStats;
use super::stats::{BUSY, IN_IO, QUEUED};
use super::timer::Event;
use super::trace::{LaneKind, SpanState};
use std::collections::VecDeque;

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
    /// CPU of the current job, for the run's work total.
    job: f64,
    /// Native work that follows the current GIL-holding part (runs without the GIL).
    native: f64,
    /// The current job is that native part.
    in_native: bool,
}

const IDLE_THREAD: Thread = Thread {
    slot: IDLE,
    job: 0.0,
    native: 0.0,
    in_native: false,
};

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
        threads: vec![IDLE_THREAD; total],
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
                Next::Timer(Event::IoDone(t)) => self.io_done(t),
                Next::Timer(Event::GilDeadline { process, epoch }) => {
                    self.gil_deadline(process, epoch)
                }
                Next::Timer(Event::Retry(_)) => {
                    debug_assert!(false, "the kernel turns retries into arrivals");
                }
            }
        }
    }

    #[inline(always)]
    fn arrival(&mut self, slot: u32) {
        // The process with the most idle threads; ties go to the lowest process.
        let mut best: Option<usize> = None;
        for (p, idle) in self.idle.iter().enumerate() {
            if !idle.is_empty() && best.is_none_or(|b| idle.len() > self.idle[b].len()) {
                best = Some(p);
            }
        }
        if let Some(p) = best {
            let t = self.idle[p].pop().expect("non-empty idle list");
            self.k
                .accept(slot, t, self.lane_thread + t, SpanState::RunningCpu);
            self.begin(t, slot);
        } else if (self.accept.len() as u64) < u64::from(self.cfg.backlog) {
            self.k
                .accept(slot, IDLE, self.lane_queue, SpanState::Queued);
            self.k.levels.add(QUEUED, 1.0);
            self.accept.push_back(slot);
        } else {
            self.k.refuse(slot);
        }
    }

    /// Thread `t` takes request `slot` and starts its first step.
    #[inline(always)]
    fn begin(&mut self, t: u32, slot: u32) {
        self.threads[t as usize] = Thread {
            slot,
            ..IDLE_THREAD
        };
        self.k.req_mut(slot).owner = t;
        self.k.levels.add(BUSY, 1.0);
        self.step(t, false, false);
    }

    #[inline(always)]
    fn process_of(&self, t: u32) -> u32 {
        t / self.cfg.threads_per_process
    }

    /// Thread `t` moves its request to the next step. `continuing` says it comes straight from a
    /// CPU job (no wait in between), `holding` that it holds its GIL (it keeps it to go on
    /// computing, and drops it before any wait or at the end).
    #[inline(always)]
    fn step(&mut self, t: u32, continuing: bool, holding: bool) {
        let slot = self.threads[t as usize].slot;
        let step = self.k.next_step(slot);
        if holding && !matches!(step, Step::Cpu { .. }) {
            self.release_gil(t);
        }
        match step {
            Step::Cpu { held, native } => self.compute(t, held, native, continuing, holding),
            Step::Io(io) => {
                self.k
                    .set_state(slot, self.lane_thread + t, SpanState::WaitingIo);
                self.k.levels.add(IN_IO, 1.0);
                self.k.schedule(self.k.now + io, Event::IoDone(t));
            }
            Step::Done => self.finish(t),
        }
    }

    /// Thread `t` has a CPU phase: `held` needs the GIL (if there is one), then `native` runs
    /// without it. Without a GIL both are one job.
    #[inline(always)]
    fn compute(&mut self, t: u32, held: f64, native: f64, continuing: bool, holding: bool) {
        if self.gils.is_none() {
            let work = Step::cpu_total(held, native);
            self.threads[t as usize].job = work;
            if continuing {
                self.k.cpu.start(t, work);
            } else {
                self.run_job(t, work, false);
            }
            return;
        }
        self.threads[t as usize].native = native;
        if held <= 0.0 {
            if holding {
                self.release_gil(t);
            }
            self.run_native(t);
        } else if holding {
            // No wait in between: the thread keeps the GIL and goes on computing.
            self.threads[t as usize].job = held;
            self.k.cpu.start(t, held);
        } else {
            self.threads[t as usize].job = held;
            self.want_gil(t, held);
        }
    }

    /// Starts `work` on a core for thread `t` (holding its GIL, or with none to hold). The job's
    /// full size is in `Thread::job`; `work` is less after a preemption.
    #[inline(always)]
    fn run_job(&mut self, t: u32, work: f64, native: bool) {
        let slot = self.threads[t as usize].slot;
        self.threads[t as usize].in_native = native;
        self.k
            .set_state(slot, self.lane_thread + t, SpanState::RunningCpu);
        self.k.cpu.start(t, work);
    }

    /// Thread `t` runs its pending native work, without the GIL.
    #[inline(always)]
    fn run_native(&mut self, t: u32) {
        let work = std::mem::take(&mut self.threads[t as usize].native);
        self.threads[t as usize].job = work;
        self.run_job(t, work, true);
    }

    /// Thread `t` asks its GIL for `work` seconds of CPU.
    #[inline(always)]
    fn want_gil(&mut self, t: u32, work: f64) {
        let slot = self.threads[t as usize].slot;
        let lane = self.lane_thread + t;
        let p = self.process_of(t);
        let g = self.gils.as_mut().expect("a GIL to ask");
        // Waiting first (a zero-length span if the GIL is free) makes the wait sample uniform.
        self.k.set_state(slot, lane, SpanState::WaitingGil);
        let action = g.request(self.k, p, t, slot, work);
        if let GilAction::Run(work) = action {
            self.granted(t, work);
        }
    }

    /// Thread `t` was given its GIL with `work` seconds of CPU to run.
    #[inline(always)]
    fn granted(&mut self, t: u32, work: f64) {
        let slot = self.threads[t as usize].slot;
        self.k.record_wait(slot);
        self.run_job(t, work, false);
    }

    /// Thread `t` drops its process's GIL; the first waiter, if any, takes it and runs.
    #[inline(always)]
    fn release_gil(&mut self, t: u32) {
        let p = self.process_of(t);
        if let Some(g) = self.gils.as_mut()
            && let Some((next, work)) = g.release(self.k, p)
        {
            self.granted(next, work);
        }
    }

    #[inline(always)]
    fn cpu_done(&mut self, t: u32) {
        let th = self.threads[t as usize];
        self.k.cpu.account_work(th.job);
        if self.gils.is_some() && !th.in_native && th.native > 0.0 {
            // Into native code: the GIL goes to the next waiter while this thread computes on.
            self.release_gil(t);
            self.run_native(t);
            return;
        }
        let holding = self.gils.is_some() && !th.in_native;
        self.threads[t as usize].in_native = false;
        self.step(t, true, holding);
    }

    #[inline(always)]
    fn io_done(&mut self, t: u32) {
        self.k.levels.add(IN_IO, -1.0);
        self.step(t, false, false);
    }

    /// Thread `t` finished its request: take the next from the accept queue or go idle.
    #[inline(always)]
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
        let Some((holder, (next, work))) = g.deadline(self.k, p, epoch) else {
            return;
        };
        let slot = self.threads[holder as usize].slot;
        self.k
            .set_state(slot, self.lane_thread + holder, SpanState::WaitingGil);
        self.granted(next, work);
    }

    fn stats(self) -> ThreadStats {
        let k = self.k;
        let per_request = k.measured_wait_per_request();
        let (utilisation, preemptions) = match self.gils {
            Some(g) => g.finish(k.end),
            None => (Vec::new(), 0),
        };
        let waits = &k.waits;
        ThreadStats {
            total_threads: self.threads.len() as u64,
            busy_mean: k.levels.window_mean(BUSY, k.end),
            busy_max: k.levels.window_max(BUSY) as u64,
            in_io_mean: k.levels.window_mean(IN_IO, k.end),
            gil_utilisation: utilisation,
            gil_wait_mean_ms: waits.mean() * 1e3,
            gil_wait_p99_ms: waits.quantile(0.99) * 1e3,
            gil_wait_per_request_ms: per_request * 1e3,
            gil_wait_total_s: waits.sum(),
            preemptions,
        }
    }
}
