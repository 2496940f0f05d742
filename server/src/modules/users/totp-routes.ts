import { z } from 'zod';
import { TotpConfirmRequest, TotpConfirmResponse, TotpRemoveRequest, TotpSetupResponse } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize } from '../../platform/policies.js';
import type { UserService } from './service.js';
import { sessionToken, withRetryAfter } from './sign-in-routes.js';

/** Enrolling and removing the TOTP second factor; an administrator's reset of someone else's. */
export function totpRoutes(users: UserService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/totp/setup',
      summary: 'Start enrolling an authenticator app: a new secret, its otpauth URI and a QR code (SVG)',
      tag: 'auth',
      access: 'signed-in',
      response: TotpSetupResponse,
      handler: async ({ actor }) => users.totp.setup(actor!),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      summary: 'Finish enrolling with a first code; returns ten single-use recovery codes, shown this once. Your other sessions end',
      tag: 'auth',
      access: 'signed-in',
      body: TotpConfirmRequest,
      response: TotpConfirmResponse,
      handler: async ({ actor, body, request }) => users.totp.confirm(actor!, body.code, sessionToken(request)),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/auth/totp',
      summary: 'Remove your second factor with a current code (where your role requires one, you enrol again before anything else)',
      tag: 'auth',
      access: 'signed-in',
      status: 204,
      body: TotpRemoveRequest,
      handler: async ({ actor, body, reply }) => {
        await withRetryAfter(reply, () => users.totp.remove(actor!, body.code));
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/users/:id/totp',
      summary: "Reset a user's second factor (admin): their sessions end and they enrol again at their next sign-in",
      tag: 'users',
      access: 'signed-in',
      status: 204,
      params: z.object({ id: z.string().max(64) }),
      handler: async ({ actor, params, reply }) => {
        authorize(actor, 'users.manage');
        await users.totp.reset(actor, params.id);
        return reply.status(204).send();
      },
    }),
  ];
}
