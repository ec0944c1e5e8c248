// The playground page: wires the token, the decoded JSON editors and the key
// panel together. The token is the source of truth: typing in it decodes and
// verifies; editing the JSON re-signs and rewrites it; changing the key only
// verifies again.
import { ready, decode, decodeSD, encode, encodeAsync, verifyAsync, version } from "./jwt.js";
import { firstScreen, makeSample, SAMPLE_HEADER } from "./sample.js";
import { pretty } from "./json.js";
import { copyText, createKeyPanel, withAlgKid } from "./keys.js";
import { renderToken, sentence, setStatus, showError, showWarnings } from "./render.js";
import { createTeach } from "./teach.js";
import { createSharePanel, forgetLinkKey, moveTokenOutOfQuery, readLink } from "./share.js";
import { registerServiceWorker } from "./offline.js";
import { findTokens, holdsOtherThanToken } from "./paste.js";
import { createPasteNotice } from "./pastebox.js";
import { createLevels } from "./levels.js";
import { createCompare } from "./compare.js";
import { createSDBuilder, createSDView, isSD } from "./sd.js";

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
  keyInput: $("key-input"),
  keyError: $("key-error"),
  encoding: $("secret-encoding"),
  issuer: $("check-issuer"),
  audience: $("check-audience"),
  nonce: $("check-nonce"),
  leeway: $("check-leeway"),
  now: $("check-now"),
};

/**
 * Texts longer than this skip what costs layout on every keystroke: the
 * coloured copy of the token and growing the boxes to fit.
 */
const LARGE = 100_000;

// True while the JSON editors hold edits that could not be signed, so that
// fixing the key can finish the job.
let editorsAhead = false;

// Where the key in the box came from, {origin, detail} as verify's
// keyOrigin and keyOriginDetail take them: the core words the verdict by
// it, so that a key from the link or the token never reads as trusted.
// Typing in the key box makes it "typed" again.
const TYPED = { origin: "typed", detail: "" };
let keyOrigin = TYPED;

let keyPanel = null;
let teach = null;
let share = null;
let pasted = null;
let levels = null;
let compare = null;
let sdView = null;

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
    nonce: els.nonce.value.trim(),
    keyOrigin: keyOrigin.origin,
    keyOriginDetail: keyOrigin.detail,
  };
}

/** onTokenInput runs on every keystroke in the token box. */
async function onTokenInput(event) {
  // The number is taken at once, in the order of the input events: an edit
  // made while this one awaits the engine is newer, and wins.
  const asked = ++edits;
  if ((await takeFoundToken(event)) === STALE) return;
  if (asked !== edits) return;
  editorsAhead = false;
  showError(els.signError, "");
  share?.refresh();
  const d = await renderTokenSide();
  if (d === STALE || asked !== edits) return;
  fillEditors(d);
  return check();
}

// STALE is what renderTokenSide returns when a newer call overtook it.
const STALE = Symbol("stale");
let reads = 0;

/** renderTokenSide decodes the token and paints everything that depends on it but the editors. */
async function renderTokenSide() {
  const mine = ++reads;
  const text = els.token.value;
  pasted.sync(text);
  const r = text.trim() ? await read(text) : null;
  if (mine !== reads) return STALE; // the engine answers asynchronously: a newer read wins
  if (r) sdView.render(r.sd);
  const d = r?.d ?? null;
  const offset = d && !d.ok ? d.error.offset : undefined;
  const large = text.length > LARGE;
  els.token.parentElement.classList.toggle("plain", large);
  renderToken(els.view, large ? "" : text, offset);
  autosize(els.token);
  showError(els.tokenError, d && !d.ok ? d.error.message : "", els.token);
  showWarnings(els.warnings, d?.warnings ?? []);
  keyPanel.tokenChanged(d);
  return d;
}

/**
 * read decodes the token box's text: an SD-JWT (it holds a "~") through
 * decodeSD, whose issuer JWT then fills the editors and the panel shows the
 * rest; anything else through decode.
 */
async function read(text) {
  if (!isSD(text)) return { d: await decode(text), sd: null };
  const sd = await decodeSD(text);
  return { d: sd.ok ? { ...sd.jwt, ok: true } : sd, sd };
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

// edits counts the changes to the token, its editors and its key. Signing
// and verifying are asynchronous (WebCrypto does RSA, ECDSA and EdDSA off
// the page's thread), so an answer is used only if nothing changed since it
// was asked for: a newer keystroke has asked again.
let edits = 0;

/** onEditorInput re-signs the token from the edited header and payload. */
async function onEditorInput() {
  autosize(els.header);
  autosize(els.payload);
  const asked = ++edits;
  checks++; // a check under way is for the token this replaces
  const res = await encodeAsync({ header: els.header.value, payload: els.payload.value, ...keyOptions() });
  if (asked !== edits) return;
  const part = res.ok ? "" : res.error.part;
  showError(els.headerError, part === "header" ? res.error.message : "", els.header);
  showError(els.payloadError, part === "payload" ? res.error.message : "", els.payload);
  const other = !res.ok && part !== "header" && part !== "payload";
  showError(els.signError, other ? `The token was not re-signed: ${res.error.message}` : "");
  editorsAhead = !res.ok;
  if (!res.ok) return;
  // The editors hold an SD-JWT's issuer JWT: re-signing it keeps the
  // disclosures (and a key binding, whose sd_hash then fails, as it should).
  const text = els.token.value;
  els.token.value = isSD(text) ? res.token + text.slice(text.indexOf("~")) : res.token;
  if ((await renderTokenSide()) === STALE) return;
  await check();
}

/** onKeyInput verifies again; it never rewrites the token. */
function onKeyInput() {
  keyPanel.keyChanged();
  if (editorsAhead) return onEditorInput();
  return check();
}

let checks = 0;

/** check verifies the token, sets the badge and the key panel's errors, and explains. */
async function check() {
  const asked = ++checks;
  const options = verifyOptions();
  teach.update(els.token.value, options);
  const text = els.token.value;
  // Each level of a nested token gets its own verdict; the compare box diffs against this token.
  levels.update(text, options);
  compare.update(text);
  if (!text.trim()) {
    setStatus(els.status, "empty", "No token", "Paste a JWT, or write a header and payload on the right to make one.");
    showError(els.keyError, "", els.keyInput);
    return;
  }
  const v = await verifyAsync(text, options);
  if (asked !== checks) return; // a newer check is under way
  sdView.verified(v);
  if (!v.ok) {
    failed(v);
    return;
  }
  showError(els.keyError, "", els.keyInput);
  const [state, title, detail] = verdict(v);
  setStatus(els.status, state, title, [detail, ...keyNotes(v)].filter(Boolean).join(" "));
}

/**
 * keyNotes are verify's warnings about the key (weak_key, several_keys,
 * keys_not_tried, large_rsa_key), said under the verdict: they do not change
 * it, but a verdict that hides them says less than the core knows. The
 * verdict words unencoded_payload itself, and private_key would nag after
 * every Generate, whose private key the box holds to sign with.
 */
const QUIET = new Set(["unencoded_payload", "nested", "private_key"]);
function keyNotes(v) {
  return (v.warnings ?? []).filter((w) => !QUIET.has(w.code)).map((w) => sentence(w.message) + ".");
}

function failed(v) {
  const { code, message, part } = v.error;
  if (code === "unsupported_alg") {
    showError(els.keyError, "", els.keyInput);
    setStatus(els.status, "unsupported", "Cannot verify: unsupported algorithm", message);
    return;
  }
  // A verifier must refuse a crit it does not understand (RFC 7515 §4.1.11):
  // the token reads fine, so say why here.
  if (code === "crit_unsupported" || code === "crit_invalid") {
    showError(els.keyError, "", els.keyInput);
    const title = code === "crit_unsupported" ? "Cannot verify: unsupported critical extension" : "Cannot verify: invalid crit or b64 header";
    setStatus(els.status, "unsupported", title, message);
    return;
  }
  // A check option out of range (a leeway over 1e9 s): nothing under the
  // token explains it, so the badge does.
  if (code === "bad_input") {
    showError(els.keyError, "", els.keyInput);
    setStatus(els.status, "unsupported", "Cannot verify with these checks", message);
    return;
  }
  // Anything not about the key is about the token, which cannot be read.
  if (part !== "key" && !code.startsWith("key_") && code !== "kid_not_found") {
    showError(els.keyError, "", els.keyInput);
    const where = v.error.part && v.error.part !== "token" ? `The ${v.error.part} part` : "The token";
    setStatus(els.status, "malformed", "Not a readable token", `${where} cannot be read: see the message under the token.`);
    return;
  }
  showError(els.keyError, code === "key_missing" ? "" : message, els.keyInput);
  const title = code === "key_missing" ? "Enter a key to verify the signature" : "Cannot verify with this key";
  setStatus(els.status, "key-error", title, claimsNote(v));
}

/** claimsNote sums up the claims, which are checked even without a key. */
function claimsNote(v) {
  const claimErrors = v.errors.filter((e) => e.part === "payload");
  if (claimErrors.length === 0) return v.claimsValid ? "The claims pass their checks (exp, nbf and iat, where present)." : "";
  return "Claims: " + claimErrors.map((e) => e.message).join("; ");
}

/**
 * verdict turns a verification into the badge's state, title and detail.
 * The core's provenance words a matching signature: "Signature verified"
 * only for a key typed here, never for one that came with the link or the
 * token.
 */
function verdict(v) {
  const p = v.provenance ?? { origin: "typed", headline: "Signature verified" };
  const typed = p.origin === "typed";
  const where = typed ? "" : `${p.text}: ${p.caveat}.`;
  const but = (what) => (typed ? `Signature verified, but ${what}` : `${p.headline}; ${what}`);
  const withWhere = (detail) => [detail, where].filter(Boolean).join(" ");
  const first = (code) => v.errors.find((e) => e.code === code);
  if (v.alg === "none") {
    return ["unsecured", "Unsecured token: alg none", "It has no signature, so anyone could have written it. Never accept such a token."];
  }
  if (!v.signatureValid) {
    return ["invalid-signature", "Invalid signature", first("signature_invalid")?.message ?? ""];
  }
  if (!v.claimsValid) {
    const claims = v.errors.filter((e) => e.part === "payload").map((e) => e.message).join("; ");
    if (first("token_expired")) return ["expired", but("the token has expired"), withWhere(claims)];
    if (first("token_not_valid_yet")) return ["not-yet-valid", but("the token is not valid yet"), withWhere(claims)];
    return ["claims-invalid", but("the claims fail"), withWhere(claims)];
  }
  // An SD-JWT is valid only when its disclosures and its key binding are
  // too: a good issuer signature over a tampered presentation is no pass.
  if (v.valid === false) {
    const errors = v.errors.map((e) => e.message).join("; ");
    if (v.disclosuresValid === false) return ["claims-invalid", but("the disclosures fail RFC 9901's checks"), withWhere(errors)];
    if (v.keyBinding && !v.keyBindingValid) return ["claims-invalid", but("the key binding fails"), withWhere(errors)];
    return ["claims-invalid", but("the SD-JWT fails its checks"), withWhere(errors)];
  }
  if (v.warnings?.some((w) => w.code === "unencoded_payload")) {
    return ["verified", p.headline, withWhere(`Checked with ${v.key}. The payload is unencoded text ("b64": false, RFC 7797), not claims: there were no claims to check.`)];
  }
  if (v.warnings?.some((w) => w.code === "nested")) {
    return ["verified", p.headline, withWhere(`Checked with ${v.key}. The payload is a nested token ("cty": "JWT"): its claims are the inner token's, judged with its own signature under "Tokens inside the token".`)];
  }
  if (v.keyBinding !== undefined) {
    const kb = v.keyBinding ? "the key binding (cnf key, sd_hash, iat, aud, nonce) is fine" : "there is no key binding";
    return ["verified", p.headline, withWhere(`Checked with ${v.key}; the disclosures and claims are fine, and ${kb}.`)];
  }
  return ["verified", p.headline, withWhere(v.key ? `Checked with ${v.key}; the claims are fine.` : "The claims are fine.")];
}

/**
 * setKey puts a key in the box for the key panel, then verifies or
 * re-signs. origin is {origin, detail}: where the key came from.
 */
function setKey(text, encoding, origin = TYPED) {
  els.keyInput.value = text;
  els.encoding.value = encoding;
  keyOrigin = origin;
  share.refresh();
  return onKeyInput();
}

/** resign signs the edited header and payload anew under alg and kid. */
function resign(alg, kid) {
  els.header.value = withAlgKid(els.header.value, alg, kid);
  return onEditorInput();
}

/** autosize grows a textarea to its content, so the page scrolls instead. */
function autosize(textarea) {
  // Measuring a huge text forces a layout of all of it: such a box keeps
  // a fixed height and scrolls instead.
  const large = textarea.value.length > LARGE;
  textarea.classList.toggle("large", large);
  textarea.style.height = "auto";
  if (!large) textarea.style.height = `${textarea.scrollHeight + 2}px`;
}

/**
 * openLink restores what a shared link carries; it fetches nothing. A key
 * typed while the page was loading is kept (keepKey) over the link's.
 */
function openLink(link, keepKey = false) {
  if (link.key && !keepKey) {
    els.keyInput.value = link.key;
    els.encoding.value = ["utf8", "base64", "base64url", "hex"].includes(link.encoding) ? link.encoding : "utf8";
    keyOrigin = { origin: "link", detail: "" };
  }
  // The key is in the box now: it must not stay in the address bar, the
  // history or a bookmark, where a secret would outlive the page.
  forgetLinkKey();
  if (link.jwksURL) {
    $("jwks-url").value = link.jwksURL;
    keyPanel.jwksFromLink(link.jwksURL);
  }
  if (link.fromQuery) {
    const warning = $("link-warning");
    warning.textContent = "This link had the token in its query string (?token=), which is sent to the server and can end up in its logs. It has been moved after the # in the address; share links with #token= instead.";
    warning.hidden = false;
    moveTokenOutOfQuery(link.token);
  }
  els.token.value = link.token;
  compare.open(link.compare);
  // An OAuth redirect can carry an id_token and an access_token: open the
  // first, the others a click away.
  if (link.tokens.length > 1) pasted.show(link.tokens.map((t) => ({ ...t, where: "in the link" })), null);
  const checked = onTokenInput();
  keyPanel.keyChanged();
  return checked;
}

/**
 * loadSample signs a fresh sample, with WebCrypto as the first screen does
 * (sample.js), or with the engine where WebCrypto is missing.
 */
async function loadSample(keepKey = false) {
  let sample = await makeSample();
  if (!sample) {
    const t = Math.floor(Date.now() / 1000);
    const payload = `{"sub":"1234567890","name":"Ada Lovelace","admin":true,"iat":${t},"exp":${t + 3600}}`;
    const secret = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(30)))).replaceAll("+", "-").replaceAll("/", "_");
    const res = await encode({ header: SAMPLE_HEADER, payload, key: secret });
    sample = { token: res.ok ? res.token : "", secret };
  }
  if (!keepKey) {
    els.keyInput.value = sample.secret;
    els.encoding.value = "utf8";
    keyOrigin = TYPED;
  }
  els.token.value = sample.token;
  const checked = onTokenInput();
  keyPanel.keyChanged();
  return checked;
}

function wire() {
  els.token.addEventListener("input", onTokenInput);
  els.header.addEventListener("input", onEditorInput);
  els.payload.addEventListener("input", onEditorInput);
  // A key edited by hand is the person's own; another reading of the
  // same text (the encoding) still came from where the text did.
  els.keyInput.addEventListener("input", () => {
    keyOrigin = TYPED;
    onKeyInput();
    share.refresh();
  });
  els.encoding.addEventListener("change", () => {
    onKeyInput();
    share.refresh();
  });
  for (const el of [els.issuer, els.audience, els.nonce, els.leeway, els.now]) el.addEventListener("input", check);
  $("now-reset").addEventListener("click", () => {
    els.now.value = "";
    check();
  });
  $("sample-token").addEventListener("click", () => loadSample());
  $("clear-token").addEventListener("click", () => {
    els.token.value = "";
    onTokenInput();
    els.token.focus();
  });
  $("copy-token").addEventListener("click", (e) => copyText(e.currentTarget, els.token));
  window.addEventListener("resize", () => [els.token, els.header, els.payload].forEach(autosize));
}

async function start() {
  // The first screen (sample.js) is drawn without the engine; the engine
  // starts now, in its worker, and checks what the screen holds once it runs.
  const [{ sample }] = await Promise.all([firstScreen, ready]).catch((err) => {
    $("loading").textContent = `The token engine could not load: ${err.message}. Reload the page to try again.`;
    $("loading").classList.add("failed");
    $("loading").hidden = false;
    document.documentElement.dataset.ready = "error";
    return [{ failed: true }];
  });
  if (sample === undefined) return;
  $("version").textContent = `core ${await version()}`;
  // The notice goes under the token box, outside what scrolls in it.
  pasted = createPasteNotice(els.token.closest(".token-scroll"), (token) => {
    els.token.value = token;
    onTokenInput();
  });
  sdView = createSDView();
  createSDBuilder({
    source: () => ({ header: els.header.value, payload: els.payload.value, ...keyOptions() }),
    open: (text) => {
      els.token.value = text;
      onTokenInput();
    },
  });
  keyPanel = createKeyPanel({ setKey, resign });
  teach = createTeach();
  levels = createLevels(verdict);
  compare = createCompare(() => share.refresh());
  share = createSharePanel(() => ({ token: els.token.value, key: els.keyInput.value, encoding: els.encoding.value, jwksURL: $("jwks-url").value.trim(), compare: compare.value() }));
  wire();
  // Ready means the verdict is on the badge too.
  await openFirst(readLink(), sample);
  // A link opened in a tab that already shows the playground changes only
  // the fragment: read it again.
  window.addEventListener("hashchange", () => {
    const next = readLink();
    $("link-warning").hidden = true; // it was about the link before
    if (next.token) openLink(next);
    else linkProblem(next.error);
  });
  registerServiceWorker($("update-banner"), $("update-reload"));
  $("loading").hidden = true;
  document.documentElement.dataset.ready = "true";
  replayHeldClicks();
}

// ---- Loading: what is typed, pasted or clicked before the core is ready.

/**
 * openFirst shows what the page opens with. A token or key typed or pasted
 * while the core was loading is the person's own: it is kept and checked,
 * and neither the sample nor a link replaces it. sample is the sample the
 * first screen drew (sample.js), or null: when the boxes still hold it, it
 * is checked where it stands rather than signed anew.
 */
function openFirst(link, sample) {
  const typedToken = els.token.value.trim() !== "" && els.token.value !== sample?.token;
  // The sample's secret belongs to the sample: a token typed over the
  // sample is not checked against it.
  if (typedToken && sample && els.keyInput.value === sample.secret) els.keyInput.value = "";
  const keepKey = els.keyInput.value !== "" && els.keyInput.value !== sample?.secret;
  if (!link.token || typedToken) forgetLinkKey(); // a key with no token to open is not read, nor kept
  if (typedToken) {
    if (link.token) linkProblem("The token typed while the page was loading is kept: the link's token was not opened.");
    return checkAsShown();
  }
  if (link.token) return openLink(link, keepKey);
  if (link.error) linkProblem(`${link.error} The sample token is shown instead.`);
  if (sample && els.token.value === sample.token) return checkAsShown();
  return loadSample(keepKey);
}

/** checkAsShown checks the token and key the boxes hold, and describes the key. */
function checkAsShown() {
  const checked = onTokenInput();
  keyPanel.keyChanged();
  return checked;
}

/** linkProblem says, above the playground, why a link was not opened. */
function linkProblem(message) {
  if (!message) return;
  const warning = $("link-warning");
  warning.textContent = message;
  warning.hidden = false;
}

// A click on a button before the core is ready is held, said, and run
// once it is ready, in order: no button silently does nothing.
const heldClicks = [];

function holdClick(event) {
  const button = event.target instanceof Element ? event.target.closest("button") : null;
  if (!button || document.documentElement.dataset.ready !== "loading") return;
  event.preventDefault();
  event.stopImmediatePropagation();
  if (!heldClicks.includes(button)) heldClicks.push(button);
  const names = heldClicks.map((b) => `"${b.textContent.trim()}"`).join(", ");
  $("loading").textContent = `Loading the token engine… ${names} will run as soon as it is ready.`;
  $("loading").hidden = false;
}

function replayHeldClicks() {
  document.removeEventListener("click", holdClick, true);
  for (const button of heldClicks.splice(0)) button.click();
}

document.addEventListener("click", holdClick, true);
// "loading" until the core is ready ("true") or failed ("error"): from now
// on input is kept and clicks are held.
document.documentElement.dataset.ready = "loading";

// ---- Paste anything: a token inside what was pasted.

/**
 * takeFoundToken replaces the token box's text with the token found in it,
 * when the text is not itself a token but holds one (an Authorization
 * line, a URL, a JSON body, a curl command, an HTTP request), and says
 * where it was found; the pasted text stays one click away. Text with no
 * token in it is left as it is, for the core's own error. Only what
 * arrives whole does (a paste, a drop, a link, what was typed while the
 * core loaded): a space typed into a token is a typo to show, not text
 * to cut the token out of.
 */
async function takeFoundToken(event) {
  if (event?.inputType && !event.inputType.startsWith("insertFrom")) return;
  const text = els.token.value;
  if (!text.trim() || (await (isSD(text) ? decodeSD(text) : decode(text))).ok) return;
  if (els.token.value !== text) return STALE; // typed on meanwhile: that input looks again
  const found = findTokens(text);
  if (!holdsOtherThanToken(text, found)) return;
  pasted.show(found, text);
  els.token.value = found[0].token;
}

start();
