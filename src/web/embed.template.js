// node-vs-python loader. Served under a stable name (embed.js) so a host's snippet never
// changes; it points at the content-hashed wasm, glue and CSS of the build it ships with.
// scripts/make-embed.mjs fills in the __NVP_*__ names after each Trunk build.
//
// It defines <node-vs-python> and window.NodeVsPython.mount(element, options). Each widget
// renders in an open shadow root, so the host's CSS cannot reach it and its CSS cannot leak
// out. It uses no inline script and no style attributes, so it runs under a strict CSP. It is
// a classic script (no import/export), so CMSs that only take plain <script src> can load it;
// it also works as type="module".
(() => {
if (window.NodeVsPython) return; // loaded twice: the first copy already serves the page

// Asset URLs are relative to this file, wherever the host serves it from.
const HERE = document.currentScript?.src
  ?? [...document.scripts].map((s) => s.src).find((src) => /\/embed\.js(\?|#|$)/.test(src))
  ?? document.baseURI;
const GLUE = new URL("__NVP_GLUE__", HERE).href;
const WASM = new URL("__NVP_WASM__", HERE).href;
const STYLES = __NVP_CSS__.map((name) => new URL(name, HERE).href);

/** Height reserved before the widget starts, so the page does not jump: each first view's
 * rendered height, measured in a 1000 px column. */
const RESERVE = { compare: 3400, usecases: 2900, simulate: 2700, compact: 2500 };

let api;
function load() {
  api ??= import(GLUE).then(async (glue) => {
    await glue.default({ module_or_path: WASM });
    return glue;
  });
  return api;
}

function firstView(options) {
  const views = options.views;
  const list = Array.isArray(views) ? views : typeof views === "string" ? views.split(/[ ,]+/) : [];
  const view = String(options.view ?? list[0] ?? "compare").toLowerCase();
  return view in RESERVE ? view : "compare";
}

function isLazy(options) {
  const lazy = options.lazy;
  return !(lazy === false || lazy === "false" || lazy === "off" || lazy === "no" || lazy === "0");
}

/** Waits for every stylesheet link in `root` (errors count as done, so a widget never hangs). */
function stylesReady(root) {
  return Promise.all(
    [...root.querySelectorAll("link[rel=stylesheet]")].map((link) =>
      link.sheet ? null : new Promise((done) => {
        link.addEventListener("load", done, { once: true });
        link.addEventListener("error", done, { once: true });
      })),
  );
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
  const compact = options.compact === true || options.compact === "" || options.compact === "true";
  const reserve = compact ? RESERVE.compact : RESERVE[firstView(options)];
  // CSSOM writes are allowed under a strict CSP (style attributes in markup are not).
  host.style.minHeight = `${reserve}px`;
  host.style.display = host.style.display || "block";

  const start = async () => {
    const glue = await load();
    if (cancelled) return;
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    shadow.replaceChildren();
    for (const href of STYLES) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      shadow.append(link);
    }
    await stylesReady(shadow);
    if (cancelled) return;
    const slot = document.createElement("div");
    shadow.append(slot);
    inner = glue.mount(slot, options);
    host.style.minHeight = "";
    host.dispatchEvent(new CustomEvent("nvp-ready", { detail: { namespace: inner.namespace } }));
  };

  const ready = new Promise((resolve, reject) => {
    const go = () => start().then(resolve, (err) => {
      console.error("node-vs-python could not start:", err);
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

/** `<node-vs-python views="simulate" compact>`: attributes are the options. */
class NodeVsPythonElement extends HTMLElement {
  static observedAttributes = ["views", "view", "theme", "accent", "compact", "hash", "namespace", "state", "preset"];

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

  #options() {
    return Object.fromEntries([...this.attributes].map((a) => [a.name, a.value]));
  }

  #start() {
    this.#handle = mount(this, this.#options());
  }

  #stop() {
    this.#handle?.unmount();
    this.#handle = null;
  }
}

if (!customElements.get("node-vs-python")) {
  customElements.define("node-vs-python", NodeVsPythonElement);
}

/** The JavaScript API: window.NodeVsPython.mount(element, options). */
window.NodeVsPython = Object.freeze({ mount });
})();
