// Evaluated by scripts/bench in every new document of a load test, before
// the page's own scripts: globalThis.__benchReady resolves with the time
// (ms since navigation start) at which the page set data-ready="true" on
// <html>, and rejects if it set "error".
(() => {
  globalThis.__benchReady = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      const ready = document.documentElement?.dataset.ready;
      if (ready === "true") resolve((globalThis.__benchReadyAt = performance.now()));
      else if (ready === "error") reject(new Error("the page set data-ready=error"));
      else return;
      observer.disconnect();
    });
    observer.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
  });
})();
