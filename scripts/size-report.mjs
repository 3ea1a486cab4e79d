// Size report for the release build: raw, gzip -9 and brotli (max quality) bytes of every file
// in dist/, grouped by when a visitor downloads it:
//   first view  — embed.js, the first module (shell + answer), its glue and stylesheets;
//   depth views — the Compare / Use cases / Simulate module and stylesheets, on idle or on demand;
//   simulator   — the engine's module, glue and worker script, when an experiment first runs.
// Fails when the first view's wasm + js + css exceed BUDGET_GZIP_BYTES (gzip).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, extname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** What the first view may cost, gzip -9: the project's original budget. */
export const BUDGET_GZIP_BYTES = 160 * 1000;
const COUNTED = new Set([".wasm", ".js", ".css"]);

/** Which download a file belongs to; null for files the widget never loads (the demo page's). */
export function group(file) {
  if (/^page-[0-9a-f]+\.css$/.test(file) || !COUNTED.has(extname(file))) return null;
  if (/^nvp-depth-|^(compare|usecases|simulate)-[0-9a-f]+\.css$/.test(file)) return "depth views";
  if (/^nvp-sim-/.test(file)) return "simulator";
  return "first view";
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? (name.startsWith(".") ? [] : walk(path)) : [path];
  });
}

export function measure(dir) {
  return walk(dir).sort().map((path) => {
    const bytes = readFileSync(path);
    const file = relative(dir, path);
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
      }).length,
      group: group(file),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const rows = measure(dir);
  if (rows.length === 0) {
    console.error(`size report: ${dir}/ is empty; run trunk build --release first`);
    process.exit(1);
  }
  const pad = (v, n) => String(v).padStart(n);
  const line = (label, r) => console.log(`${label.padEnd(52)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`);
  const sum = (rs) => ({
    raw: rs.reduce((a, r) => a + r.raw, 0),
    gzip: rs.reduce((a, r) => a + r.gzip, 0),
    brotli: rs.reduce((a, r) => a + r.brotli, 0),
  });
  console.log(`${"file".padEnd(52)} ${pad("raw", 9)} ${pad("gzip", 9)} ${pad("brotli", 9)}`);
  for (const g of ["first view", "depth views", "simulator"]) {
    const rs = rows.filter((r) => r.group === g);
    for (const r of rs) line(`  ${r.file}`, r);
    line(`${g} (wasm + js + css)`, sum(rs));
  }
  for (const r of rows.filter((r) => r.group === null)) line(`  ${r.file} (not the widget's)`, r);
  line("everything the widget can load", sum(rows.filter((r) => r.group !== null)));
  const first = sum(rows.filter((r) => r.group === "first view")).gzip;
  const pct = ((100 * first) / BUDGET_GZIP_BYTES).toFixed(1);
  if (first > BUDGET_GZIP_BYTES) {
    console.error(`size report: FAIL: the first view is ${first} B gzip, over the ${BUDGET_GZIP_BYTES} B budget`);
    process.exit(1);
  }
  console.log(`size report: ok: the first view is ${first} B gzip, ${pct}% of the ${BUDGET_GZIP_BYTES} B budget`);
}
