// Hosting the widget's files the ways real sites do: on a CDN on another origin (with and
// without CORS), pinned by one SRI hash, with a changed file on the CDN, and behind script
// optimisers that rename or combine embed.js. Two loopback ports make two origins.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serve, launch, openPage, DIST } from "./harness.mjs";

/** The strictest policy the guide promises (as in embed.test.mjs; importing a test file would run its tests). */
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const manifest = JSON.parse(readFileSync(join(DIST, "embed-manifest.json"), "utf8"));
const GLUE = manifest.files.find((f) => f.endsWith(".js") && f !== "embed.js");
const WASM = manifest.files.find((f) => f.endsWith(".wasm"));
/** The first view's stylesheet: checked before the widget starts. */
const CSS = manifest.files.find((f) => f.startsWith("widget-"));
const LOADER = readFileSync(join(DIST, "embed.js"), "utf8");
const LOADER_SRI = readFileSync(join(DIST, "embed.js.sri"), "utf8").trim();

const page = (body, head = "") => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Host page</title>${head}</head><body><h1>A post</h1>${body}</body></html>`;

/** A wasm module with one extra custom section: still valid, so only a hash check refuses it. */
function tamperedWasm() {
  const original = readFileSync(join(DIST, WASM));
  const name = Buffer.from("tampered");
  const payload = Buffer.from("changed on the CDN");
  const body = Buffer.concat([Buffer.from([name.length]), name, payload]);
  return Buffer.concat([original, Buffer.from([0, body.length]), body]);
}

// Origin B, the "CDN": the build with CORS, and the same build without it.
let cdn;
let bareCdn;
let tamperedCdn;
// Origin A, the host pages.
let site;
let cspSite;
let browser;

before(async () => {
  const cors = { "access-control-allow-origin": "*" };
  cdn = await serve({ assetHeaders: cors });
  bareCdn = await serve();
  // Three copies of the build, each with one file changed on the way, as a compromised CDN would.
  const changed = {
    glue: [GLUE, `window.__tampered = true;\n${readFileSync(join(DIST, GLUE), "utf8")}`],
    wasm: [WASM, tamperedWasm()],
    css: [CSS, `${readFileSync(join(DIST, CSS), "utf8")}\n.nvp-root { display: none; }`],
  };
  const tampered = {};
  for (const [dir, [name, body]] of Object.entries(changed)) {
    for (const file of manifest.files) tampered[`/${dir}/${file}`] = readFileSync(join(DIST, file));
    tampered[`/${dir}/${name}`] = body;
  }
  tamperedCdn = await serve({ assetHeaders: cors, pages: tampered });
  const cdnPage = (origin, extra = "") => page(`<script src="${origin}/embed.js" defer${extra}></script>
<node-vs-python lazy="false"></node-vs-python>`);
  site = await serve({
    pages: {
      "/cors.html": cdnPage(cdn.url),
      "/sri.html": cdnPage(cdn.url, ` integrity="${LOADER_SRI}" crossorigin="anonymous"`),
      "/no-cors.html": cdnPage(bareCdn.url),
      "/tampered-glue.html": cdnPage(`${tamperedCdn.url}/glue`),
      "/tampered-wasm.html": cdnPage(`${tamperedCdn.url}/wasm`),
      "/tampered-css.html": cdnPage(`${tamperedCdn.url}/css`),
      // An optimiser's combined file: other code first, then embed.js, under another name.
      "/cache/combined-3f9a.js": `window.__otherPlugin = true;\n${LOADER}`,
      "/combined-meta.html": page(`<node-vs-python lazy="false"></node-vs-python>
<script src="/cache/combined-3f9a.js"></script>`, `<meta name="node-vs-python-base" content="/">`),
      "/combined-attr.html": page(`<node-vs-python lazy="false"></node-vs-python>
<script src="/cache/combined-3f9a.js" data-nvp-base="${cdn.url}/"></script>`),
      "/config.js": `window.NodeVsPythonConfig = { base: "${cdn.url}" };`,
      "/combined-config.html": page(`<node-vs-python lazy="false"></node-vs-python>
<script src="/config.js"></script><script src="/cache/combined-3f9a.js"></script>`),
      "/combined-lost.html": page(`<node-vs-python lazy="false"></node-vs-python>
<script src="/cache/combined-3f9a.js"></script>`),
    },
  });
  cspSite = await serve({
    headers: { "content-security-policy": STRICT_CSP },
    pages: {
      "/csp-listener.js": `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));`,
      "/csp-broken.html": page(`<script src="/csp-listener.js"></script>
<script src="/embed.js"></script><node-vs-python lazy="false"></node-vs-python>`, `<meta name="node-vs-python-base" content="/missing/">`),
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of [cdn, bareCdn, tamperedCdn, site, cspSite]) await s?.close();
});

/** Waits until the widget started or failed; returns which, with the failure card's text. */
async function outcome(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector("node-vs-python")?.shadowRoot;
    return root?.querySelector(".nvp-root, .nvp-load-error");
  }, null, { timeout: 20000 });
  return page.evaluate(() => {
    const host = document.querySelector("node-vs-python");
    const card = host.shadowRoot.querySelector(".nvp-load-error");
    return {
      started: !!host.shadowRoot.querySelector(".nvp-root"),
      card: card?.textContent ?? null,
      cardVisible: !!card && card.getBoundingClientRect().height > 0,
      height: Math.round(host.getBoundingClientRect().height),
    };
  });
}

/** Asserts the small failure card, and a console line containing `reason`. */
function assertFailed(result, errors, reason) {
  assert.equal(result.started, false);
  assert.equal(result.card, "Sorry, the Node.js vs Python comparison could not load here.");
  assert.ok(result.cardVisible, "the visitor sees the card");
  assert.ok(result.height < 150, `the reserved height is cleared (${result.height}px)`);
  const ours = errors.filter((e) => e.includes("node-vs-python could not start"));
  assert.equal(ours.length, 1, errors.join("\n"));
  assert.ok(ours[0].includes(reason), ours[0]);
  assert.ok(!errors.some((e) => e.startsWith("pageerror")), errors.join("\n"));
}

test("a CDN on another origin with CORS: the widget starts and every file comes from the CDN", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/cors.html`);
  const result = await outcome(page);
  assert.equal(result.started, true);
  // Every view, so every file is needed; the simulator's result means its module ran.
  const widget = page.locator("node-vs-python");
  for (const name of ["Compare", "Use cases", "Simulate"]) {
    await widget.locator('[role="tab"]', { hasText: name }).click();
  }
  await widget.locator(".nvp-sim-timeline").waitFor({ timeout: 30000 });
  // Resources of the page and of the widget's shadow root, as the browser fetched them.
  const fetched = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  const fromCdn = fetched.filter((url) => url.startsWith(cdn.url)).map((url) => url.slice(cdn.url.length + 1));
  // A worker cannot start from another origin, so the simulator runs on the main thread there
  // and its worker script is never fetched (from anywhere).
  const workerScript = (f) => f.startsWith("nvp-sim-run-");
  for (const file of manifest.files.filter((f) => !workerScript(f))) {
    assert.ok(fromCdn.includes(file), `${file} from the CDN (${fromCdn.join(", ")})`);
  }
  assert.ok(!fetched.some((url) => workerScript(url.split("/").pop())), "no worker script across origins");
  assert.ok(!fetched.some((url) => url.startsWith(site.url) && /\.(wasm|css)$|nvp-|node-vs-python-/.test(url)), "nothing of the widget from the site itself");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a CDN without CORS: a small card for the visitor, the missing header named in the console", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/no-cors.html`);
  const result = await outcome(page);
  assertFailed(result, errors, "Access-Control-Allow-Origin");
  assert.deepEqual(await page.evaluate(() => typeof window.NodeVsPython.mount), "function");
  await context.close();
});

test("one integrity hash on embed.js (the contents of embed.js.sri) loads the build from a CDN", async () => {
  assert.match(LOADER_SRI, /^sha384-[A-Za-z0-9+/]+=*$/, "embed.js.sri is the whole attribute value");
  const { context, page, errors } = await openPage(browser, `${site.url}/sri.html`);
  assert.equal((await outcome(page)).started, true);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [kind, file, check] of [
  ["glue", () => GLUE, async (page) => assert.equal(await page.evaluate(() => window.__tampered), undefined, "the changed glue never ran")],
  ["wasm", () => WASM, async () => {}],
  ["stylesheet", () => CSS, async () => {}],
]) {
  test(`a changed ${kind} file on the CDN is refused`, async () => {
    const dir = kind === "stylesheet" ? "css" : kind;
    const { context, page, errors } = await openPage(browser, `${site.url}/tampered-${dir}.html`);
    const result = await outcome(page);
    assertFailed(result, errors, `does not match the hash`);
    assert.ok(errors.some((e) => e.includes(file())), `the console names ${file()}`);
    await check(page);
    await context.close();
  });
}

for (const [how, path] of [
  ["a <meta name=node-vs-python-base>", "combined-meta"],
  ["data-nvp-base on the script tag", "combined-attr"],
  ["window.NodeVsPythonConfig.base", "combined-config"],
]) {
  test(`combined or renamed embed.js finds its files through ${how}`, async () => {
    const { context, page, errors } = await openPage(browser, `${site.url}/${path}.html`);
    assert.equal((await outcome(page)).started, true);
    assert.equal(await page.evaluate(() => window.__otherPlugin), true);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("combined embed.js without a base: the console says how to set one", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/combined-lost.html`);
  assertFailed(await outcome(page), errors, "data-nvp-base");
  await context.close();
});

test("a failed start under the strict CSP shows its card without a CSP violation", async () => {
  const { context, page, errors } = await openPage(browser, `${cspSite.url}/csp-broken.html`);
  assertFailed(await outcome(page), errors, "HTTP 404");
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  // The card has a border from the loader's own constructed stylesheet.
  const border = await page.locator("node-vs-python .nvp-load-error").evaluate((el) => getComputedStyle(el).borderTopStyle);
  assert.equal(border, "solid");
  await context.close();
});
