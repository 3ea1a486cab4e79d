//! The animated timeline: one row per event loop, thread, pool slot and GIL, spans coloured by
//! state, and a "now" cursor that plays, pauses, steps and scrubs through the recorded window of
//! the first run.
//!
//! Playback starts when the timeline scrolls into view (not under reduced motion) and loops, so
//! a visitor who arrives late still sees it move. The lanes are drawn once per run by [`Lanes`],
//! whose props do not change while playing, so a frame only re-renders the cursor, the scrubber
//! and the readout. Lanes where spans overlap (queues, network I/O) are drawn as a count.

use super::lanes::{Lanes, MAX_LANES, MAX_LANES_COMPACT, PLOT_W, ROW, state_class, visible_lanes};
use super::state::{Run, SimAction};
use nvp_sim::SpanState;
use nvp_versus::analysis::{next_stop, snapshot};
use nvp_versus::narration::readout;
use nvp_versus::server::Side;
use std::rc::Rc;
use yew::prelude::*;

/// Playback speeds: simulated seconds per real second.
pub const SPEEDS: [f64; 5] = [0.05, 0.1, 0.25, 0.5, 1.0];
const DEFAULT_SPEED: usize = 1;
/// Real milliseconds the cursor rests at the end before a loop starts again.
const LOOP_PAUSE_MS: f64 = 1_200.0;

/// Playback state, local to the timeline so frames never re-render the rest of the tab.
#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// Cursor position from the window start, ms.
    pub offset_ms: f64,
    pub playing: bool,
    pub speed: usize,
    /// Start again from the beginning after the end (autoplay), rather than stop.
    pub looping: bool,
    /// Real ms spent resting at the end of a loop.
    rest_ms: f64,
    /// Autoplay stopped because the lanes left the screen; it resumes when they come back.
    parked: bool,
}

pub enum PlayAction {
    Toggle(f64),
    /// Real milliseconds elapsed, and the window length in ms.
    Frame(f64, f64),
    Seek(f64),
    Speed(usize),
    /// The timeline came into view: start playing, looping, unless the visitor has taken over.
    Autostart,
    /// The timeline left the screen: stop an autoplay loop, so no frames are drawn unseen.
    OutOfView,
}

impl Reducible for Playback {
    type Action = PlayAction;
    fn reduce(self: Rc<Self>, a: PlayAction) -> Rc<Self> {
        let mut n = (*self).clone();
        match a {
            PlayAction::Toggle(len) => {
                n.playing = !n.playing;
                n.looping = false;
                n.parked = false;
                if n.playing && n.offset_ms >= len {
                    n.offset_ms = 0.0;
                }
            }
            PlayAction::Frame(dt, len) => {
                if !n.playing {
                    return self;
                }
                let dt = dt.clamp(0.0, 100.0);
                if n.offset_ms >= len {
                    if !n.looping {
                        n.playing = false;
                    } else {
                        n.rest_ms += dt;
                        if n.rest_ms >= LOOP_PAUSE_MS {
                            n.rest_ms = 0.0;
                            n.offset_ms = 0.0;
                        }
                    }
                } else {
                    n.offset_ms = (n.offset_ms + dt * SPEEDS[n.speed]).min(len);
                }
            }
            PlayAction::Seek(t) => {
                n.offset_ms = t.max(0.0);
                n.playing = false;
                n.looping = false;
                n.parked = false;
            }
            PlayAction::Speed(i) => n.speed = i.min(SPEEDS.len() - 1),
            PlayAction::Autostart => {
                if n.parked {
                    n.parked = false;
                    n.playing = true;
                } else if n.looping || n.playing {
                    return self;
                } else {
                    n.playing = true;
                    n.looping = true;
                    n.offset_ms = 0.0;
                }
            }
            PlayAction::OutOfView => {
                if !(n.looping && n.playing) {
                    return self;
                }
                n.playing = false;
                n.parked = true;
            }
        }
        if n == *self { self } else { Rc::new(n) }
    }
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub run: Run,
    pub ids: AttrValue,
    /// Whether playback starts on its own when in view (false under `prefers-reduced-motion`).
    pub autoplay: bool,
    pub dispatch: Callback<SimAction>,
    /// Node.js's lanes: playback starts when they come into view, and the view scrolls them on
    /// screen after "Watch it run". The parent owns the ref so it can do the latter.
    #[prop_or_default]
    pub lanes_ref: NodeRef,
    /// The compact instance draws fewer lanes per side, to fit one screen with its verdict.
    #[prop_or_default]
    pub compact: bool,
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
    let max_lanes = if props.compact {
        MAX_LANES_COMPACT
    } else {
        MAX_LANES
    };
    // Without autoplay the cursor starts at the window's end, so the whole picture is visible at
    // once; "Play" then starts from the beginning.
    let play = use_reducer(|| Playback {
        offset_ms: if props.autoplay { 0.0 } else { f64::INFINITY },
        playing: false,
        speed: DEFAULT_SPEED,
        looping: false,
        rest_ms: 0.0,
        parked: false,
    });
    let s = &props.run.settings;
    let len = s.window_len_s * 1e3;
    let from = s.window_start_s * 1e3;
    let offset = play.offset_ms.min(len);
    nvp_ui::browser::use_frames(play.playing, {
        let play = play.dispatcher();
        Callback::from(move |dt: f64| play.dispatch(PlayAction::Frame(dt, len)))
    });
    // Playback starts when the first server's lanes are half on screen. The whole section can be
    // taller than two screens on a phone, and then would never count as half visible.
    let watched = props.lanes_ref.clone();
    // Off screen, an autoplay loop parks, so a host page never pays for frames nobody sees.
    nvp_ui::browser::use_in_view(watched.clone(), props.autoplay, {
        let play = play.dispatcher();
        Callback::from(move |seen: bool| {
            play.dispatch(if seen {
                PlayAction::Autostart
            } else {
                PlayAction::OutOfView
            })
        })
    });
    let Ok(f) = &props.run.result else {
        return html! {};
    };
    let step = |forward: bool| {
        let (play, run) = (play.dispatcher(), props.run.clone());
        Callback::from(move |_| {
            let Ok(f) = &run.result else { return };
            let traces: Vec<&nvp_sim::Trace> =
                f.pair.sides.iter().map(|s| &s.first.trace).collect();
            play.dispatch(PlayAction::Seek(next_stop(
                &traces, from, len, offset, forward,
            )));
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
    let shift = |by: f64| {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(SimAction::ShiftWindow(by)))
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
    let readouts: Vec<String> = f
        .pair
        .sides
        .iter()
        .map(|run| readout(&run.server, &snapshot(&run.first.trace, from + offset)))
        .collect();
    let truncated = f.pair.sides.iter().any(|s| s.first.trace.truncated);
    let h = format!("{ids}-tl-h");
    let speed_id = format!("{ids}-tl-speed");
    let scrub_id = format!("{ids}-tl-scrub");
    html! {
        <section class="nvp-sim-timeline" aria-labelledby={h.clone()}>
            <div class="nvp-sim-timeline__head">
                <h3 id={h}>{ format!("Watch both servers: {:.2}–{:.2} s of the first run", from / 1e3, (from + len) / 1e3) }</h3>
                { legend() }
            </div>
            <div class="nvp-sim-player" role="group" aria-label="Playback">
                <button type="button" class="nvp-button nvp-sim-play" onclick={toggle}
                    id={format!("{ids}-tl-play")}>
                    { if play.playing { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <button type="button" class="nvp-button nvp-button--quiet" onclick={step(false)}
                    id={format!("{ids}-tl-back")} aria-label="Step back to the previous change">{ "◀ Step" }</button>
                <button type="button" class="nvp-button nvp-button--quiet" onclick={step(true)}
                    id={format!("{ids}-tl-step")} aria-label="Step to the next change">{ "Step ▶" }</button>
                <label for={speed_id.clone()} class="nvp-sim-inline">{ "Speed" }</label>
                <select id={speed_id} onchange={on_speed}>
                    { for SPEEDS.iter().enumerate().map(|(i, v)| html! {
                        <option value={i.to_string()} selected={i == play.speed}>{ format!("{v}× real time") }</option>
                    }) }
                </select>
                <span class="nvp-sim-window-move" role="group" aria-label="Move the window">
                    <button type="button" class="nvp-button nvp-button--quiet" onclick={shift(-1.0)}>{ "◀ Earlier" }</button>
                    <button type="button" class="nvp-button nvp-button--quiet" onclick={shift(1.0)}>{ "Later ▶" }</button>
                </span>
            </div>
            <div class="nvp-sim-scrub">
                <label for={scrub_id.clone()}>{ "Now" }</label>
                <input id={scrub_id} type="range" min="0" max={format!("{len:.0}")} step="1"
                    value={format!("{offset:.0}")} aria-valuetext={format!("{now_s:.3} s")} oninput={on_scrub} />
                <output class="nvp-sim-now-text">{ format!("{now_s:.3} s") }</output>
            </div>
            { for Side::BOTH.iter().map(|side| {
                let run = f.pair.side(*side);
                let lanes = visible_lanes(&run.first.trace, from, from + len, max_lanes).0.len();
                html! {
                    <div class={format!("nvp-sim-track nvp-sim-track--{}", side.id())}>
                        <h4>{ run.server.title() }</h4>
                        <div class="nvp-sim-lanes" ref={if *side == Side::Node { watched.clone() } else { NodeRef::default() }}>
                            <Lanes run={props.run.clone()} side={*side} {max_lanes} />
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
