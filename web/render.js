// Rendering: the colour-coded token, the verification badge, in-place errors
// and the times in the claims. Everything from a token is written with
// textContent, never as HTML, since claims are attacker-controlled.
import { encode } from "./jwt.js";

/**
 * LARGE: texts longer than this skip what costs layout on every keystroke:
 * the coloured copy of the token (the box shows its own text) and growing
 * the boxes to fit.
 */
export const LARGE = 100_000;

/** The class of each segment of the token, in order. */
const segmentClass = ["seg-header", "seg-payload", "seg-signature"];

/**
 * renderToken paints the token as coloured segments. mark, when given,
 * marks what an error points at: a character offset into text, or a range
 * {start, end, title} of offsets (see errorMark).
 */
export function renderToken(view, text, mark) {
  view.replaceChildren();
  const range = Number.isInteger(mark) ? { start: mark, end: mark + 1 } : mark;
  let segment = 0;
  let start = 0;
  const flush = (end) => {
    if (end <= start) return;
    appendSpan(view, text.slice(start, end), segmentClass[Math.min(segment, 2)], range, start);
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

function appendSpan(view, chunk, cls, range, start) {
  const span = document.createElement("span");
  span.className = cls;
  const from = Math.max((range?.start ?? -1) - start, 0);
  const to = Math.min((range?.end ?? -1) - start, chunk.length);
  if (range && from < to) {
    const bad = document.createElement("mark");
    bad.className = "bad-char";
    bad.dataset.testid = "bad-mark";
    bad.textContent = chunk.slice(from, to);
    if (range.title) bad.title = range.title;
    span.append(chunk.slice(0, from), bad, chunk.slice(to));
  } else {
    span.textContent = chunk;
  }
  view.append(span);
}

/**
 * errorMark says what of the token text to mark for a failed decode d: the
 * character a token error points at, or, for an error in the header's
 * JSON, whose offset counts bytes of the decoded JSON, the base64url
 * characters that hold that byte (jsonMark).
 */
export function errorMark(text, d) {
  const e = d && !d.ok ? d.error : null;
  if (!e || !Number.isInteger(e.offset)) return undefined;
  if (e.code === "bad_json" && (e.part === "header" || e.part === "payload")) return jsonMark(text, d, e.part, e.offset);
  return e.offset;
}

/**
 * jsonMark returns the range of text that holds byte offset of part's
 * decoded JSON: base64url writes each 3 bytes as 4 characters, so byte o
 * lies in the characters 4⌊o/3⌋ to 4⌊o/3⌋+3 of its part (fewer at the end
 * of the part). Without the part in text, it marks nothing.
 */
export function jsonMark(text, d, part, offset) {
  const p = d?.parts;
  if (!p || typeof p[part] !== "string") return undefined;
  const whole = `${p.header}.${p.payload}.`;
  const at = text.indexOf(whole);
  if (at < 0) return undefined;
  const segStart = part === "header" ? at : at + p.header.length + 1;
  const segLength = p[part].length;
  const first = 4 * Math.floor(offset / 3);
  if (first >= segLength) return undefined;
  const end = Math.min(first + 4, segLength);
  return {
    start: segStart + first,
    end: segStart + end,
    title: `The ${part}'s JSON goes wrong at byte ${offset}: base64url characters ${first + 1} to ${end} of the ${part} part hold it`,
  };
}

/**
 * jsonWarningOffset finds the byte offset where the payload of d stops
 * being JSON, when decode warned that it is not JSON (payload_not_json)
 * and it is text; else undefined. Decode says the offset in words only,
 * so the core's encode, which reads a payload with the same JSON reader,
 * is asked where: it refuses the text with bad_json at that byte. The
 * answer may come asynchronously: the caller checks that it still shows
 * the same token.
 */
export async function jsonWarningOffset(d, encode) {
  if (!d?.ok || (d.payloadJSON ?? d.payload !== null) || !d.warnings?.some((w) => w.code === "payload_not_json")) return undefined;
  if (!isUTF8(base64urlBytes(d.parts?.payload ?? ""))) return undefined; // binary: no JSON offset to mark
  const res = await encode({ header: '{"alg":"none"}', payload: d.payloadText, key: "" });
  return !res.ok && res.error.code === "bad_json" && res.error.part === "payload" && Number.isInteger(res.error.offset) ? res.error.offset : undefined;
}

function base64urlBytes(seg) {
  try {
    return Uint8Array.from(atob(seg.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function isUTF8(bytes) {
  if (!bytes) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * markPayloadJSON marks, in the painted token, the base64url characters
 * that hold the byte where a payload that decode warned is not JSON goes
 * wrong (jsonWarningOffset), once the core has said where, if the token box
 * still holds text (current() says what it holds now): an answer about an
 * older token is dropped.
 */
export async function markPayloadJSON(view, text, d, current) {
  const offset = await jsonWarningOffset(d, encode);
  if (offset === undefined || current() !== text) return;
  renderToken(view, text, jsonMark(text, d, "payload", offset));
}

/**
 * showJSONError is showError for an error in an editor's JSON: besides the
 * message it shows, in a line of its own after el (data-testid
 * "<el's>-at"), the line of text the error is in, with the character at
 * byteOffset (the core counts UTF-8 bytes) marked, and where it is as line
 * and column. el itself holds text only, as every message box does.
 */
export function showJSONError(el, message, input, byteOffset) {
  showError(el, message, input);
  const line = jsonAtLine(el);
  line.replaceChildren();
  line.hidden = !message || !Number.isInteger(byteOffset);
  if (line.hidden) return;
  const text = input.value;
  const at = charIndex(text, byteOffset);
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  let lineEnd = text.indexOf("\n", at);
  if (lineEnd < 0) lineEnd = text.length;
  const row = text.slice(0, at).split("\n").length;
  const ch = at < lineEnd ? String.fromCodePoint(text.codePointAt(at)) : "";
  const bad = document.createElement("mark");
  bad.className = "bad-char";
  bad.textContent = ch || " "; // the end of a line has no character: mark the place
  const before = text.slice(lineStart, at);
  const after = text.slice(at + ch.length, lineEnd);
  line.append(
    `Line ${row}, column ${at - lineStart + 1}: `,
    before.length > 40 ? "…" + before.slice(-40) : before,
    bad,
    after.length > 40 ? after.slice(0, 40) + "…" : after,
  );
}

/** jsonAtLine returns the line after el that shows where its JSON error is, made on first use. */
function jsonAtLine(el) {
  const next = el.nextElementSibling;
  if (next?.classList.contains("json-at")) return next;
  const line = document.createElement("code");
  line.className = "json-at";
  line.dataset.testid = `${el.dataset.testid ?? el.id}-at`;
  line.hidden = true;
  el.after(line);
  return line;
}

/** charIndex turns a UTF-8 byte offset into text into a UTF-16 index. */
export function charIndex(text, byteOffset) {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteOffset) {
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
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

/** endSentence ends a message with a full stop, unless it ends in one already. */
export function endSentence(message) {
  return /[.!?…]$/.test(message) ? message : `${message}.`;
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
