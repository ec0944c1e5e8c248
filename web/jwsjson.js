// The JWS JSON serialization (RFC 7515 §7.2) on the page: the payload once,
// then each signature with its protected header (signed) and unprotected
// header (not signed: anyone can change it), and its own verdict against
// the key box. It shows what the core's decode and verify answered; it
// calls no core function itself. Everything from the JWS is written with
// textContent, never as HTML.
import { pretty } from "./json.js";
import { sentence } from "./render.js";

const $ = (id) => document.getElementById(id);

/** isJWSJSONResult says whether a decode or verify answer is about a JWS JSON. */
export const isJWSJSONResult = (r) => r !== null && typeof r === "object" && Array.isArray(r.signatures) && "form" in r;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** name is how the page calls signature i: as its place in the JSON. */
const name = (d, i) => (d.form === "flattened" ? "The signature" : `signatures[${i}]`);

// How each status of the core reads, and the badge state it borrows.
const STATUS = {
  verified: ["verified", "Verified"],
  invalid: ["invalid-signature", "Does not match the key"],
  no_key: ["empty", "No key for this signature"],
  key_mismatch: ["key-error", "Not checked: the key does not fit"],
  refused: ["malformed", "Refused"],
};

/**
 * createJWSJSONView wires the panel. render(d) shows decode's answer for a
 * JWS JSON, or hides the panel for anything else; verified(v) adds each
 * signature's verdict from verify's answer and returns a sentence for the
 * badge naming the signature that verified ("" when v is not about a JWS
 * JSON). An answer for another JWS than the one shown is ignored: answers
 * may arrive late, and the newest text wins.
 */
export function createJWSJSONView() {
  const panel = $("jwsjson-panel");
  const form = $("jwsjson-form");
  const payload = $("jwsjson-payload");
  const list = $("jwsjson-signatures");
  const errors = $("jwsjson-errors");
  let shown = null;

  function render(d) {
    const on = isJWSJSONResult(d);
    panel.hidden = !on;
    shown = on ? d : null;
    if (!on) return;
    const n = d.signatures.length;
    form.textContent = d.form === "general" ? `general form, ${n} signature${n === 1 ? "" : "s"}` : d.form === "flattened" ? "flattened form, one signature" : "";
    errors.replaceChildren();
    errors.hidden = d.ok;
    if (!d.ok) errors.append(el("li", sentence(d.error.message)));
    payload.textContent = d.payload != null ? pretty(d.payloadText) : d.payloadText ?? "";
    list.replaceChildren(...d.signatures.map((s) => signature(d, s)));
  }

  function verified(v) {
    if (!shown || !isJWSJSONResult(v) || v.signatures.length !== shown.signatures.length) return "";
    for (const s of v.signatures) {
      const li = list.children[s.index];
      if (li) showVerdict(li.querySelector(".level-status"), s);
    }
    if (!v.signatureValid || shown.form !== "general") return "";
    const by = v.verifiedBy.map((i) => `${name(shown, i)} (${shown.signatures[i].alg})`);
    const rest = v.signatures.filter((s) => s.status !== "verified").map((s) => name(shown, s.index));
    const n = v.signatures.length;
    const others = rest.length === 0 ? "" : `; ${rest.join(" and ")} ${rest.length === 1 ? "was" : "were"} not verified with this key`;
    return `Verified by ${by.join(" and ")}, ${by.length} of ${n} signature${n === 1 ? "" : "s"}${others}.`;
  }

  return { render, verified };
}

/** signature is the list item of one signature, its verdict still to come. */
function signature(d, s) {
  const li = el("li", undefined, "jwsjson-signature");
  li.dataset.testid = "jwsjson-signature";
  const kid = s.kid ? `, kid ${JSON.stringify(s.kid)}` : "";
  li.append(el("h3", `${name(d, s.index)}: ${s.alg || "no alg"}${kid}`));
  const status = el("p", undefined, "status level-status");
  status.dataset.testid = "jwsjson-verdict";
  showVerdict(status, s.error ? { status: "refused", errors: [s.error] } : null);
  li.append(status);
  if (s.protected != null) li.append(block("Protected header", "signed: covered by this signature", pretty(s.protectedText), "protected"));
  if (s.header != null) {
    li.append(block("Unprotected header", "not signed: anyone can change it without breaking the signature", pretty(JSON.stringify(s.header)), "unprotected"));
  }
  const notes = (s.warnings ?? []).filter((w) => w.code !== "unprotected_header");
  if (notes.length) {
    const ul = el("ul", undefined, "warnings");
    ul.append(...notes.map((w) => el("li", sentence(w.message))));
    li.append(ul);
  }
  return li;
}

/** showVerdict writes a signature's verdict, or that it waits for one. */
function showVerdict(p, s) {
  const unsecured = s?.errors?.some((e) => e.code === "alg_none");
  const [state, title] = unsecured ? ["unsecured", "Unsecured: alg none, never verified"] : s ? STATUS[s.status] ?? STATUS.refused : ["empty", "Not verified yet"];
  p.dataset.state = state;
  p.dataset.status = s?.status ?? "";
  const strong = el("strong", title);
  let detail = "";
  if (s?.status === "verified") detail = ` with ${s.key}`;
  else if (s?.errors?.length) detail = ` ${sentence(s.errors[s.errors.length - 1].message)}`;
  p.replaceChildren(strong, detail);
}

function block(label, note, text, kind) {
  const div = el("div", undefined, "level-part jwsjson-part");
  div.dataset.kind = kind;
  const b = el("b", label);
  div.append(b, " ", el("span", note, "part-sub"), el("pre", text, "json"));
  return div;
}
