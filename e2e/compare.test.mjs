// The Compare tab in Chromium: weights, presets, filter, shareable links, keyboard, axe.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, widgetsReady, seriousViolations, screenshot, eventually } from "./harness.mjs";

const env = withBrowser();

/** Opens the demo page on the Compare tab (a URL without a hash gets `#nvp.tab=compare`). */
async function compare(url, contextOptions) {
  const opened = await openPage(env.browser, url.includes("#") ? url : `${url}#nvp.tab=compare`, contextOptions);
  await widgetsReady(opened.page, 2);
  const root = opened.page.locator("node-vs-python").first().locator(".nvp-root");
  await root.locator(".nvp-c-fit__summary").waitFor();
  return { ...opened, root };
}

const percents = async (root) =>
  (await root.locator(".nvp-c-fit__summary").innerText()).match(/\d+(\.\d+)?\s*%/g);

test("moving a weight by keyboard changes the score and the one announced sentence", async () => {
  const { context, page, root, errors } = await compare(`${env.server.url}/`);
  const status = root.locator('.nvp-c-fit__summary[role="status"]');
  const before = await status.innerText();
  const ai = root.getByLabel("AI/ML ecosystem and numeric libraries");
  await ai.focus();
  await page.keyboard.press("End");
  assert.equal(await ai.inputValue(), "5");
  const after = await status.innerText();
  assert.notEqual(after, before, "the announced summary changed");
  assert.equal(after.split(/(?<=[.!?])\s+/).filter(Boolean).length, 1, `one sentence: ${after}`);
  // The breakdown shows the arithmetic for the weight just changed.
  assert.match(await root.innerText(), /5 × \d/);
  assert.match(await page.evaluate(() => location.hash), /nvp\.c\.w=[^&]*ai:5/);
  await page.keyboard.press("Home");
  assert.equal(await ai.inputValue(), "0");
  assert.notEqual(await status.innerText(), after);
  assert.deepEqual(errors, []);
  await context.close();
});

test("presets apply and change the ordering of the fit", async () => {
  const { context, root, errors } = await compare(`${env.server.url}/`);
  const ai = root.getByRole("button", { name: "AI / data product" });
  await ai.click();
  assert.equal(await ai.getAttribute("aria-pressed"), "true");
  assert.equal(await root.getByLabel("AI/ML ecosystem and numeric libraries").inputValue(), "5");
  const aiSummary = await root.locator(".nvp-c-fit__summary").innerText();
  assert.match(aiSummary, /Python/);
  await root.getByRole("button", { name: "Real-time product" }).click();
  const rtSummary = await root.locator(".nvp-c-fit__summary").innerText();
  assert.notEqual(rtSummary, aiSummary);
  assert.match(rtSummary, /Node\.js/);
  assert.ok((await percents(root)).length >= 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the filter narrows the rows and explains an empty result", async () => {
  const { context, page, root, errors } = await compare(`${env.server.url}/`);
  const rows = root.locator("tbody.nvp-c-dim");
  const all = await rows.count();
  assert.equal(all, 8, "one row per dimension");
  await root.getByLabel("Filter the dimensions").fill("GIL");
  await page.waitForTimeout(100);
  const some = await rows.count();
  assert.ok(some >= 1 && some < all, `GIL narrows ${all} rows to ${some}`);
  await root.getByLabel("Filter the dimensions").fill("zzqqxx");
  await page.waitForTimeout(100);
  assert.equal(await rows.count(), 0);
  assert.match(await root.locator(".nvp-c-filter__count").innerText(), /\S/);
  assert.match(await root.innerText(), /No dimension|nothing|no match/i);
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard-only: expand a row, and a copied link restores weights, rows and filter", async () => {
  const { context, page, root, errors } = await compare(`${env.server.url}/`);
  await root.getByLabel("Onboarding speed").focus();
  await page.keyboard.press("End");
  const expand = root.locator(".nvp-c-expand").first();
  await expand.focus();
  await page.keyboard.press("Enter");
  assert.equal(await expand.getAttribute("aria-expanded"), "true");
  assert.ok(await root.locator("tr.nvp-c-details").first().isVisible());
  await root.getByLabel("Filter the dimensions").fill("learn");
  await page.waitForTimeout(100);
  const summary = await root.locator(".nvp-c-fit__summary").innerText();
  const url = page.url();
  assert.match(url, /nvp\.c\.f=learn/);

  const copy = await compare(url);
  assert.equal(await copy.root.getByLabel("Onboarding speed").inputValue(), "5");
  assert.equal(await copy.root.getByLabel("Filter the dimensions").inputValue(), "learn");
  assert.equal(await copy.root.locator(".nvp-c-fit__summary").innerText(), summary);
  await copy.root.getByLabel("Filter the dimensions").fill("");
  assert.ok((await copy.root.locator('.nvp-c-expand[aria-expanded="true"]').count()) >= 1);
  assert.deepEqual(copy.errors, []);
  await copy.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a garbage hash is survived: defaults, one notice, no markup", async () => {
  const garbage = `#nvp.tab=compare&nvp.c.w=%3Cscript%3Ealert(1)%3C/script%3E&nvp.c.x=zz,%00&nvp.c.f=${"x".repeat(300)}`;
  const { context, root, errors } = await compare(`${env.server.url}/${garbage}`);
  const notice = await root.locator(".nvp-notices").innerText();
  assert.match(notice, /could not be used|defaults/i);
  assert.equal(await root.locator("script").count(), 0);
  assert.match(await root.locator(".nvp-c-fit__summary").innerText(), /%/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe in light and dark, and screenshots at 1280 and 375 px", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await compare(`${env.server.url}/`, { colorScheme });
    await page.locator("node-vs-python").first().locator(".nvp-c-expand").first().click();
    assert.deepEqual(await seriousViolations(page), [], colorScheme);
    await context.close();
  }
  for (const [name, viewport] of [["compare-desktop-1280", { width: 1280, height: 800 }], ["compare-mobile-375", { width: 375, height: 740 }]]) {
    const { context, page, root, errors } = await compare(`${env.server.url}/`, { viewport });
    const overflow = await root.evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(overflow <= 1, `${name}: nothing cut off (${overflow}px)`);
    // The first screen of the tab, as a visitor sees it.
    await root.locator(".nvp-compare").scrollIntoViewIfNeeded();
    await page.screenshot({ path: (await screenshot(page, name)).replace(/\.png$/, "-first-screen.png") });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

/** The element's box relative to the viewport. */
const box = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, height: r.height, viewport: innerHeight };
});

test("the score board stays in view while the weights move, at 1280 and at 375 px", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
    const { context, page, root, errors } = await compare(`${env.server.url}/`, { viewport });
    const board = root.locator(".nvp-c-score");
    // Every slider, first to last, brought into view and moved by keyboard: the board with the
    // announced sentence is on screen each time, and shows the new figure.
    const sliders = root.locator(".nvp-c-slider__input");
    const n = await sliders.count();
    assert.ok(n >= 6, `${n} sliders`);
    for (const i of [0, Math.floor(n / 2), n - 1]) {
      const slider = sliders.nth(i);
      await slider.scrollIntoViewIfNeeded();
      await slider.focus();
      const before = await board.innerText();
      await page.keyboard.press(i === n - 1 ? "End" : "Home");
      const after = await eventually(() => board.innerText().then((t) => t !== before), true);
      assert.ok(after, `slider ${i} at ${viewport.width}px changes the board`);
      const b = await box(board);
      const s = await box(slider);
      assert.ok(b.top >= 0 && b.bottom <= b.viewport + 1, `board on screen at ${viewport.width}px, slider ${i}: ${JSON.stringify(b)}`);
      assert.ok(s.bottom <= b.top + 1 || s.top >= b.bottom - 1 || viewport.width > 700,
        `the board does not cover the slider on a phone: ${JSON.stringify({ b, s })}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("on a phone each dimension folds to its title and a leans-to chip, and opens by keyboard", async () => {
  const { context, page, root, errors } = await compare(`${env.server.url}/`, { viewport: { width: 375, height: 740 } });
  const dims = root.locator("tbody.nvp-c-dim");
  assert.equal(await dims.count(), 8);
  for (let i = 0; i < 8; i++) {
    const dim = dims.nth(i);
    assert.ok(await dim.locator(".nvp-c-chip").isVisible(), `chip ${i}`);
    assert.match(await dim.locator(".nvp-c-chip").innerText(), /^(Leans to .+|Depends)$/);
    assert.equal(await dim.locator("td.nvp-c-cell").first().isVisible(), false, `card ${i} folded`);
    const h = (await box(dim)).height;
    assert.ok(h < 110, `a folded card is one or two lines, not a screen (${h}px)`);
  }
  const first = dims.first();
  await first.locator(".nvp-c-expand").focus();
  await page.keyboard.press("Enter");
  assert.equal(await eventually(() => first.locator(".nvp-c-expand").getAttribute("aria-expanded"), "true"), "true");
  assert.ok(await first.locator("td.nvp-c-cell").first().isVisible());
  assert.ok(await first.locator(".nvp-c-takeaway").isVisible());
  // The points tables fold behind one button on a phone; the board keeps the totals.
  const toggle = root.locator(".nvp-c-fit__toggle");
  assert.equal(await root.locator(".nvp-c-fit__cards").isVisible(), false);
  await toggle.click();
  assert.equal(await eventually(() => toggle.getAttribute("aria-expanded"), "true"), "true");
  assert.ok(await eventually(() => root.locator(".nvp-c-fit__cards").isVisible(), true), "the tables open");
  assert.deepEqual(errors, []);
  await context.close();
});

test("code listings keep their indentation and scroll sideways, on a laptop and a phone", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
    const { context, page, root, errors } = await compare(`${env.server.url}/`, { viewport });
    const listings = root.locator(".nvp-c-sample pre");
    assert.equal(await listings.count(), 2);
    if (viewport.width < 600) {
      // On a phone the listings wait behind one button, and so do the TL;DR's later lines.
      assert.equal(await listings.first().isVisible(), false);
      const more = root.locator(".nvp-c-samples__more");
      await more.click();
      assert.equal(await more.getAttribute("aria-expanded"), "true");
      const lines = root.locator(".nvp-c-tldr li");
      assert.equal(await lines.nth(2).isVisible(), false);
      await root.locator(".nvp-c-tldr__more").click();
      assert.ok(await lines.nth(2).isVisible());
    }
    for (let i = 0; i < 2; i++) {
      const pre = listings.nth(i);
      const style = await pre.evaluate((el) => ({ ws: getComputedStyle(el).whiteSpace, tab: el.tabIndex }));
      assert.equal(style.ws, "pre", "lines never wrap");
      assert.equal(style.tab, 0, "focusable, so a keyboard can scroll it");
      // Every line of the source is one line on screen: the rendered height is lines × line height.
      const fit = await pre.evaluate((el) => {
        const lines = el.innerText.replace(/\n$/, "").split("\n").length;
        const lh = parseFloat(getComputedStyle(el).lineHeight);
        const pad = parseFloat(getComputedStyle(el).paddingTop) + parseFloat(getComputedStyle(el).paddingBottom);
        return { lines, rows: Math.round((el.clientHeight - pad) / lh) };
      });
      assert.equal(fit.rows, fit.lines, `listing ${i} at ${viewport.width}px: ${JSON.stringify(fit)}`);
    }
    // Python's listing keeps its four-space indentation.
    assert.match(await listings.nth(1).innerText(), /\n {4}\S/);
    if (viewport.width < 600) {
      const wide = await listings.nth(1).evaluate((el) => el.scrollWidth > el.clientWidth);
      assert.ok(wide, "the long Python lines scroll rather than wrap on a phone");
      await listings.nth(1).focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      // (Scrolling by key is animated, so the position is polled.)
      assert.ok(await eventually(() => listings.nth(1).evaluate((el) => el.scrollLeft > 0), true),
        "arrow keys scroll the focused listing");
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
