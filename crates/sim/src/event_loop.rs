//! Model `event_loop`: Node.js's cluster of single-threaded loops (asyncio behaves the same way).
//!
//! Each process is one loop that runs one CPU phase at a time, in FIFO order, never preempted. Arrivals
//! are dealt to the loops round-robin, as Node's cluster primary does. A request's first CPU phase waits
//! in its loop's queue; when an I/O wait finishes, the next CPU phase joins the back of the same loop's
//! queue. Network I/O holds nothing; threadpool I/O needs one of the process's pool slots, granted in
//! FIFO order.
//!
//! Accepting: a single process accepts new connections itself, each time its loop turns (between two
//! callbacks). Connections that arrive while a callback runs wait in the kernel's accept queue, which
//! holds `backlog` of them; one more is dropped by the kernel (the client retries, see the kernel).
//! With several processes the cluster primary accepts on its own idle loop and hands connections to
//! the workers, so nothing is dropped.

use super::kernel::{Kernel, Next};
use super::request::Step;
use super::result::LoopStats;
use super::scenario::IoKind;
use super::stats::{BUSY, BusyMeter, IN_IO, QUEUED};
use super::timer::Event;
use super::trace::{LaneKind, SpanState};
use std::collections::VecDeque;

pub(crate) struct Config {
    pub processes: u32,
    pub threadpool_size: u32,
    pub backlog: u32,
    pub io_kind: IoKind,
}

/// A CPU phase waiting in a loop's queue.
#[derive(Clone, Copy)]
struct Ready {
    slot: u32,
    work: f64,
    /// The request's first phase: it has not been started at all yet (what `QUEUED` counts).
    first: bool,
}

struct Loop {
    queue: VecDeque<Ready>,
    /// The request whose callback runs now, and how much CPU that callback takes.
    running: Option<(u32, f64)>,
    /// Connections that arrived since the loop last turned: what sits in the kernel's accept queue.
    unaccepted: u32,
    /// Free pool slot numbers; popped from the end, so the lowest number is used first.
    pool_free: Vec<u32>,
    /// Requests waiting for a pool slot, with the length of the I/O they will do.
    pool_wait: VecDeque<(u32, f64)>,
    lane_loop: u32,
    lane_queue: u32,
    lane_net: u32,
    lane_pool: u32,
}

struct EventLoop<'k> {
    k: &'k mut Kernel,
    cfg: Config,
    loops: Vec<Loop>,
    busy: BusyMeter,
    pool_waits: super::stats::Histogram,
    pool_waiting: u64,
    pool_waiting_max: u64,
}

/// Runs the event-loop model to the end of the scenario and returns its loop figures.
pub(crate) fn simulate(k: &mut Kernel, cfg: Config) -> LoopStats {
    let p = cfg.processes as usize;
    let mut loops = Vec::with_capacity(p);
    for i in 0..cfg.processes {
        let lane_loop = k.trace.lane(LaneKind::Loop, i, 0, || format!("loop {i}"));
        let lane_queue = k.trace.lane(LaneKind::Queue, i, 0, || format!("queue {i}"));
        let lane_net = k
            .trace
            .lane(LaneKind::Network, i, 0, || format!("network I/O {i}"));
        let mut lane_pool = 0;
        if cfg.io_kind == IoKind::Threadpool {
            for s in 0..cfg.threadpool_size {
                let id = k
                    .trace
                    .lane(LaneKind::PoolSlot, i, s, || format!("pool {i}.{s}"));
                if s == 0 {
                    lane_pool = id;
                }
            }
        }
        loops.push(Loop {
            queue: VecDeque::with_capacity(64),
            running: None,
            unaccepted: 0,
            pool_free: (0..cfg.threadpool_size).rev().collect(),
            pool_wait: VecDeque::new(),
            lane_loop,
            lane_queue,
            lane_net,
            lane_pool,
        });
    }
    let warmup = k.warmup;
    let mut m = EventLoop {
        k,
        cfg,
        loops,
        busy: BusyMeter::new(p, warmup),
        pool_waits: super::stats::Histogram::new(),
        pool_waiting: 0,
        pool_waiting_max: 0,
    };
    m.run();
    m.stats()
}

impl EventLoop<'_> {
    fn run(&mut self) {
        let mut rr = 0usize;
        loop {
            match self.k.next() {
                Next::End => break,
                Next::Arrival(r) => {
                    let p = rr;
                    rr = if rr + 1 == self.loops.len() {
                        0
                    } else {
                        rr + 1
                    };
                    self.arrival(p, r);
                }
                Next::Cpu(owner) => self.cpu_done(owner as usize),
                Next::Timer(Event::IoDone(slot)) => self.io_done(slot),
                Next::Timer(Event::GilDeadline { .. } | Event::Retry(_)) => {
                    debug_assert!(false, "no GIL deadlines or retries reach an event loop");
                }
            }
        }
    }

    #[inline(always)]
    fn arrival(&mut self, p: usize, slot: u32) {
        let single = self.loops.len() == 1;
        let lp = &mut self.loops[p];
        if lp.running.is_some() {
            if single && lp.unaccepted >= self.cfg.backlog {
                self.k.refuse(slot);
                return;
            }
            lp.unaccepted += 1;
        }
        let lane = lp.lane_queue;
        self.k.accept(slot, p as u32, lane, SpanState::Queued);
        self.proceed(p, slot, true);
    }

    /// Loop `p`, idle until now, starts a callback: the busy level and meter go up. Callers know
    /// the loop was idle, so there is no test (the levels stay within 0..=processes by construction).
    #[inline(always)]
    fn start_running(&mut self, p: usize, slot: u32, work: f64) {
        debug_assert!(self.loops[p].running.is_none());
        self.loops[p].running = Some((slot, work));
        self.k.levels.add(BUSY, 1.0);
        self.busy.start(p, self.k.now);
    }

    /// Loop `p`'s callback returned and nothing else runs: the busy level and meter go down.
    #[inline(always)]
    fn stop_running(&mut self, p: usize) {
        debug_assert!(self.loops[p].running.is_some());
        self.loops[p].running = None;
        self.k.levels.add(BUSY, -1.0);
        self.busy.stop(p, self.k.now);
    }

    /// Takes request `slot` on to its next step, off the loop: a CPU phase queues on the loop
    /// (`first` when the request has not started at all), an I/O wait starts, or it completes.
    #[inline(always)]
    fn proceed(&mut self, p: usize, slot: u32, first: bool) {
        match self.k.next_step(slot) {
            Step::Cpu { held, native } => {
                let work = Step::cpu_total(held, native);
                if first {
                    self.k.levels.add(QUEUED, 1.0);
                } else {
                    self.k
                        .set_state(slot, self.loops[p].lane_queue, SpanState::Queued);
                }
                self.loops[p].queue.push_back(Ready { slot, work, first });
                if self.loops[p].running.is_none() {
                    self.start_next(p);
                }
            }
            Step::Io(io) => self.start_io(p, slot, io),
            Step::Done => self.k.complete(slot),
        }
    }

    #[inline(always)]
    fn start_next(&mut self, p: usize) {
        let Some(next) = self.loops[p].queue.pop_front() else {
            return;
        };
        if next.first {
            self.k.levels.add(QUEUED, -1.0);
        }
        self.k.record_wait(next.slot);
        self.k
            .set_state(next.slot, self.loops[p].lane_loop, SpanState::RunningCpu);
        self.start_running(p, next.slot, next.work);
        self.k.cpu.start(p as u32, next.work);
    }

    #[inline(always)]
    fn cpu_done(&mut self, p: usize) {
        let (slot, work) = self.loops[p]
            .running
            .expect("a loop finished CPU without running anything");
        self.k.cpu.account_work(work);
        // The callback returned: the loop turns and accepts whatever waited in the kernel.
        self.loops[p].unaccepted = 0;
        match self.k.next_step(slot) {
            Step::Cpu { held, native } => {
                // No I/O in between: the same callback simply goes on computing.
                let work = Step::cpu_total(held, native);
                self.loops[p].running = Some((slot, work));
                self.k.cpu.start(p as u32, work);
                return;
            }
            Step::Io(io) => {
                self.stop_running(p);
                self.start_io(p, slot, io);
            }
            Step::Done => {
                self.stop_running(p);
                self.k.complete(slot);
            }
        }
        // Starting the I/O or completing cannot start a callback on this loop (only arrivals and
        // I/O completions queue work, and they come as events of their own).
        self.start_next(p);
    }

    #[inline(always)]
    fn start_io(&mut self, p: usize, slot: u32, io: f64) {
        self.k.levels.add(IN_IO, 1.0);
        if self.cfg.io_kind == IoKind::Network {
            self.k
                .set_state(slot, self.loops[p].lane_net, SpanState::WaitingIo);
            self.k.schedule(self.k.now + io, Event::IoDone(slot));
            return;
        }
        match self.loops[p].pool_free.pop() {
            Some(i) => self.start_pool_io(p, slot, i, io),
            None => {
                self.k
                    .set_state(slot, self.loops[p].lane_queue, SpanState::Queued);
                self.loops[p].pool_wait.push_back((slot, io));
                self.pool_waiting += 1;
                self.pool_waiting_max = self.pool_waiting_max.max(self.pool_waiting);
            }
        }
    }

    fn start_pool_io(&mut self, p: usize, slot: u32, pool_slot: u32, io: f64) {
        self.k.req_mut(slot).aux = pool_slot;
        self.k.set_state(
            slot,
            self.loops[p].lane_pool + pool_slot,
            SpanState::WaitingIo,
        );
        self.k.schedule(self.k.now + io, Event::IoDone(slot));
    }

    #[inline(always)]
    fn io_done(&mut self, slot: u32) {
        self.k.levels.add(IN_IO, -1.0);
        let r = *self.k.req(slot);
        let p = r.owner as usize;
        if self.cfg.io_kind == IoKind::Threadpool {
            let freed = r.aux;
            match self.loops[p].pool_wait.pop_front() {
                Some((next, io)) => {
                    self.pool_waiting -= 1;
                    let since = self.k.req(next).since;
                    if since >= self.k.warmup {
                        self.pool_waits.record(self.k.now - since);
                    }
                    self.start_pool_io(p, next, freed, io);
                }
                None => self.loops[p].pool_free.push(freed),
            }
        }
        self.proceed(p, slot, false);
    }

    fn stats(self) -> LoopStats {
        let k = self.k;
        let ms = 1e3;
        LoopStats {
            utilisation: self.busy.fractions(k.end),
            lag_mean_ms: k.waits.mean() * ms,
            lag_p99_ms: k.waits.quantile(0.99) * ms,
            lag_max_ms: k.waits.max() * ms,
            pool_wait_mean_ms: self.pool_waits.mean() * ms,
            pool_waiting_max: self.pool_waiting_max,
        }
    }
}
