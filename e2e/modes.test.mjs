// Dark mode, reduced motion and print, across every view of the widget.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, widgetsReady, seriousViolations, screenshot } from "./harness.mjs";

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const VIEWS = ["Compare", "Use cases", "Simulate"];

async function showView(page, name) {
  const widget = page.locator("node-vs-python").first();
  await widget.locator('[role="tab"]', { hasText: name }).click();
  await page.waitForTimeout(300);
  return widget;
}

test("dark mode: dark colours and no serious axe violations in any view", async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}/`, { colorScheme: "dark" });
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
  const { context, page, errors } = await openPage(browser, `${server.url}/`, { reducedMotion: "reduce" });
  await widgetsReady(page, 2);
  for (const name of VIEWS) {
    await showView(page, name);
    const running = await page.evaluate(() =>
      [...document.querySelectorAll("node-vs-python")].flatMap((h) => h.shadowRoot.getAnimations())
        .filter((a) => a.playState === "running" && a.effect?.getTiming().duration > 1).length);
    assert.equal(running, 0, `${name}: no CSS animation runs`);
  }
  // The simulator's timeline starts paused: its play control offers to play.
  const widget = page.locator("node-vs-python").first();
  const play = widget.locator("button", { hasText: /^(Play|▶)/ });
  if (await play.count()) {
    const t0 = await widget.locator("[data-nvp-now]").first().getAttribute("data-nvp-now").catch(() => null);
    await page.waitForTimeout(600);
    const t1 = await widget.locator("[data-nvp-now]").first().getAttribute("data-nvp-now").catch(() => null);
    assert.equal(t1, t0, "the timeline cursor does not move by itself");
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("print: the open view prints as a clean document without controls", async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}/`);
  await widgetsReady(page, 2);
  await page.emulateMedia({ media: "print" });
  const widget = page.locator("node-vs-python").first();
  assert.equal(await widget.locator('[role="tablist"]').isVisible(), false, "no tab bar on paper");
  const table = widget.locator("table").first();
  assert.ok(await table.isVisible(), "the matrix prints");
  const colour = await widget.locator(".nvp-root").evaluate((el) => getComputedStyle(el).color);
  assert.equal(colour, "rgb(0, 0, 0)");
  await screenshot(page, "modes-print");
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10_000, "a PDF is produced");
  assert.deepEqual(errors, []);
  await context.close();
});
