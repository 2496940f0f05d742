import { z } from 'zod';
import { CreateUserRequest, LoginRequest, LoginResponse, UpdateUserRequest, User, Id } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize, canReadUser } from '../../platform/policies.js';
import { notFound } from '../../platform/http/errors.js';
import type { UserService } from './service.js';

export const SESSION_COOKIE = 'rj_session';

export function userRoutes(users: UserService, cookieSecure: boolean): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      summary: 'Sign in; returns a bearer token (also set as an httpOnly cookie for the console)',
      tag: 'auth',
      access: 'public',
      body: LoginRequest,
      response: LoginResponse,
      bodyLimit: 8 * 1024,
      handler: async ({ body, request, reply }) => {
        const result = await users.login(body.username, body.password, request.headers['user-agent']?.slice(0, 200) ?? null);
        reply.setCookie(SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: cookieSecure,
          path: '/',
          // a lifetime, not an instant: a browser whose clock differs from the platform's would
          // otherwise drop the cookie at once (or keep it too long)
          maxAge: Math.max(0, Math.round((Date.parse(result.expiresAt) - Date.parse(result.now)) / 1000)),
        });
        return result;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      summary: 'Sign out: ends this session',
      tag: 'auth',
      access: 'signed-in',
      status: 204,
      handler: async ({ request, reply }) => {
        const token = bearerToken(request.headers.authorization) ?? request.cookies[SESSION_COOKIE];
        if (token) await users.logout(token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/me',
      summary: 'The signed-in user',
      tag: 'auth',
      access: 'signed-in',
      response: User,
      handler: async ({ actor }) => users.get(actor!.userId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/users',
      summary: 'List users (admin)',
      tag: 'users',
      access: 'signed-in',
      query: z.object({ agencyId: Id.optional() }),
      response: z.object({ users: z.array(User) }),
      handler: async ({ actor, query }) => {
        authorize(actor, 'users.manage');
        return { users: await users.list(query) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/users/:id',
      summary: 'One user (admin, or the user themself)',
      tag: 'users',
      access: 'signed-in',
      params: z.object({ id: z.string().max(64) }),
      response: User,
      handler: async ({ actor, params }) => {
        if (!canReadUser(actor!, params.id)) throw notFound('user');
        return users.get(params.id);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users',
      summary: 'Create a user (admin)',
      tag: 'users',
      access: 'signed-in',
      status: 201,
      body: CreateUserRequest,
      response: User,
      handler: async ({ actor, body }) => {
        authorize(actor, 'users.manage');
        return users.create(actor, body);
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:id',
      summary: 'Change a user: name, agency, roles, password, disabled (admin)',
      tag: 'users',
      access: 'signed-in',
      params: z.object({ id: z.string().max(64) }),
      body: UpdateUserRequest,
      response: User,
      handler: async ({ actor, params, body }) => {
        authorize(actor, 'users.manage');
        return users.update(actor, params.id, body);
      },
    }),
  ];
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1]! : null;
}
