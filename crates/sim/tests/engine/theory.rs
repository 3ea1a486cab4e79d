//! The simulator against queueing theory (formulas in `../shared/reference/facts.md`). Each test states
//! its run length and tolerance. Runs are long enough that the statistical error of the estimate is well
//! under the 3 % tolerance (about ±1 % at these lengths and loads, checked by changing seeds); the seed is
//! fixed, so the tests are reproducible. Every test also checks Little's law on the same run.

use crate::support::{det, event_loop, exp, scenario, threads};
use nvp_sim::{Dist, IoKind, RunOptions, Scenario, SimResult, run};

/// Relative tolerance for theory comparisons, per the issue.
const TOL: f64 = 0.03;

fn sim(s: &Scenario) -> SimResult {
    let r = run(s, &RunOptions::default()).expect("valid scenario");
    assert_eq!(r.dropped, 0, "theory scenarios must not drop");
    r
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    let rel = (got - want).abs() / want;
    println!(
        "{what}: simulated {got:.4}, theory {want:.4}, error {:+.2} %",
        (got - want) / want * 100.0
    );
    assert!(
        rel <= tol,
        "{what}: simulated {got}, theory {want}, relative error {rel:.4} > {tol}"
    );
}

/// Little's law, L = λW, on the measured window: time-average in system vs accepted rate × mean latency.
fn little(what: &str, r: &SimResult) {
    close(
        &format!("{what} Little L=λW"),
        r.mean_in_system,
        r.accepted_rate_per_s * r.latency_ms.mean / 1e3,
        TOL,
    );
}

/// Erlang C waiting probability for `c` servers at offered load `a` = λ/μ.
fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / f64::from(c);
    let mut term = 1.0; // a^k / k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    let top = term / (1.0 - rho);
    top / (sum + top)
}

/// M/M/c mean sojourn in ms for arrival rate `lambda` per s and mean service `es_ms`.
fn mmc_w_ms(c: u32, lambda: f64, es_ms: f64) -> f64 {
    let mu = 1e3 / es_ms;
    let wq = erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda);
    (wq + 1.0 / mu) * 1e3
}

#[test]
fn event_loop_mm1_mean_p95_p99() {
    // λ = 70/s, E[S] = 10 ms, ρ = 0.7; about 2.1 million requests.
    let s = scenario(
        101,
        30_000.0,
        100.0,
        4,
        70.0,
        [exp(10.0), det(0.0), det(0.0)],
        event_loop(1),
    );
    let r = sim(&s);
    let rate = 100.0 - 70.0; // μ − λ per second; sojourn ~ Exp(μ − λ)
    close("M/M/1 mean ms", r.latency_ms.mean, 1e3 / rate, TOL);
    close(
        "M/M/1 p95 ms",
        r.latency_ms.p95,
        -(0.05f64).ln() / rate * 1e3,
        TOL,
    );
    close(
        "M/M/1 p99 ms",
        r.latency_ms.p99,
        -(0.01f64).ln() / rate * 1e3,
        TOL,
    );
    close(
        "M/M/1 loop utilisation",
        r.event_loop().unwrap().utilisation[0],
        0.7,
        TOL,
    );
    little("M/M/1", &r);
}

#[test]
fn event_loop_md1_pollaczek_khinchine() {
    // Deterministic 10 ms, ρ = 0.7: Wq = ρ/(2μ(1−ρ)) = 11.67 ms; about 2.1 million requests.
    let s = scenario(
        102,
        30_000.0,
        100.0,
        4,
        70.0,
        [det(10.0), det(0.0), det(0.0)],
        event_loop(1),
    );
    let r = sim(&s);
    let (rho, mu) = (0.7, 100.0);
    close(
        "M/D/1 mean ms",
        r.latency_ms.mean,
        (rho / (2.0 * mu * (1.0 - rho)) + 1.0 / mu) * 1e3,
        TOL,
    );
    little("M/D/1", &r);
}

#[test]
fn event_loop_mg1_plus_network_io() {
    // Lognormal CPU (mean 10 ms, cv 1.5), then network I/O (exp, 50 ms); λ = 60/s, ρ = 0.6.
    // W = λE[S²]/(2(1−ρ)) + E[S] + E[IO]. About 2.4 million requests: the heavy tail needs them.
    let cpu = Dist::Lognormal {
        mean: 10.0,
        cv: 1.5,
    };
    let s = scenario(
        103,
        40_000.0,
        100.0,
        4,
        60.0,
        [cpu, exp(50.0), det(0.0)],
        event_loop(1),
    );
    let r = sim(&s);
    let lambda = 60.0;
    let (es, es2) = (cpu.mean() / 1e3, cpu.second_moment() / 1e6);
    let w = lambda * es2 / (2.0 * (1.0 - lambda * es)) + es + 0.050;
    close("M/G/1 + IO mean ms", r.latency_ms.mean, w * 1e3, TOL);
    little("M/G/1 + IO", &r);
}

#[test]
fn event_loop_two_bursts_around_io() {
    // Two exponential 5 ms bursts around 30 ms of network I/O, λ = 70/s so ρ = 0.7:
    // W = k·E[S]/(1−ρ) + E[IO] = 2·5/0.3 + 30 ms. About 2.1 million requests.
    let s = scenario(
        104,
        30_000.0,
        100.0,
        4,
        70.0,
        [exp(5.0), exp(30.0), exp(5.0)],
        event_loop(1),
    );
    let r = sim(&s);
    close(
        "two bursts mean ms",
        r.latency_ms.mean,
        2.0 * 5.0 / 0.3 + 30.0,
        TOL,
    );
    little("two bursts", &r);
}

#[test]
fn threads_gil_tiny_switch_interval_is_processor_sharing() {
    // 1 process, 64 threads, deterministic 10 ms CPU, switch interval 0.1 ms, λ = 50/s (ρ = 0.5).
    // Processor sharing gives E[S]/(1−ρ) = 20 ms; FIFO (M/D/1) would give 15 ms. About 150 000 requests.
    let s = scenario(
        105,
        3_000.0,
        50.0,
        4,
        50.0,
        [det(10.0), det(0.0), det(0.0)],
        threads(1, 64, true, 0.1),
    );
    let r = sim(&s);
    close("GIL PS mean ms", r.latency_ms.mean, 10.0 / 0.5, TOL);
    assert!(
        r.latency_ms.mean > 15.0 * (1.0 + TOL),
        "must not look like FIFO (15 ms)"
    );
    let t = r.threads().unwrap();
    close("GIL utilisation", t.gil_utilisation[0], 0.5, TOL);
    assert!(t.preemptions > 0);
    little("GIL PS", &r);
}

#[test]
fn threads_one_per_process_is_erlang_c() {
    // 4 processes × 1 thread on 4 cores, exponential 10 ms, λ = 280/s (ρ = 0.7). About 1.4 million requests.
    let s = scenario(
        106,
        5_000.0,
        50.0,
        4,
        280.0,
        [exp(10.0), det(0.0), det(0.0)],
        threads(4, 1, true, 5.0),
    );
    let r = sim(&s);
    close(
        "M/M/4 (processes) mean ms",
        r.latency_ms.mean,
        mmc_w_ms(4, 280.0, 10.0),
        TOL,
    );
    little("M/M/4 processes", &r);
}

#[test]
fn free_threaded_c_threads_on_c_cores_is_erlang_c() {
    // 1 process × 4 threads without a GIL on 4 cores: same M/M/4 as above. About 1.4 million requests.
    let s = scenario(
        107,
        5_000.0,
        50.0,
        4,
        280.0,
        [exp(10.0), det(0.0), det(0.0)],
        threads(1, 4, false, 5.0),
    );
    let r = sim(&s);
    close(
        "M/M/4 (no GIL) mean ms",
        r.latency_ms.mean,
        mmc_w_ms(4, 280.0, 10.0),
        TOL,
    );
    assert!(r.core_utilisation <= 1.0);
    close("core utilisation", r.core_utilisation, 0.7, TOL);
    little("M/M/4 no GIL", &r);
}

#[test]
fn littles_law_on_other_configurations() {
    // Shapes the theory tests above do not cover: cluster of loops with a saturated thread pool, GIL with
    // I/O and several processes sharing too few cores, free-threaded with more threads than cores.
    let logn = Dist::Lognormal { mean: 3.0, cv: 1.0 };
    let mut pool = scenario(
        108,
        2_000.0,
        50.0,
        2,
        400.0,
        [logn, exp(8.0), exp(1.0)],
        event_loop(3),
    );
    pool.workload.io_kind = IoKind::Threadpool;
    let cases = [
        ("event loop ×3 + pool", pool),
        (
            "GIL 3×8 on 2 cores",
            scenario(
                109,
                2_000.0,
                50.0,
                2,
                150.0,
                [logn, exp(40.0), exp(2.0)],
                threads(3, 8, true, 5.0),
            ),
        ),
        (
            "no GIL 16 threads on 2 cores",
            scenario(
                110,
                2_000.0,
                50.0,
                2,
                300.0,
                [logn, exp(40.0), det(0.0)],
                threads(1, 16, false, 5.0),
            ),
        ),
    ];
    for (name, s) in cases {
        let r = sim(&s);
        assert!(r.completed > 100_000, "{name}: run too short");
        little(name, &r);
    }
}
