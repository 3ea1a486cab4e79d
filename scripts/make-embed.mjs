// Trunk post-build hook: writes embed.js, the stable-named loader, from
// src/web/embed.template.js with this build's hashed wasm, glue and widget CSS, the SHA-384
// hash of each (the loader refuses any file that does not match), and the reserved-height
// table from src/web/embed-reserve.json. Also writes embed.js.sri (embed.js's own hash, for
// hosts that pin it) and embed-manifest.json (the files to upload, used by the WordPress
// packaging script).
import { copyFileSync, existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
const files = readdirSync(dir);
const one = (re, what) => {
  const hits = files.filter((f) => re.test(f));
  if (hits.length !== 1) throw new Error(`make-embed: expected one ${what} in ${dir}, found ${hits.join(", ") || "none"}`);
  return hits[0];
};
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

/** Minifies a JS file in place (the wasm-bindgen glue: ES modules that must keep their exports). */
async function minifyFile(name) {
  const path = join(dir, name);
  const result = await minify(readFileSync(path, "utf8"), { module: true, compress: { passes: 2 }, mangle: true });
  writeFileSync(path, result.code);
}
const entry = (name) => ({ path: `./${name}`, integrity: sri(readFileSync(join(dir, name))) });

const glue = one(/^node-vs-python-[0-9a-f]+\.js$/, "wasm-bindgen glue");
await minifyFile(glue);
// Trunk's own preload of the glue in the demo page carries the unminified file's hash.
const pagePath = join(dir, "index.html");
if (files.includes("index.html")) {
  // Attributes may be quoted or not (Trunk minifies the page in release builds).
  const escaped = glue.replace(/[.]/g, "\\.");
  const page = readFileSync(pagePath, "utf8").replace(
    new RegExp(`(<link[^>]*href="?[^"\\s>]*${escaped}"?[^>]*integrity=)"?[^"\\s>]*"?`),
    `$1"${sri(readFileSync(join(dir, glue)))}"`,
  );
  writeFileSync(pagePath, page);
}
const wasm = one(/^node-vs-python-[0-9a-f]+_bg\.wasm$/, "wasm module");
// The widget's own stylesheets, base layer first: the first view's, then the depth views' (added
// to a widget when its depth module mounts). The demo page's page-*.css is not the widget's.
const sheet = (name) => one(new RegExp(`^${name}-[0-9a-f]+\\.css$`), `${name} stylesheet`);
const css = ["widget", "answer"].map(sheet);
const depthCss = ["compare", "usecases", "simulate"].map(sheet);

// Each glue is checked with one modulepreload; a static import in it would load unchecked.
const noImports = (name) => {
  const text = readFileSync(join(dir, name), "utf8");
  if (/^\s*import\s|^\s*export\s+\*\s+from|\bimport\s*\(\s*["'`]/m.test(text)) {
    throw new Error(`make-embed: ${name} imports other files, which the loader's integrity check would not cover`);
  }
};
noImports(glue);

// The modules Trunk builds as workers (the depth views, the simulator) are named after their
// binaries: give their files content hashes, so a new build never meets an old one in a cache.
const hashOf = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
function hashedModule(bin) {
  const wasmName = `${bin}_bg.wasm`;
  const raw = files.includes(wasmName) ? wasmName : one(new RegExp(`^${bin}-[0-9a-f]+_bg\\.wasm$`), `${bin} wasm`);
  const tag = hashOf(readFileSync(join(dir, raw)));
  const rename = (name) => {
    const target = name.replace(bin, `${bin}-${tag}`);
    renameSync(join(dir, name), join(dir, target));
    return target;
  };
  const wasmFile = raw === wasmName ? rename(wasmName) : raw;
  const glueFile = files.includes(`${bin}.js`) ? rename(`${bin}.js`) : one(new RegExp(`^${bin}-[0-9a-f]+\\.js$`), `${bin} glue`);
  noImports(glueFile);
  return { glue: glueFile, wasm: wasmFile };
}
for (const bin of ["nvp-depth", "nvp-sim-worker"]) {
  if (files.includes(`${bin}.js`)) await minifyFile(`${bin}.js`);
}
const depth = hashedModule("nvp-depth");
const { glue: simGlue, wasm: simWasm } = hashedModule("nvp-sim-worker");
const workerTemplate = readFileSync(new URL("../src/web/sim-worker.template.js", import.meta.url), "utf8");
if (!workerTemplate.includes("__NVP_SIM_GLUE__")) throw new Error("make-embed: the worker template lost its __NVP_SIM_GLUE__ marker");
const workerText = withoutComments(workerTemplate).replace("__NVP_SIM_GLUE__", `./${simGlue}`);
const simWorker = `nvp-sim-run-${hashOf(workerText)}.js`;
writeFileSync(join(dir, simWorker), workerText);

const reserve = JSON.parse(readFileSync(new URL("../src/web/embed-reserve.json", import.meta.url), "utf8"));
checkReserve(reserve);

// The reality check's report (docs/validation.md and its chart), copied beside the build so the
// Simulate view's line about it can link to it wherever the widget is hosted.
const REPORTS = [];
for (const name of ["validation.md", "validation.svg"]) {
  const from = new URL(`../docs/${name}`, import.meta.url);
  if (existsSync(from)) {
    copyFileSync(from, join(dir, name));
    REPORTS.push(name);
  }
}

const build = {
  id: glue.replace(/^node-vs-python-|\.js$/g, ""),
  glue: entry(glue),
  wasm: entry(wasm),
  css: css.map(entry),
  depth: { glue: entry(depth.glue), wasm: entry(depth.wasm), css: depthCss.map(entry) },
  sim: { glue: entry(simGlue), wasm: entry(simWasm), worker: entry(simWorker) },
  reserve: { widths: reserve.widths, heights: reserve.heights },
  report: REPORTS.includes("validation.md") ? "./validation.md" : null,
};

const template = readFileSync(new URL("../src/web/embed.template.js", import.meta.url), "utf8");
if (!template.includes("__NVP_BUILD__")) throw new Error("make-embed: the template lost its __NVP_BUILD__ marker");
const loader = (await minify(template.replaceAll("__NVP_BUILD__", JSON.stringify(build)), {
  compress: { passes: 2 },
  mangle: true,
})).code;
const out = "// node-vs-python loader, generated by scripts/make-embed.mjs from src/web/embed.template.js\n" + loader + "\n";
writeFileSync(join(dir, "embed.js"), out);
const loaderSri = sri(out);
writeFileSync(join(dir, "embed.js.sri"), loaderSri + "\n");
const manifest = {
  loader: "embed.js",
  integrity: loaderSri,
  files: ["embed.js", glue, wasm, ...css, depth.glue, depth.wasm, ...depthCss, simGlue, simWasm, simWorker],
  // Not loaded by the widget: the reality check's report its Simulate view links to.
  reports: REPORTS,
};
writeFileSync(join(dir, "embed-manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`make-embed: embed.js -> ${glue}, ${wasm}, ${css.length + depthCss.length} stylesheets, depth ${depth.glue} + ${depth.wasm}, simulator ${simGlue} + ${simWasm} + ${simWorker}, each pinned by SHA-384; integrity ${loaderSri}`);

/**
 * Drops whole-line comments and indentation, which are most of the template's bytes; the
 * template is the readable source. Comments after code on a line are kept.
 */
function withoutComments(source) {
  return source
    .replace(/^\s*\/\*\*[\s\S]*?\*\/[ \t]*$/gm, "")
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n") + "\n";
}

/** The table must be usable by the loader: increasing widths, one positive height per width. */
function checkReserve({ widths, heights }) {
  const ok = Array.isArray(widths) && widths.length > 0
    && widths.every((w, i) => Number.isFinite(w) && (i === 0 || w > widths[i - 1]))
    && heights && Object.keys(heights).length > 0
    && Object.values(heights).every((h) => Array.isArray(h) && h.length === widths.length && h.every((v) => v > 0));
  if (!ok) throw new Error("make-embed: src/web/embed-reserve.json is malformed; regenerate it with node scripts/measure-reserve.mjs --write");
}
