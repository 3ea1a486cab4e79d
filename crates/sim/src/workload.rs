//! The request stream: arrival times and every phase duration, drawn from the seed.
//!
//! The stream is generated lazily (one request ahead) so memory does not grow with the run length, and it
//! is drawn without looking at the server model, so every model sees exactly the same traffic for a seed.
//! Each quantity has its own random stream (one xoshiro256++ jumped 2^128 steps per stream), so changing,
//! say, the I/O distribution leaves the arrival times and CPU costs of the same seed unchanged. xoshiro is
//! used instead of `SmallRng`/`StdRng` because those differ between 32-bit wasm and 64-bit native.

use super::scenario::{Arrival, Dist, Workload};
use rand_distr::{Distribution, Exp1, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::SeedableRng;

/// One request as drawn, all durations in seconds and before any model's `cpu_scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawnRequest {
    /// Sequence number from 0, in arrival order.
    pub id: u64,
    pub arrival_s: f64,
    pub cpu1_s: f64,
    pub io_s: f64,
    pub cpu2_s: f64,
}

/// Draws durations of one distribution, in seconds.
#[derive(Clone, Debug)]
struct Sampler {
    rng: Xoshiro256PlusPlus,
    shape: Shape,
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    Fixed(f64),
    Exponential {
        mean_s: f64,
    },
    /// exp(mu + sigma·Z), Z standard normal.
    LogNormal {
        mu: f64,
        sigma: f64,
    },
}

impl Sampler {
    fn new(dist: &Dist, rng: Xoshiro256PlusPlus) -> Self {
        let shape = match *dist {
            Dist::Deterministic { mean } => Shape::Fixed(mean / 1e3),
            Dist::Exponential { mean } if mean > 0.0 => Shape::Exponential { mean_s: mean / 1e3 },
            Dist::Lognormal { mean, cv } if mean > 0.0 && cv > 0.0 => {
                // Matching the mean and variance: sigma² = ln(1 + cv²), mu = ln(mean) − sigma²/2.
                let s2 = (1.0 + cv * cv).ln();
                Shape::LogNormal {
                    mu: (mean / 1e3).ln() - s2 / 2.0,
                    sigma: s2.sqrt(),
                }
            }
            // Zero mean, or cv 0: no randomness left.
            Dist::Exponential { mean } | Dist::Lognormal { mean, .. } => Shape::Fixed(mean / 1e3),
        };
        Sampler { rng, shape }
    }

    /// One duration. Inlined into the arrival path, where most phases are fixed (often zero) or
    /// exponential; the lognormal's larger normal sampler stays out of line.
    #[inline(always)]
    fn draw(&mut self) -> f64 {
        match self.shape {
            Shape::Fixed(v) => v,
            Shape::Exponential { mean_s } => {
                let e: f64 = Exp1.sample(&mut self.rng);
                e * mean_s
            }
            Shape::LogNormal { mu, sigma } => self.draw_lognormal(mu, sigma),
        }
    }

    #[inline(never)]
    fn draw_lognormal(&mut self, mu: f64, sigma: f64) -> f64 {
        let z: f64 = StandardNormal.sample(&mut self.rng);
        (mu + sigma * z).exp()
    }
}

/// Lazily generated, seed-determined stream of requests in arrival order.
#[derive(Clone, Debug)]
pub struct RequestStream {
    poisson: bool,
    rate: f64,
    gaps: Xoshiro256PlusPlus,
    cpu1: Sampler,
    io: Sampler,
    cpu2: Sampler,
    next: DrawnRequest,
}

impl RequestStream {
    pub fn new(seed: u64, workload: &Workload) -> Self {
        let mut base = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut split = || {
            let r = base.clone();
            base.jump();
            r
        };
        let gaps = split();
        let cpu1 = Sampler::new(&workload.cpu_before_io_ms, split());
        let io = Sampler::new(&workload.io_ms, split());
        let cpu2 = Sampler::new(&workload.cpu_after_io_ms, split());
        let (poisson, rate) = match workload.arrival {
            Arrival::Poisson { rate_per_s } => (true, rate_per_s),
            Arrival::Constant { rate_per_s } => (false, rate_per_s),
        };
        let mut s = RequestStream {
            poisson,
            rate,
            gaps,
            cpu1,
            io,
            cpu2,
            next: DrawnRequest {
                id: 0,
                arrival_s: 0.0,
                cpu1_s: 0.0,
                io_s: 0.0,
                cpu2_s: 0.0,
            },
        };
        let first = if poisson { s.gap() } else { 0.0 };
        s.next = s.draw(0, first);
        s
    }

    #[inline(always)]
    fn gap(&mut self) -> f64 {
        let e: f64 = Exp1.sample(&mut self.gaps);
        e / self.rate
    }

    #[inline(always)]
    fn draw(&mut self, id: u64, arrival_s: f64) -> DrawnRequest {
        DrawnRequest {
            id,
            arrival_s,
            cpu1_s: self.cpu1.draw(),
            io_s: self.io.draw(),
            cpu2_s: self.cpu2.draw(),
        }
    }

    /// Arrival time of the next request, without consuming it.
    #[inline]
    pub fn peek_time(&self) -> f64 {
        self.next.arrival_s
    }

    /// Consumes the next request and draws the one after it.
    #[inline(always)]
    pub fn pop(&mut self) -> DrawnRequest {
        let current = self.next;
        let id = current.id + 1;
        // Constant arrivals are computed from the index, not summed, so they do not drift.
        let t = if self.poisson {
            current.arrival_s + self.gap()
        } else {
            id as f64 / self.rate
        };
        self.next = self.draw(id, t);
        current
    }
}

impl Iterator for RequestStream {
    type Item = DrawnRequest;
    fn next(&mut self) -> Option<DrawnRequest> {
        Some(self.pop())
    }
}
