// The fast path of web/core.js answers a JWS in the JSON serialization
// (RFC 7515 §7.2) exactly as the js.FuncOf functions do: decode, verify and
// verifyAsync recognise it by its brace. Run by `make bridge-test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../../../", import.meta.url);
const { start } = await import(new URL("web/core.js", root));
const api = await start(fs.readFileSync(fileURLToPath(new URL("web/playground.wasm", root))));
const ref = api.viaFuncOf;

const b64u = (x) => Buffer.from(x).toString("base64url");
const payload = b64u(JSON.stringify({ sub: "two", big: 12345678901234567890n.toString(), exp: 4102444800 }));
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });

function signature(alg, protectedHeader, key) {
  const prot = b64u(JSON.stringify(protectedHeader));
  const data = Buffer.from(`${prot}.${payload}`);
  const sig = alg === "RS256" ? crypto.sign("sha256", data, key) : crypto.sign("sha256", data, { key, dsaEncoding: "ieee-p1363" });
  return { protected: prot, header: { kid: alg }, signature: b64u(sig) };
}

const jws = JSON.stringify({
  payload,
  signatures: [signature("RS256", { alg: "RS256" }, rsa.privateKey), signature("ES256", { alg: "ES256" }, ec.privateKey)],
});
const pem = (k) => k.publicKey.export({ type: "spki", format: "pem" });

test("decode and verify of a JWS JSON answer as the js.FuncOf ones", async () => {
  const cases = [
    ["decode", jws], ["decode", ` \n${jws}`], ["decode", "{"], ["decode", '{"payload":"e30","signatures":[]}'],
    ["verify", jws, { key: pem(rsa) }], ["verify", jws, { key: pem(ec) }], ["verify", jws, {}],
    ["verify", jws.replace(payload, b64u('{"sub":"admin"}')), { key: pem(rsa) }],
  ];
  for (const [fn, ...args] of cases) {
    assert.deepEqual(api[fn](...args), ref[fn](...args), `${fn}(${JSON.stringify(args).slice(0, 60)})`);
    if (fn === "verify") assert.deepEqual(await api.verifyAsync(...args), ref.verify(...args), `verifyAsync(${JSON.stringify(args[1])})`);
  }
  const v = api.verify(jws, { key: pem(ec) });
  assert.deepEqual([v.valid, v.verifiedBy, v.signatures.map((s) => s.status)], [true, [1], ["key_mismatch", "verified"]]);
});

// A "~" anywhere in a JWS JSON (here its unprotected kid) does not make it
// an SD-JWT: decode, verify and verifyAsync all read it as the JWS it is.
test("a JWS JSON holding a ~ is read as a JWS JSON on every path", async () => {
  const sig = signature("RS256", { alg: "RS256" }, rsa.privateKey);
  const tilde = JSON.stringify({ payload, signatures: [{ ...sig, header: { kid: "key~1" } }] });
  const opts = { key: pem(rsa) };
  assert.equal(api.decode(tilde).ok, true, JSON.stringify(api.decode(tilde)).slice(0, 200));
  for (const v of [api.verify(tilde, opts), ref.verify(tilde, opts), await api.verifyAsync(tilde, opts)]) {
    assert.equal(v.signatureValid, true, JSON.stringify(v).slice(0, 300));
  }
});
