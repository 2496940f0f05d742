import { useEffect } from 'react';
import type { Session } from './useSession';

export const SIGN_IN_PATH = '/signin';

/**
 * Two rooms, so no router library: the address bar shows /signin while signed out and returns to
 * the page the user was on once signed in (the server answers every non-API path with the shell).
 */
export function useRouteSync(status: Session['status']): void {
  useEffect(() => {
    const { pathname, search } = window.location;
    if (status === 'signed-out' && pathname !== SIGN_IN_PATH) {
      const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
      window.history.replaceState(null, '', SIGN_IN_PATH + next);
    } else if (status === 'signed-in' && pathname === SIGN_IN_PATH) {
      const next = new URLSearchParams(search).get('next');
      // Only same-site paths: an open redirect through ?next= would be a phishing aid.
      const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
      window.history.replaceState(null, '', safe);
    }
  }, [status]);
}
