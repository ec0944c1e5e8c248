// A small SHA-256 and HMAC-SHA-256 for the cracker, which computes
// thousands of HMACs of one short message: done synchronously in plain JS
// they run many times faster than one WebCrypto promise per candidate
// (measured in BENCHMARKS.md). Checked against WebCrypto by the e2e test.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const W = new Uint32Array(64);

// block runs the compression function on the 64 bytes of b at off.
function block(h, b, off) {
  for (let i = 0; i < 16; i++, off += 4) W[i] = (b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3];
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15];
    const y = W[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
    hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
  }
  h[0] = (h[0] + a) | 0; h[1] = (h[1] + bb) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
}

// pad returns msg followed by SHA-256's padding, for a hash state that
// has already absorbed prefix bytes (a multiple of 64).
function pad(msg, prefix) {
  const n = msg.length;
  const padded = new Uint8Array(((n + 9 + 63) >> 6) << 6);
  padded.set(msg);
  padded[n] = 0x80;
  const bits = (n + prefix) * 8;
  const dv = new DataView(padded.buffer);
  dv.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  dv.setUint32(padded.length - 4, bits >>> 0);
  return padded;
}

// digest writes the state h big-endian into out at off.
function digest(h, out, off) {
  for (let i = 0; i < 8; i++, off += 4) {
    out[off] = h[i] >>> 24;
    out[off + 1] = h[i] >>> 16;
    out[off + 2] = h[i] >>> 8;
    out[off + 3] = h[i];
  }
}

/** sha256 returns the SHA-256 digest of bytes. */
export function sha256(bytes) {
  const h = IV.slice();
  const padded = pad(bytes, 0);
  for (let off = 0; off < padded.length; off += 64) block(h, padded, off);
  const out = new Uint8Array(32);
  digest(h, out, 0);
  return out;
}

/**
 * hmacSHA256 returns a function that computes HMAC-SHA-256(key, msg) of one
 * fixed msg for any key: the padded message, and the outer hash's one block
 * but for the inner digest, are laid out once, so that a call allocates
 * only its result.
 */
export function hmacSHA256(msg) {
  const inner = pad(msg, 64);
  const outer = pad(new Uint8Array(32), 64); // one block: the inner digest goes first
  const keyPad = new Uint8Array(64);
  const hi = new Int32Array(8);
  const ho = new Int32Array(8);
  return (key) => {
    if (key.length > 64) key = sha256(key);
    hi.set(IV);
    ho.set(IV);
    keyPad.fill(0x36);
    for (let i = 0; i < key.length; i++) keyPad[i] ^= key[i];
    block(hi, keyPad, 0);
    keyPad.fill(0x5c);
    for (let i = 0; i < key.length; i++) keyPad[i] ^= key[i];
    block(ho, keyPad, 0);
    for (let off = 0; off < inner.length; off += 64) block(hi, inner, off);
    digest(hi, outer, 0);
    block(ho, outer, 0);
    const out = new Uint8Array(32);
    digest(ho, out, 0);
    return out;
  };
}
