// Tests of web/paste.js under node: `make web-test` (part of `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { findTokens, foundLine, holdsOtherThanToken, looksLikeJWSJSON, looksLikeToken, MAX_FOUND, MAX_TEXT } from "../paste.js";

const b64 = (s) => Buffer.from(s).toString("base64url");
const jwt = (header, payload = '{"sub":"1"}', sig = "c2ln") => `${b64(header)}.${b64(payload)}.${sig}`;
const ID = jwt('{"alg":"RS256","kid":"k1"}', '{"sub":"id"}');
const ACCESS = jwt('{"alg":"HS256"}', '{"sub":"access"}');
const NONE = jwt('{"alg":"none"}', '{"sub":"x"}', "");
const SD = `${jwt('{"alg":"ES256","typ":"dc+sd-jwt"}')}~${b64('["salt","name","Ada"]')}~${b64('["s2","age",36]')}~`;
const JWE = `${b64('{"alg":"dir","enc":"A128GCM"}')}..aXY.Y2lwaGVy.dGFn`;

const found = (text) => findTokens(text).map(({ token, name, where }) => ({ token, name, where }));

test("finds the token in what is pasted, and says where", () => {
  const cases = [
    ["Authorization line", `Authorization: Bearer ${ID}`, [{ token: ID, name: "Bearer token", where: "in the Authorization header" }]],
    ["Authorization, any case", `authorization:bearer  ${ID}\r\n`, [{ token: ID, name: "Bearer token", where: "in the Authorization header" }]],
    ["Cookie line", `Cookie: theme=dark; session=${ID}; lang=en`, [{ token: ID, name: "session cookie", where: "in the Cookie header" }]],
    ["Set-Cookie line", `Set-Cookie: id=${ID}; Path=/; HttpOnly; Secure`, [{ token: ID, name: "id cookie", where: "in the Set-Cookie header" }]],
    ["URL query", `https://app.example/cb?code=abc&id_token=${ID}&state=xyz`, [{ token: ID, name: "id_token", where: "in the URL's query" }]],
    ["URL fragment", `https://app.example/cb#state=1&access_token=${ACCESS}&token_type=Bearer&id_token=${ID}`, [
      { token: ACCESS, name: "access_token", where: "in the URL's fragment" },
      { token: ID, name: "id_token", where: "in the URL's fragment" },
    ]],
    ["URL, any parameter", `https://app.example/?jwt=${ID}`, [{ token: ID, name: "jwt", where: "in the URL's query" }]],
    ["JSON body", `{"access_token": "${ACCESS}", "token_type": "Bearer", "expires_in": 3600, "id_token": "${ID}"}`, [
      { token: ACCESS, name: "access_token", where: "in the JSON body" },
      { token: ID, name: "id_token", where: "in the JSON body" },
    ]],
    ["JSON, nested, any member", `{\n  "data": {"credential": "${SD}"}\n}`, [{ token: SD, name: "credential", where: "in the JSON body" }]],
    ["curl", `curl -s https://api.example/me \\\n  -H 'Accept: application/json' -H 'Authorization: Bearer ${ACCESS}'`, [
      { token: ACCESS, name: "Bearer token", where: "in the Authorization header of the curl command" },
    ]],
    ["curl, double quotes, one line", `curl -H "Accept: */*" -H "Authorization: Bearer ${ACCESS}" https://api.example/`, [
      { token: ACCESS, name: "Bearer token", where: "in the Authorization header of the curl command" },
    ]],
    ["raw HTTP request", `POST /token HTTP/1.1\r\nHost: api.example\r\nAuthorization: Bearer ${ACCESS}\r\nContent-Type: application/json\r\n\r\n{"id_token":"${ID}"}`, [
      { token: ACCESS, name: "Bearer token", where: "in the Authorization header of the HTTP request" },
      { token: ID, name: "id_token", where: "in the JSON in the HTTP request" },
    ]],
    ["HTTP response", `HTTP/1.1 302 Found\nLocation: https://app.example/cb#id_token=${ID}\n`, [{ token: ID, name: "id_token", where: "in a parameter in the HTTP response" }]],
    ["unsecured, empty signature", `{"t":"${NONE}"}`, [{ token: NONE, name: "t", where: "in the JSON body" }]],
    ["JWE, five parts", `token=${JWE}`, [{ token: JWE, name: "token", where: "in a parameter in the pasted text" }]],
    ["SD-JWT kept whole at ~", `Authorization: Bearer ${SD}`, [{ token: SD, name: "Bearer token", where: "in the Authorization header" }]],
    ["the same token twice is one", `{"a":"${ID}","b":"${ID}"}`, [{ token: ID, name: "a", where: "in the JSON body" }]],
    ["in prose", `the token is ${ID} (from prod)`, [{ token: ID, name: "token", where: "in the pasted text" }]],
    ["in markup", `<td>${ID}</td>`, [{ token: ID, name: "token", where: "in the pasted text" }]],
    ["in brackets", `see [${ID}]`, [{ token: ID, name: "token", where: "in the pasted text" }]],
    ["first, then notes", `${ID}\nfrom the staging logs`, [{ token: ID, name: "token", where: "in the pasted text" }]],
  ];
  for (const [name, text, want] of cases) assert.deepEqual(found(text), want, name);
});

test("never mistakes text for a token, nor cuts one short", () => {
  const cases = [
    ["no token", "Authorization: Basic dXNlcjpwYXNz"],
    ["a host name", "https://api.example.com/v1.2.3"],
    ["three parts whose header is not JSON", "abc.def.ghi"],
    ["a header that is JSON but no object", `${b64("[1]")}.${b64("{}")}.x`],
    ["a header without alg", `${b64('{"typ":"JWT"}')}.${b64("{}")}.x`],
    ["a header that is not UTF-8", `${Buffer.from([0x7b, 0xff, 0x7d]).toString("base64url")}.${b64("{}")}.x`],
    ["alg in the payload only", `${b64('{"typ":"JWT"}')}.${b64('{"alg":"HS256"}')}.x`],
    ["four parts", `${ID}.more`],
    ["an empty payload", `${b64('{"alg":"HS256"}')}..sig`],
    ["a bad character in the signature", `${ID}+abc`],
    ["a slash in the signature", `${ID}/abc`],
    ["base64 padding after it", `${ID}=`],
    ["glued to a word", `x${ID}`],
    ["markup after an unsecured token", `${NONE}<svg onload=alert(1)>`],
    ["markup after a signature", `${ID}<b>x</b>`],
    ["a separator glued to the start", `${ID};x`],
    ["quotes that do not pair", `"${ID}'`],
    ["a smart quote", `“${ID}”`],
    ["percent-escaped", `token=${ID.replace(".", "%2E")}`],
    ["a JWE with an empty part", `${b64('{"alg":"dir","enc":"A128GCM"}')}..aXY..dGFn`],
    ["a JWE with a tilde", `${JWE}~x~`],
  ];
  for (const [name, text] of cases) assert.deepEqual(found(text), [], name);
});

test("is bounded: no search past MAX_TEXT, at most MAX_FOUND tokens, and linear time", () => {
  assert.deepEqual(findTokens(`token=${ID}&` + "x".repeat(MAX_TEXT)), []);
  assert.equal(findTokens(Array.from({ length: 30 }, (_, i) => `t${i}=${jwt(`{"alg":"HS256","n":${i}}`)}`).join("&")).length, MAX_FOUND);
  assert.deepEqual(findTokens(null), []);
  // Long runs of token characters and of delimiters cost one pass each.
  for (const text of [".".repeat(MAX_TEXT - 1), "a=".repeat(MAX_TEXT / 2 - 1), `"a":"`.repeat(200000), "eyJ.".repeat(250000)]) {
    const t0 = performance.now();
    findTokens(text);
    assert.ok(performance.now() - t0 < 2000, `${text.slice(0, 10)}… took ${performance.now() - t0} ms`);
  }
});

test("looksLikeToken checks the shape and the header", () => {
  assert.equal(looksLikeToken(ID), true);
  assert.equal(looksLikeToken(SD), true);
  assert.equal(looksLikeToken(JWE), true);
  assert.equal(looksLikeToken(`${ID}~`), true);
  assert.equal(looksLikeToken(ID.slice(0, ID.lastIndexOf("."))), false);
  assert.equal(looksLikeToken(`a${ID}`), false); // the header is then no longer base64 of JSON
});

test("foundLine says which token and lists the others", () => {
  const two = findTokens(`{"id_token":"${ID}","access_token":"${ACCESS}"}`);
  assert.equal(foundLine(two), "Found the id_token in the JSON body (2 tokens found: id_token, access_token).");
  assert.equal(foundLine(two, 1), "Found the access_token in the JSON body (2 tokens found: id_token, access_token).");
  assert.equal(foundLine(findTokens(`Authorization: Bearer ${ID}`)), "Found the Bearer token in the Authorization header.");
  assert.equal(foundLine([]), "");
});

test("holdsOtherThanToken leaves a bare token, and a Bearer one, to the core", () => {
  const cases = [
    [ID, false],
    [`  ${ID}\n`, false],
    [`Bearer ${ID}`, false],
    [`Authorization: Bearer ${ID}`, true],
    [`"${ID}"`, true],
    [`${ID} ${ACCESS}`, true],
    ["no token", false],
  ];
  for (const [text, want] of cases) assert.equal(holdsOtherThanToken(text, findTokens(text)), want, text);
});

test("on any text: never throws, and every token found is where it says, whole", () => {
  const alphabet = ["a", "eyJ", ".", "~", "=", "&", '"', "'", " ", "\n", ":", "<", ">", "+", "/", ID, SD, NONE, "Bearer ", "{", "}"];
  let seed = 1;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let round = 0; round < 3000; round++) {
    let text = "";
    for (let k = rand(12); k > 0; k--) text += alphabet[rand(alphabet.length)];
    for (const f of findTokens(text)) {
      assert.equal(text.slice(f.start, f.end), f.token, text);
      assert.ok(looksLikeToken(f.token) || looksLikeJWSJSON(f.token), text);
      assert.ok(f.start === 0 || !/[A-Za-z0-9_.~-]/.test(text[f.start - 1]), `cut at the start: ${text}`);
      assert.ok(f.end === text.length || !/[A-Za-z0-9_.~-]/.test(text[f.end]), `cut at the end: ${text}`);
    }
  }
});

// A JWS in the JSON serialization (RFC 7515 §7.2), as ACME posts one.
const FLAT = JSON.stringify({ protected: b64('{"alg":"ES256","nonce":"n1","url":"https://acme.example/new-order"}'), payload: b64('{"identifiers":[]}'), signature: "c2ln" });
const GENERAL = JSON.stringify({ payload: b64(`{"token":"${ID}"}`), signatures: [{ protected: b64('{"alg":"RS256"}'), header: { kid: "k1" }, signature: "c2ln" }] });

test("a JWS JSON is kept whole, and found in an HTTP body or curl data", () => {
  // Pasted alone, it is left to the core, even when a member holds a token.
  for (const text of [FLAT, GENERAL, `  ${GENERAL}\n`, JSON.stringify({ payload: "e30", signatures: [], note: ID })]) {
    assert.deepEqual(findTokens(text), [], text.slice(0, 40));
    assert.equal(holdsOtherThanToken(text, findTokens(text)), false);
  }
  const cases = [
    ["ACME request", `POST /acme/new-order HTTP/1.1\r\nHost: acme.example\r\nContent-Type: application/jose+json\r\n\r\n${FLAT}\r\n`, "in the body of the HTTP request"],
    ["HTTP response", `HTTP/1.1 200 OK\nContent-Type: application/jose+json\n\n  ${GENERAL}`, "in the body of the HTTP response"],
    ["curl --data-raw", `curl -X POST https://acme.example/new-order -H 'Content-Type: application/jose+json' --data-raw '${FLAT}'`, "in the data of the curl command"],
    ["curl -d", `curl -d '${GENERAL}' https://acme.example/`, "in the data of the curl command"],
  ];
  for (const [name, text, where] of cases) {
    const f = findTokens(text);
    assert.equal(f[0]?.name, "JWS JSON", name);
    assert.equal(f[0].where, where, name);
    assert.equal(text.slice(f[0].start, f[0].end), f[0].token, name);
    assert.ok(looksLikeJWSJSON(f[0].token), name);
    assert.equal(holdsOtherThanToken(text, f), true, name);
    assert.equal(foundLine(f), `Found the JWS JSON ${where}.`, name);
  }
});

test("looksLikeJWSJSON wants a payload and a signature or signatures", () => {
  for (const text of [FLAT, GENERAL, '{"payload":"","signature":""}', '{"payload":"x","signatures":[]}']) assert.equal(looksLikeJWSJSON(text), true, text);
  for (const text of ['{"payload":"x"}', '{"signature":"x"}', '{"payload":1,"signature":"x"}', '{"payload":"x","signatures":{}}', "[1]", "{", "", null, `{"payload":"x","signature":"y"} trailing`, `x${FLAT}`]) {
    assert.equal(looksLikeJWSJSON(text), false, String(text));
  }
});
