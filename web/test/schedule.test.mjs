// Tests of web/schedule.js under node, with a frame clock the test drives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { afterFrame, GRACE_MS } from "../schedule.js";

// fakeClock queues frame callbacks, tasks and timers; the test runs them
// as the browser would, and log says in what order things happened.
function fakeClock() {
  const c = {
    frames: [],
    tasks: [],
    timers: [],
    log: [],
    frame: (fn) => c.frames.push(fn),
    task: (fn) => c.tasks.push(fn),
    timer: (fn, ms) => c.timers.push({ fn, ms }),
    // paint runs the frame's callbacks, as one frame.
    paint() {
      c.log.push("frame");
      for (const fn of c.frames.splice(0)) fn();
    },
    runTasks() {
      for (const fn of c.tasks.splice(0)) fn();
    },
    runTimers() {
      for (const { fn } of c.timers.splice(0)) fn();
    },
  };
  return c;
}

test("work runs in a task after the next frame, not before it nor within it", () => {
  const c = fakeClock();
  const soon = afterFrame(c);
  soon(() => c.log.push("work"));
  c.runTasks();
  assert.deepEqual(c.log, [], "the work ran before any frame");
  c.paint();
  assert.deepEqual(c.log, ["frame"], "the work ran within the frame, delaying its paint");
  c.runTasks();
  assert.deepEqual(c.log, ["frame", "work"]);
});

test("work scheduled again before it runs replaces the earlier: the latest runs, once", () => {
  const c = fakeClock();
  const soon = afterFrame(c);
  for (const n of [1, 2, 3]) soon(() => c.log.push(`work ${n}`));
  assert.equal(c.frames.length, 1, "one frame is asked for, however many keystrokes");
  c.paint();
  soon(() => c.log.push("work 4")); // after the frame, before its task
  c.runTasks();
  assert.deepEqual(c.log, ["frame"], "work scheduled after a frame ran before the frame that paints what asked for it");
  c.paint();
  c.runTasks();
  c.paint();
  c.runTasks();
  c.runTimers();
  c.runTasks();
  assert.deepEqual(c.log, ["frame", "frame", "work 4", "frame"], "the last work must run, exactly once");
});

test("without frames (a hidden tab), the work still runs after the grace time", () => {
  const c = fakeClock();
  const soon = afterFrame(c);
  soon(() => c.log.push("work"));
  assert.deepEqual(c.timers.map((t) => t.ms), [GRACE_MS]);
  c.runTimers();
  c.runTasks();
  assert.deepEqual(c.log, ["work"]);
  // The frame that comes at last runs nothing twice.
  c.paint();
  c.runTasks();
  assert.deepEqual(c.log, ["work", "frame"]);
});

test("an earlier wait's grace timer does not run later work before its frame", () => {
  const c = fakeClock();
  const soon = afterFrame(c);
  soon(() => c.log.push("first"));
  const [early] = c.timers.splice(0); // the first wait's timer, fired late
  c.paint();
  c.runTasks();
  soon(() => c.log.push("second"));
  early.fn();
  c.runTasks();
  assert.deepEqual(c.log, ["frame", "first"], "the first wait's timer woke the second wait");
  c.paint();
  c.runTasks();
  assert.deepEqual(c.log, ["frame", "first", "frame", "second"]);
});

test("schedule's promise resolves once the work that covers it has run", async () => {
  const c = fakeClock();
  const soon = afterFrame(c);
  const settled = [];
  soon(() => c.log.push("first")).then(() => settled.push("first"));
  soon(() => c.log.push("second")).then(() => settled.push("second"));
  c.paint();
  await Promise.resolve();
  assert.deepEqual(settled, [], "resolved before the work ran: a test waiting for nothing pending would look too early");
  c.runTasks();
  await Promise.resolve();
  assert.deepEqual(c.log, ["frame", "second"]);
  assert.deepEqual(settled, ["first", "second"], "a replaced work's promise must resolve too, or the page stays pending forever");
});
