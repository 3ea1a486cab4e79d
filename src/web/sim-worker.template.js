// node-vs-python simulator worker. A module worker that runs the engine's own wasm module
// (built from crates/worker), so the page's main thread stays free while a run computes.
// scripts/make-embed.mjs writes it next to the build with the hashed glue's name filled in.
//
// Protocol (messages from embed.js):
//   { type: "init", wasm: ArrayBuffer }        → { type: "ready" } or { type: "error", message }
//   { type: "run", id, settings: Uint8Array }  → { type: "progress", id, done, total }…
//                                                then { type: "result", id, bytes } or { type: "error", id, message }
// The wasm bytes come from embed.js, which fetched them with their integrity hash.
import init, { Session } from "__NVP_SIM_GLUE__";

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      ready = init({ module_or_path: data.wasm });
      await ready;
      self.postMessage({ type: "ready" });
    } catch (err) {
      self.postMessage({ type: "error", message: String(err?.message ?? err) });
    }
    return;
  }
  if (data.type !== "run") return;
  try {
    await ready;
    const session = new Session(data.settings);
    let last = 0;
    while (session.step()) {
      const now = performance.now();
      if (now - last > 30) {
        last = now;
        self.postMessage({ type: "progress", id: data.id, done: session.done(), total: session.total() });
      }
    }
    const bytes = session.finish();
    session.free();
    self.postMessage({ type: "result", id: data.id, bytes }, [bytes.buffer]);
  } catch (err) {
    self.postMessage({ type: "error", id: data.id, message: String(err?.message ?? err) });
  }
};
