// What every lesson's playground shares: reading the core's results,
// saying a verdict in words, showing a task's result, and the link that
// opens a lesson's token in the main playground. Everything a token holds
// is written with textContent, never as HTML.

/** $ returns the element with the id. */
export const $ = (id) => document.getElementById(id);

/** nowSeconds is the current time as a NumericDate. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * codes lists the error codes of a verify result: the one that stopped the
 * signature check (error) and those of the claims (errors).
 */
export function codes(result) {
  const out = [];
  if (result?.error?.code) out.push(result.error.code);
  for (const e of result?.errors ?? []) out.push(e.code);
  return out;
}

/** messages lists the messages of a verify result, in the order of codes. */
export function messages(result) {
  const out = [];
  if (result?.error?.message) out.push(result.error.message);
  for (const e of result?.errors ?? []) out.push(e.message);
  return out;
}

/**
 * showVerdict writes a verify result into el as one sentence, and sets
 * data-state to "valid" or "refused" for the styles and the tests.
 */
export function showVerdict(el, result, prefix = "") {
  if (!result) {
    el.textContent = "";
    el.dataset.state = "";
    return;
  }
  const valid = result.ok && result.valid;
  el.dataset.state = valid ? "valid" : "refused";
  const why = messages(result);
  el.textContent = prefix + (valid ? "Verified: the signature matches and every claim check passes." : `Refused: ${why.join("; ") || "the token cannot be verified"}.`);
}

/** showResult writes a task's verdict: done or not yet, and why. */
export function showResult(el, done, message) {
  el.dataset.state = done ? "done" : "wrong";
  el.textContent = (done ? "Done! " : "Not yet: ") + message;
}

/** clearResult empties a task's verdict, after the learner changed something. */
export function clearResult(el) {
  el.dataset.state = "";
  el.textContent = "";
}

/**
 * playgroundLink returns the main page's URL with the token (and a demo
 * key, which is a lesson's own test key) in the fragment, which the main
 * page reads (share.js) and which never reaches a server.
 */
export function playgroundLink(token, key = "") {
  const params = new URLSearchParams();
  params.set("token", token);
  if (key) params.set("key", key);
  return new URL(`../#${params}`, location.href).href;
}

/** setLink points a lesson's "open in the playground" link at its token. */
export function setLink(a, token, key = "") {
  a.href = token ? playgroundLink(token, key) : "../";
}

const b64 = { "-": "+", _: "/" };

/** b64urlBytes decodes base64url text to bytes, or returns null. */
export function b64urlBytes(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const std = text.replace(/[-_]/g, (c) => b64[c]);
  try {
    return Uint8Array.from(atob(std + "=".repeat((4 - (std.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** b64url encodes bytes (or UTF-8 text) as base64url without padding. */
export function b64url(data) {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** hex writes bytes as hex pairs separated by spaces. */
export const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

/** item appends an <li> with text (and an optional class) to list. */
export function item(list, text, className = "") {
  const li = document.createElement("li");
  li.textContent = text;
  if (className) li.className = className;
  list.append(li);
  return li;
}
