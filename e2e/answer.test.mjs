// The Answer view (issue 13): the verdict on the first screen, a tailored verdict in a few taps,
// and one tap from the verdict to the simulation of it (with the animation on screen) or to the
// comparison behind it. Interactions are counted: every click or key press a visitor makes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, widgetsReady, seriousViolations, screenshot, eventually } from "./harness.mjs";

const env = withBrowser();
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

async function fresh(viewport, extra = {}) {
  const opened = await openPage(env.browser, `${env.server.url}/`, { viewport, ...extra });
  await widgetsReady(opened.page, 1);
  const widget = opened.page.locator("node-vs-python").first();
  await widget.locator(".nvp-answer__card").waitFor();
  return { ...opened, widget, verdict: widget.locator(".nvp-answer__verdict"), status: widget.locator(".nvp-answer__status") };
}

/** The element's box in page coordinates (top and bottom from the top of the document). */
const pageBox = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top + scrollY, bottom: r.bottom + scrollY, viewTop: r.top, viewBottom: r.bottom, vh: innerHeight };
});

test("at 1280×800 a verdict with its reasons, Why and Watch it are on the first screen", async () => {
  const { context, page, widget, errors } = await fresh(LAPTOP);
  assert.equal(await page.evaluate(() => scrollY), 0);
  for (const part of [".nvp-answer__verdict", ".nvp-answer__reasons", "#nvp-a-watch", "#nvp-a-why", ".nvp-answer__confidence"]) {
    const b = await pageBox(widget.locator(part));
    assert.ok(b.viewTop >= 0 && b.viewBottom <= b.vh, `${part} visible without scrolling: ${JSON.stringify(b)}`);
  }
  assert.ok((await widget.locator(".nvp-answer__reasons li").count()) >= 1, "at least one reason");
  await page.screenshot({ path: (await screenshot(page, "answer-1280")).replace(/\.png$/, "-first-screen.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a tailored verdict takes 2 taps on a laptop and on a phone, within 2 screens of scrolling", async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    const { context, page, widget, verdict, status, errors } = await fresh(viewport);
    const before = await status.innerText();
    let interactions = 0;
    await widget.getByRole("radio", { name: "AI, ML or data", exact: true }).click();
    interactions++;
    await widget.getByRole("radio", { name: "Python", exact: true }).click();
    interactions++;
    const after = await eventually(() => status.innerText().then((t) => t !== before), true);
    assert.ok(after, "the verdict changed");
    assert.match(await verdict.innerText(), /Python/);
    // The reasons speak to the answers given, not the defaults.
    assert.match(await widget.locator(".nvp-answer__reasons").innerText(), /ML|machine learning|data|Python/i);
    assert.ok(interactions <= 3);
    const card = await pageBox(widget.locator(".nvp-answer__card"));
    const scrollNeeded = Math.max(0, card.bottom - viewport.height);
    assert.ok(scrollNeeded <= 2 * viewport.height, `${viewport.width}px: the verdict card ends ${card.bottom}px down (${(scrollNeeded / viewport.height).toFixed(2)} screens of scrolling)`);
    if (viewport === PHONE) {
      await widget.locator(".nvp-answer__card").scrollIntoViewIfNeeded();
      await page.screenshot({ path: (await screenshot(page, "answer-375")).replace(/\.png$/, "-after-two-taps.png") });
    }
    // The answers are in the link, so the verdict can be shared.
    assert.match(await page.evaluate(() => location.hash), /nvp\.a\.[a-z]+=ai/);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("answering by keyboard: arrow keys move within a question and the verdict is announced", async () => {
  const { context, page, widget, status, errors } = await fresh(LAPTOP);
  assert.equal(await status.getAttribute("role"), "status");
  const first = widget.locator(".nvp-answer__question").first().locator("input[type=radio]:checked");
  await first.focus();
  const before = await status.innerText();
  await page.keyboard.press("ArrowRight");
  assert.notEqual(await eventually(() => status.innerText().then((t) => t === before), false), true, "announced text changed");
  // The focused chip shows a visible focus ring.
  const ring = await page.evaluate(() => {
    const el = document.querySelector("node-vs-python").shadowRoot.activeElement;
    const label = el.closest("label") ?? el.parentElement;
    const s = getComputedStyle(el.matches(":focus-visible") ? label : el);
    return { focusVisible: el.matches(":focus-visible"), outline: s.outlineStyle, width: s.outlineWidth };
  });
  assert.ok(ring.focusVisible, JSON.stringify(ring));
  assert.deepEqual(errors, []);
  await context.close();
});

test("“Watch it run”: the two servers diverge on screen, 2 interactions from a fresh load", async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    const { context, page, widget, errors } = await fresh(viewport);
    await widget.getByRole("radio", { name: "Real-time: chat, live, games", exact: true }).click();
    await widget.locator("#nvp-a-watch").click();
    assert.equal(await widget.locator('[role="tab"][aria-selected="true"]').innerText(), "Simulate");
    // The timeline plays on screen: the Play button reads Pause, the clock moves, and the lanes
    // are inside the viewport while it does.
    const lanes = widget.locator(".nvp-sim-lanes").first();
    await lanes.waitFor({ timeout: 20000 });
    const playing = await eventually(() => widget.locator(".nvp-sim-play").innerText().then((t) => /Pause/.test(t)), true, 10000);
    assert.ok(playing, "playback started by itself");
    const t0 = await widget.locator(".nvp-sim-now-text").innerText();
    await page.waitForTimeout(400);
    const t1 = await widget.locator(".nvp-sim-now-text").innerText();
    assert.notEqual(t1, t0, "the clock moves");
    const b = await pageBox(lanes);
    const visible = Math.min(b.viewBottom, b.vh) - Math.max(b.viewTop, 0);
    assert.ok(visible >= Math.min(120, b.viewBottom - b.viewTop), `${viewport.width}px: the lanes are on screen while playing: ${JSON.stringify(b)}`);
    // Scrolled away, the loop parks (no frames drawn unseen); back on screen, it plays on.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    assert.ok(await eventually(() => widget.locator(".nvp-sim-play").innerText().then((t) => /Play/.test(t)), true), "parked off screen");
    await lanes.scrollIntoViewIfNeeded();
    assert.ok(await eventually(() => widget.locator(".nvp-sim-play").innerText().then((t) => /Pause/.test(t)), true), "plays again in view");
    // Under the verdict: how the model fared against real servers, with a link to the report.
    const checked = widget.locator(".nvp-sim-checked");
    assert.match(await checked.innerText(), /Checked against real Node\.js 20 and CPython 3\.11 servers: \d+ of \d+ runs|Checked against real Node\.js 20 and CPython 3\.11 servers on the same requests: \d+ of \d+ runs/);
    const href = await checked.locator("a").getAttribute("href");
    assert.match(href, /\/validation\.md$/);
    const report = await page.request.get(href);
    assert.equal(report.status(), 200, "the report is served beside the build");
    assert.match(await report.text(), /Reality check/);
    // Both servers have a lane group, and the verdict names the difference or says there is none.
    assert.match(await widget.locator(".nvp-sim-verdict").innerText(), /Node\.js|Python|no clear|no verdict|same/i);
    await page.screenshot({ path: (await screenshot(page, `answer-watch-${viewport.width}`)).replace(/\.png$/, "-screen.png") });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("“See why” opens the comparison weighted for the answer, with the score in view", async () => {
  const { context, page, widget, errors } = await fresh(LAPTOP);
  await widget.getByRole("radio", { name: "AI, ML or data", exact: true }).click();
  await widget.locator("#nvp-a-why").click();
  assert.equal(await widget.locator('[role="tab"][aria-selected="true"]').innerText(), "Compare");
  const board = widget.locator(".nvp-c-score");
  await board.waitFor({ timeout: 20000 });
  assert.equal(await widget.locator(".nvp-c-preset[aria-pressed=true]").innerText(), "AI / data product");
  const b = await pageBox(board);
  assert.ok(b.viewTop >= -1 && b.viewBottom <= b.vh + 1, `the score board is on screen: ${JSON.stringify(b)}`);
  assert.match(await board.innerText(), /Python/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the decision record downloads as Markdown with the answers, verdict, reasons and link", async () => {
  const { context, page, widget, verdict, errors } = await fresh(LAPTOP, { acceptDownloads: true });
  await widget.getByRole("radio", { name: "Real-time: chat, live, games", exact: true }).click();
  const title = await verdict.innerText();
  const [download] = await Promise.all([page.waitForEvent("download"), widget.locator("#nvp-a-adr").click()]);
  assert.equal(download.suggestedFilename(), "decision-record.md");
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  const md = Buffer.concat(chunks).toString("utf8");
  assert.match(md, /^# /m);
  assert.ok(md.includes(title.trim()), `the verdict "${title}" is in the record`);
  assert.match(md, /Real-time: chat, live, games/);
  assert.ok(md.includes(page.url()) || md.includes(new URL(page.url()).hash), "the shareable link is in the record");
  for (const reason of await widget.locator(".nvp-answer__reasons li").allInnerTexts()) {
    assert.ok(md.includes(reason.slice(0, 40)), `reason in the record: ${reason}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe on the Answer view, light and dark, laptop and phone", async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    for (const colorScheme of ["light", "dark"]) {
      const { context, page } = await fresh(viewport, { colorScheme });
      assert.deepEqual(await seriousViolations(page, "node-vs-python:not([views])"), [], `${viewport.width} ${colorScheme}`);
      if (viewport === PHONE && colorScheme === "light") {
        await page.screenshot({ path: (await screenshot(page, "answer-375")).replace(/\.png$/, "-first-screen.png") });
      }
      await context.close();
    }
  }
});
