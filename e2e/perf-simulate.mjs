// Performance probe for the Simulate tab (run by hand; a report, not a test):
//   NVP_DIST=/tmp/some-dist node e2e/perf-simulate.mjs [TIMES]
//   node e2e/perf-simulate.mjs [TIMES] LABEL=DIST LABEL=DIST ...   (builds side by side)
// Desktop Chromium, unthrottled, files served gzip -9 (scripts/perf-page.mjs's server).
// 1. Re-simulation, in the simulator worker: "New traffic" clicked TIMES times (default 20) in
//    each of three rounds, the builds taking turns; for each click, the worker's run → result time
//    (all replications, both servers) and the click → results table changed on screen (that
//    includes the view's 100 ms debounce), with the longest main-thread task in between (for a
//    build without a worker, that task is the simulation itself).
// 2. The same where the page forbids workers (CSP worker-src 'none'): the engine runs on the main
//    thread in slices; the longest task shows how long the page is blocked at a time.
// 3. Playback: with ~1,000 requests in flight on each side, plays the timeline and records frame
//    intervals from requestAnimationFrame.
// For the page-level figures (first load, blocking time, interactions, layout shift) on the mobile
// and desktop profiles, see scripts/perf-page.mjs.
import { resolve, join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./harness.mjs";
import { serveGzip, instrument, resimulate, median } from "../scripts/perf-page.mjs";

const TIMES = Number(process.argv[2] ?? 20);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const stats = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return s.length ? { n: s.length, median: +median(s).toFixed(1), p95: +q(0.95).toFixed(1), max: +s[s.length - 1].toFixed(1) } : { n: 0 };
};

async function rerun(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  let mainThread = false;
  page.on("console", (m) => {
    if (/main thread in slices/.test(m.text())) mainThread = true;
  });
  // Two widgets must not start experiments at once: the first one's never finishes (see
  // docs/performance.md). So the page's second widget (a Simulate preset, in view at 1280x800)
  // finishes its own first, and the first widget opens Simulate by its tab after that.
  await page.goto(`${server.url}/`);
  const w = page.locator("node-vs-python").first();
  await page.waitForLoadState("networkidle");
  const second = page.locator("node-vs-python").nth(1);
  await second.scrollIntoViewIfNeeded();
  await page
    .waitForFunction(() => {
      const root = document.querySelectorAll("node-vs-python")[1]?.shadowRoot;
      return !root || (root.querySelector(".nvp-root") && !/Simulating|Running both/.test(root.textContent));
    }, null, { timeout: 20_000, polling: 100 })
    .catch(() => console.error("perf-simulate: the second widget did not settle within 20 s; going on"));
  await page.waitForTimeout(500);
  await page.evaluate(() => window.scrollTo(0, 0));
  await w.getByRole("tab", { name: "Simulate", exact: true }).click();
  await w.locator(".nvp-sim-metrics").first().waitFor({ timeout: 60_000 });
  const r = await resimulate(page, TIMES);
  await context.close();
  return { rows: r.rows, mainThread: mainThread || r.rows.every((x) => x.workerMs === null) };
}

async function playback(browser, server) {
  // ~1,000 requests in flight on each side: 1,000 requests/s that each wait 1 s on I/O, with
  // enough threads on the Python side to hold them all.
  const hash = "#nvp.s.rate=1000&nvp.s.io=1000&nvp.s.cpu=0.2&nvp.s.pt=1000&nvp.s.pp=2&nvp.s.dur=5&nvp.s.ws=2&nvp.s.wl=2";
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/${hash}`);
  const w = page.locator("node-vs-python").first();
  await w.getByRole("tab", { name: "Simulate", exact: true }).click();
  await w.locator(".nvp-sim-metrics").first().waitFor({ timeout: 60_000 });
  const readout = await w.locator(".nvp-sim-readout").first().innerText();
  const play = w.locator(".nvp-sim-player button").first();
  await w.locator(".nvp-sim-player select").first().selectOption("0");
  if (!/Pause/.test(await play.innerText())) await play.click();
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
  const playing = /Pause/.test(await play.innerText());
  await context.close();
  const s = stats(frames.slice(10));
  console.log("  playback:", { frame_ms: s, fps_median: +(1000 / s.median).toFixed(1), still_playing: playing, readout_at_start: readout });
}

const specs = process.argv.slice(3);
const builds = specs.length
  ? specs.map((a) => ({ label: a.split("=")[0], dist: resolve(a.split("=")[1]) }))
  : [{ label: "build", dist: resolve(process.env.NVP_DIST ?? join(ROOT, "dist")) }];
const ROUNDS = 3;
const browser = await launch();
const servers = await Promise.all(builds.map((b) => serveGzip(b.dist)));
try {
  console.log(`Chromium ${browser.version()}; ${builds.map((b) => `${b.label}=${b.dist}`).join(", ")}`);
  const rows = builds.map(() => []);
  const modes = builds.map(() => "worker");
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i] of builds.entries()) {
      const r = await rerun(browser, servers[i]);
      rows[i].push(...r.rows);
      if (r.mainThread) modes[i] = "main thread";
    }
  }
  for (const [i, b] of builds.entries()) {
    console.log(`\n${b.label} (${modes[i]}), ${ROUNDS} × ${TIMES} re-simulations:`);
    console.log("  worker run → result (ms):", stats(rows[i].map((x) => x.workerMs)));
    console.log("  New traffic → table on screen (ms):", stats(rows[i].map((x) => x.toScreenMs)));
    console.log("  longest main-thread task in between (ms):", stats(rows[i].map((x) => x.longestTaskMs)));
  }
  for (const [i, b] of builds.entries()) {
    // The e2e suite's strict CSP, plus worker-src 'none': the widget must fall back to the main thread.
    const strict = await serveGzip(b.dist, { "content-security-policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'none'" });
    try {
      const r = await rerun(browser, strict);
      console.log(`\n${b.label}, CSP worker-src 'none' (${r.mainThread ? "main thread in slices" : "worker"}), ${TIMES} re-simulations:`);
      console.log("  New traffic → table on screen (ms):", stats(r.rows.map((x) => x.toScreenMs)));
      console.log("  longest main-thread task in between (ms):", stats(r.rows.map((x) => x.longestTaskMs)));
    } finally {
      await strict.close();
    }
    console.log(`\n${b.label}:`);
    await playback(browser, servers[i]);
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
