//! The side-by-side table: each figure for both servers with its 95 % interval, which side is
//! better, and by how much. A side is called better only when the two intervals do not overlap
//! and the better figure beats the other by at least [`MEANINGFUL_RATIO`]; otherwise the row says
//! "no clear difference", whatever the means say. Differences of a few per cent can be
//! statistically clear over 20,000 requests yet flip with the seed; and the model itself agrees
//! with real servers to within 10–20 % on most figures (docs/validation.md), so a smaller gap
//! says more about the model than about the stacks.

use crate::estimate::Interval;
use crate::format::{count, ms, ms_interval, pct, ratio};
use crate::run::{Figure, Pair, SideRun};
use crate::server::Side;
use serde::{Deserialize, Serialize};

/// The table's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MetricId {
    Throughput,
    P50,
    P95,
    P99,
    Failed,
    Cores,
    Busy,
}

impl MetricId {
    pub const ALL: [MetricId; 7] = [
        MetricId::Throughput,
        MetricId::P50,
        MetricId::P95,
        MetricId::P99,
        MetricId::Failed,
        MetricId::Cores,
        MetricId::Busy,
    ];

    /// Stable id for the CSV and element ids.
    pub fn id(self) -> &'static str {
        match self {
            MetricId::Throughput => "throughput",
            MetricId::P50 => "p50",
            MetricId::P95 => "p95",
            MetricId::P99 => "p99",
            MetricId::Failed => "failed",
            MetricId::Cores => "cores",
            MetricId::Busy => "busy",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MetricId::Throughput => "Throughput",
            MetricId::P50 => "Median latency (p50)",
            MetricId::P95 => "p95 latency",
            MetricId::P99 => "p99 latency",
            MetricId::Failed => "Not answered in time",
            MetricId::Cores => "Cores in use",
            MetricId::Busy => "Workers busy",
        }
    }

    /// The short name a sentence uses: "p99", "throughput".
    pub fn name(self) -> &'static str {
        match self {
            MetricId::Throughput => "throughput",
            MetricId::P50 => "p50",
            MetricId::P95 => "p95",
            MetricId::P99 => "p99",
            MetricId::Failed => "the share not answered in time",
            MetricId::Cores => "cores in use",
            MetricId::Busy => "workers busy",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            MetricId::Throughput => Unit::PerSecond,
            MetricId::P50 | MetricId::P95 | MetricId::P99 => Unit::Ms,
            MetricId::Failed | MetricId::Cores | MetricId::Busy => Unit::Share,
        }
    }

    pub fn goal(self) -> Goal {
        match self {
            MetricId::Throughput => Goal::Higher,
            MetricId::P50 | MetricId::P95 | MetricId::P99 | MetricId::Failed => Goal::Lower,
            MetricId::Cores | MetricId::Busy => Goal::Neither,
        }
    }

    fn figure(self) -> Option<Figure> {
        match self {
            MetricId::Throughput => Some(Figure::Throughput),
            MetricId::P50 => Some(Figure::P50),
            MetricId::P95 => Some(Figure::P95),
            MetricId::P99 => Some(Figure::P99),
            MetricId::Failed => Some(Figure::Failed),
            MetricId::Cores | MetricId::Busy => None,
        }
    }
}

/// A row's unit, for the header and the CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    PerSecond,
    Ms,
    /// A fraction, shown as a percentage.
    Share,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Unit::PerSecond => "requests/s",
            Unit::Ms => "ms",
            Unit::Share => "%",
        }
    }
}

/// Which direction is good for a metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Goal {
    Lower,
    Higher,
    /// Context rather than a score (how busy the machine was).
    Neither,
}

/// How the two sides compare on one row.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Comparison {
    /// The intervals overlap.
    NoClearDifference,
    /// `ratio` is the worse mean over the better one (∞ when the better one is zero, or the
    /// worse one lies beyond the time-out).
    Better { side: Side, ratio: f64 },
    /// Context, not ranked.
    Unranked,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub id: MetricId,
    /// Node.js then Python.
    pub values: [Interval; 2],
    /// The figures as shown.
    pub shown: [String; 2],
    pub comparison: Comparison,
    /// "p99 4.2× lower on Node.js", "no clear difference", or empty.
    pub difference: String,
}

impl Metric {
    pub fn value(&self, side: Side) -> Interval {
        self.values[side.index()]
    }
    pub fn shown(&self, side: Side) -> &str {
        &self.shown[side.index()]
    }
}

/// Smallest gap between two latencies that counts as a difference, in ms: below it, network
/// jitter between any real client and the server is larger than the gap (chat's p50s of 0.4 and
/// 0.5 ms are each server's own cost per request, not something a user could feel).
pub const MIN_LATENCY_GAP_MS: f64 = 1.0;

/// Smallest ratio (worse over better) that counts as a difference.
pub const MEANINGFUL_RATIO: f64 = 1.15;

/// Compares two intervals where `goal` says which way is good.
pub fn compare_intervals(goal: Goal, node: Interval, python: Interval) -> Comparison {
    if goal == Goal::Neither {
        return Comparison::Unranked;
    }
    if node.overlaps(&python) {
        return Comparison::NoClearDifference;
    }
    let node_better = match goal {
        Goal::Lower => node.mean < python.mean,
        Goal::Higher | Goal::Neither => node.mean > python.mean,
    };
    let side = if node_better {
        Side::Node
    } else {
        Side::Python
    };
    let (better, worse) = if node_better {
        (node.mean, python.mean)
    } else {
        (python.mean, node.mean)
    };
    let r = match goal {
        Goal::Lower if better > 0.0 => worse / better,
        Goal::Higher if worse > 0.0 => better / worse,
        _ => f64::INFINITY,
    };
    if r < MEANINGFUL_RATIO {
        return Comparison::NoClearDifference;
    }
    Comparison::Better { side, ratio: r }
}

/// The sentence for a comparison: "p99 4.2× lower on Node.js".
pub fn difference(id: MetricId, c: &Comparison) -> String {
    match *c {
        Comparison::NoClearDifference => "no clear difference".to_string(),
        Comparison::Unranked => String::new(),
        Comparison::Better { side, ratio: r } => {
            let dir = match id.goal() {
                Goal::Lower => "lower",
                Goal::Higher | Goal::Neither => "higher",
            };
            if r.is_finite() && r < 1_000.0 {
                format!("{} {} {dir} on {}", id.name(), ratio(r), side.name())
            } else {
                format!("{} clearly {dir} on {}", id.name(), side.name())
            }
        }
    }
}

fn shown(id: MetricId, i: &Interval) -> String {
    match id.unit() {
        Unit::Ms => ms_interval(i),
        Unit::PerSecond => format!("{}/s", count(i.mean)),
        Unit::Share if i.half > 0.0 && i.mean > 0.0 => {
            format!("{} (±{})", pct(i.mean), pct(i.half))
        }
        Unit::Share => pct(i.mean),
    }
}

/// Core and worker use of the first replication: context for the reader, not a score.
fn context(id: MetricId, run: &SideRun) -> (Interval, String) {
    let r = &run.first;
    match id {
        MetricId::Cores => (
            Interval {
                mean: r.core_utilisation,
                half: 0.0,
            },
            pct(r.core_utilisation),
        ),
        _ => {
            let slots = run.server.request_slots();
            let (share, what) = match (r.event_loop(), r.threads(), slots) {
                (Some(l), _, _) => {
                    let n = l.utilisation.len().max(1);
                    let mean = l.utilisation.iter().sum::<f64>() / n as f64;
                    (mean, run.server.slot_noun(n as u64))
                }
                (None, Some(t), Some(total)) => (
                    t.busy_mean / f64::from(total.max(1)),
                    run.server.slot_noun(total.into()),
                ),
                _ => (0.0, "workers"),
            };
            let n = match slots {
                Some(total) => total,
                None => run.server.processes(),
            };
            (
                Interval {
                    mean: share,
                    half: 0.0,
                },
                format!("{} of {} {what}", pct(share), count(n.into())),
            )
        }
    }
}

/// Every row for a pair of runs, in table order.
pub fn compare(pair: &Pair) -> Vec<Metric> {
    MetricId::ALL
        .into_iter()
        .map(|id| {
            let (values, shown_values) = match id.figure() {
                Some(f) => {
                    let v = Side::BOTH.map(|s| pair.side(s).estimate(f));
                    (v, v.map(|i| shown(id, &i)))
                }
                None => {
                    let [a, b] = Side::BOTH.map(|s| context(id, pair.side(s)));
                    ([a.0, b.0], [a.1, b.1])
                }
            };
            // A side that cannot keep up has no steady figures to rank.
            let comparison = if pair.sides.iter().any(SideRun::unstable) {
                Comparison::Unranked
            } else {
                let c = compare_intervals(id.goal(), values[0], values[1]);
                let gap = (values[0].mean - values[1].mean).abs();
                if id.unit() == Unit::Ms && gap.is_finite() && gap < MIN_LATENCY_GAP_MS {
                    Comparison::NoClearDifference
                } else {
                    c
                }
            };
            Metric {
                id,
                difference: difference(id, &comparison),
                values,
                shown: shown_values,
                comparison,
            }
        })
        .collect()
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The metrics as CSV: the means with their 95 % interval bounds, and the figures as shown.
pub fn csv(rows: &[Metric]) -> String {
    let mut out = String::from(
        "metric,unit,node_js,node_js_low,node_js_high,python,python_low,python_high,node_js_shown,python_shown,difference\n",
    );
    for m in rows {
        let raw = |x: f64| {
            if !x.is_finite() {
                String::new()
            } else if m.id.unit() == Unit::Share {
                format!("{:.4}", x * 100.0)
            } else {
                format!("{x:.3}")
            }
        };
        let mut fields = vec![m.id.label().to_string(), m.id.unit().label().to_string()];
        for v in &m.values {
            fields.extend([raw(v.mean), raw(v.lo()), raw(v.hi())]);
        }
        fields.extend([m.shown[0].clone(), m.shown[1].clone(), m.difference.clone()]);
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// A latency in a sentence: "a p99 of 42 ms", or "requests beyond the time-out".
pub fn latency_phrase(name: &str, i: &Interval) -> String {
    if i.mean.is_finite() {
        format!("a {name} of {}", ms(i.mean))
    } else {
        format!("a {name} beyond the client's time-out")
    }
}
