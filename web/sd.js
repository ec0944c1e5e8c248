// SD-JWT (RFC 9901) on the page, the view: a pasted SD-JWT's disclosures,
// where each lands, the payload the verifier sees and every §7 error beside
// the part at fault; and the builder that issues one from the editors and
// presents it. What to show is worked out in sdmodel.js; this module puts
// it in the DOM, always with textContent, never as HTML: disclosures are
// attacker-controlled. Every core call is awaited and numbered, so that an
// answer arriving after a newer request's is dropped.
import { decodeSD, explain, generateKey, issueSD, presentSD } from "./jwt.js";
import { pretty } from "./json.js";
import { showError } from "./render.js";
import {
  decoyDigests,
  disclosureRows,
  explainedRows,
  issueInput,
  issuedSummary,
  kbNotCompared,
  kbVerifyErrors,
  payloadClaims,
  placeErrors,
  presentInput,
  processedNote,
  revealSet,
  sdText,
  verifierLearns,
} from "./sdmodel.js";

export { isSD } from "./sdmodel.js";

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** listErrors shows errs in list, each item carrying its code; hidden when none. */
function listErrors(list, errs) {
  list.replaceChildren(...errs.map((e) => {
    const li = el("li", e.message);
    li.dataset.code = e.code;
    return li;
  }));
  list.hidden = errs.length === 0;
}

/**
 * createSDView wires the SD-JWT panel. render(d) shows decodeSD's result d,
 * or hides the panel for null; verified(v) shows verify's findings about
 * the key binding beside it.
 */
export function createSDView() {
  const panel = $("sd-panel");
  const rows = $("sd-disclosure-rows");
  const errors = $("sd-errors");
  const processed = $("sd-processed");
  const undisclosed = $("sd-undisclosed");
  const kb = $("sd-kb");

  const explained = $("sd-explained");
  const explainedBox = explained.closest("details");
  // The explanations are made only while they are open: shown is the
  // SD-JWT on screen, for when they are opened.
  let shown = null;
  let explains = 0;
  explainedBox.addEventListener("toggle", () => explainedBox.open && shown && explainSD(shown, ++explains));

  function render(d) {
    panel.hidden = !d?.ok;
    const asked = ++explains;
    shown = d?.ok ? d : null;
    if (!d?.ok) return;
    if (explainedBox.open) explainSD(d, asked);
    const placed = placeErrors(d);
    rows.replaceChildren(...disclosureRows(d).flatMap(row));
    if (d.disclosures.length === 0) {
      const td = el("td", "No disclosures: nothing is selectively disclosed.");
      td.colSpan = 4;
      rows.append(el("tr"));
      rows.lastChild.append(td);
    }
    listErrors(errors, placed.elsewhere);
    processed.textContent = d.processed ? pretty(JSON.stringify(d.processed)) : "";
    undisclosed.textContent = processedNote(d);
    renderKB(d, placed.keyBinding);
  }

  /** explainSD explains the claims the verifier sees and the key binding, unless a newer render came first. */
  async function explainSD(d, asked) {
    const ex = await explain(sdText(d));
    if (asked !== explains) return;
    explained.replaceChildren(...explainedRows(ex).map((r) => {
      const tr = el("tr");
      const name = el("th");
      name.scope = "row";
      name.append(el("code", r.name), " ", el("span", r.kind, `kind kind-${r.kind}`));
      const meaning = el("td", r.meaning);
      if (r.source) meaning.append(" ", el("span", r.source, "source"));
      tr.append(el("td", r.where, "hint"), name, el("td", r.value, "sd-value"), meaning);
      return tr;
    }));
  }

  function renderKB(d, errs) {
    kb.replaceChildren();
    if (!d.keyBinding) {
      kb.append(el("p", "No key-binding JWT: the SD-JWT ends with \"~\". Anyone holding it can present it.", "sd-note"));
    } else {
      kb.append(el("p", "The key-binding JWT, which the holder signs with the key in the issuer JWT's cnf (header, then claims):", "sd-note"));
      const json = (text) => (text ? pretty(text) : "");
      kb.append(el("pre", json(d.keyBinding.headerText), "sd-json sd-kb-header"), el("pre", json(d.keyBinding.payloadText), "sd-json"));
    }
    const list = el("ul", undefined, "sd-errors");
    list.setAttribute("aria-label", "Errors in the key-binding JWT");
    listErrors(list, errs);
    kb.append(list);
  }

  /**
   * verified shows verify's findings about the key binding beside it, and
   * which of its values were not compared for want of an expected one.
   */
  function verified(v) {
    listErrors($("sd-kb-verify"), kbVerifyErrors(v));
    const note = $("sd-kb-unchecked");
    note.textContent = kbNotCompared(v, { audience: $("check-audience").value, nonce: $("check-nonce").value });
    note.hidden = !note.textContent;
  }

  return { render, verified };
}

/**
 * row is a disclosure's table row and, when it has errors, a second row
 * under it that spans the table, so a long message is not squeezed into
 * one column.
 */
function row(r) {
  const tr = el("tr");
  tr.dataset.testid = "sd-disclosure";
  tr.dataset.index = String(r.index);
  const what = el("td");
  what.append(el("code", r.shown));
  tr.append(el("td", String(r.index)), what, el("td", r.digest, "sd-digest"), el("td", r.where, r.referenced ? "" : "sd-unref"));
  if (!r.errors.length) return [tr];
  tr.classList.add("sd-bad");
  const errorRow = el("tr", undefined, "sd-bad sd-error-row");
  errorRow.dataset.for = String(r.index);
  const td = el("td");
  td.colSpan = 4;
  const list = el("ul", undefined, "sd-errors");
  list.setAttribute("aria-label", `Errors in disclosure ${r.index}`);
  listErrors(list, r.errors);
  td.append(list);
  errorRow.append(td);
  return [tr, errorRow];
}

// ---- The builder: issue from the editors, then present.

/**
 * createSDBuilder wires "Build an SD-JWT". source() returns {header,
 * payload, key, secretEncoding} from the editors and the key box; open(text)
 * puts an SD-JWT in the token box.
 */
export function createSDBuilder({ source, open }) {
  const claimList = $("sd-claims");
  const decoys = $("sd-decoys");
  const holderKey = $("sd-holder-key");
  const holderStatus = $("sd-holder-status");
  const issueError = $("sd-issue-error");
  const issuedNote = $("sd-issued");
  const present = $("sd-present");
  const revealList = $("sd-reveal");
  const kbOn = $("sd-kb-on");
  const aud = $("sd-kb-aud");
  const nonce = $("sd-kb-nonce");
  const out = $("sd-presented");
  const view = $("sd-verifier-view");
  const notes = $("sd-verifier-notes");
  const presentError = $("sd-present-error");
  // issued is the SD-JWT issued last, with its disclosures as decodeSD
  // reads them (issueSD does not say where each lands).
  let issued = null;
  // Each counts its requests: only the latest one's answer is shown.
  let holders = 0;
  let issues = 0;
  let presents = 0;

  /** refreshClaims lists the payload editor's claims as checkboxes. */
  function refreshClaims() {
    const { claims, note } = payloadClaims(source().payload);
    claimList.replaceChildren(...claims.map((c) => {
      const label = el("label", undefined, "check");
      const box = el("input");
      box.type = "checkbox";
      box.value = c.path;
      box.checked = c.ticked;
      label.append(box, " ", el("code", c.path), " ", el("span", c.shown, "hint"));
      return label;
    }));
    if (note) claimList.append(el("p", note, "hint"));
  }

  async function generateHolder() {
    const asked = ++holders;
    holderStatus.textContent = "Generating an ES256 holder key…";
    const g = await generateKey("ES256");
    if (asked !== holders) return;
    holderStatus.textContent = g.ok ? "A fresh ES256 key: its public half goes in cnf, the private half signs the key binding." : g.error.message;
    if (g.ok) holderKey.value = g.privateKeyPem;
  }

  async function issue() {
    const asked = ++issues;
    presents++; // a presentation under way is of the SD-JWT this replaces
    const disclose = [...claimList.querySelectorAll("input:checked")].map((b) => b.value);
    const made = issueInput(source(), disclose, decoys.value, holderKey.value);
    const res = made.error ? { ok: false, error: { message: made.error } } : await issueSD(made.input);
    const d = res.ok ? await decodeSD(res.sdjwt) : null;
    if (asked !== issues) return;
    showError(issueError, res.ok ? "" : res.error.message);
    issued = d?.ok ? { sdjwt: res.sdjwt, disclosures: d.disclosures, holderKey: made.input.holderKey ?? "" } : null;
    issuedNote.textContent = issued ? issuedSummary(issued.disclosures, decoyDigests(res.payload, issued.disclosures)) : "";
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
      label.append(box, " ", el("code", x.path || `#${x.index}`), " ", el("span", JSON.stringify(x.value), "hint"), el("span", "", "sd-implied"));
      return label;
    }));
    // Key binding needs a holder key in cnf, so only an SD-JWT issued with one.
    kbOn.disabled = !issued.holderKey;
    $("sd-kb-why").textContent = kbOn.disabled ? " — issue with a holder key first: cnf must hold its public half" : "";
    if (kbOn.disabled) kbOn.checked = false;
    kbFields();
    // The presentation shows once it holds its first answer, never empty.
    await update();
    if (asked === issues) present.hidden = false;
  }

  /** kbFields enables the audience and nonce only while they are used. */
  function kbFields() {
    aud.disabled = nonce.disabled = !kbOn.checked;
  }

  /** update presents the issued SD-JWT anew and shows what the verifier learns. */
  async function update() {
    if (!issued) return;
    const asked = ++presents;
    const boxes = [...revealList.querySelectorAll("input")];
    const ticked = boxes.filter((b) => b.checked).map((b) => Number(b.value));
    const { reveal, implied } = revealSet(issued.disclosures, ticked);
    for (const b of boxes) {
      b.closest("label").querySelector(".sd-implied").textContent = implied.includes(Number(b.value)) ? " — revealed anyway: a revealed claim sits in it" : "";
    }
    const made = presentInput(issued.sdjwt, reveal, { on: kbOn.checked, holderKey: holderKey.value, issuedWith: issued.holderKey, audience: aud.value, nonce: nonce.value }, Date.now() / 1000);
    const res = made.error ? { ok: false, error: { message: made.error } } : await presentSD(made.input);
    const d = res.ok ? await decodeSD(res.sdjwt) : null;
    if (asked !== presents) return;
    showError(presentError, res.ok ? "" : res.error.message);
    out.value = res.ok ? res.sdjwt : "";
    const learned = verifierLearns(d);
    view.textContent = learned.claims;
    notes.replaceChildren(...learned.notes.map((n) => el("li", n)));
  }

  $("sd-refresh").addEventListener("click", refreshClaims);
  $("sd-build-details").addEventListener("toggle", (e) => e.target.open && refreshClaims());
  $("sd-holder-generate").addEventListener("click", generateHolder);
  $("sd-issue").addEventListener("click", issue);
  revealList.addEventListener("change", update);
  kbOn.addEventListener("change", () => {
    kbFields();
    update();
  });
  for (const input of [aud, nonce, holderKey]) input.addEventListener("input", update);
  $("sd-open").addEventListener("click", () => out.value && open(out.value));
  kbFields();
  return { refreshClaims };
}
