// node-vs-python loader. Served under a stable name (embed.js) so a host's snippet never
// changes; it names the content-hashed wasm, glue and CSS of the build it ships with and
// carries their SHA-384 hashes, so an `integrity` on embed.js pins every file of the build.
// scripts/make-embed.mjs fills in __NVP_BUILD__ after each Trunk build.
//
// It defines <node-vs-python>, mounts <div data-node-vs-python> (the form that survives HTML
// sanitisers) and window.NodeVsPython.mount(element, options). Each widget renders in an open
// shadow root, so the host's CSS cannot reach it and its CSS cannot leak out. It uses no inline
// script and no style attributes, so it runs under a strict CSP. It is a classic script (no
// import/export), so CMSs that only take plain <script src> can load it; type="module" works too.
(() => {
if (window.NodeVsPython) return; // loaded twice: the first copy already serves the page

/**
 * This build: file paths relative to the loader, their SRI hashes, and the reserved heights
 * (`reserve.widths` in px, `reserve.heights[series]` one per width; see scripts/measure-reserve.mjs).
 */
const BUILD = __NVP_BUILD__;

// Captured now: document.currentScript is only set while this file first runs (and is null
// for modules and for scripts some optimisers inject).
const OWN_SRC = document.currentScript?.src || "";
const OWN_BASE = document.currentScript?.getAttribute("data-nvp-base") || "";

/** Prefix of every console line, so site owners can filter for it. */
const TAG = "node-vs-python";
const GUIDE = "see “Hosting the files” in the node-vs-python embedding guide";

/**
 * The folder the widget's files are served from. An explicit setting wins, because when an
 * optimiser combines or moves scripts the loader's own address is no longer that folder.
 */
function baseUrl() {
  const explicit = window.NodeVsPythonConfig?.base
    || OWN_BASE
    || document.querySelector("script[data-nvp-base]")?.getAttribute("data-nvp-base")
    || document.querySelector('meta[name="node-vs-python-base"]')?.content;
  if (explicit) {
    const folder = String(explicit).trim();
    return new URL(folder.endsWith("/") ? folder : `${folder}/`, document.baseURI).href;
  }
  return OWN_SRC
    || [...document.scripts].map((s) => s.src).find((src) => /\/embed\.js(\?|#|$)/.test(src))
    || document.baseURI;
}

/** A start failure whose message is for the site owner reading the console. */
class LoadError extends Error {}

/** Fetches `url` again, without the integrity check, to say why a checked load failed. */
async function diagnose(url, integrity, expectedType) {
  let response;
  try {
    response = await fetch(url, { cache: "no-store" });
  } catch {
    if (new URL(url).origin !== location.origin) {
      try {
        await fetch(url, { mode: "no-cors", cache: "no-store" });
        return `${url} is on another origin and came without the Access-Control-Allow-Origin `
          + `header, so the browser blocked it. Make that server send `
          + `"Access-Control-Allow-Origin: *" for the widget's files (${GUIDE}).`;
      } catch { /* not reachable at all: fall through */ }
    }
    return `${url} could not be fetched: the address is wrong, the network failed, or the page's `
      + `Content-Security-Policy blocks it (the browser logs which). Check the files' folder (${GUIDE}).`;
  }
  if (!response.ok) {
    return `${url} answered HTTP ${response.status}. Upload every file of the build next to `
      + `embed.js; if your site combines or moves scripts, tell the loader where the files are `
      + `with data-nvp-base (${GUIDE}).`;
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (expectedType && !expectedType.test(type)) {
    return `${url} is served as Content-Type "${type || "none"}", which browsers refuse for this `
      + `file; serve .js as text/javascript, .css as text/css and .wasm as application/wasm (${GUIDE}).`;
  }
  let actual = "";
  if (globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest("SHA-384", await response.arrayBuffer());
    actual = ` (its hash is sha384-${btoa(String.fromCharCode(...new Uint8Array(digest)))})`;
  }
  return `${url} does not match the hash ${integrity} that embed.js carries${actual}, so it was `
    + `refused. The file was changed, or it belongs to another build: upload embed.js and the `
    + `files of the same build together.`;
}

/**
 * Checks the glue before it runs: a modulepreload with `integrity` puts the checked module in
 * the page's module map, and the import() that follows takes it from there.
 */
function preloadModule(url, integrity) {
  const link = document.createElement("link");
  if (!link.relList.supports("modulepreload")) {
    // Older browsers: check the bytes with fetch(); import() then reads the same cached file.
    return fetch(url, { integrity }).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
    }).catch(async () => {
      throw new LoadError(await diagnose(url, integrity, /javascript|ecmascript/));
    });
  }
  return new Promise((resolve, reject) => {
    link.rel = "modulepreload";
    link.href = url;
    link.integrity = integrity;
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", () => {
      diagnose(url, integrity, /javascript|ecmascript/).then((why) => reject(new LoadError(why)));
    }, { once: true });
    document.head.append(link);
  });
}

/** Fetches the wasm with `integrity`; the glue compiles the checked response. */
async function fetchWasm(url, integrity) {
  let response;
  try {
    response = await fetch(url, { integrity });
  } catch {
    throw new LoadError(await diagnose(url, integrity, null));
  }
  if (!response.ok) throw new LoadError(await diagnose(url, integrity, null));
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("application/wasm")) {
    console.warn(`${TAG}: ${url} is served as Content-Type "${type}"; serve .wasm files as `
      + `application/wasm so browsers can compile while downloading (${GUIDE}).`);
  }
  return response;
}

let loading;
/** Loads and checks the glue and wasm once per page; every widget shares the result. */
function load() {
  loading ??= (async () => {
    const base = baseUrl();
    const at = (file) => new URL(file.path, base).href;
    const wasm = fetchWasm(at(BUILD.wasm), BUILD.wasm.integrity);
    wasm.catch(() => {}); // reported below, after the glue
    const glueUrl = at(BUILD.glue);
    await preloadModule(glueUrl, BUILD.glue.integrity);
    const glue = await import(glueUrl);
    await glue.default({ module_or_path: wasm });
    const styles = BUILD.css.map((file) => ({ href: at(file), integrity: file.integrity }));
    return { glue, styles };
  })();
  return loading;
}

/** Adds the widget's stylesheets, each checked against its hash, and waits for them. */
function addStyles(shadow, styles) {
  return Promise.all(styles.map(({ href, integrity }) => new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.crossOrigin = "anonymous";
    link.integrity = integrity;
    link.href = href;
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", () => {
      diagnose(href, integrity, /^text\/css$/).then((why) => reject(new LoadError(why)));
    }, { once: true });
    shadow.append(link);
  })));
}

// ---- The simulator ----------------------------------------------------------------------
//
// The engine is its own wasm module, fetched the first time a widget runs an experiment (the
// first view never waits for it). It runs in a module Web Worker when the page allows one: the
// worker must be same-origin, and the page's CSP must allow it (`worker-src`, or `script-src`
// 'self' when there is none). Otherwise the same module runs on the main thread, one simulated
// run at a time, yielding to the browser between runs, with the same result.

let simLoading;

/** Yields to the browser: a macrotask, so input and painting get their turn. */
function yieldToBrowser() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Starts the worker and hands it the checked wasm; resolves when it is ready. */
function startWorker(url, wasm) {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(url, { type: "module", name: "node-vs-python simulator" });
    } catch (err) {
      reject(err);
      return;
    }
    const fail = (why) => {
      worker.terminate();
      reject(new Error(why));
    };
    const timer = setTimeout(() => fail("the worker did not start within 10 s"), 10_000);
    worker.onerror = (e) => {
      clearTimeout(timer);
      fail(e.message || "the worker could not load (a Content-Security-Policy may forbid it)");
    };
    worker.onmessage = ({ data }) => {
      clearTimeout(timer);
      if (data.type === "ready") resolve(worker);
      else fail(data.message ?? "the worker failed to start");
    };
    worker.postMessage({ type: "init", wasm: wasm.slice(0) });
  });
}

/** The simulator's module, loaded once per page: in a worker, or on the main thread. */
function loadSimulator() {
  simLoading ??= (async () => {
    const base = baseUrl();
    const at = (file) => new URL(file.path, base).href;
    const wasmUrl = at(BUILD.sim.wasm);
    const wasm = await fetchWasm(wasmUrl, BUILD.sim.wasm.integrity).then((r) => r.arrayBuffer());
    const glueUrl = at(BUILD.sim.glue);
    const workerUrl = at(BUILD.sim.worker);
    let why = "Web Workers are not available";
    if (typeof Worker === "function") {
      if (new URL(workerUrl).origin !== location.origin) {
        why = "the widget's files are on another origin, and a worker must be same-origin";
      } else {
        try {
          // Checked here, so the worker's module loads come from files whose hashes matched.
          await Promise.all([
            fetch(workerUrl, { integrity: BUILD.sim.worker.integrity }),
            fetch(glueUrl, { integrity: BUILD.sim.glue.integrity }),
          ]);
          return { worker: await startWorker(workerUrl, wasm), mode: "worker" };
        } catch (err) {
          why = String(err?.message ?? err);
        }
      }
    }
    console.info(`${TAG}: running the simulator on the main thread in slices (${why}).`);
    await preloadModule(glueUrl, BUILD.sim.glue.integrity);
    const module = await import(glueUrl);
    await module.default({ module_or_path: wasm });
    return { module, mode: "main" };
  })();
  return simLoading;
}

let nextRun = 0;
const workerRuns = new Map();

/** Runs one experiment on postcard `settings`; resolves with the postcard outcome, or with
 * null when a newer request from the same widget (`caller`) superseded it before it finished.
 * Each widget has its own caller, so one widget's run never cancels another's. */
async function simulate(caller, settings, onProgress) {
  const id = ++nextRun;
  caller.latest = id;
  const sim = await loadSimulator();
  if (id !== caller.latest) return null;
  if (sim.mode === "worker") {
    if (!sim.worker.onmessage || sim.worker.onmessage.nvp !== true) {
      const handler = ({ data }) => {
        const run = workerRuns.get(data.id);
        if (!run) return;
        if (data.type === "progress") run.onProgress?.(data.done, data.total);
        else {
          workerRuns.delete(data.id);
          if (data.type === "result") run.resolve(data.bytes);
          else run.reject(new Error(data.message));
        }
      };
      handler.nvp = true;
      sim.worker.onmessage = handler;
    }
    return new Promise((resolve, reject) => {
      workerRuns.set(id, { resolve, reject, onProgress });
      sim.worker.postMessage({ type: "run", id, settings });
    });
  }
  const session = new sim.module.Session(settings);
  try {
    while (session.step()) {
      onProgress?.(session.done(), session.total());
      await yieldToBrowser();
      if (id !== caller.latest) return null;
    }
    return session.finish();
  } finally {
    session.free();
  }
}

/** A simulator for one widget: its runs supersede only its own earlier ones. All share the
 * module (and the worker) loaded once per page. */
function simulatorFor() {
  const caller = { latest: 0 };
  return Object.freeze({
    run: (settings, onProgress) => simulate(caller, settings, onProgress),
    mode: async () => (await loadSimulator()).mode,
  });
}
const SIMULATOR = simulatorFor();

// ---- The depth views ---------------------------------------------------------------------
//
// Compare, Use cases and Simulate are their own wasm module (crates/depth), so the first view
// never waits for them. It is fetched when the browser is idle after a widget has started, or
// at once when a depth tab opens. Each widget's shadow root gets the depth views' stylesheets
// (each checked against its hash) before a view mounts.

let depthLoading;
function loadDepth() {
  depthLoading ??= (async () => {
    const base = baseUrl();
    const at = (file) => new URL(file.path, base).href;
    const wasm = fetchWasm(at(BUILD.depth.wasm), BUILD.depth.wasm.integrity);
    wasm.catch(() => {}); // reported below, after the glue
    const glueUrl = at(BUILD.depth.glue);
    await preloadModule(glueUrl, BUILD.depth.glue.integrity);
    const module = await import(glueUrl);
    await module.default({ module_or_path: wasm });
    const styles = BUILD.depth.css.map((file) => ({ href: at(file), integrity: file.integrity }));
    return { module, styles };
  })();
  return depthLoading;
}

/** Starts loading the depth module when the browser has nothing better to do. */
function prefetchDepth() {
  const go = () => loadDepth().catch(() => {}); // a real failure is reported when a tab needs it
  if ("requestIdleCallback" in window) requestIdleCallback(go, { timeout: 4000 });
  else setTimeout(go, 1500);
}

const depthStyled = new WeakSet();
/** What the first module is handed: mounts a depth view into `element` (inside a widget). */
const DEPTH = Object.freeze({
  async mount(element, config) {
    try {
      const { module, styles } = await loadDepth();
      const root = element.getRootNode();
      if (root instanceof ShadowRoot && !depthStyled.has(root)) {
        depthStyled.add(root);
        await addStyles(root, styles);
      }
      config.simulator = simulatorFor();
      if (BUILD.report) config.report = new URL(BUILD.report, baseUrl()).href;
      // Let the browser paint the tab the visitor just chose (with its "Loading…" line) before
      // building the view, so the click answers at once; at most 100 ms where frames are paused.
      await new Promise((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve, 0));
        setTimeout(resolve, 100);
      });
      return module.mount_view(element, config);
    } catch (err) {
      report(err);
      throw err;
    }
  },
});

// ---- Reserved height -------------------------------------------------------------------

const VIEWS = ["answer", "compare", "usecases", "simulate"];

/** The measured series that matches these options: the first view, plus " compact". */
function series(options) {
  const views = options.views;
  const list = Array.isArray(views) ? views : typeof views === "string" ? views.split(/[ ,]+/) : [];
  // The same aliases the widget accepts for its first view (src/options/parse.rs).
  const first = [options.view, options["initial-view"], options.tab, ...list]
    .map((v) => String(v ?? "").toLowerCase())
    .find((v) => VIEWS.includes(v)) ?? VIEWS[0];
  const compact = options.compact === true
    || ["", "true", "yes", "on", "1", "compact"].includes(String(options.compact ?? "-").toLowerCase());
  const { heights } = BUILD.reserve;
  if (compact && heights[`${first} compact`]) return `${first} compact`;
  return heights[first] ? first : Object.keys(heights)[0];
}

/** Height at `width` from the measured table, linear between measured widths. */
function tableHeight(key, width) {
  const { widths, heights } = BUILD.reserve;
  const h = heights[key];
  if (width <= widths[0]) return h[0];
  for (let i = 1; i < widths.length; i++) {
    if (width <= widths[i]) {
      const t = (width - widths[i - 1]) / (widths[i] - widths[i - 1]);
      return Math.round(h[i - 1] + t * (h[i] - h[i - 1]));
    }
  }
  return h[h.length - 1];
}

/** sessionStorage key for the real height of this series at this width, in this build. */
function memoryKey(key, width) {
  return `${TAG}:height:${BUILD.id}:${key}:${Math.round(width / 10) * 10}`;
}

function remembered(key, width) {
  try {
    return Number(sessionStorage.getItem(memoryKey(key, width))) || 0;
  } catch {
    return 0; // storage disabled (privacy settings, sandboxed frames)
  }
}

function remember(key, width, height) {
  try {
    sessionStorage.setItem(memoryKey(key, width), String(Math.round(height)));
  } catch { /* storage full or disabled: the table still applies */ }
}

// ---- Failure card ----------------------------------------------------------------------

let cardSheet;
/** The card's look, as a constructed sheet: allowed under a strict CSP, needs no file. */
function failureSheet() {
  if (cardSheet === undefined) {
    try {
      cardSheet = new CSSStyleSheet();
      cardSheet.replaceSync(`.nvp-load-error {
        display: block; margin: 0; padding: 0.75em 1em; font: inherit; color: inherit;
        border: 1px solid color-mix(in srgb, currentColor 35%, transparent); border-radius: 8px;
      }`);
    } catch {
      cardSheet = null; // older browsers: the card is unstyled text, still readable
    }
  }
  return cardSheet;
}

/** Replaces the widget with one plain sentence and frees the reserved height. */
function showFailure(host) {
  host.style.minHeight = "";
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const card = document.createElement("p");
  card.className = "nvp-load-error";
  card.setAttribute("part", "error");
  card.setAttribute("role", "status");
  card.textContent = "Sorry, the Node.js vs Python comparison could not load here.";
  const sheet = failureSheet();
  if (sheet) shadow.adoptedStyleSheets = [sheet];
  shadow.replaceChildren(card);
}

const reported = new Set();
function report(err) {
  const text = err instanceof LoadError ? err.message : String(err?.stack ?? err);
  if (reported.has(text)) return; // one line per cause, however many widgets it stopped
  reported.add(text);
  console.error(`${TAG} could not start: ${text}`);
}

// ---- Mounting --------------------------------------------------------------------------

function isLazy(options) {
  const lazy = options.lazy;
  return !(lazy === false || lazy === "false" || lazy === "off" || lazy === "no" || lazy === "0");
}

/** How long after start the widget's height is followed for the next page view. */
const SETTLE_MS = 8000;

/** Hash namespaces handed out to widgets without their own, in the order they were mounted. */
const claimedNamespaces = new Set();

/** The first free default namespace: nvp, nvp2, nvp3… */
function claimNamespace() {
  let n = 1;
  while (claimedNamespaces.has(n === 1 ? "nvp" : `nvp${n}`)) n++;
  const ns = n === 1 ? "nvp" : `nvp${n}`;
  claimedNamespaces.add(ns);
  return ns;
}

/**
 * Mounts a widget into `element` (inside a shadow root of its own) and returns a handle
 * right away: `handle.ready` resolves when it has started, `handle.unmount()` frees it.
 *
 * A widget without its own `namespace` gets one here, when it is mounted (page order for the
 * elements in the page), not when it starts: widgets start as they scroll into view, and a
 * shared link's `nvp.` keys must always reach the same widget.
 */
function mount(element, options = {}) {
  let namespace = null;
  const plain = options !== null && typeof options === "object" && !Array.isArray(options);
  if (plain && (options.namespace === undefined || options.namespace === "")) {
    namespace = claimNamespace();
    options = { ...options, namespace };
  }
  let inner = null;
  let cancelled = false;
  let observer = null;
  let sizeWatch = null;
  const host = element;
  host.style.display = host.style.display || "block";
  const key = series(options);
  const width = host.getBoundingClientRect().width || 1000;
  // CSSOM writes are allowed under a strict CSP (style attributes in markup are not).
  host.style.minHeight = `${remembered(key, width) || tableHeight(key, width)}px`;

  const start = async () => {
    const { glue, styles } = await load();
    if (cancelled) return;
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [];
    shadow.replaceChildren();
    await addStyles(shadow, styles);
    if (cancelled) return;
    const slot = document.createElement("div");
    shadow.append(slot);
    inner = glue.mount(slot, options, DEPTH);
    // Keep the reserved height until the widget's own content fills it: a depth view mounts
    // from its own module and the simulator's result arrives after its run, and a host page
    // that jumped at each step would count every jump against its layout-shift score. Follow
    // the real height while the widget settles, for the next page view at this width, and stop
    // before the visitor's own clicks would change it.
    const reserved = parseFloat(host.style.minHeight) || 0;
    const release = () => { host.style.minHeight = ""; };
    const measure = () => {
      if (cancelled || !inner) return;
      const content = slot.getBoundingClientRect().height;
      if (content >= reserved * 0.9) release();
      if (content > 0) remember(key, host.getBoundingClientRect().width, content);
    };
    if ("ResizeObserver" in window) {
      sizeWatch = new ResizeObserver(measure);
      sizeWatch.observe(slot);
      setTimeout(() => { release(); sizeWatch?.disconnect(); }, SETTLE_MS);
    } else {
      release();
    }
    prefetchDepth();
    host.dispatchEvent(new CustomEvent("nvp-ready", { detail: { namespace: inner.namespace } }));
  };

  const ready = new Promise((resolve, reject) => {
    const go = () => start().then(resolve, (err) => {
      report(err);
      if (!cancelled) showFailure(host);
      host.dispatchEvent(new CustomEvent("nvp-error", { detail: { message: String(err?.message ?? err) } }));
      reject(err);
    });
    if (isLazy(options) && "IntersectionObserver" in window) {
      observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          go();
        }
      }, { rootMargin: "200px" });
      observer.observe(host);
    } else {
      go();
    }
  });
  ready.catch(() => {});

  return {
    ready,
    unmount() {
      cancelled = true;
      if (namespace) claimedNamespaces.delete(namespace);
      observer?.disconnect();
      sizeWatch?.disconnect();
      inner?.unmount();
      inner = null;
      host.shadowRoot?.replaceChildren();
      host.style.minHeight = "";
    },
  };
}

/**
 * An element's attributes as options. A `data-` prefix is dropped (the sanitiser-safe form
 * carries its options as data-*), and the loader's own markers are not options.
 */
function attributeOptions(element) {
  const options = {};
  for (const { name, value } of element.attributes) {
    const key = name.replace(/^data-/, "");
    if (key === "node-vs-python" || key.startsWith("nvp-")) continue;
    options[key] = value;
  }
  return options;
}

/** `<node-vs-python views="simulate" compact>`: attributes are the options. */
class NodeVsPythonElement extends HTMLElement {
  static observedAttributes = ["views", "view", "initial-view", "tab", "theme", "accent", "compact", "hash", "namespace", "state", "preset", "lazy"];

  #handle = null;

  connectedCallback() {
    if (!this.#handle) this.#start();
  }

  disconnectedCallback() {
    // A move within the page disconnects and reconnects at once; only free a widget that is gone.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (this.#handle && oldValue !== newValue) {
      this.#stop();
      this.#start();
    }
  }

  #start() {
    this.#handle = mount(this, attributeOptions(this));
  }

  #stop() {
    this.#handle?.unmount();
    this.#handle = null;
  }
}

if (!customElements.get("node-vs-python")) {
  customElements.define("node-vs-python", NodeVsPythonElement);
}

// ---- The sanitiser-safe form: <div data-node-vs-python data-views="simulate"> --------------

/** Plain elements that ask for a widget: a data attribute, or a class where only classes survive. */
const MARKED = "[data-node-vs-python]:not(node-vs-python), .node-vs-python:not(node-vs-python)";
const marked = new Map();

function mountMarked(root) {
  const found = root.matches?.(MARKED) ? [root] : [];
  found.push(...(root.querySelectorAll?.(MARKED) ?? []));
  for (const element of found) {
    if (!marked.has(element)) marked.set(element, mount(element, attributeOptions(element)));
  }
}

function freeRemoved() {
  for (const [element, handle] of marked) {
    if (!element.isConnected) {
      handle.unmount();
      marked.delete(element);
    }
  }
}

new MutationObserver((records) => {
  let removed = false;
  for (const record of records) {
    for (const node of record.addedNodes) if (node.nodeType === 1) mountMarked(node);
    removed ||= record.removedNodes.length > 0;
  }
  if (removed && marked.size) freeRemoved();
}).observe(document.documentElement, { childList: true, subtree: true });
mountMarked(document.documentElement);

/** The JavaScript API: window.NodeVsPython.mount(element, options). */
window.NodeVsPython = Object.freeze({ mount, build: BUILD.id, simulator: SIMULATOR });
})();
