// Tests of web/core.js under node: the fast path and WebCrypto must answer
// exactly as the js.FuncOf functions and the Go reference do. Run by
// `make bridge-test` after `make build`.
import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../../../", import.meta.url);
const { start } = await import(new URL("web/core.js", root));
const api = await start(fs.readFileSync(fileURLToPath(new URL("web/playground.wasm", root))));
const ref = api.viaFuncOf;
const vectors = JSON.parse(fs.readFileSync(fileURLToPath(new URL("wasm/token/testdata/jose-vectors.json", root))));
const NOW = { now: 1700000100 };

function keysOf(v) {
  if (v.alg.startsWith("HS")) return { pub: v.secretB64url, priv: v.secretB64url, enc: { secretEncoding: "base64url" } };
  return { pub: v.publicPem, priv: v.privatePem, jwk: JSON.stringify(v.publicJwk), enc: {} };
}

function tamper(token) {
  const i = token.lastIndexOf(".") + 3;
  return token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
}

test("fast functions answer as the js.FuncOf ones", () => {
  for (const v of vectors) {
    const k = keysOf(v);
    const cases = [
      ["decode", v.token], ["decode", tamper(v.token)], ["decode", "a.b"], ["decode", ""],
      ["verify", v.token, { key: k.pub, ...k.enc, ...NOW }],
      ["verify", v.token, { key: k.priv, ...k.enc, ...NOW, leeway: 5, issuer: "https://issuer.example", audience: ["b"] }],
      ["verify", tamper(v.token), { key: k.pub, ...k.enc, ...NOW }],
      ["verify", v.token, { key: k.pub, ...k.enc, now: 4102444900, audience: "nope" }],
      ["verify", v.token, { key: k.pub, ...k.enc, ...NOW, audience: ["b", ""] }],
      ["verify", v.token],
      ["verify", v.token, { key: k.pub, ...k.enc, ...NOW, keyOrigin: "issuer", keyOriginDetail: "https://issuer.example\u202e" }],
      ["verify", v.token, { key: k.pub, ...k.enc, keyOrigin: "tokens" }],
      ["encode", { header: { alg: v.alg, kid: v.kid }, payload: v.payload, key: k.priv, ...k.enc }],
      ["encode", { header: `{"alg":"${v.alg}"`, payload: "{}", key: k.priv }],
      ["inspectKey", k.pub, k.enc], ["inspectKey", k.priv, k.enc],
      ["explain", v.token, NOW], ["lint", v.token, { key: k.pub, ...k.enc, ...NOW }],
      ["explainSignature", v.token, { key: k.pub, ...k.enc }],
    ];
    for (const [fn, ...args] of cases) {
      const got = api[fn](...args);
      const want = ref[fn](...args);
      if (fn === "encode" && got.ok && /^(PS|ES)/.test(v.alg)) {
        // Randomised signatures differ; both must verify.
        for (const t of [got.token, want.token]) assert.equal(ref.verify(t, { key: k.pub }).signatureValid, true, `${v.alg} ${fn}`);
        continue;
      }
      assert.deepEqual(got, want, `${v.alg} ${fn}(${JSON.stringify(args).slice(0, 80)})`);
    }
  }
});

test("decode answers as the js.FuncOf one for odd parts", () => {
  const b64 = (x) => Buffer.from(x).toString("base64url");
  const h = b64('{"alg":"HS256","kid":"k\u00e9 \\ \"q\""}');
  for (const payload of ["plain text, not JSON", "a\u0000nul", Buffer.from([0xff, 0xfe, 0x00, 0x41]), '{"z":"\u2028 ünï ✓","n":12345678901234567890}', "[1,2]", " { } ", "", Buffer.from('{"bad":"\xff"}', "latin1")]) {
    for (const header of [h, b64(Buffer.from('{"alg":"none","x":"\xc3"}', "latin1")), b64("{}")]) {
      const token = `${header}.${b64(payload)}.${b64("sig")}`;
      for (const t of [token, ` Bearer ${token} `, `${token}==`, `\n\tbEaReR   ${token}\r\n`]) {
        assert.deepEqual(api.decode(t), ref.decode(t), JSON.stringify(t));
      }
    }
  }
});

test("arguments JSON cannot carry take the js.FuncOf path", () => {
  const v = vectors[0];
  const throwing = { get key() { throw new Error("getter"); } };
  const proxy = new Proxy({}, { get() { throw new Error("proxy"); } });
  const cases = [
    ["decode", 42], ["decode", undefined], ["decode", null], ["decode", 10n],
    ["verify", v.token, { key: 5 }], ["verify", v.token, { now: NaN }], ["verify", v.token, { now: Infinity }],
    ["verify", v.token, { leeway: -1 }], ["verify", v.token, { audience: [1] }], ["verify", v.token, { audience: [undefined] }],
    ["verify", v.token, { audience: {} }], ["verify", v.token, Object.create({ key: v.secretB64url })],
    ["verify", v.token, throwing], ["verify", v.token, proxy], ["verify", v.token, { key: () => 1 }],
    ["verify", v.token, { now: 10n }], ["verify", v.token, "key"], ["verify", v.token, [1, 2]],
    ["verify", v.token, { secretEncoding: "rot13" }], ["verify", v.token, { now: new Date(0) }],
    ["encode", { header: { alg: "HS256", big: 1n }, payload: {}, key: "k" }], ["encode", null], ["encode", "x"],
    ["encode", { header: { alg: "HS256" }, payload: { a: 1 }, key: 7 }], ["encode", { get header() { throw new Error("x"); } }],
    ["inspectKey", v.secretB64url, { secretEncoding: 3 }], ["inspectKey", {}],
    ["lint", v.token, { key: Symbol("k") }], ["explain", v.token, { now: "soon" }],
  ];
  for (const [i, [fn, ...args]] of cases.entries()) {
    assert.deepEqual(api[fn](...args), ref[fn](...args), `case ${i}: ${fn}`);
  }
});

test("verifyAsync and encodeAsync agree with the Go reference", async () => {
  // Count WebCrypto's work, to see that it did it for all but HMAC.
  const subtle = globalThis.crypto.subtle;
  const calls = { verify: 0, sign: 0 };
  for (const op of Object.keys(calls)) {
    const orig = subtle[op].bind(subtle);
    subtle[op] = (...a) => (calls[op]++, orig(...a));
  }
  for (const v of vectors) {
    calls.verify = calls.sign = 0;
    const k = keysOf(v);
    for (const [token, opts] of [
      [v.token, { key: k.pub, ...k.enc, ...NOW }],
      [v.token, { key: k.jwk ?? k.pub, ...k.enc, ...NOW }],
      [v.token, { key: k.priv, ...k.enc, ...NOW }],
      [tamper(v.token), { key: k.pub, ...k.enc, ...NOW }],
      [v.token, { key: k.pub, ...k.enc, now: 4102444900 }],
      [v.token, { key: vectors[(vectors.indexOf(v) + 3) % 13].publicPem ?? "x", ...NOW }],
      [v.token, {}], ["not.a.token", { key: k.pub }], [v.token, { key: 5 }],
      [v.token, { key: k.pub, ...k.enc, ...NOW, keyOrigin: "link" }],
      [tamper(v.token), { key: k.pub, ...k.enc, ...NOW, keyOrigin: "token", keyOriginDetail: "jku https://keys.example" }],
    ]) {
      assert.deepEqual(await api.verifyAsync(token, opts), ref.verify(token, opts), `${v.alg} verifyAsync`);
    }
    const input = { header: { alg: v.alg, kid: v.kid }, payload: v.payload, key: k.priv, ...k.enc };
    const made = await api.encodeAsync(input);
    assert.equal(made.ok, true, `${v.alg} encodeAsync: ${JSON.stringify(made.error)}`);
    if (!/^(PS|ES)/.test(v.alg)) assert.equal(made.token, ref.encode(input).token, `${v.alg} deterministic signature`);
    assert.equal(ref.verify(made.token, { key: k.pub, ...k.enc }).signatureValid, true, `${v.alg} encodeAsync token verifies in Go`);
    const byWebCrypto = !v.alg.startsWith("HS");
    assert.equal(calls.verify > 0 && calls.sign > 0, byWebCrypto, `${v.alg}: WebCrypto verified ${calls.verify} and signed ${calls.sign} times`);
  }
  for (const op of Object.keys(calls)) delete subtle[op];
  assert.deepEqual(await api.encodeAsync({ header: "{", payload: "{}", key: "k" }), ref.encode({ header: "{", payload: "{}", key: "k" }));
});

test("verifyAsync keeps the reference's verdict where WebCrypto would differ", async () => {
  const sign = (alg, header, key, opts) => {
    const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from('{"sub":"x"}').toString("base64url")}`;
    const sig = crypto.sign(alg, Buffer.from(input), { key, ...opts });
    return `${input}.${sig.toString("base64url")}`;
  };
  // Counts the calls of the Go path verifyAsync falls back to.
  let goCalls = 0;
  const goVerify = api.verify;
  api.verify = (...a) => (goCalls++, goVerify(...a));
  try {
    // RSA-PSS with a salt other than the hash's size: RFC 7518 section 3.5
    // fixes it, so Go refuses it as WebCrypto and jose do, and WebCrypto's
    // "no" is final: Go does not check the key again.
    const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = publicKey.export({ type: "spki", format: "pem" });
    const pssOpts = (saltLength) => ({ padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength });
    for (const salt of [crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN, 20, 0]) {
      const pss = sign("sha256", { alg: "PS256" }, privateKey, pssOpts(salt));
      assert.equal(ref.verify(pss, { key: pem }).signatureValid, false, `salt ${salt}`);
      goCalls = 0;
      assert.deepEqual(await api.verifyAsync(pss, { key: pem }), ref.verify(pss, { key: pem }));
      assert.equal(goCalls, 0, `salt ${salt}: the Go path checked the key again`);
    }
    const good = sign("sha256", { alg: "PS256" }, privateKey, pssOpts(32));
    assert.equal((await api.verifyAsync(good, { key: pem })).signatureValid, true);
    // A 512-bit RSA key, which Go's crypto refuses: said to be too small,
    // not "the token was changed", in both paths, and never handed to
    // WebCrypto, which would take it.
    const small = crypto.generateKeyPairSync("rsa", { modulusLength: 512 });
    const rs = sign("sha256", { alg: "RS256" }, small.privateKey, {});
    const smallPem = small.publicKey.export({ type: "spki", format: "pem" });
    const tooSmall = ref.verify(rs, { key: smallPem });
    assert.equal(tooSmall.error?.code, "key_invalid", JSON.stringify(tooSmall));
    assert.match(tooSmall.error.message, /512 bits, too few/);
    assert.deepEqual(await api.verifyAsync(rs, { key: smallPem }), tooSmall);
    const smallPriv = small.privateKey.export({ type: "pkcs8", format: "pem" });
    const made = await api.encodeAsync({ header: { alg: "RS256" }, payload: {}, key: smallPriv });
    assert.deepEqual(made, ref.encode({ header: { alg: "RS256" }, payload: {}, key: smallPriv }));
    assert.equal(made.error?.code, "key_invalid");
    // A 1024-bit key verifies, with a weak_key warning, by WebCrypto.
    const weak = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
    const ws = sign("sha256", { alg: "RS256" }, weak.privateKey, {});
    const weakPem = weak.publicKey.export({ type: "spki", format: "pem" });
    goCalls = 0;
    const v = await api.verifyAsync(ws, { key: weakPem });
    assert.deepEqual(v, ref.verify(ws, { key: weakPem }));
    assert.equal(v.signatureValid, true);
    assert.deepEqual(v.warnings.map((w) => w.code), ["weak_key"]);
    assert.equal(goCalls, 0);
  } finally {
    api.verify = goVerify;
  }
});

test("where WebCrypto refuses, Go verifies and signs", async () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const input = `${Buffer.from('{"alg":"ES256"}').toString("base64url")}.${Buffer.from('{"sub":"x"}').toString("base64url")}`;
  const token = `${input}.${crypto.sign("sha256", Buffer.from(input), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
  const pub = publicKey.export({ type: "spki", format: "pem" });
  const priv = privateKey.export({ type: "pkcs8", format: "pem" });
  const subtle = globalThis.crypto.subtle;
  subtle.importKey = () => Promise.reject(new Error("refused"));
  try {
    const v = await api.verifyAsync(token, { key: pub });
    assert.equal(v.signatureValid, true);
    assert.deepEqual(v, ref.verify(token, { key: pub }));
    const made = await api.encodeAsync({ header: { alg: "ES256" }, payload: {}, key: priv });
    assert.equal(made.ok, true);
    assert.equal(ref.verify(made.token, { key: pub }).signatureValid, true);
  } finally {
    delete subtle.importKey;
  }
});

test("ES256K and ML-DSA, which WebCrypto lacks, are verified and signed by Go, never handed to WebCrypto", async () => {
  const es256k = JSON.parse(fs.readFileSync(fileURLToPath(new URL("wasm/token/testdata/es256k-node-vectors.json", root))))[0];
  const draft = JSON.parse(fs.readFileSync(fileURLToPath(new URL("wasm/keys/testdata/draft-ietf-cose-dilithium-ML_DSA_65.jose.json", root))));
  const { priv: _seed, ...draftPub } = draft.jwk;
  const cases = [
    { alg: "ES256K", token: es256k.token, pub: es256k.publicPem, priv: es256k.privatePem },
    { alg: "ML-DSA-65", token: draft.jws, pub: JSON.stringify(draftPub), priv: JSON.stringify(draft.jwk) },
  ];
  const subtle = globalThis.crypto.subtle;
  const calls = [];
  for (const op of ["importKey", "verify", "sign"]) subtle[op] = (...a) => (calls.push(op), Promise.reject(new Error("no")));
  try {
    for (const c of cases) {
      const v = await api.verifyAsync(c.token, { key: c.pub, ...NOW });
      assert.equal(v.signatureValid, true, `${c.alg} verifyAsync: ${JSON.stringify(v.errors)}`);
      assert.deepEqual(v, ref.verify(c.token, { key: c.pub, ...NOW }));
      assert.equal((await api.verifyAsync(tamper(c.token), { key: c.pub, ...NOW })).signatureValid, false, `${c.alg} tampered`);
      const made = await api.encodeAsync({ header: { alg: c.alg }, payload: { sub: "x" }, key: c.priv });
      assert.equal(made.ok, true, `${c.alg} encodeAsync: ${JSON.stringify(made.error)}`);
      assert.equal(ref.verify(made.token, { key: c.pub }).signatureValid, true, `${c.alg} encodeAsync token verifies in Go`);
    }
    assert.deepEqual(calls, [], "WebCrypto was asked");
  } finally {
    for (const op of ["importKey", "verify", "sign"]) delete subtle[op];
  }
});

test("thousands of fast calls leave the runtime working", async () => {
  const v = vectors[0];
  const tokens = Array.from({ length: 64 }, (_, i) => api.encode({ header: { alg: "HS256" }, payload: { i, pad: "x".repeat(i * 50) }, key: v.secretB64url, secretEncoding: "base64url" }).token);
  for (let i = 0; i < 20000; i++) {
    const t = tokens[i % 64];
    const d = api.decode(t);
    assert.equal(d.payload.i, i % 64);
    if (i % 10 === 0) assert.equal(api.verify(t, { key: v.secretB64url, secretEncoding: "base64url" }).valid, true);
  }
  const es = vectors.find((x) => x.alg === "ES256");
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => api.verifyAsync(i % 2 ? es.token : tamper(es.token), { key: es.publicPem, ...NOW })));
  results.forEach((r, i) => assert.equal(r.signatureValid, i % 2 === 1));
  assert.equal(ref.decode(tokens[3]).payload.i, 3);
});

const b64u = (x) => Buffer.from(x).toString("base64url");
function hs256(header, payload, secret) {
  const input = `${b64u(header)}.${b64u(payload)}`;
  return `${input}.${crypto.createHmac("sha256", secret).update(input).digest("base64url")}`;
}
const SECRET = "a-string-secret-at-least-256-bits-long";
const good = hs256('{"alg":"HS256"}', '{"sub":"x","aud":"a"}', SECRET);

// countingReads wraps obj so that every member read is counted.
function countingReads(obj) {
  const reads = {};
  const proxy = new Proxy(obj, { get(target, k, receiver) { reads[String(k)] = (reads[String(k)] ?? 0) + 1; return Reflect.get(target, k, receiver); } });
  return { proxy, reads };
}

test("every argument is read once, whichever path answers", async () => {
  const cases = [
    ["verify", { key: SECRET, now: 1700000000, audience: ["a"] }], // the wire form
    ["verify", { key: 5 }], // refused: the js.FuncOf path names it
    ["verify", { key: SECRET, now: NaN }],
    ["lint", { key: SECRET, issuer: 7 }], ["explain", { now: "soon" }],
    ["explainSignature", { key: SECRET }], ["inspectKey", { secretEncoding: 3 }],
  ];
  for (const [fn, opts] of cases) {
    for (const call of [(o) => api[fn](fn === "inspectKey" ? SECRET : good, o), (o) => fn === "verify" && api.verifyAsync(good, o)]) {
      const { proxy, reads } = countingReads(opts);
      await call(proxy);
      for (const [k, n] of Object.entries(reads)) assert.equal(n, 1, `${fn}: ${k} read ${n} times`);
    }
  }
  for (const header of [{ alg: "HS256" }, { alg: "HS256", big: 1n }, { toJSON: () => undefined }]) {
    for (const fn of ["encode", "encodeAsync"]) {
      let reads = 0;
      const input = { get header() { reads++; return header; }, payload: { sub: "x" }, key: SECRET };
      const got = await api[fn](input);
      assert.equal(reads, 1, `${fn}: header read ${reads} times`);
      assert.deepEqual(got, ref.encode({ header, payload: { sub: "x" }, key: SECRET }), `${fn} ${JSON.stringify(got)}`);
    }
  }
});

test("arrays are read by index on both paths, never by their iterator", async () => {
  const lying = (items, yields) => Object.assign(items, { [Symbol.iterator]: function* () { yield* yields; } });
  const proxied = new Proxy(["a"], {});
  const audiences = [lying(["a"], [5]), lying([5], ["a"]), lying(["b"], ["a"]), proxied, Object.assign(["a"], { length: 1 })];
  for (const audience of audiences) {
    const opts = { key: SECRET, now: 1700000000, audience };
    const want = ref.verify(good, opts);
    assert.deepEqual(api.verify(good, opts), want, JSON.stringify([...Array.prototype.slice.call(audience)]));
    assert.deepEqual(await api.verifyAsync(good, opts), want);
  }
  assert.equal(api.verify(good, { key: SECRET, audience: lying([5], ["a"]) }).error.code, "bad_input");
});

test("a header that is not UTF-8 reads the same everywhere: the kid shown is the kid that picks the key", async () => {
  const cut = Buffer.concat([Buffer.from('{"alg":"HS256","kid":"k'), Buffer.from([0xe2, 0x82]), Buffer.from('"}')]);
  const token = hs256(cut, '{"sub":"x"}', SECRET);
  const jwks = JSON.stringify({ keys: [{ kty: "oct", kid: "k\ufffd", k: b64u(SECRET) }] });
  for (const d of [api.decode(token), ref.decode(token)]) {
    assert.equal(d.kid, "k\ufffd");
    assert.equal(d.header.kid, "k\ufffd");
    assert.equal(d.headerText, '{"alg":"HS256","kid":"k\ufffd"}');
  }
  assert.deepEqual(api.decode(token), ref.decode(token));
  for (const v of [api.verify(token, { key: jwks }), ref.verify(token, { key: jwks }), await api.verifyAsync(token, { key: jwks })]) {
    assert.equal(v.valid, true, JSON.stringify(v.errors));
    assert.equal(v.kid, "k\ufffd");
  }
});

test("strings over the limits are refused as too_large, unread, on both paths", () => {
  const over = "x".repeat(2 ** 20 + 1);
  const half = "y".repeat(2 ** 19 + 1);
  const cases = [
    ["decode", over], ["verify", over, {}], ["verify", good, { key: over }], ["verify", good, { issuer: over }],
    ["verify", good, { audience: over }], ["verify", good, { audience: ["a", over] }], ["verify", good, { audience: [half, half] }],
    ["verify", good, { secretEncoding: over }], ["inspectKey", over], ["lint", good, { key: over }], ["explain", over],
    ["explainSignature", good, { key: over }], ["encode", { header: over, payload: "{}", key: "k" }],
    ["encode", { header: { alg: "HS256", pad: over }, payload: {}, key: "k" }], ["encode", { header: "{}", payload: "{}", key: over }],
  ];
  for (const [fn, ...args] of cases) {
    const got = api[fn](...args);
    assert.equal(got.error?.code, "too_large", `${fn}(${JSON.stringify(args).slice(0, 60)}): ${JSON.stringify(got).slice(0, 200)}`);
    assert.deepEqual(got, ref[fn](...args), fn);
  }
  // Within the limit in characters, over it in bytes: the core measures.
  assert.equal(api.decode("é".repeat(2 ** 19 + 1)).error.code, "too_large");
});

test("a 500-million-character argument is refused at once, without being copied", { skip: !trySpace(5e8) }, async () => {
  const huge = "x".repeat(5e8);
  const cases = [
    ["decode", huge], ["verify", huge, {}], ["verify", good, { key: huge }], ["verify", good, { audience: [huge] }],
    ["inspectKey", huge], ["encode", { header: huge, payload: "{}" }], ["lint", huge], ["explain", good, { issuer: huge }],
  ];
  for (const [fn, ...args] of cases) {
    for (const f of [api[fn], ref[fn]]) {
      const start = performance.now();
      const got = f(...args);
      const took = performance.now() - start;
      assert.equal(got.error?.code, "too_large", fn);
      // A copy alone takes seconds (and a 1.5 GB buffer kept for good).
      assert.ok(took < 500, `${fn} took ${took.toFixed(0)} ms`);
    }
  }
  const v = await api.verifyAsync(huge, {});
  assert.equal(v.error.code, "too_large");
  assert.equal(api.verify(good, { key: SECRET, audience: "a" }).valid, true);
});

function trySpace(n) {
  try {
    return "x".repeat(n).length === n;
  } catch {
    return false; // this node cannot make so long a string
  }
}

// Last: on failure this stops the Go runtime, and every later call with it.
test("a fetch that rejects or resolves with anything leaves the runtime working", async () => {
  const original = globalThis.fetch;
  const jwks = { keys: [{ kty: "oct", kid: "a", k: b64u(SECRET) }] };
  const stream = (chunks, fail) => new ReadableStream({
    start(c) { for (const x of chunks) c.enqueue(x); if (fail !== undefined) c.error(fail); else c.close(); },
  });
  const stubs = [
    () => Promise.reject("x"), () => Promise.reject(undefined), () => Promise.reject(null),
    () => Promise.reject(Symbol("s")), () => Promise.reject(Object.create(null)), () => Promise.reject({ message: 5 }),
    () => { throw "sync"; }, () => Promise.resolve(undefined), () => Promise.resolve({}), () => Promise.resolve("x"),
    () => Promise.resolve({ status: 200, headers: { entries: () => { throw "x"; } } }),
    () => Promise.resolve(new Response(stream([new TextEncoder().encode('{"keys":')], "x"))),
    () => Promise.resolve(new Response(stream(["not bytes"]))),
    () => Promise.resolve(new Response(stream([], undefined))),
  ];
  try {
    for (const [i, stub] of stubs.entries()) {
      globalThis.fetch = stub;
      for (const r of [await api.fetchJWKS("https://issuer.example/jwks.json"), await api.discover("https://issuer.example")]) {
        assert.equal(r.ok, false, `stub ${i}`);
        assert.notEqual(r.error.code, "internal", `stub ${i}: ${r.error.message}`);
      }
      assert.equal(api.decode(good).ok, true, `stub ${i}: the runtime still answers`);
    }
    globalThis.fetch = async () => new Response(JSON.stringify(jwks), { headers: { "content-type": "application/json" } });
    const r = await api.fetchJWKS("https://issuer.example/jwks.json");
    assert.equal(r.ok, true, JSON.stringify(r.error));
    assert.deepEqual(r.jwks, jwks);
  } finally {
    globalThis.fetch = original;
  }
});

test("verify on an SD-JWT answers as the js.FuncOf one, its nonce checked on every path", async () => {
  const rfc = JSON.parse(fs.readFileSync(fileURLToPath(new URL("wasm/sdjwt/testdata/rfc9901.json", root)))).vectors[0];
  for (const nonce of [rfc.nonce, "another-nonce"]) {
    const opts = { key: rfc.issuerKey, now: rfc.now, audience: rfc.audience, nonce };
    const want = ref.verify(rfc.sdjwt, opts);
    assert.equal(want.valid, nonce === rfc.nonce, `js.FuncOf verify with nonce ${nonce}`);
    assert.deepEqual(api.verify(rfc.sdjwt, opts), want, `fast verify with nonce ${nonce}`);
    assert.deepEqual(await api.verifyAsync(rfc.sdjwt, opts), want, `verifyAsync with nonce ${nonce}`);
  }
});

// Every option the core reads must reach it on the fast path too: a value
// of the wrong type for each one is refused alike by both paths, naming
// it. An option core.js dropped would be ignored, and the fast answer ok.
test("the fast path forwards every option the core reads", () => {
  assert.ok(api.optionNames.length >= 10, `optionNames: ${api.optionNames}`);
  const token = hs256('{"alg":"HS256"}', '{"sub":"x"}', "k");
  for (const name of api.optionNames) {
    const wrong = { [name]: name === "audience" ? [7] : typeof ({ now: 0, leeway: 0, bits: 0 })[name] === "number" ? "7" : 7 };
    for (const fn of ["verify", "lint", "explain"]) {
      const got = api[fn](token, { key: "k", ...wrong });
      assert.equal(got.ok, false, `${fn} with ${JSON.stringify(wrong)} took it: ${JSON.stringify(got).slice(0, 200)}`);
      assert.deepEqual(got, ref[fn](token, { key: "k", ...wrong }), `${fn} ${name}`);
      assert.match(got.error.message, new RegExp(name === "audience" ? "audience" : `"${name}"`), `${fn} ${name}`);
    }
  }
});

test("decode answers carry payloadJSON and iss, and parse the payload only when read", () => {
  const token = hs256('{"alg":"HS256"}', '{"iss":"https://a.example","n":1}', "k");
  const d = api.decode(token);
  assert.equal(d.payloadJSON, true);
  assert.equal(d.iss, "https://a.example");
  assert.equal(typeof Object.getOwnPropertyDescriptor(d, "payload").get, "function", "payload parsed before it was read");
  assert.deepEqual(d.payload, { iss: "https://a.example", n: 1 });
  assert.equal(Object.getOwnPropertyDescriptor(d, "payload").get, undefined, "payload parsed again on every read");
  assert.deepEqual(structuredClone(api.decode(token)), ref.decode(token));
  const text = api.decode(hs256('{"alg":"HS256"}', "hello", "k"));
  assert.equal(text.payloadJSON, false);
  assert.equal(text.payload, null);
  assert.equal("iss" in text, false);
});

test("a JWE decodes alike on both paths, and decrypt and encrypt are there", () => {
  // RFC 7516 A.3: A128KW and A128CBC-HS256.
  const jwe = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ";
  const got = api.decode(jwe);
  assert.deepEqual(got, ref.decode(jwe));
  assert.equal(got.error.code, "encrypted_token");
  assert.deepEqual(got.header, { alg: "A128KW", enc: "A128CBC-HS256" });
  const d = api.decrypt(jwe, { key: "GawgguFyGrWKav7AX4VKUg", secretEncoding: "base64url" });
  assert.equal(d.ok, true);
  assert.equal(d.plaintext, "Live long and prosper.");
  const e = api.encrypt({ header: { alg: "dir", enc: "A128GCM" }, payload: "hi", key: "GawgguFyGrWKav7AX4VKUg", secretEncoding: "base64url" });
  assert.equal(api.decrypt(e.token, { key: "GawgguFyGrWKav7AX4VKUg", secretEncoding: "base64url" }).plaintext, "hi");
});
