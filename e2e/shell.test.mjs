// The foundation: the demo page, both widget instances, tabs by keyboard, axe, screenshots.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, widgetsReady, seriousViolations, screenshot } from "./harness.mjs";

const env = withBrowser();

test("the demo page renders both widget instances without errors", async () => {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/`);
  await widgetsReady(page, 2);
  const roots = page.locator("node-vs-python .nvp-root");
  assert.equal(await roots.count(), 2);
  // The first shows four tabs, the answer first; the compact second shows only the simulator,
  // without a tab list.
  assert.deepEqual(await roots.nth(0).locator('[role="tab"]').allInnerTexts(), ["Answer", "Compare", "Use cases", "Simulate"]);
  assert.equal(await roots.nth(1).locator('[role="tab"]').count(), 0);
  assert.ok(await roots.nth(1).evaluate((el) => el.classList.contains("nvp-root--compact")));
  // The widget never takes over the page: the host's content and title are intact.
  assert.equal(await page.title(), "Stackwise — Node.js or Python for your next backend?");
  assert.ok(await page.locator("h1", { hasText: "Node.js or Python" }).isVisible());
  // Ids are unique across both instances.
  const dupes = await page.evaluate(() => {
    const scopes = [document, ...[...document.querySelectorAll("node-vs-python")].map((h) => h.shadowRoot)];
    const ids = scopes.flatMap((s) => [...s.querySelectorAll("[id]")].map((e) => e.id));
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(dupes, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("tabs follow the WAI-ARIA pattern by keyboard", async () => {
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/`);
  await widgetsReady(page, 2);
  const widget = page.locator("node-vs-python").first();
  const tabs = widget.locator('[role="tab"]');
  const selected = () => widget.locator('[role="tab"][aria-selected="true"]').innerText();
  // Exactly one tab is in the Tab order.
  assert.deepEqual(await tabs.evaluateAll((ts) => ts.map((t) => t.tabIndex)), [0, -1, -1, -1]);
  assert.equal(await selected(), "Answer", "the widget opens on the answer");
  await tabs.first().focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await selected(), "Compare");
  await page.keyboard.press("ArrowRight");
  assert.equal(await selected(), "Use cases");
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot.activeElement.textContent), "Use cases");
  assert.ok(await widget.locator('[role="tabpanel"][id$="panel-usecases"]').isVisible());
  assert.ok(!(await widget.locator('[role="tabpanel"][id$="panel-answer"]').isVisible()));
  await page.keyboard.press("End");
  assert.equal(await selected(), "Simulate");
  await page.keyboard.press("ArrowRight");
  assert.equal(await selected(), "Answer", "arrows wrap around");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await selected(), "Simulate");
  await page.keyboard.press("Home");
  assert.equal(await selected(), "Answer");
  // Tab moves from the tab list into the active panel, not to the next tab.
  await page.keyboard.press("Tab");
  const focusedInPanel = await page.evaluate(() => !!document.activeElement.shadowRoot.activeElement.closest('[role="tabpanel"]'));
  assert.ok(focusedInPanel);
  // The active tab is shareable through the (namespaced) hash.
  await tabs.nth(3).click();
  assert.match(await page.evaluate(() => location.hash), /nvp\.tab=simulate/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link with a tab restores it, and a garbage hash is survived with a notice", async () => {
  let { context, page, errors } = await openPage(env.browser, `${env.server.url}/#nvp.tab=usecases`);
  assert.deepEqual(errors, []);
  await widgetsReady(page, 2);
  const widget = page.locator("node-vs-python").first();
  assert.equal(await widget.locator('[role="tab"][aria-selected="true"]').innerText(), "Use cases");
  await context.close();
  ({ context, page, errors } = await openPage(env.browser, `${env.server.url}/#nvp.tab=%3Cimg%20src=x%20onerror=alert(1)%3E&nvp.%ZZ=1`));
  await widgetsReady(page, 2);
  const fresh = page.locator("node-vs-python").first();
  assert.equal(await fresh.locator('[role="tab"][aria-selected="true"]').innerText(), "Answer");
  const notice = await page.locator("node-vs-python").first().locator(".nvp-notices").innerText();
  assert.match(notice, /does not show/);
  assert.equal(await page.locator("node-vs-python img").count(), 0, "no markup from the hash");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a click inside a tab's view runs that view's handler, never one of the shell's", async () => {
  // The shell and the depth views are two Yew apps, one inside the other; the shell's Yew once
  // took a click on Compare's "Show the points tables" (at 375 px) for a click on the Simulate tab.
  const { context, page, errors } = await openPage(env.browser, `${env.server.url}/#nvp.tab=compare`, {
    viewport: { width: 375, height: 740 },
  });
  await widgetsReady(page, 2);
  const widget = page.locator("node-vs-python").first();
  const selected = () => widget.locator('[role="tab"][aria-selected="true"]').innerText();
  const toggle = widget.locator(".nvp-c-fit__toggle");
  await toggle.click();
  assert.equal(await selected(), "Compare");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true", "the view's own handler ran");
  for (const [tab, name] of [["compare", "Compare"], ["usecases", "Use cases"], ["simulate", "Simulate"]]) {
    await widget.locator('[role="tab"]', { hasText: name }).click();
    const host = widget.locator(".nvp-depth-host").filter({ visible: true });
    await host.locator("button").filter({ visible: true }).first().waitFor();
    let clicked = 0;
    // Skip links show only on focus; the rest are every button a visitor can see.
    for (const button of await host.locator("button:not(.nvp-skip)").all()) {
      if (clicked >= 12) break;
      const label = (await button.innerText()).trim();
      // These ask for another tab on purpose.
      if (/simulat|compare|full simulator/i.test(label)) continue;
      if (!(await button.isVisible()) || !(await button.isEnabled())) continue;
      await button.click({ timeout: 5000 });
      clicked += 1;
      assert.equal(await selected(), name, `${tab}: "${label}" left the tab`);
    }
    assert.ok(clicked >= 3, `${tab}: clicked ${clicked} buttons`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe finds no serious or critical violations, light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await openPage(env.browser, `${env.server.url}/`, { colorScheme });
    await widgetsReady(page, 2);
    assert.deepEqual(await seriousViolations(page), [], colorScheme);
    await context.close();
  }
});

test("full-page screenshots at 1280x800 and 375x740", async () => {
  for (const [name, viewport] of [["desktop-1280", { width: 1280, height: 800 }], ["mobile-375", { width: 375, height: 740 }]]) {
    const { context, page, errors } = await openPage(env.browser, `${env.server.url}/`, { viewport });
    await widgetsReady(page, 2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
    await screenshot(page, `shell-${name}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
