// web/lazy.js: a decode answer crosses from the engine worker to the page
// with its payload still unparsed, and reads the same once there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { forTransfer, fromTransfer, isLazy, lazy } from "../lazy.js";

function answer() {
  const d = { ok: true, payloadText: '{"a":[1,{"b":2}],"n":12}', payloadJSON: true, headerText: "{}" };
  let parses = 0;
  lazy(d, "payload", () => (parses++, JSON.parse(d.payloadText)));
  return { d, parses: () => parses };
}

test("a lazy payload is parsed once, on its first read", () => {
  const { d, parses } = answer();
  assert.equal(parses(), 0);
  assert.ok(isLazy(d, "payload"));
  assert.deepEqual(d.payload, { a: [1, { b: 2 }], n: 12 });
  assert.equal(d.payload, d.payload);
  assert.equal(parses(), 1);
  assert.ok(!isLazy(d, "payload"));
});

test("it crosses a structured clone unparsed, and reads the same after", () => {
  const { d, parses } = answer();
  const sent = structuredClone(forTransfer(d));
  assert.equal(parses(), 0, "the worker parsed the payload to send it");
  assert.equal("payload" in sent, false);
  const got = fromTransfer(sent);
  assert.ok(isLazy(got, "payload"));
  assert.equal("lazyPayload" in got, false);
  assert.deepEqual(got.payload, JSON.parse(d.payloadText));
  assert.deepEqual({ ...got }, { ...answer().d });
});

test("answers without a lazy payload cross as they are", () => {
  for (const v of [null, 5, "x", { ok: false, error: { code: "bad_json" } }, { payload: null, payloadText: "hi" }, { payload: { a: 1 } }]) {
    assert.equal(forTransfer(v), v);
    assert.deepEqual(fromTransfer(structuredClone(v)), v);
  }
  // A read value is no longer lazy: it is sent whole.
  const { d } = answer();
  void d.payload;
  assert.deepEqual(structuredClone(forTransfer(d)).payload, { a: [1, { b: 2 }], n: 12 });
});
