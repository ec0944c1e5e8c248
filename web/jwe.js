// The encrypted token's view (JWE, RFC 7516): shown when the token box holds
// five parts. Its protected header is readable at once (decode fills the
// header editor); the panel names the five parts in their colours, decrypts
// with the key typed under them, lists the steps, shows the plaintext, and
// verifies a nested signed token with its own key. A second card encrypts
// the token in the box (the common "signed, then encrypted" token).
// Everything from a token is written with textContent, never as HTML.
import { decrypt, encrypt, generateKey, verifyAsync } from "./jwt.js";

/** The five parts, their names and the colour each is drawn in. */
const PARTS = [
  ["protected", "Protected header", "var(--header)"],
  ["encryptedKey", "Encrypted key", "var(--signature)"],
  ["iv", "Initialization vector", "var(--muted)"],
  ["ciphertext", "Ciphertext", "var(--payload)"],
  ["tag", "Authentication tag", "var(--ok)"],
];

/** Words for each step of decryption. */
const STEPS = {
  key_management: "Key management",
  tag_check: "Tag check",
  content_decryption: "Content decryption",
  decompression: "Decompression (zip)",
};

const ENCODINGS = [["utf8", "UTF-8 text"], ["base64", "base64"], ["base64url", "base64url"], ["hex", "hex"]];

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function encodingSelect(id) {
  return el("select", { id, "data-testid": id }, ...ENCODINGS.map(([value, text]) => el("option", { value, textContent: text })));
}

/** clip keeps a part short on screen: the whole part is in the token box. */
function clip(s) {
  return s.length > 72 ? `${s.slice(0, 72)}… (${s.length} characters)` : s || "(empty)";
}

/**
 * createJWEView builds the panels. getToken reads the token box; setToken
 * puts a token in it as if typed.
 */
export function createJWEView({ getToken, setToken }) {
  const parts = el("ol", { className: "jwe-parts", "data-testid": "jwe-parts" });
  const key = el("textarea", { id: "jwe-key", "data-testid": "jwe-key", className: "key", spellcheck: false, rows: 3, autocomplete: "off", placeholder: "The recipient's private key (PEM, JWK, JWKS), the shared secret, or the PBES2 password" });
  const encoding = encodingSelect("jwe-encoding");
  const error = el("p", { className: "field-error", "data-testid": "jwe-error", role: "alert", hidden: true });
  const steps = el("ol", { className: "jwe-steps", "data-testid": "jwe-steps" });
  const plaintext = el("pre", { className: "jwe-plaintext", "data-testid": "jwe-plaintext", tabIndex: 0, "aria-label": "Plaintext" });
  const innerKey = el("textarea", { id: "jwe-inner-key", "data-testid": "jwe-inner-key", className: "key", spellcheck: false, rows: 2, autocomplete: "off", placeholder: "The signer's key: a secret (UTF-8 text), PEM, JWK or JWKS" });
  const innerStatus = el("p", { className: "jwe-inner-status", "data-testid": "jwe-nested-status", role: "status", "aria-live": "polite" });
  const nested = el("div", { className: "jwe-nested", "data-testid": "jwe-nested", hidden: true },
    el("h3", { textContent: "The signed token inside" }),
    el("label", { className: "part-label", htmlFor: "jwe-inner-key", textContent: "Key to verify it" }), innerKey, innerStatus);
  const result = el("div", { className: "jwe-result", hidden: true },
    el("h3", { textContent: "Steps" }), steps, el("h3", { textContent: "Plaintext" }), plaintext, nested);

  const panel = el("section", { className: "pane jwe-pane", id: "jwe-panel", "data-testid": "jwe-panel", "aria-labelledby": "jwe-title", hidden: true },
    el("div", { className: "pane-head" }, el("h2", { id: "jwe-title", textContent: "Encrypted token (JWE)" })),
    el("p", { className: "hint", textContent: "Only the protected header is readable (it is in the header editor); the rest needs the recipient's key. The five parts:" }),
    parts,
    el("label", { className: "part-label", htmlFor: "jwe-key", textContent: "Key to decrypt" }), key,
    el("label", { className: "inline", htmlFor: "jwe-encoding", textContent: "Secret encoding " }), encoding,
    error, result);

  // The encrypt card: wraps the token in the box in a JWE.
  const encHeader = el("textarea", { id: "jwe-enc-header", "data-testid": "jwe-enc-header", className: "key", spellcheck: false, rows: 2, value: '{"alg":"dir","enc":"A256GCM","cty":"JWT"}' });
  const encKey = el("textarea", { id: "jwe-enc-key", "data-testid": "jwe-enc-key", className: "key", spellcheck: false, rows: 2, autocomplete: "off", placeholder: "The recipient's public key (PEM, JWK), a shared secret, or a password" });
  const encEncoding = encodingSelect("jwe-enc-encoding");
  const encNewKey = el("button", { type: "button", "data-testid": "jwe-enc-newkey", textContent: "New key for this enc (dir)" });
  const encGo = el("button", { type: "button", "data-testid": "jwe-encrypt", textContent: "Encrypt the token in the box" });
  const encClaims = el("button", { type: "button", "data-testid": "jwe-encrypt-claims", textContent: "Encrypt the payload editor's claims" });
  const encError = el("p", { className: "field-error", "data-testid": "jwe-enc-error", role: "alert", hidden: true });
  const encryptCard = el("section", { className: "pane jwe-encrypt", "aria-labelledby": "jwe-enc-title" },
    el("details", {},
      el("summary", {}, el("h2", { id: "jwe-enc-title", className: "inline", textContent: "Encrypt (JWE)" })),
      el("p", { className: "hint", textContent: "Wraps the token in the box (signed, then encrypted: the header's cty is JWT) so only the recipient can read its claims; or encrypts the payload editor's claims as they are (encrypted, not signed: anyone with the recipient's public key could have made it)." }),
      el("label", { className: "part-label", htmlFor: "jwe-enc-header", textContent: "Protected header (alg and enc)" }), encHeader,
      el("label", { className: "part-label", htmlFor: "jwe-enc-key", textContent: "Recipient's key" }), encKey,
      el("label", { className: "inline", htmlFor: "jwe-enc-encoding", textContent: "Secret encoding " }), encEncoding,
      el("div", { className: "actions" }, encNewKey, encGo, encClaims), encError));

  let seq = 0; // answers arrive out of order: only the newest is shown
  let inner = "";
  let shown = false;

  function showErr(p, message) {
    p.textContent = message;
    p.hidden = !message;
  }

  function paintParts(jweParts) {
    parts.replaceChildren(...PARTS.map(([name, label, colour]) => {
      const li = el("li", {}, el("span", { className: "jwe-part-name", textContent: label }), el("code", { textContent: clip(jweParts?.[name] ?? "") }));
      li.style.setProperty("--part", colour);
      return li;
    }));
  }

  async function run() {
    const asked = ++seq;
    const text = getToken();
    if (!key.value.trim()) {
      result.hidden = true;
      showErr(error, "");
      return;
    }
    const r = await decrypt(text, { key: key.value, secretEncoding: encoding.value });
    if (asked !== seq) return;
    showErr(error, r.ok ? "" : stepWords(r.error));
    result.hidden = !r.steps?.length;
    steps.replaceChildren(...(r.steps ?? []).map((s) =>
      el("li", { dataset: { ok: String(s.ok) } }, el("strong", { textContent: `${STEPS[s.step] ?? s.step}${s.method ? ` (${s.method})` : ""}: ` }), s.ok ? "✓ " : "✗ ", s.detail)));
    plaintext.textContent = r.ok ? r.plaintext : "";
    inner = r.ok && r.nestedToken ? r.plaintext.trim() : "";
    nested.hidden = !inner;
    if (inner) await verifyInner();
  }

  let innerSeq = 0; // the inner key's answers, likewise
  async function verifyInner() {
    const asked = seq;
    const askedInner = ++innerSeq;
    const token = inner;
    if (!innerKey.value.trim()) {
      innerStatus.dataset.state = "idle";
      innerStatus.textContent = "Give the signer's key to verify the inner token's signature and claims.";
      return;
    }
    const v = await verifyAsync(token, { key: innerKey.value });
    if (asked !== seq || askedInner !== innerSeq || token !== inner) return;
    let state = "bad", words;
    if (!v.ok) words = `Cannot verify: ${v.error.message}`;
    else if (v.valid) { state = "ok"; words = v.provenance?.headline ?? "Signature verified"; }
    else if (v.signatureValid) words = `The signature matches, but the claims fail: ${(v.errors ?? []).map((e) => e.message).join("; ")}`;
    else words = "Invalid signature: the inner token was not signed with this key, or was changed";
    innerStatus.dataset.state = state;
    innerStatus.textContent = words;
  }

  // withoutCty is the header for claims encrypted as they are: a cty of
  // JWT would say the plaintext is a token. Text that is not JSON is left
  // for the core to name what is wrong with it.
  function withoutCty(text) {
    try {
      const h = JSON.parse(text);
      if (h && typeof h === "object" && !Array.isArray(h)) {
        delete h.cty;
        return JSON.stringify(h);
      }
    } catch { /* the core says where */ }
    return text;
  }

  async function doEncrypt(claims = false) {
    const header = claims ? withoutCty(encHeader.value) : encHeader.value;
    const payload = claims ? (document.getElementById("payload-json")?.value ?? "") : getToken().trim();
    const res = await encrypt({ header, payload, key: encKey.value, secretEncoding: encEncoding.value });
    showErr(encError, res.ok ? "" : res.error.message);
    if (res.ok) {
      // The same key decrypts, but for a public key: the recipient's private half is needed then.
      if (!/PUBLIC KEY|"kty"\s*:\s*"(RSA|EC|OKP)"/.test(encKey.value)) {
        key.value = encKey.value;
        encoding.value = encEncoding.value;
      }
      setToken(res.token);
    }
  }

  async function newKey() {
    let enc = "A256GCM";
    try { enc = JSON.parse(encHeader.value).enc || enc; } catch { /* the header's error shows on Encrypt */ }
    const g = await generateKey(enc);
    showErr(encError, g.ok ? "" : g.error.message);
    if (g.ok) {
      encKey.value = g.secret;
      encEncoding.value = "base64url";
    }
  }

  key.addEventListener("input", run);
  encoding.addEventListener("change", run);
  innerKey.addEventListener("input", verifyInner);
  encGo.addEventListener("click", () => doEncrypt(false));
  encClaims.addEventListener("click", () => doEncrypt(true));
  encNewKey.addEventListener("click", newKey);

  document.getElementById("nested-panel").after(panel);
  document.querySelector(".signature-pane").after(encryptCard);

  return {
    /** update shows or hides the panel for the token box's text and its decode answer d. */
    update(text, d) {
      const isJWE = Boolean(d?.jweParts);
      panel.hidden = !isJWE;
      if (!isJWE) {
        if (shown) { seq++; shown = false; }
        return;
      }
      shown = true;
      paintParts(d.jweParts);
      run();
    },
  };
}

/** stepWords says which step failed, in words. */
function stepWords(error) {
  const step = STEPS[error.step];
  return step ? `${step} failed: ${error.message}` : error.message;
}
