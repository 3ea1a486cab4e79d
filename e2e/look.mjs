// A quick look for a developer, not a test: serves dist/, opens the demo page at a width, waits
// for the widgets, optionally opens a tab, and saves a screenshot. `node e2e/look.mjs out.png
// 1280 [tab] [fullpage]`.
import { serve, launch } from "./harness.mjs";

const [out = "look.png", width = "1280", tab = "", full = ""] = process.argv.slice(2);
const server = await serve();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: Number(width), height: Number(width) < 600 ? 740 : 800 } });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() !== "debug") console.log(`[${m.type()}] ${m.text()}`); });
  page.on("pageerror", (e) => console.log(`[pageerror] ${e.message}`));
  await page.goto(`${server.url}/${tab ? `#nvp.tab=${tab}` : ""}`);
  await page.waitForFunction(() => document.querySelector("node-vs-python")?.shadowRoot?.querySelector(".nvp-root"), null, { timeout: 20000 });
  if (tab) {
    await page.evaluate(() => document.querySelector("node-vs-python").scrollIntoView());
  }
  await page.waitForTimeout(2500);
  await page.screenshot({ path: out, fullPage: full === "full" });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  await server.close();
}
