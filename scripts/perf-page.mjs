// Page performance probe (a report, not a test): loads the demo page of one or more release builds
// in headless Chromium under two profiles and prints the medians of the issue's figures.
//
//   node scripts/perf-page.mjs [--runs N] [--profiles mobile,desktop] [--json FILE] [--diagnose] [LABEL=DIST ...]
//   e.g. node scripts/perf-page.mjs --runs 5 before=/tmp/before-dist after=dist
//
// With no LABEL=DIST it measures NVP_DIST (or dist/). Builds are measured alternately within each
// run, so a busy machine slows them alike; read the medians and compare side by side.
//
// Profiles: "mobile" is Lighthouse's: 4x CPU slowdown, 1.6 Mbit/s down, 750 kbit/s up, 150 ms
// round trip, a 375x740 touch screen; "desktop" is unthrottled at 1280x800. Files are served
// gzip -9 from a local server (the same files for every run), with a cold cache per run, and the
// first widget is scrolled into view as soon as the document is parsed.
//
// Figures, per build and profile:
// - transferred: bytes on the wire (gzip bodies + headers) until the page is quiet; and what the
//   page had fetched when the first tab list appeared (Resource Timing transfer sizes);
// - first tab list: navigation to the first frame in which the first widget's [role=tablist]
//   (inside its shadow root) is laid out in the viewport;
// - TBT: total blocking time (sum of each long task's time beyond 50 ms) from first contentful
//   paint until the page is quiet (no long task and no request for 5 s on mobile, 3 s on desktop);
// - interactions: the longest Event Timing entry (durationThreshold 16; an interaction's time
//   from input to the next paint) for: opening each view, moving a range input by keyboard (a
//   Compare weight, the timeline's scrubber) and starting playback;
// - CLS: layout-shift entries without recent input, while loading and over the whole visit
//   (NVP_PERF_SHIFTS=1 prints each shift with the elements that moved);
// - re-simulation (desktop): "New traffic" clicked → the results table changed on screen, and
//   the worker's run → result time where the build has a simulator worker (the longest main-thread
//   task in that window shows what a build without one blocks).
//
// --diagnose adds one traced visit per build and profile and prints, for every long task (> 50 ms)
// on the page's main thread, where its time went: exclusive time per trace event (script by URL,
// wasm compilation, style, layout, paint, GC), so a miss can be pinned on the code that causes it.
import { createServer } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync, constants } from "node:zlib";
import { join, extname, normalize, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch } from "../e2e/harness.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Serves `dist` on loopback with every file gzip -9 (compressed once), counting bytes sent.
 * `htmlHeaders` go on HTML responses (e.g. a CSP that forbids workers).
 */
export async function serveGzip(dist, htmlHeaders = {}) {
  const root = resolve(dist);
  const cache = new Map();
  const stats = { bytes: 0, requests: 0, last: 0, files: {} };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    stats.requests += 1;
    stats.last = Date.now();
    if (path === "/favicon.ico") {
      res.writeHead(204);
      return res.end();
    }
    const file = normalize(join(root, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(root)) {
      res.writeHead(403);
      return res.end();
    }
    let entry = cache.get(file);
    if (!entry) {
      try {
        const raw = await readFile(file);
        entry = { gz: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }), type: TYPES[extname(file)] ?? "application/octet-stream" };
      } catch {
        res.writeHead(404, { "content-type": "text/plain" });
        return res.end("not found");
      }
      cache.set(file, entry);
    }
    const headers = {
      "content-type": entry.type, "content-encoding": "gzip", "content-length": entry.gz.length, "cache-control": "no-cache",
      ...(entry.type.startsWith("text/html") ? htmlHeaders : {}),
    };
    res.writeHead(200, headers);
    res.end(entry.gz);
    const sent = entry.gz.length + 17 + Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    stats.bytes += sent;
    // Hashed names vary between builds: key by the name without its hash.
    const key = path.replace(/-[0-9a-f]{12,16}(?=[._])/, "");
    stats.files[key] = (stats.files[key] ?? 0) + sent;
    stats.last = Date.now();
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, stats, close: () => new Promise((ok) => server.close(ok)) };
}

export const PROFILES = {
  mobile: {
    context: { viewport: { width: 375, height: 740 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
    cpu: 4,
    network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
    quietMs: 5000,
  },
  desktop: { context: { viewport: { width: 1280, height: 800 } }, cpu: 1, network: null, quietMs: 3000 },
};

/** Runs in the page before its own scripts: observers for the figures, and a hook on workers. */
export function instrument() {
  const perf = (window.__perf = { long: [], events: [], shifts: [], fcp: null, tablistAt: null, runs: [] });
  const observe = (type, opts, each) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({ type, buffered: true, ...opts });
    } catch {
      /* entry type not supported */
    }
  };
  observe("longtask", {}, (e) => perf.long.push({ start: e.startTime, dur: e.duration }));
  observe("event", { durationThreshold: 16 }, (e) =>
    perf.events.push({ name: e.name, start: e.startTime, dur: e.duration, id: e.interactionId, proc: e.processingEnd - e.processingStart }));
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return node?.nodeName ?? "?";
    const inShadow = node.getRootNode() instanceof ShadowRoot ? "shadow:" : "";
    return `${inShadow}${node.localName}${node.id ? "#" + node.id : ""}${node.classList?.length ? "." + [...node.classList].slice(0, 2).join(".") : ""}`;
  };
  observe("layout-shift", {}, (e) =>
    perf.shifts.push({ t: e.startTime, v: e.value, input: e.hadRecentInput, sources: (e.sources ?? []).map((x) => describe(x.node)).slice(0, 4) }));
  observe("paint", {}, (e) => {
    if (e.name === "first-contentful-paint") perf.fcp = e.startTime;
  });
  const host = () => document.querySelector("node-vs-python, [data-nvp-host]");
  const poll = () => {
    const list = host()?.shadowRoot?.querySelector("[role=tablist]");
    const r = list?.getBoundingClientRect();
    if (r && r.height > 0 && r.bottom > 0 && r.top < innerHeight) perf.tablistAt = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  document.addEventListener("DOMContentLoaded", () => host()?.scrollIntoView({ block: "start" }));
  // Times each experiment the simulator worker runs: the "run" message out, the result back.
  if (typeof Worker === "function") {
    const Base = Worker;
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", ({ data }) => {
          const run = perf.runs.find((r) => r.id === data?.id && r.end === undefined);
          if (run && (data.type === "result" || data.type === "error")) run.end = performance.now();
        });
      }
      postMessage(message, ...rest) {
        if (message?.type === "run") perf.runs.push({ id: message.id, start: performance.now() });
        return super.postMessage(message, ...rest);
      }
    };
  }
}

export const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const blocking = (tasks) => tasks.reduce((n, t) => n + Math.max(0, t.dur - 50), 0);

/** Waits until no long task has ended and no request was served for `quietMs` (at most `capMs`). */
async function quiet(page, server, quietMs, capMs = 45_000) {
  const start = Date.now();
  while (Date.now() - start < capMs) {
    await sleep(250);
    const sinceTask = await page.evaluate(() => {
      const last = window.__perf.long.reduce((m, t) => Math.max(m, t.start + t.dur), 0);
      return performance.now() - last;
    });
    if (sinceTask >= quietMs && Date.now() - server.stats.last >= quietMs) return;
  }
}

/** Opens a fresh throttled context on `url`; returns the page and its load figures. */
async function load(browser, server, profile) {
  const p = PROFILES[profile];
  const context = await browser.newContext({ ...p.context, reducedMotion: "no-preference" });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (p.network) await cdp.send("Network.emulateNetworkConditions", p.network);
  if (p.cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: p.cpu });
  server.stats.bytes = 0;
  server.stats.files = {};
  await page.goto(`${server.url}/`, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__perf?.tablistAt !== null, null, { timeout: 60_000, polling: 100 });
  await quiet(page, server, p.quietMs);
  const figures = await page.evaluate(() => {
    const perf = window.__perf;
    const nav = performance.getEntriesByType("navigation")[0];
    const atTablist = [nav, ...performance.getEntriesByType("resource")]
      .filter((e) => e.responseEnd <= perf.tablistAt)
      .reduce((n, e) => n + (e.transferSize || 0), 0);
    const shifts = perf.shifts.filter((s) => !s.input).reduce((n, s) => n + s.v, 0);
    return { tablistAt: perf.tablistAt, fcp: perf.fcp, atTablist, long: perf.long.slice(), shifts };
  });
  const afterFcp = figures.long.filter((t) => t.start >= (figures.fcp ?? 0));
  return {
    context,
    page,
    load: {
      transferredKB: server.stats.bytes / 1024,
      firstViewKB: figures.atTablist / 1024,
      tablistMs: figures.tablistAt,
      tbtMs: blocking(afterFcp),
      longestTaskMs: Math.max(0, ...figures.long.map((t) => t.dur)),
      loadCls: figures.shifts,
      files: { ...server.stats.files },
    },
  };
}

/** Does `act`, waits for the page to settle, and returns the longest interaction entry since. */
async function interaction(page, act, settleMs) {
  const t0 = await page.evaluate(() => performance.now());
  await act();
  await sleep(settleMs);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  return page.evaluate((t0) => {
    const { events, long } = window.__perf;
    const mine = events.filter((e) => e.start >= t0 && e.id > 0);
    const worst = mine.reduce((w, e) => (w && w.dur >= e.dur ? w : e), null);
    const tasks = long.filter((t) => t.start >= t0);
    return {
      ms: worst ? worst.dur : 0,
      event: worst?.name ?? "(none over 16 ms)",
      blockingMs: tasks.reduce((n, t) => n + Math.max(0, t.dur - 50), 0),
    };
  }, t0);
}

const widget = (page) => page.locator("node-vs-python").first();

/** The interactions the issue lists; views the build does not have are skipped. */
async function interactions(page, profile) {
  const settle = profile === "mobile" ? 1500 : 600;
  const w = widget(page);
  const tab = (name) => w.getByRole("tab", { name, exact: true });
  const out = {};
  for (const name of ["Use cases", "Compare", "Simulate", "Answer"]) {
    if (!(await tab(name).count())) continue;
    out[`open ${name}`] = await interaction(page, () => tab(name).click(), settle);
  }
  // Wait for the simulator's first result before touching the timeline.
  await tab("Compare").click();
  await sleep(settle);
  const slider = w.locator("input[type=range]").first();
  await slider.focus();
  out["range (Compare weight)"] = await interaction(page, () => page.keyboard.press("ArrowRight"), settle);
  await tab("Simulate").click();
  await w.locator(".nvp-sim-metrics").first().waitFor({ timeout: 60_000 });
  const play = w.locator(".nvp-sim-player button").first();
  await play.waitFor({ timeout: 30_000 });
  if (/Pause/.test(await play.innerText())) {
    await play.click();
    await sleep(settle);
  }
  const scrub = w.locator(".nvp-sim-timeline input[type=range]").first();
  if (await scrub.count()) {
    await scrub.focus();
    out["range (timeline scrubber)"] = await interaction(page, () => page.keyboard.press("ArrowRight"), settle);
  }
  out["start playback"] = await interaction(page, () => play.click(), settle);
  return out;
}

/** "New traffic" → results table changed on screen; the worker's run time when there is one. */
export async function resimulate(page, times = 8) {
  const w = widget(page);
  const button = w.getByRole("button", { name: "New traffic" });
  if (!(await button.isVisible())) {
    const summary = w.locator("details.nvp-sim-advanced > summary").first();
    if (await summary.count()) await summary.click();
  }
  await button.waitFor({ state: "visible", timeout: 10_000 });
  const rows = [];
  for (let i = 0; i < times; i++) {
    const marks = await page.evaluate(() => {
      const host = document.querySelector("node-vs-python");
      const table = () => host.shadowRoot.querySelector(".nvp-sim-metrics")?.textContent ?? "";
      window.__resim = { before: table(), runs: window.__perf.runs.length, t0: null, shown: null };
      const r = window.__resim;
      const watch = () => {
        if (r.t0 !== null && table() !== r.before) r.shown = performance.now();
        else requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
      host.shadowRoot.addEventListener("click", () => (r.t0 ??= performance.now()), { capture: true, once: true });
      return r.runs;
    });
    await button.click();
    await page.waitForFunction(() => window.__resim.shown !== null, null, { timeout: 30_000, polling: 50 });
    await sleep(300);
    rows.push(await page.evaluate((firstRun) => {
      const r = window.__resim;
      const runs = window.__perf.runs.slice(firstRun).filter((x) => x.end !== undefined);
      const tasks = window.__perf.long.filter((t) => t.start >= r.t0 && t.start <= r.shown);
      return {
        toScreenMs: r.shown - r.t0,
        workerMs: runs.length ? runs[runs.length - 1].end - runs[runs.length - 1].start : null,
        longestTaskMs: Math.max(0, ...tasks.map((t) => t.dur)),
      };
    }, marks));
  }
  return {
    toScreenMs: median(rows.map((r) => r.toScreenMs)),
    workerMs: median(rows.map((r) => r.workerMs)),
    longestTaskMs: median(rows.map((r) => r.longestTaskMs)),
    rows,
  };
}

async function visit(browser, server, profile) {
  const { context, page, load: l } = await load(browser, server, profile);
  try {
    const acts = await interactions(page, profile);
    const shifts = await page.evaluate(() => window.__perf.shifts.filter((s) => !s.input));
    const cls = shifts.reduce((n, s) => n + s.v, 0);
    if (process.env.NVP_PERF_SHIFTS) console.error(JSON.stringify(shifts));
    const resim = profile === "desktop" ? await resimulate(page) : null;
    return { ...l, cls, interactions: acts, resim };
  } finally {
    await context.close();
  }
}

/**
 * Where each long task's time went, from a Chrome trace: exclusive (self) time per event name on
 * the renderer's main thread, script events named by their URL.
 */
export function attribute(trace, minMs = 50) {
  const events = trace.traceEvents ?? trace;
  const names = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  // The page's main thread: the renderer main thread that ran the most tasks.
  const busy = new Map();
  for (const e of events) {
    if (e.ph === "X" && e.name === "RunTask" && names.some((n) => n.pid === e.pid && n.tid === e.tid)) {
      const key = `${e.pid}:${e.tid}`;
      busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
    }
  }
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return [];
  const mine = events
    .filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === main && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const t0 = Math.min(...events.filter((e) => e.name === "navigationStart" || e.name === "TracingStartedInBrowser").map((e) => e.ts), mine[0]?.ts ?? 0);
  const label = (e) => {
    const d = e.args?.data ?? {};
    const url = (d.url || d.scriptName || d.stackTrace?.[0]?.url || "").replace(/^https?:\/\/[^/]+\//, "").replace(/-[0-9a-f]{12,16}(?=[._])/, "");
    return url ? `${e.name} ${url}` : e.name;
  };
  const out = [];
  for (const task of mine.filter((e) => e.name === "RunTask" && e.dur >= minMs * 1000)) {
    const inside = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const self = new Map();
    const stack = [];
    const close = (until) => {
      while (stack.length && stack[stack.length - 1].end <= until) stack.pop();
    };
    for (const e of inside) {
      close(e.ts);
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent.label, (self.get(parent.label) ?? 0) - e.dur);
      const l = label(e);
      self.set(l, (self.get(l) ?? 0) + e.dur);
      stack.push({ end: e.ts + e.dur, label: l });
    }
    const top = [...self.entries()].filter(([, v]) => v > 1000).sort((a, b) => b[1] - a[1]).slice(0, 6);
    out.push({ atMs: (task.ts - t0) / 1000, ms: task.dur / 1000, parts: top.map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`) });
  }
  return out;
}

/** One traced visit: prints each long task with where its time went. */
async function diagnose(browser, server, profile, label) {
  const categories = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "blink", "loading", "toplevel"];
  const p = PROFILES[profile];
  const context = await browser.newContext({ ...p.context });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (p.network) await cdp.send("Network.emulateNetworkConditions", p.network);
  if (p.cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: p.cpu });
  await browser.startTracing(page, { categories });
  try {
    await page.goto(`${server.url}/`, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__perf?.tablistAt !== null, null, { timeout: 60_000, polling: 100 });
    await quiet(page, server, p.quietMs);
    const mark = await page.evaluate(() => performance.now());
    await interactions(page, profile).catch((e) => console.error(`diagnose: interactions stopped: ${e.message}`));
    const trace = JSON.parse((await browser.stopTracing()).toString());
    console.log(`\n### long tasks, ${label}, ${profile} (one traced visit; the load phase ends near ${mark.toFixed(0)} ms; self ms per trace event)\n`);
    for (const t of attribute(trace)) console.log(`- at ${t.atMs.toFixed(0)} ms, ${t.ms.toFixed(0)} ms: ${t.parts.join("; ")}`);
  } finally {
    await context.close();
  }
}

function parseArgs(argv) {
  const opts = { runs: 3, profiles: ["mobile", "desktop"], json: null, builds: [], diagnose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") opts.runs = Number(argv[++i]);
    else if (a === "--profiles") opts.profiles = argv[++i].split(",");
    else if (a === "--json") opts.json = argv[++i];
    else if (a === "--diagnose") opts.diagnose = true;
    else if (a.includes("=")) {
      const [label, dist] = a.split("=");
      opts.builds.push({ label, dist: resolve(dist) });
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.builds.length) opts.builds.push({ label: "dist", dist: resolve(process.env.NVP_DIST ?? join(ROOT, "dist")) });
  return opts;
}

function report(results, opts) {
  const fmt = (x, d = 0) => (x === null || x === undefined ? "–" : x.toFixed(d));
  for (const profile of opts.profiles) {
    console.log(`\n## ${profile} (median of ${opts.runs} runs)\n`);
    const labels = opts.builds.map((b) => b.label);
    console.log(`| figure | ${labels.join(" | ")} |\n|---|${labels.map(() => "---").join("|")}|`);
    const row = (name, pick, d = 0) =>
      console.log(`| ${name} | ${labels.map((l) => fmt(median(results[l][profile].map(pick)), d)).join(" | ")} |`);
    row("transferred until quiet (KB)", (r) => r.transferredKB);
    row("fetched when the tab list appeared (KB)", (r) => r.firstViewKB);
    row("navigation → first tab list (ms)", (r) => r.tablistMs);
    row("total blocking time while loading (ms)", (r) => r.tbtMs);
    row("longest task while loading (ms)", (r) => r.longestTaskMs);
    const kinds = [...new Set(labels.flatMap((l) => results[l][profile].flatMap((r) => Object.keys(r.interactions))))];
    for (const k of kinds) row(`interaction: ${k} (ms)`, (r) => r.interactions[k]?.ms ?? null);
    for (const k of kinds) row(`blocking after: ${k} (ms)`, (r) => r.interactions[k]?.blockingMs ?? null);
    row("CLS while loading", (r) => r.loadCls, 3);
    row("CLS over the whole visit (load + interactions)", (r) => r.cls, 3);
    if (profile === "desktop") {
      row("re-simulation: New traffic → table on screen (ms)", (r) => r.resim?.toScreenMs);
      row("re-simulation: worker run → result (ms)", (r) => r.resim?.workerMs);
      row("re-simulation: longest main-thread task (ms)", (r) => r.resim?.longestTaskMs);
    }
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const browser = await launch();
  const servers = await Promise.all(opts.builds.map((b) => serveGzip(b.dist)));
  const results = Object.fromEntries(opts.builds.map((b) => [b.label, Object.fromEntries(opts.profiles.map((p) => [p, []]))]));
  try {
    for (let run = 1; run <= opts.runs; run++) {
      for (const profile of opts.profiles) {
        // Alternate which build goes first, so neither always meets a warmer machine.
        const order = run % 2 ? opts.builds.map((_, i) => i) : opts.builds.map((_, i) => i).reverse();
        for (const i of order) {
          const b = opts.builds[i];
          const r = await visit(browser, servers[i], profile);
          results[b.label][profile].push(r);
          const acts = Object.entries(r.interactions).map(([k, v]) => `${k} ${v.ms}`).join(", ");
          console.error(`run ${run} ${profile} ${b.label}: ${r.transferredKB.toFixed(0)} KB (${Object.entries(r.files).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)}`).join(", ")}), tab list ${r.tablistMs.toFixed(0)} ms, TBT ${r.tbtMs.toFixed(0)} ms, CLS ${r.cls.toFixed(3)}; ${acts}${r.resim ? `; resim ${JSON.stringify(r.resim)}` : ""}`);
        }
      }
    }
    if (opts.diagnose) {
      for (const profile of opts.profiles) {
        for (const [i, b] of opts.builds.entries()) await diagnose(browser, servers[i], profile, b.label);
      }
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
  console.log(`Chromium ${browser.version()}; builds: ${opts.builds.map((b) => `${b.label}=${b.dist}`).join(", ")}`);
  report(results, opts);
  if (opts.json) await writeFile(opts.json, JSON.stringify(results, null, 1));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
