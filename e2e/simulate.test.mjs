// The Simulate view in Chromium, result first: every preset under the fair-fight rules, verdicts
// only where the intervals separate, runs that prove nothing said so, one story per run (counts,
// table, charts and narration agree), the timeline by keyboard and in view, "Simulate this",
// the downloads, the link round-trip, bad input, axe and screenshots.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  withBrowser, openPage, widgetsReady, seriousViolations, screenshot, simulationSettled, simulationSnapshot,
} from "./harness.mjs";

const env = withBrowser();

const START = "#nvp.tab=simulate";
const SIDES = ["node", "python"];
const NAME = { node: "Node.js", python: "Python" };

/** Opens the demo page (two widgets) with `hash` and returns the first widget, settled. */
async function open(hash = START, options = {}) {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/${hash}`, { reducedMotion: "reduce", ...options });
  await widgetsReady(page, 2);
  const w = page.locator("node-vs-python").first();
  if (hash.includes("tab=simulate")) await simulationSettled(w);
  return { context, page, errors, w };
}

const settled = (w) => simulationSettled(w);
const cell = (w, metric, side) => w.locator(`#nvp-s-m-${metric}-${side}`).innerText();
/** A count from the outcome table; a row that is not shown counts 0. */
async function outcome(w, key, side) {
  const c = w.locator(`#nvp-s-o-${key}-${side}`);
  return (await c.count()) ? parseInt((await c.innerText()).replace(/,/g, ""), 10) : 0;
}

/** "231 ms" / "709" (a bare bound is in ms) / "2.30 s" / "1 min 05 s" / "timed out" → ms. */
function toMs(text) {
  const t = text.trim();
  if (t === "timed out") return Infinity;
  let m = t.match(/^([\d.,]+)(?: ms)?$/);
  if (m) return parseFloat(m[1].replace(/,/g, ""));
  m = t.match(/^([\d.]+) s$/);
  if (m) return parseFloat(m[1]) * 1000;
  m = t.match(/^(\d+) min (\d+) s$/);
  if (m) return (parseInt(m[1], 10) * 60 + parseInt(m[2], 10)) * 1000;
  throw new Error(`not a duration: ${text}`);
}
const clean = (text) => text.replace(/✓|\(better\)/g, "").trim();
/** A latency cell, "231 ms (224–239)", as { mean, lo, hi } in ms. */
function latency(text) {
  const m = clean(text).match(/^(.+?)(?: \((.+)–(.+)\))?$/);
  const mean = toMs(m[1]);
  return m[2] ? { mean, lo: toMs(m[2]), hi: toMs(m[3]) } : { mean, lo: mean, hi: mean };
}
const overlap = (a, b) => a.lo <= b.hi && b.lo <= a.hi;
/** "88%" / "0.4%" / "under 0.1%" → a fraction. */
const share = (text) => (/under/.test(text) ? 0.0005 : parseFloat(clean(text)) / 100);

async function setNumber(w, key, value) {
  const input = w.locator(`#nvp-s-${key}`);
  await input.fill(String(value));
  await input.press("Tab");
  await settled(w);
}
async function openAdvanced(w) {
  const details = w.locator(".nvp-sim-advanced");
  if (!(await details.evaluate((d) => d.open))) await details.locator("> summary").click();
}
async function choose(w, { preset, config }) {
  if (preset) {
    await w.locator("#nvp-s-preset").selectOption(preset);
    await settled(w);
  }
  if (config) {
    await w.locator(`#nvp-s-cfg-${config}`).check();
    await settled(w);
  }
}

/** Elements under `locator` whose text is cut off (wider or taller than their box). */
const clipped = (locator) => locator.evaluateAll((els) => els
  .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
  .map((e) => e.textContent.trim()));

/** The verdict card's text: the headline and the sentences under it. */
const verdictText = (w) => w.locator(".nvp-sim-verdict").innerText();

test("every preset runs under Tuned, reports both sides, and names a winner only where the intervals separate", async () => {
  const { context, errors, w } = await open();
  const values = await w.locator("#nvp-s-preset option").evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== "custom"));
  assert.ok(values.length >= 18, `presets: ${values.length}`);
  let winners = 0;
  let even = 0;
  for (const v of values) {
    await choose(w, { preset: v });
    assert.equal(await w.locator("#nvp-s-preset").inputValue(), v);
    assert.match(await w.locator("#nvp-s-status").textContent(), /^Simulated [\d,]+ requests per side/, v);
    assert.match(await w.locator("#nvp-s-config").innerText(), /^How each side runs: Tuned for \d+ cores, as each side's experts would run it\. Node\.js: .+ Python: /, v);
    for (const side of SIDES) assert.ok(latency(await cell(w, "p99", side)).mean > 0, `${v} ${side} p99`);
    const headline = await w.locator("#nvp-s-headline").innerText();
    assert.doesNotMatch(await w.locator(".nvp-sim-verdict").getAttribute("class"), /unstable/, `${v}: Tuned leaves a side unable to keep up: ${headline}`);
    const ahead = headline.match(/^(Node\.js|Python) comes out ahead: (p99|p50|it answered)/);
    if (ahead) {
      winners++;
      const side = ahead[1] === "Node.js" ? "node" : "python";
      const other = side === "node" ? "python" : "node";
      const metric = { p99: "p99", p50: "p50", "it answered": "failed" }[ahead[2]];
      assert.match(await cell(w, metric, side), /better/, `${v}: the winning row is marked`);
      if (metric !== "failed") {
        const [a, b] = [latency(await cell(w, metric, side)), latency(await cell(w, metric, other))];
        assert.ok(a.hi < b.lo, `${v}: ${side} named ahead on ${metric}, yet ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`);
        const ratio = headline.match(/\(([\d.]+)× lower\)/);
        assert.ok(ratio && parseFloat(ratio[1]) >= 1.1, `${v}: the margin is named and meaningful: ${headline}`);
      }
    } else {
      even++;
      const why = headline.match(/^No clear difference: p99 is .+ on Node\.js and .+ on Python, (and the intervals overlap|less than 1 ms apart, too little for anyone to notice|less than 1\.15× apart, too close to matter)\.$/);
      assert.ok(why, `${v}: ${headline}`);
      const [a, b] = [latency(await cell(w, "p99", "node")), latency(await cell(w, "p99", "python"))];
      if (why[1].includes("overlap")) {
        assert.ok(overlap(a, b), `${v}: the verdict says the p99 intervals overlap: ${JSON.stringify(a)} ${JSON.stringify(b)}`);
      } else if (why[1].includes("1 ms")) {
        assert.ok(Math.abs(a.mean - b.mean) < 1, `${v}: less than 1 ms apart: ${JSON.stringify(a)} ${JSON.stringify(b)}`);
      } else {
        assert.ok(Math.max(a.mean, b.mean) / Math.min(a.mean, b.mean) < 1.15, `${v}: less than 1.15× apart: ${JSON.stringify(a)} ${JSON.stringify(b)}`);
      }
      for (const m of ["p99", "p50", "failed"]) {
        for (const side of SIDES) assert.doesNotMatch(await cell(w, m, side), /better/, `${v}: ${m}/${side} marked better without a verdict`);
      }
    }
  }
  assert.ok(winners > 0 && even > 0, `both kinds of verdict occur: ${winners} winners, ${even} even`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("more CPU per request raises Node.js's p99", async () => {
  const { context, errors, w } = await open();
  const before = latency(await cell(w, "p99", "node"));
  await openAdvanced(w);
  // 400 requests/s × 8 ms is 3.2 of the 4 cores: queueing for the loops.
  await setNumber(w, "cpu", 8);
  const after = latency(await cell(w, "p99", "node"));
  assert.ok(after.lo > before.hi, `p99 ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a run where a side cannot keep up names no winner and says why", async () => {
  const { context, errors, w } = await open();
  const cases = [
    { preset: "io_api", config: "defaults", who: "Python cannot keep up", why: /Python's worker processes: [\d.]+ needed, 1 available/ },
    { preset: "cpu_bound", config: "defaults", who: "neither server keeps up", why: /Node\.js's event loops: [\d.]+ needed, 1 available.*Python's worker processes/ },
    { preset: "cpu_bound", config: "custom", custom: { np: 1, pp: 4 }, who: "Node.js cannot keep up", why: /Node\.js's event loops: [\d.]+ needed, 1 available/ },
  ];
  for (const c of cases) {
    await choose(w, c);
    for (const [key, value] of Object.entries(c.custom ?? {})) await setNumber(w, key, value);
    const where = `${c.preset}/${c.config}`;
    assert.match(await w.locator(".nvp-sim-verdict").getAttribute("class"), /nvp-sim-verdict--unstable/, where);
    assert.equal(await w.locator("#nvp-s-headline").innerText(), `No verdict from this run: ${c.who}.`, where);
    const card = await verdictText(w);
    assert.match(card, c.why, where);
    assert.match(card, /would fix it/, `${where}: the remedy is named`);
    assert.doesNotMatch(card, /ahead|× lower|× higher/, `${where}: no margin of victory`);
    assert.match(await w.locator("#nvp-s-status").textContent(), /no verdict, a server cannot keep up/, where);
    assert.equal(await w.locator("#nvp-s-metrics").getByText("(better)").count(), 0, `${where}: no row is ranked`);
    assert.deepEqual((await w.locator("#nvp-s-metrics td.nvp-sim-diff").allInnerTexts()).filter((t) => t.trim()), [], `${where}: no differences named`);
    assert.match(await w.locator(".nvp-sim-table-wrap").first().innerText(), /A server that cannot keep up has no steady figures, so no row is ranked/);
    if (c.config === "defaults") assert.match(card, /gunicorn's default is one sync worker/, `${where}: the defaults trap in words`);
  }
  // The remedy is one click away, and fixes it.
  await choose(w, { preset: "io_api", config: "defaults" });
  await w.locator(".nvp-sim-whatifs button", { hasText: "Try Python as its experts run it" }).click();
  await settled(w);
  assert.doesNotMatch(await w.locator(".nvp-sim-verdict").getAttribute("class"), /unstable/, await verdictText(w));
  assert.deepEqual(errors, []);
  await context.close();
});

/** The share of requests a latency curve reaches at its end, read off the chart's own y axis. */
async function curveEnd(w, side) {
  return w.locator(".nvp-sim-chart").first().evaluate((fig, side) => {
    const svg = fig.querySelector("svg");
    const tickY = (label) => {
      const g = [...svg.querySelectorAll(".nvp-sim-axis g")].find((t) => t.textContent.trim() === label);
      return parseFloat(g.getAttribute("transform").match(/translate\([\d.]+ ([\d.]+)\)/)[1]);
    };
    const d = svg.querySelector(`path.nvp-sim-line--${side}`)?.getAttribute("d") ?? "";
    const ys = [...d.matchAll(/[\d.]+[ ,]([\d.]+)/g)].map((m) => parseFloat(m[1]));
    if (!ys.length) return 0;
    const [y0, y100] = [tickY("0%"), tickY("100%")];
    return (y0 - Math.min(...ys)) / (y0 - y100);
  }, side);
}

test("one story per run: the counts add up, and the table, the charts and the narration use the same figures", async () => {
  const { context, errors, w } = await open();
  // A run where both sides leave requests unanswered, and one where every request is answered.
  for (const c of [{ preset: "cpu_bound", config: "defaults", failing: SIDES }, { preset: "io_api", config: "tuned", failing: [] }]) {
    await choose(w, c);
    const where = `${c.preset}/${c.config}`;
    const story = await w.locator(".nvp-sim-story").innerText().catch(() => "");
    const [latencyTable] = await w.locator(".nvp-sim-chart table").evaluateAll((ts) => ts.map((t) => t.innerText));
    const caption = await w.locator(".nvp-sim-chart figcaption").first().innerText();
    for (const side of SIDES) {
      const n = Object.fromEntries(await Promise.all(["arrived", "answered", "timed-out", "refused", "unfinished"]
        .map(async (k) => [k, await outcome(w, k, side)])));
      const failed = n["timed-out"] + n.refused + n.unfinished;
      assert.ok(n.arrived > 0, `${where} ${side}: requests arrived`);
      assert.equal(n.arrived, n.answered + failed, `${where} ${side}: arrived = answered + timed out + refused + still waiting ${JSON.stringify(n)}`);
      const shown = clean(await cell(w, "failed", side));
      // The table's share is the mean over runs; the counts are summed, so they agree to rounding.
      assert.ok(Math.abs(share(shown) - failed / n.arrived) <= 0.01, `${where} ${side}: ${shown} against ${failed} of ${n.arrived}`);
      const row = latencyTable.split("\n").find((l) => l.startsWith("not answered in time")).split("\t");
      assert.equal(row[SIDES.indexOf(side) + 1].trim(), shown, `${where} ${side}: the chart's table says ${shown} too`);
      const end = await curveEnd(w, side);
      if (c.failing.includes(side)) {
        assert.ok(failed > 0, `${where} ${side}: some requests were not answered`);
        assert.match(caption, new RegExp(`${NAME[side].replace(".", "\\.")} left ${shown} unanswered`), `${where}: the caption`);
        const sentence = story.split("\n").find((l) => l.startsWith(`${NAME[side]} did not answer ${shown} of requests in time`));
        assert.ok(sentence, `${where} ${side}: the narration gives the same share:\n${story}`);
        for (const [key, words] of [["timed-out", "timed out"], ["refused", "could not connect"], ["unfinished", "were still waiting"]]) {
          const m = sentence.match(new RegExp(`([\\d,]+) ${words}`));
          assert.equal(m ? parseInt(m[1].replace(/,/g, ""), 10) : 0, n[key], `${where} ${side}: “${words}” in “${sentence}”`);
        }
        assert.ok(end < 0.99 && Math.abs(end - (1 - share(shown))) <= 0.02, `${where} ${side}: the latency curve levels off at ${end}, not at ${1 - share(shown)}`);
        assert.equal(clean(await cell(w, "p99", side)), "timed out", `${where} ${side}: p99 lies past the answered share`);
      } else {
        assert.equal(failed, 0, `${where} ${side}: ${JSON.stringify(n)}`);
        assert.equal(shown, "0%");
        assert.ok(end > 0.995, `${where} ${side}: the curve reaches 100% (${end})`);
        assert.doesNotMatch(story, new RegExp(`${NAME[side]} did not answer`));
      }
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("each chart has its caption under it, and every figure has its unit", async () => {
  const { context, errors, w } = await open();
  const figures = await w.locator(".nvp-sim-chart").evaluateAll((figs) => figs.map((f) => {
    const svg = f.querySelector("svg");
    const cap = f.querySelector("figcaption");
    return {
      caption: cap.textContent,
      below: cap.getBoundingClientRect().top >= svg.getBoundingClientRect().bottom - 1,
      labelled: svg.getAttribute("aria-labelledby") === cap.id,
      axes: [...svg.querySelectorAll(".nvp-sim-axis-title")].map((t) => t.textContent),
      ticks: [...svg.querySelectorAll(".nvp-sim-axis g text")].map((t) => t.textContent),
    };
  }));
  assert.equal(figures.length, 2);
  const [lat, queue] = figures;
  assert.match(lat.caption, /^Latency: /);
  assert.match(queue.caption, /^Requests waiting for the server/);
  for (const f of figures) assert.ok(f.below && f.labelled, `caption under and naming its own chart: ${f.caption}`);
  assert.deepEqual(lat.axes, ["requests answered", "latency in ms (log scale)"]);
  assert.deepEqual(queue.axes, ["requests waiting", "simulated time in s (first run)"]);
  assert.ok(lat.ticks.filter((t) => /^[\d.]+ (ms|s)$/.test(t)).length >= 3, `latency ticks: ${lat.ticks}`);
  assert.ok(lat.ticks.filter((t) => /^\d+%$/.test(t)).length === 5, `share ticks: ${lat.ticks}`);
  assert.ok(queue.ticks.filter((t) => /^[\d.]+ s$/.test(t)).length >= 3, `time ticks: ${queue.ticks}`);
  for (const side of SIDES) {
    assert.match(clean(await cell(w, "throughput", side)), /^[\d.,]+\/s$/);
    for (const m of ["p50", "p95", "p99"]) assert.match(clean(await cell(w, m, side)), /^[\d.,]+ (ms|s) \(.+\)$|^timed out$/, m);
    for (const m of ["failed", "cores"]) assert.match(clean(await cell(w, m, side)), /%$/, m);
    assert.match(clean(await cell(w, "busy", side)), /^\d+% of \d+ [a-z]/);
  }
  assert.match(await w.locator("#nvp-s-outcomes caption").innerText(), /requests/);
  assert.match(await w.locator("label[for=nvp-s-rate]").innerText(), /\(requests\/s\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the timeline has lanes and a legend, plays, pauses and steps by keyboard, and Step goes to the next event", async () => {
  // Sparse traffic (10 requests/s), so "the next event" and "the next millisecond" differ.
  const { context, page, errors, w } = await open();
  await choose(w, { preset: "ml_pipeline" });
  const node = await w.locator(".nvp-sim-track--node .nvp-sim-lane-labels li").allInnerTexts();
  const python = await w.locator(".nvp-sim-track--python .nvp-sim-lane-labels li").allInnerTexts();
  assert.ok(node.some((l) => l.startsWith("Event loop")), `Node lanes: ${node}`);
  assert.ok(python.some((l) => /^(Worker|GIL holder|Thread)/.test(l)), `Python lanes: ${python}`);
  assert.ok((await w.locator(".nvp-sim-lanes-svg rect.nvp-sim-s-cpu").count()) > 0);
  assert.deepEqual(await w.locator(".nvp-sim-legend li").allInnerTexts(), [
    "Running on a CPU core", "Waiting for the GIL", "Waiting for I/O", "Queued",
  ]);
  const [from, to] = (await w.locator(".nvp-sim-timeline h3").innerText()).match(/([\d.]+)–([\d.]+) s/).slice(1).map(parseFloat);
  const now = async () => parseFloat(await w.locator(".nvp-sim-now-text").innerText());
  /** What the readout says is going on, without its "At … s." prefix. */
  const state = async () => (await w.locator(".nvp-sim-readout").innerText()).replace(/^At [\d.]+ s\.\s*/, "");
  assert.equal(await now(), to, "a static timeline shows the whole window");
  await w.locator("#nvp-s-tl-scrub").focus();
  await page.keyboard.press("Home");
  assert.equal(await now(), from, "the scrubber works by keyboard");
  // Step from the start, five times: each lands later, by uneven amounts (events, not a fixed
  // tick), sparse traffic leaves gaps well over a millisecond, and what the readout describes
  // changes on the way.
  await w.locator("#nvp-s-tl-step").focus();
  const stops = [{ t: from, s: await state() }];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press(i % 2 ? "Space" : "Enter");
    stops.push({ t: await now(), s: await state() });
  }
  const gaps = stops.slice(1).map((x, i) => Math.round((x.t - stops[i].t) * 1000));
  assert.ok(gaps.every((g) => g > 0), `each step moves forward: ${gaps} ms`);
  assert.ok(new Set(gaps).size > 1 && Math.max(...gaps) > 2, `steps follow the events, not a clock: ${gaps} ms`);
  assert.ok(new Set(stops.map((x) => x.s)).size > 1, "the readout changes as the steps pass events");
  await w.locator("#nvp-s-tl-back").focus();
  await page.keyboard.press("Enter");
  assert.equal(await now(), stops[4].t, "Step back returns to the previous change");
  const t1 = stops[4].t;
  const play = w.locator("#nvp-s-tl-play");
  await play.focus();
  await page.keyboard.press("Enter");
  assert.match(await play.innerText(), /Pause/);
  await page.waitForTimeout(600);
  assert.ok((await now()) > t1, "playing moves the cursor");
  await page.keyboard.press("Space");
  assert.match(await play.innerText(), /Play/);
  const paused = await now();
  await page.waitForTimeout(300);
  assert.equal(await now(), paused, "paused stays put");
  assert.deepEqual(errors, []);
  await context.close();
});

/** Where an element is relative to the viewport: the share of its height on screen. */
const onScreen = (locator) => locator.evaluate((e) => {
  const r = e.getBoundingClientRect();
  return Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) / r.height;
});

test("reduced motion starts static; otherwise playback starts when the timeline scrolls into view", async () => {
  const phone = { width: 375, height: 740 };
  let { context, page, w } = await open(START, { reducedMotion: "reduce", viewport: phone });
  await w.locator(".nvp-sim-timeline").scrollIntoViewIfNeeded();
  await page.waitForTimeout(700);
  assert.match(await w.locator("#nvp-s-tl-play").innerText(), /Play/);
  assert.equal(await w.locator(".nvp-sim-now-text").innerText(), "2.500 s", "static: the whole window, no motion");
  await context.close();
  ({ context, page, w } = await open(START, { reducedMotion: "no-preference", viewport: phone }));
  const timeline = w.locator(".nvp-sim-timeline");
  assert.ok((await onScreen(timeline)) < 0.5, "on a phone the timeline starts below the fold");
  await page.waitForTimeout(700);
  assert.equal(await w.locator(".nvp-sim-now-text").innerText(), "2.000 s", "out of view, it waits at the start");
  assert.match(await w.locator("#nvp-s-tl-play").innerText(), /Play/);
  await timeline.evaluate((e) => e.scrollIntoView({ block: "center" }));
  await page.waitForTimeout(900);
  const t = parseFloat(await w.locator(".nvp-sim-now-text").innerText());
  assert.ok(t > 2.0 && t < 2.5, `in view, it plays from the start: ${t}`);
  assert.match(await w.locator("#nvp-s-tl-play").innerText(), /Pause/);
  await context.close();
});

test("from a fresh load, two taps show both servers diverging, and the animation plays on screen", async () => {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/`, { reducedMotion: "no-preference" });
  await widgetsReady(page, 2);
  const w = page.locator("node-vs-python").first();
  await w.locator("label", { hasText: "AI, ML or data" }).click(); // 1
  await w.locator("#nvp-a-watch").click(); // 2
  await simulationSettled(w);
  assert.equal(await w.locator("#nvp-tab-simulate").getAttribute("aria-selected"), "true");
  assert.equal(await w.locator(".nvp-sim-title__preset").innerText(), "Machine learning pipeline");
  // Same traffic, two mechanisms: Node.js's event loops against Python's worker processes. Tuned,
  // the latencies may well agree (the verdict says so); what diverges is how each server holds
  // the work, lane by lane.
  assert.match(await w.locator("#nvp-s-headline").innerText(), /^(Node\.js|Python) comes out ahead: |^No clear difference: /);
  const laneNames = (side) => w.locator(`.nvp-sim-track--${side} .nvp-sim-lane-name`).allInnerTexts();
  const [nodeLanes, pythonLanes] = [await laneNames("node"), await laneNames("python")];
  assert.ok(nodeLanes.some((n) => /Event loop/.test(n)), `Node.js runs event loops: ${nodeLanes}`);
  assert.ok(!pythonLanes.some((n) => /Event loop/.test(n)), `Python runs no event loop here: ${pythonLanes}`);
  const readouts = () => w.locator(".nvp-sim-readout").innerText();
  // Playback starts on its own once the lanes are on screen (a frame or two after the result).
  await w.locator("#nvp-s-tl-play", { hasText: "Pause" }).waitFor({ timeout: 3000 });
  const samples = [];
  for (let i = 0; i < 8; i++) {
    samples.push({
      playing: /Pause/.test(await w.locator("#nvp-s-tl-play").innerText()),
      now: parseFloat(await w.locator(".nvp-sim-now-text").innerText()),
      node: await onScreen(w.locator(".nvp-sim-track--node .nvp-sim-lanes")),
      python: await onScreen(w.locator(".nvp-sim-track--python .nvp-sim-lanes")),
      readout: await readouts(),
    });
    await page.waitForTimeout(200);
  }
  assert.ok(samples.every((s) => s.playing), `it plays on its own: ${JSON.stringify(samples.map((s) => s.playing))}`);
  assert.ok(samples.at(-1).now > samples[0].now, "the cursor moves");
  for (const s of samples) assert.ok(s.node === 1 && s.python === 1, `both servers' lanes are on screen while it plays: ${JSON.stringify(s)}`);
  assert.match(samples.at(-1).readout, /Node\.js: .*Python: /);
  assert.deepEqual(await clipped(w.locator(".nvp-sim-lane-name, .nvp-sim-lane-scale")), [], "lane labels read in full");
  await screenshot(page, "simulate-watch-it-run-1280");
  assert.deepEqual(errors, []);
  await context.close();
});

/** The focused element, looking through the widget's shadow root. */
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el?.id ?? null;
});

test("“Simulate this” (Use cases) and “Watch it run” (Answer) focus the Simulate heading and show the verdict, or on a phone the timeline", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
    for (const from of ["answer", "usecases"]) {
      const { context, page, errors } = await openPage(env.browser, `${env.server.url}/${from === "usecases" ? "#nvp.tab=usecases" : ""}`, { reducedMotion: "reduce", viewport });
      await widgetsReady(page, 2);
      const w = page.locator("node-vs-python").first();
      const where = `${viewport.width}px from ${from}`;
      let want;
      if (from === "answer") {
        await w.locator("label", { hasText: "AI, ML or data" }).click();
        await w.locator("#nvp-a-watch").click();
        want = "Machine learning pipeline";
      } else {
        const card = w.locator(".nvp-uc-item", { hasText: "Scientific computing" });
        await card.locator(".nvp-uc-item__toggle").click();
        await card.locator("button.nvp-uc-simulate").click();
        want = "Scientific computing";
      }
      await simulationSettled(w);
      assert.equal(await w.locator(".nvp-sim-title__preset").innerText(), want, where);
      assert.equal(await focused(page), "nvp-s-h", `${where}: focus on the Simulate heading`);
      const heading = await w.locator("#nvp-s-h").boundingBox();
      const verdict = await w.locator(".nvp-sim-verdict").boundingBox();
      if (from === "answer") {
        // "Watch it run": the page scrolls on to the timeline's player and first lanes, where the
        // animation plays (the verdict is one scroll up).
        const lanes = await w.locator(".nvp-sim-lanes").first().boundingBox();
        const player = await w.locator(".nvp-sim-timeline").boundingBox();
        assert.ok(lanes.y > 0 && lanes.y < viewport.height - 60, `${where}: the timeline is on screen (${lanes.y})`);
        assert.ok(player.y >= 0 && player.y < 60, `${where}: from the player's top (${player.y})`);
      } else {
        assert.ok(heading.y >= -1 && heading.y < 120, `${where}: the heading is at the top of the screen (${heading.y})`);
        assert.ok(verdict.y > 0 && verdict.y < viewport.height / 2, `${where}: the verdict is on screen (${verdict.y})`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});

test("the CSV download holds the numbers on screen", async () => {
  const { context, page, errors, w } = await open(START, { acceptDownloads: true });
  const [download] = await Promise.all([page.waitForEvent("download"), w.locator("#nvp-s-csv").click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  assert.match(csv.split("\n")[0], /^metric,unit,node_js,/);
  for (const metric of ["throughput", "p50", "p95", "p99", "failed", "busy"]) {
    for (const side of SIDES) {
      const shown = clean(await cell(w, metric, side));
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
  for (const label of ["latency in ms (log scale)", "requests answered", "simulated time in s (first run)", "requests waiting"]) {
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
  await choose(w, { config: "custom" });
  await w.locator("#nvp-s-pm").selectOption("nogil");
  await settled(w);
  await w.getByRole("button", { name: "New traffic" }).click();
  await settled(w);
  const hash = await page.evaluate(() => location.hash);
  for (const part of [/nvp\.s\.rate=260/, /nvp\.s\.pm=nogil/, /nvp\.s\.cfg=custom/]) assert.match(hash, part);
  assert.doesNotMatch(hash, /nvp\.s\.seed=1(&|$)/, "the new traffic's seed is in the link");
  const first = await simulationSnapshot(w);
  const again = await open(hash);
  assert.deepEqual(await simulationSnapshot(again.w), first);
  assert.equal(await again.w.locator("#nvp-s-pm").inputValue(), "nogil");
  assert.deepEqual([...errors, ...again.errors], []);
  await again.context.close();
  await context.close();
});

test("a bad value is explained next to its input and clamped", async () => {
  const { context, w } = await open();
  await openAdvanced(w);
  await setNumber(w, "cores", 500);
  assert.equal(await w.locator("#nvp-s-cores").inputValue(), "64");
  assert.match(await w.locator("#nvp-s-cores-err").innerText(), /runs from 1 to 64/);
  assert.equal(await w.locator("#nvp-s-cores").getAttribute("aria-invalid"), "true");
  assert.match(await w.locator("#nvp-s-cores").getAttribute("aria-describedby"), /nvp-s-cores-err/);
  await context.close();
});

test("axe finds no serious or critical violations on the Simulate view, light and dark, settled and unstable", async () => {
  for (const colorScheme of ["light", "dark"]) {
    for (const hash of [START, `${START}&nvp.s.cfg=custom`, `${START}&nvp.s.cfg=defaults`]) {
      const { context, page, w } = await open(hash, { colorScheme });
      if (hash.includes("custom")) assert.ok(await w.locator(".nvp-sim-advanced").evaluate((d) => d.open), "Custom opens the settings");
      assert.deepEqual(await seriousViolations(page), [], `${colorScheme} ${hash}`);
      await context.close();
    }
  }
});

/** Visible elements of the view that stick out past its right edge. */
const overflowing = (w) => w.locator(".nvp-sim").evaluate((root) => {
  const right = root.getBoundingClientRect().right;
  return [...root.querySelectorAll("*")]
    .filter((e) => !e.closest(".nvp-visually-hidden") && e.getClientRects().length)
    .filter((e) => e.getBoundingClientRect().right > right + 1)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className}: ${e.textContent.trim().slice(0, 60)}`)
    .slice(0, 5);
});

test("screenshots at 1280 and 375 px, nothing past the view's edge", async () => {
  for (const [name, viewport, hash] of [
    ["simulate-desktop-1280", { width: 1280, height: 800 }, START],
    ["simulate-mobile-375", { width: 375, height: 740 }, START],
    ["simulate-unstable-1280", { width: 1280, height: 800 }, `${START}&nvp.s.cfg=defaults`],
  ]) {
    const { context, page, errors, w } = await open(hash, { viewport });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(sideways <= 0, `${name}: the page scrolls sideways by ${sideways}px`);
    assert.deepEqual(await overflowing(w), [], `${name}: cut off at the right`);
    assert.deepEqual(await clipped(w.locator(".nvp-sim-lane-name, .nvp-sim-lane-scale")), [], `${name}: cut lane labels`);
    await screenshot(page, name);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("at 375 px, light and dark: nothing cut off, ticks apart, axe clean", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page, errors, w } = await open(START, { viewport: { width: 375, height: 740 }, colorScheme });
    for (const preset of ["default", "chat", "2 processes each"]) {
      if (preset === "chat") {
        await choose(w, { preset });
      } else if (preset !== "default") {
        // Worker names ("· P2") make the longest lane labels.
        await choose(w, { config: "custom" });
        await setNumber(w, "np", 2);
        await setNumber(w, "pp", 2);
      }
      const where = `${colorScheme}/${preset}`;
      assert.deepEqual(await overflowing(w), [], `${where}: cut off at the right`);
      // The tables fit their column: no sideways scrolling, no figure cut ("59% of 8 thre…").
      for (const wrap of await w.locator(".nvp-sim-table-wrap").all()) {
        const [sw, cw] = await wrap.evaluate((e) => [e.scrollWidth, e.clientWidth]);
        assert.ok(sw <= cw, `${where}: a table is ${sw}px in a ${cw}px column`);
      }
      assert.deepEqual(await clipped(w.locator(".nvp-sim-table-wrap td, .nvp-sim-table-wrap th")), [], `${where}: cut table cells`);
      assert.match(clean(await cell(w, "busy", "python")), /^\d+% of \d+ [a-z]+/, `${where}: busy cell reads in full`);
      // Lane labels keep their whole name and their "(up to N)" scale.
      assert.deepEqual(await clipped(w.locator(".nvp-sim-lane-name, .nvp-sim-lane-scale")), [], `${where}: cut lane labels`);
      const scales = await w.locator(".nvp-sim-lane-scale").evaluateAll((els) => els.map((e) => {
        const [r, li] = [e.getBoundingClientRect(), e.closest("li").getBoundingClientRect()];
        return { text: e.textContent, inside: r.width > 0 && r.right <= li.right + 1 && r.bottom <= li.bottom + 1 };
      }));
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
      // Chart tick labels stay clear of the rotated axis title.
      for (const fig of await w.locator(".nvp-sim-chart svg.nvp-sim-svg").all()) {
        const clash = await fig.evaluate((svg) => {
          const title = svg.querySelector(".nvp-sim-axis-title[transform]").getBoundingClientRect();
          return [...svg.querySelectorAll(".nvp-sim-axis g text")].map((t) => [t.textContent, t.getBoundingClientRect()])
            .filter(([, r]) => r.left < title.right && r.right > title.left && r.top < title.bottom && r.bottom > title.top)
            .map(([text]) => text);
        });
        assert.deepEqual(clash, [], `${where}: tick labels under the y-axis title`);
      }
      assert.deepEqual(await seriousViolations(page), [], where);
    }
    await screenshot(page, `simulate-mobile-375-${colorScheme}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("the sentences about how much was simulated count each side's own runs", async () => {
  // An unstable side runs once; "Based on 5 runs of about N requests per side" must not say otherwise.
  const { context, w } = await open(`${START}&nvp.s.cfg=defaults`);
  await choose(w, { preset: "cpu_bound" });
  const card = await verdictText(w);
  for (const side of SIDES) {
    const runs = parseInt(await w.locator(`#nvp-s-o-runs-${side}`).innerText(), 10);
    const arrived = await outcome(w, "arrived", side);
    assert.ok(!/Based on 5 runs/.test(card) || runs === 5, `${side} ran ${runs} time(s), the card says: ${card}`);
    assert.ok(!/Simulated [\d,]+ requests per side/.test(card) || card.includes(`Simulated ${arrived.toLocaleString("en")} requests`), `${side}: ${arrived} measured`);
  }
  await context.close();
});

test("an interval names its unit when its bounds differ in unit", async () => {
  const { context, w } = await open(`${START}&nvp.s.cfg=defaults`);
  await choose(w, { preset: "ml_pipeline" });
  const cells = await w.locator("#nvp-s-metrics td.nvp-sim-num").allInnerTexts();
  for (const c of cells) assert.doesNotMatch(c, /\(\d+–[\d.]+ s\)/, `“${c}” reads as seconds at both ends`);
  await context.close();
});
