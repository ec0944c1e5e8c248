// Tests of web/jwt.js on a cross-origin isolated page: the page waits, on
// shared memory (web/channel.js), for the answers of a keystroke's turn
// within the keystroke's own task, and only for those, and only so long.
// A file of its own: the engine takes its channel when it starts, and
// jwt.test.mjs's engines start on a page that is not isolated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { offer } from "../channel.js";

globalThis.crossOriginIsolated = true;

// FakeWorker answers a turn the page waits for at once, through the
// channel, as the real worker does from its own thread, unless slow.
class FakeWorker {
  static all = [];
  slow = false;
  constructor() {
    this.posted = [];
    FakeWorker.all.push(this);
  }
  postMessage(data) {
    this.posted.push(data);
    if (data.start !== undefined) this.channel = data.channel;
    if (data.flush === undefined || !data.waiting || this.slow) return;
    const answers = this.posted.filter((m) => m.turn === data.flush).map(({ id, fn }) => ({ id, result: { ok: true, fn } }));
    assert.equal(offer(this.channel, data.flush, answers), true, "the page was not waiting for the turn it flushed");
  }
  terminate() {}
  flushes() {
    return this.posted.filter((m) => m.flush !== undefined);
  }
}
globalThis.Worker = FakeWorker;

const jwt = await import("../jwt.js");
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// settledInTask says whether promise settled before the task after this one ran.
async function settledInTask(promise) {
  let settled = false;
  promise.then(() => (settled = true));
  await nextTask();
  return settled;
}

test("the engine gets a shared channel, and is not waited for before it runs", async () => {
  const answer = jwt.decode("a.b.c");
  const w = FakeWorker.all[0];
  assert.ok(w.channel instanceof SharedArrayBuffer, "the engine got no channel on an isolated page");
  await nextTask();
  assert.equal(w.flushes().at(-1).waiting, undefined, "the page waited for an engine still starting");
  w.onmessage({ data: { answers: w.posted.filter((m) => m.fn).map(({ id, fn }) => ({ id, result: { ok: true, fn } })) } });
  assert.deepEqual(await answer, { ok: true, fn: "decode" });
  w.onmessage({ data: { ready: "v1" } });
  await jwt.ready;
  // Running, but its first calls compile the Go code they run: the page
  // waits only once a turn has been answered.
  const first = jwt.decode("a.b.c");
  await nextTask();
  const turn = w.flushes().at(-1);
  assert.equal(turn.waiting, undefined, "the page waited for the engine's first turn");
  w.onmessage({ data: { answers: w.posted.filter((m) => m.turn === turn.flush).map(({ id, fn }) => ({ id, result: { ok: true, fn } })) } });
  await first;
});

test("a keystroke's decode and verdict are answered within its task", async () => {
  const w = FakeWorker.all[0];
  await nextTask();
  const both = Promise.all([jwt.decode("a.b.c"), jwt.verifyAsync("a.b.c", { key: "k" })]);
  assert.equal(await settledInTask(both), true, "the answers waited for a later task");
  assert.deepEqual(await both, [
    { ok: true, fn: "decode" },
    { ok: true, fn: "verifyAsync" },
  ]);
  assert.equal(w.flushes().at(-1).waiting, true);
  // The payload editor's keystroke: signing, then decoding and verifying in
  // a second turn, all in the keystroke's task.
  await nextTask();
  const edited = jwt.encodeAsync({ header: "{}", payload: "{}", key: "k" }).then(() => Promise.all([jwt.decode("x"), jwt.verifyAsync("x", {})]));
  assert.equal(await settledInTask(edited), true, "the second turn waited for a later task");
});

test("a turn with a call that is not WAITED is answered by message", async () => {
  const w = FakeWorker.all[0];
  await nextTask();
  const explained = Promise.all([jwt.decode("a.b.c"), jwt.explain("a.b.c", {})]);
  assert.equal(await settledInTask(explained), false, "the page waited for a turn with explain in it");
  assert.equal(w.flushes().at(-1).waiting, undefined);
  assert.ok(!jwt.WAITED.has("explain") && !jwt.WAITED.has("lint") && !jwt.WAITED.has("fetchJWKS"));
  const [d, e] = w.posted.filter((m) => m.turn === w.flushes().at(-1).flush);
  w.onmessage({ data: { answers: [d, e].map(({ id, fn }) => ({ id, result: { ok: true, fn } })) } });
  await explained;
});

test("the page waits at most WAIT_MS in a task, then takes the answers by message", async () => {
  const w = FakeWorker.all[0];
  w.slow = true;
  try {
    await nextTask();
    const start = performance.now();
    const first = jwt.verifyAsync("a.b.c", {});
    await Promise.resolve(); // the turn ends: the page waits, in vain
    await Promise.resolve();
    const waited = performance.now() - start;
    assert.ok(waited >= 9 && waited < 100, `waited ${waited} ms; want about 10`);
    assert.equal(w.flushes().at(-1).waiting, true);
    // Another turn in the same task: the budget is spent.
    const second = jwt.decode("a.b.c");
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(w.flushes().at(-1).waiting, undefined, "the page waited again in a task whose budget was spent");
    const ids = w.posted.filter((m) => m.id).slice(-2);
    for (const { id, fn } of ids) w.onmessage({ data: { id, result: { ok: true, fn } } });
    assert.deepEqual(await Promise.all([first, second]), [
      { ok: true, fn: "verifyAsync" },
      { ok: true, fn: "decode" },
    ]);
    // A new task has a budget of its own.
    await nextTask();
    w.slow = false;
    assert.equal(await settledInTask(jwt.decode("a.b.c")), true, "a new task did not wait");
  } finally {
    w.slow = false;
  }
});
