import type { FastifyRequest } from 'fastify';

/** "From which client" for timelines and audit: the address and the user agent, shortened. */
export function clientOf(request: FastifyRequest): string {
  return `${request.ip} ${String(request.headers['user-agent'] ?? '').slice(0, 120)}`.trim();
}
