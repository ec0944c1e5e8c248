// The secret cracker: a Web Worker that tries each bundled common secret as
// the HMAC key of a token's signing input and compares the result with the
// token's signature, as an attacker does offline with one captured token.
// It sends progress and a rate; the page cancels a run by terminating the
// worker (a cancel message would wait: Chromium runs the worker's pending
// WebCrypto completions before it). Nothing leaves it:
// the page sends the token's parts in, the worker sends one secret or none
// back.
//
// HS256 uses a small JS HMAC-SHA-256 (sha256.js), run synchronously: one
// WebCrypto promise per candidate costs more than the hash itself, and the
// JS path measured several times faster (BENCHMARKS.md). HS384 and HS512 use
// WebCrypto, in batches of calls in flight at once, rather than a second
// hand-written hash of 64-bit words.
import { commonSecrets } from "./secrets.js";
import { hmacSHA256 } from "./sha256.js";

const hashes = { HS256: "SHA-256", HS384: "SHA-384", HS512: "SHA-512" };

/** How many candidates are in flight at once, and how often progress is sent. */
const batch = 256;
const progressEvery = 50; // milliseconds

self.onmessage = ({ data }) => {
  if (data.type === "crack") crack(data);
};

async function crack({ alg, signingInput, signature, engine }) {
  const hash = hashes[alg];
  if (!hash) {
    self.postMessage({ type: "error", message: `the cracker tries HMAC secrets, and ${alg} is not HMAC` });
    return;
  }
  const enc = new TextEncoder();
  const data = enc.encode(signingInput);
  const want = new Uint8Array(signature);
  // engine "webcrypto" forces WebCrypto for HS256 too, for the benchmark.
  const js = alg === "HS256" && engine !== "webcrypto" ? hmacSHA256(data) : null;
  const total = commonSecrets.length;
  const start = performance.now();
  let lastReport = start;
  let tried = 0;
  const rate = () => Math.round(tried / Math.max((performance.now() - start) / 1000, 1e-3));
  for (let i = 0; i < total; i += batch) {
    const slice = commonSecrets.slice(i, i + batch);
    const macs = js ? slice.map((s) => js(enc.encode(s))) : await Promise.all(slice.map((s) => mac(hash, enc.encode(s), data)));
    tried += slice.length;
    const hit = macs.findIndex((m) => m && equal(new Uint8Array(m), want));
    if (hit >= 0) {
      self.postMessage({ type: "done", found: slice[hit], index: i + hit, tried: i + hit + 1, total, rate: rate(), ms: performance.now() - start });
      return;
    }
    if (performance.now() - lastReport >= progressEvery) {
      lastReport = performance.now();
      self.postMessage({ type: "progress", tried, total, rate: rate() });
    }
  }
  self.postMessage({ type: "done", found: null, tried, total, rate: rate(), ms: performance.now() - start });
}

// mac returns HMAC(key, data), or null for a key WebCrypto refuses (an
// empty one), which then simply matches nothing.
async function mac(hash, key, data) {
  try {
    const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
    return await crypto.subtle.sign("HMAC", k, data);
  } catch {
    return null;
  }
}

function equal(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
