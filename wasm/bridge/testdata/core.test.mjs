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
