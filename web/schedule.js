// Scheduling the page's work after a keystroke: the verdict paints in the
// first frame after its answer, and what can wait (the claims explained, the
// security checks, the nested levels, the comparison) runs after that frame,
// so that neither its calls to the engine nor its rendering come first.
// A pure module: node tests it with a fake frame clock.

/**
 * GRACE_MS is how long afterFrame waits for a frame before running the work
 * anyway: a hidden tab paints no frames, and the work must not wait for one.
 */
export const GRACE_MS = 100;

/**
 * afterFrame returns schedule(work): work runs in a task of its own after
 * the next animation frame (after the frame has been rendered, not within
 * it). Work scheduled again before it runs replaces the earlier: only the
 * latest runs, once, and it always runs. schedule returns a promise that
 * resolves once the work that replaced it (or it) has run, so that a
 * caller can count deferred work as under way. clock is {frame, task,
 * timer}, by default requestAnimationFrame, a MessageChannel message (a
 * task that no timer clamp delays) and setTimeout.
 */
export function afterFrame(clock = browserClock()) {
  let latest = null; // the work to run, or null when none is waiting
  let asked = 0; // counts the calls of schedule
  let waiting = false; // a frame (or the grace timer) is awaited
  let done = []; // the resolvers of the promises schedule returned

  // run runs the latest work, unless more was scheduled after the frame
  // that woke it: that work waits for a frame of its own, already asked.
  const run = (upTo) => {
    if (upTo !== asked) return;
    const work = latest;
    const settle = done;
    latest = null;
    done = [];
    try {
      work?.();
    } finally {
      for (const resolve of settle) resolve();
    }
  };
  const wait = () => {
    waiting = true;
    let woken = false;
    const wake = () => {
      if (woken) return;
      woken = true;
      waiting = false;
      const upTo = asked;
      clock.task(() => run(upTo));
    };
    clock.frame(wake);
    clock.timer(wake, GRACE_MS);
  };
  return function schedule(work) {
    latest = work;
    asked++;
    if (!waiting) wait();
    return new Promise((resolve) => done.push(resolve));
  };
}

/** browserClock is the browser's frame, task and timer. */
function browserClock() {
  const channel = new MessageChannel();
  const tasks = [];
  channel.port1.onmessage = () => tasks.shift()?.();
  return {
    frame: (fn) => requestAnimationFrame(fn),
    task: (fn) => {
      tasks.push(fn);
      channel.port2.postMessage(null);
    },
    timer: (fn, ms) => setTimeout(fn, ms),
  };
}
