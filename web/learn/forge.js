// Forging tokens as an attacker would, by hand: the attack lab needs tokens
// the core refuses to make (an HMAC "secret" that is an RSA public key, an
// empty secret), so these are built and signed here, outside the core.
import { b64url } from "./bench.js";
import { hmacSHA256 } from "./sha256.js";

const hashes = { HS256: "SHA-256", HS384: "SHA-384", HS512: "SHA-512" };

/** signingInput returns base64url(header) "." base64url(payload) of two objects. */
export const signingInput = (header, payload) => `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;

/** unsecured returns the token with alg "none" and an empty signature. */
export const unsecured = (payload) => `${signingInput({ alg: "none", typ: "JWT" }, payload)}.`;

/**
 * hmacToken signs header and payload with any bytes as the HMAC key, as an
 * attacker's script does. HS256 with an empty key goes through sha256.js,
 * since WebCrypto refuses empty HMAC keys.
 */
export async function hmacToken(header, payload, key) {
  const input = signingInput(header, payload);
  const keyBytes = typeof key === "string" ? new TextEncoder().encode(key) : key;
  const data = new TextEncoder().encode(input);
  let sig;
  if (header.alg === "HS256") {
    sig = hmacSHA256(data)(keyBytes);
  } else {
    const k = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: hashes[header.alg] }, false, ["sign"]);
    sig = new Uint8Array(await crypto.subtle.sign("HMAC", k, data));
  }
  return `${input}.${b64url(sig)}`;
}
