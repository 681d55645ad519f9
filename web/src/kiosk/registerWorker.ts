/**
 * Registers the kiosk's service worker (built to /kiosk/sw.js, scope /kiosk/: it never touches the
 * staff workspace). Calls `onControlled` once, when a worker controls this page: at once on a later
 * visit, or when the first worker has installed and claimed it. Besides `controllerchange` it looks
 * once a second, so a missed event cannot leave the page waiting.
 */
export function registerKioskWorker(onControlled: () => void): () => void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return () => {};
  const sw = navigator.serviceWorker;
  let done = false;
  const check = () => {
    if (done || !sw.controller) return;
    done = true;
    window.clearInterval(timer);
    onControlled();
  };
  const timer = window.setInterval(check, 1000);
  sw.addEventListener('controllerchange', check);
  sw.register('/kiosk/sw.js', { scope: '/kiosk/' }).then(check, (error: unknown) => {
    console.warn('kiosk: service worker not registered', error);
    window.clearInterval(timer);
  });
  return () => {
    done = true;
    window.clearInterval(timer);
    sw.removeEventListener('controllerchange', check);
  };
}
