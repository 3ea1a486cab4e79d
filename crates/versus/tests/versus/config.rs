//! The configuration rules: tuned as each side's experts run it, shipped defaults, and the
//! capacity model that says whether a configuration can keep up at all.

use nvp_sim::IoKind;
use nvp_versus::calibration;
use nvp_versus::capacity::{self, ResourceKind};
use nvp_versus::config::{self, TUNED_LOAD};
use nvp_versus::server::ServerKind;
use nvp_versus::settings::{Config, PyMode, Settings};

fn tuned(f: impl FnOnce(&mut Settings)) -> Settings {
    let mut s = Settings::default();
    f(&mut s);
    s
}

#[test]
fn tuned_node_runs_one_process_per_core_and_sizes_its_pool_to_the_demand() {
    let s = tuned(|s| s.cores = 6);
    let [node, _] = config::servers(&s);
    assert_eq!(
        node.kind,
        ServerKind::Node {
            processes: 6,
            pool: 4
        }
    );
    // File I/O: 400/s × 50 ms = 20 pool slots busy over 6 processes, at 70 %: 5 each.
    let s = tuned(|s| {
        s.cores = 6;
        s.traffic.io_kind = IoKind::Threadpool;
    });
    let [node, _] = config::servers(&s);
    let want = (400.0 * 0.05 / 6.0 / TUNED_LOAD).ceil() as u32;
    assert_eq!(
        node.kind,
        ServerKind::Node {
            processes: 6,
            pool: want.max(4)
        }
    );
}

#[test]
fn tuned_python_sizes_gthread_threads_by_littles_law() {
    let s = Settings::default();
    let [_, python] = config::servers(&s);
    let t = &s.traffic;
    let hold_s = (t.cpu_ms + calibration::GUNICORN_SYNC_MS + t.io_ms) / 1e3;
    let threads = (t.rate_per_s * hold_s / 4.0 / TUNED_LOAD).ceil() as u32;
    assert_eq!(
        python.kind,
        ServerKind::Gthread {
            workers: 4,
            threads,
            switch_ms: 5.0
        }
    );
    let slots = capacity::resources(&python, t, s.cores)
        .into_iter()
        .find(|r| r.kind == ResourceKind::Slots)
        .expect("threads are a resource");
    assert!(slots.load() <= TUNED_LOAD + 0.05, "{}", slots.describe());
}

#[test]
fn tuned_python_uses_processes_for_cpu_and_asyncio_for_connections() {
    let cpu = tuned(|s| {
        s.traffic.cpu_ms = 40.0;
        s.traffic.io_ms = 5.0;
        s.traffic.rate_per_s = 40.0;
    });
    let [_, python] = config::servers(&cpu);
    assert!(matches!(python.kind, ServerKind::Sync { workers } if workers >= 4));
    let chat = tuned(|s| s.traffic.long_lived = true);
    let [_, python] = config::servers(&chat);
    assert!(matches!(
        python.kind,
        ServerKind::Asyncio { workers: 4, .. }
    ));
}

#[test]
fn out_of_the_box_is_one_process_each_and_says_so() {
    let s = tuned(|s| s.config = Config::OutOfBox);
    let servers = config::servers(&s);
    assert_eq!(
        servers[0].kind,
        ServerKind::Node {
            processes: 1,
            pool: 4
        }
    );
    assert_eq!(servers[1].kind, ServerKind::Sync { workers: 1 });
    let text = config::explain(&s, &servers);
    assert!(
        text.contains("gunicorn's default is one sync worker"),
        "{text}"
    );
    let chat = tuned(|s| {
        s.config = Config::OutOfBox;
        s.traffic.long_lived = true;
    });
    let servers = config::servers(&chat);
    assert!(matches!(
        servers[1].kind,
        ServerKind::Asyncio { workers: 1, .. }
    ));
}

#[test]
fn custom_uses_the_visitors_numbers() {
    let s = tuned(|s| {
        s.config = Config::Custom;
        s.custom.py_mode = PyMode::FreeThreaded;
        s.custom.py_processes = 2;
        s.custom.py_threads = 16;
        s.custom.cpu_factor = 3.0;
    });
    let [_, python] = config::servers(&s);
    assert_eq!(
        python.kind,
        ServerKind::FreeThreaded {
            workers: 2,
            threads: 16
        }
    );
    assert_eq!(python.cpu_factor, 3.0);
    // The free-threaded build's own single-thread cost is on top of the visitor's factor.
    assert!(python.cpu_scale() > 3.0);
}

/// The capacity model counts what a request holds, not only CPU: threads are held through the
/// I/O, and libuv's pool has four slots.
#[test]
fn every_resource_counts_in_the_capacity_model() {
    let s = tuned(|s| {
        s.config = Config::Custom;
        s.traffic.rate_per_s = 200.0;
        s.custom.py_threads = 8;
    });
    let [node, python] = config::servers(&s);
    let py = capacity::resources(&python, &s.traffic, s.cores);
    let worst = capacity::bottleneck(&py).expect("resources");
    assert_eq!(worst.kind, ResourceKind::Slots);
    let hold_ms = s.traffic.cpu_ms + calibration::GUNICORN_GTHREAD_MS + s.traffic.io_ms;
    assert_eq!(
        worst.describe(),
        format!("threads: {:.1} needed, 8 available", 200.0 * hold_ms / 1e3)
    );
    assert!(
        worst.overloaded(),
        "10.5 threads' worth of demand on 8 threads cannot settle"
    );
    assert!(
        !capacity::bottleneck(&capacity::resources(&node, &s.traffic, s.cores))
            .expect("resources")
            .overloaded()
    );
    let mut pool = s.clone();
    pool.traffic.io_kind = IoKind::Threadpool;
    let r = capacity::resources(&node, &pool.traffic, pool.cores);
    let p = r
        .iter()
        .find(|r| r.kind == ResourceKind::Pool)
        .expect("the pool");
    assert!(
        p.overloaded(),
        "200/s × 50 ms = 10 busy slots on a pool of 4: {}",
        p.describe()
    );
}

#[test]
fn the_python_kind_switch_keeps_the_tuned_sizing_rules() {
    use nvp_versus::config::{python_mode, servers, with_python_mode};
    use nvp_versus::settings::PyMode;
    for preset in nvp_versus::presets::all(crate::support::shipped()) {
        let s = preset.settings();
        let tuned_servers = servers(&s);
        for mode in PyMode::ALL {
            let switched = with_python_mode(&s, mode);
            assert_eq!(python_mode(&switched), mode, "{} {mode:?}", preset.id);
            let both = servers(&switched);
            assert_eq!(
                both[0], tuned_servers[0],
                "{}: Node.js stays tuned",
                preset.id
            );
            assert_eq!(switched.traffic, s.traffic, "the traffic never changes");
        }
        // Switching to the kind the tuned configuration picked gives the same Python server.
        let own = with_python_mode(&s, python_mode(&s));
        assert_eq!(servers(&own)[1], tuned_servers[1], "{}", preset.id);
    }
}
