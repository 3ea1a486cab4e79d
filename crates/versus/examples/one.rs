//! Runs one preset's experiment `n` times (for profiling): `cargo run --release -p nvp-versus
//! --example one -- concurrent_api 20`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let id = args.get(1).map_or("io_api", String::as_str);
    let n: u32 = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(10);
    let content = nvp_content::source::shipped();
    let preset = nvp_versus::presets::find(&content, id).expect("a preset id");
    let s = preset.settings();
    let t0 = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(nvp_versus::evaluate(&s));
    }
    println!(
        "{id}: {:.1} ms per experiment",
        t0.elapsed().as_secs_f64() * 1e3 / f64::from(n)
    );
}
