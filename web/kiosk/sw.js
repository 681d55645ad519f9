/* The e-station kiosk's service worker, scope /kiosk/. Written by hand (no Workbox): it is small.
 *
 * - On install it caches the app shell: index.html and the built assets the kiosk needs (the list is
 *   written in at build time by web/vite.config.ts, so every build is a new worker), the Mongolian
 *   font, the manifest and the icons.
 * - Hashed assets (/assets/…): cache first; they never change under the same name.
 * - Page loads (navigations inside /kiosk/): network first, the cached shell when the network is cut.
 * - The playlist (/api/public/stations/CODE/playlist): network first, the last copy when offline.
 * - Images (covers): the cached copy at once, refreshed in the background.
 * Nothing else (the event uploads, other API calls) goes through the caches.
 */
const PRECACHE = self.__GEREL_PRECACHE__;
const SHELL_CACHE = `gerel-kiosk-shell-${PRECACHE.version}`;
const DATA_CACHE = 'gerel-kiosk-data';
const MEDIA_CACHE = 'gerel-kiosk-media';
const SHELL_URL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // `reload`: straight from the server, never an old copy from the HTTP cache.
      await cache.addAll(PRECACHE.urls.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('gerel-kiosk-shell-') && name !== SHELL_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

const isPlaylist = (url) => /^\/api\/public\/stations\/[^/]+\/playlist$/.test(url.pathname);

async function networkFirst(request, cacheName, fallbackKey) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackKey ?? request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(fallbackKey ?? request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(SHELL_CACHE)).put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(MEDIA_CACHE);
  const cached = await cache.match(request);
  const fresh = fetch(request)
    .then(async (response) => {
      if (response.ok) await cache.put(request, response.clone());
      return response;
    })
    .catch(() => undefined);
  return cached ?? (await fresh) ?? Response.error();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    // Every kiosk page is the same single-page shell.
    event.respondWith(
      networkFirst(request, SHELL_CACHE, SHELL_URL).catch(async () => (await caches.match(SHELL_URL)) ?? Response.error()),
    );
  } else if (isPlaylist(url)) {
    event.respondWith(networkFirst(request, DATA_CACHE));
  } else if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/kiosk/')) {
    event.respondWith(cacheFirst(request));
  } else if (request.destination === 'image') {
    event.respondWith(staleWhileRevalidate(request));
  }
});
