// Evaluated by scripts/bench in every new document of a vitals load, before
// the page's own scripts: globalThis.__benchLongTasks collects the main
// thread's long tasks (over 50 ms, the Long Tasks API) from the start, so
// the report can say how much of the time to ready the page thread was busy.
(() => {
  const tasks = (globalThis.__benchLongTasks = []);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ startMs: e.startTime, ms: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    globalThis.__benchLongTasks = null; // no Long Tasks API: reported as such
  }
})();
