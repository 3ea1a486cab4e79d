//! Simulator speed. `cargo bench --bench sim`; the figure that matters is requests simulated per second
//! on the M/M/1 scenario (the target: at least 5 million per second natively).

// criterion is a native-only dev-dependency; wasm builds of `--all-targets` get an empty bench.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{Criterion, Throughput, criterion_group};
    use nvp_sim::{Arrival, Dist, IoKind, RunOptions, Scenario, ServerModel, Workload, run};
    use std::hint::black_box;
    use std::time::Duration;

    fn scenario(rate: f64, duration_s: f64, cpu: Dist, io: Dist, model: ServerModel) -> Scenario {
        Scenario {
            seed: 42,
            duration_s,
            warmup_s: duration_s / 20.0,
            cores: 4,
            workload: Workload {
                arrival: Arrival::Poisson { rate_per_s: rate },
                cpu_before_io_ms: cpu,
                io_ms: io,
                cpu_after_io_ms: Dist::zero(),
                io_kind: IoKind::Network,
                io_calls: 1,
                native_share: 0.0,
            },
            model,
            client_timeout_s: None,
            syn_retries: 0,
            drain: false,
        }
    }

    fn event_loop() -> ServerModel {
        ServerModel::EventLoop {
            processes: 1,
            threadpool_size: 4,
            backlog: 511,
            cpu_scale: 1.0,
            overhead_ms: 0.0,
        }
    }

    fn bench(c: &mut Criterion, name: &str, s: &Scenario, options: &RunOptions) {
        let requests = run(s, options).expect("valid bench scenario").arrived;
        let mut g = c.benchmark_group("sim");
        g.throughput(Throughput::Elements(requests));
        g.sample_size(10).measurement_time(Duration::from_secs(8));
        g.bench_function(name, |b| {
            b.iter(|| run(black_box(s), options).expect("valid"))
        });
        g.finish();
    }

    fn benches(c: &mut Criterion) {
        let opts = RunOptions::default();
        // M/M/1 at ρ = 0.8: about 1 million requests.
        let mm1 = scenario(
            80.0,
            12_500.0,
            Dist::Exponential { mean: 10.0 },
            Dist::zero(),
            event_loop(),
        );
        bench(c, "mm1_event_loop_1M", &mm1, &opts);

        // The UI's default size: 10 s at 300 requests/s with network I/O, traced as the UI would.
        let ui_opts = RunOptions {
            trace_window_s: Some((4.0, 5.0)),
            ..RunOptions::default()
        };
        let cpu = Dist::Lognormal { mean: 2.0, cv: 1.0 };
        let io = Dist::Exponential { mean: 50.0 };
        let ui_loop = scenario(300.0, 10.0, cpu, io, event_loop());
        bench(c, "ui_event_loop_10s", &ui_loop, &ui_opts);
        let threads = ServerModel::Threads {
            processes: 2,
            threads_per_process: 8,
            gil: true,
            switch_interval_ms: 5.0,
            backlog: 2048,
            cpu_scale: 1.5,
            overhead_ms: 0.0,
        };
        let ui_threads = scenario(300.0, 10.0, cpu, io, threads);
        bench(c, "ui_threads_gil_10s", &ui_threads, &ui_opts);
    }

    criterion_group!(sim, benches);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::sim);

#[cfg(target_arch = "wasm32")]
fn main() {}
