// Offline: registers the service worker, and tells the user when a new
// version is ready instead of swapping it under them mid-edit.

/**
 * registerServiceWorker starts offline support where the page can have it.
 * script is the worker's URL relative to the page: a page in a subfolder
 * (learn/) registers the one at the root, whose scope covers it.
 */
export function registerServiceWorker(banner, button, script = "sw.js") {
  const servable = location.protocol === "https:" || location.protocol === "http:";
  if (!("serviceWorker" in navigator) || !servable || globalThis.jwtPlaygroundInline) return;
  let updating = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only an update the user asked for reloads; the first install does not.
    if (updating) location.reload();
  });
  const offer = (worker) => {
    banner.hidden = false;
    button.onclick = () => {
      updating = true;
      worker.postMessage({ type: "skip-waiting" });
    };
  };
  navigator.serviceWorker
    .register(script)
    .then((reg) => {
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const worker = reg.installing;
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
        });
      });
    })
    .catch((err) => console.warn(`offline mode is not available: ${err.message}`));
}
