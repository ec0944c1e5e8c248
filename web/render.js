// Rendering: the colour-coded token, the verification badge, in-place errors
// and the times in the claims. Everything from a token is written with
// textContent, never as HTML, since claims are attacker-controlled.

/** The class of each segment of the token, in order. */
const segmentClass = ["seg-header", "seg-payload", "seg-signature"];

/**
 * renderToken paints the token as coloured segments. badOffset, when given,
 * marks the character an error points at.
 */
export function renderToken(view, text, badOffset) {
  view.replaceChildren();
  let segment = 0;
  let start = 0;
  const flush = (end) => {
    if (end <= start) return;
    appendSpan(view, text.slice(start, end), segmentClass[Math.min(segment, 2)], badOffset, start);
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ".") continue;
    flush(i);
    view.append(dot());
    segment++;
    start = i + 1;
  }
  flush(text.length);
  // A trailing newline would otherwise be collapsed and the overlay would
  // drift from the textarea's last line.
  view.append("\n");
}

function appendSpan(view, chunk, cls, badOffset, start) {
  const span = document.createElement("span");
  span.className = cls;
  const at = badOffset - start;
  if (Number.isInteger(at) && at >= 0 && at < chunk.length) {
    span.append(chunk.slice(0, at));
    const bad = document.createElement("mark");
    bad.className = "bad-char";
    bad.textContent = chunk[at];
    span.append(bad, chunk.slice(at + 1));
  } else {
    span.textContent = chunk;
  }
  view.append(span);
}

function dot() {
  const d = document.createElement("span");
  d.className = "seg-dot";
  d.textContent = ".";
  return d;
}

/** showError fills (or clears and hides) an in-place error element. */
export function showError(el, message, input) {
  el.textContent = message ? sentence(message) : "";
  el.hidden = !message;
  if (input) input.setAttribute("aria-invalid", message ? "true" : "false");
}

/** sentence capitalises the core's messages, which are written to be quoted. */
export function sentence(message) {
  // A message that opens with a URL or a quoted name keeps it as written.
  if (/^(\S+:\/\/|["'])/.test(message)) return message;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** showWarnings lists decode warnings under the token. */
export function showWarnings(list, warnings) {
  list.replaceChildren(
    ...warnings.map((w) => {
      const li = document.createElement("li");
      li.textContent = sentence(w.message);
      li.dataset.code = w.code;
      return li;
    }),
  );
  list.hidden = warnings.length === 0;
}

/** setStatus sets the verification badge: a state, a title and a detail line. */
export function setStatus(el, state, title, detail = "") {
  el.dataset.state = state;
  el.querySelector(".status-title").textContent = title;
  el.querySelector(".status-detail").textContent = detail && sentence(detail);
}
