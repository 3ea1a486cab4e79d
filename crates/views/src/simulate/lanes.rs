//! The timeline's lanes: which lanes are drawn, their labels, and the SVG rows of spans (or
//! counts, for lanes where spans overlap). Drawn once per run; playback never re-renders them.

use super::state::Run;
use nvp_sim::{Lane, LaneKind, SpanState, Trace};
use nvp_versus::plot::{area, bars, by_lane, is_count_lane, levels};
use nvp_versus::server::Side;
use yew::prelude::*;

/// Drawing width of the lanes in SVG units, and the height of one lane in pixels.
pub const PLOT_W: f64 = 1000.0;
pub const ROW: f64 = 20.0;
/// Lanes drawn per side at most, so both servers fit on one screen while they play (the
/// readout under the lanes counts every lane); the rest are summarised in one line.
pub const MAX_LANES: usize = 6;
/// In the compact instance, which must fit one laptop screen with its verdict.
pub const MAX_LANES_COMPACT: usize = 3;
pub fn state_class(s: SpanState) -> &'static str {
    match s {
        SpanState::RunningCpu => "nvp-sim-s-cpu",
        SpanState::WaitingGil => "nvp-sim-s-gil",
        SpanState::WaitingIo => "nvp-sim-s-io",
        SpanState::Queued => "nvp-sim-s-queued",
    }
}

/// The lanes worth drawing, in reading order: the first process's lanes in full (its queue, loop
/// or GIL, then its threads and pool slots), then the next process's, up to `max` lanes. A
/// queue or network lane with nothing in it during the window `[from, to]` ms says nothing and
/// is left out. Returns the lanes and how many were left out.
pub fn visible_lanes(trace: &Trace, from: f64, to: f64, max: usize) -> (Vec<&Lane>, usize) {
    let mut used = vec![false; trace.lanes.len()];
    for s in &trace.spans {
        if s.end_ms > from
            && s.start_ms < to
            && let Some(u) = used.get_mut(s.lane as usize)
        {
            *u = true;
        }
    }
    let mut out: Vec<&Lane> = trace
        .lanes
        .iter()
        .filter(|l| !is_count_lane(l.kind) || used.get(l.id as usize).copied().unwrap_or(false))
        .collect();
    // Stable: within a process, the trace's own order.
    out.sort_by_key(|l| {
        (
            l.process,
            matches!(l.kind, LaneKind::Thread | LaneKind::PoolSlot),
        )
    });
    out.truncate(max);
    let hidden = trace.lanes.len() - out.len();
    (out, hidden)
}

#[derive(Properties, PartialEq)]
pub struct LanesProps {
    pub run: Run,
    pub side: Side,
    #[prop_or(MAX_LANES)]
    pub max_lanes: usize,
}

/// The static picture of one side's lanes.
#[component]
pub fn Lanes(props: &LanesProps) -> Html {
    let Ok(f) = &props.run.result else {
        return html! {};
    };
    let s = &props.run.settings;
    let run = f.pair.side(props.side);
    let trace = &run.first.trace;
    let (from, to) = (
        s.window_start_s * 1e3,
        (s.window_start_s + s.window_len_s) * 1e3,
    );
    let (lanes, hidden) = visible_lanes(trace, from, to, props.max_lanes);
    let grouped = by_lane(trace);
    let empty = Vec::new();
    let mut labels = Vec::new();
    let rows: Vec<Html> = lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| {
            let spans = grouped.get(lane.id as usize).unwrap_or(&empty);
            let y = i as f64 * ROW;
            let mut label = run.server.lane_label(lane);
            let mut scale = None;
            let body = if is_count_lane(lane.kind) {
                let (lv, max) = levels(spans, from, to, 250);
                // The worker ("· P2") goes with the scale, so that on two narrow lines the name
                // has the first to itself and neither is cut.
                scale = Some(match label.split_once(" · ") {
                    Some((_, worker)) => format!("· {worker} (up to {max})"),
                    None => format!("(up to {max})"),
                });
                label.truncate(label.find(" · ").unwrap_or(label.len()));
                let state = if lane.kind == LaneKind::Network {
                    SpanState::WaitingIo
                } else {
                    SpanState::Queued
                };
                html! { <path class={state_class(state)} d={area(&lv, max, PLOT_W, y + 3.0, ROW - 5.0)} /> }
            } else {
                html! {
                    <g>
                        { for bars(spans, from, to, PLOT_W).into_iter().map(|b| html! {
                            <rect class={state_class(b.state)} x={format!("{:.1}", b.x)} y={format!("{:.1}", y + 3.0)}
                                width={format!("{:.1}", b.w)} height={format!("{:.1}", ROW - 5.0)} />
                        }) }
                    </g>
                }
            };
            labels.push((label, scale));
            html! {
                <g>
                    <rect class="nvp-sim-lane-bg" x="0" y={format!("{y:.1}")} width={PLOT_W.to_string()} height={ROW.to_string()} />
                    { body }
                </g>
            }
        })
        .collect();
    let height = lanes.len() as f64 * ROW;
    html! {
        <>
            <ul class="nvp-sim-lane-labels">
                // The scale is its own element so a narrow layout can give it a line of its own
                // instead of cutting it off with the name.
                { for labels.into_iter().map(|(name, scale)| html! {
                    <li class={classes!(scale.is_some().then_some("nvp-sim-lane--count"))}>
                        <span class="nvp-sim-lane-name">{ name }</span>
                        if let Some(scale) = scale {
                            { " " }<span class="nvp-sim-lane-scale">{ scale }</span>
                        }
                    </li>
                }) }
            </ul>
            <svg class="nvp-sim-lanes-svg" viewBox={format!("0 0 {PLOT_W} {height}")} preserveAspectRatio="none"
                width="100%" height={height.to_string()} aria-hidden="true" focusable="false">
                { for rows }
            </svg>
            if hidden > 0 {
                <p class="nvp-sim-note nvp-sim-lanes-more">
                    { format!("{hidden} more {} (other processes and threads, or queues that stayed empty) not drawn; the line under the timeline counts them all.",
                        if hidden == 1 { "lane" } else { "lanes" }) }
                </p>
            }
        </>
    }
}
