// The Use-cases tab in Chromium: live filtering, keyboard selection, the announced verdict,
// the URL round trip, axe, and screenshots at phone and desktop widths.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, eventually, openPage, widgetsReady, seriousViolations, screenshot } from "./harness.mjs";

const env = withBrowser();

/** Opens the demo page on the Use-cases tab of the first widget. */
async function openUseCases(hash = "", contextOptions = {}) {
  const opened = await openPage(env.browser, `${env.server.url}/#nvp.tab=usecases${hash}`, contextOptions);
  await widgetsReady(opened.page, 1);
  const widget = opened.page.locator("node-vs-python").first();
  await widget.locator(".nvp-uc").waitFor();
  return { ...opened, widget, status: widget.locator('.nvp-uc [role="status"]') };
}

test("typing filters the list live and highlights the match", async () => {
  const { context, widget, errors } = await openUseCases();
  const items = widget.locator(".nvp-uc-item");
  const all = await items.count();
  assert.ok(all > 10);
  await widget.locator('input[type="search"]').pressSequentially("chat");
  assert.equal(await eventually(() => items.count(), 1), 1);
  assert.equal(await widget.locator(".nvp-uc-item mark").first().innerText(), "chat");
  await widget.locator('input[type="search"]').fill("zzqx");
  assert.equal(await eventually(() => items.count(), 0), 0);
  assert.ok(await widget.locator(".nvp-uc-empty").isVisible());
  await widget.locator(".nvp-uc-empty button").click();
  assert.equal(await eventually(() => items.count(), all), all, "clear all filters brings everything back");
  assert.deepEqual(errors, []);
  await context.close();
});

test("selecting by keyboard announces one sentence and lists the reasons", async () => {
  const { context, page, widget, status, errors } = await openUseCases();
  assert.match(await status.innerText(), /Select at least one use case/);
  await widget.locator("#nvp-u-uc-chat").focus();
  await page.keyboard.press("Space");
  assert.match(await status.innerText(), /^Recommendation: Node\.js, with \w+ confidence/);
  // Tab through to the ML pipeline's checkbox, never touching the mouse.
  for (let i = 0; i < 200; i++) {
    // The widget lives in a shadow root: the document only sees its host as active.
    const active = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id);
    if (active === "nvp-u-uc-ml_pipeline") break;
    await page.keyboard.press("Tab");
  }
  await page.keyboard.press("Space");
  assert.ok(await widget.locator("#nvp-u-uc-ml_pipeline").isChecked());
  const sentence = await status.innerText();
  assert.match(sentence, /split the work, Node\.js for Real-time chat and Python for Machine learning pipeline/);
  assert.equal(sentence.split(". ").length, 1, "one sentence");
  const reasons = widget.locator(".nvp-uc-reason");
  assert.equal(await reasons.count(), 2);
  assert.match(await reasons.nth(0).innerText(), /Real-time chat/);
  assert.equal(await widget.locator('.nvp-uc [role="status"] .nvp-uc-reason').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the URL round-trips selections, filters and answers", async () => {
  const { context, page, widget } = await openUseCases();
  await widget.locator("#nvp-u-uc-scientific").check();
  await widget.locator('input[name="nvp-u-beg"][value="yes"]').check();
  await widget.locator('input[type="search"]').fill("comput");
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /nvp\.u\.sel=scientific/);
  assert.match(hash, /nvp\.u\.q=comput/);
  const sentence = await widget.locator('.nvp-uc [role="status"]').innerText();
  const again = await openPage(env.browser, `${env.server.url}/${hash}`);
  await widgetsReady(again.page, 1);
  const w2 = again.page.locator("node-vs-python").first();
  assert.ok(await w2.locator("#nvp-u-uc-scientific").isChecked());
  assert.ok(await w2.locator('input[name="nvp-u-beg"][value="yes"]').isChecked());
  assert.equal(await w2.locator('input[type="search"]').inputValue(), "comput");
  assert.equal(await w2.locator('.nvp-uc [role="status"]').innerText(), sentence);
  await again.context.close();
  await context.close();
});

test("axe finds no serious or critical violations, and screenshots are saved", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["mobile", { width: 375, height: 740 }]]) {
    for (const colorScheme of ["light", "dark"]) {
      const { context, page, widget } = await openUseCases("&nvp.u.sel=chat,ml_pipeline&nvp.u.js=fluent", {
        viewport,
        colorScheme,
      });
      // The first widget is the one with the Use-cases tab (the second shows only the simulator).
      assert.deepEqual(await seriousViolations(page, "node-vs-python:not([views])"), [], `${name} ${colorScheme}`);
      const overflow = await widget.locator(".nvp-uc").evaluate((root) =>
        [...root.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > innerWidth + 1).length,
      );
      assert.equal(overflow, 0, `nothing wider than the ${name} viewport`);
      if (colorScheme === "light") {
        await widget.locator(".nvp-uc").scrollIntoViewIfNeeded();
        await screenshot(page, `usecases-${name}`);
      }
      await context.close();
    }
  }
});

/** Opens the folded card of the use case named `name` and returns the card. */
async function unfold(widget, name) {
  const card = widget.locator(".nvp-uc-item", { hasText: name });
  const toggle = card.locator(".nvp-uc-item__toggle");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  return card;
}

test("“Simulate this” opens the simulator on that use case's preset, at its verdict", async () => {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/`);
  await widgetsReady(page, 2);
  const widget = page.locator("node-vs-python").first();
  await widget.locator('[role="tab"]', { hasText: "Use cases" }).click();
  await (await unfold(widget, "Real-time chat")).getByRole("button", { name: /Simulate this\W*Real-time chat/ }).click();
  assert.equal(await widget.locator('[role="tab"][aria-selected="true"]').innerText(), "Simulate");
  const preset = widget.locator("#nvp-s-preset");
  await preset.waitFor({ state: "attached" });
  assert.equal(await preset.inputValue(), "chat");
  // Focus and scroll land on the simulator's verdict heading, not mid-panel.
  const focused = await eventually(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id), "nvp-s-h");
  assert.equal(focused, "nvp-s-h");
  const heading = await widget.locator("#nvp-s-h").evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, vh: innerHeight };
  });
  assert.ok(heading.top >= -1 && heading.bottom <= heading.vh + 1, `the verdict heading is on screen: ${JSON.stringify(heading)}`);
  await widget.locator(".nvp-sim-verdict").waitFor();
  assert.match(await page.evaluate(() => location.hash), /nvp\.tab=simulate/);
  // A second request for another use case re-applies, even after the first was changed.
  await widget.locator('[role="tab"]', { hasText: "Use cases" }).click();
  await (await unfold(widget, "Machine learning pipeline")).getByRole("button", { name: /Simulate this\W*Machine learning pipeline/ }).click();
  assert.equal(await eventually(() => widget.locator("#nvp-s-preset").inputValue(), "ml_pipeline"), "ml_pipeline");
  assert.deepEqual(errors, []);
  await context.close();
});

test("use-case cards fold to one line, and the recommendation stays in view while ticking", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
    const { context, page, widget, errors } = await openUseCases("", { viewport });
    const items = widget.locator(".nvp-uc-item");
    const n = await items.count();
    for (let i = 0; i < n; i++) {
      const h = await items.nth(i).evaluate((el) => el.getBoundingClientRect().height);
      // One line of text plus padding; a name that wraps on a phone may take two.
      assert.ok(h <= (viewport.width < 600 ? 76 : 56), `card ${i} folded to a line at ${viewport.width}px (${h}px)`);
    }
    // Tick the last use case: its card and the current recommendation are both on screen.
    const last = items.nth(n - 1);
    await last.scrollIntoViewIfNeeded();
    await last.locator("input[type=checkbox]").check();
    const shown = viewport.width < 600 ? widget.locator(".nvp-uc-bar") : widget.locator('.nvp-uc [role="status"]');
    const text = await shown.innerText();
    assert.doesNotMatch(text, /Select at least one/, "the answer updated");
    const r = await shown.evaluate((el) => {
      const b = el.getBoundingClientRect();
      return { top: b.top, bottom: b.bottom, vh: innerHeight };
    });
    assert.ok(r.top >= 0 && r.bottom <= r.vh + 1, `recommendation on screen at ${viewport.width}px: ${JSON.stringify(r)}`);
    if (viewport.width < 600) {
      // "See why" jumps to the full recommendation and puts focus on its heading.
      await widget.locator(".nvp-uc-bar").getByRole("button", { name: "See why" }).click();
      const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent);
      assert.equal(focused, "Recommendation");
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("a skip button takes the keyboard past the list to the team questions", async () => {
  const { context, page, widget, errors } = await openUseCases();
  await widget.locator('input[type="search"]').focus();
  let skip = null;
  for (let i = 0; i < 40 && !skip; i++) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent ?? "");
    if (/Skip the list/.test(label)) skip = label;
  }
  assert.ok(skip, "the skip button is in the tab order after the filters");
  assert.ok(await widget.locator(".nvp-skip").isVisible(), "and visible while focused");
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent);
  assert.equal(focused, "About your team and workload");
  // The next Tab reaches the first team question, not the list.
  await page.keyboard.press("Tab");
  const name = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute("name"));
  assert.equal(name, "nvp-u-js");
  assert.deepEqual(errors, []);
  await context.close();
});
