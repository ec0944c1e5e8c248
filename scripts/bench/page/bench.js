// The API benchmark page, driven by scripts/bench over the DevTools
// protocol: the playground's JavaScript API (globalThis.jwtPlayground, the Go
// core in wasm, imported from the playground's own server) against jose on
// WebCrypto, on the same keys and tokens. It returns the time of every batch;
// the Go side takes the medians.
import * as jose from "/jose/index.js";

/** The playground's API, once init has loaded it. */
let api = null;
/** Per algorithm: the keys in both forms, a token signed by jose, and the distinct tokens. */
const fixtures = new Map();
/** Every result is folded in here, so that no call can be optimised away. */
let sink = 0;

const hashes = { 256: "SHA-256", 384: "SHA-384", 512: "SHA-512" };

/**
 * init imports local.js from the playground's server (the core on this
 * thread, as the lessons run it) and waits for the wasm: the core's own
 * functions are timed against jose's on one thread. The page runs the same
 * core in its engine worker, whose postMessage round trip the typing
 * benchmark measures with everything else a keystroke costs.
 */
async function init({ playground }) {
  const local = await import(new URL("local.js", playground).href);
  api = await local.ready;
  status(`core ${api.version} ready`);
  return { core: api.version };
}

/** distinctTokens is how many tokens, differing in jti, the distinct-token decode rotates through. */
const distinctTokens = 64;

/**
 * setup imports one algorithm's keys on both sides, signs a token with each
 * and has each side verify the other's, through both our asynchronous API
 * (WebCrypto doing RSA, ECDSA and EdDSA) and the synchronous one (pure Go):
 * a benchmark of a wrong answer is worth nothing. It also signs the
 * distinct tokens, which differ in their jti.
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
  const fx = { alg, ours, jose: theirs, header, payload };
  const verifyOptions = { key: ours.verify, secretEncoding: ours.secretEncoding };
  const signInput = { header, payload, key: ours.sign, secretEncoding: ours.secretEncoding };

  fx.token = await new jose.SignJWT(payload).setProtectedHeader(header).sign(fx.jose.sign);
  fx.distinct = [];
  for (let i = 0; i < distinctTokens; i++) {
    const jti = crypto.randomUUID();
    fx.distinct.push({ jti, token: await new jose.SignJWT({ ...payload, jti }).setProtectedHeader(header).sign(fx.jose.sign) });
  }

  // Our verifiers accept jose's token, agree with each other, and reject it
  // with one signature character changed.
  const sync = api.verify(fx.token, verifyOptions);
  const viaAsync = await api.verifyAsync(fx.token, verifyOptions);
  for (const [name, v] of [["verify", sync], ["verifyAsync", viaAsync]]) {
    if (!v.valid) throw new Error(`${alg}: our ${name} rejects jose's token: ${describe(v.errors ?? v.error)}`);
  }
  for (const f of ["ok", "valid", "signatureValid", "claimsValid", "alg"]) {
    if (sync[f] !== viaAsync[f]) throw new Error(`${alg}: verify and verifyAsync disagree on ${f}: ${describe(sync)} vs ${describe(viaAsync)}`);
  }
  const tampered = tamper(fx.token);
  for (const [name, v] of [["verify", api.verify(tampered, verifyOptions)], ["verifyAsync", await api.verifyAsync(tampered, verifyOptions)]]) {
    if (v.valid !== false || v.signatureValid !== false) throw new Error(`${alg}: our ${name} accepts a tampered signature: ${describe(v)}`);
  }

  // jose accepts the tokens both our signers make; where the signature is
  // deterministic (HMAC, RSA PKCS #1 v1.5, Ed25519) they are the same token.
  const signedSync = api.encode(signInput);
  const signedAsync = await api.encodeAsync(signInput);
  for (const [name, s] of [["encode", signedSync], ["encodeAsync", signedAsync]]) {
    if (!s.ok) throw new Error(`${alg}: our ${name} failed: ${s.error.message}`);
    await jose.jwtVerify(s.token, fx.jose.verify).catch((err) => {
      throw new Error(`${alg}: jose rejects the token of our ${name}: ${err.message}`);
    });
  }
  if (/^(HS|RS|Ed)/.test(alg) && signedSync.token !== signedAsync.token) {
    throw new Error(`${alg}: encode and encodeAsync sign the same input differently:\n${signedSync.token}\n${signedAsync.token}`);
  }
  fixtures.set(alg, fx);
  status(`${alg} set up`);
  return { joseToken: fx.token.length, ourToken: signedAsync.token.length };
}

/** tamper changes one character in the middle of a token's signature. */
function tamper(token) {
  const at = token.lastIndexOf(".") + Math.floor((token.length - token.lastIndexOf(".")) / 2);
  return token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);
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
 * operations returns, for an algorithm's fixture, each operation as the
 * sides do it: run does one, check tells a right answer (it may return a
 * promise). async marks the ones that return a promise, which are awaited
 * one at a time. ours and jose are the goal's measure; the other sides are
 * shown beside them: oursSync, our synchronous call (pure Go, no
 * WebCrypto), and oursSame and joseSame, which decode one token over and
 * over, where the core's cache of its last decodes answers ours.
 */
function operations(fx) {
  const { alg, ours, token, header, payload, distinct } = fx;
  const rsa = /^(RS|PS)/.test(alg);
  const verifyOptions = () => ({ key: ours.verify, secretEncoding: ours.secretEncoding });
  const signInput = () => ({ header, payload, key: ours.sign, secretEncoding: ours.secretEncoding });
  const oursDecode = (t) => api.decode(t);
  const joseDecode = (t) => [jose.decodeJwt(t), jose.decodeProtectedHeader(t)];
  const oursDecoded = (r, d) => r.ok && r.payload.jti === d.jti && r.alg === alg;
  const joseDecoded = (r, d) => r[0].jti === d.jti && r[1].alg === alg;
  // The other side must accept a token: jose ours, ours (the Go reference) jose's.
  const joseAccepts = (t) => jose.jwtVerify(t, fx.jose.verify).then((v) => v.payload.sub === payload.sub, () => false);
  const oursAccept = (t) => api.verify(t, verifyOptions()).valid === true;
  return {
    decode: {
      ours: rotating(distinct, oursDecode, oursDecoded),
      jose: rotating(distinct, joseDecode, joseDecoded),
      oursSame: { run: () => oursDecode(distinct[0].token), check: (r) => oursDecoded(r, distinct[0]) },
      joseSame: { run: () => joseDecode(distinct[0].token), check: (r) => joseDecoded(r, distinct[0]) },
    },
    verify: {
      ours: { async: true, run: () => api.verifyAsync(token, verifyOptions()), check: (r) => r.valid === true },
      jose: { async: true, run: () => jose.jwtVerify(token, fx.jose.verify), check: (r) => r.payload.sub === payload.sub },
      oursSync: { run: () => api.verify(token, verifyOptions()), check: (r) => r.valid === true },
    },
    sign: {
      ours: { async: true, run: () => api.encodeAsync(signInput()), check: (r) => r.ok && joseAccepts(r.token) },
      jose: { async: true, run: () => new jose.SignJWT(payload).setProtectedHeader(header).sign(fx.jose.sign), check: oursAccept },
      oursSync: { run: () => api.encode(signInput()), check: (r) => r.ok && joseAccepts(r.token) },
    },
    keygen: {
      ours: { run: () => api.generateKey(alg, rsa ? { bits: 2048 } : {}), check: (r) => r.ok },
      jose: { async: true, run: () => (alg.startsWith("HS") ? jose.generateSecret(alg) : jose.generateKeyPair(alg)), check: (r) => !!r },
    },
  };
}

/**
 * rotating makes a side that runs on the next of list's tokens at every
 * call, so that no cache of recent answers can serve it; check is given the
 * answer and the entry it was for.
 */
function rotating(list, run, check) {
  let i = -1;
  return {
    run: () => {
      i = i + 1 === list.length ? 0 : i + 1;
      return run(list[i].token);
    },
    check: (r) => check(r, list[i]),
  };
}

/**
 * warmup calls decode, verify and sign of every algorithm set up, on every
 * side, round after round for about ms, then leaves the thread idle for
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
        for (const side of Object.values(ops[op])) sink ^= (await side.run()) ? 1 : 0;
      }
    }
    rounds++;
  } while (performance.now() < end);
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  status(`warmed up: ${rounds} rounds`);
  return rounds;
}

/**
 * measure times one operation of one algorithm on all its sides (ours and
 * jose, and the others operations lists). Each side is first checked and
 * calibrated: a batch is n operations, n doubling (or
 * more) until a batch takes minBatchMs. Then the sides take turns, batch by
 * batch, so that a change in the machine's load hits them alike, until each
 * has minBatches batches and, budget allowing, up to maxBatches. Returns
 * per side the batch size and each batch's µs per operation.
 */
async function measure({ alg, op, minBatchMs, budgetMs, minBatches, maxBatches }) {
  const fx = fixtures.get(alg);
  if (!fx) throw new Error(`${alg}: call setup first`);
  const cell = operations(fx)[op];
  if (!cell) throw new Error(`unknown operation ${op}`);
  const sides = [];
  for (const [name, impl] of Object.entries(cell)) {
    const first = await impl.run(); // a warm-up, and a check
    if (!(await impl.check(first))) throw new Error(`${alg} ${op}: ${name} answered ${describe(first)}`);
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
