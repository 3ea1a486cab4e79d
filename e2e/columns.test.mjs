// The widget in real content columns: the space reserved before it starts matches its real
// height (so the host page does not jump), a height seen once is remembered for the next page
// view, and the <div data-node-vs-python> form that HTML sanitisers keep works like the element.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage } from "./harness.mjs";

/** How far the reserved height may be from the real one before the page visibly jumps. */
const TOLERANCE = 0.2;

const column = (width, widget) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A blog post</title>
<link rel="stylesheet" href="/column-${width}.css"><script src="/embed.js" defer></script></head>
<body><main><h1>A blog post</h1><p>Some text before the widget.</p><div class="spacer"></div>
${widget}<p id="after">Text after the widget.</p></main></body></html>`;
const columnCss = (width) => `body { margin: 0; font: 18px/1.6 Georgia, serif; }
main { max-width: ${width}px; margin: 0 auto; padding: 0 16px; box-sizing: content-box; }
.spacer { height: 1500px; }`;

// Like a theme: the loader in the head, and the post body as a sanitiser left an Author's snippet.
const SANITISED = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title>
<script src="/record-namespaces.js"></script><script src="/embed.js" defer></script></head>
<body><main id="post">
<div data-node-vs-python data-views="simulate" data-compact="true" data-preset="chat" data-lazy="false"></div>
<div class="node-vs-python" data-lazy="false"></div>
</main></body></html>`;

const CASES = [
  { name: "650 px column in a 1280 px window", width: 650, window: 1280, widget: "<node-vs-python></node-vs-python>" },
  { name: "800 px column, Use cases", width: 800, window: 1280, widget: '<node-vs-python views="usecases"></node-vs-python>' },
  { name: "phone, 375 px window", width: 343, window: 375, widget: '<node-vs-python views="simulate" compact></node-vs-python>' },
];

// Records each widget's hash namespace as it starts (nvp-ready does not bubble: capture it).
const RECORD = `window.__namespaces = new Map();
document.addEventListener("nvp-ready", (e) => window.__namespaces.set(e.target, e.detail.namespace), true);`;

const pages = { "/sanitised.html": SANITISED, "/record-namespaces.js": RECORD };
/** Column widths a theme may give the widget (WordPress's default content column is 650 px). */
const WIDTHS = [320, 400, 650, 800, 1200];
for (const w of WIDTHS) {
  pages[`/fit-${w}.html`] = column(w, '<node-vs-python lazy="false"></node-vs-python>').replace(`/column-${w}.css`, `/fit-${w}.css`).replace('<div class="spacer"></div>', "");
  pages[`/fit-${w}.css`] = columnCss(w);
}
for (const c of CASES) {
  pages[`/column-${c.width}.html`] = column(c.width, c.widget);
  pages[`/column-${c.width}.css`] = columnCss(c.width);
}
const env = withBrowser({ pages });

const host = "node-vs-python";
const height = (page) => page.locator(host).evaluate((el) => Math.round(el.getBoundingClientRect().height));

/** Scrolls the widget into view and returns its settled height. */
async function startAndMeasure(page) {
  await page.locator(host).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector("node-vs-python").shadowRoot?.querySelector(".nvp-root"), null, { timeout: 20000 });
  // A depth view comes from its own module, and the simulator's result after its run: the real
  // height is the one the visitor sees once they are there.
  await page.waitForFunction(() => {
    const root = document.querySelector("node-vs-python").shadowRoot;
    return !root.querySelector(".nvp-loading") && (!root.querySelector(".nvp-sim") || root.querySelector(".nvp-sim-timeline"));
  }, null, { timeout: 30000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
  return height(page);
}

for (const c of CASES) {
  test(`${c.name}: the reserved height matches the real one, and is remembered`, async () => {
    const { context, page, errors } = await openPage(env.browser, `${env.server.url}/column-${c.width}.html`, {
      viewport: { width: c.window, height: 800 },
    });
    await page.locator(host).waitFor({ state: "attached" });
    await page.waitForFunction(() => document.querySelector("node-vs-python").style.minHeight !== "");
    const started = await page.locator(host).evaluate((el) => !!el.shadowRoot);
    assert.equal(started, false, "below the fold, the widget waits");
    const reserved = await height(page);
    const real = await startAndMeasure(page);
    const off = Math.abs(real - reserved) / real;
    assert.ok(off <= TOLERANCE, `reserved ${reserved}px, real ${real}px (${Math.round(off * 100)} % off): `
      + "run node scripts/measure-reserve.mjs --write and rebuild");
    // The next page view in this tab reserves exactly what it saw (a new navigation, at the top:
    // a reload would restore the scroll position and start the widget at once).
    await page.goto(`${env.server.url}/column-${c.width}.html`);
    await page.waitForFunction(() => document.querySelector("node-vs-python")?.style.minHeight);
    const again = await height(page);
    assert.ok(Math.abs(again - real) <= 2, `remembered ${again}px, real ${real}px`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the sanitiser-safe <div data-node-vs-python> form starts, with its data-* options", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const messages = [];
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && messages.push(m.text()));
  page.on("pageerror", (e) => messages.push(e.message));
  await page.goto(`${env.server.url}/sanitised.html`);
  const rendered = () => page.evaluate(() => [...document.querySelectorAll("#post > div")]
    .filter((el) => el.shadowRoot?.querySelector(".nvp-root")).length);
  await page.waitForFunction(() => [...document.querySelectorAll("#post > div")]
    .every((el) => el.shadowRoot?.querySelector(".nvp-root")), null, { timeout: 20000 });
  const [simulate, plain] = [page.locator("#post > div").nth(0), page.locator("#post > div").nth(1)];
  assert.equal(await simulate.locator('[role="tab"]').count(), 0, "data-views=simulate: one view, no tabs");
  await simulate.locator(".nvp-sim-verdict").waitFor({ timeout: 20000 });
  assert.equal(await simulate.locator(".nvp-root--compact").count(), 1, "data-compact applies");
  assert.deepEqual(await plain.locator('[role="tab"]').allInnerTexts(), ["Answer", "Compare", "Use cases", "Simulate"]);
  // Added later (an editor preview, a single-page app), and removed again.
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.dataset.nodeVsPython = "";
    div.dataset.views = "usecases";
    div.dataset.lazy = "false";
    document.getElementById("post").append(div);
  });
  await page.waitForFunction(() => document.querySelectorAll("#post > div")[2]?.shadowRoot?.querySelector(".nvp-root"));
  assert.equal(await rendered(), 3);
  const [freed, taken] = await page.evaluate(() => new Promise((resolve) => {
    const first = document.querySelector("#post > div");
    const freed = window.__namespaces.get(first);
    first.remove();
    // The removed widget's namespace is free again for the next one.
    const div = document.createElement("div");
    div.className = "node-vs-python";
    div.dataset.lazy = "false";
    div.addEventListener("nvp-ready", (e) => resolve([freed, e.detail.namespace]));
    setTimeout(() => document.getElementById("post").append(div), 50);
  }));
  assert.match(freed, /^nvp\d*$/);
  assert.equal(taken, freed);
  assert.equal(await rendered(), 3);
  assert.deepEqual(messages, [], "no warnings: the marker attributes are not taken for options");
  await context.close();
});

/** Elements of the widget that stick out of its own box, other than inside something that
 * scrolls or clips (a code listing, a wide table), and other than visually hidden text. */
const sticking = (page) => page.locator(host).evaluate((hostEl) => {
  const box = hostEl.getBoundingClientRect();
  const out = [];
  const contained = (el) => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (/(auto|scroll|hidden|clip)/.test(cs.overflowX)) return true;
    }
    return false;
  };
  for (const el of hostEl.shadowRoot.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden" || cs.position === "fixed") continue;
    // Skip links wait off screen until they get focus.
    if (r.right < 0) continue;
    if (r.right > box.right + 1 || r.left < box.left - 1) {
      if (contained(el)) continue;
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)}`);
    }
  }
  return out.slice(0, 5);
});

for (const [w, window] of [...WIDTHS.map((w) => [w, 1280]), [320, 375]]) {
  test(`a ${w} px column in a ${window} px window: every view fits inside the widget`, async () => {
    const { context, page, errors } = await openPage(env.browser, `${env.server.url}/fit-${w}.html`, {
      viewport: { width: window, height: 800 },
    });
    await page.waitForFunction(() => document.querySelector("node-vs-python").shadowRoot?.querySelector("[role=tab]"), null, { timeout: 20000 });
    const widget = page.locator(host);
    for (const name of ["Answer", "Compare", "Use cases", "Simulate"]) {
      await widget.locator('[role="tab"]', { hasText: name }).click();
      await page.waitForFunction(() => {
        const root = document.querySelector("node-vs-python").shadowRoot;
        return !root.querySelector(".nvp-loading") && (!root.querySelector(".nvp-sim") || root.querySelector(".nvp-sim-timeline"));
      }, null, { timeout: 30000 });
      const tabs = await widget.locator('[role="tab"]').evaluateAll((els) => els.map((e) => {
        const r = e.getBoundingClientRect(), list = e.closest("[role=tablist]").getBoundingClientRect();
        return r.right <= list.right + 1 && r.left >= list.left - 1;
      }));
      assert.ok(tabs.every(Boolean), `${name}: every tab is inside the tab list`);
      assert.deepEqual(await sticking(page), [], `${name} at ${w} px`);
    }
    // The check itself sees an element that is too wide.
    await widget.evaluate((el) => {
      const wide = document.createElement("p");
      wide.style.width = "2000px";
      wide.textContent = "too wide";
      el.shadowRoot.querySelector("[role=tabpanel]:not([hidden])").append(wide);
    });
    assert.equal((await sticking(page)).length, 1, "a 2,000 px paragraph is found");
    assert.deepEqual(errors, []);
    await context.close();
  });
}
