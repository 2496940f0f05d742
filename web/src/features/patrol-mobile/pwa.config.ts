import { VitePWA } from 'vite-plugin-pwa';
import { PATROL_APP_SCOPE } from './pwaScope';

/**
 * The patrol app's service worker and manifest (vite-plugin-pwa, workbox's generateSW). It keeps
 * the app shell — the page and the scripts /mobile runs — so the app opens with no signal along
 * the line. It caches no API answers: the day's duties and checkpoints are kept by the app itself
 * in IndexedDB, per user (offlineStore.ts), because a cache keyed by URL would hand one user's
 * answers to the next person signing in on a shared phone, and could not be cleared at sign-out.
 *
 * The worker is registered by the app (registerPatrolWorker.ts) with the scope /mobile, so the
 * console's desks never run it, and only for pages under that scope does a navigation fall back to
 * the cached shell. The console's own chunks (the map engine alone is 1 MB) are not precached: a
 * phone on a weak link downloads only what the phone runs.
 */
export function patrolPwa() {
  return VitePWA({
    strategies: 'generateSW',
    injectRegister: false,
    // the inline registration script vite-plugin-pwa can add would break the content security policy
    registerType: 'autoUpdate',
    scope: PATROL_APP_SCOPE,
    base: '/',
    manifestFilename: 'manifest.webmanifest',
    manifest: {
      name: 'RailJoint 护路巡防',
      short_name: '护路巡防',
      description: '铁路护路联防巡防：签到、发现上报，无信号时先存手机',
      lang: 'zh-CN',
      start_url: PATROL_APP_SCOPE,
      scope: PATROL_APP_SCOPE,
      display: 'standalone',
      orientation: 'portrait',
      background_color: '#0f2742',
      theme_color: '#0f2742',
      icons: [
        { src: '/icons/patrol-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/patrol-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/patrol-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['index.html', 'assets/*.{js,css}'],
      // what only the desks' console and the public report page load
      globIgnores: ['**/maplibre*', '**/ConsolePage-*', '**/AuditPage-*', '**/PublicReport*', '**/PinMap*', '**/CoverageMap*'],
      navigateFallback: '/index.html',
      navigateFallbackAllowlist: [/^\/mobile(\/|$)/],
      navigateFallbackDenylist: [/^\/api\//, /^\/open311\//],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      // never a runtime route for /api: the app's requests go to the network as they are
      runtimeCaching: [],
    },
  });
}
