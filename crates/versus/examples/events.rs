//! Prints events per request of each side's first replication for a preset (for profiling).

fn main() {
    let id = std::env::args().nth(1).unwrap_or_else(|| "io_api".into());
    let content = nvp_content::source::shipped();
    let s = nvp_versus::presets::find(&content, &id)
        .expect("preset")
        .settings();
    let o = nvp_versus::evaluate(&s);
    let f = o.result.expect("runs");
    for run in &f.pair.sides {
        let r = &run.first;
        println!(
            "{}: {} arrivals, {} events, {:.1} events/request, end {:.2} s",
            run.server.title(),
            r.arrived,
            r.events,
            r.events as f64 / r.arrived as f64,
            r.end_s
        );
    }
}
