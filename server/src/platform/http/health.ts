import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute, type RouteSpec } from './route.js';
import type { Db } from '../db/database.js';
import { nowIso } from '../clock.js';

export function healthRoutes(db: Db, version: string, startedAt: Date): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      summary: 'Liveness and database reachability',
      tag: 'platform',
      access: 'public',
      response: z.object({ status: z.literal('ok'), version: z.string(), database: z.string(), uptimeS: z.number() }),
      handler: async ({ reply }) => {
        try {
          await sql`select 1`.execute(db.kysely);
        } catch {
          reply.status(503);
          return { status: 'degraded', version, database: db.engine, uptimeS: 0, problem: 'database unreachable' };
        }
        return { status: 'ok' as const, version, database: db.engine, uptimeS: Math.round((Date.now() - startedAt.getTime()) / 1000) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/clock',
      summary: 'The platform clock: consoles measure their offset from it and show every time by it',
      tag: 'platform',
      access: 'public',
      response: z.object({ now: z.string() }),
      handler: async ({ reply }) => {
        reply.header('cache-control', 'no-store');
        return { now: nowIso() };
      },
    }),
  ];
}
