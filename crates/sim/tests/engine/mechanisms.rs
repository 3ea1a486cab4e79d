//! The mechanisms a fair comparison leans on, each held against a closed form or an exact
//! schedule that a plausible wrong engine would miss: a GIL that shares the core ideally, a
//! dispatcher that is random instead of round-robin, a loop that counts a phase twice, threads
//! that never run out, a pool with unlimited slots, native code that keeps the GIL.
//!
//! Tolerance is 2 %. Loads sit near ρ = 0.5 and runs carry about a million requests, so the
//! standard error of a simulated mean is about 0.3 % (at ρ = 0.8 and 100,000 requests it would
//! be near 2.5 %, too noisy to see a 2 % bias).

use crate::support::{det, event_loop, exp, scenario, threads};
use nvp_sim::{Arrival, IoKind, RunOptions, Scenario, SimResult, run};

const TOL: f64 = 0.02;

fn sim(s: &Scenario) -> SimResult {
    run(s, &RunOptions::default()).expect("valid scenario")
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    let rel = (got - want).abs() / want;
    println!(
        "{what}: simulated {got:.4}, expected {want:.4}, error {:+.2} %",
        (got - want) / want * 100.0
    );
    assert!(
        rel <= tol,
        "{what}: simulated {got}, expected {want}, relative error {rel:.4} > {tol}"
    );
}

/// Erlang B blocking probability for `c` servers at offered load `a`.
fn erlang_b(c: u32, a: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (f64::from(k) + a * b);
    }
    b
}

/// Erlang C waiting probability for `c` servers at offered load `a`.
fn erlang_c(c: u32, a: f64) -> f64 {
    let b = erlang_b(c, a);
    let rho = a / f64::from(c);
    b / (1.0 - rho * (1.0 - b))
}

/// M/M/c mean sojourn in ms.
fn mmc_w_ms(c: u32, lambda: f64, es_ms: f64) -> f64 {
    let mu = 1e3 / es_ms;
    let wq = erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda);
    (wq + 1.0 / mu) * 1e3
}

/// Deterministic requests `a` ms CPU, `b` ms I/O, `c` ms CPU, one every `period` ms from t = 0.
fn periodic(period_ms: f64, [a, b, c]: [f64; 3], model: nvp_sim::ServerModel) -> Scenario {
    let mut s = scenario(
        1,
        60.0,
        1.0,
        1,
        1e3 / period_ms,
        [det(a), det(b), det(c)],
        model,
    );
    s.workload.arrival = Arrival::Constant {
        rate_per_s: 1e3 / period_ms,
    };
    s
}

/// The convoy effect at CPython's real 5 ms switch interval, as an exact schedule. Requests of
/// 20 ms CPU, 15 ms I/O and 1 ms CPU arrive every 30 ms on two threads sharing one GIL. Each
/// request's last CPU phase becomes ready while the next request computes, waits one full switch
/// interval for the GIL, then runs; so every request takes 20 + 1 (the other's last phase cuts
/// in) + 15 + 5 (the wait) + 1 = 42 ms. Ideal sharing of one core would give about 37 ms, and
/// no GIL on two cores exactly 36.
#[test]
fn gil_convoy_waits_one_full_switch_interval() {
    for (switch, want) in [(5.0, 42.0), (2.0, 39.0)] {
        let r = sim(&periodic(
            30.0,
            [20.0, 15.0, 1.0],
            threads(1, 2, true, switch),
        ));
        close(
            &format!("GIL {switch} ms mean"),
            r.latency_ms.mean,
            want,
            1e-9,
        );
        close(
            &format!("GIL {switch} ms p99"),
            r.latency_ms.p99,
            want,
            0.003,
        );
        close(
            &format!("GIL {switch} ms p50"),
            r.latency_ms.p50,
            want,
            0.003,
        );
    }
    let mut free = periodic(30.0, [20.0, 15.0, 1.0], threads(1, 2, false, 5.0));
    free.cores = 2;
    close("no GIL, two cores", sim(&free).latency_ms.mean, 36.0, 1e-9);
}

/// Native code that releases the GIL runs in parallel: with all of the CPU in such code, four
/// threads on four cores are an M/M/4 queue; with none of it, one GIL serves them one at a time
/// (an M/M/1 queue, whose mean sojourn is the same under round-robin slices as under FIFO).
#[test]
fn native_code_releases_the_gil() {
    let (lambda, es) = (200.0, 10.0);
    let base = |share: f64| {
        let mut s = scenario(
            5,
            5_000.0,
            10.0,
            4,
            lambda,
            [exp(es), det(0.0), det(0.0)],
            threads(1, 4, true, 5.0),
        );
        s.workload.native_share = share;
        s.model = match s.model {
            nvp_sim::ServerModel::Threads { backlog: _, .. } => nvp_sim::ServerModel::Threads {
                processes: 1,
                threads_per_process: 4,
                gil: true,
                switch_interval_ms: 5.0,
                backlog: 1_000_000,
                cpu_scale: 1.0,
                overhead_ms: 0.0,
            },
            m => m,
        };
        s
    };
    // All native: M/M/4 at ρ = 0.5.
    close(
        "all native = M/M/4",
        sim(&base(1.0)).latency_ms.mean,
        mmc_w_ms(4, lambda, es),
        TOL,
    );
    // No native code at a load the single GIL can carry: M/M/1 at ρ = 0.5.
    let mut held = base(0.0);
    held.workload.arrival = Arrival::Poisson { rate_per_s: 50.0 };
    held.duration_s = 20_000.0;
    close(
        "all under the GIL = M/M/1",
        sim(&held).latency_ms.mean,
        1e3 / (100.0 - 50.0),
        TOL,
    );
}

/// Node's cluster primary deals connections round-robin, so each of two loops sees every other
/// Poisson arrival: Erlang-2 gaps, an E2/M/1 queue, whose sojourn is exponential with rate
/// μ(1 − σ), σ the root of σ = (λ / (λ + μ(1 − σ)))². Random dispatch would give M/M/1 at λ/2:
/// 20 ms here instead of about 16.
#[test]
fn cluster_round_robin_is_an_erlang_2_queue_per_loop() {
    let (lambda, mu) = (100.0, 100.0);
    let mut sigma: f64 = 0.5;
    for _ in 0..200 {
        sigma = (lambda / (lambda + mu * (1.0 - sigma))).powi(2);
    }
    let want = 1e3 / (mu * (1.0 - sigma));
    let r = sim(&scenario(
        6,
        10_000.0,
        10.0,
        2,
        lambda,
        [exp(10.0), det(0.0), det(0.0)],
        event_loop(2),
    ));
    close("round-robin E2/M/1 mean", r.latency_ms.mean, want, TOL);
    // p99 of an exponential sojourn: −ln(0.01) / (μ(1 − σ)).
    close(
        "round-robin E2/M/1 p99",
        r.latency_ms.p99,
        want * 100f64.ln(),
        TOL,
    );
    assert!(
        want < 0.85 * 1e3 / (mu - lambda / 2.0),
        "the test separates round-robin from random"
    );
}

/// Threads that wait on I/O stay taken; with no accept queue an arrival that finds all of them
/// busy is turned away: an M/G/c/c loss system, whose loss share is Erlang B whatever the
/// distribution of the holding time.
#[test]
fn thread_exhaustion_with_no_backlog_is_erlang_b() {
    let mut s = scenario(
        7,
        6_000.0,
        10.0,
        4,
        160.0,
        [det(0.0), exp(50.0), det(0.0)],
        threads(1, 8, true, 5.0),
    );
    if let nvp_sim::ServerModel::Threads { backlog, .. } = &mut s.model {
        *backlog = 0;
    }
    let r = sim(&s);
    let lost = r.dropped as f64 / r.arrived as f64;
    close("loss share = Erlang B(8, 8)", lost, erlang_b(8, 8.0), TOL);
    assert_eq!(r.arrived, r.completed + r.dropped + r.in_flight_at_end);
}

/// Files, DNS and crypto hold one of libuv's 4 pool slots: with no CPU, the I/O alone is an
/// M/M/4 queue (Erlang C). A pool with unlimited slots would answer in the bare 30 ms.
#[test]
fn libuv_pool_is_a_four_server_queue() {
    let (lambda, io) = (80.0, 30.0);
    let mut s = scenario(
        8,
        12_000.0,
        10.0,
        1,
        lambda,
        [det(0.0), exp(io), det(0.0)],
        event_loop(1),
    );
    s.workload.io_kind = IoKind::Threadpool;
    let r = sim(&s);
    let want = mmc_w_ms(4, lambda, io);
    close("pool M/M/4 mean", r.latency_ms.mean, want, TOL);
    assert!(
        want > 1.1 * io,
        "the test separates a 4-slot pool from an unlimited one"
    );
}

/// Two CPU phases with no I/O between them run as one callback: the loop is busy for both, so
/// its utilisation is λ(a + b), and the requests see an M/G/1 queue whose service is the sum of
/// two exponentials (Pollaczek–Khinchine with E[S²] = a² + b² + (a + b)²). An engine that counts
/// the first phase twice, or drops it, reads a different utilisation; the busy level never
/// exceeds the one loop.
#[test]
fn two_cpu_phases_without_io_keep_the_loop_busy_once() {
    let (lambda, a, b) = (50.0, 6.0, 4.0);
    let r = sim(&scenario(
        9,
        20_000.0,
        10.0,
        1,
        lambda,
        [exp(a), det(0.0), exp(b)],
        event_loop(1),
    ));
    let util = r.event_loop().expect("an event loop").utilisation[0];
    let rho = lambda * (a + b) / 1e3;
    close("loop utilisation", util, rho, TOL);
    let es2 = (a * a + b * b + (a + b) * (a + b)) / 1e6;
    let wq = lambda * es2 / (2.0 * (1.0 - rho));
    close(
        "M/G/1 mean",
        r.latency_ms.mean,
        (wq + (a + b) / 1e3) * 1e3,
        TOL,
    );
    let busiest = r.queue_series.iter().map(|q| q.busy).fold(0.0, f64::max);
    assert!(busiest <= 1.0 + 1e-9, "busy level {busiest} above one loop");
}
