import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute, type RouteSpec } from './route.js';
import type { Db } from '../db/database.js';
import { databaseUnavailable, DATABASE_RETRY_AFTER_S } from '../db/availability.js';
import { errorBody } from './edge-errors.js';
import { nowIso } from '../clock.js';

/** What the health answer reports besides the database: the event bus, and the jobs held here. */
export interface HealthProbes {
  bus?: () => 'in-process' | 'connected' | 'reconnecting';
  jobsHere?: () => string[];
}

const Health = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']),
  version: z.string(),
  database: z.string(),
  uptimeS: z.number(),
  checks: z.object({ database: z.enum(['ok', 'unavailable']), bus: z.enum(['in-process', 'connected', 'reconnecting']) }),
  /** the periodic jobs this instance runs (platform/jobs): each runs on one instance only */
  jobsHere: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export function healthRoutes(db: Db, version: string, startedAt: Date, probes: HealthProbes = {}): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      summary: 'Readiness for monitoring: the database (503 database_unavailable while it cannot be reached), the event bus (degraded while NATS is reconnecting: changes are kept in the outbox and relayed when it returns) and the periodic jobs this instance runs',
      tag: 'platform',
      access: 'public',
      response: Health,
      handler: async ({ reply, lang }) => {
        const bus = probes.bus?.() ?? 'in-process';
        const base = { version, database: db.engine, uptimeS: Math.round((Date.now() - startedAt.getTime()) / 1000), jobsHere: probes.jobsHere?.() ?? [] };
        reply.header('cache-control', 'no-store');
        try {
          await sql`select 1`.execute(db.kysely);
        } catch {
          reply.status(503).header('retry-after', String(DATABASE_RETRY_AFTER_S));
          const e = databaseUnavailable();
          return { status: 'unavailable' as const, ...base, checks: { database: 'unavailable' as const, bus }, error: errorBody(e.code, e.said.in(lang)).error };
        }
        return { status: bus === 'reconnecting' ? ('degraded' as const) : ('ok' as const), ...base, checks: { database: 'ok' as const, bus } };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/health/live',
      summary: 'Liveness for load balancers: the process answers. It does not look at the database, which all instances share: a balancer that took every instance out while the database restarts would answer clients with its own page instead of the documented 503.',
      tag: 'platform',
      access: 'public',
      response: z.object({ status: z.literal('ok') }),
      handler: async ({ reply }) => {
        reply.header('cache-control', 'no-store');
        return { status: 'ok' as const };
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
