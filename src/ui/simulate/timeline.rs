//! The animated timeline: one row per event loop, thread, pool slot and GIL, spans coloured by
//! state, and a "now" cursor that plays, pauses, steps and scrubs through the recorded window.
//!
//! The lanes are drawn once per run by [`Lanes`], whose props do not change while playing, so a
//! frame only re-renders the cursor, the scrubber and the readout. Lanes where spans overlap
//! (queues, network I/O) are drawn as a count over time instead of bars.

use super::state::Run;
use crate::sim::{Lane, LaneKind, SpanState, Trace};
use crate::versus::analysis::{change_points, snapshot};
use crate::versus::narration::{is_loop, readout};
use crate::versus::plot::{area, bars, by_lane, is_count_lane, levels};
use crate::versus::run::Side;
use crate::versus::settings::{PyMode, Settings};
use std::rc::Rc;
use yew::prelude::*;

/// Drawing width of the lanes in SVG units, and the height of one lane in pixels.
const PLOT_W: f64 = 1000.0;
const ROW: f64 = 20.0;
/// Lanes drawn per side at most; the rest are summarised in one line.
const MAX_LANES: usize = 20;
/// Playback speeds: simulated seconds per real second.
pub const SPEEDS: [f64; 5] = [0.05, 0.1, 0.25, 0.5, 1.0];
const DEFAULT_SPEED: usize = 2;

pub fn state_class(s: SpanState) -> &'static str {
    match s {
        SpanState::RunningCpu => "nvp-sim-s-cpu",
        SpanState::WaitingGil => "nvp-sim-s-gil",
        SpanState::WaitingIo => "nvp-sim-s-io",
        SpanState::Queued => "nvp-sim-s-queued",
    }
}

/// The lanes worth drawing, in reading order: queues, loops and GILs first, then threads and pool
/// slots, capped at [`MAX_LANES`].
pub fn visible_lanes(trace: &Trace) -> (Vec<&Lane>, usize) {
    let first = |l: &&Lane| !matches!(l.kind, LaneKind::Thread | LaneKind::PoolSlot);
    let mut out: Vec<&Lane> = trace
        .lanes
        .iter()
        .filter(first)
        .take(MAX_LANES / 2)
        .collect();
    let room = MAX_LANES - out.len();
    out.extend(trace.lanes.iter().filter(|l| !first(l)).take(room));
    let hidden = trace.lanes.len() - out.len();
    (out, hidden)
}

/// A lane's name as the visitor reads it.
pub fn lane_label(lane: &Lane, side: Side, s: &Settings) -> String {
    let procs = match side {
        Side::Node => s.node_processes,
        Side::Python => s.py_processes,
    };
    let worker = if procs > 1 {
        format!(" · P{}", lane.process + 1)
    } else {
        String::new()
    };
    let looped = is_loop(side, s);
    let name = match lane.kind {
        LaneKind::Loop => "Event loop".to_string(),
        LaneKind::Queue if looped => "Waiting for the loop".to_string(),
        LaneKind::Queue => "Accept queue".to_string(),
        LaneKind::Network => "Network I/O in flight".to_string(),
        LaneKind::PoolSlot if side == Side::Python => format!("Executor thread {}", lane.index + 1),
        LaneKind::PoolSlot => format!("libuv pool thread {}", lane.index + 1),
        LaneKind::Thread => format!("Thread {}", lane.index + 1),
        LaneKind::Gil => "GIL holder".to_string(),
    };
    format!("{name}{worker}")
}

#[derive(Properties, PartialEq)]
struct LanesProps {
    run: Run,
    side: Side,
}

/// The static picture of one side's lanes.
#[component]
fn Lanes(props: &LanesProps) -> Html {
    let Ok(pair) = &props.run.pair else {
        return html! {};
    };
    let s = &props.run.settings;
    let trace = &pair.side(props.side).trace;
    let (from, to) = (
        s.window_start_s * 1e3,
        (s.window_start_s + s.window_len_s) * 1e3,
    );
    let (lanes, hidden) = visible_lanes(trace);
    let grouped = by_lane(trace);
    let empty = Vec::new();
    let mut labels = Vec::new();
    let rows: Vec<Html> = lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| {
            let spans = grouped.get(lane.id as usize).unwrap_or(&empty);
            let y = i as f64 * ROW;
            let mut label = lane_label(lane, props.side, s);
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
                <p class="nvp-sim-note nvp-sim-lanes-more">{ format!("{hidden} more lanes are not drawn.") }</p>
            }
        </>
    }
}

/// Playback state, local to the timeline so frames never re-render the rest of the tab.
#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// Cursor position from the window start, ms.
    pub offset_ms: f64,
    pub playing: bool,
    pub speed: usize,
}

pub enum PlayAction {
    Toggle(f64),
    /// Real milliseconds elapsed, and the window length in ms.
    Frame(f64, f64),
    Seek(f64),
    Speed(usize),
}

impl Reducible for Playback {
    type Action = PlayAction;
    fn reduce(self: Rc<Self>, a: PlayAction) -> Rc<Self> {
        let mut n = (*self).clone();
        match a {
            PlayAction::Toggle(len) => {
                n.playing = !n.playing;
                if n.playing && n.offset_ms >= len {
                    n.offset_ms = 0.0;
                }
            }
            PlayAction::Frame(dt, len) => {
                if !n.playing {
                    return self;
                }
                n.offset_ms += dt.clamp(0.0, 100.0) * SPEEDS[n.speed];
                if n.offset_ms >= len {
                    n.offset_ms = len;
                    n.playing = false;
                }
            }
            PlayAction::Seek(t) => {
                n.offset_ms = t.max(0.0);
                n.playing = false;
            }
            PlayAction::Speed(i) => n.speed = i.min(SPEEDS.len() - 1),
        }
        if n == *self { self } else { Rc::new(n) }
    }
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub run: Run,
    pub ids: AttrValue,
    /// Whether playback starts on its own (false under `prefers-reduced-motion`).
    pub autoplay: bool,
}

fn side_title(side: Side, s: &Settings) -> String {
    match side {
        Side::Node => format!(
            "Node.js: {} event loop{}",
            s.node_processes,
            if s.node_processes == 1 { "" } else { "s" }
        ),
        Side::Python => match s.py_mode {
            PyMode::Threads => {
                format!("Python: {} × {} threads, GIL", s.py_processes, s.py_threads)
            }
            PyMode::FreeThreaded => format!(
                "Python: {} × {} threads, no GIL",
                s.py_processes, s.py_threads
            ),
            PyMode::Processes => format!("Python: {} sync workers", s.py_processes),
            PyMode::Asyncio => format!("Python: {} asyncio loop(s)", s.py_processes),
        },
    }
}

/// The legend: what each colour means, as text next to a swatch.
pub fn legend() -> Html {
    let items = [
        (SpanState::RunningCpu, "Running on a CPU core"),
        (SpanState::WaitingGil, "Waiting for the GIL"),
        (SpanState::WaitingIo, "Waiting for I/O"),
        (SpanState::Queued, "Queued"),
    ];
    html! {
        <ul class="nvp-sim-legend" aria-label="Timeline colours">
            { for items.iter().map(|(s, t)| html! {
                <li>
                    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                        <rect class={state_class(*s)} x="0" y="0" width="14" height="14" rx="3" />
                    </svg>
                    { *t }
                </li>
            }) }
        </ul>
    }
}

#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    // Without autoplay the cursor starts at the window's end, so the whole picture is visible at
    // once; "Play" then starts from the beginning.
    let play = use_reducer(|| Playback {
        offset_ms: if props.autoplay { 0.0 } else { f64::INFINITY },
        playing: props.autoplay,
        speed: DEFAULT_SPEED,
    });
    let s = &props.run.settings;
    let len = s.window_len_s * 1e3;
    let from = s.window_start_s * 1e3;
    let offset = play.offset_ms.min(len);
    super::web::use_frames(play.playing, {
        let play = play.dispatcher();
        Callback::from(move |dt: f64| play.dispatch(PlayAction::Frame(dt, len)))
    });
    let Ok(pair) = &props.run.pair else {
        return html! {};
    };
    let stops = {
        let run = props.run.clone();
        move || -> Vec<f64> {
            let Ok(p) = &run.pair else { return Vec::new() };
            let mut t = change_points(&p.node.trace, from, from + len, 0.5);
            t.extend(change_points(&p.python.trace, from, from + len, 0.5));
            t.sort_by(f64::total_cmp);
            t.into_iter().map(|x| x - from).collect()
        }
    };
    let step = |forward: bool| {
        let (play, stops) = (play.dispatcher(), stops.clone());
        Callback::from(move |_| {
            let points = stops();
            let next = if forward {
                points
                    .into_iter()
                    .find(|t| *t > offset + 0.25)
                    .unwrap_or(len)
            } else {
                points
                    .into_iter()
                    .rev()
                    .find(|t| *t < offset - 0.25)
                    .unwrap_or(0.0)
            };
            play.dispatch(PlayAction::Seek(next));
        })
    };
    let toggle = {
        let play = play.dispatcher();
        Callback::from(move |_| play.dispatch(PlayAction::Toggle(len)))
    };
    let on_scrub = {
        let play = play.dispatcher();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                play.dispatch(PlayAction::Seek(v));
            }
        })
    };
    let on_speed = {
        let play = play.dispatcher();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                play.dispatch(PlayAction::Speed(i));
            }
        })
    };
    let now_s = (from + offset) / 1e3;
    let x = offset / len.max(1e-9) * PLOT_W;
    let ids = &props.ids;
    let cursor = |h: f64| {
        html! {
            <svg class="nvp-sim-cursor-svg" viewBox={format!("0 0 {PLOT_W} {h}")} preserveAspectRatio="none"
                width="100%" height={h.to_string()} aria-hidden="true" focusable="false">
                <rect class="nvp-sim-veil" x={format!("{x:.1}")} y="0" width={format!("{:.1}", PLOT_W - x)} height={h.to_string()} />
                <line class="nvp-sim-now" x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1="0" y2={h.to_string()} />
            </svg>
        }
    };
    let ticks: Vec<String> = (0..=4)
        .map(|i| format!("{:.2} s", (from + len * i as f64 / 4.0) / 1e3))
        .collect();
    let readouts: Vec<String> = Side::BOTH
        .iter()
        .map(|side| readout(*side, s, &snapshot(&pair.side(*side).trace, from + offset)))
        .collect();
    let truncated = pair.node.trace.truncated || pair.python.trace.truncated;
    let h = format!("{ids}-tl-h");
    let speed_id = format!("{ids}-tl-speed");
    let scrub_id = format!("{ids}-tl-scrub");
    html! {
        <section class="nvp-sim-timeline" aria-labelledby={h.clone()}>
            <h3 id={h}>{ "Timeline" }</h3>
            { legend() }
            <div class="nvp-sim-player" role="group" aria-label="Playback">
                <button type="button" class="nvp-button nvp-button--quiet" onclick={step(false)}
                    id={format!("{ids}-tl-back")}>{ "◀ Step back" }</button>
                <button type="button" class="nvp-button nvp-sim-play" onclick={toggle}
                    id={format!("{ids}-tl-play")}>
                    { if play.playing { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <button type="button" class="nvp-button nvp-button--quiet" onclick={step(true)}
                    id={format!("{ids}-tl-step")}>{ "Step ▶" }</button>
                <label for={speed_id.clone()} class="nvp-sim-inline">{ "Speed" }</label>
                <select id={speed_id} onchange={on_speed}>
                    { for SPEEDS.iter().enumerate().map(|(i, v)| html! {
                        <option value={i.to_string()} selected={i == play.speed}>{ format!("{v}× real time") }</option>
                    }) }
                </select>
            </div>
            <div class="nvp-sim-scrub">
                <label for={scrub_id.clone()}>{ "Now" }</label>
                <input id={scrub_id} type="range" min="0" max={format!("{len:.0}")} step="1"
                    value={format!("{offset:.0}")} aria-valuetext={format!("{now_s:.3} s")} oninput={on_scrub} />
                <output class="nvp-sim-now-text">{ format!("{now_s:.3} s") }</output>
            </div>
            { for Side::BOTH.iter().map(|side| {
                let lanes = visible_lanes(&pair.side(*side).trace).0.len();
                html! {
                    <div class={format!("nvp-sim-track nvp-sim-track--{}", side.id())}>
                        <h4>{ side_title(*side, s) }</h4>
                        <div class="nvp-sim-lanes">
                            <Lanes run={props.run.clone()} side={*side} />
                            { cursor(lanes as f64 * ROW) }
                        </div>
                    </div>
                }
            }) }
            <div class="nvp-sim-ticks" aria-hidden="true">
                { for ticks.into_iter().map(|t| html! { <span><span>{ t }</span></span> }) }
            </div>
            <p class="nvp-sim-readout" aria-live={if play.playing { "off" } else { "polite" }}>
                <strong>{ format!("At {now_s:.3} s. ") }</strong>
                { readouts.join(" ") }
            </p>
            if truncated {
                <p class="nvp-sim-note">{ "This window held more spans than the timeline keeps; some are missing from the picture." }</p>
            }
        </section>
    }
}
