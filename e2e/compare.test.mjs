// The Compare tab in Chromium: weights, presets, filter, shareable links, keyboard, axe.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, widgetsReady, seriousViolations, screenshot } from "./harness.mjs";

const env = withBrowser();

async function compare(url, contextOptions) {
  const opened = await openPage(env.browser, url, contextOptions);
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
  const ai = root.getByLabel("AI/ML ecosystem");
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
  assert.equal(await root.getByLabel("AI/ML ecosystem").inputValue(), "5");
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
    await screenshot(page, name);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
