// SD-JWT (RFC 9901) on the page: the view of a pasted SD-JWT (its
// disclosures, where each lands, the payload the verifier sees and every
// §7 error beside the part at fault), and the builder that issues one from
// the editors and presents it. Everything from a token is written with
// textContent, never as HTML: disclosures are attacker-controlled.
import { decodeSD, generateKey, issueSD, presentSD } from "./jwt.js";
import { pretty } from "./json.js";
import { showError } from "./render.js";

const $ = (id) => document.getElementById(id);

/** isSD says whether text is meant as an SD-JWT: only those hold a "~". */
export const isSD = (text) => text.includes("~");

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** where words a disclosure's landing place, a JSON Pointer or nothing. */
const where = (path) => (path ? path : "not referenced");

/** shortJSON is a value as one line of JSON. */
const shortJSON = (v) => JSON.stringify(v);

/**
 * createSDView wires the SD-JWT panel. render(d) shows decodeSD's result d,
 * or hides the panel for null.
 */
export function createSDView() {
  const panel = $("sd-panel");
  const rows = $("sd-disclosure-rows");
  const errors = $("sd-errors");
  const processed = $("sd-processed");
  const undisclosed = $("sd-undisclosed");
  const kb = $("sd-kb");

  function render(d) {
    panel.hidden = !d?.ok;
    if (!d?.ok) return;
    const at = (part, index) => d.errors.filter((e) => e.part === part && (index === undefined || e.index === index));
    rows.replaceChildren(...d.disclosures.map((x) => row(x, at("disclosure", x.index))));
    if (d.disclosures.length === 0) {
      const tr = el("tr");
      const td = el("td", "No disclosures: nothing is selectively disclosed.");
      td.colSpan = 4;
      tr.append(td);
      rows.append(tr);
    }
    // Above the table: the payload's errors, and any that no row or the
    // key binding shows, so that no error goes unsaid.
    const rowIndex = new Set(d.disclosures.map((x) => x.index));
    listErrors(errors, d.errors.filter((e) => e.part !== "keyBinding" && !(e.part === "disclosure" && rowIndex.has(e.index))));
    processed.textContent = d.processed ? pretty(JSON.stringify(d.processed)) : "";
    const hidden = d.undisclosed.map((u) => `${u.count} at ${u.path || "the top"}`);
    undisclosed.textContent = hidden.length
      ? `Undisclosed digests (the verifier cannot tell real claims from decoys): ${hidden.join("; ")}.`
      : "No undisclosed digests.";
    renderKB(d, at("keyBinding"));
  }

  function renderKB(d, errs) {
    kb.replaceChildren();
    if (!d.keyBinding) {
      kb.append(el("p", "No key-binding JWT: the SD-JWT ends with \"~\". Anyone holding it can present it."));
    } else {
      kb.append(el("p", "The key-binding JWT, which the holder signs with the key in the issuer JWT's cnf:"));
      const claims = d.keyBinding.payloadText ? pretty(d.keyBinding.payloadText) : "";
      kb.append(el("pre", claims, "sd-json"));
    }
    const list = el("ul", undefined, "sd-errors");
    listErrors(list, errs);
    kb.append(list);
  }

  /**
   * verified shows, beside the key binding, what verify found wrong with it
   * (its signature with the cnf key, sd_hash, iat, aud, nonce): checks that
   * need the expected values, so decodeSD cannot make them.
   */
  function verified(v) {
    const list = $("sd-kb-verify");
    listErrors(list, v?.ok ? v.errors.filter((e) => e.part === "keyBinding") : []);
  }

  return { render, verified };
}

function row(x, errs) {
  const tr = el("tr");
  tr.dataset.testid = "sd-disclosure";
  const shown = x.name !== undefined ? `[${shortJSON(x.salt)}, ${shortJSON(x.name)}, ${shortJSON(x.value)}]` : `[${shortJSON(x.salt)}, ${shortJSON(x.value)}]`;
  const what = el("td");
  what.append(el("code", x.value === undefined ? x.text : shown));
  if (x.error) errs = [x.error, ...errs.filter((e) => e.message !== x.error.message)];
  if (errs.length) {
    const list = el("ul", undefined, "sd-errors");
    listErrors(list, errs);
    what.append(list);
    tr.classList.add("sd-bad");
  }
  tr.append(el("td", String(x.index)), what, el("td", x.digest ?? "", "sd-digest"), el("td", where(x.path), x.path ? "" : "sd-unref"));
  return tr;
}

function listErrors(list, errs) {
  list.replaceChildren(...errs.map((e) => {
    const li = el("li", e.message);
    li.dataset.code = e.code;
    return li;
  }));
  list.hidden = errs.length === 0;
}

// ---- The builder: issue from the editors, then present.

/** REGISTERED claims stay plain by default: a verifier needs them to check the token. */
const REGISTERED = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "vct", "cnf", "status"]);

/** pointer escapes a member name into a JSON Pointer step (RFC 6901). */
const step = (name) => String(name).replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * claimsOf lists what can be made selectively disclosable in payload:
 * every member and array element, nested ones to a few levels, as JSON
 * Pointers, each with whether it is ticked at first.
 */
export function claimsOf(payload, base = "", depth = 0) {
  if (depth > 3 || payload === null || typeof payload !== "object") return [];
  const out = [];
  const entries = Array.isArray(payload) ? payload.map((v, i) => [i, v]) : Object.entries(payload);
  for (const [name, value] of entries) {
    if (name === "_sd" || name === "_sd_alg" || name === "cnf") continue;
    const path = `${base}/${step(name)}`;
    out.push({ path, value, ticked: depth === 0 && !REGISTERED.has(name) });
    out.push(...claimsOf(value, path, depth + 1));
  }
  return out;
}

/**
 * createSDBuilder wires "Build an SD-JWT". source() returns {header,
 * payload, key, secretEncoding} from the editors and the key box; open(text)
 * puts an SD-JWT in the token box.
 */
export function createSDBuilder({ source, open }) {
  const claimList = $("sd-claims");
  const decoys = $("sd-decoys");
  const holderKey = $("sd-holder-key");
  const issueError = $("sd-issue-error");
  const present = $("sd-present");
  const revealList = $("sd-reveal");
  const kbOn = $("sd-kb-on");
  const aud = $("sd-kb-aud");
  const nonce = $("sd-kb-nonce");
  const out = $("sd-presented");
  const view = $("sd-verifier-view");
  const presentError = $("sd-present-error");
  let issued = null;

  /** refreshClaims lists the payload editor's claims as checkboxes. */
  function refreshClaims() {
    const { payload } = source();
    let parsed = null;
    try {
      parsed = JSON.parse(payload);
    } catch {
      // The payload editor shows its own error.
    }
    const claims = claimsOf(parsed);
    claimList.replaceChildren(...claims.map((c) => {
      const label = el("label", undefined, "check");
      const box = el("input");
      box.type = "checkbox";
      box.value = c.path;
      box.checked = c.ticked;
      const value = shortJSON(c.value);
      label.append(box, " ", el("code", c.path), " ", el("span", value.length > 40 ? value.slice(0, 40) + "…" : value, "hint"));
      return label;
    }));
    if (!claims.length) claimList.append(el("p", "The payload has no claims to disclose selectively.", "hint"));
  }

  async function generateHolder() {
    $("sd-holder-status").textContent = "Generating an ES256 holder key…";
    const g = await generateKey("ES256");
    $("sd-holder-status").textContent = g.ok ? "A fresh ES256 key: its public half goes in cnf, the private half signs the key binding." : g.error.message;
    if (g.ok) holderKey.value = g.privateKeyPem;
  }

  // issues and updates number the requests to the engine, which answers
  // asynchronously: only the latest one's answer is shown.
  let issues = 0;
  let updates = 0;

  async function issue() {
    const mine = ++issues;
    const { header, payload, key, secretEncoding } = source();
    const disclose = [...claimList.querySelectorAll("input:checked")].map((b) => b.value);
    const res = await issueSD({ header, payload, disclose, decoys: Math.max(0, Math.floor(Number(decoys.value) || 0)), holderKey: holderKey.value.trim(), key, secretEncoding });
    // decodeSD says where each disclosure lands, which issueSD does not.
    const d = res.ok ? await decodeSD(res.sdjwt) : null;
    if (mine !== issues) return;
    showError(issueError, res.ok ? "" : res.error.message);
    issued = res.ok ? { sdjwt: res.sdjwt, disclosures: d.disclosures ?? [] } : null;
    if (!issued) {
      present.hidden = true;
      return;
    }
    revealList.replaceChildren(...issued.disclosures.map((x) => {
      const label = el("label", undefined, "check");
      const box = el("input");
      box.type = "checkbox";
      box.value = String(x.index);
      box.checked = true;
      box.dataset.path = x.path;
      label.append(box, " ", el("code", x.path || `#${x.index}`), " ", el("span", shortJSON(x.value), "hint"));
      return label;
    }));
    kbOn.disabled = !holderKey.value.trim();
    if (kbOn.disabled) kbOn.checked = false;
    // The presentation shows once it holds its first answer, never empty.
    await update();
    if (mine === issues) present.hidden = false;
  }

  /** update presents the issued SD-JWT anew and shows what the verifier learns. */
  async function update() {
    if (!issued) return;
    const mine = ++updates;
    const reveal = [...revealList.querySelectorAll("input:checked")].map((b) => Number(b.value));
    const input = { sdjwt: issued.sdjwt, reveal };
    if (kbOn.checked) Object.assign(input, { holderKey: holderKey.value.trim(), audience: aud.value.trim(), nonce: nonce.value.trim(), iat: Math.floor(Date.now() / 1000) });
    const res = await presentSD(input);
    const d = res.ok ? await decodeSD(res.sdjwt) : null;
    if (mine !== updates) return;
    showError(presentError, res.ok ? "" : res.error.message);
    out.value = res.ok ? res.sdjwt : "";
    view.textContent = d?.ok ? pretty(JSON.stringify(d.processed)) : "";
  }

  $("sd-refresh").addEventListener("click", refreshClaims);
  $("sd-build-details").addEventListener("toggle", (e) => e.target.open && refreshClaims());
  $("sd-holder-generate").addEventListener("click", generateHolder);
  $("sd-issue").addEventListener("click", issue);
  revealList.addEventListener("change", update);
  for (const input of [kbOn, aud, nonce]) input.addEventListener("input", update);
  holderKey.addEventListener("input", () => {
    kbOn.disabled = !holderKey.value.trim();
  });
  $("sd-open").addEventListener("click", () => out.value && open(out.value));
  return { refreshClaims };
}
