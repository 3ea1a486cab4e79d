// Embedding on pages we do not control: the README snippet alone, late scripts, elements added
// and removed, the mount() API with bad options, a hostile host stylesheet, a strict CSP,
// a crash, and two instances kept apart.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, widgetsReady, countRoots, seriousViolations, screenshot } from "./harness.mjs";

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const page = (body, head = "") => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Host page</title>${head}</head><body>${body}</body></html>`;

// Exactly the README's snippet, on an otherwise empty page.
const SNIPPET = page(`<h1>My site</h1>
<script src="/embed.js" defer></script>
<node-vs-python></node-vs-python>`);

const HOSTILE_CSS = `* { box-sizing: content-box; font: 30px serif; line-height: 3; }
button, input { all: unset; }
table { display: block; }
svg { display: none; }
[hidden] { display: block !important; }
div { padding: 20px; color: red; }`;

const HOSTILE = page(`<h1>A page with aggressive global CSS</h1>
<script src="/hostile.js"></script>
<script type="module" src="/embed.js"></script>
<node-vs-python></node-vs-python>`, `<link rel="stylesheet" href="/hostile.css">`);

// Prototype changes like old libraries make: an enumerable helper on Element and a wrapped
// addEventListener.
const HOSTILE_JS = `Element.prototype.hasClass = function (c) { return this.classList.contains(c); };
const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (...args) { window.__listeners = (window.__listeners || 0) + 1; return add.apply(this, args); };
Array.prototype.last = function () { return this[this.length - 1]; };`;

const CSP_PAGE = page(`<h1>Strict CSP</h1>
<script src="/csp-listener.js"></script>
<script type="module" src="/embed.js"></script>
<node-vs-python></node-vs-python>
<node-vs-python views="simulate" compact></node-vs-python>`);
const CSP_LISTENER = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));`;

// The script arrives long after the elements, and more elements come later.
const LATE = page(`<node-vs-python id="early"></node-vs-python><div id="later"></div>
<script src="/late.js"></script>`);
const LATE_JS = `setTimeout(() => { const s = document.createElement("script"); s.src = "/embed.js"; document.head.append(s); }, 300);`;

// The JavaScript API with good and bad options.
const API = page(`<div id="a" data-nvp-host></div><div id="b" data-nvp-host></div>
<script src="/embed.js"></script><script src="/api.js"></script>`);
const API_JS = `const { mount } = window.NodeVsPython;
window.__handles = {
  a: mount(document.getElementById("a"), { views: ["simulate", "compare"], theme: "dark", accent: "#e4572e", lazy: false }),
  b: mount(document.getElementById("b"), { views: "compare,bogus", compact: 5, accent: "red;}body{display:none", colour: "x", lazy: false }),
};`;

const extraFiles = {
  "/hostile.css": HOSTILE_CSS,
  "/hostile.js": HOSTILE_JS,
  "/csp-listener.js": CSP_LISTENER,
  "/late.js": LATE_JS,
  "/api.js": API_JS,
};

// A long article: one widget at the top, one far below the fold.
const FAR = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long post</title>
<script src="/embed.js" defer></script></head><body><h1>Long post</h1>
<node-vs-python></node-vs-python><div style="height: 3000px"></div>
<node-vs-python views="simulate" compact preset="chat"></node-vs-python></body></html>`;

let server;
let cspServer;
let browser;
before(async () => {
  const pages = { "/snippet.html": SNIPPET, "/hostile.html": HOSTILE, "/late.html": LATE, "/api.html": API, "/far.html": FAR, ...extraFiles };
  server = await serve({ pages });
  cspServer = await serve({ pages: { "/csp.html": CSP_PAGE, ...extraFiles }, headers: { "content-security-policy": STRICT_CSP } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await cspServer?.close();
});

test("a page made only of the README snippet shows a working widget", async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}/snippet.html`);
  await widgetsReady(page, 1);
  const widget = page.locator("node-vs-python");
  await widget.locator('[role="tab"]', { hasText: "Simulate" }).click();
  assert.equal(await widget.locator('[role="tab"][aria-selected="true"]').innerText(), "Simulate");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the widget starts only when scrolled into view, with its height reserved", async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}/far.html`, { viewport: { width: 1280, height: 800 } });
  await page.locator("node-vs-python").first().waitFor({ state: "attached" });
  await page.waitForFunction(() => document.querySelector("node-vs-python").shadowRoot?.querySelector(".nvp-root"));
  const second = page.locator("node-vs-python").nth(1);
  assert.equal(await second.evaluate((el) => !!el.shadowRoot?.querySelector(".nvp-root")), false, "off-screen widget waits");
  const reserved = await second.evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(reserved >= 400, `height reserved before start (${reserved}px)`);
  await second.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll("node-vs-python")[1].shadowRoot?.querySelector(".nvp-root"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a late script upgrades existing elements; added elements start; removed ones are freed", async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}/late.html`);
  await widgetsReady(page, 1);
  await page.evaluate(() => {
    const el = document.createElement("node-vs-python");
    el.setAttribute("views", "usecases");
    el.setAttribute("lazy", "false");
    document.getElementById("later").append(el);
  });
  await page.waitForFunction(() => document.querySelectorAll("node-vs-python")[1]?.shadowRoot?.querySelector(".nvp-root"));
  assert.equal(await countRoots(page), 2);
  await page.evaluate(() => document.getElementById("early").remove());
  await page.waitForTimeout(100);
  assert.equal(await countRoots(page), 1);
  // The freed instance's namespace is released and reused by the next widget.
  const ns = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement("node-vs-python");
    el.setAttribute("lazy", "false");
    el.addEventListener("nvp-ready", (e) => resolve(e.detail.namespace));
    document.body.append(el);
  }));
  assert.equal(ns, "nvp");
  assert.deepEqual(errors, []);
  await context.close();
});

test("mount() takes an options object; bad options warn once each and fall back", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const warnings = [];
  const errors = [];
  page.on("console", (m) => (m.type() === "warning" ? warnings : m.type() === "error" ? errors : []).push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/api.html`);
  await widgetsReady(page, 2);
  const a = page.locator("#a");
  assert.deepEqual(await a.locator('[role="tab"]').allInnerTexts(), ["Simulate", "Compare"]);
  assert.equal(await a.locator(".nvp-root").getAttribute("data-theme"), "dark");
  assert.equal(await a.locator(".nvp-root").evaluate((el) => getComputedStyle(el).getPropertyValue("--nvp-accent").trim()), "#e4572e");
  const b = page.locator("#b");
  assert.deepEqual(await b.locator('[role="tab"]').allInnerTexts(), ["Answer", "Compare", "Use cases", "Simulate"], "bad views fall back");
  const ours = warnings.filter((w) => w.startsWith("node-vs-python"));
  for (const option of ["views", "compact", "accent", "colour"]) {
    assert.equal(ours.filter((w) => w.includes(`"${option}"`)).length, 1, `${option}: ${ours.join(" | ")}`);
  }
  assert.equal(ours.length, 4, ours.join(" | "));
  assert.ok(await page.locator("body").isVisible(), "the accent value smuggled no CSS");
  // Two instances are independent: their own namespaces, and unmount frees only one.
  const namespaces = await page.evaluate(async () => {
    const { a, b } = window.__handles;
    await Promise.all([a.ready, b.ready]);
    return [document.getElementById("a").shadowRoot.querySelector("[role=tab]").id, document.getElementById("b").shadowRoot.querySelector("[role=tab]").id];
  });
  assert.notEqual(namespaces[0].split("-")[0], namespaces[1].split("-")[0]);
  await page.evaluate(() => window.__handles.a.unmount());
  assert.equal(await countRoots(page), 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a hostile host stylesheet and prototype changes cannot break the widget", async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}/hostile.html`);
  await widgetsReady(page, 1);
  const widget = page.locator("node-vs-python");
  const tab = widget.locator('[role="tab"]', { hasText: "Use cases" });
  // Widget text keeps its own font size and the tab buttons still look and act like buttons.
  const font = await tab.evaluate((el) => getComputedStyle(el).fontSize);
  assert.notEqual(font, "30px");
  assert.ok((await tab.boundingBox()).height < 80);
  await tab.click();
  assert.equal(await widget.locator('[role="tab"][aria-selected="true"]').innerText(), "Use cases");
  // Hidden panels stay hidden despite [hidden] { display: block !important }.
  assert.equal(await widget.locator('[role="tabpanel"]:visible').count(), 1);
  // The widget's CSS does not leak out: the host's h1 keeps the host font.
  assert.equal(await page.locator("h1").evaluate((el) => getComputedStyle(el).fontFamily), "serif");
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, "embed-hostile-host");
  assert.deepEqual(errors, []);
  await context.close();
});

test("under a strict CSP the widget works with zero violations", async () => {
  const { context, page, errors } = await openPage(browser, `${cspServer.url}/csp.html`);
  await widgetsReady(page, 2);
  const widget = page.locator("node-vs-python").first();
  for (const name of ["Use cases", "Simulate", "Compare"]) {
    await widget.locator('[role="tab"]', { hasText: name }).click();
    await page.waitForTimeout(150);
  }
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

// The crash card (the panic hook replacing each widget with a friendly card) is tested in the
// browser by tests/wasm_shell.rs, which can call it directly; a release build has no way to
// make the widget panic on purpose.

test("two instances on one page keep their own state, hash keys and focus", async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}/`);
  await widgetsReady(page, 2);
  const first = page.locator("node-vs-python").first();
  const second = page.locator("node-vs-python").nth(1);
  const secondKeys = (h) => h.replace(/^#/, "").split("&").filter((p) => p.startsWith("nvp2.")).join("&");
  const before = secondKeys(await page.evaluate(() => location.hash));
  await first.locator('[role="tab"]', { hasText: "Use cases" }).click();
  // The second (simulate-only) widget is untouched, and only the first one's key was written.
  assert.equal(await second.locator('[role="tab"]').count(), 0);
  assert.ok(await second.locator(".nvp-sim-verdict").isVisible());
  let hash = await page.evaluate(() => location.hash);
  assert.match(hash, /(^#|&)nvp\.tab=usecases/);
  assert.equal(secondKeys(hash), before, "the first widget leaves the second's keys alone");
  // The second is compact: a part of the host's page, so changing its simulator writes nothing
  // to the host's URL (unless the host asks with hash="on"), and the first's keys stay.
  const verdictBefore = await second.locator(".nvp-sim-verdict").innerText();
  await second.locator(".nvp-sim-expand").click();
  const rate = second.getByLabel(/Arrival rate/);
  await rate.fill("12");
  await rate.press("Enter");
  await page.waitForFunction(
    (old) => document.querySelectorAll("node-vs-python")[1].shadowRoot.querySelector(".nvp-sim-verdict")?.innerText !== old,
    verdictBefore, { timeout: 15000 });
  hash = await page.evaluate(() => location.hash);
  assert.equal(secondKeys(hash), "", "a compact widget leaves the host's URL alone");
  assert.match(hash, /(^#|&)nvp\.tab=usecases/);
  // Keyboard focus stays in the widget where the keys were pressed.
  await first.locator('[role="tab"][aria-selected="true"]').focus();
  await page.keyboard.press("ArrowRight");
  const focusedIn = await page.evaluate(() => document.activeElement.getAttribute("views") ?? "first");
  assert.equal(focusedIn, "first");
  assert.equal(await first.locator('[role="tab"][aria-selected="true"]').innerText(), "Simulate");
  assert.equal(await rate.inputValue(), "12");
  assert.deepEqual(errors, []);
  await context.close();
});
