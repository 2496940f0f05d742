import { useCallback, useEffect, useState } from 'react';
import type { LoginSuccess, SecondFactorChallenge, SecondFactorState, User } from '@railjoint/contracts';
import { api } from '../api/endpoints';
import { onUnauthorized } from '../api/client';
import { ApiError } from '../api/errors';
import { forgetToken, getToken, setToken } from '../api/token';
import { authApi } from '../features/signin/authApi';
import { offlineAccount } from '../features/patrol-mobile/offlineSession';
import { NETWORK_FAILURE } from '../api/errors';

/** `enrolmentDue`: the server answers this session only on the enrolment routes until a second factor is confirmed. */
export type Session =
  | { status: 'checking' }
  | { status: 'signed-out'; notice?: 'expired' | 'signedOut'; error?: unknown }
  | { status: 'signed-in'; user: User; enrolmentDue: boolean };

export type SecondFactorAnswer = { code: string } | { recoveryCode: string };

export interface SessionControls {
  session: Session;
  /** resolves with a challenge when the user signs in with a second factor */
  signIn(username: string, password: string): Promise<SecondFactorChallenge | void>;
  completeSecondFactor(challenge: string, answer: SecondFactorAnswer): Promise<void>;
  /** the user confirmed their second factor: the session is a full one now */
  enrolled(): void;
  signOut(): Promise<void>;
}

const due = (f: SecondFactorState) => f.required && !f.enrolled;

export function useSession(): SessionControls {
  const [session, setSession] = useState<Session>(() => (getToken() ? { status: 'checking' } : { status: 'signed-out' }));

  useEffect(() => {
    if (session.status !== 'checking') return;
    let live = true;
    authApi.me().then(
      (me) => live && setSession({ status: 'signed-in', user: me, enrolmentDue: due(me.secondFactor) }),
      (error: unknown) => {
        if (!live) return;
        // A 401 already cleared the token (client.ts); anything else (server down) is shown on the
        // sign-in page, keeping the token so a retry after the outage needs no password.
        const expired = error instanceof ApiError && error.status === 401;
        if (!expired && error instanceof ApiError && error.status === NETWORK_FAILURE) {
          // no network at all: the patrol app opens offline for the account it last ran for
          void offlineAccount(window.location.pathname).then((user) => {
            if (live) setSession(user ? { status: 'signed-in', user, enrolmentDue: false } : { status: 'signed-out', error });
          });
          return;
        }
        setSession(expired ? { status: 'signed-out', notice: 'expired' } : { status: 'signed-out', error });
      },
    );
    return () => {
      live = false;
    };
  }, [session.status]);

  useEffect(() => onUnauthorized(() => setSession({ status: 'signed-out', notice: 'expired' })), []);

  const accept = useCallback((result: LoginSuccess) => {
    setToken(result.token);
    setSession({ status: 'signed-in', user: result.user, enrolmentDue: due(result.secondFactor) });
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await api.login(username, password);
      if ('mfaRequired' in result) return result;
      accept(result);
    },
    [accept],
  );

  const completeSecondFactor = useCallback(async (challenge: string, answer: SecondFactorAnswer) => accept(await authApi.secondFactor(challenge, answer)), [accept]);

  const enrolled = useCallback(() => setSession((s) => (s.status === 'signed-in' ? { ...s, enrolmentDue: false } : s)), []);

  const signOut = useCallback(async () => {
    const token = getToken();
    try {
      await api.logout();
    } catch {
      // the session is dropped locally either way; a server that missed the logout expires it
    }
    if (token) forgetToken(token);
    setSession({ status: 'signed-out', notice: 'signedOut' });
  }, []);

  return { session, signIn, completeSecondFactor, enrolled, signOut };
}
