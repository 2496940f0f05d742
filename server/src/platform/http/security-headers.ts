import path from 'node:path';
import type { FastifyReply } from 'fastify';
import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The console's content security policy: everything from this origin, nothing inline, nothing
 * framed. MapLibre draws into a canvas from a worker (its own file under /assets, which it may
 * wrap in a blob: URL) and makes images from data:/blob: URLs; the live channel is a WebSocket to
 * this same origin, which 'self' covers.
 */
export const CONSOLE_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/**
 * The console's policy with the origins of a configured basemap style (RAILJOINT_BASEMAP) added
 * where MapLibre reaches them: fetching the style, tiles, glyphs and sprite (connect-src), and the
 * sprite's image (img-src). Nothing else is opened; without a basemap URL this is CONSOLE_CSP.
 */
export function consoleCsp(mapOrigins: readonly string[] = []): Record<string, string[]> {
  if (!mapOrigins.length) return CONSOLE_CSP;
  return { ...CONSOLE_CSP, 'connect-src': [...CONSOLE_CSP['connect-src']!, ...mapOrigins], 'img-src': [...CONSOLE_CSP['img-src']!, ...mapOrigins] };
}

export function helmetOptions(mapOrigins: readonly string[] = []): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      // No upgrade-insecure-requests (a helmet default): coordination centres often serve the
      // console over plain HTTP on a closed network, where the upgrade would break every request.
      useDefaults: false,
      directives: consoleCsp(mapOrigins),
    },
    // no frames at all, in the header older browsers read too
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Only sent over HTTPS anyway; not includeSubDomains, which would also force HTTPS on other
    // services of the department's domain that this server knows nothing about.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  };
}

/**
 * A stored file (situation report, attachment) is never a page of the console's origin: if a
 * browser renders it, it renders it sandboxed (no scripts, an opaque origin), with only the inline
 * styles and data: images a self-contained report needs.
 */
export const FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

/** Headers for answers written before any hook ran (malformed URLs, broken requests): JSON only. */
export const BARE_ERROR_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Vite names everything it writes under assets/ by content hash, so those files may be cached for
 * a year; the page that names them (index.html) must be revalidated, or a browser keeps an old
 * console.
 */
export function staticCacheHeaders(root: string): (reply: FastifyReply, file: string) => void {
  return (reply, file) => {
    const hashed = path.relative(root, file).split(path.sep)[0] === 'assets';
    reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
}
