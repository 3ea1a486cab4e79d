//! `reality-loadgen`: the reality check's driver. Starts the real servers, sends them seeded open-loop
//! traffic, runs the simulator on the same requests, and writes the comparison.
//!
//! Usage (scripts/reality-check.sh runs it pinned to the last core):
//!   reality-loadgen run [--smoke] [--only NAME,NAME] [--no-pin]   measure; full runs rewrite the report
//!   reality-loadgen report                                         rewrite the report from the last full run

mod chart;
mod config;
mod engine;
mod figures;
mod generator;
mod machine;
mod measure;
mod procstat;
mod report;
mod servers;
mod suite;
mod verdict;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("reality-loadgen: {message}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    command: String,
    smoke: bool,
    only: Vec<String>,
    pin: bool,
    short: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    if command == "probe" {
        return Ok(Args {
            command,
            smoke: false,
            only: args.collect(),
            pin: false,
            short: false,
        });
    }
    if command != "run" && command != "report" {
        return Err("usage: reality-loadgen run [--smoke] [--only NAME,NAME] [--no-pin] [--short] | report | probe PORT PATH COUNT RATE".into());
    }
    let mut a = Args {
        command,
        smoke: false,
        only: Vec::new(),
        pin: true,
        short: false,
    };
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--smoke" => a.smoke = true,
            "--no-pin" => a.pin = false,
            // Development: every selected load, at the smoke run's lengths.
            "--short" => a.short = true,
            "--only" => {
                let list = args
                    .next()
                    .ok_or("--only needs a comma-separated list of scenario names")?;
                a.only = list.split(',').map(str::to_string).collect();
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(a)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn real_main() -> Result<ExitCode, String> {
    let args = parse_args()?;
    let reality = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let reality = reality
        .canonicalize()
        .map_err(|e| format!("{}: {e}", reality.display()))?;
    let docs = reality
        .parent()
        .ok_or("reality/ has no parent")?
        .join("docs");
    let paths = servers::Paths::new(&reality);
    let full_results = reality.join("results/full.json");

    if args.command == "probe" {
        servers::raise_own_priority();
        return probe(&args.only);
    }
    if args.command == "report" {
        let text = std::fs::read_to_string(&full_results).map_err(|e| {
            format!(
                "cannot read {} (run a full check first): {e}",
                full_results.display()
            )
        })?;
        let results: suite::Results =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", full_results.display()))?;
        write_report(&results, &docs)?;
        return Ok(ExitCode::SUCCESS);
    }

    let suite = config::Suite::load(&reality.join("scenarios.json"))?;
    servers::raise_own_priority();
    let pin = args.pin && pinning_possible(&suite, args.smoke);
    if args.pin && !pin {
        eprintln!(
            "reality-loadgen: not pinning (taskset missing or too few cores); figures will be noisier"
        );
    }
    let opt = suite::Options {
        smoke: args.smoke,
        short: args.short,
        only: args.only,
        pin,
    };
    let results = suite::run(&suite, &paths, &opt)?;
    let json = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
    let out = reality.join(format!("results/{}.json", results.mode));
    write(&out, &json)?;
    eprintln!(
        "results: {} ({:.0} s, load average before {} after {})",
        out.display(),
        results.elapsed_s,
        results.loadavg_before,
        results.loadavg_after
    );

    if args.smoke {
        let failures: Vec<String> = results
            .runs
            .iter()
            .flat_map(verdict::smoke_failures)
            .collect();
        for r in &results.runs {
            println!(
                "smoke {}: mean real {:.2} ms, simulated {:.2} ms; p50 {:.2} / {:.2} ms; {} requests",
                r.scenario,
                r.real.mean_ms,
                r.sim.mean_ms,
                r.real.p50_ms,
                r.sim.p50_ms,
                r.real.arrived
            );
        }
        for f in &failures {
            println!("smoke FAILED {f}");
        }
        let passed = results.runs.len()
            - results
                .runs
                .iter()
                .filter(|r| !verdict::smoke_failures(r).is_empty())
                .count();
        println!("{passed} passed, {} failed", results.runs.len() - passed);
        return Ok(if failures.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    if opt.only.is_empty() && !opt.short {
        write_report(&results, &docs)?;
    } else {
        eprintln!("partial or short run (--only, --short): docs/validation.md left unchanged");
    }
    Ok(ExitCode::SUCCESS)
}

fn write_report(results: &suite::Results, docs: &Path) -> Result<(), String> {
    write(&docs.join("validation.svg"), &chart::render(results))?;
    write(&docs.join("validation.md"), &report::render(results))?;
    eprintln!(
        "wrote {} and validation.svg",
        docs.join("validation.md").display()
    );
    Ok(())
}

/// Pinning needs taskset and one core more than the widest scenario (for the load generator), except
/// that a two-core scenario on a two-core machine shares the generator's core (the report says so).
fn pinning_possible(suite: &config::Suite, _smoke: bool) -> bool {
    let cores = std::fs::read_to_string("/proc/cpuinfo")
        .map(|t| t.lines().filter(|l| l.starts_with("processor")).count())
        .unwrap_or(1) as u32;
    let widest = suite.scenarios.iter().map(|s| s.cores).max().unwrap_or(1);
    let has_taskset = std::process::Command::new("taskset")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    has_taskset && cores >= 2 && widest <= cores
}

/// Development aid: `probe PORT PATH COUNT RATE` sends COUNT evenly spaced requests to a server that is
/// already running on 127.0.0.1:PORT and prints the latency spread and what the handler reported.
fn probe(a: &[String]) -> Result<ExitCode, String> {
    let [port, path, count, rate] = a else {
        return Err("usage: probe PORT PATH COUNT RATE".into());
    };
    let port: u16 = port.parse().map_err(|_| "PORT must be a number")?;
    let count: usize = count.parse().map_err(|_| "COUNT must be a number")?;
    let rate: f64 = rate.parse().map_err(|_| "RATE must be a number")?;
    let plan: Vec<generator::Planned> = (0..count)
        .map(|i| generator::Planned {
            at_s: i as f64 / rate,
            path: path.clone(),
            asked_cpu_ms: 0.0,
            asked_io_ms: 0.0,
        })
        .collect();
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let out = generator::run(addr, &plan, std::time::Duration::from_secs(10))?;
    let (f, fid) = figures::real_figures(&out, 0.0, count as f64 / rate + 10.0);
    println!(
        "{} ok of {}: latency mean {:.3} p50 {:.3} p99 {:.3} ms; handler cpu {:.3} io {:.3} ms; send lag p99 {:.3} ms",
        f.completed,
        f.arrived,
        f.mean_ms,
        f.p50_ms,
        f.p99_ms,
        fid.got_cpu_ms,
        fid.got_io_ms,
        fid.send_lag_p99_ms
    );
    Ok(ExitCode::SUCCESS)
}
