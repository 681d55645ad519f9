/**
 * Registers the kiosk's service worker (built to /kiosk/sw.js, scope /kiosk/: it never touches the
 * staff workspace). Calls `onControlled` once a worker controls this page: at once on a later
 * visit, or when the first worker has installed and claimed it.
 */
export function registerKioskWorker(onControlled: () => void): () => void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return () => {};
  const sw = navigator.serviceWorker;
  let stopped = false;
  const changed = () => {
    if (!stopped && sw.controller) onControlled();
  };
  sw.addEventListener('controllerchange', changed);
  sw.register('/kiosk/sw.js', { scope: '/kiosk/' }).then(changed, (error: unknown) => console.warn('kiosk: service worker not registered', error));
  return () => {
    stopped = true;
    sw.removeEventListener('controllerchange', changed);
  };
}
