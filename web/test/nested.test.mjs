// Tests of web/nested.js under node: `make web-test` (part of `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { innerOf, isCompact, unfold } from "../nested.js";

const b64 = (s) => Buffer.from(s).toString("base64url");
const tok = (header, payload) => `${b64(header)}.${b64(payload)}.c2ln`;

// decode stands in for the core's: it says `nested` as the core does, for a
// cty of JWT (any case) over a compact token.
function decode(t) {
  const [h, p] = t.split(".");
  const headerText = Buffer.from(h, "base64url").toString();
  const payloadText = Buffer.from(p ?? "", "base64url").toString();
  const cty = JSON.parse(headerText).cty ?? "";
  const warnings = /^(application\/)?jwt$/i.test(cty) && isCompact(payloadText) ? [{ code: "nested" }] : [];
  return { ok: true, headerText, payloadText, warnings };
}

const innermost = tok('{"alg":"HS256"}', '{"sub":"42"}');
const middle = tok('{"alg":"HS256","cty":"JWT"}', innermost);
const outer = tok('{"alg":"RS256","cty":"JWT"}', middle);

test("unfolds each declared level, outer first", async () => {
  const u = await unfold(outer, decode);
  assert.deepEqual(u.levels.map((l) => l.token), [middle, innermost]);
  assert.equal(u.levels[1].decoded.payloadText, '{"sub":"42"}');
  assert.equal(u.offer, null);
  assert.equal(u.truncated, false);
});

test("a token in a payload without cty JWT is offered, not opened", async () => {
  const u = await unfold(tok('{"alg":"HS256"}', ` ${innermost}\n`), decode);
  assert.deepEqual(u.levels, []);
  assert.equal(u.offer, innermost);
});

test("a token that is not nested has no levels", async () => {
  for (const payload of ['{"sub":"42"}', "a.b", "a.b.c.d", ".b.c", "a.b.c!", ""]) {
    const u = await unfold(tok('{"alg":"HS256"}', payload), decode);
    assert.deepEqual([u.levels, u.offer], [[], null], payload);
  }
});

test("a JWE inside is a level too (five parts)", async () => {
  assert.equal(isCompact("eyJh.a.b.c.d"), true);
  assert.equal(isCompact("eyJh.a.b.c"), false);
});

test("unfolding stops at the limit", async () => {
  let t = innermost;
  for (let i = 0; i < 12; i++) t = tok('{"alg":"HS256","cty":"JWT"}', t);
  const u = await unfold(t, decode, 8);
  assert.equal(u.levels.length, 8);
  assert.equal(u.truncated, true);
});

test("innerOf of a failed decode with no payload is null", async () => {
  assert.equal(innerOf({ ok: false, error: {} }), null);
  assert.equal(innerOf(null), null);
});

test("unfolds with a decode that answers with a promise, as the engine's does", async () => {
  const u = await unfold(outer, async (t) => decode(t));
  assert.deepEqual(u.levels.map((l) => l.token), [middle, innermost]);
  assert.equal(u.levels[0].decoded.ok, true);
});
