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

// ---- Reserved height -------------------------------------------------------------------

const VIEWS = ["compare", "usecases", "simulate"];

/** The measured series that matches these options: the first view, plus " compact". */
function series(options) {
  const views = options.views;
  const list = Array.isArray(views) ? views : typeof views === "string" ? views.split(/[ ,]+/) : [];
  const first = [options.view, ...list]
    .map((v) => String(v ?? "").toLowerCase())
    .find((v) => VIEWS.includes(v)) ?? "compare";
  const compact = options.compact === true || options.compact === "" || options.compact === "true";
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

/**
 * Mounts a widget into `element` (inside a shadow root of its own) and returns a handle
 * right away: `handle.ready` resolves when it has started, `handle.unmount()` frees it.
 */
function mount(element, options = {}) {
  let inner = null;
  let cancelled = false;
  let observer = null;
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
    inner = glue.mount(slot, options);
    host.style.minHeight = "";
    // Remember the real height once it has rendered, for the next page view at this width.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (!cancelled && inner) remember(key, host.getBoundingClientRect().width, host.offsetHeight);
    }));
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
      observer?.disconnect();
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
  static observedAttributes = ["views", "view", "theme", "accent", "compact", "hash", "namespace", "state", "preset", "lazy"];

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
window.NodeVsPython = Object.freeze({ mount, build: BUILD.id });
})();
