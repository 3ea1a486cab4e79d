//! The side-by-side figures: each metric for both servers, which side is better, and by how much.
//!
//! The verdict is text ("p99 4.2× lower on Node.js") so the better side is never marked by colour
//! alone. Differences under [`TIE`] count as "about the same": with a few thousand requests the
//! tail percentiles wobble by that much between seeds, and calling a 3 % gap a win would mislead.

use super::format::{count, ms, pct, plural, ratio};
use super::run::{Pair, Side};
use nvp_sim::SimResult;

/// Relative difference below which two figures are reported as the same.
pub const TIE: f64 = 0.05;

/// Which direction is good for a metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    Lower,
    Higher,
    /// Context rather than a score (how busy the machine was).
    Neither,
}

/// How the two sides compare on one metric.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Same,
    /// `ratio` is the worse figure over the better one (∞ when the better one is zero).
    Better {
        side: Side,
        ratio: f64,
    },
    /// Not ranked, or not comparable (a side finished nothing).
    Unranked,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    /// Stable id, used in the CSV and in element ids.
    pub id: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub goal: Goal,
    /// Raw figures, Node then Python.
    pub values: [f64; 2],
    /// The figures as shown.
    pub shown: [String; 2],
    pub verdict: Verdict,
    /// "p99 4.2× lower on Node.js", "about the same", or empty.
    pub difference: String,
}

impl Metric {
    pub fn value(&self, side: Side) -> f64 {
        self.values[side as usize]
    }
    pub fn shown(&self, side: Side) -> &str {
        &self.shown[side as usize]
    }
}

/// Compares two figures where `goal` says which way is good.
pub fn judge(goal: Goal, node: f64, python: f64) -> Verdict {
    if goal == Goal::Neither || !node.is_finite() || !python.is_finite() {
        return Verdict::Unranked;
    }
    let (hi, lo) = (node.max(python), node.min(python));
    if hi == 0.0 || (hi - lo) / hi < TIE {
        return Verdict::Same;
    }
    let node_better = match goal {
        Goal::Lower => node < python,
        _ => node > python,
    };
    let side = if node_better {
        Side::Node
    } else {
        Side::Python
    };
    let r = if lo > 0.0 { hi / lo } else { f64::INFINITY };
    Verdict::Better { side, ratio: r }
}

/// The sentence for a verdict: "p99 4.2× lower on Node.js". When the ratio is infinite one figure
/// is zero, and which side that is depends on the goal: for lower-is-better rows the better side
/// has the zero, for higher-is-better rows the worse side does ("throughput: zero on Node.js").
pub fn difference(name: &str, goal: Goal, v: &Verdict) -> String {
    match v {
        Verdict::Same => "about the same".to_string(),
        Verdict::Unranked => String::new(),
        Verdict::Better { side, ratio: r } => {
            let dir = if goal == Goal::Lower {
                "lower"
            } else {
                "higher"
            };
            if r.is_finite() {
                format!("{name} {} {dir} on {}", ratio(*r), side.name())
            } else if goal == Goal::Lower {
                format!("{name}: zero on {}", side.name())
            } else {
                format!("{name}: zero on {}", side.other().name())
            }
        }
    }
}

fn worker_busy(r: &SimResult) -> (f64, String) {
    if let Some(l) = &r.event_loop {
        let n = l.utilisation.len().max(1);
        let mean = l.utilisation.iter().sum::<f64>() / n as f64;
        let what = if n == 1 {
            "1 loop".to_string()
        } else {
            format!("{n} loops")
        };
        (mean, format!("{} of {what}", pct(mean)))
    } else if let Some(t) = &r.threads {
        let share = t.busy_mean / t.total_threads.max(1) as f64;
        // One thread per GIL is gunicorn's sync worker: each slot is a process.
        let (one, many) = if t.total_threads as usize == t.gil_utilisation.len() {
            ("worker process", "worker processes")
        } else {
            ("thread", "threads")
        };
        (
            share,
            format!("{} of {}", pct(share), plural(t.total_threads, one, many)),
        )
    } else {
        (0.0, "–".to_string())
    }
}

fn row(
    id: &'static str,
    label: &'static str,
    unit: &'static str,
    goal: Goal,
    values: [f64; 2],
    shown: [String; 2],
    name: &str,
) -> Metric {
    let verdict = judge(goal, values[0], values[1]);
    let difference = difference(name, goal, &verdict);
    Metric {
        id,
        label,
        unit,
        goal,
        values,
        shown,
        verdict,
        difference,
    }
}

/// Every metric for a pair of runs, in table order.
pub fn compare(pair: &Pair) -> Vec<Metric> {
    let (n, p) = (&pair.node, &pair.python);
    let both = |f: &dyn Fn(&SimResult) -> f64| [f(n), f(p)];
    let lat = |f: &dyn Fn(&SimResult) -> f64| {
        let v = [n, p].map(|r| {
            if r.latency_ms.count > 0 {
                f(r)
            } else {
                f64::NAN
            }
        });
        (v, v.map(ms))
    };
    let mut rows = Vec::new();
    let tp = both(&|r| r.throughput_per_s);
    let mut t = row(
        "throughput",
        "Throughput",
        "requests/s",
        Goal::Higher,
        tp,
        tp.map(count),
        "throughput",
    );
    if let Verdict::Better { side, ratio } = t.verdict
        && !ratio.is_finite()
    {
        t.difference = format!("only {} completed requests", side.name());
    }
    rows.push(t);
    for (id, label, name, pick) in [
        ("p50", "Median latency (p50)", "p50", 0usize),
        ("p95", "p95 latency", "p95", 1),
        ("p99", "p99 latency", "p99", 2),
    ] {
        let (v, shown) = lat(&|r| [r.latency_ms.p50, r.latency_ms.p95, r.latency_ms.p99][pick]);
        rows.push(row(id, label, "ms", Goal::Lower, v, shown, name));
    }
    let dropped = both(&|r| r.dropped as f64);
    let shown = [n, p].map(|r| {
        if r.arrived == 0 || r.dropped == 0 {
            count(r.dropped as f64)
        } else {
            format!(
                "{} ({})",
                count(r.dropped as f64),
                pct(r.dropped as f64 / r.arrived as f64)
            )
        }
    });
    let mut d = row(
        "dropped",
        "Dropped requests",
        "requests",
        Goal::Lower,
        dropped,
        shown,
        "drops",
    );
    if let Verdict::Better { side, ratio } = d.verdict
        && !ratio.is_finite()
    {
        d.difference = format!("none dropped on {}", side.name());
    }
    rows.push(d);
    let cores = both(&|r| r.core_utilisation);
    rows.push(row(
        "cores",
        "Cores in use",
        "%",
        Goal::Neither,
        cores,
        cores.map(pct),
        "",
    ));
    let busy = [worker_busy(n), worker_busy(p)];
    rows.push(row(
        "busy",
        "Workers busy",
        "%",
        Goal::Neither,
        [busy[0].0, busy[1].0],
        [busy[0].1.clone(), busy[1].1.clone()],
        "",
    ));
    rows
}

/// Whether a side's latency figures describe only a minority of its traffic (many requests were
/// dropped or never finished), which the table flags so a low p99 is not read as good service.
pub fn survivors_only(r: &SimResult) -> bool {
    r.arrived > 0 && (r.dropped + r.in_flight_at_end) as f64 > 0.05 * r.arrived as f64
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The metrics as CSV: raw figures for analysis, and the figures as shown on the page.
pub fn csv(rows: &[Metric]) -> String {
    let mut out =
        String::from("metric,unit,node_js,python,node_js_shown,python_shown,difference\n");
    for m in rows {
        let raw = |x: f64| {
            if !x.is_finite() {
                String::new()
            } else if m.unit == "%" {
                format!("{:.4}", x * 100.0)
            } else {
                format!("{x:.3}")
            }
        };
        let fields = [
            m.label.to_string(),
            m.unit.to_string(),
            raw(m.values[0]),
            raw(m.values[1]),
            m.shown[0].clone(),
            m.shown[1].clone(),
            m.difference.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
