// Tests of web/jwt.js under node, with a stand-in for the browser's Worker:
// the page's side of the engine protocol (see web/worker.js). `make
// web-test` (part of `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";

// FakeWorker records what the page posts and lets a test answer as the
// engine would. postMessage clones as the browser does, so a value that
// cannot cross to a worker throws here too.
class FakeWorker {
  static all = [];
  constructor(url, options) {
    this.url = String(url);
    this.options = options;
    this.posted = [];
    this.terminated = false;
    FakeWorker.all.push(this);
  }
  postMessage(data) {
    this.posted.push(structuredClone(data));
  }
  terminate() {
    this.terminated = true;
  }
  // answer sends data to the page, as the worker's postMessage would.
  answer(data) {
    this.onmessage({ data });
  }
  calls() {
    return this.posted.filter((m) => "id" in m);
  }
}
globalThis.Worker = FakeWorker;

const jwt = await import("../jwt.js");
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test("importing jwt.js starts no engine; the first call does, once", async () => {
  assert.equal(FakeWorker.all.length, 0, "an engine started on import: a page that never calls would download the wasm");
  const a = jwt.decode("a.b.c");
  const b = jwt.verify("a.b.c", { key: "k" });
  assert.equal(FakeWorker.all.length, 1);
  const w = FakeWorker.all[0];
  assert.equal(w.options.type, "module");
  assert.ok("start" in w.posted[0], "the first message starts the core");
  assert.match(w.posted[0].start, /playground\.wasm$/);
  const [c1, c2] = w.calls();
  assert.deepEqual([c1.fn, c1.args], ["decode", ["a.b.c"]]);
  assert.deepEqual([c2.fn, c2.args], ["verify", ["a.b.c", { key: "k" }]]);
  // Answers come in any order and settle the call they answer.
  w.answer({ id: c2.id, result: { ok: true, valid: false } });
  w.answer({ id: c1.id, result: { ok: true, alg: "HS256" } });
  assert.deepEqual(await a, { ok: true, alg: "HS256" });
  assert.deepEqual(await b, { ok: true, valid: false });
});

test("ready and version resolve once the engine says it runs", async () => {
  const w = FakeWorker.all.at(-1);
  let version = null;
  jwt.version().then((v) => (version = v));
  await tick();
  assert.equal(version, null, "version answered before the engine ran");
  w.answer({ ready: "v1.2.3", module: { compiled: true } });
  assert.deepEqual(await jwt.ready, { version: "v1.2.3" });
  assert.equal(await jwt.version(), "v1.2.3");
});

test("generateKey runs in an engine of its own, started from the first engine's module", async () => {
  const before = FakeWorker.all.length;
  const key = jwt.generateKey("RS256", { bits: 4096 });
  assert.equal(FakeWorker.all.length, before + 1, "generateKey must not queue behind the page's calls in the first engine");
  const k = FakeWorker.all.at(-1);
  assert.deepEqual(k.posted[0].start, { compiled: true });
  const [call] = k.calls();
  assert.deepEqual([call.fn, call.args], ["generateKey", ["RS256", { bits: 4096 }]]);
  k.answer({ id: call.id, result: { ok: true, alg: "RS256" } });
  assert.deepEqual(await key, { ok: true, alg: "RS256" });
});

test("an argument that cannot be handed to the engine is refused, not thrown", async () => {
  const r = await jwt.verify("a.b.c", { key: () => "secret" });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, "bad_input");
  assert.match(r.error.message, /verify: an argument cannot be handed to the token engine/);
});

for (const [how, kill] of [
  ["says it stopped", (w) => w.answer({ failed: "the token engine stopped" })],
  ["throws", (w) => w.onerror({ message: "Uncaught RangeError: boom", preventDefault() {} })],
  ["sends what cannot be read", (w) => w.onmessageerror({})],
]) {
  test(`an engine that ${how} settles every pending call, and the next call starts afresh`, async () => {
    const w = FakeWorker.all.find((x) => !x.terminated && x.calls().every((c) => c.fn !== "generateKey"));
    const pending = [jwt.decode("x.y.z"), jwt.lint("x.y.z", {})];
    kill(w);
    for (const r of await Promise.all(pending)) {
      assert.equal(r.ok, false);
      assert.equal(r.error.code, "internal");
      assert.ok(r.error.message.length > 0);
    }
    assert.equal(w.terminated, true, "the dead worker was not terminated");
    const count = FakeWorker.all.length;
    const next = jwt.decode("x.y.z");
    assert.equal(FakeWorker.all.length, count + 1, "the next call did not start a fresh engine");
    const fresh = FakeWorker.all.at(-1);
    assert.ok("start" in fresh.posted[0]);
    const [call] = fresh.calls();
    fresh.answer({ ready: "v1.2.3" });
    fresh.answer({ id: call.id, result: { ok: true } });
    assert.deepEqual(await next, { ok: true });
  });
}

test("an engine that cannot be constructed answers every call", async () => {
  // A page whose CSP forbids the worker: new Worker throws.
  const w = FakeWorker.all.find((x) => !x.terminated && x.calls().every((c) => c.fn !== "generateKey"));
  w.answer({ failed: "gone" });
  const Real = globalThis.Worker;
  globalThis.Worker = class {
    constructor() {
      throw new Error("refused by the page's Content-Security-Policy");
    }
  };
  try {
    await assert.rejects(Promise.resolve(jwt.ready), /Content-Security-Policy/);
    const r = await jwt.explain("x.y.z", {});
    assert.equal(r.ok, false);
    assert.equal(r.error.code, "internal");
    assert.match(r.error.message, /Content-Security-Policy/);
  } finally {
    globalThis.Worker = Real;
  }
});

test("decrypt and encrypt run in the engine of slow work, beside generateKey", async () => {
  const slow = FakeWorker.all.find((w) => w.calls().some((c) => c.fn === "generateKey"));
  const r = jwt.decrypt("a.b.c.d.e", { key: "k" });
  const [call] = slow.calls().filter((c) => c.fn === "decrypt");
  assert.ok(call, "decrypt went to the page's engine, where a PBES2 count would hold up every keystroke");
  assert.deepEqual(call.args, ["a.b.c.d.e", { key: "k" }]);
  slow.answer({ id: call.id, result: { ok: true } });
  assert.deepEqual(await r, { ok: true });
});

test("the calls of one turn are answered together; a call that waits on the network, alone", async () => {
  const decoded = jwt.decode("a.b.c");
  const verified = jwt.verifyAsync("a.b.c", { key: "k" });
  const fetched = jwt.fetchJWKS("https://example.com/jwks.json");
  const w = FakeWorker.all.findLast((x) => x.calls().some((c) => c.fn === "fetchJWKS"));
  const [d, v, f] = w.calls().slice(-3);
  assert.deepEqual([d.fn, v.fn, f.fn], ["decode", "verifyAsync", "fetchJWKS"]);
  assert.ok(Number.isInteger(d.turn) && d.turn === v.turn, "a keystroke's decode and verify must be answered in one message, or the page paints between them");
  assert.equal(f.turn, undefined, "a JWKS fetch must not hold back the answers of its turn");
  assert.ok(!w.posted.some((m) => m.flush === d.turn), "the turn was flushed before it ended");
  await Promise.resolve();
  assert.deepEqual(w.posted.at(-1), { flush: d.turn });
  w.answer({ answers: [{ id: v.id, result: { ok: true, valid: true } }, { id: d.id, result: { ok: true, alg: "HS256" } }] });
  assert.deepEqual(await decoded, { ok: true, alg: "HS256" });
  assert.deepEqual(await verified, { ok: true, valid: true });
  w.answer({ id: f.id, result: { ok: false } });
  assert.deepEqual(await fetched, { ok: false });
  // The next turn is another.
  jwt.lint("a.b.c", {});
  assert.ok(w.calls().at(-1).turn > d.turn);
});
