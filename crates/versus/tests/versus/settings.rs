//! Values the visitor types are clamped to the control's range and explained.

use nvp_versus::settings::{Field, Settings, plain};

#[test]
fn out_of_range_values_are_clamped_with_a_message() {
    let mut s = Settings::default();
    let issue = s.set_text(Field::Rate, "999999").expect("a message");
    assert_eq!(s.rate_per_s, Field::Rate.spec().max);
    assert!(issue.message.contains("using 20000"), "{}", issue.message);
    let issue = s.set_text(Field::Cores, "0").unwrap();
    assert_eq!(s.cores, 1);
    assert!(issue.message.contains("Machine cores runs from 1 to 64"));
    assert!(s.set_text(Field::Cores, "8").is_none());
    assert_eq!(s.cores, 8);
}

#[test]
fn non_numbers_keep_the_old_value() {
    let mut s = Settings::default();
    let before = s.clone();
    for raw in ["abc", "", "NaN", "inf"] {
        let issue = s.set_text(Field::Io, raw).expect(raw);
        assert!(
            issue.message.contains("keeping 50"),
            "{raw}: {}",
            issue.message
        );
        assert_eq!(s, before);
    }
}

#[test]
fn whole_number_fields_round() {
    let mut s = Settings::default();
    let issue = s.set_text(Field::PyThreads, "7.6").unwrap();
    assert_eq!(s.py_threads, 8);
    assert!(issue.message.contains("whole number"));
}

#[test]
fn the_window_stays_inside_the_run() {
    let mut s = Settings::default();
    s.set_text(Field::WindowStart, "9.5");
    assert_eq!(s.window_start_s, s.duration_s - s.window_len_s);
    s.set_text(Field::Duration, "2");
    assert!(s.window_start_s + s.window_len_s <= 2.0 + 1e-9);
    s.set_text(Field::Duration, "1");
    assert!(s.window_len_s <= 1.0 && s.window_start_s == 0.0);
    assert!(
        s.set_text(Field::WindowLen, "3").is_some(),
        "longer than 2 s is refused"
    );
}

#[test]
fn a_changed_factor_drops_its_citation() {
    let mut s = Settings {
        cpu_factor: 2.96,
        cpu_factor_source: Some("hyper_letloop".into()),
        ..Settings::default()
    };
    s.set_text(Field::CpuFactor, "2.96");
    assert!(s.cpu_factor_source.is_some(), "the same value keeps it");
    s.set_text(Field::CpuFactor, "3");
    assert_eq!(s.cpu_factor_source, None);
    let (clamped, issues) = Settings {
        rate_per_s: -1.0,
        ..Settings::default()
    }
    .clamped();
    assert_eq!(clamped.rate_per_s, Field::Rate.spec().min);
    assert_eq!(issues.len(), 1);
    assert_eq!(plain(2.5), "2.5");
}
