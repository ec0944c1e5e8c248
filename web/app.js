// The playground page: wires the token, the decoded JSON editors and the key
// panel to the playground's state (state.js), and paints what it says. The
// token is the source of truth: typing in it decodes and verifies; editing
// the JSON re-signs and rewrites it; changing the key only verifies again.
import { ready, decode, decodeSD, encodeAsync, expect, verifyAsync, version } from "./jwt.js";
import { firstScreen, makeSample } from "./sample.js";
import { copyText, createKeyPanel, withAlgKid } from "./keys.js";
import { endSentence, errorMark, LARGE, markPayloadJSON, renderToken, sentence, setStatus, showError, showJSONError, showWarnings } from "./render.js";
import { audienceList } from "./audience.js";
import { classify, createPlayground, TYPED } from "./state.js";
import { createTeach } from "./teach.js";
import { createSharePanel, forgetLinkKey, moveTokenOutOfQuery, readLink } from "./share.js";
import { registerServiceWorker } from "./offline.js";
import { findTokens, holdsOtherThanToken } from "./paste.js";
import { createPasteNotice } from "./pastebox.js";
import { createLevels } from "./levels.js";
import { createCompare } from "./compare.js";
import { createSDBuilder, createSDView, isSD } from "./sd.js";
import { createJWSJSONView } from "./jwsjson.js";
import { createJWEView } from "./jwe.js";
import { afterFrame } from "./schedule.js";

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

// Where the key in the box came from, {origin, detail} as verify's
// keyOrigin and keyOriginDetail take them: the core words the verdict by
// it, so that a key from the link or the token never reads as trusted.
// Typing in the key box makes it "typed" again.
let keyOrigin = TYPED;

// The playground's state: the token, the editors, the key, the checks and
// the verdict, shared with <jwt-playground>. The page feeds it what is
// typed and paints what it says (paint, below); it decides nothing itself.
const playground = createPlayground({ decode, decodeSD, encodeAsync, verifyAsync });

let keyPanel = null;
let teach = null;
let share = null;
let pasted = null;
let levels = null;
let compare = null;
let sdView = null;
let jwsView = null;
let jweView = null;

// What can wait for the verdict (the claims explained, the security checks,
// the nested levels, the comparison) runs after the frame that paints it,
// once for the latest token and options: explainFor, set when a check
// starts.
const soon = afterFrame();
let explainFor = null;
function explainLater() {
  const explained = soon(() => {
    if (!explainFor) return;
    const { token, options } = explainFor;
    teach.update(token, options);
    // Each level of a nested token gets its own verdict; the compare box diffs against this token.
    levels.update(token, options);
    compare.update(token);
  });
  // Pending until it has run (and asked the engine): the e2e tests wait
  // until nothing is.
  expect(explained);
}

function keyOptions() {
  return { key: els.keyInput.value, secretEncoding: els.encoding.value };
}

/** keyFields is the key box as the playground's state takes it. */
function keyFields() {
  return { key: els.keyInput.value, encoding: els.encoding.value, keyOrigin };
}

/** checkFields are the checks under "Expected issuer, audience and nonce"; now is null for the clock. */
function checkFields() {
  const set = els.now.value ? new Date(els.now.value).getTime() : NaN;
  return {
    now: Number.isNaN(set) ? null : set / 1000,
    leeway: Math.max(0, Number(els.leeway.value) || 0),
    issuer: els.issuer.value.trim(),
    audience: audienceList(els.audience.value),
    nonce: els.nonce.value.trim(),
  };
}

/**
 * onTokenInput runs on every keystroke in the token box. The text goes to
 * the playground at once, even when it may hold a token to take out of it:
 * a signing still under way must not overwrite what was typed since.
 */
function onTokenInput(event) {
  share?.refresh();
  // The key and checks too: a link or the sample may have set them.
  const checked = playground.input({ token: els.token.value, ...keyFields(), checks: checkFields() });
  const found = takeFoundToken(event);
  atFrame(els.token, echoToken);
  return Promise.all([checked, found]);
}

/**
 * echoToken draws the token box's text in the frame that shows the
 * keystroke, unless the decoding has answered first: the textarea's text
 * is transparent over the coloured view, which would otherwise show the
 * text before the keystroke until the answer, a frame or more later. The
 * answer draws it again, with its marks; a view that marks a bad
 * character keeps it until then, so that the mark does not flicker.
 */
function echoToken() {
  const text = els.token.value;
  if (text === viewOf || text.length > LARGE || els.token.parentElement.classList.contains("plain") || els.view.querySelector("mark")) return;
  if (viewIsText) els.view.textContent = `${text}\n`;
  else renderToken(els.view, text);
  autosize(els.token);
}

// viewOf is the text the view shows; viewIsText says it shows it as plain
// text (a JWS JSON), not coloured by part.
let viewOf = "";
let viewIsText = false;

/**
 * atFrame runs fn at the start of the next frame, once for each key however
 * often asked: what forces a layout (drawing the typed token, fitting a
 * box to its text) waits until the frame lays the page out anyway, so
 * that the handler returns, and the engine gets its calls, at once.
 */
function atFrame(key, fn) {
  if (framed.size === 0) {
    requestAnimationFrame(() => {
      const jobs = [...framed.values()];
      framed.clear();
      for (const job of jobs) job();
    });
  }
  framed.set(key, fn);
}
const framed = new Map();

/** onEditorInput re-signs the token from the edited header and payload. */
function onEditorInput() {
  atFrame(els.header, () => autosize(els.header));
  atFrame(els.payload, () => autosize(els.payload));
  return playground.input({ header: els.header.value, payload: els.payload.value, ...keyFields() });
}

/** onKeyInput verifies again, or signs edits not yet signed; it never rewrites the token. */
function onKeyInput() {
  keyPanel.keyChanged();
  return playground.input(keyFields());
}

/** onChecksInput verifies again with the expected issuer, audience, nonce, leeway and time. */
function onChecksInput() {
  return playground.setChecks(checkFields());
}

// ---- Painting what the playground's state says.

const paint = {
  /** token paints everything that depends on the token, and the editors when they were refilled from it. */
  token(s) {
    const text = s.token;
    if (els.token.value !== text) els.token.value = text; // re-signed
    pasted.sync(text);
    const d = s.decoded;
    const large = text.length > LARGE;
    els.token.parentElement.classList.toggle("plain", large);
    renderToken(els.view, large ? "" : text, errorMark(text, d));
    // A JWS JSON has no dotted parts to colour: it shows as the text it is.
    viewIsText = !!s.jws;
    viewOf = large ? "" : text;
    if (!large && s.jws) els.view.textContent = `${text}\n`;
    else if (!large) markPayloadJSON(els.view, text, d, () => els.token.value);
    autosize(els.token);
    // A JWE reads as far as it can without a key: the badge and the JWE panel say the rest.
    const unread = d && !d.ok && d.error.code !== "encrypted_token";
    showError(els.tokenError, unread ? d.error.message : "", els.token);
    showWarnings(els.warnings, d?.warnings ?? []);
    keyPanel.tokenChanged(d);
    jweView?.update(text, d);
    sdView.render(s.sd);
    jwsView.render(s.jws);
    // The verdict can come before the decoding: a JWS JSON's signatures,
    // drawn only now, take it (unless it is for an older token).
    if (s.jws && s.verification && !s.pending) paint.verdict(s);
    if (s.refilled) fillEditors(s);
  },
  /** editors shows what kept the edits from being signed. */
  editors(s) {
    showJSONError(els.headerError, s.editErrors.header, els.header, s.editOffset);
    showJSONError(els.payloadError, s.editErrors.payload, els.payload, s.editOffset);
    showError(els.signError, s.editErrors.sign);
  },
  /** checking notes the token being checked, for the explainers, the nested levels and the diff. */
  checking(s) {
    // Busy until the verdict for these inputs is in: the one shown is older.
    els.status.setAttribute("aria-busy", "true");
    explainFor = { token: s.token, options: s.checkedWith };
  },
  /** verdict sets the badge and the key box's error, then has the explainers follow. */
  verdict(s) {
    explainLater();
    const v = s.verdict;
    els.status.setAttribute("aria-busy", String(s.pending));
    showError(els.keyError, v.keyError, els.keyInput);
    const which = s.verification ? jwsView.verified(s.verification) : "";
    setStatus(els.status, v.state, v.title, [which, v.detail, ...v.notes.map(sentence)].filter(Boolean).map(endSentence).join(" "));
    if (s.verification) {
      sdView.verified(s.verification);
      keyPanel.verified(s.verification);
    }
  },
};

function fillEditors(s) {
  setValue(els.header, s.header);
  setValue(els.payload, s.payload);
  // Say why an editor is empty when its part of the token cannot be read.
  const d = s.decoded;
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

/**
 * autosize grows a textarea to its content, so the page scrolls instead.
 * Each measure forces a layout of the page (a millisecond or two, in the
 * task that paints a verdict): a box whose text is the one it was last
 * fitted to is left as it is, unless force says its width may have
 * changed.
 */
function autosize(textarea, force = false) {
  if (!force && fitted.get(textarea) === textarea.value) return;
  // Measuring a huge text forces a layout of all of it: such a box keeps
  // a fixed height and scrolls instead.
  const large = textarea.value.length > LARGE;
  textarea.classList.toggle("large", large);
  // A huge text's box takes its height from the style sheet (.large, or
  // the token box's): an inline height would override it.
  textarea.style.height = large ? "" : "auto";
  const height = large ? 0 : textarea.scrollHeight;
  // scrollHeight leaves out the borders, which the height includes (the
  // token box's textarea has none: a height past its text would make the
  // box scroll, and the browser then layer and re-raster the page).
  if (!large) textarea.style.height = `${height + borders(textarea)}px`;
  // A hidden box measures 0: it is fitted again when next asked.
  if (large || height > 0) fitted.set(textarea, textarea.value);
  else fitted.delete(textarea);
}

/** borders returns the height of an element's top and bottom borders, in CSS pixels. */
function borders(el) {
  const style = getComputedStyle(el);
  return parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
}

/** fitted maps each textarea to the text autosize last fitted it to. */
const fitted = new WeakMap();

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

/** loadSample signs a fresh sample, as the first screen does (sample.js). */
async function loadSample(keepKey = false) {
  const sample = makeSample();
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
  for (const el of [els.issuer, els.audience, els.nonce, els.leeway, els.now]) el.addEventListener("input", onChecksInput);
  $("now-reset").addEventListener("click", () => {
    els.now.value = "";
    onChecksInput();
  });
  $("sample-token").addEventListener("click", () => loadSample());
  $("clear-token").addEventListener("click", () => {
    els.token.value = "";
    onTokenInput();
    els.token.focus();
  });
  $("copy-token").addEventListener("click", (e) => copyText(e.currentTarget, els.token));
  window.addEventListener("resize", () => [els.token, els.header, els.payload].forEach((t) => autosize(t, true)));
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
  jwsView = createJWSJSONView();
  createSDBuilder({
    source: () => ({ header: els.header.value, payload: els.payload.value, ...keyOptions() }),
    open: (text) => {
      els.token.value = text;
      onTokenInput();
    },
  });
  keyPanel = createKeyPanel({ setKey, resign });
  jweView = createJWEView({
    getToken: () => els.token.value,
    setToken: (text) => {
      els.token.value = text;
      onTokenInput();
    },
  });
  teach = createTeach();
  // An inner level's verdict is worded as the outer one is.
  levels = createLevels((v) => {
    const c = classify(v);
    return [c.state, c.title, c.detail];
  });
  compare = createCompare(() => share.refresh());
  share = createSharePanel(() => ({ token: els.token.value, key: els.keyInput.value, encoding: els.encoding.value, jwksURL: $("jwks-url").value.trim(), compare: compare.value() }));
  playground.subscribe((event, s) => paint[event](s));
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
  // Typed over while the core answered: that text is the newer one.
  if (els.token.value !== text) return;
  const found = findTokens(text);
  if (!holdsOtherThanToken(text, found)) return;
  pasted.show(found, text);
  els.token.value = found[0].token;
  share?.refresh();
  await playground.setToken(els.token.value);
}

start();
