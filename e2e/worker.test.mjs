// The simulator with and without a Web Worker (issue 14): a normal page runs it in a worker; a
// page whose CSP forbids workers, a widget served from a CDN on another origin, and a browser
// without workers run the same module on the main thread in slices, with the same numbers.
// Progress shows while a run computes. Three loopback ports make the origins.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, simulationSettled, simulationSnapshot } from "./harness.mjs";

/** The strictest policy the embedding guide promises (as in embed.test.mjs). */
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const NO_WORKERS_CSP = `${STRICT_CSP}; worker-src 'none'`;
/** Settings with failures on one side, so the counts and the narration are part of the comparison. */
const HASH = "#nvp.s.cfg=defaults&nvp.s.seed=7";

const LISTENER = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));`;
const hostPage = (loader) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<script src="/csp-listener.js"></script><script src="${loader}" defer></script></head>
<body><h1>A post</h1><node-vs-python views="simulate" lazy="false"></node-vs-python></body></html>`;

/**
 * Records every Worker the page constructs: its URL, the message types posted to it and back,
 * and whether it failed. Runs before any page script (an init script is not subject to the CSP).
 */
function workerSpy() {
  window.__workers = [];
  const Real = window.Worker;
  if (typeof Real !== "function") return;
  window.Worker = class extends Real {
    constructor(url, options) {
      const record = { url: String(url), out: [], in: [], failed: null };
      window.__workers.push(record);
      try {
        super(url, options);
      } catch (err) {
        record.failed = String(err);
        throw err;
      }
      this.addEventListener("message", (e) => record.in.push(e.data?.type));
      this.addEventListener("error", (e) => { record.failed = e.message || "error event"; });
      const post = this.postMessage.bind(this);
      this.postMessage = (message, transfer) => {
        record.out.push(message?.type);
        return post(message, transfer);
      };
    }
  };
}

let site;
let strict;
let noWorkers;
let cdn;
let cdnHost;
let browser;

before(async () => {
  const pages = { "/sim.html": hostPage("/embed.js"), "/csp-listener.js": LISTENER };
  site = await serve({ pages });
  strict = await serve({ pages, headers: { "content-security-policy": STRICT_CSP } });
  noWorkers = await serve({ pages, headers: { "content-security-policy": NO_WORKERS_CSP } });
  cdn = await serve({ assetHeaders: { "access-control-allow-origin": "*" } });
  cdnHost = await serve({ pages: { "/sim.html": hostPage(`${cdn.url}/embed.js`), "/csp-listener.js": LISTENER } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of [site, strict, noWorkers, cdn, cdnHost]) await s?.close();
});

/**
 * Opens a host page's Simulate view on HASH and waits for its result. `setup` runs in the page
 * before its scripts (e.g. to take Worker away). Returns the page, the widget, what the spy saw
 * and the console.
 */
async function run(origin, { setup } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  await context.addInitScript(workerSpy);
  if (setup) await context.addInitScript(setup);
  const page = await context.newPage();
  const errors = [];
  const info = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
    if (msg.type() === "info") info.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(`${origin.url}/sim.html${HASH}`);
  const w = page.locator("node-vs-python");
  await simulationSettled(w);
  const mode = await page.evaluate(() => window.NodeVsPython.simulator.mode());
  const workers = await page.evaluate(() => window.__workers);
  const violations = await page.evaluate(() => window.__violations);
  return { context, page, w, mode, workers, violations, errors, info };
}

/** The numbers of the reference run: a normal page, in a worker. */
let reference;

test("a normal page runs the simulator in a Web Worker", async () => {
  const r = await run(site);
  assert.equal(r.mode, "worker");
  assert.equal(r.workers.length, 1, JSON.stringify(r.workers));
  const [worker] = r.workers;
  assert.match(worker.url, new RegExp(`^${site.url}/nvp-sim-run-[0-9a-f]+\\.js$`));
  assert.equal(worker.failed, null);
  assert.deepEqual(worker.out.slice(0, 2), ["init", "run"], "the wasm, then a run, go to the worker");
  assert.ok(worker.in.includes("ready") && worker.in.includes("result"), `the worker answered: ${worker.in}`);
  assert.ok(!r.info.some((l) => l.includes("main thread")), r.info.join("\n"));
  reference = await simulationSnapshot(r.w);
  assert.match(reference.verdict.join("\n"), /No verdict from this run: Python cannot keep up\./);
  assert.deepEqual(r.errors, []);
  await r.context.close();
});

test("the guide's strict CSP still allows the worker, with no violation", async () => {
  const r = await run(strict);
  assert.equal(r.mode, "worker");
  assert.deepEqual(r.violations, []);
  assert.deepEqual(await simulationSnapshot(r.w), reference);
  assert.deepEqual(r.errors, []);
  await r.context.close();
});

test("a CSP that forbids workers: the main thread, the same numbers, and no violation beyond the refused worker", async () => {
  const r = await run(noWorkers);
  assert.equal(r.mode, "main");
  assert.ok(r.info.some((l) => l.includes("running the simulator on the main thread")), r.info.join("\n"));
  // The one attempt to start the worker is refused by the policy, as the host asked; nothing the
  // fallback does (the module, its wasm, the styles) needs anything the policy forbids.
  const others = r.violations.filter((v) => !v.startsWith("worker-src"));
  assert.deepEqual(others, [], r.violations.join("\n"));
  assert.ok(r.violations.length <= 1, r.violations.join("\n"));
  assert.deepEqual(await simulationSnapshot(r.w), reference);
  // The visitor sees no error; the console says nothing alarming.
  assert.deepEqual(r.errors.filter((e) => !/Content Security Policy|worker-src/.test(e)), []);
  await r.context.close();
});

test("a widget served from a CDN on another origin: the main thread, every simulator file from the CDN, the same numbers", async () => {
  const r = await run(cdnHost);
  assert.equal(r.mode, "main");
  assert.deepEqual(r.workers.filter((w) => !w.failed), [], "no working worker from another origin");
  assert.ok(r.info.some((l) => /main thread.*another origin/.test(l)), r.info.join("\n"));
  const fromCdn = await r.page.evaluate((origin) => performance.getEntriesByType("resource")
    .map((e) => e.name).filter((url) => url.startsWith(origin)).map((url) => url.slice(origin.length + 1)), cdn.url);
  assert.ok(fromCdn.some((f) => /^nvp-sim-worker-[0-9a-f]+\.js$/.test(f)), `the simulator's glue: ${fromCdn}`);
  assert.ok(fromCdn.some((f) => /^nvp-sim-worker-[0-9a-f]+_bg\.wasm$/.test(f)), `the simulator's wasm: ${fromCdn}`);
  const local = await r.page.evaluate((origin) => performance.getEntriesByType("resource")
    .map((e) => e.name).filter((url) => url.startsWith(origin) && /nvp-/.test(url)), cdnHost.url);
  assert.deepEqual(local, [], "nothing of the widget from the host's own origin");
  assert.deepEqual(await simulationSnapshot(r.w), reference);
  assert.deepEqual(r.errors, []);
  await r.context.close();
});

test("a browser without Web Workers: the main thread, the same numbers", async () => {
  const r = await run(site, { setup: () => { delete window.Worker; } });
  assert.equal(r.mode, "main");
  assert.deepEqual(r.workers, []);
  assert.deepEqual(await simulationSnapshot(r.w), reference);
  assert.deepEqual(r.errors, []);
  await r.context.close();
});

/**
 * Records, in the page, every progress line the Simulate view shows (its DOM, so it sees even
 * a state that lasted less than a frame), then changes the arrival rate and waits for the run.
 */
async function progressDuringRun(r) {
  await r.w.locator(".nvp-sim").evaluate((root) => {
    window.__progress = [];
    const seen = () => {
      for (const p of root.querySelectorAll(".nvp-sim-progress")) {
        const bar = p.querySelector("progress");
        window.__progress.push({ text: p.textContent.trim(), value: Number(bar.value), max: Number(bar.max) });
      }
    };
    new MutationObserver(seen).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const rate = r.w.locator("#nvp-s-rate");
  await rate.fill("380");
  await rate.press("Tab");
  await simulationSettled(r.w);
  const seen = await r.page.evaluate(() => window.__progress);
  assert.equal(await r.w.locator(".nvp-sim-progress").count(), 0, "the bar goes when the run is in");
  return seen;
}

test("progress shows while a run computes, on the main thread and in the worker", async () => {
  // The main thread reports after every run it yields between.
  let r = await run(site, { setup: () => { delete window.Worker; } });
  let seen = await progressDuringRun(r);
  assert.ok(seen.some((p) => p.value >= 1 && /^Simulating… run \d+ of \d+$/.test(p.text)), JSON.stringify(seen.slice(0, 5)));
  const values = seen.map((p) => p.value);
  assert.ok(Math.max(...values) > Math.min(...values), `the bar moves: ${values}`);
  await r.context.close();
  // The worker reports every 30 ms; a slower machine (CPU throttled) makes a run take several reports.
  r = await run(site);
  const cdp = await r.context.newCDPSession(r.page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
  seen = await progressDuringRun(r);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  assert.ok(seen.some((p) => p.value >= 1), `worker progress: ${JSON.stringify(seen.slice(0, 5))}`);
  await r.context.close();
});
