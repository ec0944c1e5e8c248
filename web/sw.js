// The service worker: after one visit the playground works with no network.
// sw-assets.js (written by the build) lists every asset and a version made
// from their content hashes; a new version is cached beside the old one and
// takes over only when the page asks, so nothing changes mid-edit.
importScripts("sw-assets.js");

const CACHE = `jwt-playground-${self.VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(self.ASSETS)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("jwt-playground-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skip-waiting") self.skipWaiting();
});

// Cache first for our own files, ignoring the query string (a shared link
// may carry one); everything else, such as a JWKS fetch, goes to the network.
// A page's index.html is cached at its folder's URL only ("./", "learn/").
self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  const key = url.pathname.endsWith("/index.html") ? new URL("./", url).href : req;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key, { ignoreSearch: true });
      if (hit) return hit;
      if (req.mode === "navigate") {
        const page = await cache.match(new URL(req.url).pathname.endsWith("embed.html") ? "embed.html" : "./");
        if (page) {
          return fetch(req).catch(() => page);
        }
      }
      return fetch(req);
    })(),
  );
});
