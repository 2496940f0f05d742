import { z } from 'zod';
import { CreateUserRequest, UpdateUserRequest, User, Id } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize, canReadUser } from '../../platform/policies.js';
import { notFound } from '../../platform/http/errors.js';
import type { UserService } from './service.js';
import { signInRoutes } from './sign-in-routes.js';
import { totpRoutes } from './totp-routes.js';

export { bearerToken, SESSION_COOKIE } from './sign-in-routes.js';

/** Users and sign-in: the accounts (admin), signing in, and the second factor. */
export function userRoutes(users: UserService, cookieSecure: boolean): RouteSpec[] {
  return [
    ...signInRoutes(users, cookieSecure),
    ...totpRoutes(users),
    defineRoute({
      method: 'GET',
      url: '/api/users',
      summary: 'List users (admin)',
      tag: 'users',
      access: 'signed-in',
      reads: { action: 'users.manage' },
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
      reads: { own: 'a user reads their own account; administrators read all' },
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
