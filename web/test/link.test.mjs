// Tests of web/link.js under node: `make web-test` (part of `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { hashWithoutKey, parseLink } from "../link.js";

const b64 = (s) => Buffer.from(s).toString("base64url");
const ID = `${b64('{"alg":"RS256"}')}.${b64('{"sub":"id"}')}.c2ln`;
const ACCESS = `${b64('{"alg":"HS256"}')}.${b64('{"sub":"access"}')}.c2ln`;
const PEM = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+ab/cd==\n-----END PUBLIC KEY-----";

const pick = (l) => ({ token: l.token, tokens: l.tokens, key: l.key, classic: l.classic, fromQuery: l.fromQuery, error: l.error });

test("opens jwt.io's classic #debugger-io links", () => {
  const cases = [
    ["token", `#debugger-io?token=${ID}`, { token: ID, key: null }],
    ["token and publicKey, encodeURIComponent", `#debugger-io?token=${ID}&publicKey=${encodeURIComponent(PEM)}`, { token: ID, key: PEM }],
    // A "+" of the base64 stays a plus; only the armour's spaces were written as "+".
    ["publicKey with + for spaces in its armour", `#debugger-io?token=${ID}&publicKey=${encodeURIComponent(PEM).replaceAll("%20", "+")}`, { token: ID, key: PEM }],
    ["the older #debugger?", `#debugger?token=${ID}`, { token: ID, key: null }],
  ];
  for (const [name, hash, want] of cases) {
    const l = parseLink(hash, "");
    assert.equal(l.error, "", name);
    assert.equal(l.classic, true, name);
    assert.equal(l.token, want.token, name);
    assert.equal(l.key, want.key, name);
  }
});

test("reads the page's own links and OAuth redirects, every token of them", () => {
  assert.deepEqual(pick(parseLink(`#token=${ID}&key=s%2Bcret`, "")), { token: ID, tokens: [{ name: "token", token: ID }], key: "s+cret", classic: false, fromQuery: false, error: "" });
  const oauth = parseLink(`#access_token=${ACCESS}&token_type=Bearer&id_token=${ID}&state=x`, "");
  assert.deepEqual(oauth.tokens, [{ name: "id_token", token: ID }, { name: "access_token", token: ACCESS }]);
  assert.equal(oauth.token, ID);
  assert.deepEqual(pick(parseLink("", `?token=${ID}&utm=1`)), { token: ID, tokens: [{ name: "token", token: ID }], key: null, classic: false, fromQuery: true, error: "" });
  assert.deepEqual(pick(parseLink("", "")), { token: null, tokens: [], key: null, classic: false, fromQuery: false, error: "" });
  assert.equal(parseLink(`#token=${ID}&token=${ID}`, "").token, ID, "the same token twice is one reading");
});

test("says why a link cannot be opened, and reads no key from it", () => {
  const cases = [
    ["unknown fragment", "#tokn=abc", /holds no token this page can read/],
    ["a key and no token", "#key=secret", /holds no token/],
    ["a bare word", "#hello", /#hello/],
    ["classic without a token", "#debugger-io?publicKey=abc", /jwt\.io link \(#debugger-io\) carries no token/],
    ["classic, bad escape", `#debugger-io?token=${ID}&publicKey=%E0%A4%A`, /publicKey holds a malformed %-escape/],
    ["empty token", "#token=&key=x", /token= is empty/],
    ["two different tokens under one name", `#token=${ID}&token=${ACCESS}&key=x`, /token= 2 times, with different tokens/],
    ["two different tokens in the query", `?id_token=${ID}&id_token=${ACCESS}`, /id_token= 2 times/],
    ["two different keys", `#token=${ID}&key=a&key=b`, /key= twice, with different values/],
    ["two different publicKeys", `#debugger-io?token=${ID}&publicKey=a&publicKey=b`, /publicKey= twice/],
    ["two JWKS URLs", `#token=${ID}&jwks=https://a.example/&jwks=https://b.example/`, /jwks= twice/],
  ];
  for (const [name, link, want] of cases) {
    const [hash, search] = link.startsWith("?") ? ["", link] : [link, ""];
    const l = parseLink(hash, search);
    assert.match(l.error, want, name);
    assert.equal(l.token, null, name);
    assert.equal(l.key, null, name);
    assert.equal(l.jwksURL, null, name);
  }
});

test("hashWithoutKey drops the key a link carried", () => {
  const cases = [
    [`#token=${ID}&key=s&enc=hex`, `#token=${ID}`],
    ["#key=s", ""],
    [`#token=${ID}`, null],
    ["", null],
    [`#debugger-io?token=${ID}&publicKey=${encodeURIComponent(PEM)}`, `#token=${ID}`],
    ["#debugger-io?publicKey=abc", ""],
  ];
  for (const [hash, want] of cases) assert.equal(hashWithoutKey(hash), want, hash);
});

test("reads the token to compare with: #token=…&compare=…", () => {
  const l = parseLink(`#token=${ID}&compare=${ACCESS}`, "");
  assert.deepEqual([l.error, l.token, l.compare], ["", ID, ACCESS]);
  assert.equal(parseLink(`#token=${ID}`, "").compare, null);
  // Two different tokens to compare with: neither is picked.
  const twice = parseLink(`#token=${ID}&compare=${ACCESS}&compare=${ID}`, "");
  assert.match(twice.error, /compare= twice/);
  assert.equal(twice.compare, null);
});
