// Offline support for the calculator: keeps a copy of the site's own files so it opens
// and computes without a network once it has loaded. Registered by the app (src/ui/offline.rs).
// Nothing is precached by name (Trunk hashes the file names): files are stored as they load.
// - Pages (navigations): network first, so a new deploy shows at once; the copy when offline.
// - Other same-origin GETs (hashed, immutable JS/Wasm/CSS): cache first, network on a miss.
// - Anything else (other origins, POST, …) is left alone: the browser handles it as usual.

const PREFIX = 'lambda-cost-';
// Bump the version to drop every stored file. The scope keeps two copies of the site on
// one origin (e.g. GitHub Pages project sites) from sharing or deleting each other's cache.
const CACHE = `${PREFIX}v1 ${self.registration.scope}`;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Old versions of this site's cache; other sites' caches are not ours to touch.
    const old = (await caches.keys())
      .filter((key) => key.startsWith(PREFIX) && key.endsWith(` ${self.registration.scope}`) && key !== CACHE);
    await Promise.all(old.map((key) => caches.delete(key)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? networkFirst(event) : cacheFirst(event));
});

async function networkFirst(event) {
  try {
    return await fetchAndStore(event);
  } catch (offline) {
    const cache = await caches.open(CACHE);
    // The same page, else the page with another query (?embed…), else the site's root.
    const copy = (await cache.match(event.request)) ||
      (await cache.match(event.request, { ignoreSearch: true })) ||
      (await cache.match(self.registration.scope));
    if (copy) return copy;
    throw offline;
  }
}

async function cacheFirst(event) {
  const copy = await (await caches.open(CACHE)).match(event.request);
  return copy || fetchAndStore(event);
}

/** Fetches the request; stores a copy of a complete same-origin answer. */
async function fetchAndStore(event) {
  const response = await fetch(event.request);
  if (response.ok && response.type === 'basic' && response.status === 200) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
  }
  return response;
}
