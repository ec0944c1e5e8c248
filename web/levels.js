// The levels of a nested token (RFC 7519 §5.2) on the page: each inner
// token's header, payload, claims and its own verdict, verified with the
// inner key box, or with the outer token's key when that box is empty.
import { decode, explain, verifyAsync } from "./jwt.js";
import { pretty } from "./json.js";
import { unfold } from "./nested.js";
import { sentence } from "./render.js";

const $ = (id) => document.getElementById(id);

/**
 * createLevels wires the nested-token panel. verdict is the page's own
 * (verification → [state, title, detail]), so an inner verdict is worded
 * as the outer one is. update(token, options) redraws it for the token
 * and the outer verify options.
 */
export function createLevels(verdict) {
  const els = { panel: $("nested-panel"), list: $("nested-levels"), offer: $("nested-offer"), key: $("nested-key") };
  let last = { token: "", options: {} };
  let opened = null; // a token without cty JWT the person chose to open
  let asked = 0;

  els.key.addEventListener("input", () => update(last.token, last.options));
  els.offer.addEventListener("click", () => {
    opened = els.offer.dataset.token;
    update(last.token, last.options);
  });

  async function update(token, options) {
    last = { token, options };
    const mine = ++asked;
    const u = token.trim() ? await unfold(token, decode) : { levels: [], offer: null };
    let levels = u.levels;
    if (u.offer && u.offer === opened) {
      const [more, decoded] = await Promise.all([unfold(u.offer, decode), decode(u.offer)]);
      levels = [...levels, { token: u.offer, decoded, undeclared: true }, ...more.levels];
    }
    if (mine !== asked) return; // a newer update is under way
    const offer = u.offer && u.offer !== opened ? u.offer : null;
    els.offer.hidden = !offer;
    els.offer.dataset.token = offer ?? "";
    els.panel.hidden = levels.length === 0 && !offer;
    if (levels.length === 0) {
      els.list.replaceChildren();
      return;
    }
    const opts = innerOptions(options);
    const [verdicts, claims] = await Promise.all([
      Promise.all(levels.map((l) => (l.decoded.ok ? verifyAsync(l.token, opts) : null))),
      Promise.all(levels.map((l) => (l.decoded.ok ? explain(l.token, { now: options.now }) : null))),
    ]);
    if (mine !== asked) return; // a newer update is under way
    els.list.replaceChildren(...levels.map((l, i) => renderLevel(l, i + 2, verdicts[i], claims[i])));
  }

  /** innerOptions verifies inner levels with the inner key, or the outer key (and its origin) when there is none. */
  function innerOptions(options) {
    const key = els.key.value;
    if (key.trim() === "") return options;
    return { ...options, key, secretEncoding: "utf8", keyOrigin: "typed", keyOriginDetail: "" };
  }

  function renderLevel(level, n, v, ex) {
    const li = document.createElement("li");
    li.className = "level";
    li.dataset.testid = "nested-level";
    const h = document.createElement("h3");
    h.textContent = `Level ${n}: ${level.undeclared ? "the token in the payload (no cty says it is one)" : 'the inner token ("cty": "JWT")'}`;
    li.append(h);
    const d = level.decoded;
    if (!d.ok) {
      li.append(para("field-error", sentence(d.error.message)));
      return li;
    }
    li.append(status(v), block("Header", pretty(d.headerText)), block("Payload", d.payloadJSON ? pretty(d.payloadText) : d.payloadText));
    const claims = claimList(ex);
    if (claims) li.append(claims);
    return li;
  }

  function status(v) {
    const p = document.createElement("p");
    p.className = "status level-status";
    p.dataset.testid = "nested-verdict";
    const [state, title, detail] = v.ok ? verdict(v) : ["key-error", "Cannot verify this level", v.error.message];
    p.dataset.state = state;
    const strong = document.createElement("strong");
    strong.textContent = title;
    p.append(strong, " ", detail ? sentence(detail) : "");
    return p;
  }

  return { update };
}

function para(cls, text) {
  const p = document.createElement("p");
  p.className = cls;
  p.textContent = text;
  return p;
}

function block(label, text) {
  const div = document.createElement("div");
  div.className = "level-part";
  const b = document.createElement("b");
  b.textContent = label;
  const pre = document.createElement("pre");
  pre.className = "json";
  pre.textContent = text;
  div.append(b, pre);
  return div;
}

/** claimList lists a level's claims, times as dates, as the core explains them (ex, explain's answer). */
function claimList(ex) {
  if (!ex?.ok || !ex.claims?.length) return null;
  const dl = document.createElement("dl");
  dl.className = "level-claims";
  for (const c of ex.claims) {
    const dt = document.createElement("dt");
    dt.textContent = c.name;
    const dd = document.createElement("dd");
    dd.textContent = c.time ? `${c.raw} (${c.time.utc}, ${c.time.relative})` : c.raw;
    dl.append(dt, dd);
  }
  return dl;
}
