// The panels drawn from the core's answers: the claims explained, the
// token's timeline, the security checks and the key's one-line summary. No
// engine in here, so the first screen (sample.js) draws the sample's panels
// with the same code before the engine exists, and nothing moves when the
// engine's answers replace them. Everything from a token is written with
// textContent.
import { sentence } from "./render.js";

/** panelElements finds the page's elements the renderers below draw into. */
export function panelElements() {
  const $ = (id) => document.getElementById(id);
  return {
    table: $("claims-table").tBodies[0],
    claimsDetails: $("claims-details"),
    timelineBox: $("timeline-box"),
    timeline: $("timeline"),
    lintPanel: $("lint-panel"),
    findings: $("lint-findings"),
  };
}

/** clip cuts a member's JSON text for a line of prose. */
export function clip(raw) {
  return raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
}

/** renderClaims fills the claims table, each value written as text. */
export function renderClaims(els, claims) {
  const rows = claims.map((e) => {
    const tr = document.createElement("tr");
    tr.dataset.claim = e.name;
    const name = cell("th", "");
    name.scope = "row";
    const code = document.createElement("code");
    code.textContent = e.name;
    const kind = document.createElement("span");
    kind.className = `kind kind-${e.kind}`;
    kind.textContent = e.kind;
    name.append(code, " ", kind);
    const value = cell("td", "");
    const v = document.createElement("code");
    const text = e.raw;
    v.textContent = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    value.append(v);
    if (e.time) value.append(timeText(e.time));
    if (e.duplicate) {
      // The row shows the member verification uses: say what it hides.
      tr.dataset.duplicate = "true";
      const dup = document.createElement("span");
      dup.className = "duplicate";
      const ignored = e.ignored.map(clip).join(", ");
      dup.textContent = `Duplicate: written ${e.ignored.length + 1} times. The last one, shown here, counts; ignored: ${ignored}.`;
      value.append(dup);
    }
    const meaning = cell("td", e.description);
    if (e.source) {
      const src = document.createElement("span");
      src.className = "source";
      src.textContent = e.source;
      meaning.append(" ", src);
    }
    tr.append(name, value, meaning);
    return tr;
  });
  els.table.replaceChildren(...rows);
  els.claimsDetails.hidden = rows.length === 0;
}

function cell(tag, text) {
  const c = document.createElement(tag);
  c.textContent = text;
  return c;
}

/** timeText shows a NumericDate in UTC, local time and relative to now. */
function timeText(t) {
  const wrap = document.createElement("span");
  wrap.className = "when";
  if (t.iso) {
    const utc = document.createElement("time");
    utc.dateTime = t.iso;
    utc.textContent = t.utc;
    const local = new Date(t.iso).toLocaleString();
    wrap.append(utc, document.createElement("br"), `${local} (local)`, document.createElement("br"));
  }
  const rel = document.createElement("strong");
  rel.className = "relative";
  rel.textContent = t.relative;
  wrap.append(rel);
  return wrap;
}

// Each mark's label sits above or below the line, so that marks at the same
// moment (a token issued just now) do not write over each other.
const timelineMarks = [
  ["iat", "issued", "above"],
  ["nbf", "valid from", "below"],
  ["exp", "expires", "above"],
];

/** renderTimeline draws issued → valid from → expires, with now on it. */
export function renderTimeline(els, claims, now, leeway) {
  const marks = [];
  for (const [name, label, side] of timelineMarks) {
    const e = claims.find((c) => c.name === name && c.time && Number.isFinite(c.time.unix) && c.time.iso);
    if (e) marks.push({ name, label, side, at: e.time.unix, relative: e.time.relative });
  }
  els.timelineBox.hidden = marks.length === 0;
  if (marks.length === 0) {
    els.timeline.replaceChildren();
    return;
  }
  const all = [...marks.map((m) => m.at), now];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 60) [lo, hi] = [lo - 60, hi + 60];
  const pad = (hi - lo) * 0.06;
  lo -= pad;
  hi += pad;
  const pct = (t) => ((t - lo) / (hi - lo)) * 100;
  const x = (t) => `${pct(t).toFixed(2)}%`;
  const from = marks.find((m) => m.name === "nbf") ?? marks.find((m) => m.name === "iat");
  const until = marks.find((m) => m.name === "exp");
  const validity = document.createElement("div");
  validity.className = "window";
  validity.style.left = x(from ? from.at : lo);
  validity.style.right = `calc(100% - ${x(until ? until.at : hi)})`;
  const nodes = [validity];
  for (const m of marks) nodes.push(marker(`mark-${m.name} ${m.side}`, m.label, m.relative, pct(m.at)));
  // The leeway widens the window, as it does for verification.
  const inside = (!from || now >= from.at - leeway) && (!until || now < until.at + leeway);
  nodes.push(marker(`mark-now below ${inside ? "inside" : "outside"}`, "now", "", pct(now)));
  els.timeline.replaceChildren(...nodes);
  const story = marks.map((m) => `${m.label} (${m.relative})`).join(", ");
  els.timeline.setAttribute("aria-label", `Timeline: ${story}; now is ${inside ? "inside" : "outside"} the validity window.`);
}

function marker(cls, label, relative, at) {
  const m = document.createElement("div");
  // Labels near an end grow inwards, so they stay inside the box.
  const align = at < 15 ? "start" : at > 85 ? "end" : "middle";
  m.className = `marker ${cls} ${align}`;
  m.style.left = `${at.toFixed(2)}%`;
  const text = document.createElement("span");
  text.textContent = relative ? `${label} · ${relative}` : label;
  m.append(text);
  return m;
}

/** renderLint lists the security findings, most serious first. */
export function renderLint(els, res) {
  els.lintPanel.hidden = !res?.ok;
  if (!res?.ok) return;
  if (res.findings.length === 0) {
    const li = document.createElement("li");
    li.className = "finding clean";
    li.textContent = "No problems found.";
    els.findings.replaceChildren(li);
    return;
  }
  els.findings.replaceChildren(
    ...res.findings.map((f) => {
      const li = document.createElement("li");
      li.className = `finding sev-${f.severity}`;
      li.dataset.code = f.code;
      const badge = document.createElement("span");
      badge.className = "severity";
      badge.textContent = f.severity;
      const msg = document.createElement("span");
      msg.className = "message";
      msg.textContent = sentence(f.message);
      const fix = document.createElement("span");
      fix.className = "fix";
      fix.textContent = f.fix;
      const ref = document.createElement("span");
      ref.className = "ref";
      ref.textContent = `${f.ref} · ${f.code}`;
      li.append(badge, msg, fix, ref);
      return li;
    }),
  );
}

/**
 * renderLintPending shows the security checks as running: one line, the
 * height of the "No problems found." that usually follows, so the panel
 * does not appear from nothing and push the cards below it.
 */
export function renderLintPending(els) {
  const li = document.createElement("li");
  li.className = "finding clean";
  li.textContent = "Checking…";
  els.findings.replaceChildren(li);
  els.lintPanel.hidden = false;
}

/** summary says what a key is in one line. */
export function summary(ins) {
  if (ins.kind === "jwks") {
    const kids = ins.keys.map((k) => k.kid).filter(Boolean);
    const skipped = ins.skipped?.length ? ` · ${ins.skipped.length} skipped` : "";
    return `Key set of ${ins.keys.length} key${ins.keys.length === 1 ? "" : "s"}${kids.length ? ` (kid ${kids.join(", ")})` : ""} · fits ${ins.algs.join(", ") || "no algorithm"}${skipped}`;
  }
  const what = {
    secret: `Shared secret, ${ins.bits / 8} bytes`,
    public: `${typeName(ins)} public key`,
    private: `${typeName(ins)} private key`,
  }[ins.kind];
  // An ML-DSA key has no size but its parameter set, which names it.
  const size = ins.kind === "secret" || !ins.bits ? "" : `, ${ins.bits} bits`;
  const kid = ins.kid ? ` · kid ${ins.kid}` : "";
  // A secret's thumbprint identifies nothing a person needs.
  const thumb = ins.kind === "secret" ? "" : ` · thumbprint ${ins.thumbprint}`;
  // A certificate is read for its public key only: anyone can make one
  // naming any host, so say that nothing vouches for it.
  const cert = ins.source?.startsWith("X.509 certificate") ? " · X.509 certificate, not validated: no chain or expiry is checked" : "";
  return `${what}${size} · fits ${ins.algs.join(", ") || "no algorithm"}${kid}${thumb}${cert}`;
}

function typeName(ins) {
  return { RSA: "RSA", EC: `EC ${ins.curve}`, OKP: "Ed25519", AKP: `${ins.curve} (AKP)` }[ins.type] ?? ins.type;
}
