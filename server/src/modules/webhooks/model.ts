import crypto from 'node:crypto';
import net from 'node:net';
import { said, type Said } from '../../platform/http/errors.js';

/** "incident.*" matches incident.created; "*" matches everything; otherwise exact. */
export function matches(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: the receiver recomputes it with the shared
 * secret, and refuses old timestamps so a captured request cannot be replayed later.
 */
export function signature(secret: string, unixSeconds: number, body: string): string {
  const mac = crypto.createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export function verifySignature(secret: string, header: string, body: string, nowSeconds: number, toleranceS = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceS) return false;
  const expected = Buffer.from(signature(secret, t, body).split('v1=')[1]!, 'hex');
  return crypto.timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

export const MAX_ATTEMPTS = 8;

/** Exponential backoff: base, 2×, 4×… capped at an hour. */
export function nextDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3600_000);
}

function privateAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  if (net.isIPv4(h)) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (net.isIPv6(h)) return h === '::1' || h === '::' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80') || h.startsWith('::ffff:');
  return false;
}

/**
 * Why a webhook URL is refused, or null. Only http(s); and no addresses inside the network unless
 * the deployment allows them (a webhook is otherwise a way to make the server call its neighbours).
 */
export function urlProblem(raw: string, allowPrivate: boolean): Said | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return said('不是有效的 URL', 'not a URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return said('只接受 http 和 https 地址', 'only http and https URLs');
  if (u.username || u.password) return said('URL 中不能包含用户名和密码；身份由签名验证', 'credentials in the URL are not accepted; the signature authenticates us');
  if (!allowPrivate && privateAddress(u.hostname)) return said('不接受内网和回环地址', 'private and loopback addresses are refused');
  return null;
}
