// Trunk post-build hook: writes embed.js, the stable-named loader, from
// src/web/embed.template.js with the names of this build's hashed wasm, glue and widget CSS.
// Also prints embed.js's SRI hash for hosts that pin it.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
const files = readdirSync(dir);
const one = (re, what) => {
  const hits = files.filter((f) => re.test(f));
  if (hits.length !== 1) throw new Error(`make-embed: expected one ${what} in ${dir}, found ${hits.join(", ") || "none"}`);
  return hits[0];
};
const glue = one(/^node-vs-python-[0-9a-f]+\.js$/, "wasm-bindgen glue");
const wasm = one(/^node-vs-python-[0-9a-f]+_bg\.wasm$/, "wasm module");
// The widget's own stylesheets, base layer first; the demo page's page-*.css is not the widget's.
const order = ["widget", "compare", "usecases", "simulate"];
const css = order.map((name) => one(new RegExp(`^${name}-[0-9a-f]+\\.css$`), `${name} stylesheet`));

const template = readFileSync(new URL("../src/web/embed.template.js", import.meta.url), "utf8");
const out = template
  .replace("__NVP_GLUE__", `./${glue}`)
  .replace("__NVP_WASM__", `./${wasm}`)
  .replace("__NVP_CSS__", JSON.stringify(css.map((c) => `./${c}`)));
writeFileSync(join(dir, "embed.js"), out);
const sri = "sha384-" + createHash("sha384").update(out).digest("base64");
writeFileSync(join(dir, "embed.js.sri"), sri + "\n");
console.log(`make-embed: embed.js -> ${glue}, ${wasm}, ${css.length} stylesheets; integrity ${sri}`);
