// Where the wasm bytes go, per crate and per function, for each of the three modules (a report,
// not a test). Reads the release wasm that `trunk build --release` leaves in target/ before
// wasm-bindgen and wasm-opt run (it still has its name section), lists it with twiggy, and adds up
// code and data by the crate each function belongs to.
//
//   node scripts/wasm-breakdown.mjs [--top N]
//
// Sizes are before wasm-opt (which shrinks the whole by about a third) and before gzip, so read
// the shares, not the bytes. Needs twiggy (`cargo install twiggy`).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const TARGET = "target/wasm32-unknown-unknown/release";
const MODULES = [
  ["first view", "node-vs-python"],
  ["depth views", "nvp-depth"],
  ["simulator", "nvp-sim-worker"],
];
const top = Number(process.argv[process.argv.indexOf("--top") + 1]) || 8;

/** The crate a (demangled) function name belongs to: `<nvp_sim::x as T>::f` is nvp_sim's. */
function crateOf(name) {
  if (name.startsWith("data segment")) return "(static data)";
  if (/^(code|type|import|export|table|elem|global|memory|func)\[/.test(name) || name.startsWith("\"")) return "(wasm tables and headers)";
  // Crate names may carry a disambiguator: core[c5930c85a12de822]::fmt.
  const plain = name.replace(/\[[0-9a-f]{16}\]/g, "");
  // `<F as yew::Trait>::f` with a generic F belongs to the trait's crate.
  const impl = plain.match(/^<&?(?:mut )?([A-Za-z_][A-Za-z0-9_]*)(?:<[^>]*>)? as ([A-Za-z_][A-Za-z0-9_]*)::/);
  const n = impl && !plain.includes(`${impl[1]}::`) ? `${impl[2]}::`
    : plain.replace(/^<+/, "").replace(/^&(mut )?/, "").replace(/^\[/, "").replace(/^dyn /, "");
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  const RUST = ["core", "alloc", "std", "__rustc", "dlmalloc", "compiler_builtins"];
  if (!m) {
    // Primitive types' methods (<char>::…, <str as …>) are the standard library's.
    if (/^(char|str|u\d+|i\d+|f\d+|usize|isize|bool)\b/.test(n)) return "core, alloc, std";
    return "(wasm-bindgen exports and imports)";
  }
  return RUST.includes(m[1]) ? "core, alloc, std" : m[1];
}

const pct = (x, total) => `${((100 * x) / total).toFixed(1)} %`;
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;

for (const [label, file] of MODULES) {
  const path = `${TARGET}/${file}.wasm`;
  if (!existsSync(path)) {
    console.log(`\n${label}: ${path} is missing; run trunk build --release first.`);
    continue;
  }
  const rows = JSON.parse(execFileSync("twiggy", ["top", "-n", "1000000", "--format", "json", path], { maxBuffer: 1 << 28 }));
  // Custom sections (names, wasm-bindgen's schema) never ship: wasm-bindgen and wasm-opt drop them.
  // Neither do wasm-bindgen's describe functions, which the CLI interprets and removes.
  const shipped = rows.filter((r) => !r.name.startsWith("custom section") && !r.name.includes("subsection")
    && !r.name.startsWith("Σ") && !r.name.startsWith("...")
    && !/^(export ")?__wbindgen_describe/.test(r.name) && !r.name.includes("WasmDescribe>::describe"));
  const total = shipped.reduce((s, r) => s + r.shallow_size, 0);
  const byCrate = new Map();
  for (const r of shipped) byCrate.set(crateOf(r.name), (byCrate.get(crateOf(r.name)) ?? 0) + r.shallow_size);
  console.log(`\n### ${label} (${file}.wasm): ${kb(total)} of code and data before wasm-opt\n`);
  console.log("| crate | bytes | share |\n|---|---|---|");
  const sorted = [...byCrate].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 12);
  for (const [c, b] of shown) console.log(`| ${c} | ${kb(b)} | ${pct(b, total)} |`);
  const rest = sorted.slice(12).reduce((s, [, b]) => s + b, 0);
  if (rest) console.log(`| ${sorted.length - 12} more | ${kb(rest)} | ${pct(rest, total)} |`);
  console.log(`\nLargest functions:\n`);
  console.log("| function | bytes |\n|---|---|");
  for (const r of shipped.filter((r) => !r.name.startsWith("data segment")).slice(0, top)) {
    const name = r.name.replace(/::h[0-9a-f]{16}$/, "").replace(/\|/g, "\\|");
    console.log(`| \`${name.length > 110 ? `${name.slice(0, 107)}…` : name}\` | ${r.shallow_size.toLocaleString("en")} |`);
  }
}
