// What the SD-JWT mode shows, worked out without the DOM (web/sd.js is the
// view): where each of decodeSD's errors goes, how a disclosure and the
// undisclosed digests are said, which claims the builder offers, and what
// a selection, a reveal set and the key-binding options turn into for
// issueSD and presentSD. Tested under node (web/test/sdmodel.test.mjs).

/** isSD says whether text is meant as an SD-JWT: only those hold a "~" (a JWS JSON, which may hold one in its payload, is not). */
export const isSD = (text) => text.includes("~") && !text.trimStart().startsWith("{");

/** MAX_DECOYS is the most decoy digests the builder adds (the input's max). */
export const MAX_DECOYS = 64;

/**
 * REGISTERED claims stay plain by default in the builder: a verifier needs
 * them to check the token, and RFC 9901 §4.2 (and SD-JWT VC) keeps iss,
 * exp, nbf, cnf, vct and status out of disclosures.
 */
const REGISTERED = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "vct", "cnf", "status"]);

/** CLAIMS_DEPTH is how deep the builder lists nested members and elements. */
const CLAIMS_DEPTH = 3;

const oneLine = (v) => JSON.stringify(v) ?? "";

/** clip shortens a one-line value to n characters, marking the cut. */
export const clip = (s, n = 40) => (s.length > n ? s.slice(0, n) + "…" : s);

/**
 * written is the text a disclosure's base64url encodes, read as UTF-8 the
 * way TextDecoder (and the core) read it; null when it is not base64url.
 */
function written(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bytes = Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}

/**
 * disclosureText is a disclosure as the array it encodes, exactly as the
 * issuer wrote it (what its digest covers: member order, number spelling
 * and escapes as written, which a value that went through JSON.parse
 * would lose); its base64url text when the core could not decode it.
 */
export function disclosureText(x) {
  if (x.value === undefined) return x.text;
  const raw = written(x.text);
  if (raw !== null) return raw.trim();
  const parts = x.name !== undefined ? [x.salt, x.name, x.value] : [x.salt, x.value];
  return `[${parts.map(oneLine).join(", ")}]`;
}

/** landsAt words where a disclosure lands: its JSON Pointer, or that nothing refers to it. */
export const landsAt = (path) => path || "not referenced";

/**
 * partOf names the part an error of decodeSD or verify is about, as the
 * page says it: "disclosure 2", "the issuer JWT's payload", "the
 * key-binding JWT" or "the SD-JWT".
 */
export function partOf(e) {
  switch (e.part) {
    case "disclosure":
      return `disclosure ${e.index}`;
    case "payload":
      return "the issuer JWT's payload";
    case "header":
      return "the issuer JWT's header";
    case "keyBinding":
      return "the key-binding JWT";
    default:
      return "the SD-JWT";
  }
}

/**
 * placeErrors sorts decodeSD's result d's errors by where the page shows
 * them: beside each disclosure (rows, by index; its own error first),
 * beside the key binding (keyBinding), or above the table (elsewhere: the
 * payload's, and any whose disclosure has no row), so no error goes
 * unsaid and none is said twice in one place.
 */
export function placeErrors(d) {
  const rows = new Map(d.disclosures.map((x) => [x.index, x.error ? [x.error] : []]));
  const keyBinding = [];
  const elsewhere = [];
  for (const e of d.errors ?? []) {
    if (e.part === "keyBinding") keyBinding.push(e);
    else if (e.part === "disclosure" && rows.has(e.index)) {
      const list = rows.get(e.index);
      if (!list.some((o) => o.code === e.code && o.message === e.message)) list.push(e);
    } else elsewhere.push(e);
  }
  return { rows, keyBinding, elsewhere };
}

/**
 * disclosureRows is the table of decodeSD's result d: each disclosure as
 * shown, its digest, where it lands and its errors.
 */
export function disclosureRows(d) {
  const { rows } = placeErrors(d);
  return d.disclosures.map((x) => ({
    index: x.index,
    shown: disclosureText(x),
    digest: x.digest ?? "",
    where: landsAt(x.path),
    referenced: Boolean(x.path),
    errors: rows.get(x.index),
  }));
}

/**
 * undisclosedText says how many digests stay hidden, and where. Decoys
 * are counted with the claims not revealed: they look the same, which is
 * their point (RFC 9901 §4.2.5).
 */
export function undisclosedText(undisclosed) {
  const total = undisclosed.reduce((n, u) => n + u.count, 0);
  if (total === 0) return "No undisclosed digests: every digest in the issuer JWT has its disclosure here.";
  const at = undisclosed.map((u) => `${u.count} in ${u.path ? u.path : "the top level"}`).join(", ");
  const digests = total === 1 ? "1 undisclosed digest" : `${total} undisclosed digests`;
  return `${digests} (${at}): claims not revealed, or decoys; the verifier cannot tell which.`;
}

/**
 * processedNote is the line under the processed payload of decodeSD's
 * result d: the undisclosed digests counted, or, when the payload could
 * not be processed at all, that nothing was (so no count is a "none").
 */
export function processedNote(d) {
  if (!d.processed) return "The disclosures could not be applied to the issuer JWT's payload: see the errors above.";
  return undisclosedText(d.undisclosed);
}

/**
 * kbVerifyErrors are verify's findings about the key binding (its
 * signature with the cnf key, sd_hash, iat, aud, nonce): checks that need
 * the expected values, so decodeSD cannot make them.
 */
export const kbVerifyErrors = (v) => (v?.ok ? v.errors.filter((e) => e.part === "keyBinding") : []);

/**
 * kbNotCompared says which of the key binding's aud and nonce verify v
 * only found present, not compared, because expected (the page's expected
 * {audience, nonce}) leaves them empty: a presentation for another
 * verifier, or replayed, passes those checks. "" when both were compared
 * or there is no key binding that passed.
 */
export function kbNotCompared(v, expected) {
  if (!v?.ok || !v.keyBinding || !v.keyBindingValid) return "";
  const open = [!expected.audience.trim() && "audience (aud)", !expected.nonce.trim() && "nonce"].filter(Boolean);
  if (!open.length) return "";
  return `The key binding's ${open.join(" and ")} ${open.length > 1 ? "were" : "was"} not compared with an expected value: give ${open.length > 1 ? "them" : "it"} under "Expected issuer, audience and nonce" to refuse a presentation made for another verifier or replayed.`;
}

/**
 * sdText writes decodeSD's result d back as the SD-JWT it was read from:
 * the issuer JWT, each disclosure followed by "~", and the key-binding JWT.
 */
export function sdText(d) {
  return d.issuerJwt + "~" + d.disclosures.map((x) => x.text + "~").join("") + (d.keyBindingJwt ?? "");
}

/**
 * explainedRows are the rows of the table that explains an SD-JWT, from
 * explain's result ex: the claims the verifier sees (the disclosures
 * applied), then the key-binding JWT's header and claims. where says
 * which; value is the JSON as written, clipped, with a time in words.
 */
export function explainedRows(ex) {
  if (!ex?.ok) return [];
  const rows = (where, entries = []) =>
    entries.map((e) => ({
      where,
      name: e.name,
      kind: e.kind,
      value: clip(e.raw, 200) + (e.time?.relative ? ` (${e.time.relative})` : ""),
      meaning: e.description,
      source: e.source ?? "",
    }));
  return [
    ...rows("claims", ex.disclosed),
    ...rows("key-binding header", ex.keyBinding?.header),
    ...rows("key-binding claims", ex.keyBinding?.claims),
  ];
}

// ---- The builder.

/** step escapes a member name into a JSON Pointer reference token (RFC 6901). */
const step = (name) => String(name).replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * claimsOf lists what can be made selectively disclosable in payload:
 * every member and array element, nested ones to CLAIMS_DEPTH levels, as
 * JSON Pointers, each with its value and whether it is ticked at first
 * (the top level's private claims). _sd, _sd_alg and cnf are never offered:
 * the first two are the mechanism, and the holder's key must stay visible
 * for key binding.
 */
export function claimsOf(payload, base = "", depth = 0) {
  if (depth > CLAIMS_DEPTH || payload === null || typeof payload !== "object") return [];
  const out = [];
  const entries = Array.isArray(payload) ? payload.map((v, i) => [i, v]) : Object.entries(payload);
  for (const [name, value] of entries) {
    if (!Array.isArray(payload) && (name === "_sd" || name === "_sd_alg" || name === "cnf")) continue;
    const path = `${base}/${step(name)}`;
    out.push({ path, value, shown: clip(oneLine(value)), ticked: depth === 0 && !REGISTERED.has(name) });
    out.push(...claimsOf(value, path, depth + 1));
  }
  return out;
}

/**
 * payloadClaims reads the payload editor's text for the builder: its
 * claims, or why there are none to offer.
 */
export function payloadClaims(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { claims: [], note: "The payload is not JSON: fix it in the payload editor, then reread it." };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { claims: [], note: "The payload is not a JSON object, so it has no claims to disclose selectively." };
  }
  const claims = claimsOf(parsed);
  return { claims, note: claims.length ? "" : "The payload has no claims to disclose selectively." };
}

/**
 * decoyCount reads the decoy box: a whole number from 0 to MAX_DECOYS, or
 * an error naming the box. Empty is 0.
 */
export function decoyCount(text) {
  const s = String(text).trim();
  if (s === "") return { count: 0 };
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0 || n > MAX_DECOYS) {
    return { error: `Decoy digests: ${clip(JSON.stringify(s), 20)} is not a whole number from 0 to ${MAX_DECOYS}.` };
  }
  return { count: n };
}

/**
 * issueInput is issueSD's input: the editors' header and payload, the
 * key box's key, the ticked JSON Pointers, the decoys and the holder key
 * (whose public half goes in cnf), or {error} when the decoys cannot be read.
 */
export function issueInput({ header, payload, key, secretEncoding }, disclose, decoysText, holderKey) {
  const decoys = decoyCount(decoysText);
  if (decoys.error) return { error: decoys.error };
  const input = { header, payload, disclose: [...disclose], decoys: decoys.count, key, secretEncoding };
  const holder = holderKey.trim();
  if (holder) input.holderKey = holder;
  return { input };
}

/**
 * isWithin says whether the JSON Pointer inner lies inside outer (and is
 * not outer itself).
 */
const isWithin = (inner, outer) => outer !== "" && inner.startsWith(outer + "/");

/**
 * revealSet is what presentSD will reveal for the ticked disclosure
 * indexes: each one and every disclosure it sits in (a claim inside an
 * undisclosed object cannot be seen), read from where each lands in the
 * fully disclosed issuance. implied are the ones added that way.
 */
export function revealSet(disclosures, ticked) {
  const chosen = new Set(ticked);
  const implied = new Set();
  for (const x of disclosures) {
    if (!chosen.has(x.index)) continue;
    for (const outer of disclosures) {
      if (!chosen.has(outer.index) && isWithin(x.path, outer.path)) implied.add(outer.index);
    }
  }
  const reveal = [...chosen, ...implied].sort((a, b) => a - b);
  return { reveal, implied: [...implied].sort((a, b) => a - b) };
}

/**
 * presentInput is presentSD's input for the issued SD-JWT, the ticked
 * disclosures and the key-binding options {on, holderKey, issuedWith,
 * audience, nonce}, issuedWith being the holder key the SD-JWT was issued
 * for; now is unix seconds, the key-binding JWT's iat. Without a holder
 * key there is no key binding; it asks for an audience and a nonce, which
 * are what keep a presentation from being replayed elsewhere (RFC 9901 §4.3).
 */
export function presentInput(sdjwt, reveal, kb, now) {
  const input = { sdjwt, reveal: [...reveal] };
  if (!kb.on) return { input };
  const holderKey = kb.holderKey.trim();
  if (!holderKey) return { error: "A key-binding JWT needs the holder's private key: paste one or generate it above." };
  // Another key would sign a key binding that the cnf key refuses.
  if (kb.issuedWith !== undefined && holderKey !== kb.issuedWith.trim()) {
    return { error: "The holder key changed since the SD-JWT was issued, so cnf holds another key: issue it again." };
  }
  const audience = kb.audience.trim();
  const nonce = kb.nonce.trim();
  const missing = [!audience && "an audience (aud)", !nonce && "a nonce"].filter(Boolean);
  if (missing.length) return { error: `A key-binding JWT needs ${missing.join(" and ")}: the verifier checks both, so that the presentation cannot be replayed elsewhere.` };
  Object.assign(input, { holderKey, audience, nonce, iat: Math.floor(now) });
  return { input };
}

/**
 * verifierLearns is what a verifier learns from a presentation, given
 * decodeSD's result d: the processed claims, the hidden digests counted,
 * and whom the key binding is for.
 */
export function verifierLearns(d) {
  if (!d?.ok) return { claims: "", notes: [] };
  const notes = [undisclosedText(d.undisclosed)];
  const kb = d.keyBinding?.payload;
  if (kb && typeof kb === "object") {
    notes.push(`A key-binding JWT for ${oneLine(kb.aud)} with nonce ${oneLine(kb.nonce)}, issued at ${oneLine(kb.iat)}: the holder of the cnf key presented it.`);
  } else {
    notes.push("No key-binding JWT: whoever holds this text can present it.");
  }
  return { claims: d.processed ? JSON.stringify(d.processed, null, 2) : "", notes };
}

/**
 * digestsIn lists every digest value holds: the items of each "_sd" and
 * each array element {"...": digest}, however deep.
 */
function digestsIn(value, out = []) {
  if (Array.isArray(value)) {
    for (const el of value) {
      const keys = el !== null && typeof el === "object" && !Array.isArray(el) ? Object.keys(el) : [];
      if (keys.length === 1 && keys[0] === "..." && typeof el["..."] === "string") out.push(el["..."]);
      else digestsIn(el, out);
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "_sd" && Array.isArray(v)) out.push(...v.filter((d) => typeof d === "string"));
      else digestsIn(v, out);
    }
  }
  return out;
}

/**
 * decoyDigests are the digests of an SD-JWT just issued that no
 * disclosure matches: its decoys. Only the issuer can tell them, from the
 * issuer payload and every disclosure; in a presentation they are digests
 * like any other.
 */
export function decoyDigests(payload, disclosures) {
  const real = new Set(disclosures.map((x) => x.digest));
  const all = [...digestsIn(payload), ...disclosures.flatMap((x) => digestsIn(x.value))];
  return all.filter((d) => !real.has(d));
}

/**
 * issuedSummary says what issueSD made: how many disclosures, and the
 * decoy digests, which no one else can tell from the rest.
 */
export function issuedSummary(disclosures, decoys) {
  const n = disclosures.length;
  const what = n === 1 ? "1 disclosure" : `${n} disclosures`;
  if (!decoys.length) return `Issued with ${what}.`;
  const list = decoys.map((d) => clip(d, 12)).join(", ");
  return `Issued with ${what}, and ${decoys.length} decoy digest${decoys.length === 1 ? "" : "s"} that no disclosure matches (${list}): to a verifier they look like claims not revealed.`;
}
