// The lessons' tasks, each checked by the token core: a task is done only
// when the learner's token really does what it asks (decoded, verified at
// the times that matter, its key inspected), never because a field holds
// the expected text. Each check returns {done, message}.
import { decode, verify, verifyAsync, inspectKey, lint } from "../local.js";
import { codes, messages } from "./bench.js";

const fail = (message) => ({ done: false, message });
const pass = (message) => ({ done: true, message });

/**
 * checkTampered: lesson 1. The token must still decode, keep the original
 * header and signature, carry another payload, and so fail its signature.
 */
export function checkTampered(token, original, key) {
  token = token.trim();
  const d = decode(token);
  const o = decode(original);
  if (!d.ok) return fail(`the token no longer decodes (${d.error.message}). Change a letter of the payload, not a dot.`);
  if (d.parts.header !== o.parts.header || d.parts.signature !== o.parts.signature) {
    return fail("keep the header and the signature as they are, and change only the payload.");
  }
  if (d.parts.payload === o.parts.payload) return fail("the payload is unchanged, so the signature still matches. Change one of its characters.");
  const v = verify(token, { key });
  if (v.signatureValid) return fail("the signature still matches.");
  if (!codes(v).includes("signature_invalid")) return fail(messages(v).join("; "));
  return pass("the header and signature are the same, but the signature was made over the old text of header.payload, so it no longer matches. Nobody can change a signed token unnoticed.");
}

/**
 * checkFiveMinutes: lesson 2. Verified with no leeway, the token must be
 * valid now and in 4 minutes, and expired in 6.
 */
export function checkFiveMinutes(token, key, now) {
  token = token.trim();
  if (!token) return fail("sign a token first.");
  const at = (offset) => verify(token, { key, now: now + offset, leeway: 0 });
  const v0 = at(0);
  if (!v0.ok || !v0.valid) return fail(`it is not valid now: ${messages(v0).join("; ")}.`);
  const v4 = at(240);
  if (!v4.valid) return fail(`it must still be valid in 4 minutes, but then: ${messages(v4).join("; ")}.`);
  const v6 = at(360);
  if (v6.valid) return fail("it is still valid in 6 minutes: set exp to at most 5 minutes from now (in seconds, not milliseconds).");
  if (!codes(v6).includes("token_expired")) return fail(`in 6 minutes it must be refused as expired, but: ${messages(v6).join("; ")}.`);
  return pass("valid now, still in 4 minutes, expired in 6. Move the clock to watch it happen.");
}

/** isPublicOnly reports whether an inspected key holds nothing that can sign. */
function isPublicOnly(ins) {
  if (ins.kind === "public") return true;
  return ins.kind === "jwks" && ins.keys.length > 0 && ins.keys.every((k) => k.kind === "public");
}

/**
 * checkPublicVerify: lesson 3. The token must be signed with an asymmetric
 * algorithm, and verify with a key the core inspects as public only.
 */
export async function checkPublicVerify(token, verifierKey) {
  token = token.trim();
  if (!token) return fail("generate a key pair and sign a token first.");
  const d = decode(token);
  if (!d.ok) return fail(`the token does not decode: ${d.error.message}.`);
  if (!d.alg || d.alg.startsWith("HS") || d.alg === "none") return fail(`the token is ${d.alg || "unsigned"}: sign it with the generated private key.`);
  if (!verifierKey.trim()) return fail("the API's key box is empty: give it the key it needs.");
  const ins = inspectKey(verifierKey);
  if (!ins.ok) return fail(`the API's key: ${ins.error.message}.`);
  // A PEM text can hold more blocks than inspectKey describes: a private
  // key anywhere in it is a private key the API holds.
  if (ins.kind === "private" || /PRIVATE KEY-----/.test(verifierKey)) return fail("the API holds the private key, so it could sign tokens too. Give it only the public half.");
  if (ins.kind === "secret") return fail("the API's key is read as an HMAC secret, not a public key.");
  if (!isPublicOnly(ins)) return fail("the key set holds a private or secret key: give the API public keys only.");
  const v = await verifyAsync(token, { key: verifierKey });
  if (!v.ok || !v.valid) return fail(`the API refuses the token: ${messages(v).join("; ")}.`);
  return pass(`the API verified your ${d.alg} token holding only a public key, which cannot sign anything.`);
}

/** The reasons lesson 4 offers, each with the check it names. */
export const verifierChecks = [
  { id: "alg", name: "Algorithm on the allow-list" },
  { id: "signature_invalid", name: "Signature" },
  { id: "token_expired", name: "Times (exp, nbf, iat)" },
  { id: "invalid_issuer", name: "Issuer" },
  { id: "invalid_audience", name: "Audience" },
  { id: "typ", name: "Type (typ)" },
];

/**
 * judge runs a verifier's checks on a token: the allow-list and typ, which
 * are the API's own rules, and verify for the rest. It returns one entry
 * per check: {id, name, ok, message}.
 */
export function judge(token, s) {
  const d = decode(token);
  const v = verify(token, { key: s.key, now: s.now, leeway: s.leeway, issuer: s.issuer || undefined, audience: s.audience || undefined });
  const errs = [...(v.error ? [v.error] : []), ...(v.errors ?? [])];
  const find = (...c) => errs.find((e) => c.includes(e.code));
  const typ = d.header?.typ;
  const out = [];
  const add = (id, ok, message) => out.push({ id, name: verifierChecks.find((c) => c.id === id).name, ok, message });
  add("alg", s.algs.includes(d.alg), s.algs.includes(d.alg) ? `${d.alg} is allowed` : `${d.alg || "no alg"} is not on the list (${s.algs.join(", ") || "empty"})`);
  const sig = find("signature_invalid", "alg_none", "key_missing", "key_invalid", "key_mismatch", "malformed", "unsupported_alg");
  add("signature_invalid", !sig && v.signatureValid, sig ? sig.message : v.signatureValid ? "matches the API's secret" : "not checked");
  const time = find("token_expired", "token_not_valid_yet", "token_used_before_issued");
  add("token_expired", !time, time ? time.message : "exp, nbf and iat are fine");
  const iss = find("invalid_issuer");
  add("invalid_issuer", !iss, iss ? iss.message : s.issuer ? "the issuer is trusted" : "not checked: no expected issuer");
  const aud = find("invalid_audience");
  add("invalid_audience", !aud, aud ? aud.message : s.audience ? "the audience includes this API" : "not checked: no expected audience");
  const typOK = !s.typ || (typeof typ === "string" && typ.toLowerCase() === s.typ.toLowerCase());
  add("typ", typOK, !s.typ ? "not checked" : typOK ? `typ is ${typ}` : `typ is ${JSON.stringify(typ ?? null)}, not ${s.typ}`);
  return out;
}

/** checkRefusal: lesson 4. The answer must name a check that fails under the API's settings. */
export function checkRefusal(answer, token, settings) {
  if (!answer) return fail("pick a reason.");
  const checks = judge(token, settings);
  const c = checks.find((x) => x.id === answer);
  if (!c) return fail("pick one of the reasons.");
  if (c.ok) return fail(`that check passes (${c.message}). Look at the other checks on the right.`);
  const why = answer === "invalid_audience" ? " A token meant for another API must never work here, even with a good signature: that is what aud is for." : "";
  return pass(`${c.message}.${why}`);
}

/** Lint codes that make a token a bad access token, for lesson 6. */
const badForAccess = ["sensitive_claim", "no_exp", "long_lifetime", "exp_in_milliseconds", "exp_before_iat", "iat_in_future"];

/**
 * checkAccessToken: lesson 6. Valid now, iat and exp present and at most
 * 15 minutes apart, and no lint finding that says it is unfit.
 */
export function checkAccessToken(token, key, now) {
  token = token.trim();
  if (!token) return fail("sign the payload first.");
  const v = verify(token, { key, now });
  if (!v.ok || !v.valid) return fail(`it is not valid now: ${messages(v).join("; ")}.`);
  const findings = lint(token, { key, now }).findings?.filter((f) => badForAccess.includes(f.code)) ?? [];
  if (findings.length) return fail(findings.map((f) => f.message).join("; ") + ".");
  const p = decode(token).payload ?? {};
  if (typeof p.iat !== "number" || typeof p.exp !== "number") return fail("give it both iat and exp, so that its lifetime is plain.");
  if (p.exp - p.iat > 900) return fail(`it lives ${Math.round((p.exp - p.iat) / 60)} minutes: an access token should live 15 minutes or less.`);
  return pass("short-lived, and nothing in it that a reader should not see.");
}
