import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Id } from '@railjoint/contracts';
import type { Replayable } from './idempotency.js';

export const IdParams = z.object({ id: Id });
export const Format = z.enum(['json', 'csv']).default('json');

/** Sends a once-only write's answer: its own status, and whether it is the first answer again. */
export function sendAnswer(reply: FastifyReply, a: Replayable): unknown {
  reply.status(a.status);
  if (a.replayed) reply.header('idempotent-replayed', 'true');
  return a.body;
}
