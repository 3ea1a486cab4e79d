// Performance probe for the Simulate tab (run by hand, not a test):
//   NVP_DIST=/tmp/simdist node e2e/perf-simulate.mjs
// 1. Re-simulate + redraw: the tab re-runs 100 ms after the last change (a setTimeout). The probe
//    wraps those timeouts and measures from the callback's start until the DOM update is done
//    (two microtask turns later, after Yew's render), and until the next frame is painted.
// 2. Playback: with ~1,000 requests in flight, plays the timeline and records frame intervals
//    from requestAnimationFrame.
import { serve, launch, openPage, widgetsReady } from "./harness.mjs";

const server = await serve();
const browser = await launch();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
const fmt = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? +v.toFixed(2) : v]));

async function rerun() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  await ctx.addInitScript(() => {
    const orig = window.setTimeout;
    window.__runs = [];
    window.__painted = [];
    window.setTimeout = function (cb, delay, ...rest) {
      if (delay === 100 && typeof cb === "function") {
        const wrapped = function (...args) {
          const t0 = performance.now();
          cb.apply(this, args);
          queueMicrotask(() => queueMicrotask(() => window.__runs.push(performance.now() - t0)));
          requestAnimationFrame(() => requestAnimationFrame(() => window.__painted.push(performance.now() - t0)));
        };
        return orig.call(this, wrapped, delay, ...rest);
      }
      return orig.call(this, cb, delay, ...rest);
    };
  });
  const p = await ctx.newPage();
  await p.goto(`${server.url}/#nvp.tab=simulate`);
  await widgetsReady(p, 2);
  const w = p.locator("node-vs-python").first();
  await w.locator(".nvp-sim-metrics").waitFor();
  const button = w.getByRole("button", { name: "New traffic" });
  for (let i = 0; i < 40; i++) {
    await button.click();
    await p.waitForTimeout(180);
  }
  const runs = await p.evaluate(() => window.__runs);
  const painted = await p.evaluate(() => window.__painted);
  await ctx.close();
  return { runs: stats(runs), painted: stats(painted) };
}

async function playback() {
  // ~1,000 requests in flight on each side: 1,000 requests/s that each wait 1 s on I/O, with
  // enough threads on the Python side to hold them all.
  const hash = "#nvp.tab=simulate&nvp.s.rate=1000&nvp.s.io=1000&nvp.s.cpu=0.2&nvp.s.pt=1000&nvp.s.pp=2&nvp.s.dur=5&nvp.s.ws=2&nvp.s.wl=2";
  const { context, page } = await openPage(browser, `${server.url}/${hash}`, { reducedMotion: "reduce" });
  await widgetsReady(page, 2);
  const w = page.locator("node-vs-python").first();
  await w.locator(".nvp-sim-metrics").waitFor();
  const inFlight = await w.locator(".nvp-sim-readout").innerText();
  await w.locator("#nvp-s-tl-speed").selectOption("0");
  await w.locator("#nvp-s-tl-play").click();
  const frames = await page.evaluate(
    () =>
      new Promise((done) => {
        const ts = [];
        const tick = (t) => {
          ts.push(t);
          if (ts.length < 240) requestAnimationFrame(tick);
          else done(ts.slice(1).map((x, i) => x - ts[i]));
        };
        requestAnimationFrame(tick);
      }),
  );
  const playing = await w.locator("#nvp-s-tl-play").innerText();
  await context.close();
  const s = stats(frames.slice(10));
  return { frame_ms: fmt(s), fps_median: +(1000 / s.median).toFixed(1), fps_p95_frame: +(1000 / s.p95).toFixed(1), still_playing: /Pause/.test(playing), readout_at_start: inFlight };
}

const r = await rerun();
console.log("re-simulate + DOM update (ms):", fmt(r.runs));
console.log("re-simulate to next painted frame (ms):", fmt(r.painted));
console.log("playback:", await playback());
await browser.close();
await server.close();
