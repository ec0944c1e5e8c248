// <jwt-playground>: the playground as one custom element for documentation
// sites. One <script type="module" src=".../embed.js"> and a tag:
//
//   <jwt-playground token="eyJ…" mode="verify" theme="auto"></jwt-playground>
//
// mode is decode, verify (the default) or encode; theme light, dark or
// auto; readonly stops edits. Styles live in shadow DOM, and every element
// on a page shares one wasm instance (jwt.js is one module).
import { decode, encodeAsync, ready, verifyAsync } from "./jwt.js";
import { pretty } from "./json.js";

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
  static observedAttributes = ["token", "mode", "theme", "readonly", "key"];

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
    };
    this.els.token.addEventListener("input", () => this.#fromToken());
    this.els.key.addEventListener("input", () => {
      this.#keyOrigin = "typed"; // edited by hand: the reader's own key
      this.#check();
    });
    this.els.encoding.addEventListener("change", () => this.#check());
    this.els.header.addEventListener("input", () => this.#fromJSON());
    this.els.payload.addEventListener("input", () => this.#fromJSON());
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
    if (this.hasAttribute("key")) {
      // A key the embedding page (or embed.html's #key=) gives came with
      // the token: the verdict must not call it proof of who signed.
      this.els.key.value = this.getAttribute("key");
      this.#keyOrigin = "link";
    }
    this.els.token.value = (this.getAttribute("token") ?? "").trim();
    this.#fromToken();
  }

  async #fromToken() {
    const asked = ++this.#edits; // a re-signing still under way is for an older token
    const text = this.els.token.value;
    const d = text.trim() ? await decode(text) : null;
    if (asked !== this.#edits) return;
    this.#error(this.els.tokenError, d && !d.ok ? d.error.message : "");
    this.els.header.value = d?.headerText ? pretty(d.headerText) : "";
    this.els.payload.value = d?.payload != null ? pretty(d.payloadText) : (d?.payloadText ?? "");
    for (const ta of [this.els.header, this.els.payload]) ta.rows = Math.min(Math.max(ta.value.split("\n").length, 2), 16);
    this.#error(this.els.editError, "");
    this.#check();
  }

  // #edits and #checks count requests: signing and verifying are
  // asynchronous, and only the answer to the latest of each is used.
  #edits = 0;
  #checks = 0;
  // #keyOrigin is where the key in the box came from, as verify's keyOrigin.
  #keyOrigin = "typed";

  async #fromJSON() {
    const asked = ++this.#edits;
    const res = await encodeAsync({ header: this.els.header.value, payload: this.els.payload.value, key: this.els.key.value, secretEncoding: this.els.encoding.value });
    if (asked !== this.#edits) return;
    this.#error(this.els.editError, res.ok ? "" : res.error.message);
    if (!res.ok) return;
    this.els.token.value = res.token;
    this.#check();
  }

  async #check() {
    const asked = ++this.#checks;
    const text = this.els.token.value;
    if (!text.trim()) return this.#status("empty", "No token");
    if (this.dataset.mode === "decode") {
      const d = await decode(text);
      if (asked !== this.#checks) return;
      return d.ok ? this.#status("decoded", `Decoded (${d.alg}); signature not checked`) : this.#status("malformed", "Not a readable token");
    }
    const v = await verifyAsync(text, { key: this.els.key.value, secretEncoding: this.els.encoding.value, keyOrigin: this.#keyOrigin });
    if (asked !== this.#checks) return;
    if (!v.ok) return this.#status(v.error.code.startsWith("key") ? "key-error" : "malformed", capital(v.error.message));
    if (v.alg === "none") return this.#status("unsecured", "Unsecured token (alg none): nothing verifies it");
    if (!v.signatureValid) return this.#status("invalid-signature", "Invalid signature");
    // The core words a match by where the key came from (its provenance):
    // "Signature verified" only for a key typed here.
    const p = v.provenance ?? { origin: "typed", headline: "Signature verified" };
    const where = p.origin === "typed" ? "" : ` ${p.text}: ${p.caveat}.`;
    // An SD-JWT is valid only when its disclosures and key binding are too
    // (verify's valid): a good issuer signature alone is no pass.
    if (!v.claimsValid || v.valid === false) {
      const claims = v.errors.map((e) => e.message).join("; ");
      return this.#status("claims-invalid", p.origin === "typed" ? `Signature verified, but ${claims}` : `${p.headline}; ${claims}.${where}`);
    }
    // A nested token's outer level has no claims: say that the inner token,
    // which holds them, is not checked here, rather than a bare "verified".
    const nested = v.warnings?.some((w) => w.code === "nested") ? " (the outer level: the payload is a nested token, whose own signature and claims are not checked here)" : "";
    this.#status("verified", p.origin === "typed" ? `${p.headline}${nested}` : `${p.headline}${nested}.${where}`);
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

function capital(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

if (!customElements.get("jwt-playground")) customElements.define("jwt-playground", JWTPlayground);
