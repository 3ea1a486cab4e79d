// Dark mode, reduced motion and print, across every view of the widget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, widgetsReady, seriousViolations, screenshot } from "./harness.mjs";

const env = withBrowser();

const VIEWS = ["Compare", "Use cases", "Simulate"];

async function showView(page, name) {
  const widget = page.locator("node-vs-python").first();
  await widget.locator('[role="tab"]', { hasText: name }).click();
  await page.waitForTimeout(300);
  return widget;
}

test("dark mode: dark colours and no serious axe violations in any view", async () => {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/`, { colorScheme: "dark" });
  await widgetsReady(page, 2);
  for (const name of VIEWS) {
    const widget = await showView(page, name);
    const bg = await widget.locator(".nvp-root").evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, "rgb(21, 24, 33)", `${name}: dark background`);
    assert.deepEqual(await seriousViolations(page), [], name);
  }
  // The theme option overrides the system preference.
  await page.evaluate(() => {
    const el = document.createElement("node-vs-python");
    el.setAttribute("theme", "light");
    el.setAttribute("lazy", "false");
    el.id = "forced-light";
    document.body.prepend(el);
  });
  await page.waitForFunction(() => document.getElementById("forced-light").shadowRoot?.querySelector(".nvp-root"));
  const light = await page.locator("#forced-light .nvp-root").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(light, "rgb(255, 255, 255)");
  await screenshot(page, "modes-dark-1280");
  assert.deepEqual(errors, []);
  await context.close();
});

test("reduced motion: nothing animates or auto-plays", async () => {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/`, { reducedMotion: "reduce" });
  await widgetsReady(page, 2);
  for (const name of VIEWS) {
    await showView(page, name);
    const running = await page.evaluate(() =>
      [...document.querySelectorAll("node-vs-python")].flatMap((h) => h.shadowRoot.getAnimations())
        .filter((a) => a.playState === "running" && a.effect?.getTiming().duration > 1).length);
    assert.equal(running, 0, `${name}: no CSS animation runs`);
  }
  // The simulator's timeline (open now, it was the last view) starts paused and stays still.
  const widget = page.locator("node-vs-python").first();
  const now = widget.locator(".nvp-sim-now-text");
  await now.waitFor();
  const t0 = await now.innerText();
  await page.waitForTimeout(700);
  assert.equal(await now.innerText(), t0, "the timeline cursor does not move by itself");
  assert.match(await widget.locator("#nvp-s-tl-play").innerText(), /Play/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("print: the open view prints as a clean document without controls", async () => {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/#nvp.tab=compare`);
  await widgetsReady(page, 2);
  await page.emulateMedia({ media: "print" });
  const widget = page.locator("node-vs-python").first();
  assert.equal(await widget.locator('[role="tablist"]').isVisible(), false, "no tab bar on paper");
  const table = widget.locator("table.nvp-c-matrix");
  await table.waitFor({ state: "attached", timeout: 20000 });
  assert.ok(await table.isVisible(), "the matrix prints");
  const colour = await widget.locator(".nvp-root").evaluate((el) => getComputedStyle(el).color);
  assert.equal(colour, "rgb(0, 0, 0)");
  await screenshot(page, "modes-print");
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10_000, "a PDF is produced");
  assert.deepEqual(errors, []);
  await context.close();
});
