// Tests of web/channel.js: the page waits on shared memory for a turn's
// answers, and every answer reaches it exactly once, either there or (the
// page having given up, or the worker declined) by message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { expectTurn, offer, wait } from "../channel.js";

const buffer = (bytes = 1024) => new SharedArrayBuffer(8 + bytes);
const soon = (ms) => performance.now() + ms;

test("answers written for the turn waited for are read once", () => {
  const b = buffer();
  const answers = [{ id: 1, result: { ok: true, token: "a.b.c", text: "é 𝄞" } }];
  expectTurn(b, 7);
  assert.equal(offer(b, 7, answers), true);
  assert.deepEqual(wait(b, 7, soon(50)), answers);
  // Read: the buffer waits for nobody now.
  expectTurn(b, 8);
  assert.equal(offer(b, 7, answers), false, "the answers of a turn already read were written again");
});

test("no answers are written after the page gave up", () => {
  const b = buffer();
  expectTurn(b, 3);
  const start = performance.now();
  assert.equal(wait(b, 3, soon(5)), null);
  assert.ok(performance.now() - start >= 5, "the page gave up before its deadline");
  assert.equal(offer(b, 3, [{ id: 1, result: {} }]), false, "answers the page no longer waits for were taken: they would be lost");
});

test("the answers of another turn are not taken for this one's", () => {
  const b = buffer();
  expectTurn(b, 2);
  assert.equal(offer(b, 1, [{ id: 1, result: {} }]), false);
  assert.equal(offer(b, 3, [{ id: 1, result: {} }]), false);
  assert.equal(offer(b, 2, [{ id: 2, result: { ok: true } }]), true);
  assert.deepEqual(wait(b, 2, soon(50)), [{ id: 2, result: { ok: true } }]);
});

test("answers that do not fit or are not JSON are declined at once, and go by message", () => {
  for (const [what, answers] of [
    ["too long", [{ id: 1, result: { text: "x".repeat(2000) } }]],
    ["too long once encoded", [{ id: 1, result: { text: "é".repeat(600) } }]],
    ["not JSON", [{ id: 1, result: { n: 1n } }]],
  ]) {
    const b = buffer(1024);
    expectTurn(b, 5);
    assert.equal(offer(b, 5, answers), false, what);
    const start = performance.now();
    assert.equal(wait(b, 5, soon(1000)), null, what);
    assert.ok(performance.now() - start < 500, `${what}: the page waited although the worker declined`);
  }
});

test("an empty turn releases the page", () => {
  const b = buffer();
  expectTurn(b, 9);
  assert.equal(offer(b, 9, []), true);
  assert.deepEqual(wait(b, 9, soon(1000)), []);
});

// Across threads: a worker answers each turn after a random delay while the
// page waits with a deadline near it, so that it gives up at every point of
// the worker's writing. Every answer must arrive exactly once: read by the
// page, or reported by the worker as not handed over (it would post it).
test("across threads, every turn's answers arrive exactly once", async () => {
  const b = buffer(1 << 19);
  const worker = new Worker(
    `
    const { workerData, parentPort } = require("node:worker_threads");
    parentPort.on("message", async ({ turn, delayUs }) => {
      const { offer } = await import(workerData.channel);
      const until = performance.now() + delayUs / 1000;
      while (performance.now() < until) {}
      const answers = [{ id: turn, result: { ok: true, text: "y".repeat((turn * 7919) % 400000) } }];
      parentPort.postMessage({ turn, handed: offer(workerData.buffer, turn, answers) });
    });
    `,
    { eval: true, workerData: { buffer: b, channel: new URL("../channel.js", import.meta.url).href } },
  );
  const posted = new Map();
  worker.on("message", ({ turn, handed }) => posted.set(turn, handed));
  const read = new Set();
  const turns = 300;
  for (let turn = 1; turn <= turns; turn++) {
    expectTurn(b, turn);
    // The deadline falls near the worker's answer, so that the page gives
    // up before, while and after the worker writes (a long answer); for
    // one turn in three it is far off, so that some answers are read
    // however slow the machine. A deadline before the worker's delay is
    // always missed: the delay starts once the worker has the message.
    const delayUs = Math.random() * 2000;
    const offsetMs = turn % 3 === 0 ? 200 : Math.random() * 0.9 - 0.3;
    worker.postMessage({ turn, delayUs });
    const got = wait(b, turn, soon(delayUs / 1000 + offsetMs));
    if (got) {
      assert.equal(got[0].id, turn, "the page read another turn's answers");
      assert.equal(got[0].result.text.length, (turn * 7919) % 400000);
      read.add(turn);
    }
    while (!posted.has(turn)) await new Promise((r) => setImmediate(r));
  }
  await worker.terminate();
  let twice = 0;
  let lost = 0;
  for (let turn = 1; turn <= turns; turn++) {
    if (read.has(turn) && !posted.get(turn)) twice++;
    if (!read.has(turn) && posted.get(turn)) lost++;
  }
  assert.equal(twice, 0, "the page read answers the worker posts too");
  assert.equal(lost, 0, "the worker handed over answers the page never read");
  assert.ok(read.size > 0 && read.size < turns, `the storm should mix both outcomes; the page read ${read.size} of ${turns}`);
});
