// Nested tokens (RFC 7519 §5.2): a JWT whose payload is another JWT, signed
// or encrypted again. A pure module, so node tests it as it is;
// levels.js shows the levels on the page.

/** MAX_LEVELS bounds how deep the page unfolds: real tokens nest once or twice. */
export const MAX_LEVELS = 8;

// A compact JWS has three base64url parts, a compact JWE five; the first,
// the header, is never empty.
const COMPACT = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){2}(?:(?:\.[A-Za-z0-9_-]*){2})?$/;

/** isCompact reports whether text has the shape of a compact JWS or JWE. */
export function isCompact(text) {
  return typeof text === "string" && COMPACT.test(text);
}

/**
 * innerOf returns the token inside a decoded token, {token, declared}, or
 * null. declared is true when the core found a nested JWT (its header's cty
 * says JWT: the `nested` warning); a payload that is a token without that
 * cty is offered, not opened, since its signer did not say it is one.
 */
export function innerOf(d) {
  if (!d?.ok && !d?.payloadText) return null;
  const text = d.payloadText ?? "";
  if (d.warnings?.some((w) => w.code === "nested")) return { token: text, declared: true };
  const trimmed = text.trim();
  return isCompact(trimmed) ? { token: trimmed, declared: false } : null;
}

/**
 * unfold decodes the levels inside token with decode (the core's, which
 * may answer with a promise), outer first: a promise of {levels: [{token,
 * decoded}], offer, truncated}. levels are the
 * declared inner tokens, each decoded; offer is a token found in the last
 * level's payload without a cty that declares it (null if none); truncated
 * says MAX_LEVELS stopped the unfolding.
 */
export async function unfold(token, decode, max = MAX_LEVELS) {
  const out = { levels: [], offer: null, truncated: false };
  let inner = innerOf(await decode(token));
  while (inner) {
    if (!inner.declared) {
      out.offer = inner.token;
      break;
    }
    if (out.levels.length === max) {
      out.truncated = true;
      break;
    }
    const decoded = await decode(inner.token);
    out.levels.push({ token: inner.token, decoded });
    inner = innerOf(decoded);
  }
  return out;
}
