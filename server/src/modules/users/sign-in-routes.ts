import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChangePasswordRequest, LoginRequest, LoginResponse, LoginSuccess, Me, SecondFactorRequest } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { clientOf } from '../../platform/http/client.js';
import { HttpError } from '../../platform/http/errors.js';
import { DEVICE_COOKIE_MAX_AGE_S, DEVICE_COOKIE_PATH } from '../../platform/auth/device-cookie.js';
import type { UserService } from './service.js';
import type { Origin, SignInResult } from './sign-in-service.js';

export const SESSION_COOKIE = 'rj_session';

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1]! : null;
}

export function sessionToken(request: FastifyRequest): string | null {
  return bearerToken(request.headers.authorization) ?? request.cookies[SESSION_COOKIE] ?? null;
}

/** request.ip is the peer, or the forwarded client only behind a configured trusted proxy. */
function originOf(request: FastifyRequest): Origin {
  return { ip: request.ip, client: clientOf(request), cookies: request.cookies };
}

/** A throttled attempt says when to come back, in the header as well as in the body. */
export async function withRetryAfter<T>(reply: FastifyReply, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (e instanceof HttpError && e.status === 429) reply.header('Retry-After', String((e.details as { retryAfterS: number }).retryAfterS));
    throw e;
  }
}

/** Sign-in, the second factor, sign-out, who am I and the self-service password change. */
export function signInRoutes(users: UserService, cookieSecure: boolean): RouteSpec[] {
  const answer = (reply: FastifyReply, result: SignInResult) => {
    if ('mfaRequired' in result) return result;
    const { deviceCookie, ...success } = result;
    reply.setCookie(SESSION_COOKIE, success.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure,
      path: '/',
      // a lifetime, not an instant: a browser whose clock differs from the platform's would
      // otherwise drop the cookie at once (or keep it too long)
      maxAge: Math.max(0, Math.round((Date.parse(success.expiresAt) - Date.parse(success.now)) / 1000)),
    });
    // only the sign-in routes ever read it
    reply.setCookie(deviceCookie.name, deviceCookie.value, { httpOnly: true, sameSite: 'strict', secure: cookieSecure, path: DEVICE_COOKIE_PATH, maxAge: DEVICE_COOKIE_MAX_AGE_S });
    return success;
  };

  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      summary: 'Sign in. Returns a bearer token (also set as an httpOnly cookie for the console), or {mfaRequired, challenge} when the user has a second factor. Throttled: 429 with Retry-After',
      tag: 'auth',
      access: 'public',
      body: LoginRequest,
      response: LoginResponse,
      bodyLimit: 8 * 1024,
      handler: ({ body, request, reply }) => withRetryAfter(reply, async () => answer(reply, await users.signIn.login(body.username, body.password, originOf(request)))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      summary: 'Complete a sign-in with a code from the authenticator app or a single-use recovery code. Throttled: 429 with Retry-After',
      tag: 'auth',
      access: 'public',
      body: SecondFactorRequest,
      response: LoginSuccess,
      bodyLimit: 8 * 1024,
      handler: ({ body, request, reply }) =>
        withRetryAfter(reply, async () => answer(reply, await users.signIn.secondFactor(body.challenge, body.code !== undefined ? { code: body.code } : { recoveryCode: body.recoveryCode ?? '' }, originOf(request)))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      summary: 'Sign out: ends this session',
      tag: 'auth',
      access: 'signed-in',
      status: 204,
      handler: async ({ request, reply }) => {
        const token = sessionToken(request);
        if (token) await users.logout(token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/me',
      summary: 'The signed-in user, with their second-factor state',
      tag: 'auth',
      access: 'signed-in',
      reads: { own: 'the signed-in user' },
      response: Me,
      handler: async ({ actor }) => users.me(actor!),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/password',
      summary: 'Change your own password (the current one, and a new one the rules accept); your other sessions end',
      tag: 'auth',
      access: 'signed-in',
      status: 204,
      body: ChangePasswordRequest,
      bodyLimit: 8 * 1024,
      handler: ({ actor, body, request, reply }) =>
        withRetryAfter(reply, async () => {
          await users.signIn.changePassword(actor!, sessionToken(request), body.currentPassword, body.newPassword);
          return reply.status(204).send();
        }),
    }),
  ];
}
