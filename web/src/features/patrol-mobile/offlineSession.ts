import { User } from '@railjoint/contracts';
import { getToken } from '../../api/token';
import { PATROL_APP_SCOPE } from './pwaScope';

/**
 * Opening the patrol app with no signal: the service worker serves the app, but the server cannot
 * say who is signed in. The phone remembers the account the app last ran for, tied to the session
 * token it ran with, and only for /mobile: with that token still in the browser and no network,
 * the app opens for that account (its queue and its cached day), and the first answer from the
 * server judges the session again (a 401 signs out as anywhere else). Signing out forgets it.
 */
const KEY = 'railjoint.mobile.account';

/** A short, one-way tag of the token: the token itself is not stored twice. */
async function tag(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function rememberAccount(user: User): Promise<void> {
  const token = getToken();
  if (!token || !crypto.subtle) return;
  try {
    localStorage.setItem(KEY, JSON.stringify({ tag: await tag(token), user }));
  } catch {
    // private mode or a full store: the app still works with signal
  }
}

export function forgetAccount(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

/** The remembered account, when the page is the patrol app and the token is the one it ran with. */
export async function offlineAccount(pathname: string): Promise<User | null> {
  const token = getToken();
  if (!token || !crypto.subtle || !(pathname === PATROL_APP_SCOPE || pathname.startsWith(`${PATROL_APP_SCOPE}/`))) return null;
  try {
    const kept = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { tag?: unknown; user?: unknown } | null;
    if (!kept || kept.tag !== (await tag(token))) return null;
    const user = User.safeParse(kept.user);
    return user.success ? user.data : null;
  } catch {
    return null;
  }
}
