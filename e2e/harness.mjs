// Shared end-to-end harness: a static server for the release build on a loopback port, and
// Debian Chromium driven by playwright-core (no browser download). Every test file uses it.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { join, extname, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The release build to serve; NVP_DIST points elsewhere (e.g. a helper's private build). */
export const DIST = resolve(process.env.NVP_DIST ?? join(ROOT, "dist"));
/** Screenshots land here; the README names this folder. */
export const SHOTS = join(ROOT, "e2e", "screenshots");

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
 * Serves `dist/` on 127.0.0.1 at a free port. `pages` maps extra paths to HTML strings (test
 * host pages) or to replacement files (a string or Buffer, typed by extension); `headers` adds
 * response headers to every HTML page (e.g. a CSP), `assetHeaders` to every other response
 * (e.g. CORS, for a server standing in for a CDN).
 */
export async function serve({ pages = {}, headers = {}, assetHeaders = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const extra = pages[path];
    if (extra !== undefined) {
      const type = TYPES[extname(path)] ?? TYPES[".html"];
      res.writeHead(200, { "content-type": type, ...(type.startsWith("text/html") ? headers : assetHeaders) });
      return res.end(extra);
    }
    if (path === "/favicon.ico") {
      res.writeHead(204);
      return res.end();
    }
    const file = normalize(join(DIST, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(DIST)) {
      res.writeHead(403);
      return res.end();
    }
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, ...(type.startsWith("text/html") ? headers : assetHeaders) });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian Chromium headless with flags that keep it off the (closed) network. */
export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * Opens a page in a fresh context and records console errors and page errors, so a test can
 * assert there were none.
 */
export async function openPage(browser, url, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { context, page, errors };
}

/** Widget roots on the page, looking inside each widget's shadow root. */
export function countRoots(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("node-vs-python, [data-nvp-host]")]
      .filter((host) => host.shadowRoot?.querySelector(".nvp-root")).length);
}

/**
 * Waits until `count` widgets have rendered. Widgets start when scrolled into view, so each
 * host element is scrolled to first; the page is scrolled back to the top afterwards.
 */
export async function widgetsReady(page, count = 1) {
  const hosts = page.locator("node-vs-python, [data-nvp-host]");
  await hosts.first().waitFor({ state: "attached", timeout: 20000 });
  for (let i = 0; i < (await hosts.count()); i++) {
    await hosts.nth(i).scrollIntoViewIfNeeded();
    await page.waitForTimeout(50);
  }
  await page.waitForFunction(
    (n) => [...document.querySelectorAll("node-vs-python, [data-nvp-host]")]
      .filter((host) => host.shadowRoot?.querySelector(".nvp-root")).length >= n,
    count,
    { timeout: 20000 },
  );
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Runs axe on the widgets and returns the serious and critical violations. */
export async function seriousViolations(page, include = "node-vs-python") {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Saves a full-page screenshot under e2e/screenshots/. */
export async function screenshot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Starts the static server and the browser before a test file's tests and stops both after.
 * Returns an object whose `server` and `browser` are set once `before` has run.
 */
export function withBrowser(serveOptions) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve(serveOptions);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Polls `read` until it returns `expected` (compared as JSON) or `timeout` ms pass, and returns
 * the last value, so a test can assert on it. Yew renders after the event in a microtask or a
 * later frame; on a loaded machine a read straight after an input can see the previous render.
 */
export async function eventually(read, expected, timeout = 5000) {
  const want = JSON.stringify(expected);
  const end = Date.now() + timeout;
  let value = await read();
  while (JSON.stringify(value) !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

/**
 * Waits until a Simulate view (`widget`, a locator) shows results for its current settings: a
 * first result is on screen and no newer run is pending. Yew renders the pending mark in a
 * microtask after the change, so a short pause comes first.
 */
export async function simulationSettled(widget, timeout = 30000) {
  await widget.page().waitForTimeout(20);
  await widget.locator(".nvp-sim-metrics").first().waitFor({ state: "attached", timeout });
  await widget.locator(".nvp-sim--stale").waitFor({ state: "detached", timeout });
}

/**
 * Every figure a Simulate result shows, as text: the verdict card, both tables, the charts'
 * data tables and the narration. Two runs of the same settings must give the same snapshot.
 */
export async function simulationSnapshot(widget) {
  const text = (selector) => widget.locator(selector).allInnerTexts();
  return {
    verdict: await text(".nvp-sim-verdict"),
    tables: await text(".nvp-sim-table-wrap table"),
    charts: await widget.locator(".nvp-sim-chart table").evaluateAll((ts) => ts.map((t) => t.textContent)),
    story: await text(".nvp-sim-story"),
  };
}
