// Teaching: what each claim means (a table, and hints on hover and focus in
// the JSON editors), the token's lifetime on a timeline, the security
// checks, the signature step by step, and each part of the token lit up in
// every view at once.
import { decode, explain, explainSignature, lint } from "./jwt.js";
import { sentence } from "./render.js";
import { clip, panelElements, renderClaims, renderLint, renderTimeline } from "./views.js";

const $ = (id) => document.getElementById(id);

/** createTeach wires the teaching views; update() refreshes them for a token. */
export function createTeach() {
  const els = {
    token: $("token-input"),
    view: document.querySelector("[data-testid=token-view]"),
    header: $("header-json"),
    payload: $("payload-json"),
    headerHint: $("header-hint"),
    payloadHint: $("payload-hint"),
    ...panelElements(),
    steps: $("signature-steps"),
    stepList: $("step-list"),
  };
  let last = { token: "", options: {} };

  wireHints(els.header, els.headerHint, "header parameter");
  wireHints(els.payload, els.payloadHint, "claim");
  wireHighlight(els);
  els.steps.addEventListener("toggle", () => els.steps.open && renderSteps(els, last));

  // asked numbers the renders: the engine answers asynchronously, and only
  // the answers to the latest render are drawn.
  let asked = 0;
  const render = async (token, verifyOptions) => {
    const mine = ++asked;
    // The teaching views need neither the leeway nor the expected issuer
    // and audience: a leeway out of range must not blank them too.
    const options = { key: verifyOptions.key, secretEncoding: verifyOptions.secretEncoding, now: verifyOptions.now };
    last = { token, options };
    const [ex, findings] = token.trim() ? await Promise.all([explain(token, { now: options.now }), lint(token, options)]) : [null, null];
    if (mine !== asked) return;
    entriesOf.set(els.header, byName(ex?.ok ? ex.header : []));
    entriesOf.set(els.payload, byName(ex?.ok ? ex.claims : []));
    renderClaims(els, ex?.ok ? ex.claims : []);
    renderTimeline(els, ex?.ok ? ex.claims : [], options.now, verifyOptions.leeway ?? 0);
    renderLint(els, findings);
    if (els.steps.open) renderSteps(els, last);
  };

  return {
    /**
     * update explains token, checked with options (as for verify). The
     * page calls it after the frame that paints the verdict (see
     * schedule.js): the explanations can wait a moment, typing cannot.
     */
    update: render,
  };
}

// entriesOf maps each JSON editor to its members' explanations by name;
// update() replaces them, and the hint listeners read the current ones.
const entriesOf = new WeakMap();

function byName(entries) {
  return new Map(entries.map((e) => [e.name, e]));
}

/**
 * describe writes an entry as one line of text for a hint or tooltip. An
 * entry explains the last of duplicate members, the one verification uses;
 * ignored is true on the line of an earlier one.
 */
function describe(e, noun, ignored = false) {
  if (ignored) return `${e.name}: this duplicate is ignored. The last ${JSON.stringify(e.name)} counts, as it does when verifying: ${clip(e.raw)}.`;
  const kind = `${e.kind} ${noun}`;
  const time = e.time ? ` ${e.time.utc}, ${e.time.relative}.` : "";
  const dup = e.duplicate ? ` Written ${e.ignored.length + 1} times: this last one counts.` : "";
  return `${e.name} (${kind}${e.source ? `, ${e.source}` : ""}): ${e.description}${time}${dup}`;
}


/** nameOn reads the name of the top-level member on a line of pretty JSON, or null. */
function nameOn(text = "") {
  const m = /^ {2}"((?:[^"\\]|\\.)*)"\s*:/.exec(text);
  if (!m) return null;
  try {
    return JSON.parse(`"${m[1]}"`);
  } catch {
    return null;
  }
}

/**
 * wireHints explains the member on the line under the mouse (as a tooltip)
 * and on the caret's line (in the hint line below the editor). The editors
 * do not wrap lines, so a line of text is a line on screen.
 */
function wireHints(textarea, hint, noun) {
  // hintAt explains the member on a line: of duplicates, a line before the
  // last one's is ignored.
  const hintAt = (line) => {
    const lines = textarea.value.split("\n");
    const name = nameOn(lines[line]);
    const e = name === null ? null : entriesOf.get(textarea)?.get(name);
    if (!e) return "";
    return describe(e, noun, !!e.duplicate && lines.slice(line + 1).some((l) => nameOn(l) === name));
  };
  const lineAtPoint = (event) => {
    const style = getComputedStyle(textarea);
    const y = event.offsetY + textarea.scrollTop - parseFloat(style.paddingTop);
    return Math.floor(y / parseFloat(style.lineHeight));
  };
  const caretLine = () => textarea.value.slice(0, textarea.selectionStart).split("\n").length - 1;
  textarea.addEventListener("mousemove", (event) => {
    textarea.title = hintAt(lineAtPoint(event));
  });
  const showCaret = () => {
    hint.textContent = hintAt(caretLine());
  };
  for (const type of ["focus", "click", "keyup", "select"]) textarea.addEventListener(type, showCaret);
  textarea.addEventListener("blur", () => (hint.textContent = ""));
}


// stepsAsked numbers the step renders, as render's asked does.
let stepsAsked = 0;

/** renderSteps shows how the signature is made and checked. */
async function renderSteps(els, { token, options }) {
  const mine = ++stepsAsked;
  const [s, d] = token.trim() ? await Promise.all([explainSignature(token, options), decode(token)]) : [null, null];
  if (mine !== stepsAsked) return;
  if (!s?.ok) {
    els.stepList.replaceChildren(step("No token to explain", s ? sentence(s.error.message) : "Paste a token first."));
    return;
  }
  const [header, payload] = s.signingInput.split(".");
  // RFC 7797: with "b64": false the payload is signed as written.
  const unencoded = d.warnings?.some((w) => w.code === "unencoded_payload");
  const how = unencoded ? 'base64url(header) + "." + the payload as written ("b64": false, RFC 7797)' : 'base64url(header) + "." + base64url(payload)';
  const input = document.createElement("code");
  input.className = "signing-input";
  input.append(span("seg-header", header), span("seg-dot", "."), span("seg-payload", payload));
  const items = [
    step("1. The signing input", `${how}, ${s.signingInputLength} bytes:`, input),
    step("2. Its bytes (ASCII), in hex", s.signingInputLength > s.signingInputHex.length / 2 ? `the first ${s.signingInputHex.length / 2} of ${s.signingInputLength} bytes:` : "", mono(group(s.signingInputHex))),
  ];
  if (!s.scheme) {
    items.push(step("3. Nothing to check", sentence(s.checked)));
    els.stepList.replaceChildren(...items);
    return;
  }
  items.push(step(`3. ${s.alg}: ${s.scheme} with ${s.hash}`, s.digest ? `${s.hash} of the signing input, which the key signs:` : "", s.digest ? mono(group(s.digest)) : null));
  if (s.keyError) {
    items.push(step("4. The key", sentence(s.keyError.message)));
  } else if (s.expected) {
    items.push(hmacStep(s));
  } else {
    const parts = s.r ? [mono(`r = ${group(s.r)}`), mono(`s = ${group(s.s)}`)] : [mono(group(s.signature))];
    items.push(step("4. The token's signature", `checked with ${s.key}:`, ...parts));
    items.push(step(`5. ${s.valid ? "Valid" : "Invalid"}`, sentence(s.checked) + (s.valid ? ": it holds." : ": it does not hold.")));
  }
  els.stepList.replaceChildren(...items);
}

/** hmacStep puts the recomputed HMAC beside the token's, marking where they part. */
function hmacStep(s) {
  const at = s.firstDifference < 0 ? -1 : s.firstDifference * 2;
  const line = (label, hex) => {
    const p = document.createElement("code");
    p.className = "mono";
    p.append(`${label} `);
    if (at < 0) {
      p.append(group(hex));
    } else {
      const same = span("same", hex.slice(0, at));
      const diff = document.createElement("mark");
      diff.textContent = hex.slice(at);
      p.append(same, diff);
    }
    return p;
  };
  const verdict = at < 0 ? "They are equal: the signature is valid." : `They differ from byte ${s.firstDifference} on: the token was changed, or signed with another secret.`;
  return step(`4. HMAC-${s.hash} recomputed with ${s.key}`, verdict, line("recomputed:", s.expected), line("in token: ", s.signature));
}

function step(title, text, ...nodes) {
  const li = document.createElement("li");
  const h = document.createElement("strong");
  h.textContent = title;
  li.append(h);
  if (text) li.append(" ", text);
  for (const n of nodes) if (n) li.append(n);
  return li;
}

function span(cls, text) {
  const s = document.createElement("span");
  s.className = cls;
  s.textContent = text;
  return s;
}

function mono(text) {
  const c = document.createElement("code");
  c.className = "mono";
  c.textContent = text;
  return c;
}

/** group spaces hex into bytes for reading. */
function group(hex) {
  return hex.replace(/(..)(?=.)/g, "$1 ");
}

const parts = ["header", "payload", "signature"];

/**
 * wireHighlight lights up one part of the token everywhere it appears when
 * the pointer or the caret is on it: in the coloured token and in the
 * decoded view.
 */
function wireHighlight(els) {
  const light = (part) => {
    for (const p of parts) {
      const on = p === part;
      document.querySelector(`.part-${p}`)?.classList.toggle("lit", on);
      els.view.querySelectorAll(`.seg-${p}`).forEach((s) => s.classList.toggle("lit", on));
    }
  };
  // When the pointer leaves, the part with the focus (or under the
  // caret) stays lit.
  const caretPart = () => {
    const before = els.token.value.slice(0, els.token.selectionStart).trimStart();
    return parts[Math.min(before.split(".").length - 1, 2)];
  };
  const focused = () => {
    const active = document.activeElement;
    if (active === els.token) return caretPart();
    return parts.find((p) => active?.closest(`.part-${p}`)) ?? "";
  };
  const restore = () => light(focused());
  // The token's text lies over the coloured copy, so look through it.
  els.token.addEventListener("mousemove", (event) => {
    const seg = document.elementsFromPoint(event.clientX, event.clientY).find((el) => el.parentElement === els.view);
    light(parts.find((p) => seg?.classList.contains(`seg-${p}`)) ?? focused());
  });
  els.token.addEventListener("mouseleave", restore);
  for (const type of ["focus", "click", "keyup"]) els.token.addEventListener(type, () => light(caretPart()));
  els.token.addEventListener("blur", () => setTimeout(restore, 0));
  for (const p of parts) {
    const section = document.querySelector(`.part-${p}`);
    section.addEventListener("mouseenter", () => light(p));
    section.addEventListener("mouseleave", restore);
    section.addEventListener("focusin", () => light(p));
    section.addEventListener("focusout", () => setTimeout(restore, 0));
  }
}
