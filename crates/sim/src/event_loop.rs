//! Model `event_loop`: Node.js's cluster of single-threaded loops (asyncio behaves the same way).
//!
//! Each process is one loop that runs one CPU phase at a time, in FIFO order, never preempted. Arrivals
//! are dealt to the loops round-robin, as Node's cluster primary does. A request's first CPU phase waits
//! in its loop's queue; the backlog limits how many such not-yet-started requests a loop may hold. When
//! the I/O finishes, the second CPU phase joins the back of the same loop's queue. Network I/O holds
//! nothing; threadpool I/O needs one of the process's pool slots, granted in FIFO order.

use super::kernel::{Kernel, Next};
use super::result::LoopStats;
use super::scenario::IoKind;
use super::stats::{self, BUSY, BusyMeter, IN_IO, QUEUED};
use super::trace::{LaneKind, SpanState};
use std::collections::VecDeque;

/// Timer kind: an I/O wait finished (`a` = request slot).
const IO_DONE: u8 = 0;

pub(crate) struct Config {
    pub processes: u32,
    pub threadpool_size: u32,
    pub backlog: u32,
    pub io_kind: IoKind,
}

/// Phase numbers carried in the loop queue.
const FIRST: u8 = 1;
const SECOND: u8 = 2;

struct Loop {
    /// Ready CPU phases: (request slot, phase).
    queue: VecDeque<(u32, u8)>,
    running: Option<(u32, u8)>,
    /// Requests in `queue` not yet started (what the backlog limits).
    not_started: u32,
    /// Free pool slot numbers; popped from the end, so the lowest number is used first.
    pool_free: Vec<u32>,
    pool_wait: VecDeque<u32>,
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
    pool_wait_sum: f64,
    pool_wait_n: u64,
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
            not_started: 0,
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
        pool_wait_sum: 0.0,
        pool_wait_n: 0,
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
                    let lp = &self.loops[p];
                    let busy = lp.running.is_some() || !lp.queue.is_empty();
                    if busy && lp.not_started >= self.cfg.backlog {
                        self.k.reject();
                        continue;
                    }
                    let slot = self.k.accept(r, p as u32, lp.lane_queue, SpanState::Queued);
                    if r.cpu1 > 0.0 {
                        self.loops[p].not_started += 1;
                        self.k.levels.add(QUEUED, 1.0);
                        self.enqueue(p, slot, FIRST);
                    } else {
                        self.after_first(p, slot);
                    }
                }
                Next::Cpu(owner) => self.cpu_done(owner as usize),
                Next::Timer(t) => {
                    debug_assert_eq!(t.kind, IO_DONE);
                    self.io_done(t.a);
                }
            }
        }
    }

    /// Puts a ready CPU phase at the back of loop `p`'s queue (state already set for new arrivals).
    fn enqueue(&mut self, p: usize, slot: u32, phase: u8) {
        if phase == SECOND {
            self.k
                .set_state(slot, self.loops[p].lane_queue, SpanState::Queued);
        }
        self.loops[p].queue.push_back((slot, phase));
        if self.loops[p].running.is_none() {
            self.start_next(p);
        }
    }

    fn start_next(&mut self, p: usize) {
        let Some((slot, phase)) = self.loops[p].queue.pop_front() else {
            return;
        };
        if phase == FIRST {
            self.loops[p].not_started -= 1;
            self.k.levels.add(QUEUED, -1.0);
        }
        let r = *self.k.req(slot);
        self.k.record_wait(slot);
        self.k
            .set_state(slot, self.loops[p].lane_loop, SpanState::RunningCpu);
        self.run_on_loop(p, slot, phase, if phase == FIRST { r.cpu1 } else { r.cpu2 });
    }

    fn run_on_loop(&mut self, p: usize, slot: u32, phase: u8, work: f64) {
        if self.loops[p].running.is_none() {
            self.k.levels.add(BUSY, 1.0);
            self.busy.start(p, self.k.now);
        }
        self.loops[p].running = Some((slot, phase));
        self.k.cpu.start(p as u32, work);
    }

    fn cpu_done(&mut self, p: usize) {
        let (slot, phase) = self.loops[p]
            .running
            .take()
            .expect("a loop finished CPU without running anything");
        let r = *self.k.req(slot);
        self.k
            .cpu
            .account_work(if phase == FIRST { r.cpu1 } else { r.cpu2 });
        if phase == FIRST && r.io == 0.0 && r.cpu2 > 0.0 {
            // No I/O in between: the same callback simply goes on computing.
            self.run_on_loop(p, slot, SECOND, r.cpu2);
            return;
        }
        self.k.levels.add(BUSY, -1.0);
        self.busy.stop(p, self.k.now);
        if phase == FIRST {
            self.after_first(p, slot);
        } else {
            self.k.complete(slot);
        }
        if self.loops[p].running.is_none() {
            self.start_next(p);
        }
    }

    /// The first CPU phase is over (or absent): start the I/O, or go straight on.
    fn after_first(&mut self, p: usize, slot: u32) {
        let r = *self.k.req(slot);
        if r.io > 0.0 {
            self.start_io(p, slot, r.io);
        } else if r.cpu2 > 0.0 {
            self.enqueue(p, slot, SECOND);
        } else {
            self.k.complete(slot);
        }
    }

    fn start_io(&mut self, p: usize, slot: u32, io: f64) {
        self.k.levels.add(IN_IO, 1.0);
        if self.cfg.io_kind == IoKind::Network {
            self.k
                .set_state(slot, self.loops[p].lane_net, SpanState::WaitingIo);
            self.k.schedule(self.k.now + io, IO_DONE, slot, 0);
            return;
        }
        match self.loops[p].pool_free.pop() {
            Some(i) => self.start_pool_io(p, slot, i, io),
            None => {
                self.k
                    .set_state(slot, self.loops[p].lane_queue, SpanState::Queued);
                self.loops[p].pool_wait.push_back(slot);
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
        self.k.schedule(self.k.now + io, IO_DONE, slot, 0);
    }

    fn io_done(&mut self, slot: u32) {
        self.k.levels.add(IN_IO, -1.0);
        let r = *self.k.req(slot);
        let p = r.owner as usize;
        if self.cfg.io_kind == IoKind::Threadpool {
            let freed = r.aux;
            match self.loops[p].pool_wait.pop_front() {
                Some(next) => {
                    self.pool_waiting -= 1;
                    let since = self.k.req(next).since;
                    if since >= self.k.warmup {
                        self.pool_wait_sum += self.k.now - since;
                        self.pool_wait_n += 1;
                    }
                    let io = self.k.req(next).io;
                    self.start_pool_io(p, next, freed, io);
                }
                None => self.loops[p].pool_free.push(freed),
            }
        }
        if r.cpu2 > 0.0 {
            self.enqueue(p, slot, SECOND);
        } else {
            self.k.complete(slot);
        }
    }

    fn stats(self) -> LoopStats {
        let k = self.k;
        let mut waits = std::mem::take(&mut k.waits);
        let ms = 1e3;
        LoopStats {
            utilisation: self.busy.fractions(k.end),
            lag_mean_ms: stats::mean(&waits) * ms,
            lag_p99_ms: stats::quantile_select(&mut waits, 0.99) * ms,
            lag_max_ms: waits.iter().copied().fold(0.0, f64::max) * ms,
            pool_wait_mean_ms: if self.pool_wait_n > 0 {
                self.pool_wait_sum / self.pool_wait_n as f64 * ms
            } else {
                0.0
            },
            pool_waiting_max: self.pool_waiting_max,
        }
    }
}
