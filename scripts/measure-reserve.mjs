// Measures each first view's real height at a range of column widths in the release build, so
// the loader can reserve the right space before a widget starts (the host page must not jump).
//
//   node scripts/measure-reserve.mjs           prints the table and how far the current one is off
//   node scripts/measure-reserve.mjs --write   also writes src/web/embed-reserve.json
//
// Rebuild afterwards (trunk build --release): scripts/make-embed.mjs copies the table into
// embed.js. Run it again whenever the widget's layout changes. Needs dist/ (or NVP_DIST) and
// Debian Chromium, like the e2e suite.
import { readFileSync, writeFileSync } from "node:fs";
import { serve, launch } from "../e2e/harness.mjs";

const RESERVE_FILE = new URL("../src/web/embed-reserve.json", import.meta.url);
/**
 * Column widths measured, every 40 px (the layout changes in steps, and the loader interpolates
 * linearly between neighbours), plus 375 px, the most common phone width.
 */
export const WIDTHS = [...Array.from({ length: 23 }, (_, i) => 320 + 40 * i), 375].sort((a, b) => a - b);
/** One series per first view, plain and compact. */
export const SERIES = ["answer", "compare", "usecases", "simulate"].flatMap((v) => [v, `${v} compact`]);

/** A narrow column usually means a phone, a wide one a desktop window around the column. */
export const windowFor = (column) => (column < 560 ? column + 32 : 1280);

/** The answer is the default widget's first view (every tab shown); the others stand alone. */
const attrs = (key) => {
  const [view, compact] = key.split(" ");
  const views = view === "answer" ? "" : `views="${view}" `;
  return `${views}lazy="false" hash="off"${compact ? " compact" : ""}`;
};

const page = (width) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>measure</title>
<style>${css(width)}</style></head><body><main>
${SERIES.map((key) => `<node-vs-python data-series="${key}" ${attrs(key)}></node-vs-python>`).join("\n")}
</main><script src="/embed.js"></script></body></html>`;

const css = (width) => `body { margin: 0; padding: 16px; } main { width: ${width}px; max-width: 100%; }
node-vs-python { margin-bottom: 40px; }`;

/** Real heights, in px, keyed by series, at one column width. */
export async function measureAt(browser, server, width) {
  const context = await browser.newContext({ viewport: { width: windowFor(width), height: 900 } });
  const p = await context.newPage();
  await p.goto(`${server.url}/measure-${width}.html`);
  await p.waitForFunction((n) => [...document.querySelectorAll("node-vs-python")]
    .filter((el) => el.shadowRoot?.querySelector(".nvp-root")).length === n, SERIES.length, { timeout: 60000 });
  // The depth views load their own module, and the simulator's result arrives after its run:
  // measure what the visitor sees once both are there.
  await p.waitForFunction(() => [...document.querySelectorAll("node-vs-python")].every((el) => {
    const root = el.shadowRoot;
    if (!root || root.querySelector(".nvp-loading")) return false;
    return !el.dataset.series.startsWith("simulate") || root.querySelector(".nvp-sim-timeline, .nvp-sim-verdict--failed, .nvp-sim-verdict--unstable");
  }), null, { timeout: 60000 });
  // Let effects and charts settle (two frames and a little time).
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
  const heights = await p.evaluate(() => Object.fromEntries([...document.querySelectorAll("node-vs-python")]
    .map((el) => [el.dataset.series, Math.round(el.getBoundingClientRect().height)])));
  await context.close();
  return heights;
}

/** Serves the build with one measuring page per width. */
export function measuringServer() {
  return serve({ pages: Object.fromEntries(WIDTHS.map((w) => [`/measure-${w}.html`, page(w)])) });
}

async function main() {
  const write = process.argv.includes("--write");
  const server = await measuringServer();
  const browser = await launch();
  const heights = Object.fromEntries(SERIES.map((key) => [key, []]));
  try {
    for (const w of WIDTHS) {
      const at = await measureAt(browser, server, w);
      for (const key of SERIES) heights[key].push(at[key]);
      process.stdout.write(`measured ${w}px\n`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const current = JSON.parse(readFileSync(RESERVE_FILE, "utf8"));
  console.log(`\nheight (px) by column width; the window is the column + 32 px below 560 px, else 1280 px`);
  console.log(["series".padEnd(18), ...WIDTHS.map((w) => String(w).padStart(6))].join(""));
  for (const key of SERIES) {
    console.log([key.padEnd(18), ...heights[key].map((h) => String(h).padStart(6))].join(""));
  }
  const off = SERIES.flatMap((key) => WIDTHS.map((w, i) => {
    const old = interpolate(current, key, w);
    return old ? Math.abs(old - heights[key][i]) / heights[key][i] : 1;
  }));
  console.log(`\ncurrent table: worst error ${(Math.max(...off) * 100).toFixed(0)} %, median ${(median(off) * 100).toFixed(0)} %`);
  if (write) {
    const table = {
      note: "Real heights of each first view by column width, measured by scripts/measure-reserve.mjs; regenerate with --write after layout changes.",
      widths: WIDTHS,
      heights,
    };
    writeFileSync(RESERVE_FILE, JSON.stringify(table, null, 2) + "\n");
    console.log("wrote src/web/embed-reserve.json; rebuild so embed.js carries it");
  }
}

function interpolate({ widths, heights }, key, width) {
  const h = heights[key];
  if (!h) return 0;
  if (width <= widths[0]) return h[0];
  for (let i = 1; i < widths.length; i++) {
    if (width <= widths[i]) return h[i - 1] + ((width - widths[i - 1]) / (widths[i] - widths[i - 1])) * (h[i] - h[i - 1]);
  }
  return h[h.length - 1];
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
