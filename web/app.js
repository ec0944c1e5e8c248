// The playground page: wires the token, the decoded JSON editors and the key
// panel together. The token is the source of truth: typing in it decodes and
// verifies; editing the JSON re-signs and rewrites it; changing the key only
// verifies again.
import { ready, decode, verify, encode, version } from "./jwt.js";
import { pretty } from "./json.js";
import { keyHelp, updateKeyPanel } from "./keys.js";
import { renderTimes, renderToken, setStatus, showError, showWarnings } from "./render.js";

const $ = (id) => document.getElementById(id);
const els = {
  token: $("token-input"),
  view: document.querySelector("[data-testid=token-view]"),
  tokenError: $("token-error"),
  warnings: $("token-warnings"),
  status: $("verify-status"),
  header: $("header-json"),
  headerError: $("header-error"),
  payload: $("payload-json"),
  payloadError: $("payload-error"),
  signError: $("sign-error"),
  times: $("claim-times"),
  keyInput: $("key-input"),
  keyError: $("key-error"),
  keyHelp: $("key-help"),
  encoding: $("secret-encoding"),
  encodingField: $("encoding-field"),
  purpose: $("key-purpose"),
  formula: $("formula"),
  issuer: $("check-issuer"),
  audience: $("check-audience"),
  leeway: $("check-leeway"),
  now: $("check-now"),
};

/** The sample's secret: 40 bytes, longer than HS256's 32-byte minimum. */
const SAMPLE_SECRET = "a-playground-secret-of-at-least-32-bytes";

/** Error codes that mean the token itself cannot be read. */
const decodeErrors = new Set(["malformed", "bad_base64", "bad_json", "header_not_object", "missing_alg", "jwe_not_supported", "bad_input"]);

// True while the JSON editors hold edits that could not be signed, so that
// fixing the key can finish the job.
let editorsAhead = false;

function keyOptions() {
  return { key: els.keyInput.value, secretEncoding: els.encoding.value };
}

function nowSeconds() {
  const set = els.now.value ? new Date(els.now.value).getTime() : NaN;
  return (Number.isNaN(set) ? Date.now() : set) / 1000;
}

function verifyOptions() {
  return {
    ...keyOptions(),
    now: nowSeconds(),
    leeway: Math.max(0, Number(els.leeway.value) || 0),
    issuer: els.issuer.value.trim(),
    audience: els.audience.value.trim(),
  };
}

/** onTokenInput runs on every keystroke in the token box. */
function onTokenInput() {
  editorsAhead = false;
  showError(els.signError, "");
  const d = renderTokenSide();
  fillEditors(d);
  check();
}

/** renderTokenSide decodes the token and paints everything that depends on it but the editors. */
function renderTokenSide() {
  const text = els.token.value;
  const d = text.trim() ? decode(text) : null;
  const offset = d && !d.ok ? d.error.offset : undefined;
  renderToken(els.view, text, offset);
  autosize(els.token);
  showError(els.tokenError, d && !d.ok ? d.error.message : "", els.token);
  showWarnings(els.warnings, d?.warnings ?? []);
  updateKeyPanel(els, d?.alg ?? "");
  renderTimes(els.times, d?.payload, nowSeconds());
  return d;
}

function fillEditors(d) {
  setValue(els.header, d?.headerText ? pretty(d.headerText) : "");
  const text = d?.payloadText ?? "";
  setValue(els.payload, d?.payload != null ? pretty(text) : text);
  // Say why an editor is empty when its part of the token cannot be read.
  const failed = d && !d.ok ? d.error.part : "";
  els.header.placeholder = failed === "header" ? "The header cannot be decoded: see the message under the token." : "";
  els.payload.placeholder = failed === "payload" ? "The payload cannot be decoded: see the message under the token." : "";
  showError(els.headerError, "", els.header);
  showError(els.payloadError, "", els.payload);
}

function setValue(textarea, value) {
  if (textarea.value !== value) textarea.value = value;
  autosize(textarea);
}

/** onEditorInput re-signs the token from the edited header and payload. */
function onEditorInput() {
  autosize(els.header);
  autosize(els.payload);
  const res = encode({ header: els.header.value, payload: els.payload.value, ...keyOptions() });
  const part = res.ok ? "" : res.error.part;
  showError(els.headerError, part === "header" ? res.error.message : "", els.header);
  showError(els.payloadError, part === "payload" ? res.error.message : "", els.payload);
  const other = !res.ok && part !== "header" && part !== "payload";
  showError(els.signError, other ? `The token was not re-signed: ${res.error.message}` : "");
  editorsAhead = !res.ok;
  if (!res.ok) return;
  els.token.value = res.token;
  renderTokenSide();
  check();
}

/** onKeyInput verifies again; it never rewrites the token. */
function onKeyInput() {
  if (editorsAhead) {
    onEditorInput();
    return;
  }
  check();
}

/** check verifies the token and sets the badge and the key panel's errors. */
function check() {
  const text = els.token.value;
  if (!text.trim()) {
    setStatus(els.status, "empty", "No token", "Paste a JWT, or write a header and payload on the right to make one.");
    showError(els.keyError, "", els.keyInput);
    els.keyHelp.textContent = "";
    return;
  }
  const v = verify(text, verifyOptions());
  els.keyHelp.textContent = keyHelp(v);
  if (!v.ok) {
    failed(v);
    return;
  }
  showError(els.keyError, "", els.keyInput);
  const [state, title, detail] = verdict(v);
  setStatus(els.status, state, title, detail);
}

function failed(v) {
  const { code, message } = v.error;
  if (decodeErrors.has(code)) {
    showError(els.keyError, "", els.keyInput);
    const where = v.error.part && v.error.part !== "token" ? `The ${v.error.part} part` : "The token";
    setStatus(els.status, "malformed", "Not a readable token", `${where} cannot be read: see the message under the token.`);
    return;
  }
  if (code === "unsupported_alg") {
    showError(els.keyError, "", els.keyInput);
    setStatus(els.status, "unsupported", "Cannot verify: unsupported algorithm", message);
    return;
  }
  showError(els.keyError, code === "key_missing" ? "" : message, els.keyInput);
  const title = code === "key_missing" ? "Enter a key to verify the signature" : "Cannot verify with this key";
  setStatus(els.status, "key-error", title, claimsNote(v));
}

/** claimsNote sums up the claims, which are checked even without a key. */
function claimsNote(v) {
  const claimErrors = v.errors.filter((e) => e.part === "payload");
  if (claimErrors.length === 0) return v.claimsValid ? "The claims are fine (exp, nbf, iat)." : "";
  return "Claims: " + claimErrors.map((e) => e.message).join("; ");
}

/** verdict turns a verification into the badge's state, title and detail. */
function verdict(v) {
  const first = (code) => v.errors.find((e) => e.code === code);
  if (v.alg === "none") {
    return ["unsecured", "Unsecured token: alg none", "It has no signature, so anyone could have written it. Never accept such a token."];
  }
  if (!v.signatureValid) {
    return ["invalid-signature", "Invalid signature", first("signature_invalid")?.message ?? ""];
  }
  if (!v.claimsValid) {
    const claims = v.errors.filter((e) => e.part === "payload").map((e) => e.message).join("; ");
    if (first("token_expired")) return ["expired", "Signature verified, but the token has expired", claims];
    if (first("token_not_valid_yet")) return ["not-yet-valid", "Signature verified, but the token is not valid yet", claims];
    return ["claims-invalid", "Signature verified, but the claims fail", claims];
  }
  return ["verified", "Signature verified", v.key ? `Checked with ${v.key}; the claims are fine.` : "The claims are fine."];
}

/** autosize grows a textarea to its content, so the page scrolls instead. */
function autosize(textarea) {
  textarea.style.height = "auto";
  textarea.style.height = `${textarea.scrollHeight + 2}px`;
}

function loadSample() {
  const now = Math.floor(Date.now() / 1000);
  const payload = `{"sub":"1234567890","name":"Ada Lovelace","admin":true,"iat":${now},"exp":${now + 3600}}`;
  const res = encode({ header: '{"alg":"HS256","typ":"JWT"}', payload, key: SAMPLE_SECRET });
  els.keyInput.value = SAMPLE_SECRET;
  els.encoding.value = "utf8";
  els.token.value = res.ok ? res.token : "";
  onTokenInput();
}

async function copyToken(button) {
  try {
    await navigator.clipboard.writeText(els.token.value);
    flash(button, "Copied");
  } catch {
    els.token.select();
    flash(button, "Press Ctrl+C");
  }
}

function flash(button, text) {
  const label = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = label), 1200);
}

function wire() {
  els.token.addEventListener("input", onTokenInput);
  els.header.addEventListener("input", onEditorInput);
  els.payload.addEventListener("input", onEditorInput);
  els.keyInput.addEventListener("input", onKeyInput);
  els.encoding.addEventListener("change", onKeyInput);
  for (const el of [els.issuer, els.audience, els.leeway, els.now]) el.addEventListener("input", check);
  $("sample-token").addEventListener("click", loadSample);
  $("clear-token").addEventListener("click", () => {
    els.token.value = "";
    onTokenInput();
    els.token.focus();
  });
  $("copy-token").addEventListener("click", (e) => copyToken(e.currentTarget));
  window.addEventListener("resize", () => [els.token, els.header, els.payload].forEach(autosize));
}

async function start() {
  try {
    await ready;
  } catch (err) {
    $("loading").textContent = `The token engine could not load: ${err.message}. Reload the page to try again.`;
    $("loading").classList.add("failed");
    document.documentElement.dataset.ready = "error";
    return;
  }
  $("version").textContent = `core ${version()}`;
  wire();
  loadSample();
  $("loading").hidden = true;
  document.documentElement.dataset.ready = "true";
}

start();
