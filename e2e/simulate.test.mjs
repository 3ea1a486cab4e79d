// The Simulate tab in Chromium: presets, the promised behaviours, the timeline by keyboard,
// reduced motion, the CSV, the link round-trip, axe and screenshots.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { withBrowser, openPage, widgetsReady, seriousViolations, screenshot } from "./harness.mjs";

const env = withBrowser();

const START = "#nvp.tab=simulate";

/** Opens the page on the Simulate tab and returns the first widget. */
async function open(hash = START, options = {}) {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/${hash}`, { reducedMotion: "reduce", ...options });
  await widgetsReady(page, 2);
  const w = page.locator("node-vs-python").first();
  await w.locator(".nvp-sim-metrics").waitFor();
  return { context, page, errors, w };
}

/** Waits until the shown results are for the current settings. */
async function settled(w) {
  // Yew renders in a microtask after the event, so the pending mark is up by now if a run is due;
  // the widget lives in a shadow root, which locators pierce and document.querySelector does not.
  await w.page().waitForTimeout(20);
  await w.locator(".nvp-sim--stale").waitFor({ state: "detached", timeout: 10000 });
}

/** "238 ms" / "2.43 s" / "1 min 05 s" → milliseconds. */
function toMs(text) {
  const t = text.replace(/[*✓]|\(better\)/g, "").trim();
  let m = t.match(/^([\d.,]+) ms$/);
  if (m) return parseFloat(m[1].replace(/,/g, ""));
  m = t.match(/^([\d.]+) s$/);
  if (m) return parseFloat(m[1]) * 1000;
  m = t.match(/^(\d+) min (\d+) s$/);
  if (m) return (parseInt(m[1]) * 60 + parseInt(m[2])) * 1000;
  throw new Error(`not a duration: ${text}`);
}
const count = (text) => parseInt(text.replace(/\(.*\)|[^\d(]/g, "") || "0", 10);
const cell = (w, metric, side) => w.locator(`#nvp-s-m-${metric}-${side}`).innerText();

async function setNumber(w, key, value) {
  const input = w.locator(`#nvp-s-${key}`);
  await input.fill(String(value));
  await input.press("Tab");
  await settled(w);
}

test("every preset runs and reports both sides", async () => {
  const { context, errors, w } = await open();
  const values = await w.locator("#nvp-s-preset option").evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== "custom"));
  assert.ok(values.length >= 18, `presets: ${values.length}`);
  for (const v of values) {
    await w.locator("#nvp-s-preset").selectOption(v);
    await settled(w);
    assert.equal(await w.locator("#nvp-s-preset").inputValue(), v);
    const status = await w.locator(".nvp-sim-status").innerText();
    assert.match(status, /^Simulated [\d,]+ requests? through both servers/, v);
    for (const side of ["node", "python"]) {
      assert.notEqual((await cell(w, "throughput", side)).trim(), "", `${v} ${side}`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("more CPU per request raises Node.js's p99", async () => {
  const { context, errors, w } = await open();
  const before = toMs(await cell(w, "p99", "node"));
  await setNumber(w, "cpu", 4);
  const after = toMs(await cell(w, "p99", "node"));
  assert.ok(after > before, `p99 ${before} → ${after}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("chat: the threaded side runs out while the event loop copes", async () => {
  const { context, errors, w } = await open();
  await w.locator("#nvp-s-preset").selectOption("chat");
  await settled(w);
  assert.equal(count(await cell(w, "dropped", "node")), 0);
  assert.ok(count(await cell(w, "dropped", "python")) > 1000, await cell(w, "dropped", "python"));
  assert.match(await cell(w, "busy", "python"), /^100% of 8 threads/);
  assert.match(await w.locator(".nvp-sim-story").innerText(), /threads are all waiting on I\/O/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the timeline has lanes, a legend, and plays, pauses and steps by keyboard", async () => {
  const { context, page, errors, w } = await open();
  const labels = await w.locator(".nvp-sim-lane-labels li").allInnerTexts();
  for (const want of ["Event loop", "Thread 1", "GIL holder"]) {
    assert.ok(labels.some((l) => l.startsWith(want)), `${want} in ${labels}`);
  }
  assert.ok((await w.locator(".nvp-sim-lanes-svg rect.nvp-sim-s-cpu").count()) > 0);
  assert.deepEqual(await w.locator(".nvp-sim-legend li").allInnerTexts(), [
    "Running on a CPU core", "Waiting for the GIL", "Waiting for I/O", "Queued",
  ]);
  const now = () => w.locator(".nvp-sim-now-text").innerText();
  const play = w.locator("#nvp-s-tl-play");
  assert.equal(await now(), "2.000 s", "a static timeline shows the whole window");
  await w.locator("#nvp-s-tl-scrub").focus();
  await page.keyboard.press("Home");
  assert.equal(await now(), "1.000 s", "the scrubber works by keyboard");
  await w.locator("#nvp-s-tl-step").focus();
  await page.keyboard.press("Enter");
  const step1 = await now();
  assert.ok(parseFloat(step1) > 1.0, "step moves to the next change");
  await page.keyboard.press("Space");
  assert.ok(parseFloat(await now()) > parseFloat(step1));
  await w.locator("#nvp-s-tl-back").focus();
  await page.keyboard.press("Enter");
  assert.equal(await now(), step1, "step back returns to the previous change");
  const back1 = step1;
  await play.focus();
  await page.keyboard.press("Enter");
  assert.match(await play.innerText(), /Pause/);
  await page.waitForTimeout(600);
  assert.ok(parseFloat(await now()) > parseFloat(back1), "playing moves the cursor");
  await page.keyboard.press("Space");
  assert.match(await play.innerText(), /Play/);
  const paused = await now();
  await page.waitForTimeout(300);
  assert.equal(await now(), paused, "paused stays put");
  assert.deepEqual(errors, []);
  await context.close();
});

test("reduced motion starts static; otherwise the timeline plays on its own", async () => {
  let { context, page, w } = await open(START, { reducedMotion: "reduce" });
  await page.waitForTimeout(700);
  assert.match(await w.locator("#nvp-s-tl-play").innerText(), /Play/);
  assert.equal(await w.locator(".nvp-sim-now-text").innerText(), "2.000 s", "static: the whole window, no motion");
  await context.close();
  ({ context, page, w } = await open(START, { reducedMotion: "no-preference" }));
  await page.waitForTimeout(700);
  const t = parseFloat(await w.locator(".nvp-sim-now-text").innerText());
  assert.ok(t > 1.0 && t < 2.0, `autoplay advanced the cursor from the start: ${t}`);
  assert.match(await w.locator("#nvp-s-tl-play").innerText(), /Pause/);
  await context.close();
});

test("the CSV download holds the numbers on screen", async () => {
  const { context, page, errors, w } = await open(START, { acceptDownloads: true });
  const [download] = await Promise.all([page.waitForEvent("download"), w.locator("#nvp-s-csv").click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\n");
  assert.match(lines[0], /^metric,unit,node_js,python/);
  for (const metric of ["throughput", "p50", "p95", "p99", "dropped"]) {
    for (const side of ["node", "python"]) {
      const shown = (await cell(w, metric, side)).replace(/[*✓]|\(better\)/g, "").trim();
      assert.ok(csv.includes(shown), `${metric}/${side} “${shown}” in CSV`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("the SVG download holds both charts, not empty frames", async () => {
  const { context, page, errors, w } = await open(START, { acceptDownloads: true });
  const [download] = await Promise.all([page.waitForEvent("download"), w.locator("#nvp-s-svgdl").click()]);
  assert.match(download.suggestedFilename(), /\.svg$/);
  const svg = await readFile(await download.path(), "utf8");
  // The charts are in the widget's shadow root; a lookup from the document finds nothing and
  // leaves two empty groups behind.
  assert.doesNotMatch(svg, /<g><\/g>/, "the latency chart is missing");
  assert.doesNotMatch(svg, /<g transform="translate\(375 0\)"><\/g>/, "the queue chart is missing");
  for (const label of ["latency (log scale)", "requests finished", "simulated time (s)", "requests waiting"]) {
    assert.ok(svg.includes(label), `axis label “${label}” in the SVG`);
  }
  const lines = [...svg.matchAll(/<path [^>]*>/g)]
    .filter((m) => /\bd="M[\d.]+[ ,][\d.]+L/.test(m[0]))
    .map((m) => m[0].match(/nvp-sim-line--(node|python)/)?.[1])
    .filter(Boolean);
  assert.deepEqual(lines.sort(), ["node", "node", "python", "python"], "each chart draws both servers' lines");
  assert.ok((svg.match(/<circle /g) ?? []).length >= 3, "the percentile markers are in the SVG");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the hidden chart tables leave no blank area below the page", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
    const { context, page, w } = await open(START, { viewport });
    // The queue table has a row per time slice; a table ignores the 1px box that hides it
    // unless a wrapper clips it.
    assert.ok((await w.locator(".nvp-sim-chart table tbody tr").count()) > 20);
    const { scrollHeight, bodyBottom } = await page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      bodyBottom: document.body.getBoundingClientRect().bottom + window.scrollY,
    }));
    assert.ok(scrollHeight - bodyBottom <= 50, `${viewport.width}px: ${scrollHeight - bodyBottom}px of blank page below the body`);
    for (const box of await w.locator(".nvp-sim-chart .nvp-visually-hidden").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
      assert.ok(box <= 1, `hidden table wrapper is ${box}px tall`);
    }
    await context.close();
  }
});

test("the URL reproduces the identical run", async () => {
  const { context, page, errors, w } = await open();
  await setNumber(w, "rate", 260);
  await w.locator("#nvp-s-pm").selectOption("nogil");
  await settled(w);
  await w.getByRole("button", { name: "New traffic" }).click();
  await settled(w);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /nvp\.s\.rate=260/);
  assert.match(hash, /nvp\.s\.pm=nogil/);
  const table = await w.locator(".nvp-sim-metrics").innerText();
  const story = await w.locator(".nvp-sim-story").innerText();
  const again = await open(hash);
  assert.equal(await again.w.locator(".nvp-sim-metrics").innerText(), table);
  assert.equal(await again.w.locator(".nvp-sim-story").innerText(), story);
  assert.equal(await again.w.locator("#nvp-s-pm").inputValue(), "nogil");
  assert.deepEqual([...errors, ...again.errors], []);
  await again.context.close();
  await context.close();
});

test("a bad value is explained next to its input and clamped", async () => {
  const { context, w } = await open();
  await setNumber(w, "cores", 500);
  assert.equal(await w.locator("#nvp-s-cores").inputValue(), "64");
  assert.match(await w.locator("#nvp-s-cores-err").innerText(), /runs from 1 to 64/);
  assert.equal(await w.locator("#nvp-s-cores").getAttribute("aria-invalid"), "true");
  await context.close();
});

test("axe finds no serious or critical violations on the Simulate tab, light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await open(START, { colorScheme });
    assert.deepEqual(await seriousViolations(page), [], colorScheme);
    await context.close();
  }
});

test("screenshots at 1280 and 375 px", async () => {
  for (const [name, viewport] of [["simulate-desktop-1280", { width: 1280, height: 800 }], ["simulate-mobile-375", { width: 375, height: 740 }]]) {
    const { context, page, errors } = await open(START, { viewport });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
    await screenshot(page, name);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

/** Elements under `locator` whose text is cut off (wider or taller than their box). */
const clipped = (locator) => locator.evaluateAll((els) => els
  .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
  .map((e) => e.textContent.trim()));

test("at 375 px, light and dark: nothing cut off, ticks apart, axe clean", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page, errors, w } = await open(START, { viewport: { width: 375, height: 740 }, colorScheme });
    for (const preset of ["default", "chat", "2 processes each"]) {
      if (preset === "chat") {
        await w.locator("#nvp-s-preset").selectOption(preset);
        await settled(w);
      } else if (preset !== "default") {
        // Worker names ("· P2") make the longest lane labels.
        await setNumber(w, "np", 2);
        await setNumber(w, "pp", 2);
      }
      const where = `${colorScheme}/${preset}`;
      // The metrics fit their column: no sideways scrolling, no figure cut ("59% of 8 thre…").
      const wrap = w.locator(".nvp-sim-table-wrap");
      const [sw, cw] = await wrap.evaluate((e) => [e.scrollWidth, e.clientWidth]);
      assert.ok(sw <= cw, `${where}: metrics table is ${sw}px in a ${cw}px column`);
      assert.deepEqual(await clipped(w.locator(".nvp-sim-metrics td, .nvp-sim-metrics th")), [], `${where}: cut metric cells`);
      const busy = (await cell(w, "busy", "python")).trim();
      assert.match(busy, /^\d+% of \d+ [a-z]+/, `${where}: busy cell reads in full`);
      // Lane labels keep their whole name and their "(up to N)" scale.
      assert.deepEqual(await clipped(w.locator(".nvp-sim-lane-name, .nvp-sim-lane-scale")), [], `${where}: cut lane labels`);
      const scales = await w.locator(".nvp-sim-lane-scale").evaluateAll((els) => els.map((e) => {
        const [r, li] = [e.getBoundingClientRect(), e.closest("li").getBoundingClientRect()];
        return { text: e.textContent, inside: r.width > 0 && r.right <= li.right + 1 && r.bottom <= li.bottom + 1 };
      }));
      assert.ok(scales.length > 0, `${where}: a queue lane shows its scale`);
      for (const s of scales) assert.ok(/^(· P\d+ )?\(up to \d+\)$/.test(s.text) && s.inside, `${where}: scale ${JSON.stringify(s)}`);
      // The drawing lines up with the (taller, two-line) labels.
      for (const lanes of await w.locator(".nvp-sim-lanes").all()) {
        const [ul, svg] = await lanes.evaluate((e) => [".nvp-sim-lane-labels", ".nvp-sim-lanes-svg"]
          .map((q) => e.querySelector(q).getBoundingClientRect().height));
        assert.ok(Math.abs(ul - svg) <= 1, `${where}: labels ${ul}px, lanes ${svg}px`);
      }
      // Time ticks do not run into each other ("1.00 s1.25 s").
      const ticks = await w.locator(".nvp-sim-ticks > span > span").evaluateAll((els) => els
        .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => [r.left, r.right]));
      assert.ok(ticks.length >= 2, `${where}: ${ticks.length} ticks`);
      for (let i = 1; i < ticks.length; i++) {
        assert.ok(ticks[i][0] - ticks[i - 1][1] >= 8, `${where}: ticks ${i - 1} and ${i} overlap: ${JSON.stringify(ticks)}`);
      }
      assert.deepEqual(await seriousViolations(page), [], where);
    }
    await screenshot(page, `simulate-mobile-375-${colorScheme}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
