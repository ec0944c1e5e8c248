// Evaluated by scripts/bench in every new document of a startup-interaction
// load, before the page's own scripts: globalThis.__benchEvents collects the
// Event Timing API's entries (an input's latency to the next paint, which
// is what Interaction to Next Paint is made of) from the start, and
// globalThis.__benchFrameGap the longest wait between animation frames
// while the page was not yet ready (what a scroll would have waited for).
(() => {
  const events = (globalThis.__benchEvents = []);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.interactionId) events.push({ name: e.name, startMs: e.startTime, ms: e.duration, id: e.interactionId });
      }
    }).observe({ type: "event", durationThreshold: 16, buffered: true });
  } catch {
    globalThis.__benchEvents = null; // no Event Timing API: reported as such
  }
  globalThis.__benchFrameGap = 0;
  let last = 0;
  const frame = (now) => {
    if (last) globalThis.__benchFrameGap = Math.max(globalThis.__benchFrameGap, now - last);
    last = now;
    if (document.documentElement?.dataset.ready !== "true") requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
