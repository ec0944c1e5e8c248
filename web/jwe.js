// The encrypted token's view (JWE, RFC 7516): shown when the token box holds
// five parts. Its protected header is readable at once (decode fills the
// header editor); the panel names the five parts in their colours, decrypts
// with the key typed under them, lists the steps, shows the plaintext, and
// verifies a nested signed token with its own key. A second card encrypts
// the token in the box (the common "signed, then encrypted" token). Both
// are in index.html; this module fills and wires them.
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

/** clip keeps a part short on screen: the whole part is in the token box. */
function clip(s) {
  return s.length > 72 ? `${s.slice(0, 72)}… (${s.length} characters)` : s || "(empty)";
}

/**
 * createJWEView wires the panels, which index.html holds (drawn with the
 * page, so that nothing shifts when this module runs). getToken reads the
 * token box; setToken puts a token in it as if typed.
 */
export function createJWEView({ getToken, setToken }) {
  const panel = document.getElementById("jwe-panel");
  const encryptCard = document.querySelector(".jwe-encrypt");
  const $ = (root, testid) => root.querySelector(`[data-testid="${testid}"]`);
  const parts = $(panel, "jwe-parts");
  const key = $(panel, "jwe-key");
  const encoding = $(panel, "jwe-encoding");
  const error = $(panel, "jwe-error");
  const result = panel.querySelector(".jwe-result");
  const steps = $(panel, "jwe-steps");
  const plaintext = $(panel, "jwe-plaintext");
  const nested = $(panel, "jwe-nested");
  const innerKey = $(panel, "jwe-inner-key");
  const innerStatus = $(panel, "jwe-nested-status");
  const encHeader = $(encryptCard, "jwe-enc-header");
  const encKey = $(encryptCard, "jwe-enc-key");
  const encEncoding = $(encryptCard, "jwe-enc-encoding");
  const encNewKey = $(encryptCard, "jwe-enc-newkey");
  const encGo = $(encryptCard, "jwe-encrypt");
  const encClaims = $(encryptCard, "jwe-encrypt-claims");
  const encError = $(encryptCard, "jwe-enc-error");

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
