import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../platform/http/errors.js';
import type { Origin } from './service.js';

/** A device id as a page or app keeps one: anything else is ignored, never an error. */
const DEVICE = /^[A-Za-z0-9_-]{8,64}$/;

export function originOf(request: FastifyRequest, deviceId?: string | null, open311ClientId?: string): Origin {
  const header = request.headers['x-device-id'];
  const device = deviceId ?? (typeof header === 'string' ? header : null);
  return { ip: request.ip, deviceId: device && DEVICE.test(device) ? device : null, ...(open311ClientId ? { open311ClientId } : {}) };
}

/** A refusal for too many requests carries Retry-After, as the sign-in throttle's does. */
export async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof HttpError && e.status === 429) reply.header('retry-after', String((e.details as { retryAfterS?: number } | undefined)?.retryAfterS ?? 60));
    throw e;
  }
}
