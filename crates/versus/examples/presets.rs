//! Prints every preset under each configuration: each side's server, its busiest resource, p99
//! with its 95 % interval, and the verdict. `cargo run --release -p nvp-versus --example presets`
//! (the table in the fair-fight closing note comes from here).

use nvp_versus::format::ms_interval;
use nvp_versus::run::Figure;
use nvp_versus::server::Side;
use nvp_versus::settings::Config;
use nvp_versus::{capacity, evaluate, presets};

fn main() {
    let content = nvp_content::source::shipped();
    let only: Option<String> = std::env::args().nth(1);
    for config in [Config::Tuned, Config::OutOfBox] {
        println!("\n## {}\n", config.label());
        println!("| preset | Node.js | load | p99 | Python | load | p99 | verdict |");
        println!("|---|---|---|---|---|---|---|---|");
        for p in presets::all(&content) {
            if only.as_ref().is_some_and(|o| *o != p.id) {
                continue;
            }
            let mut s = p.settings();
            s.config = config;
            let t0 = std::time::Instant::now();
            let o = evaluate(&s);
            let took = t0.elapsed();
            let f = match &o.result {
                Ok(f) => f,
                Err(e) => {
                    println!("| {} | error: {e} |", p.id);
                    continue;
                }
            };
            let cell = |side: Side| {
                let run = f.pair.side(side);
                let b = capacity::bottleneck(&run.resources)
                    .map(|r| format!("{} ({:.2})", r.noun, r.load()))
                    .unwrap_or_default();
                format!(
                    "{} | {} | {}",
                    run.server.layout(),
                    b,
                    ms_interval(&run.estimate(Figure::P99))
                )
            };
            println!(
                "| {} | {} | {} | {} ({} ms) |",
                p.id,
                cell(Side::Node),
                cell(Side::Python),
                f.summary[0],
                took.as_millis()
            );
        }
    }
}
