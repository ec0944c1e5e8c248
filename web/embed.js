// <jwt-playground>: the playground as one custom element for documentation
// sites. One <script type="module" src=".../embed.js"> and a tag:
//
//   <jwt-playground token="eyJ…" mode="verify" theme="auto"></jwt-playground>
//
// mode is decode, verify (the default) or encode; theme light, dark or
// auto; readonly stops edits; audience and nonce are the expected ones (an
// SD-JWT's key binding is checked against them). Styles live in shadow DOM,
// and every element on a page shares one wasm instance (jwt.js is one module).
import { decode, decodeSD, encodeAsync, ready, verifyAsync } from "./jwt.js";
import { undisclosedText } from "./sdmodel.js";
import { createPlayground, TYPED } from "./state.js";

const styles = new URL("embed.css", import.meta.url);

const template = `
<link rel="stylesheet" href="${styles}">
<div class="box" part="box">
  <label class="label" for="token">Encoded token</label>
  <textarea id="token" class="token" spellcheck="false" rows="3" data-testid="embed-token"></textarea>
  <p class="error" data-testid="embed-token-error" hidden></p>
  <div class="decoded">
    <label class="label header" for="header">Header</label>
    <textarea id="header" class="json header" spellcheck="false" rows="3" data-testid="embed-header"></textarea>
    <label class="label payload" for="payload">Payload</label>
    <textarea id="payload" class="json payload" spellcheck="false" rows="5" data-testid="embed-payload"></textarea>
    <p class="error" data-testid="embed-edit-error" hidden></p>
    <div class="decoded" data-testid="embed-sd" hidden>
      <span class="label payload">Disclosed claims <span class="sub">the SD-JWT's payload as the verifier sees it</span></span>
      <pre class="json payload" data-testid="embed-sd-claims"></pre>
      <p class="sub" data-testid="embed-sd-note"></p>
    </div>
  </div>
  <div class="verify">
    <label class="label signature" for="key">Key <span class="sub">secret, PEM, JWK or JWKS</span></label>
    <textarea id="key" class="key" spellcheck="false" rows="2" data-testid="embed-key"></textarea>
    <label class="encoding">Secret is
      <select data-testid="embed-encoding">
        <option value="utf8">UTF-8 text</option><option value="base64">base64</option>
        <option value="base64url">base64url</option><option value="hex">hex</option>
      </select>
    </label>
  </div>
  <p class="status" data-testid="embed-status" data-state="loading" role="status" aria-live="polite">Loading…</p>
</div>`;

/** JWTPlayground is the <jwt-playground> element. */
class JWTPlayground extends HTMLElement {
  static observedAttributes = ["token", "mode", "theme", "readonly", "key", "audience", "nonce"];

  constructor() {
    super();
    this.attachShadow({ mode: "open" }).innerHTML = template;
    const q = (sel) => this.shadowRoot.querySelector(sel);
    this.els = {
      token: q("#token"),
      tokenError: q("[data-testid=embed-token-error]"),
      header: q("#header"),
      payload: q("#payload"),
      editError: q("[data-testid=embed-edit-error]"),
      key: q("#key"),
      encoding: q("[data-testid=embed-encoding]"),
      status: q("[data-testid=embed-status]"),
      verify: q(".verify"),
      sd: q("[data-testid=embed-sd]"),
    };
    // The playground's state decides everything, as on the page; the
    // element feeds it and paints what it says.
    this.#playground = createPlayground({ decode, decodeSD, encodeAsync, verifyAsync });
    this.#playground.subscribe((event, s) => this.#paint[event]?.(s));
    const keyFields = () => ({ key: this.els.key.value, encoding: this.els.encoding.value });
    this.els.token.addEventListener("input", () => this.#playground.setToken(this.els.token.value));
    // A key edited by hand is the reader's own; another reading of the same
    // text (the encoding) still came from where the text did.
    this.els.key.addEventListener("input", () => this.#playground.input({ ...keyFields(), keyOrigin: TYPED }));
    this.els.encoding.addEventListener("change", () => this.#playground.input(keyFields()));
    const edited = () => this.#playground.setEditors(this.els.header.value, this.els.payload.value);
    this.els.header.addEventListener("input", edited);
    this.els.payload.addEventListener("input", edited);
  }

  connectedCallback() {
    this.#whenNear(() =>
      ready.then(
        () => {
          this.ready = true;
          this.#render();
        },
        (err) => this.#status("error", `The token engine could not load: ${err.message}`),
      ),
    );
  }

  disconnectedCallback() {
    this.#near?.disconnect();
    this.#near = null;
  }

  // #near watches for the element coming close to the viewport. The engine
  // (9 MB of wasm) starts only when an element is about to be seen or is
  // used, so a docs page with the playground far below the fold loads no
  // wasm for a reader who never scrolls there; every element shares it.
  #near = null;
  #started = false;

  #whenNear(start) {
    if (this.#started) return;
    const go = () => {
      if (this.#started) return;
      this.#started = true;
      this.#near?.disconnect();
      this.#near = null;
      start();
    };
    for (const type of ["focusin", "pointerdown"]) this.addEventListener(type, go, { once: true });
    if (typeof IntersectionObserver !== "function") return go();
    this.#near = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: "800px 0px" });
    this.#near.observe(this);
  }

  attributeChangedCallback() {
    if (this.ready) this.#render();
  }

  #render() {
    const mode = ["decode", "verify", "encode"].includes(this.getAttribute("mode")) ? this.getAttribute("mode") : "verify";
    const readonly = this.hasAttribute("readonly");
    this.dataset.mode = mode;
    this.els.verify.hidden = mode === "decode";
    this.els.token.readOnly = readonly || mode === "encode";
    this.els.header.readOnly = this.els.payload.readOnly = readonly || mode !== "encode";
    this.els.key.readOnly = readonly;
    this.els.encoding.disabled = readonly;
    const changes = {
      mode: mode === "decode" ? "decode" : "verify",
      token: (this.getAttribute("token") ?? "").trim(),
      checks: { audience: this.getAttribute("audience") ?? "", nonce: this.getAttribute("nonce") ?? "" },
    };
    if (this.hasAttribute("key")) {
      // A key the embedding page (or embed.html's #key=) gives came with
      // the token: the verdict must not call it proof of who signed.
      this.els.key.value = this.getAttribute("key");
      Object.assign(changes, { key: this.els.key.value, encoding: this.els.encoding.value, keyOrigin: { origin: "link", detail: "" } });
    }
    this.els.token.value = changes.token;
    this.#playground.input(changes);
  }

  #playground;

  // #paint paints each change of the playground's state.
  #paint = {
    token: (s) => {
      if (this.els.token.value !== s.token) this.els.token.value = s.token; // re-signed
      const d = s.decoded;
      this.#error(this.els.tokenError, d && !d.ok ? d.error.message : "");
      this.#showSD(s.sd);
      if (!s.refilled) return;
      this.els.header.value = s.header;
      this.els.payload.value = s.payload;
      for (const ta of [this.els.header, this.els.payload]) ta.rows = Math.min(Math.max(ta.value.split("\n").length, 2), 16);
    },
    editors: (s) => {
      const e = s.editErrors;
      this.#error(this.els.editError, e.header || e.payload || e.sign);
    },
    // Busy until the verdict for these inputs is in: the one shown is older.
    checking: () => this.els.status.setAttribute("aria-busy", "true"),
    verdict: (s) => {
      this.els.status.setAttribute("aria-busy", String(s.pending));
      this.#status(s.verdict.state, line(s.verdict));
    },
  };

  /** #showSD shows an SD-JWT's claims as the verifier sees them (decodeSD's processed payload). */
  #showSD(sd) {
    this.els.sd.hidden = !sd?.ok;
    if (!sd?.ok) return;
    this.els.sd.querySelector("pre").textContent = sd.processed ? JSON.stringify(sd.processed, null, 2) : "";
    const kb = sd.keyBinding ? "a key-binding JWT" : "no key-binding JWT";
    this.els.sd.querySelector("p").textContent = `${sd.disclosures.length} disclosures, ${kb}. ${undisclosedText(sd.undisclosed)}`;
  }

  #status(state, text) {
    this.els.status.dataset.state = state;
    this.els.status.textContent = text;
    this.dispatchEvent(new CustomEvent("jwt-playground:status", { detail: { state }, bubbles: true }));
  }

  #error(el, message) {
    el.textContent = message ? capital(message) : "";
    el.hidden = !message;
  }
}

// NESTED says, after a verified outer level, what the element does not
// check: it shows no inner levels.
const NESTED = " (the outer level: the payload is a nested token, whose own signature and claims are not checked here)";

/**
 * line says a verdict in the one line the element has: the title, then
 * what the page shows under the badge and under the key box. A typed key
 * that verifies reads "Signature verified" and nothing more.
 */
function line(v) {
  if (v.state === "verified") return `${v.title}${v.nested ? NESTED : ""}${v.where ? `. ${v.where}` : ""}`;
  return [v.title, v.keyError, v.detail].filter(Boolean).map(capital).join(". ");
}

function capital(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

if (!customElements.get("jwt-playground")) customElements.define("jwt-playground", JWTPlayground);
