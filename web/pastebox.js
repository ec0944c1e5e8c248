// The line under the token box that says where a token was found in what
// was pasted (or in a link that carried several), with a button for each
// token found and the pasted text one click away. Everything is written
// as text: nothing pasted is ever parsed as HTML.
import { foundLine } from "./paste.js";

/**
 * createPasteNotice puts the notice right after the element after, hidden.
 * choose(token) is called when the user picks another token. It returns
 * {show(found, original), sync(text)}: show displays the tokens
 * found ([{token, name, where}], the first one chosen) and the text they
 * came from (null for none); sync keeps the notice while the token box
 * holds one of them, and hides it otherwise.
 */
export function createPasteNotice(after, choose) {
  const box = document.createElement("div");
  box.className = "paste-found hint";
  box.dataset.testid = "paste-found";
  box.setAttribute("role", "status");
  box.hidden = true;
  const line = document.createElement("p");
  line.className = "paste-line";
  const choices = document.createElement("div");
  choices.className = "tool-row paste-choices";
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "ghost";
  toggle.dataset.testid = "paste-show-original";
  const original = document.createElement("textarea");
  original.readOnly = true;
  original.rows = 6;
  original.spellcheck = false;
  original.dataset.testid = "paste-original";
  original.setAttribute("aria-label", "What was pasted");
  original.hidden = true;
  box.append(line, choices, toggle, original);
  after.after(box);

  let found = [];
  toggle.addEventListener("click", () => {
    original.hidden = !original.hidden;
    toggle.textContent = original.hidden ? "Show what was pasted" : "Hide what was pasted";
    toggle.setAttribute("aria-expanded", String(!original.hidden));
  });

  const render = (chosen) => {
    line.textContent = foundLine(found, chosen);
    for (const [i, b] of [...choices.children].entries()) b.setAttribute("aria-pressed", String(i === chosen));
  };

  return {
    show(tokens, pasted) {
      found = tokens;
      // One token needs no choice.
      choices.replaceChildren(
        ...(found.length < 2 ? [] : found).map((f, i) => {
          const b = document.createElement("button");
          b.type = "button";
          b.className = "ghost";
          b.dataset.testid = "paste-choice";
          b.textContent = f.name;
          b.title = `Open the ${f.name} found ${f.where}`;
          b.addEventListener("click", () => choose(found[i].token));
          return b;
        }),
      );
      original.value = pasted ?? "";
      original.hidden = true;
      toggle.hidden = pasted == null;
      toggle.textContent = "Show what was pasted";
      toggle.setAttribute("aria-expanded", "false");
      box.hidden = false;
      render(0);
    },
    sync(text) {
      const chosen = box.hidden ? -1 : found.findIndex((f) => f.token === text);
      if (chosen < 0) {
        box.hidden = true;
        found = [];
        original.value = "";
        return;
      }
      render(chosen);
    },
  };
}
