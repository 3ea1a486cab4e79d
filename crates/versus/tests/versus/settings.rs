//! Settings: clamping with a message, applicability of each control, the timeline window.

use nvp_sim::IoKind;
use nvp_versus::settings::{Config, Field, PyMode, Settings};

#[test]
fn out_of_range_values_are_clamped_with_a_message() {
    let mut s = Settings::default();
    let issue = s.set_value(Field::Cores, 500.0).expect("a message");
    assert_eq!(s.cores, 64);
    assert_eq!(
        issue.message,
        "Machine cores runs from 1 to 64 cores; using 64."
    );
    let issue = s.set_value(Field::IoCalls, 2.6).expect("a message");
    assert_eq!(s.traffic.io_calls, 3);
    assert_eq!(
        issue.message,
        "I/O calls per request is a whole number; using 3."
    );
}

#[test]
fn non_numbers_keep_the_old_value() {
    let mut s = Settings::default();
    let before = s.traffic.rate_per_s;
    let issue = s.set_text(Field::Rate, "fast").expect("a message");
    assert_eq!(s.traffic.rate_per_s, before);
    assert!(
        issue.message.contains("“fast” is not a number"),
        "{}",
        issue.message
    );
    assert!(s.set_text(Field::Rate, " 250 ").is_none());
    assert_eq!(s.traffic.rate_per_s, 250.0);
    assert!(s.set_value(Field::Cpu, f64::NAN).is_some());
}

#[test]
fn custom_numbers_apply_only_in_the_custom_configuration() {
    let mut s = Settings::default();
    for f in [
        Field::NodeProcesses,
        Field::PyThreads,
        Field::CpuFactor,
        Field::Switch,
    ] {
        assert!(!s.applies(f), "{f:?} under Tuned");
    }
    s.config = Config::Custom;
    assert!(s.applies(Field::PyThreads) && s.applies(Field::Switch));
    assert!(
        !s.applies(Field::NodePool),
        "the pool only matters for pool I/O"
    );
    s.traffic.io_kind = IoKind::Threadpool;
    assert!(s.applies(Field::NodePool));
    s.custom.py_mode = PyMode::Processes;
    assert!(!s.applies(Field::PyThreads) && !s.applies(Field::Switch));
    s.custom.py_mode = PyMode::FreeThreaded;
    assert!(s.applies(Field::PyThreads) && !s.applies(Field::Switch));
    s.traffic.io_ms = 0.0;
    assert!(!s.applies(Field::IoCalls) && !s.applies(Field::CpuBefore));
}

#[test]
fn the_window_stays_inside_the_first_run() {
    let mut s = Settings::default();
    let run = s.excerpt_s();
    s.set_value(Field::WindowStart, 1e6);
    assert!(s.window_start_s + s.window_len_s <= run + 1e-9);
    // A higher rate shortens the run; the window follows.
    s.set_value(Field::Rate, 10_000.0);
    assert!(s.window_start_s + s.window_len_s <= s.excerpt_s() + 1e-9);
    let (_, issues) = Settings {
        window_start_s: -3.0,
        ..Settings::default()
    }
    .clamped();
    assert_eq!(issues.len(), 1, "{issues:?}");
}
