// The answers the page waits for on shared memory (jwt.js's WAITED calls)
// cross as JSON there (web/channel.js), not as structured clones: each must
// come out as the clone would, for tokens, keys and failures of every kind,
// from the real core (web/playground.wasm, after `make build`).
import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { WAITED } from "../jwt.js";
import { forTransfer } from "../lazy.js";

const wasm = fileURLToPath(new URL("../playground.wasm", import.meta.url));
const skip = !fs.existsSync(wasm) && "web/playground.wasm is not built";

const pem = (type, options) => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync(type, options);
  return { priv: privateKey.export({ type: "pkcs8", format: "pem" }), pub: publicKey.export({ type: "spki", format: "pem" }), jwk: publicKey.export({ format: "jwk" }) };
};

test("every WAITED answer crosses as JSON as it would as a clone", { skip }, async () => {
  const { start } = await import("../core.js");
  const core = await start(fs.readFileSync(wasm));
  const keys = {
    HS256: { sign: "a-secret-of-32-bytes-for-hs256!!", verify: "a-secret-of-32-bytes-for-hs256!!" },
    RS256: (({ priv, pub }) => ({ sign: priv, verify: pub }))(pem("rsa", { modulusLength: 2048 })),
    ES256: (({ priv, jwk }) => ({ sign: priv, verify: JSON.stringify(jwk) }))(pem("ec", { namedCurve: "P-256" })),
    EdDSA: (({ priv, pub }) => ({ sign: priv, verify: pub }))(pem("ed25519")),
  };
  const now = Math.floor(Date.now() / 1000);
  const payloads = ['{"sub":"a","iat":1,"exp":2,"aud":["x","y"],"n":1.5e300,"nested":{"deep":[null,true,"é𝄞"]}}', `{"exp":${now + 60}}`, "[1,2]", "not json"];
  const calls = [];
  for (const [alg, key] of Object.entries(keys)) {
    for (const payload of payloads) {
      const input = { header: JSON.stringify({ alg, typ: "JWT", kid: "k1" }), payload, key: key.sign };
      calls.push(["encode", [input]], ["encodeAsync", [input]]);
      const signed = await core.encodeAsync(input);
      const tokens = signed.ok ? [signed.token, signed.token + "x", signed.token.replace(/\.[^.]*$/, ".AAAA")] : [];
      for (const token of tokens) {
        calls.push(["decode", [token]], ["decodeSD", [token + "~"]]);
        for (const k of [key.verify, "", "not a key", keys.HS256.verify]) {
          calls.push(["verify", [token, { key: k, now }]], ["verifyAsync", [token, { key: k, now, audience: ["x"], issuer: "i", leeway: 5 }]]);
        }
      }
    }
    calls.push(["inspectKey", [key.sign]], ["inspectKey", [key.verify]]);
  }
  for (const text of ["", "a", "a.b", "a.b.c", "e30.e30.", "e30.e30", '{"payload":"e30","signatures":[{"protected":"e30","signature":"AA"}]}', "x".repeat(5000)]) {
    calls.push(["decode", [text]], ["decodeSD", [text]], ["verifyAsync", [text, { key: "k" }]]);
  }
  for (const text of ["", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", '{"keys":[]}', '{"kty":"oct","k":"AAAA"}', "00ff", "\u0000"]) {
    calls.push(["inspectKey", [text]], ["inspectKey", [text, { secretEncoding: "hex" }]]);
  }
  const sd = await core.issueSD({ header: '{"alg":"HS256"}', payload: '{"a":1,"b":{"c":2}}', disclose: ["/a", "/b/c"], key: keys.HS256.sign });
  assert.equal(sd.ok, true, JSON.stringify(sd.error));
  calls.push(["decodeSD", [sd.sdjwt]], ["decode", [sd.sdjwt]], ["verifyAsync", [sd.sdjwt, { key: keys.HS256.verify }]]);

  const seen = new Set();
  for (const [fn, args] of calls) {
    seen.add(fn);
    const answer = forTransfer(await core[fn](...args));
    const clone = structuredClone(answer);
    const json = JSON.parse(JSON.stringify([{ id: 1, result: answer }]))[0].result;
    assert.deepStrictEqual(json, clone, `${fn}(${JSON.stringify(args).slice(0, 200)}) differs as JSON`);
  }
  assert.deepEqual([...WAITED].filter((fn) => !seen.has(fn)), [], "a WAITED call this test never made");
});
