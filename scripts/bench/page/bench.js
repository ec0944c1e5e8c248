// The API benchmark page, driven by scripts/bench over the DevTools
// protocol: the playground's JavaScript API (globalThis.jwtPlayground, the Go
// core in wasm, imported from the playground's own server) against jose on
// WebCrypto, on the same keys and tokens. It returns the time of every batch;
// the Go side takes the medians.
import * as jose from "/jose/index.js";

/** The playground's API, once init has loaded it. */
let api = null;
/** Per algorithm: the keys in both forms and a token signed by each side. */
const fixtures = new Map();
/** Every result is folded in here, so that no call can be optimised away. */
let sink = 0;

const hashes = { 256: "SHA-256", 384: "SHA-384", 512: "SHA-512" };

/**
 * init imports jwt.js from the playground's server and waits for the wasm.
 * Only the wasm's own functions are timed, on this thread; jwt.js's
 * generateKey, which runs in a worker, is not used.
 */
async function init({ playground }) {
  const jwt = await import(new URL("jwt.js", playground).href);
  api = await jwt.ready;
  status(`core ${api.version} ready`);
  return { core: api.version };
}

/**
 * setup imports one algorithm's keys on both sides, signs a token with each
 * and has each side verify the other's: a benchmark of a wrong answer is
 * worth nothing.
 */
async function setup(k) {
  const { alg } = k;
  const hmac = alg.startsWith("HS");
  const ours = hmac
    ? { sign: k.secret, verify: k.secret, secretEncoding: "base64url" }
    : { sign: k.privatePem, verify: k.publicPem, secretEncoding: "utf8" };
  const theirs = await (hmac ? hmacKeys(alg, k.secret) : pemKeys(alg, k));
  const now = Math.floor(Date.now() / 1000);
  const header = { alg, typ: "JWT" };
  const payload = { sub: "1234567890", name: "Ada Lovelace", admin: true, iat: now, exp: now + 86400 };
  const fx = { alg, ours, jose: theirs, header, payload, headerText: JSON.stringify(header), payloadText: JSON.stringify(payload) };

  fx.token = await new jose.SignJWT(payload).setProtectedHeader(header).sign(fx.jose.sign);
  const signed = api.encode({ header: fx.headerText, payload: fx.payloadText, key: ours.sign, secretEncoding: ours.secretEncoding });
  if (!signed.ok) throw new Error(`${alg}: our encode failed: ${signed.error.message}`);
  const v = api.verify(fx.token, { key: ours.verify, secretEncoding: ours.secretEncoding });
  if (!v.valid) throw new Error(`${alg}: our verify rejects jose's token: ${JSON.stringify(v.errors ?? v.error)}`);
  await jose.jwtVerify(signed.token, fx.jose.verify).catch((err) => {
    throw new Error(`${alg}: jose rejects our token: ${err.message}`);
  });
  fixtures.set(alg, fx);
  status(`${alg} set up`);
  return { joseToken: fx.token.length, ourToken: signed.token.length };
}

/** hmacKeys imports an HMAC secret once, as a CryptoKey, as an app would. */
async function hmacKeys(alg, secret) {
  const key = await crypto.subtle.importKey(
    "raw",
    jose.base64url.decode(secret),
    { name: "HMAC", hash: hashes[alg.slice(2)] },
    false,
    ["sign", "verify"],
  );
  return { sign: key, verify: key };
}

/** pemKeys imports a PEM key pair once, as CryptoKeys. */
async function pemKeys(alg, k) {
  return { sign: await jose.importPKCS8(k.privatePem, alg), verify: await jose.importSPKI(k.publicPem, alg) };
}

/**
 * operations returns, for an algorithm's fixture, each operation as the two
 * sides do it: run does one, check tells a right answer. async marks the
 * ones that return a promise, which are awaited one at a time.
 */
function operations(fx) {
  const { alg, ours, token, header, payload, headerText, payloadText } = fx;
  const rsa = /^(RS|PS)/.test(alg);
  return {
    decode: {
      ours: { run: () => api.decode(token), check: (r) => r.ok },
      jose: { run: () => [jose.decodeJwt(token), jose.decodeProtectedHeader(token)], check: (r) => r[1].alg === alg },
    },
    verify: {
      ours: { run: () => api.verify(token, { key: ours.verify, secretEncoding: ours.secretEncoding }), check: (r) => r.valid },
      jose: { async: true, run: () => jose.jwtVerify(token, fx.jose.verify), check: (r) => r.payload.sub === payload.sub },
    },
    sign: {
      ours: {
        run: () => api.encode({ header: headerText, payload: payloadText, key: ours.sign, secretEncoding: ours.secretEncoding }),
        check: (r) => r.ok,
      },
      jose: { async: true, run: () => new jose.SignJWT(payload).setProtectedHeader(header).sign(fx.jose.sign), check: (r) => r.split(".").length === 3 },
    },
    keygen: {
      ours: { run: () => api.generateKey(alg, rsa ? { bits: 2048 } : {}), check: (r) => r.ok },
      jose: { async: true, run: () => (alg.startsWith("HS") ? jose.generateSecret(alg) : jose.generateKeyPair(alg)), check: (r) => !!r },
    },
  };
}

/**
 * warmup calls decode, verify and sign of every algorithm set up, on both
 * sides, round after round for about ms, then leaves the thread idle for
 * idleMs. V8 first runs wasm and JavaScript from a baseline compiler and
 * optimises hot functions in the background; without this, the first
 * algorithms measured would pay for it and the last would not.
 */
async function warmup({ ms, idleMs }) {
  const end = performance.now() + ms;
  let rounds = 0;
  do {
    for (const fx of fixtures.values()) {
      const ops = operations(fx);
      for (const op of ["decode", "verify", "sign"]) {
        for (const side of ["ours", "jose"]) sink ^= (await ops[op][side].run()) ? 1 : 0;
      }
    }
    rounds++;
  } while (performance.now() < end);
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  status(`warmed up: ${rounds} rounds`);
  return rounds;
}

/**
 * measure times one operation of one algorithm on both sides. Each side is
 * first checked and calibrated: a batch is n operations, n doubling (or
 * more) until a batch takes minBatchMs. Then the sides take turns, batch by
 * batch, so that a change in the machine's load hits both alike, until each
 * has minBatches batches and, budget allowing, up to maxBatches. Returns
 * per side the batch size and each batch's µs per operation.
 */
async function measure({ alg, op, minBatchMs, budgetMs, minBatches, maxBatches }) {
  const fx = fixtures.get(alg);
  if (!fx) throw new Error(`${alg}: call setup first`);
  const cell = operations(fx)[op];
  if (!cell) throw new Error(`unknown operation ${op}`);
  const sides = [];
  for (const name of ["ours", "jose"]) {
    const impl = cell[name];
    const first = await impl.run(); // a warm-up, and a check
    if (!impl.check(first)) throw new Error(`${alg} ${op}: ${name} answered ${describe(first)}`);
    sides.push({ name, impl, n: 1, spentMs: 0, samples: [] });
  }
  for (const side of sides) await calibrate(side, minBatchMs, budgetMs);
  const wants = (s) => s.samples.length < minBatches || (s.samples.length < maxBatches && s.spentMs < budgetMs);
  while (sides.some(wants)) {
    for (const side of sides) if (wants(side)) await sample(side);
  }
  status(`${alg} ${op} done`);
  return Object.fromEntries(sides.map((s) => [s.name, { n: s.n, spentMs: s.spentMs, samples: s.samples }]));
}

/** calibrate finds the batch size; its last batch is the first sample. */
async function calibrate(side, minBatchMs, budgetMs) {
  for (;;) {
    const ms = await batch(side.impl, side.n);
    side.spentMs += ms;
    if (ms >= minBatchMs || side.spentMs >= budgetMs) {
      side.samples.push((ms * 1000) / side.n);
      return;
    }
    // Aim a quarter above the target, but at most 16 times the last size:
    // the page's clock is coarse, and a first batch can read as 0 ms.
    const aim = Math.ceil((side.n * minBatchMs * 1.25) / Math.max(ms, 0.1));
    side.n = Math.min(side.n * 16, Math.max(side.n * 2, aim));
  }
}

/** sample times one batch and records its µs per operation. */
async function sample(side) {
  const ms = await batch(side.impl, side.n);
  side.spentMs += ms;
  side.samples.push((ms * 1000) / side.n);
}

/** batch times n operations, each promise awaited before the next call. */
async function batch(impl, n) {
  const t0 = performance.now();
  if (impl.async) {
    for (let i = 0; i < n; i++) sink ^= (await impl.run()) ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) sink ^= impl.run() ? 1 : 0;
  }
  return performance.now() - t0;
}

function describe(v) {
  try {
    return JSON.stringify(v).slice(0, 300);
  } catch {
    return String(v);
  }
}

function status(text) {
  document.getElementById("status").textContent = text;
}

globalThis.bench = { init, setup, warmup, measure, sink: () => sink };
status("bench.js loaded");
