//! `simulate FILE` (or `-` for stdin): reads one scenario as JSON, prints one result as JSON.
//!
//! Exit status 2 with a one-line message on stderr for unreadable, malformed or invalid input; the
//! message names the bad field (`workload.arrival.rate_per_s: ...`) or the JSON error position, because
//! scripts and tests depend on telling a typo from a simulator bug.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    match cli::main() {
        Ok(json) => println!("{json}"),
        Err(message) => {
            eprintln!("simulate: {message}");
            std::process::exit(2);
        }
    }
}

/// The CLI is native-only (it uses serde_json); wasm builds get an empty binary.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use nvp_sim::{
        self as sim, Arrival, Dist, ModelStats, RunOptions, Scenario, ServerModel, Workload,
    };
    use serde::de::DeserializeOwned;
    use serde_json::Value;
    use std::io::Read;

    pub fn main() -> Result<String, String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let [path] = args.as_slice() else {
            return Err("usage: simulate FILE (or - for stdin)".to_string());
        };
        let text = if path == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            s
        } else {
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?
        };
        let scenario = parse(&text)?;
        let result = sim::run(&scenario, &RunOptions::default()).map_err(|e| e.to_string())?;
        let json = output(&result).map_err(|e| format!("cannot encode the result: {e}"))?;
        Ok(json.to_string())
    }

    /// The result in the CLI's JSON shape: the model's figures sit under `event_loop` or
    /// `threads`, named by `model` (the shape scripts were written against), rather than under the
    /// library's typed `stats`.
    pub fn output(result: &sim::SimResult) -> Result<Value, serde_json::Error> {
        let mut value = serde_json::to_value(result)?;
        let object = value.as_object_mut().expect("a result is a JSON object");
        object.remove("stats");
        let (key, stats) = match &result.stats {
            ModelStats::EventLoop(l) => ("event_loop", serde_json::to_value(l)?),
            ModelStats::Threads(t) => ("threads", serde_json::to_value(t)?),
        };
        object.insert("model".to_string(), Value::from(result.stats.kind()));
        object.insert(key.to_string(), stats);
        Ok(value)
    }

    /// Parses a scenario, naming the JSON position of syntax errors and the field of type errors.
    pub fn parse(text: &str) -> Result<Scenario, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
        match serde_json::from_value::<Scenario>(value.clone()) {
            Ok(s) => Ok(s),
            Err(e) => Err(locate(&value).unwrap_or_else(|| format!("scenario: {e}"))),
        }
    }

    /// serde_json's messages from a `Value` carry no path, so re-check each part on its own to find it.
    fn locate(v: &Value) -> Option<String> {
        if !v.is_object() {
            return Some("scenario: expected a JSON object".to_string());
        }
        fn check<T: DeserializeOwned>(v: &Value, key: &str, path: &str) -> Option<String> {
            let part = v.get(key)?;
            serde_json::from_value::<T>(part.clone())
                .err()
                .map(|e| format!("{path}: {e}"))
        }
        check::<u64>(v, "seed", "seed")
            .or_else(|| check::<f64>(v, "duration_s", "duration_s"))
            .or_else(|| check::<f64>(v, "warmup_s", "warmup_s"))
            .or_else(|| check::<u32>(v, "cores", "cores"))
            .or_else(|| check::<Option<f64>>(v, "client_timeout_s", "client_timeout_s"))
            .or_else(|| check::<u32>(v, "syn_retries", "syn_retries"))
            .or_else(|| check::<bool>(v, "drain", "drain"))
            .or_else(|| {
                let w = v.get("workload")?;
                check::<Arrival>(w, "arrival", "workload.arrival")
                    .or_else(|| check::<Dist>(w, "cpu_before_io_ms", "workload.cpu_before_io_ms"))
                    .or_else(|| check::<Dist>(w, "io_ms", "workload.io_ms"))
                    .or_else(|| check::<Dist>(w, "cpu_after_io_ms", "workload.cpu_after_io_ms"))
                    .or_else(|| check::<sim::IoKind>(w, "io_kind", "workload.io_kind"))
                    .or_else(|| check::<Workload>(v, "workload", "workload"))
            })
            .or_else(|| check::<ServerModel>(v, "model", "model"))
    }
}
