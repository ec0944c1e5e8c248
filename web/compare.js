// Comparing two tokens on the page: a second token box and the difference
// between it and the token above (diff.js), headers and claims added,
// removed and changed, times as dates and the time between them.
import { decode } from "./jwt.js";
import { diffTokens } from "./diff.js";
import { sentence } from "./render.js";

const $ = (id) => document.getElementById(id);

const CHANGE = { added: "added", removed: "removed", changed: "changed" };

/**
 * createCompare wires the compare panel. changed runs when the second
 * token changes (the share link carries it). update(token) redraws the
 * diff against the first token; value() and open(text) get and set the
 * second one.
 */
export function createCompare(changed) {
  const els = { panel: $("compare-panel"), input: $("compare-input"), out: $("token-diff") };
  let first = "";
  els.input.addEventListener("input", () => {
    render();
    changed();
  });

  function update(token) {
    first = token;
    render();
  }

  function open(text) {
    els.input.value = text ?? "";
    if (text) els.panel.open = true;
    render();
  }

  // asked numbers the renders: only the answers to the latest are drawn.
  let asked = 0;
  async function render() {
    const mine = ++asked;
    const second = els.input.value.trim();
    if (!second || !first.trim()) {
      els.out.replaceChildren(para("hint", second ? "Put a token in the box above to compare." : "Paste a second token to see how it differs from the one above."));
      return;
    }
    const [da, db] = await Promise.all([decode(first), decode(second)]);
    if (mine !== asked) return;
    const out = [];
    for (const [d, which] of [[da, "first"], [db, "second"]]) {
      if (!d.ok) out.push(para("field-error", `The ${which} token cannot be read: ${d.error.message}`));
    }
    const diff = diffTokens(da, db);
    for (const note of diff.notes) out.push(para("hint", note));
    out.push(table("Header", diff.header), table("Claims", diff.claims));
    els.out.replaceChildren(...out);
  }

  return { update, open, value: () => els.input.value.trim() };
}

function para(cls, text) {
  const p = document.createElement("p");
  p.className = cls;
  p.textContent = sentence(text);
  return p;
}

/** table shows the rows that differ, and names those that do not. */
function table(caption, rows) {
  const wrap = document.createElement("div");
  const h = document.createElement("h3");
  h.textContent = caption;
  wrap.append(h);
  const differ = rows.filter((r) => r.change !== "same");
  const same = rows.filter((r) => r.change === "same");
  if (differ.length === 0) {
    wrap.append(para("hint", rows.length ? "The same in both tokens." : "None in either token."));
  } else {
    const t = document.createElement("table");
    t.className = "claims diff";
    const head = t.createTHead().insertRow();
    for (const name of ["Name", "Change", "First token", "Second token"]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.append(th);
    }
    const body = t.createTBody();
    for (const r of differ) {
      const tr = body.insertRow();
      tr.dataset.change = r.change;
      tr.dataset.name = r.name;
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = r.name;
      tr.append(th);
      const change = r.time?.delta ? `${CHANGE[r.change]} (${r.time.delta})` : CHANGE[r.change];
      for (const [text, when] of [[change], [r.before, r.time?.before], [r.after, r.time?.after]]) {
        const td = tr.insertCell();
        td.textContent = text === undefined ? "—" : when ? `${text} (${when})` : text;
      }
    }
    wrap.append(t);
  }
  if (same.length && differ.length) wrap.append(para("hint", `Unchanged: ${same.map((r) => r.name).join(", ")}.`));
  return wrap;
}
