// The state of one playground, shared by the page (app.js) and the
// <jwt-playground> element (embed.js): the token, the header and payload
// editors, the key, the checks, the verdict, and re-signing. A pure module:
// no DOM, so node tests it with a fake engine. The views subscribe to it
// and paint what it says; none of them decides a verdict of its own.
//
// The engine is the core's API as web/jwt.js exports it: decode, decodeSD
// (optional), encodeAsync and verifyAsync. Every call is awaited, since the
// core may answer from a worker, and answers can arrive out of order: an
// answer is used only if nothing it depends on has changed since it was
// asked for. A newer input's answer always wins.
import { pretty } from "./json.js";

/** TYPED is the origin of a key typed or pasted into the key box. */
export const TYPED = Object.freeze({ origin: "typed", detail: "" });

/** NO_TOKEN is the verdict on an empty token box. */
export const NO_TOKEN = Object.freeze({
  state: "empty",
  title: "No token",
  detail: "Paste a JWT, or write a header and payload on the right to make one.",
  notes: [],
  where: "",
  keyError: "",
  message: "",
});

/**
 * isSD says whether text is meant as an SD-JWT: only those hold a "~". The
 * same test as sd.js's, which this pure module cannot import (sd.js loads
 * the core).
 */
const isSD = (text) => text.includes("~") && !text.trimStart().startsWith("{");

/**
 * isJWSJSON says whether a decode answer is about a JWS JSON (RFC 7515
 * §7.2); firstSignature is such an answer as the editors and the key panel
 * read a token: the first signature's protected header and alg.
 */
const isJWSJSON = (d) => d !== null && typeof d === "object" && Array.isArray(d.signatures) && "form" in d;
function firstSignature(d) {
  const sig = d.signatures[0];
  return sig ? { ...d, alg: sig.alg, kid: sig.kid, header: sig.protected, headerText: sig.protectedText } : d;
}

/**
 * The warnings verify gives that no verdict words as a note under it:
 * unencoded_payload and nested are worded by the verdict itself, and
 * private_key would nag after every Generate, whose private key the box
 * holds to sign with.
 */
const QUIET = new Set(["unencoded_payload", "nested", "private_key", "der_signature"]);

/**
 * classify turns a verify result into a verdict: {state, title, detail,
 * notes, where, keyError, message}. state is the badge's data-state;
 * title and detail say it in words; notes are verify's warnings about the
 * key (weak_key, several_keys, keys_not_tried, …) of a verification that
 * was done: they do not change the verdict, but one that hides them says
 * less than the core knows;
 * where is the caveat of a key that did not come from the key box (from a
 * link, the token, an issuer), "" for a typed one; keyError is what to
 * show under the key box ("" for nothing); message is the core's own
 * message for a verification that could not be done.
 *
 * A problem with the key (key_*, kid_not_found, or any error whose part is
 * the key) is never a malformed token: the token reads fine, and only the
 * key box can fix it.
 */
export function classify(v) {
  if (!v.ok) return failed(v);
  const notes = (v.warnings ?? []).filter((w) => !QUIET.has(w.code)).map((w) => w.message);
  return { ...verdict(v), notes, keyError: "", message: "" };
}

/** problems maps the codes of a verification that could not be done to the verdict's state and title. */
const problems = {
  unsupported_alg: ["unsupported", "Cannot verify: unsupported algorithm"],
  // A verifier must refuse a crit it does not understand (RFC 7515
  // §4.1.11): the token reads fine, so the badge says why.
  crit_unsupported: ["unsupported", "Cannot verify: unsupported critical extension"],
  crit_invalid: ["unsupported", "Cannot verify: invalid crit or b64 header"],
  // A check option out of range (a leeway over 1e9 s): nothing under the
  // token explains it, so the badge does.
  bad_input: ["unsupported", "Cannot verify with these checks"],
  // The core could not answer at all (a worker that died): nothing is
  // known about the token, least of all that it is malformed.
  internal: ["error", "Cannot verify: the token engine failed"],
  // A JWE reads as far as it can without a key (its header): the page's
  // JWE panel decrypts it with the recipient's key.
  encrypted_token: ["unsupported", "Encrypted token (JWE): decrypt it below", "Its header is readable; give the recipient's key under \"Encrypted token\" to read the rest."],
};

/** isKeyProblem says whether a failed verification is the key's fault, not the token's. */
export function isKeyProblem(error) {
  return error.part === "key" || error.code.startsWith("key_") || error.code === "kid_not_found";
}

function failed(v) {
  const { code, message, part } = v.error;
  const base = { notes: [], where: "", keyError: "", message };
  if (problems[code]) {
    const [state, title, detail = message] = problems[code];
    return { ...base, state, title, detail };
  }
  if (isKeyProblem(v.error)) {
    const missing = code === "key_missing";
    const title = missing ? "Enter a key to verify the signature" : "Cannot verify with this key";
    return { ...base, state: "key-error", title, detail: claimsNote(v), keyError: missing ? "" : message };
  }
  // Anything not about the key is about the token, which cannot be read.
  const where = part && part !== "token" ? `The ${part} part` : "The token";
  return { ...base, state: "malformed", title: "Not a readable token", detail: `${where} cannot be read: see the message under the token.` };
}

/** claimsNote sums up the claims, which are checked even without a key. */
function claimsNote(v) {
  const claimErrors = (v.errors ?? []).filter((e) => e.part === "payload");
  if (claimErrors.length === 0) return v.claimsValid ? "The claims pass their checks (exp, nbf and iat, where present)." : "";
  return "Claims: " + claimErrors.map((e) => e.message).join("; ");
}

/**
 * verdict words a verification that was done. The core's provenance words
 * a matching signature: "Signature verified" only for a key typed here,
 * never for one that came with the link or the token.
 */
function verdict(v) {
  const p = v.provenance ?? { origin: "typed", headline: "Signature verified" };
  const typed = p.origin === "typed";
  const where = typed ? "" : `${p.text}: ${p.caveat}.`;
  const but = (what) => (typed ? `Signature verified, but ${what}` : `${p.headline}; ${what}`);
  const withWhere = (detail) => [detail, where].filter(Boolean).join(" ");
  const say = (state, title, detail) => ({ state, title, detail, where });
  const first = (code) => v.errors.find((e) => e.code === code);
  const warned = (code) => v.warnings?.some((w) => w.code === code);
  if (v.alg === "none") {
    return say("unsecured", "Unsecured token: alg none", "It has no signature, so anyone could have written it. Never accept such a token.");
  }
  if (!v.signatureValid) return say("invalid-signature", "Invalid signature", first("signature_invalid")?.message ?? "");
  if (!v.claimsValid) {
    const claims = v.errors.filter((e) => e.part === "payload").map((e) => e.message).join("; ");
    if (first("token_expired")) return say("expired", but("the token has expired"), withWhere(claims));
    if (first("token_not_valid_yet")) return say("not-yet-valid", but("the token is not valid yet"), withWhere(claims));
    return say("claims-invalid", but("the claims fail"), withWhere(claims));
  }
  // An SD-JWT is valid only when its disclosures and its key binding are
  // too: a good issuer signature over a tampered presentation is no pass.
  if (v.valid === false) {
    const errors = v.errors.map((e) => e.message).join("; ");
    if (v.disclosuresValid === false) return say("claims-invalid", but("the disclosures fail RFC 9901's checks"), withWhere(errors));
    if (v.keyBinding && !v.keyBindingValid) return say("claims-invalid", but("the key binding fails"), withWhere(errors));
    return say("claims-invalid", but("the SD-JWT fails its checks"), withWhere(errors));
  }
  if (warned("unencoded_payload")) {
    return say("verified", p.headline, withWhere(`Checked with ${v.key}. The payload is unencoded text ("b64": false, RFC 7797), not claims: there were no claims to check.`));
  }
  if (warned("nested")) {
    return { ...say("verified", p.headline, withWhere(`Checked with ${v.key}. The payload is a nested token ("cty": "JWT"): its claims are the inner token's, judged with its own signature under "Tokens inside the token".`)), nested: true };
  }
  if (v.keyBinding !== undefined) {
    const kb = v.keyBinding ? "the key binding (cnf key, sd_hash, iat, aud, nonce) is fine" : "there is no key binding";
    return say("verified", p.headline, withWhere(`Checked with ${v.key}; the disclosures and claims are fine, and ${kb}.`));
  }
  return say("verified", p.headline, withWhere(v.key ? `Checked with ${v.key}; the claims are fine.` : "The claims are fine."));
}

/**
 * staleVerdict is the verdict while the editors hold what the token shown
 * does not: the edits could not be signed (error is encode's), so the
 * token, and any verdict on it, are from before them. It is never
 * "verified": a green badge beside editors that differ from the token
 * would vouch for JSON that no signature covers.
 */
export function staleVerdict(error, hasToken = true) {
  const why =
    error.part === "header" || error.part === "payload"
      ? `Fix the ${error.part} (see the message under it) to sign the edits.`
      : isKeyProblem(error)
        ? "Add a private key or secret to the key box to sign the edits."
        : `They could not be signed: ${error.message}.`;
  return {
    state: "stale",
    title: hasToken ? "Editors changed: the token shown was not re-signed" : "No token: the editors are not signed",
    detail: hasToken ? `${why} The token shown is the one from before the edits.` : why,
    notes: [],
    where: "",
    keyError: "",
    message: error.message,
  };
}

/** decodedVerdict is the verdict of a playground that only decodes. */
function decodedVerdict(d) {
  if (d?.ok) return { state: "decoded", title: `Decoded (${d.alg}); signature not checked`, detail: "", notes: [], where: "", keyError: "", message: "" };
  return { state: "malformed", title: "Not a readable token", detail: "", notes: [], where: "", keyError: "", message: d?.error?.message ?? "" };
}

/**
 * createPlayground makes the state of one playground around engine.
 * options.mode is "verify" (the default), "encode" (verifies too) or
 * "decode" (no signature check); options.clock gives the time in
 * milliseconds when no check time is set (Date.now by default).
 *
 * It returns {get, subscribe, input, setToken, setEditors, setKey,
 * setChecks}. Each setter returns a promise that settles once the answers
 * it asked for are in (or dropped for newer ones). subscribe(fn) calls
 * fn(event, state) on:
 *   - "token": the token or its decoding changed; state.refilled says the
 *     editors were refilled from it (a token typed, not one just signed);
 *   - "editors": the editors' errors or staleness changed;
 *   - "checking": a verification starts, with state.checkedWith, the
 *     options it uses (the page's explainers take them too);
 *   - "verdict": state.verdict (and state.verification) changed.
 */
export function createPlayground(engine, { mode = "verify", clock = () => Date.now() } = {}) {
  const s = {
    mode,
    token: "",
    header: "",
    payload: "",
    key: "",
    encoding: "utf8",
    keyOrigin: TYPED,
    checks: { now: null, leeway: 0, issuer: "", audience: "", nonce: "" },
    decoded: null, // decode's answer for the token (an SD-JWT's issuer JWT)
    sd: null, // decodeSD's answer, for an SD-JWT
    jws: null, // decode's whole answer, for a JWS JSON
    refilled: false,
    editErrors: { header: "", payload: "", sign: "" },
    editOffset: undefined, // the byte offset of the editor's JSON error, when encode gave one
    // stale: the editors' edits could not be signed (encode's error), so
    // the token shown is not what the editors hold.
    stale: null,
    checkedWith: null,
    verification: null,
    verdict: NO_TOKEN,
  };
  const listeners = new Set();
  // Sequence numbers: each answer is used only if its own is still the
  // latest. A token answer depends on the token; a signing on the editors,
  // the key and the token; a verification on all of them and the checks.
  let tokenSeq = 0;
  let editSeq = 0; // editors typed in: a token's decoding must not refill them
  let signSeq = 0;
  let keySeq = 0; // key box changes: a failed signing tries a newer key
  let checkSeq = 0;
  let decodedFor = null; // the token s.decoded is of
  let checking = false;
  let signing = false;

  const emit = (event) => {
    const snapshot = get();
    for (const fn of listeners) fn(event, snapshot);
  };

  /**
   * get returns a copy of the state, with pending: a check or a signing is
   * under way, so the verdict is for older inputs.
   */
  function get() {
    return { ...s, pending: checking || signing, checks: { ...s.checks }, editErrors: { ...s.editErrors } };
  }

  function subscribe(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }

  /**
   * input applies changes ({token, header, payload, key, encoding,
   * keyOrigin, checks, mode}, any of them) and does what they call for: a
   * new token is decoded, fills the editors and is verified; edited
   * editors are re-signed into the token; a new key signs edits that
   * could not be signed, or else verifies again (it never rewrites a
   * token); new checks verify again. Whatever order the answers come in,
   * the state ends as if each had come before the next input.
   */
  async function input(changes) {
    const has = (name) => Object.hasOwn(changes, name);
    if (has("mode")) s.mode = changes.mode;
    if (has("key")) s.key = changes.key;
    if (has("encoding")) s.encoding = changes.encoding;
    if (has("key") || has("encoding")) keySeq++;
    if (has("keyOrigin")) s.keyOrigin = changes.keyOrigin ?? TYPED;
    if (has("checks")) s.checks = { ...s.checks, ...changes.checks };
    if (has("token")) return openToken(changes.token);
    if (has("header") || has("payload")) {
      if (has("header")) s.header = changes.header;
      if (has("payload")) s.payload = changes.payload;
      editSeq++;
      return sign();
    }
    // Edits the key box could not sign: a new key may. (A signing under
    // way finishes with the key it began with, as it would have had it
    // answered before the key changed: then the new key verifies it.)
    if ((has("key") || has("encoding")) && s.stale) return sign();
    return check();
  }

  /** openToken takes a token from the token box: it replaces the editors' text and any edits not signed. */
  async function openToken(text) {
    s.token = text;
    const mine = ++tokenSeq;
    signSeq++; // a signing under way is for the token this replaces
    signing = false;
    const wasStale = s.stale !== null || Object.values(s.editErrors).some(Boolean);
    s.stale = null;
    s.editErrors = { header: "", payload: "", sign: "" };
    if (wasStale) emit("editors");
    // Decoding and verifying are independent: ask for both at once.
    await Promise.all([readToken(mine, editSeq), check()]);
  }

  /**
   * readToken decodes the token. The editors take its header and payload
   * if edits is editSeq (not null) still: what was typed in them since is
   * newer.
   */
  async function readToken(mine, edits) {
    const { decoded, sd, jws = null } = await decodeToken(s.token);
    if (mine !== tokenSeq) return;
    const refill = edits === editSeq;
    s.decoded = decoded;
    s.sd = sd;
    s.jws = jws;
    decodedFor = s.token;
    s.refilled = refill;
    if (refill) {
      s.header = decoded?.headerText ? pretty(decoded.headerText) : "";
      const payload = decoded?.payloadText ?? "";
      s.payload = decoded && payloadIsJSON(decoded) ? pretty(payload) : payload;
    }
    emit("token");
  }

  /** decodeToken decodes text: an SD-JWT (it holds a "~") through decodeSD, whose issuer JWT is then the decoded token. */
  async function decodeToken(text) {
    if (!text.trim()) return { decoded: null, sd: null };
    if (!isSD(text) || !engine.decodeSD) {
      const d = await call(() => engine.decode(text));
      return isJWSJSON(d) ? { decoded: firstSignature(d), sd: null, jws: d } : { decoded: d, sd: null };
    }
    const sd = await call(() => engine.decodeSD(text));
    return { decoded: sd.ok ? { ...sd.jwt, ok: true } : sd, sd };
  }

  /** sign re-signs the editors' header and payload with the key into the token. */
  async function sign() {
    const mine = ++signSeq;
    const keyAt = keySeq;
    checkSeq++; // a check under way is for the token this replaces
    signing = true;
    const res = await call(() => engine.encodeAsync({ header: s.header, payload: s.payload, key: s.key, secretEncoding: s.encoding }));
    if (mine !== signSeq) return;
    signing = false;
    const part = res.ok ? "" : res.error.part;
    const other = !res.ok && part !== "header" && part !== "payload";
    s.editErrors = {
      header: part === "header" ? res.error.message : "",
      payload: part === "payload" ? res.error.message : "",
      sign: other ? `The token was not re-signed: ${res.error.message}` : "",
    };
    // Where in the editor's text the JSON error is (a UTF-8 byte offset), to mark it.
    s.editOffset = part === "header" || part === "payload" ? res.error.offset : undefined;
    if (!res.ok) {
      // The token's decoding may still be on its way: ask for it again.
      const d = decodedFor === s.token ? s.decoded : (await decodeToken(s.token)).decoded;
      if (mine !== signSeq) return;
      s.stale = editorsMatch(d) ? null : res.error;
      // Edits undone need no signature, and nothing to say why there is none.
      if (!s.stale) s.editErrors = { header: "", payload: "", sign: "" };
      // The key changed while this signing was under way: try the new one.
      if (s.stale && keyAt !== keySeq) return sign();
      emit("editors");
      return check();
    }
    s.stale = null;
    emit("editors");
    // The editors hold an SD-JWT's issuer JWT: re-signing it keeps the
    // disclosures (and a key binding, whose sd_hash then fails, as it should).
    s.token = isSD(s.token) ? res.token + s.token.slice(s.token.indexOf("~")) : res.token;
    const token = ++tokenSeq;
    await Promise.all([readToken(token, null), check()]);
  }

  /**
   * editorsMatch says whether the editors hold what the token (decoded as d) does,
   * but for white space outside strings (pretty re-indents without parsing,
   * so the comparison is exact): edits undone need no signature.
   */
  function editorsMatch(d) {
    if (!d?.headerText) return false;
    const payload = d.payloadText ?? "";
    return pretty(s.header) === pretty(d.headerText) && (payloadIsJSON(d) ? pretty(s.payload) === pretty(payload) : s.payload === payload);
  }

  /** options are verify's options for the state as it is now. */
  function options() {
    const c = s.checks;
    return {
      key: s.key,
      secretEncoding: s.encoding,
      now: c.now ?? clock() / 1000,
      leeway: c.leeway,
      issuer: c.issuer,
      audience: c.audience,
      nonce: c.nonce,
      keyOrigin: s.keyOrigin.origin,
      keyOriginDetail: s.keyOrigin.detail,
    };
  }

  /** check verifies the token as it is now and sets the verdict. */
  async function check() {
    const mine = ++checkSeq;
    const token = s.token;
    s.checkedWith = options();
    checking = true;
    emit("checking");
    let v = null;
    let next;
    if (!token.trim()) {
      next = NO_TOKEN;
    } else if (s.mode === "decode") {
      const d = await call(() => engine.decode(token));
      next = decodedVerdict(d);
    } else {
      v = await call(() => engine.verifyAsync(token, s.checkedWith));
      next = classify(v);
    }
    if (mine !== checkSeq) return; // a newer check is under way
    checking = false;
    s.verification = v;
    s.verdict = s.stale ? staleVerdict(s.stale, token.trim() !== "") : next;
    emit("verdict");
  }

  return {
    get,
    subscribe,
    input,
    /** setToken opens text as the token, as typed or pasted in the token box. */
    setToken: (token) => input({ token }),
    /** setEditors re-signs the edited header and payload. */
    setEditors: (header, payload) => input({ header, payload }),
    /** setKey takes a key, its encoding and its origin ({origin, detail}; TYPED by default). */
    setKey: (key, encoding = "utf8", keyOrigin = TYPED) => input({ key, encoding, keyOrigin }),
    /** setChecks changes the checks: {now (unix seconds, or null for the clock), leeway, issuer, audience, nonce}. */
    setChecks: (checks) => input({ checks }),
  };
}

/**
 * payloadIsJSON says whether a decoded token's payload is JSON. decode's
 * payloadJSON says so without parsing it (the core parses payload only
 * when it is read, as it can be a megabyte 64 deep); a core without
 * payloadJSON is asked the parsed value.
 */
function payloadIsJSON(d) {
  return d.payloadJSON ?? d.payload != null;
}

/**
 * call runs an engine call and awaits it. The engine never throws nor
 * rejects, but a worker that dies could: that becomes an answer like any
 * other failure, so no view waits forever.
 */
async function call(fn) {
  try {
    return await fn();
  } catch (err) {
    return { ok: false, error: { code: "internal", message: `the token engine failed: ${err?.message ?? err}` } };
  }
}
