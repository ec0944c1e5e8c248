// Sharing: links that carry the playground's state in the URL fragment,
// which browsers never send to a server, so no token reaches a log.
import { inspectKey } from "./jwt.js";
import { copyText } from "./keys.js";
import { hashWithoutKey, parseLink, tokenNames } from "./link.js";

/**
 * readLink reads the state a link carries, as parseLink says: {tokens,
 * token, key, encoding, jwksURL, fromQuery, classic, error}. A token in the
 * query string is read too, but fromQuery says it was sent to the server.
 */
export function readLink(loc = location) {
  return parseLink(loc.hash, loc.search);
}

/** buildLink writes a link to this page with state in its fragment only. */
export function buildLink(state, loc = location) {
  const params = new URLSearchParams();
  params.set("token", state.token);
  if (state.key) params.set("key", state.key);
  if (state.key && state.encoding && state.encoding !== "utf8") params.set("enc", state.encoding);
  if (state.jwksURL) params.set("jwks", state.jwksURL);
  if (state.compare) params.set("compare", state.compare);
  return `${loc.origin}${loc.pathname}#${params}`;
}

/**
 * moveTokenOutOfQuery rewrites the address so a token read from the query
 * string is not left there (for bookmarks and history); the request that
 * carried it has already reached the server, which the warning says.
 */
export function moveTokenOutOfQuery(token, loc = location) {
  const query = new URLSearchParams(loc.search);
  for (const n of tokenNames) query.delete(n);
  const search = query.size ? `?${query}` : "";
  const hash = new URLSearchParams(loc.hash.replace(/^#/, ""));
  hash.set("token", token);
  history.replaceState(null, "", `${loc.pathname}${search}#${hash}`);
}

/**
 * forgetLinkKey removes the key (and its encoding, or a classic jwt.io
 * link's publicKey) from the address once the page has read it: a secret
 * must not stay in the address bar, the history or a bookmark.
 * replaceState rewrites the entry the link made, so Back does not bring
 * it back either.
 */
export function forgetLinkKey(loc = location) {
  const rest = hashWithoutKey(loc.hash);
  if (rest === null) return;
  history.replaceState(history.state, "", `${loc.pathname}${loc.search}${rest}`);
}

/**
 * keyForms says what of a key may go in a link: its public form, which is
 * safe to share (the public half of a private key, the public keys of a
 * set), and whether the text holds anything secret, which goes only with
 * the user's explicit consent.
 */
export function keyForms(ins, text) {
  if (!ins?.ok) return { publicText: "", secret: /PRIVATE KEY-----/.test(text) };
  if (ins.kind === "jwks") {
    const keys = ins.keys.filter((k) => k.kind !== "secret" && k.publicJwk).map((k) => k.publicJwk);
    return {
      publicText: keys.length ? JSON.stringify({ keys }) : "",
      secret: ins.keys.some((k) => k.kind !== "public"),
    };
  }
  return {
    publicText: ins.publicKeyPem ?? "",
    // A PEM file can hold more blocks than inspect describes.
    secret: ins.kind !== "public" || /PRIVATE KEY-----/.test(text),
  };
}

/** createSharePanel wires the Share dialog; state() returns what to share. */
export function createSharePanel(state) {
  const $ = (id) => document.getElementById(id);
  const els = {
    open: $("share-open"),
    panel: $("share-panel"),
    includeKey: $("share-key"),
    includeKeyLabel: $("share-key-label"),
    includeSecret: $("share-secret"),
    secretRow: $("share-secret-row"),
    link: $("share-link"),
    copy: $("share-copy"),
  };
  // consentFor is the key (text and encoding) the secret box was ticked
  // for: the tick is consent to share that key, and no other, so it resets
  // whenever the key changes.
  let consentFor = null;
  const keyOf = (s) => `${s.encoding}\n${s.key}`;
  // asked numbers the refreshes: the engine answers asynchronously, and
  // only the latest refresh writes the link.
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    const s = state();
    if (els.includeSecret.checked && keyOf(s) !== consentFor) els.includeSecret.checked = false;
    // Until the engine has read the key, the link carries only what needs
    // no reading: the secret the box was ticked for, or no key. It never
    // shows a key of before, which no one agreed to share now.
    const consented = els.includeSecret.checked;
    els.link.value = buildLink({ token: s.token, key: consented ? s.key : "", encoding: consented ? s.encoding : "utf8", jwksURL: els.includeKey.checked && s.jwksURL ? s.jwksURL : "", compare: s.compare });
    const ins = s.key.trim() ? await inspectKey(s.key, { secretEncoding: s.encoding }) : null;
    if (mine !== asked) return;
    const { publicText, secret } = s.key.trim() ? keyForms(ins, s.key) : { publicText: "", secret: false };
    els.includeKey.disabled = !publicText && !s.jwksURL;
    els.includeKeyLabel.textContent = s.jwksURL ? "Include the JWKS URL" : publicText ? "Include the public key" : "Include the public key (the key box holds none)";
    els.secretRow.hidden = !secret;
    let key = "";
    let encoding = "utf8";
    if (secret && els.includeSecret.checked) {
      [key, encoding] = [s.key, s.encoding];
    } else if (publicText && els.includeKey.checked) {
      key = publicText;
    }
    els.link.value = buildLink({ token: s.token, key, encoding, jwksURL: els.includeKey.checked && s.jwksURL ? s.jwksURL : "", compare: s.compare });
  };
  els.open.addEventListener("click", () => {
    els.panel.hidden = !els.panel.hidden;
    els.open.setAttribute("aria-expanded", String(!els.panel.hidden));
    if (!els.panel.hidden) refresh();
  });
  els.includeKey.addEventListener("change", refresh);
  els.includeSecret.addEventListener("change", () => {
    consentFor = els.includeSecret.checked ? keyOf(state()) : null;
    refresh();
  });
  els.copy.addEventListener("click", async () => {
    await refresh();
    copyText(els.copy, els.link);
  });
  // A hidden panel's link is made afresh when it opens; the consent is
  // still dropped at once, so that no old tick is ever shown for a new key.
  return {
    refresh: () => {
      if (!els.panel.hidden) return refresh();
      if (els.includeSecret.checked && keyOf(state()) !== consentFor) els.includeSecret.checked = false;
    },
  };
}
