// Tests of web/state.js under node: `make web-test` (part of `make test`).
// A fake engine stands in for the core, answering when a test says so, so
// that the order of answers is the test's to choose; the last test runs
// the real core (web/playground.wasm, after `make build`).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { classify, createPlayground, isKeyProblem, NO_TOKEN, staleVerdict } from "../state.js";

const b64 = (s) => Buffer.from(s).toString("base64url");
const unb64 = (s) => Buffer.from(s, "base64url").toString();
const compact = (json) => JSON.stringify(JSON.parse(json));
const tok = (header, payload, key) => `${b64(compact(header))}.${b64(compact(payload))}.${b64("sig:" + key)}`;

/**
 * fakeEngine answers as the core does, in miniature: a token is signed by
 * "sig:<secret>"; a key "PUBLIC <secret>" verifies it but cannot sign;
 * "JWKS" has no key for any kid. The answers of the calls named in hold
 * ("decode", "encode", "verify") wait in engine.queue until the test
 * releases them, in any order; the others answer at once.
 */
function fakeEngine({ hold = [] } = {}) {
  const engine = {
    queue: [],
    calls: [],
    payloadReads: 0,
    decode(token) {
      engine.calls.push(["decode", token]);
      return hold.includes("decode") ? engine.later(() => engine.decodeNow(token), true) : engine.decodeNow(token);
    },
    decodeNow(token) {
      const [h, p, sig] = token.split(".");
      if (sig === undefined) return { ok: false, error: { code: "malformed", message: "the token has no dots", part: "token" }, warnings: [] };
      let header;
      try {
        header = JSON.parse(unb64(h));
      } catch {
        return { ok: false, error: { code: "bad_json", message: "the header is not JSON", part: "header" }, headerText: "", payloadText: "", warnings: [] };
      }
      const payloadText = unb64(p);
      let payload = null;
      try {
        payload = JSON.parse(payloadText);
      } catch {}
      const d = { ok: true, header, headerText: unb64(h), payloadText, payloadJSON: payload !== null, alg: header.alg, kid: header.kid ?? "", warnings: [] };
      // As the core does: the payload is parsed on its first read. The
      // playground needs payloadJSON only, and never reads it.
      Object.defineProperty(d, "payload", { enumerable: true, get: () => { engine.payloadReads++; return payload; } });
      return d;
    },
    encodeAsync({ header, payload, key }) {
      engine.calls.push(["encode", header, payload, key]);
      const answer = () => {
        for (const [part, text] of [["header", header], ["payload", payload]]) {
          try {
            JSON.parse(text);
          } catch {
            return { ok: false, error: { code: "bad_json", message: `the ${part} is not valid JSON`, part } };
          }
        }
        if (!key) return { ok: false, error: { code: "key_missing", message: "no key: the key box is empty", part: "key" } };
        if (key.startsWith("PUBLIC ")) return { ok: false, error: { code: "key_mismatch", message: "a public key can only verify", part: "key" } };
        return { ok: true, token: tok(header, payload, key) };
      };
      return engine.later(answer, hold.includes("encode"));
    },
    verifyAsync(token, options) {
      engine.calls.push(["verify", token, options]);
      return engine.later(() => engine.verifyNow(token, options), hold.includes("verify"));
    },
    verifyNow(token, { key, keyOrigin }) {
      const d = engine.decodeNow(token);
      const base = { valid: false, signatureValid: false, claimsValid: true, errors: [], warnings: [], alg: d.alg ?? "" };
      if (!d.ok) return { ...base, ok: false, error: d.error };
      if (!["HS256", "none"].includes(d.alg)) return { ...base, ok: false, error: { code: "unsupported_alg", message: `alg "${d.alg}" is not supported`, part: "header" } };
      if (!key) return { ...base, ok: false, error: { code: "key_missing", message: "no key: the key box is empty", part: "key" } };
      if (key === "JWKS") return { ...base, ok: false, error: { code: "kid_not_found", message: `the key set has no key with the token's kid "${d.kid}"`, part: "key" } };
      const secret = key.replace(/^PUBLIC /, "");
      const good = unb64(token.split(".")[2]) === "sig:" + secret;
      const provenance = keyOrigin === "link"
        ? { origin: "link", text: "Key from the link or page", caveat: "a match is not proof of who signed", headline: "Signature matches the key from the link" }
        : { origin: "typed", text: "Key typed or pasted here", headline: "Signature verified" };
      const errors = good ? [] : [{ code: "signature_invalid", message: "the signature does not match", part: "signature" }];
      return { ...base, ok: true, valid: good, signatureValid: good, key: "an HMAC secret", errors, provenance };
    },
    later(answer, held) {
      if (!held) return Promise.resolve(answer());
      return new Promise((resolve) => engine.queue.push(() => resolve(answer())));
    },
    /** release answers the held call at index i of the queue. */
    async release(i = 0) {
      engine.queue.splice(i, 1)[0]();
      await settle();
    },
  };
  return engine;
}

/** settle lets every resolved promise run its continuations. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const SECRET = "a-secret-of-the-test";
const HEADER = '{"alg":"HS256","typ":"JWT"}';
const TOKEN = tok(HEADER, '{"sub":"42","name":"Ada"}', SECRET);

test("a token is decoded into the editors and verified", async () => {
  const engine = fakeEngine();
  const pg = createPlayground(engine);
  const events = [];
  pg.subscribe((e) => events.push(e));
  await pg.setKey(SECRET);
  await pg.setToken(TOKEN);
  const s = pg.get();
  assert.equal(s.header, '{\n  "alg": "HS256",\n  "typ": "JWT"\n}');
  assert.equal(s.payload, '{\n  "sub": "42",\n  "name": "Ada"\n}');
  assert.equal(s.refilled, true);
  assert.equal(s.verdict.state, "verified");
  assert.equal(s.verdict.title, "Signature verified");
  assert.equal(s.pending, false);
  assert.equal(engine.payloadReads, 0, "the payload was parsed: payloadJSON says whether it is JSON");
  // The key's check (of no token), then the token's decoding and verdict, in either order.
  assert.deepEqual(events.filter((e) => e !== "checking").sort(), ["token", "verdict", "verdict"]);
});

test("an empty token is no token, whatever the key", async () => {
  const pg = createPlayground(fakeEngine());
  await pg.setToken("  ");
  assert.deepEqual(pg.get().verdict, NO_TOKEN);
  assert.equal(pg.get().header, "");
});

test("editing the JSON re-signs with the key, and the editors keep their text", async () => {
  const pg = createPlayground(fakeEngine());
  await pg.setKey(SECRET);
  await pg.setToken(TOKEN);
  const edited = '{\n  "sub": "42",\n  "name": "Grace"\n}';
  await pg.setEditors(pg.get().header, edited);
  const s = pg.get();
  assert.equal(s.token, tok(HEADER, edited, SECRET));
  assert.equal(s.payload, edited);
  assert.equal(s.refilled, false);
  assert.equal(s.stale, null);
  assert.equal(s.verdict.state, "verified");
});

test("re-signing an SD-JWT's issuer JWT keeps its disclosures", async () => {
  const engine = fakeEngine();
  engine.decodeSD = (text) => ({ ok: true, jwt: engine.decode(text.slice(0, text.indexOf("~"))), disclosures: [] });
  const pg = createPlayground(engine);
  await pg.setKey(SECRET);
  await pg.setToken(TOKEN + "~WyJzIiwibiIsMV0~");
  assert.equal(pg.get().sd.ok, true);
  await pg.setEditors(HEADER, '{"sub":"43"}');
  assert.equal(pg.get().token, tok(HEADER, '{"sub":"43"}', SECRET) + "~WyJzIiwibiIsMV0~");
});

// The audit's case: a public key cannot sign, so the token stays as it was;
// the badge must not stay green beside editors that differ from it.
test("edits that cannot be signed leave the token and make the verdict stale", async () => {
  for (const key of ["PUBLIC " + SECRET, ""]) {
    const pg = createPlayground(fakeEngine());
    await pg.setKey(key);
    await pg.setToken(TOKEN);
    assert.equal(pg.get().verdict.state, key ? "verified" : "key-error");
    await pg.setEditors(HEADER, '{"sub":"42","name":"Mallory"}');
    const s = pg.get();
    assert.equal(s.token, TOKEN, "the token must not change");
    assert.equal(s.verdict.state, "stale");
    assert.match(s.verdict.title, /not re-signed/);
    assert.match(s.verdict.detail, /private key or secret/);
    assert.equal(s.stale.code, key ? "key_mismatch" : "key_missing");
    assert.match(s.editErrors.sign, /^The token was not re-signed: /);
    // New checks verify the token shown again, and the verdict stays stale.
    await pg.setChecks({ leeway: 30 });
    assert.equal(pg.get().verdict.state, "stale");
  }
});

test("a key that can sign finishes stale edits; a new token drops them", async () => {
  const pg = createPlayground(fakeEngine());
  await pg.setKey("PUBLIC " + SECRET);
  await pg.setToken(TOKEN);
  await pg.setEditors(HEADER, '{"sub":"7"}');
  assert.equal(pg.get().verdict.state, "stale");
  await pg.setKey(SECRET);
  assert.equal(pg.get().token, tok(HEADER, '{"sub":"7"}', SECRET));
  assert.equal(pg.get().verdict.state, "verified");

  await pg.setKey("PUBLIC " + SECRET);
  await pg.setEditors(HEADER, '{"sub":"8"}');
  assert.equal(pg.get().verdict.state, "stale");
  await pg.setToken(TOKEN);
  const s = pg.get();
  assert.equal(s.verdict.state, "verified");
  assert.equal(s.stale, null);
  assert.deepEqual(s.editErrors, { header: "", payload: "", sign: "" });
  assert.match(s.payload, /"name": "Ada"/);
});

test("edits undone need no signature: the verdict is the token's again", async () => {
  const pg = createPlayground(fakeEngine());
  await pg.setKey("PUBLIC " + SECRET);
  await pg.setToken(TOKEN);
  const { header, payload } = pg.get();
  await pg.setEditors(header, payload.replace("Ada", "Eve"));
  assert.equal(pg.get().verdict.state, "stale");
  await pg.setEditors(header, payload.replace(/\n\s*/g, " "));
  assert.equal(pg.get().verdict.state, "verified");
  assert.equal(pg.get().stale, null);
  assert.deepEqual(pg.get().editErrors, { header: "", payload: "", sign: "" });
});

test("broken JSON is said under its editor, and the verdict is stale", async () => {
  const pg = createPlayground(fakeEngine());
  await pg.setKey(SECRET);
  await pg.setToken(TOKEN);
  await pg.setEditors('{"alg":', pg.get().payload);
  const s = pg.get();
  assert.equal(s.token, TOKEN);
  assert.match(s.editErrors.header, /not valid JSON/);
  assert.equal(s.editErrors.sign, "");
  assert.equal(s.verdict.state, "stale");
  assert.match(s.verdict.detail, /Fix the header/);
});

test("edits with no token and no key say that nothing is signed", async () => {
  const pg = createPlayground(fakeEngine());
  await pg.setEditors(HEADER, "{}");
  assert.equal(pg.get().verdict.state, "stale");
  assert.match(pg.get().verdict.title, /^No token/);
});

test("a newer keystroke's answer wins; an older one arriving last is dropped", async () => {
  const engine = fakeEngine({ hold: ["encode", "verify"] });
  const pg = createPlayground(engine);
  const seen = [];
  pg.subscribe((e, s) => e === "verdict" && seen.push(s.verdict.state));
  pg.setKey(SECRET); // verify #0, of no token: answers at once
  await settle();
  const first = pg.setToken(tok(HEADER, '{"n":1}', "wrong")); // verify #1
  const second = pg.setToken(TOKEN); // verify #2
  assert.equal(engine.queue.length, 2);
  assert.equal(pg.get().pending, true);
  await engine.release(1); // the newer answer first
  assert.equal(pg.get().pending, false);
  assert.equal(pg.get().verdict.state, "verified");
  await engine.release(0); // then the older: dropped
  await Promise.all([first, second]);
  assert.equal(pg.get().verdict.state, "verified");
  assert.equal(pg.get().token, TOKEN);
  assert.deepEqual(seen, ["empty", "verified"]);
});

test("a signing overtaken by a keystroke in the token box is dropped", async () => {
  const engine = fakeEngine({ hold: ["encode", "verify"] });
  const pg = createPlayground(engine);
  pg.setKey(SECRET);
  await settle();
  pg.setToken(TOKEN);
  await engine.release();
  pg.setEditors(HEADER, '{"sub":"edited"}'); // encode, held
  const typed = tok(HEADER, '{"sub":"typed"}', SECRET);
  pg.setToken(typed); // verify, held
  await engine.release(0); // the signing answers late
  assert.equal(pg.get().token, typed, "a late signing must not overwrite the token typed since");
  await engine.release(0);
  assert.equal(pg.get().verdict.state, "verified");
  assert.match(pg.get().payload, /typed/);
});

test("a key change during a signing: it finishes with its key, or, failing, tries the new one", async () => {
  const engine = fakeEngine({ hold: ["encode", "verify"] });
  const pg = createPlayground(engine);
  pg.setKey(SECRET);
  await settle();
  pg.setToken(TOKEN);
  await engine.release();
  pg.setEditors(HEADER, '{"sub":"9"}'); // encode with SECRET, held
  assert.equal(pg.get().pending, true, "pending while the edits are signed");
  pg.setKey("other-secret"); // verify only: the signing is under way
  while (engine.queue.length) await engine.release(engine.queue.length - 1);
  // As had the signing answered before the key changed: signed with
  // SECRET, then verified with the new key.
  assert.equal(pg.get().token, tok(HEADER, '{"sub":"9"}', SECRET));
  assert.equal(pg.get().verdict.state, "invalid-signature");

  pg.setKey("PUBLIC " + SECRET);
  while (engine.queue.length) await engine.release();
  pg.setEditors(HEADER, '{"sub":"10"}'); // encode with a public key: fails, held
  pg.setKey(SECRET); // a key that can sign, given while the signing is under way
  while (engine.queue.length) await engine.release();
  assert.equal(pg.get().token, tok(HEADER, '{"sub":"10"}', SECRET));
  assert.equal(pg.get().verdict.state, "verified");
});

test("a check started before an edit does not overwrite the verdict of the re-signed token", async () => {
  const engine = fakeEngine({ hold: ["encode", "verify"] });
  const pg = createPlayground(engine);
  pg.setKey(SECRET);
  await settle();
  pg.setToken(tok(HEADER, "{}", "wrong")); // verify of a bad token, held
  pg.setEditors(HEADER, '{"sub":"1"}'); // encode, held
  await engine.release(1); // the signing; then its verification is asked
  await engine.release(1); // the new token's verification: verified
  await engine.release(0); // the old token's verification: dropped
  assert.equal(pg.get().verdict.state, "verified");
});

test("an older token's decoding arriving last does not fill the editors", async () => {
  const engine = fakeEngine({ hold: ["decode"] });
  const pg = createPlayground(engine);
  await pg.setKey(SECRET);
  pg.setToken(tok(HEADER, '{"sub":"old"}', SECRET));
  pg.setToken(TOKEN);
  await engine.release(1);
  assert.match(pg.get().payload, /Ada/);
  await engine.release(0); // the old token's decoding: dropped
  assert.match(pg.get().payload, /Ada/);
  assert.equal(pg.get().decoded.payload.sub, "42");
});

// The property behind every sequence number: however the answers
// interleave, the state ends consistent with the last inputs. Random
// inputs, answered in random order; at the end, nothing is pending, the
// editors hold what in-order answers would give them, the decoding is the
// token's, and either the verdict is the token's with the last key and
// checks and the editors hold what the token does, or the verdict is
// stale and says why. (The token itself may differ from in-order answers:
// a signing that a newer input overtook is dropped, not finished.)
test("any order of answers ends consistent with the last inputs", async () => {
  let seed = 1;
  const random = (n) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const tokens = [TOKEN, tok(HEADER, '{"sub":"other"}', "s2"), "no.dots-here", ""];
  const keys = [SECRET, "s2", "PUBLIC " + SECRET, "", "JWKS"];
  const payloads = ['{"sub":"42","name":"Ada"}', '{"sub":"edited"}', '{"sub":', '{\n  "sub": "42",\n  "name": "Ada"\n}'];
  const ops = [
    () => ["setToken", tokens[random(tokens.length)]],
    () => ["setEditors", HEADER, payloads[random(payloads.length)]],
    () => ["setKey", keys[random(keys.length)]],
    () => ["setChecks", { leeway: random(3) }],
  ];
  const oneLine = (json) => json.replace(/\s+/g, "");
  for (let run = 0; run < 500; run++) {
    const script = Array.from({ length: 2 + random(6) }, () => ops[random(ops.length)]());
    const engine = fakeEngine({ hold: ["decode", "encode", "verify"] });
    const pg = createPlayground(engine);
    for (const [fn, ...args] of script) {
      pg[fn](...args);
      await settle();
      // Answer some of what is asked, in any order.
      for (let n = random(3); n > 0 && engine.queue.length; n--) await engine.release(random(engine.queue.length));
    }
    while (engine.queue.length) await engine.release(random(engine.queue.length));
    const oracle = createPlayground(fakeEngine());
    for (const [fn, ...args] of script) await oracle[fn](...args);

    const s = pg.get();
    const why = `run ${run}: ${JSON.stringify(script)}`;
    assert.equal(s.pending, false, why);
    assert.deepEqual([s.header, s.payload], [oracle.get().header, oracle.get().payload], why);
    const d = s.token.trim() ? engine.decodeNow(s.token) : null;
    assert.equal(s.decoded?.payloadText, d?.payloadText, why);
    assert.equal(s.stale !== null, Object.values(s.editErrors).some(Boolean), why);
    if (s.stale) {
      assert.equal(s.verdict.state, "stale", why);
      continue;
    }
    const keyNow = script.findLast(([fn]) => fn === "setKey")?.[1] ?? "";
    assert.deepEqual(s.verdict, s.token.trim() ? classify(engine.verifyNow(s.token, { key: keyNow })) : NO_TOKEN, why);
    if (d?.ok) assert.deepEqual([oneLine(s.header), oneLine(s.payload)], [d.headerText, d.payloadText], why);
  }
});

test("decode mode checks no signature", async () => {
  const engine = fakeEngine();
  const pg = createPlayground(engine, { mode: "decode" });
  engine.calls.length = 0;
  await pg.setToken(TOKEN);
  assert.equal(pg.get().verdict.state, "decoded");
  assert.equal(pg.get().verdict.title, "Decoded (HS256); signature not checked");
  assert.equal(engine.calls.filter((c) => c[0] === "verify").length, 0);
  await pg.setToken("nodots");
  assert.equal(pg.get().verdict.state, "malformed");
});

test("verify gets the checks, the key's origin and the clock", async () => {
  const engine = fakeEngine();
  const pg = createPlayground(engine, { clock: () => 1_700_000_000_000 });
  await pg.input({ key: SECRET, encoding: "hex", keyOrigin: { origin: "link", detail: "" }, checks: { issuer: "https://iss", audience: ["a", "b"], leeway: 5 } });
  await pg.setToken(TOKEN);
  const options = engine.calls.findLast((c) => c[0] === "verify")[2];
  assert.deepEqual(options, { key: SECRET, secretEncoding: "hex", now: 1_700_000_000, leeway: 5, issuer: "https://iss", audience: ["a", "b"], nonce: "", keyOrigin: "link", keyOriginDetail: "" });
  await pg.setChecks({ now: 42 });
  assert.equal(engine.calls.findLast((c) => c[0] === "verify")[2].now, 42);
});

test("an engine that fails answers as a failure, not a hang", async () => {
  const engine = fakeEngine();
  engine.verifyAsync = () => Promise.reject(new Error("the worker died"));
  const pg = createPlayground(engine);
  await pg.setToken(TOKEN);
  assert.equal(pg.get().verdict.state, "error");
  assert.match(pg.get().verdict.detail, /the worker died/);
});

// The classification table: each code of a verification that could not be
// done, and the state it gives. Key problems are never a malformed token.
test("classify: each error code gives its state", () => {
  const table = [
    ["unsupported_alg", "header", "unsupported"],
    ["crit_unsupported", "header", "unsupported"],
    ["crit_invalid", "header", "unsupported"],
    ["bad_input", "", "unsupported"],
    ["key_missing", "key", "key-error"],
    ["key_invalid", "key", "key-error"],
    ["key_mismatch", "key", "key-error"],
    ["kid_not_found", "key", "key-error"],
    ["kid_not_found", undefined, "key-error"],
    ["too_large", "key", "key-error"],
    ["malformed", "token", "malformed"],
    ["bad_base64", "payload", "malformed"],
    ["bad_json", "header", "malformed"],
    ["header_not_object", "header", "malformed"],
    ["missing_alg", "header", "malformed"],
    ["jwe_not_supported", "token", "malformed"],
    ["too_large", "token", "malformed"],
    ["internal", "", "error"],
  ];
  for (const [code, part, state] of table) {
    const v = { ok: false, error: { code, message: `${code} happened`, part }, errors: [], warnings: [], claimsValid: true };
    const c = classify(v);
    assert.equal(c.state, state, `${code} (part ${part}) → ${c.state}, want ${state}`);
    assert.ok(c.title, code);
    assert.equal(isKeyProblem(v.error), state === "key-error", code);
    // What the key box shows: the message, but for an empty key box.
    assert.equal(c.keyError, state === "key-error" && code !== "key_missing" ? v.error.message : "", code);
  }
  assert.equal(classify({ ok: false, error: { code: "kid_not_found", message: "m", part: "key" }, errors: [], claimsValid: true }).title, "Cannot verify with this key");
  assert.equal(classify({ ok: false, error: { code: "unsupported_alg", message: "m", part: "header" } }).title, "Cannot verify: unsupported algorithm");
});

test("classify: verifications that were done", () => {
  const typed = { origin: "typed", text: "Key typed or pasted here", headline: "Signature verified" };
  const link = { origin: "link", text: "Key from the link", caveat: "not proof of who signed", headline: "Signature matches" };
  const ok = { ok: true, valid: true, signatureValid: true, claimsValid: true, alg: "HS256", key: "an HMAC secret", errors: [], warnings: [], provenance: typed };
  const expired = { code: "token_expired", message: "the token expired", part: "payload" };
  const table = [
    [ok, "verified", "Signature verified"],
    [{ ...ok, provenance: link }, "verified", "Signature matches"],
    [{ ...ok, alg: "none" }, "unsecured", "Unsecured token: alg none"],
    [{ ...ok, valid: false, signatureValid: false, errors: [{ code: "signature_invalid", message: "bad", part: "signature" }] }, "invalid-signature", "Invalid signature"],
    [{ ...ok, valid: false, claimsValid: false, errors: [expired] }, "expired", "Signature verified, but the token has expired"],
    [{ ...ok, valid: false, claimsValid: false, errors: [{ ...expired, code: "token_not_valid_yet" }] }, "not-yet-valid", "Signature verified, but the token is not valid yet"],
    [{ ...ok, valid: false, claimsValid: false, errors: [{ ...expired, code: "invalid_issuer" }] }, "claims-invalid", "Signature verified, but the claims fail"],
    [{ ...ok, valid: false, claimsValid: false, errors: [expired], provenance: link }, "expired", "Signature matches; the token has expired"],
    [{ ...ok, valid: false, disclosuresValid: false }, "claims-invalid", "Signature verified, but the disclosures fail RFC 9901's checks"],
    [{ ...ok, valid: false, keyBinding: {}, keyBindingValid: false }, "claims-invalid", "Signature verified, but the key binding fails"],
    [{ ...ok, warnings: [{ code: "nested", message: "nested" }] }, "verified", "Signature verified"],
  ];
  for (const [v, state, title] of table) {
    const c = classify(v);
    assert.equal(c.state, state, title);
    assert.equal(c.title, title);
  }
  assert.match(classify({ ...ok, provenance: link }).where, /not proof of who signed/);
  assert.equal(classify({ ...ok, warnings: [{ code: "nested", message: "n" }] }).nested, true);
  assert.deepEqual(classify({ ...ok, warnings: [{ code: "weak_key", message: "weak" }, { code: "private_key", message: "p" }] }).notes, ["weak"]);
});

test("staleVerdict is never verified and says what would fix it", () => {
  for (const [error, fix] of [
    [{ code: "key_mismatch", part: "key", message: "public" }, /private key or secret/],
    [{ code: "bad_json", part: "payload", message: "bad" }, /Fix the payload/],
    [{ code: "unsupported_alg", part: "header", message: "XX1" }, /Fix the header/],
    [{ code: "internal", part: "", message: "died" }, /died/],
  ]) {
    const v = staleVerdict(error);
    assert.equal(v.state, "stale");
    assert.match(v.detail, fix);
  }
});

// The same transitions with the real core, when it is built.
const wasm = fileURLToPath(new URL("../playground.wasm", import.meta.url));
test("with the real core: verified, stale with a public key, kid_not_found and unsupported_alg are key and verify problems", { skip: !fs.existsSync(wasm) && "web/playground.wasm is not built" }, async () => {
  const { start } = await import("../core.js");
  const api = await start(fs.readFileSync(wasm));
  const { generateKeyPairSync } = await import("node:crypto");
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pub = publicKey.export({ type: "spki", format: "pem" });
  const priv = privateKey.export({ type: "pkcs8", format: "pem" });
  const signed = await api.encodeAsync({ header: '{"alg":"ES256","kid":"k1"}', payload: '{"sub":"real"}', key: priv });
  assert.equal(signed.ok, true);

  const pg = createPlayground(api);
  await pg.setKey(pub);
  await pg.setToken(signed.token);
  assert.equal(pg.get().verdict.state, "verified");
  await pg.setEditors(pg.get().header, '{"sub":"forged"}');
  assert.equal(pg.get().token, signed.token);
  assert.equal(pg.get().verdict.state, "stale");
  assert.equal(pg.get().stale.code, "key_mismatch");
  await pg.setKey(priv);
  assert.notEqual(pg.get().token, signed.token);
  assert.equal(pg.get().verdict.state, "verified");

  const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: "jwk" }), kid: "other" }] });
  await pg.setKey(jwks);
  assert.equal(pg.get().verdict.state, "key-error");
  assert.match(pg.get().verdict.keyError, /kid/);

  const [, payload, sig] = signed.token.split(".");
  await pg.setToken(`${b64('{"alg":"XX1"}')}.${payload}.${sig}`);
  assert.equal(pg.get().verdict.state, "unsupported");
});
