import { useCallback, useEffect, useState } from 'react';
import type { User } from '@railjoint/contracts';
import { api } from '../api/endpoints';
import { onUnauthorized } from '../api/client';
import { ApiError } from '../api/errors';
import { getToken, setToken } from '../api/token';

export type Session =
  | { status: 'checking' }
  | { status: 'signed-out'; notice?: 'expired' | 'signedOut'; error?: unknown }
  | { status: 'signed-in'; user: User };

export interface SessionControls {
  session: Session;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

export function useSession(): SessionControls {
  const [session, setSession] = useState<Session>(() => (getToken() ? { status: 'checking' } : { status: 'signed-out' }));

  useEffect(() => {
    if (session.status !== 'checking') return;
    let live = true;
    api.me().then(
      (user) => live && setSession({ status: 'signed-in', user }),
      (error: unknown) => {
        if (!live) return;
        // A 401 already cleared the token (client.ts); anything else (server down) is shown on the
        // sign-in page, keeping the token so a retry after the outage needs no password.
        const expired = error instanceof ApiError && error.status === 401;
        setSession(expired ? { status: 'signed-out', notice: 'expired' } : { status: 'signed-out', error });
      },
    );
    return () => {
      live = false;
    };
  }, [session.status]);

  useEffect(() => onUnauthorized(() => setSession({ status: 'signed-out', notice: 'expired' })), []);

  const signIn = useCallback(async (username: string, password: string) => {
    const result = await api.login(username, password);
    setToken(result.token);
    setSession({ status: 'signed-in', user: result.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // the session is dropped locally either way; a server that missed the logout expires it
    }
    setToken(null);
    setSession({ status: 'signed-out', notice: 'signedOut' });
  }, []);

  return { session, signIn, signOut };
}
