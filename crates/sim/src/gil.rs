//! The GIL of each process in the threads model.
//!
//! Rules (CPython's `Python/ceval_gil.c`, simplified to what matters for latency): only the holder runs
//! CPU; the holder drops the GIL at once when it starts I/O or finishes; if another thread is waiting,
//! the holder is forced to drop it once it has held it for one switch interval counted from the later of
//! its acquisition and the moment the first waiter began waiting, and then queues behind the others.
//! Waiters are served in FIFO order. So this is round-robin with a switch-interval slice only while
//! someone waits, and a thread back from I/O can wait up to one interval behind a CPU-bound holder.

use super::kernel::Kernel;
use super::stats::BusyMeter;
use super::timer::Event;
use super::trace::{LaneKind, SpanState};
use std::collections::VecDeque;

/// What a thread asking for the GIL must do.
pub(crate) enum GilAction {
    /// Queue behind the holder.
    Wait,
    /// Run this much CPU now.
    Run(f64),
}

struct Waiter {
    thread: u32,
    slot: u32,
    work: f64,
}

struct Gil {
    holder: Option<(u32, u32)>,
    acquired: f64,
    queue: VecDeque<Waiter>,
    /// Changes at every acquisition and release, so a deadline from an earlier tenure is ignored.
    epoch: u32,
    lane: u32,
}

pub(crate) struct Gils {
    gils: Vec<Gil>,
    interval: f64,
    meter: BusyMeter,
    preemptions: u64,
}

impl Gils {
    pub fn new(k: &mut Kernel, processes: u32, interval: f64) -> Self {
        let gils = (0..processes)
            .map(|p| Gil {
                holder: None,
                acquired: 0.0,
                queue: VecDeque::new(),
                epoch: 0,
                lane: k.trace.lane(LaneKind::Gil, p, 0, || format!("GIL {p}")),
            })
            .collect();
        Gils {
            gils,
            interval,
            meter: BusyMeter::new(processes as usize, k.warmup),
            preemptions: 0,
        }
    }

    /// Thread `thread` (serving request `slot`) of process `p` wants to run `work` CPU seconds.
    #[inline(always)]
    pub fn request(
        &mut self,
        k: &mut Kernel,
        p: u32,
        thread: u32,
        slot: u32,
        work: f64,
    ) -> GilAction {
        let g = &mut self.gils[p as usize];
        if g.holder.is_none() {
            self.acquire(k, p, thread, slot);
            return GilAction::Run(work);
        }
        g.queue.push_back(Waiter { thread, slot, work });
        if g.queue.len() == 1 {
            let at = g.acquired.max(k.now) + self.interval;
            k.schedule(
                at,
                Event::GilDeadline {
                    process: p,
                    epoch: g.epoch,
                },
            );
        }
        GilAction::Wait
    }

    #[inline(always)]
    fn acquire(&mut self, k: &mut Kernel, p: u32, thread: u32, slot: u32) {
        let g = &mut self.gils[p as usize];
        g.holder = Some((thread, slot));
        g.acquired = k.now;
        g.epoch = g.epoch.wrapping_add(1);
        self.meter.start(p as usize, k.now);
        if !g.queue.is_empty() {
            // The waiters have been waiting since before now, so the slice counts from the acquisition.
            k.schedule(
                k.now + self.interval,
                Event::GilDeadline {
                    process: p,
                    epoch: g.epoch,
                },
            );
        }
    }

    /// Ends the current tenure: meter, trace span, epoch.
    #[inline(always)]
    fn drop_holder(&mut self, k: &mut Kernel, p: u32) -> (u32, u32) {
        let g = &mut self.gils[p as usize];
        let (thread, slot) = g.holder.take().expect("GIL released without a holder");
        g.epoch = g.epoch.wrapping_add(1);
        self.meter.stop(p as usize, k.now);
        if k.trace.enabled() {
            let id = k.req(slot).id;
            k.trace
                .span(g.lane, id, g.acquired, k.now, SpanState::RunningCpu);
        }
        (thread, slot)
    }

    /// Passes the GIL to the first waiter, if any; returns it with the CPU work it resumes.
    #[inline(always)]
    fn hand_over(&mut self, k: &mut Kernel, p: u32) -> Option<(u32, f64)> {
        let w = self.gils[p as usize].queue.pop_front()?;
        self.acquire(k, p, w.thread, w.slot);
        Some((w.thread, w.work))
    }

    /// The holder of `p`'s GIL stopped running CPU (I/O or done).
    #[inline(always)]
    pub fn release(&mut self, k: &mut Kernel, p: u32) -> Option<(u32, f64)> {
        self.drop_holder(k, p);
        self.hand_over(k, p)
    }

    /// A switch-interval deadline fired. If it is still current, the holder is preempted and queued;
    /// returns the preempted thread and the thread that now holds the GIL with its work.
    pub fn deadline(&mut self, k: &mut Kernel, p: u32, epoch: u32) -> Option<(u32, (u32, f64))> {
        let g = &self.gils[p as usize];
        if g.epoch != epoch || g.holder.is_none() || g.queue.is_empty() {
            return None;
        }
        let (thread, slot) = self.drop_holder(k, p);
        let work = k.cpu.preempt(thread);
        self.preemptions += 1;
        self.gils[p as usize]
            .queue
            .push_back(Waiter { thread, slot, work });
        let next = self.hand_over(k, p).expect("a waiter existed");
        Some((thread, next))
    }

    /// GIL utilisation per process over the window, and the number of preemptions.
    pub fn finish(self, end: f64) -> (Vec<f64>, u64) {
        (self.meter.fractions(end), self.preemptions)
    }
}
