//! The two charts: latency as a CDF over every measured request on a log axis, with p50/p95/p99
//! markers (a curve that levels off below 100 % shows the share never answered in time), and
//! the requests waiting over time. Each has axes with units, tells the sides apart by line style
//! and marker shape as well as colour, has its caption under it, and carries a visually hidden
//! table with the same numbers.

use super::state::Run;
use nvp_versus::format::{count, ms, pct, plain};
use nvp_versus::plot::{Scale, decades, ms_tick, nice_ceiling, polyline, ticks};
use nvp_versus::run::{Figure, SideRun};
use nvp_versus::server::Side;
use yew::prelude::*;

/// Chart size in SVG units; CSS scales it to the column.
const W: f64 = 360.0;
const H: f64 = 220.0;
/// Room for the widest tick label ("10,000") and the rotated axis title left of it.
const LEFT: f64 = 58.0;
/// Room for half the last tick label ("100 ms"), which is centred on the axis end.
const RIGHT: f64 = 24.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 40.0;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub run: Run,
    pub ids: AttrValue,
    /// The chart's `<svg>`, for the SVG export.
    #[prop_or_default]
    pub svg_ref: NodeRef,
}

fn x_axis(sx: &Scale, values: &[(f64, String)], label: &str) -> Html {
    let y = H - BOTTOM;
    html! {
        <g class="nvp-sim-axis">
            <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={y.to_string()} y2={y.to_string()} />
            { for values.iter().map(|(v, t)| {
                let x = sx.at(*v);
                html! {
                    <g transform={format!("translate({x:.1} {y:.1})")}>
                        <line y2="4" />
                        <text y="15" text-anchor="middle">{ t.clone() }</text>
                    </g>
                }
            }) }
            <text class="nvp-sim-axis-title" x={((LEFT + W - RIGHT) / 2.0).to_string()} y={(H - 6.0).to_string()}
                text-anchor="middle">{ label.to_string() }</text>
        </g>
    }
}

fn y_axis(sy: &Scale, values: &[(f64, String)], label: &str) -> Html {
    html! {
        <g class="nvp-sim-axis">
            <line x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={(H - BOTTOM).to_string()} />
            { for values.iter().map(|(v, t)| {
                let y = sy.at(*v);
                html! {
                    <g transform={format!("translate({LEFT:.1} {y:.1})")}>
                        <line x1="-4" />
                        <line class="nvp-sim-grid" x2={(W - LEFT - RIGHT).to_string()} />
                        <text x="-7" dy="0.32em" text-anchor="end">{ t.clone() }</text>
                    </g>
                }
            }) }
            <text class="nvp-sim-axis-title" transform={format!("translate(12 {:.1}) rotate(-90)", (TOP + H - BOTTOM) / 2.0)}
                text-anchor="middle">{ label.to_string() }</text>
        </g>
    }
}

/// Marker at a point: a circle for Node.js, a square for Python.
fn marker(side: Side, x: f64, y: f64) -> Html {
    match side {
        Side::Node => html! {
            <circle class="nvp-sim-mark nvp-sim-mark--node" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="3.5" />
        },
        Side::Python => html! {
            <rect class="nvp-sim-mark nvp-sim-mark--python" x={format!("{:.1}", x - 3.2)} y={format!("{:.1}", y - 3.2)}
                width="6.4" height="6.4" />
        },
    }
}

fn key() -> Html {
    html! {
        <p class="nvp-sim-key" aria-hidden="true">
            <span class="nvp-sim-key__item">
                <svg width="28" height="10" viewBox="0 0 28 10"><line class="nvp-sim-line nvp-sim-line--node" x1="0" x2="28" y1="5" y2="5" /></svg>
                { "Node.js" }
            </span>
            <span class="nvp-sim-key__item">
                <svg width="28" height="10" viewBox="0 0 28 10"><line class="nvp-sim-line nvp-sim-line--python" x1="0" x2="28" y1="5" y2="5" /></svg>
                { "Python" }
            </span>
        </p>
    }
}

/// Latency CDF: what share of all measured requests was answered within a given time.
#[component]
pub fn LatencyChart(props: &ChartProps) -> Html {
    let Ok(f) = &props.run.result else {
        return html! {};
    };
    let sides: Vec<(Side, &SideRun)> = Side::BOTH.iter().map(|s| (*s, f.pair.side(*s))).collect();
    let lo = sides
        .iter()
        .filter_map(|(_, r)| r.cdf.first().map(|q| q.ms))
        .fold(f64::INFINITY, f64::min);
    let hi = sides
        .iter()
        .filter_map(|(_, r)| r.cdf.last().map(|q| q.ms))
        .fold(0.0, f64::max);
    let id = format!("{}-cdf", props.ids);
    let title_id = format!("{id}-title");
    if !hi.is_finite() || hi <= 0.0 {
        return html! { <figure class="nvp-sim-chart"><figcaption>{ "No request was answered in time, so there is no latency to chart." }</figcaption></figure> };
    }
    let dec = decades(lo.max(0.01), hi);
    let sx = Scale::log(dec[0], *dec.last().unwrap_or(&1.0), LEFT, W - RIGHT);
    let sy = Scale::linear(0.0, 1.0, H - BOTTOM, TOP);
    let line = |side: Side, r: &SideRun| {
        let d = polyline(r.cdf.iter().map(|q| (sx.at(q.ms), sy.at(q.p))));
        let marks: Vec<(f64, f64)> = [(0.5, Figure::P50), (0.95, Figure::P95), (0.99, Figure::P99)]
            .into_iter()
            .map(|(p, fig)| (p, r.estimate(fig).mean))
            .filter(|(_, v)| v.is_finite() && *v > 0.0)
            .collect();
        html! {
            <g>
                <path class={format!("nvp-sim-line nvp-sim-line--{}", side.id())} d={d} />
                { for marks.iter().map(|(p, v)| marker(side, sx.at(*v), sy.at(*p))) }
            </g>
        }
    };
    let xt: Vec<(f64, String)> = dec.iter().map(|d| (*d, ms_tick(*d))).collect();
    let yt: Vec<(f64, String)> = [0.0, 0.25, 0.5, 0.75, 1.0]
        .iter()
        .map(|p| (*p, format!("{}%", (p * 100.0) as u32)))
        .collect();
    let guides = [(0.5, "p50"), (0.95, "p95"), (0.99, "p99")];
    let rows = [
        ("p50", Figure::P50),
        ("p95", Figure::P95),
        ("p99", Figure::P99),
        ("not answered in time", Figure::Failed),
    ];
    let value = |r: &SideRun, fig: Figure| {
        let v = r.estimate(fig).mean;
        match fig {
            Figure::Failed => pct(v),
            _ if v.is_finite() => ms(v),
            _ => "timed out".to_string(),
        }
    };
    let unanswered: Vec<String> = sides
        .iter()
        .filter_map(|(side, r)| {
            let share = r.estimate(Figure::Failed).mean;
            (share >= 0.005).then(|| format!("{} left {} unanswered", side.name(), pct(share)))
        })
        .collect();
    html! {
        <figure class="nvp-sim-chart" aria-labelledby={title_id.clone()}>
            <svg id={id} ref={props.svg_ref.clone()} viewBox={format!("0 0 {W} {H}")} width={W.to_string()} height={H.to_string()}
                role="img" aria-labelledby={title_id.clone()} class="nvp-sim-svg">
                { y_axis(&sy, &yt, "requests answered") }
                { x_axis(&sx, &xt, "latency in ms (log scale)") }
                { for guides.iter().map(|(p, t)| {
                    let y = sy.at(*p);
                    html! {
                        <g class="nvp-sim-guide">
                            <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                            <text x={(LEFT + 3.0).to_string()} y={format!("{:.1}", if *t == "p95" { y + 9.0 } else { y - 2.0 })}>{ *t }</text>
                        </g>
                    }
                }) }
                { for sides.iter().map(|(s, r)| line(*s, r)) }
            </svg>
            { key() }
            <figcaption id={title_id}>
                { "Latency: the share of all requests answered within a time." }
                if !unanswered.is_empty() {
                    { format!(" A curve that stops below 100% did not answer the rest in time: {}.", unanswered.join("; ")) }
                }
            </figcaption>
            // A table ignores the 1px box of `.nvp-visually-hidden`, so a wrapper clips it.
            <div class="nvp-visually-hidden">
                <table>
                    <caption>{ "Latency percentiles over all requests" }</caption>
                    <thead><tr><th scope="col">{ "Percentile" }</th><th scope="col">{ "Node.js" }</th><th scope="col">{ "Python" }</th></tr></thead>
                    <tbody>
                        { for rows.iter().map(|(label, fig)| html! {
                            <tr><th scope="row">{ *label }</th><td>{ value(sides[0].1, *fig) }</td><td>{ value(sides[1].1, *fig) }</td></tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </figure>
    }
}

/// Requests waiting over the first run, both servers on one time axis.
#[component]
pub fn QueueChart(props: &ChartProps) -> Html {
    let Ok(f) = &props.run.result else {
        return html! {};
    };
    let cores = props.run.settings.cores;
    // Both lines count the same thing: requests in the server that are neither running nor in I/O.
    let series = |side: Side| {
        let r = f.pair.side(side);
        nvp_versus::plot::waiting_series(&r.server, cores, &r.first)
    };
    let (n, p) = (series(Side::Node), series(Side::Python));
    let end = f
        .pair
        .sides
        .iter()
        .map(|s| s.first.end_s)
        .fold(1e-3, f64::max);
    let top = nice_ceiling(n.iter().chain(&p).map(|x| x.1).fold(0.0, f64::max).max(1.0));
    let sx = Scale::linear(0.0, end, LEFT, W - RIGHT);
    let sy = Scale::linear(0.0, top, H - BOTTOM, TOP);
    let step = end / n.len().max(1) as f64;
    let path =
        |pts: &[(f64, f64)]| polyline(pts.iter().map(|(t, v)| (sx.at(t + step / 2.0), sy.at(*v))));
    let xt: Vec<(f64, String)> = ticks(0.0, end, 5)
        .into_iter()
        .map(|t| (t, format!("{} s", plain(t))))
        .collect();
    let yt: Vec<(f64, String)> = ticks(0.0, top, 4)
        .into_iter()
        .map(|v| (v, count(v)))
        .collect();
    let id = format!("{}-queue", props.ids);
    let title_id = format!("{id}-title");
    html! {
        <figure class="nvp-sim-chart" aria-labelledby={title_id.clone()}>
            <svg id={id} ref={props.svg_ref.clone()} viewBox={format!("0 0 {W} {H}")} width={W.to_string()} height={H.to_string()}
                role="img" aria-labelledby={title_id.clone()} class="nvp-sim-svg">
                { y_axis(&sy, &yt, "requests waiting") }
                { x_axis(&sx, &xt, "simulated time in s (first run)") }
                <path class="nvp-sim-line nvp-sim-line--node" d={path(&n)} />
                <path class="nvp-sim-line nvp-sim-line--python" d={path(&p)} />
            </svg>
            { key() }
            <figcaption id={title_id}>
                { nvp_versus::plot::QUEUE_CHART_TITLE }{ ". " }
                <span class="nvp-sim-chart-note">{ nvp_versus::plot::QUEUE_CHART_NOTE }</span>
            </figcaption>
            // A table ignores the 1px box of `.nvp-visually-hidden`, so a wrapper clips it.
            <div class="nvp-visually-hidden">
                <table>
                    <caption>{ "Average requests waiting in each time slice" }</caption>
                    <thead><tr><th scope="col">{ "From (s)" }</th><th scope="col">{ "Node.js" }</th><th scope="col">{ "Python" }</th></tr></thead>
                    <tbody>
                        { for n.iter().zip(&p).map(|(a, b)| html! {
                            <tr><th scope="row">{ format!("{:.2}", a.0) }</th><td>{ format!("{:.1}", a.1) }</td><td>{ format!("{:.1}", b.1) }</td></tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </figure>
    }
}
