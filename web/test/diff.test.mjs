// Tests of web/diff.js under node: `make web-test` (part of `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { diffMembers, diffTokens, formatDelta, members, timeDiff } from "../diff.js";

const decoded = (header, payload) => ({ ok: true, headerText: header, payloadText: payload });

test("an ID token before and after refresh: exp an hour later, a claim added, one removed", () => {
  const a = decoded('{"alg":"RS256","kid":"k1"}', '{"sub":"42","iat":1700000000,"exp":1700003600,"nonce":"n"}');
  const b = decoded('{"alg":"RS256","kid":"k2"}', '{"sub":"42","iat":1700003600,"exp":1700007200,"at_hash":"h"}');
  const d = diffTokens(a, b);
  assert.deepEqual(d.notes, []);
  assert.deepEqual(
    d.header.map((r) => [r.name, r.change]),
    [["alg", "same"], ["kid", "changed"]],
  );
  assert.deepEqual(
    d.claims.map((r) => [r.name, r.change, r.before, r.after]),
    [
      ["sub", "same", '"42"', '"42"'],
      ["iat", "changed", "1700000000", "1700003600"],
      ["exp", "changed", "1700003600", "1700007200"],
      ["nonce", "removed", '"n"', undefined],
      ["at_hash", "added", undefined, '"h"'],
    ],
  );
  const exp = d.claims.find((r) => r.name === "exp");
  assert.deepEqual(exp.time, { before: "2023-11-14T23:13:20.000Z", after: "2023-11-15T00:13:20.000Z", delta: "+1 h" });
  assert.equal(d.claims.find((r) => r.name === "sub").time, undefined);
});

test("member names are exact: a case variant is another member", () => {
  const rows = diffMembers({ exp: 1 }, { EXP: 1 }, new Set(["exp"]));
  assert.deepEqual(rows.map((r) => [r.name, r.change]), [["exp", "removed"], ["EXP", "added"]]);
});

test("of duplicate members the last counts, as in the core", () => {
  assert.deepEqual(members('{"exp":1,"exp":2}'), { exp: 2 });
});

test("a value's type counts: 1 and \"1\" differ", () => {
  assert.equal(diffMembers({ exp: 1 }, { exp: "1" })[0].change, "changed");
});

test("a part that is not a JSON object is said, never compared as empty", () => {
  for (const [a, b, want] of [
    ["x", "{}", ["The first token's payload is not a JSON object."]],
    ["{}", "[1]", ["The second token's payload is not a JSON object."]],
  ]) {
    assert.deepEqual(diffTokens(decoded("{}", a), decoded("{}", b)).notes, want);
  }
  assert.deepEqual(diffTokens(null, decoded("{}", "{}")).notes, ["The first token's header is not a JSON object.", "The first token's payload is not a JSON object."]);
});

test("times as dates and the difference between them", () => {
  const cases = [
    [0, 3600, "+1 h"],
    [3600, 0, "−1 h"],
    [0, 5400, "+1 h 30 min"],
    [0, 90061, "+1 d 1 h"],
    [0, 86405, "+1 d"],
    [0, 0, "0 s"],
    [0, 0.5, "+0.5 s"],
  ];
  for (const [a, b, want] of cases) assert.equal(timeDiff(a, b).delta, want, `${a} → ${b}`);
  assert.deepEqual(timeDiff(undefined, 0), { before: undefined, after: "1970-01-01T00:00:00.000Z", delta: undefined });
  assert.deepEqual(timeDiff(0, "soon"), { before: "1970-01-01T00:00:00.000Z", after: undefined, delta: undefined });
  assert.equal(timeDiff("a", "b"), null);
  assert.equal(timeDiff(1e300, 0).before, undefined); // beyond what a Date holds
  assert.equal(formatDelta(-60), "−1 min");
});
