// Tests of web/sdmodel.js under node: `make web-test` (part of `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  claimsOf,
  decoyCount,
  decoyDigests,
  disclosureRows,
  disclosureText,
  explainedRows,
  isSD,
  issueInput,
  issuedSummary,
  kbNotCompared,
  kbVerifyErrors,
  partOf,
  payloadClaims,
  placeErrors,
  presentInput,
  processedNote,
  revealSet,
  sdText,
  undisclosedText,
  verifierLearns,
} from "../sdmodel.js";

// A decodeSD result as the core gives it: two good disclosures, one that
// nothing refers to (a forged one), one that is refused as reserved, a
// payload error and a key-binding error.
const decoded = {
  ok: true,
  disclosures: [
    { index: 0, text: "WyJzMSIsImdpdmVuX25hbWUiLCJBZGEiXQ", salt: "s1", name: "given_name", value: "Ada", digest: "d0", path: "/given_name" },
    { index: 1, text: "WyJzMiIsIkdCIl0", salt: "s2", value: "GB", digest: "d1", path: "/nationalities/0" },
    {
      index: 2, text: "WyJzMyIsImFkbWluIix0cnVlXQ", salt: "s3", name: "admin", value: true, digest: "d2", path: "",
      error: { code: "sd_unreferenced", message: "disclosure 2 is not referenced", part: "disclosure", index: 2 },
    },
    {
      index: 3, text: "WyJzNCIsIl9zZCIsW11d", salt: "s4", name: "_sd", value: [], digest: "d3", path: "",
      error: { code: "sd_reserved_name", message: "disclosure 3 discloses _sd", part: "disclosure", index: 3 },
    },
  ],
  errors: [
    { code: "sd_reserved_name", message: "disclosure 3 discloses _sd", part: "disclosure", index: 3 },
    { code: "sd_unreferenced", message: "disclosure 2 is not referenced", part: "disclosure", index: 2 },
    { code: "sd_digest_reused", message: "digest d1 twice", part: "disclosure", index: 2 },
    { code: "sd_malformed", message: "_sd at /address is not an array", part: "payload" },
    { code: "sd_malformed", message: "disclosure 9 is gone", part: "disclosure", index: 9 },
    { code: "kb_invalid", message: "typ is not kb+jwt", part: "keyBinding" },
  ],
  processed: { given_name: "Ada", nationalities: ["GB"] },
  undisclosed: [{ path: "", count: 3 }, { path: "/nationalities", count: 1 }],
};

test("isSD: only text with a ~ is an SD-JWT", () => {
  assert.equal(isSD("a.b.c~"), true);
  assert.equal(isSD("a.b.c"), false);
  assert.equal(isSD(""), false);
});

test("disclosureText shows the array as written, or the text it could not decode", () => {
  const enc = (raw) => Buffer.from(raw).toString("base64url");
  // A number past float64 and member order are kept as the issuer wrote them.
  const raw = '["s1", "account", {"z": 1, "a": 12345678901234567890123}]';
  assert.equal(disclosureText({ text: enc(raw), salt: "s1", name: "account", value: { a: 1.2345678901234568e22, z: 1 } }), raw);
  assert.equal(disclosureText({ text: enc('["s2","Möbius"]'), salt: "s2", value: "Möbius" }), '["s2","Möbius"]');
  // Bytes that are not UTF-8 read as TextDecoder reads them.
  assert.equal(disclosureText({ text: Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x2c, 0x31, 0x5d]).toString("base64url"), salt: "\ufffd", value: 1 }), '["\ufffd",1]');
  // Without base64url text, the decoded members.
  assert.equal(disclosureText({ text: "!", salt: "s", name: "", value: 1 }), '["s", "", 1]');
  assert.equal(disclosureText({ text: "!!not-base64", salt: "" }), "!!not-base64");
});

test("placeErrors puts each error beside its part, once, and none is lost", () => {
  const p = placeErrors(decoded);
  assert.deepEqual(p.rows.get(0), []);
  assert.deepEqual(p.rows.get(2).map((e) => e.code), ["sd_unreferenced", "sd_digest_reused"]);
  assert.deepEqual(p.rows.get(3).map((e) => e.code), ["sd_reserved_name"]);
  assert.deepEqual(p.keyBinding.map((e) => e.code), ["kb_invalid"]);
  // The payload's error, and one about a disclosure with no row.
  assert.deepEqual(p.elsewhere.map((e) => e.message), ["_sd at /address is not an array", "disclosure 9 is gone"]);
  const placed = [...p.rows.values()].flat().length + p.keyBinding.length + p.elsewhere.length;
  const distinct = new Set(decoded.errors.map((e) => `${e.part} ${e.index} ${e.code} ${e.message}`)).size;
  assert.equal(placed, distinct);
});

test("disclosureRows: where each lands, unreferenced ones said so", () => {
  const rows = disclosureRows(decoded);
  assert.deepEqual(rows.map((r) => r.where), ["/given_name", "/nationalities/0", "not referenced", "not referenced"]);
  assert.deepEqual(rows.map((r) => r.referenced), [true, true, false, false]);
  assert.equal(rows[2].errors[0].code, "sd_unreferenced");
});

test("partOf names the part at fault", () => {
  assert.equal(partOf({ part: "disclosure", index: 4 }), "disclosure 4");
  assert.equal(partOf({ part: "payload" }), "the issuer JWT's payload");
  assert.equal(partOf({ part: "keyBinding" }), "the key-binding JWT");
  assert.equal(partOf({ part: "token" }), "the SD-JWT");
});

test("undisclosedText counts hidden digests and decoys alike, by place", () => {
  assert.equal(
    undisclosedText(decoded.undisclosed),
    "4 undisclosed digests (3 in the top level, 1 in /nationalities): claims not revealed, or decoys; the verifier cannot tell which.",
  );
  assert.match(undisclosedText([{ path: "/a", count: 1 }]), /^1 undisclosed digest \(1 in \/a\)/);
  assert.match(undisclosedText([]), /^No undisclosed digests/);
});

test("kbVerifyErrors keeps verify's key-binding findings only", () => {
  const v = { ok: true, errors: [{ part: "payload", code: "token_expired" }, { part: "keyBinding", code: "kb_nonce_mismatch" }] };
  assert.deepEqual(kbVerifyErrors(v).map((e) => e.code), ["kb_nonce_mismatch"]);
  assert.deepEqual(kbVerifyErrors({ ok: false, error: {} }), []);
  assert.deepEqual(kbVerifyErrors(undefined), []);
});

test("claimsOf offers members and array elements as JSON Pointers, private top-level claims ticked", () => {
  const claims = claimsOf({ iss: "x", "a/b~c": 1, _sd: ["d"], _sd_alg: "sha-256", cnf: { jwk: {} }, address: { street: "s" }, nationalities: ["GB", "FR"] });
  assert.deepEqual(claims.map((c) => [c.path, c.ticked]), [
    ["/iss", false],
    ["/a~1b~0c", true],
    ["/address", true],
    ["/address/street", false],
    ["/nationalities", true],
    ["/nationalities/0", false],
    ["/nationalities/1", false],
  ]);
  // An array element named like the mechanism is still an element.
  assert.deepEqual(claimsOf({ list: ["_sd"] }).map((c) => c.path), ["/list", "/list/0"]);
  // Deep nesting stops after a few levels rather than listing everything.
  assert.equal(claimsOf({ a: { b: { c: { d: { e: { f: 1 } } } } } }).length, 4);
  assert.equal(claimsOf({ long: "x".repeat(100) })[0].shown.length, 41);
});

test("payloadClaims says why there is nothing to offer", () => {
  assert.match(payloadClaims("{").note, /not JSON/);
  assert.match(payloadClaims("[1]").note, /not a JSON object/);
  assert.match(payloadClaims("{}").note, /no claims/);
  assert.equal(payloadClaims('{"a":1}').claims.length, 1);
});

test("decoyCount takes a whole number from 0 to 64, and names the box otherwise", () => {
  assert.deepEqual(decoyCount(""), { count: 0 });
  assert.deepEqual(decoyCount(" 3 "), { count: 3 });
  assert.deepEqual(decoyCount("64"), { count: 64 });
  for (const bad of ["-1", "1.5", "65", "abc", "1e9", "Infinity"]) {
    assert.match(decoyCount(bad).error, /^Decoy digests: .* is not a whole number from 0 to 64\.$/, bad);
  }
});

test("issueInput: the ticked pointers, decoys and a holder key only when given", () => {
  const src = { header: '{"alg":"ES256"}', payload: '{"a":1}', key: "k", secretEncoding: "utf8" };
  const { input } = issueInput(src, ["/a"], "2", "  ");
  assert.deepEqual(input, { ...src, disclose: ["/a"], decoys: 2 });
  assert.equal(issueInput(src, [], "0", " PEM ").input.holderKey, "PEM");
  assert.match(issueInput(src, [], "x", "").error, /Decoy digests/);
});

test("revealSet adds the disclosures a revealed one sits in", () => {
  const ds = [
    { index: 0, path: "/address" },
    { index: 1, path: "/address/street" },
    { index: 2, path: "/addresses" }, // a prefix of the name only: not an ancestor
    { index: 3, path: "/nationalities/0" },
    { index: 4, path: "" }, // not referenced: contains nothing
  ];
  assert.deepEqual(revealSet(ds, [1]), { reveal: [0, 1], implied: [0] });
  assert.deepEqual(revealSet(ds, [2, 3]), { reveal: [2, 3], implied: [] });
  assert.deepEqual(revealSet(ds, [0, 1]), { reveal: [0, 1], implied: [] });
  assert.deepEqual(revealSet(ds, []), { reveal: [], implied: [] });
});

test("presentInput: key binding needs the holder key, an audience and a nonce", () => {
  const kb = { on: true, holderKey: " PEM ", audience: " https://v ", nonce: " n1 " };
  assert.deepEqual(presentInput("sd~", [1, 0], kb, 1700000000.7).input, {
    sdjwt: "sd~", reveal: [1, 0], holderKey: "PEM", audience: "https://v", nonce: "n1", iat: 1700000000,
  });
  assert.deepEqual(presentInput("sd~", [0], { ...kb, on: false }, 0).input, { sdjwt: "sd~", reveal: [0] });
  assert.match(presentInput("sd~", [], { ...kb, holderKey: "" }, 0).error, /holder's private key/);
  assert.equal(presentInput("sd~", [], { ...kb, issuedWith: "PEM" }, 0).input.holderKey, "PEM");
  assert.match(presentInput("sd~", [], { ...kb, issuedWith: "OTHER" }, 0).error, /holder key changed since the SD-JWT was issued/);
  assert.match(presentInput("sd~", [], { ...kb, nonce: "" }, 0).error, /needs a nonce:/);
  assert.match(presentInput("sd~", [], { ...kb, audience: "", nonce: "" }, 0).error, /needs an audience \(aud\) and a nonce/);
});

test("verifierLearns: the claims, the hidden digests and whom the key binding is for", () => {
  const learned = verifierLearns({ ...decoded, keyBinding: { payload: { aud: "https://v", nonce: "n1", iat: 5, sd_hash: "h" } } });
  assert.deepEqual(JSON.parse(learned.claims), decoded.processed);
  assert.match(learned.notes[0], /^4 undisclosed digests/);
  assert.equal(learned.notes[1], 'A key-binding JWT for "https://v" with nonce "n1", issued at 5: the holder of the cnf key presented it.');
  assert.match(verifierLearns(decoded).notes[1], /^No key-binding JWT/);
  assert.deepEqual(verifierLearns({ ok: false }), { claims: "", notes: [] });
});

test("decoyDigests finds the digests no disclosure matches, however deep", () => {
  const payload = { iss: "x", _sd: ["real-top", "decoy-1"], list: [{ "...": "real-el" }, { "...": "decoy-2" }, { "...": 5 }, "plain"] };
  const disclosures = [
    { digest: "real-top", value: { _sd: ["real-in", "decoy-3"] } },
    { digest: "real-el", value: "GB" },
    { digest: "real-in", value: 1 },
  ];
  assert.deepEqual(decoyDigests(payload, disclosures), ["decoy-1", "decoy-2", "decoy-3"]);
  assert.deepEqual(decoyDigests({ _sd: ["real-top"] }, disclosures.slice(0, 1)), ["real-in", "decoy-3"]);
  // An object with "..." among other members is a plain value, not a digest.
  assert.deepEqual(decoyDigests({ a: [{ "...": "d", b: 1 }] }, []), []);
});

test("issuedSummary counts disclosures and names the decoys", () => {
  assert.equal(issuedSummary([{}, {}], []), "Issued with 2 disclosures.");
  assert.equal(
    issuedSummary([{}], ["abcdefghijklmnopq"]),
    "Issued with 1 disclosure, and 1 decoy digest that no disclosure matches (abcdefghijkl…): to a verifier they look like claims not revealed.",
  );
});

test("kbNotCompared says which key-binding values no expected value checked", () => {
  const v = { ok: true, keyBinding: true, keyBindingValid: true, errors: [] };
  assert.match(kbNotCompared(v, { audience: "", nonce: " " }), /^The key binding's audience \(aud\) and nonce were not compared/);
  assert.match(kbNotCompared(v, { audience: "https://v", nonce: "" }), /^The key binding's nonce was not compared/);
  assert.equal(kbNotCompared(v, { audience: "https://v", nonce: "n" }), "");
  // Nothing to add when there is no key binding, or it failed anyway.
  assert.equal(kbNotCompared({ ...v, keyBinding: false }, { audience: "", nonce: "" }), "");
  assert.equal(kbNotCompared({ ...v, keyBindingValid: false }, { audience: "", nonce: "" }), "");
  assert.equal(kbNotCompared({ ok: false }, { audience: "", nonce: "" }), "");
});

test("sdText writes the SD-JWT back as it was read", () => {
  const d = { issuerJwt: "h.p.s", disclosures: [{ text: "WyJh" }, { text: "" }, { text: "WyJi" }] };
  assert.equal(sdText(d), "h.p.s~WyJh~~WyJi~");
  assert.equal(sdText({ ...d, keyBindingJwt: "k.b.s" }), "h.p.s~WyJh~~WyJi~k.b.s");
  assert.equal(sdText({ issuerJwt: "h.p.s", disclosures: [] }), "h.p.s~");
});

test("explainedRows: the verifier's claims, then the key binding's header and claims", () => {
  const entry = (name, raw, extra = {}) => ({ name, raw, kind: "public", description: `about ${name}`, ...extra });
  const rows = explainedRows({
    ok: true,
    claims: [entry("_sd", "[]")],
    disclosed: [entry("given_name", '"Ada"', { source: "OpenID Connect Core §5.1" })],
    keyBinding: { header: [entry("typ", '"kb+jwt"')], claims: [entry("iat", "1", { time: { relative: "2 minutes ago" } }), entry("nonce", '"' + "n".repeat(300) + '"')] },
  });
  assert.deepEqual(rows.map((r) => [r.where, r.name]), [
    ["claims", "given_name"],
    ["key-binding header", "typ"],
    ["key-binding claims", "iat"],
    ["key-binding claims", "nonce"],
  ]);
  assert.equal(rows[0].source, "OpenID Connect Core §5.1");
  assert.equal(rows[2].value, "1 (2 minutes ago)");
  assert.equal(rows[3].value.length, 201);
  assert.deepEqual(explainedRows({ ok: true }), []);
  assert.deepEqual(explainedRows({ ok: false }), []);
});

test("processedNote counts the undisclosed digests only of a payload that was processed", () => {
  assert.match(processedNote(decoded), /^4 undisclosed digests/);
  // An unsupported _sd_alg: nothing processed, so no "no undisclosed digests".
  assert.match(processedNote({ ...decoded, processed: null, undisclosed: [] }), /^The disclosures could not be applied/);
});
