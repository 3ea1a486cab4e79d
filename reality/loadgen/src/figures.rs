//! The figures compared side by side, computed for the real run with the simulator's own definitions:
//! latencies of requests that arrived after warm-up and completed by the end of the run, throughput as
//! completions inside the window, failures (simulator: dropped) over the whole run. Percentiles are
//! nearest-rank, as in the simulator.

use crate::generator::{Outcome, Status};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize)]
pub struct Figures {
    pub arrived: u64,
    pub completed: u64,
    /// Simulator: dropped at the backlog. Real: refused, reset, timed out or answered with an error.
    pub failed: u64,
    /// Latencies behind mean/p50/p99.
    pub measured: u64,
    pub mean_ms: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub throughput_per_s: f64,
}

impl Figures {
    pub fn failed_share(&self) -> f64 {
        if self.arrived == 0 {
            0.0
        } else {
            self.failed as f64 / self.arrived as f64
        }
    }
}

/// Smallest value with at least a fraction `p` of the sorted values at or below it.
pub fn nearest_rank(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

/// What the real run looked like besides the compared figures: how faithfully the generator and the
/// servers did what was asked.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize)]
pub struct Fidelity {
    /// How late the generator started requests after their scheduled time (p99, ms).
    pub send_lag_p99_ms: f64,
    /// Mean CPU and I/O asked of the handler, and what the handler reported it got (ms per request).
    pub asked_cpu_ms: f64,
    pub got_cpu_ms: f64,
    pub asked_io_ms: f64,
    pub got_io_ms: f64,
    pub refused: u64,
    pub reset: u64,
    pub timed_out: u64,
    pub bad_status: u64,
}

/// Summarises a real run over [warmup_s, end_s].
pub fn real_figures(outcomes: &[Outcome], warmup_s: f64, end_s: f64) -> (Figures, Fidelity) {
    let mut lat = Vec::new();
    let (mut completed, mut window_completed) = (0u64, 0u64);
    let mut fid = Fidelity::default();
    let mut lags = Vec::with_capacity(outcomes.len());
    let (mut n_ok, mut asked_cpu, mut got_cpu, mut asked_io, mut got_io) =
        (0.0f64, 0.0, 0.0, 0.0, 0.0);
    for o in outcomes {
        lags.push(o.send_lag_s * 1e3);
        match o.status {
            Status::Ok => {
                let done = o.done_s.expect("ok has a completion time");
                if done <= end_s {
                    completed += 1;
                    if done >= warmup_s {
                        window_completed += 1;
                    }
                    if o.at_s >= warmup_s {
                        lat.push((done - o.at_s) * 1e3);
                    }
                }
                if o.at_s >= warmup_s {
                    n_ok += 1.0;
                    asked_cpu += o.asked_cpu_ms;
                    got_cpu += o.got_cpu_ms;
                    asked_io += o.asked_io_ms;
                    got_io += o.got_io_ms;
                }
            }
            Status::Refused => fid.refused += 1,
            Status::Reset => fid.reset += 1,
            Status::TimedOut => fid.timed_out += 1,
            Status::Failed => fid.bad_status += 1,
        }
    }
    lat.sort_by(f64::total_cmp);
    lags.sort_by(f64::total_cmp);
    let n = n_ok.max(1.0);
    fid.send_lag_p99_ms = nearest_rank(&lags, 0.99);
    fid.asked_cpu_ms = asked_cpu / n;
    fid.got_cpu_ms = got_cpu / n;
    fid.asked_io_ms = asked_io / n;
    fid.got_io_ms = got_io / n;
    let figures = Figures {
        arrived: outcomes.len() as u64,
        completed,
        failed: fid.refused + fid.reset + fid.timed_out + fid.bad_status,
        measured: lat.len() as u64,
        mean_ms: if lat.is_empty() {
            0.0
        } else {
            lat.iter().sum::<f64>() / lat.len() as f64
        },
        p50_ms: nearest_rank(&lat, 0.5),
        p99_ms: nearest_rank(&lat, 0.99),
        throughput_per_s: window_completed as f64 / (end_s - warmup_s),
    };
    (figures, fid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(at_s: f64, done_s: f64) -> Outcome {
        Outcome {
            at_s,
            send_lag_s: 0.0,
            done_s: Some(done_s),
            status: Status::Ok,
            asked_cpu_ms: 1.0,
            got_cpu_ms: 1.0,
            asked_io_ms: 0.0,
            got_io_ms: 0.0,
        }
    }

    #[test]
    fn nearest_rank_matches_the_definition() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(nearest_rank(&v, 0.5), 50.0);
        assert_eq!(nearest_rank(&v, 0.99), 99.0);
        assert_eq!(nearest_rank(&v, 1.0), 100.0);
        assert_eq!(nearest_rank(&v, 0.0), 1.0);
        assert_eq!(nearest_rank(&[], 0.5), 0.0);
    }

    #[test]
    fn window_rules_follow_the_simulator() {
        let mut failed = ok(3.0, 0.0);
        failed.status = Status::Refused;
        failed.done_s = None;
        let outcomes = [
            ok(0.5, 1.5),  // arrived in warm-up, completes in the window: throughput only
            ok(2.0, 2.01), // measured: 10 ms
            ok(4.0, 4.03), // measured: 30 ms
            ok(9.9, 10.5), // completes after the end: in flight, not counted
            failed,
        ];
        let (f, fid) = real_figures(&outcomes, 1.0, 10.0);
        assert_eq!((f.arrived, f.completed, f.failed, f.measured), (5, 3, 1, 2));
        assert_eq!(fid.refused, 1);
        assert!((f.mean_ms - 20.0).abs() < 1e-9);
        assert!((f.p50_ms - 10.0).abs() < 1e-9 && (f.p99_ms - 30.0).abs() < 1e-9);
        assert!((f.throughput_per_s - 3.0 / 9.0).abs() < 1e-12);
    }
}
