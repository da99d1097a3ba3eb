/* START's service worker. Pages: network first, the saved copy when offline (or when the
 * network is very slow), else the offline page of the page's language. Hashed assets and the
 * search index: cache first (their names change when their content does). It never touches
 * other origins, POST requests or the API. */
const BUILD = self.__START_BUILD__;
const PAGES = "start-pages";
const ASSETS = `start-assets-${BUILD.version}`;
const SEARCH = "start-search";
const MAX_PAGES = 200;
const SLOW_NETWORK_MS = 6000;

const localeOf = (path) => {
  const first = path.split("/")[1];
  return BUILD.locales.includes(first) ? first : null;
};
const offlinePage = (locale) => `/${locale}/offline/`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const visited = windows.map((client) => new URL(client.url)).filter((url) => url.origin === location.origin);
      const locales = [...new Set(visited.map((url) => localeOf(url.pathname)).filter(Boolean))];
      if (locales.length === 0) locales.push(BUILD.locales[0]);
      const assets = await caches.open(ASSETS);
      await assets.addAll(BUILD.assets);
      const pages = await caches.open(PAGES);
      const wanted = [...locales.flatMap((locale) => [offlinePage(locale), `/${locale}/emergency/`]), ...visited.map((url) => url.pathname)];
      // One page that fails (a 404) must not stop the others.
      await Promise.all([...new Set(wanted)].map((path) => pages.add(path).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("start-assets-") && name !== ASSETS) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function trimPages(cache) {
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(request);
}

async function page(event, url) {
  const cache = await caches.open(PAGES);
  const saved = await cache.match(url.pathname);
  const network = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === "basic") {
      await cache.put(url.pathname, response.clone());
      const locale = localeOf(url.pathname);
      if (locale && !(await cache.match(offlinePage(locale)))) await cache.add(offlinePage(locale)).catch(() => undefined);
      await trimPages(cache);
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  try {
    if (!saved) return await network;
    const slow = new Promise((resolve) => setTimeout(() => resolve(saved), SLOW_NETWORK_MS));
    return await Promise.race([network, slow]);
  } catch {
    if (saved) return saved;
    const locale = localeOf(url.pathname) ?? BUILD.locales[0];
    return (await cache.match(offlinePage(locale))) ?? (await caches.match(offlinePage(BUILD.locales[0]))) ?? Response.error();
  }
}

async function cacheFirst(request, name, onStore) {
  const cache = await caches.open(name);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) {
    if (onStore) await onStore(cache);
    await cache.put(request, response.clone());
  }
  return response;
}

async function staleWhileRevalidate(event) {
  const cache = await caches.open(ASSETS);
  const saved = await cache.match(event.request);
  const network = fetch(event.request).then(async (response) => {
    if (response.ok) await cache.put(event.request, response.clone());
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  return saved ?? network;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname === "/graphql" || url.pathname.startsWith("/feedback") || /^\/[^/]+\/editor\//.test(url.pathname)) return;
  if (url.pathname.startsWith("/_astro/")) {
    event.respondWith(cacheFirst(request, ASSETS));
    return;
  }
  const index = /^\/([^/]+)\/search-index\.([0-9a-f]+)(?:\.\d+)?\.json$/.exec(url.pathname);
  if (index) {
    // A new index (manifest and term chunks share its hash) replaces the locale's old one.
    const prefix = `/${index[1]}/search-index.`;
    const current = `${prefix}${index[2]}.`;
    const dropOld = async (cache) => {
      for (const key of await cache.keys()) {
        const cached = new URL(key.url).pathname;
        if (cached.startsWith(prefix) && !cached.startsWith(current)) await cache.delete(key);
      }
    };
    event.respondWith(cacheFirst(request, SEARCH, dropOld));
    return;
  }
  if (request.mode === "navigate" || url.pathname.endsWith("/")) {
    event.respondWith(page(event, url));
    return;
  }
  event.respondWith(staleWhileRevalidate(event));
});
