//! The report's chart: simulated against real p50 and p99 for every run, on log scales, with the line
//! where they agree and the p99 target band (±30 %). Plain SVG with a title and description.

use crate::suite::Results;
use std::fmt::Write;

const W: f64 = 640.0;
const H: f64 = 520.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 60.0;

/// Powers of ten and their 2× and 5× steps between `lo` and `hi`.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut decade = 10f64.powf(lo.log10().floor());
    while decade <= hi {
        for m in [1.0, 2.0, 5.0] {
            let t = decade * m;
            if t >= lo && t <= hi {
                out.push(t);
            }
        }
        decade *= 10.0;
    }
    out
}

fn fmt_ms(v: f64) -> String {
    if v >= 1000.0 {
        format!("{:.0} s", v / 1000.0)
    } else if v >= 1.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn render(r: &Results) -> String {
    let points: Vec<(&str, f64, f64, String)> = r
        .runs
        .iter()
        .flat_map(|run| {
            let label = |m: &str, sim: f64, real: f64| {
                format!(
                    "{} at {:.2} load, {m}: simulated {sim:.1} ms, real {real:.1} ms",
                    run.scenario, run.load
                )
            };
            [
                (
                    "p50",
                    run.sim.p50_ms,
                    run.real.p50_ms,
                    label("p50", run.sim.p50_ms, run.real.p50_ms),
                ),
                (
                    "p99",
                    run.sim.p99_ms,
                    run.real.p99_ms,
                    label("p99", run.sim.p99_ms, run.real.p99_ms),
                ),
            ]
        })
        .filter(|p| p.1 > 0.0 && p.2 > 0.0)
        .collect();
    let lo_data = points
        .iter()
        .flat_map(|p| [p.1, p.2])
        .fold(f64::INFINITY, f64::min);
    let hi_data = points.iter().flat_map(|p| [p.1, p.2]).fold(0.0, f64::max);
    let (lo, hi) = if points.is_empty() {
        (1.0, 10.0)
    } else {
        (
            10f64.powf(lo_data.log10().floor()),
            10f64.powf(hi_data.log10().ceil()),
        )
    };
    let (l0, l1) = (lo.log10(), hi.log10());
    let x = |v: f64| LEFT + (v.log10() - l0) / (l1 - l0) * (W - LEFT - RIGHT);
    let y = |v: f64| H - BOTTOM - (v.log10() - l0) / (l1 - l0) * (H - TOP - BOTTOM);

    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="t d" font-family="system-ui, sans-serif" font-size="12">
<title id="t">Simulated against real latency, p50 and p99, every scenario and load</title>
<desc id="d">Log-log scatter of {n} points. Points on the diagonal mean the simulator predicted the real server exactly; the shaded band is ±30 %. Above the line the real server was slower than simulated.</desc>
<rect width="{W}" height="{H}" fill="#fff"/>
"##,
        n = points.len()
    );
    // ±30 % band around the diagonal, clipped to the plotted square.
    let f = 1.3;
    let band = [
        (lo, lo),
        (lo, lo * f),
        (hi / f, hi),
        (hi, hi),
        (hi, hi / f),
        (lo * f, lo),
    ];
    let band: Vec<String> = band
        .iter()
        .map(|&(a, b)| format!("{:.1},{:.1}", x(a), y(b)))
        .collect();
    let _ = writeln!(
        s,
        r##"<polygon points="{}" fill="#e8eef7"/>"##,
        band.join(" ")
    );
    for t in ticks(lo, hi) {
        let _ = writeln!(
            s,
            r##"<line x1="{:.1}" y1="{TOP}" x2="{:.1}" y2="{:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#333">{}</text>"##,
            x(t),
            x(t),
            H - BOTTOM,
            x(t),
            H - BOTTOM + 16.0,
            fmt_ms(t)
        );
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333">{}</text>"##,
            y(t),
            W - RIGHT,
            y(t),
            LEFT - 6.0,
            y(t) + 4.0,
            fmt_ms(t)
        );
    }
    let _ = writeln!(
        s,
        r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#555" stroke-dasharray="4 3"/>"##,
        x(lo),
        y(lo),
        x(hi),
        y(hi)
    );
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#111">simulated latency (ms)</text>
<text transform="translate(18 {:.1}) rotate(-90)" text-anchor="middle" fill="#111">real latency (ms)</text>
<text x="{LEFT}" y="22" font-size="14" fill="#111">Simulated vs real latency (log scales, shaded: ±30 %)</text>"##,
        (LEFT + W - RIGHT) / 2.0,
        H - 18.0,
        (TOP + H - BOTTOM) / 2.0
    );
    for (metric, sim, real, label) in &points {
        let (px, py) = (x(*sim), y(*real));
        let shape = if *metric == "p50" {
            format!(
                r##"<circle cx="{px:.1}" cy="{py:.1}" r="4" fill="#1f5fbf" fill-opacity="0.8"/>"##
            )
        } else {
            format!(
                r##"<rect x="{:.1}" y="{:.1}" width="8" height="8" fill="#c85a00" fill-opacity="0.8"/>"##,
                px - 4.0,
                py - 4.0
            )
        };
        let _ = writeln!(s, "<g><title>{}</title>{shape}</g>", esc(label));
    }
    let _ = writeln!(
        s,
        r##"<g transform="translate({:.1} {:.1})"><rect width="120" height="44" fill="#fff" stroke="#ccc"/><circle cx="14" cy="14" r="4" fill="#1f5fbf"/><text x="26" y="18" fill="#111">p50</text><rect x="10" y="26" width="8" height="8" fill="#c85a00"/><text x="26" y="34" fill="#111">p99</text></g>"##,
        LEFT + 10.0,
        TOP + 6.0
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_range() {
        assert_eq!(
            ticks(1.0, 100.0),
            vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        );
    }
}
