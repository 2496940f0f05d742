import { PATROL_APP_SCOPE } from './pwaScope';

let registered = false;

/**
 * Registers the patrol app's service worker (written by vite-plugin-pwa as /sw.js) for /mobile
 * only, from this bundled module: the content security policy allows no inline script, so the
 * registration snippet the plugin could inject into index.html is off. Only in a built console
 * (the dev server has no worker) and only where the browser has service workers (a secure
 * context: HTTPS or localhost). A failure leaves the app working online; it is not an error.
 */
export function registerPatrolWorker(): void {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker.register('/sw.js', { scope: PATROL_APP_SCOPE }).catch(() => {
    registered = false;
  });
}
