import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { DomainEvent, EventBus } from '../bus/event.js';
import { eventsSince, latestSeq } from '../bus/outbox.js';
import { canSeeEvent } from '../policies.js';
import { nowIso } from '../clock.js';

/** A client that has been away longer than this many events reloads instead of replaying. */
export const MAX_CATCH_UP = 5000;

export interface LiveOptions {
  db: Kysely<Database>;
  bus: EventBus;
  /** the signed-in user of an upgrade request (token in `?token=` or the session cookie) */
  authenticate: (request: FastifyRequest) => Promise<Actor | null>;
}

type Outgoing =
  | { type: 'event'; seq: number; event: Omit<DomainEvent, 'audience'> }
  | { type: 'ready'; seq: number; now: string }
  | { type: 'clock'; now: string }
  | { type: 'reset'; reason: string };

/**
 * `GET /api/live` (WebSocket): every committed event the user may see, as it happens. A client
 * that reconnects with `?since=<last seq>` first gets what it missed from the outbox, then the live
 * stream, with no gap and no repeat: the bus is subscribed before the catch-up is read, and events
 * are sent strictly in sequence order.
 */
export async function registerLiveChannel(app: FastifyInstance, opts: LiveOptions): Promise<void> {
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.get('/api/live', { websocket: true }, (socket: WebSocket, request) => {
    void serve(socket, request, opts);
  });
}

async function serve(socket: WebSocket, request: FastifyRequest, opts: LiveOptions): Promise<void> {
  const actor = await opts.authenticate(request).catch(() => null);
  if (!actor) {
    socket.close(4401, 'sign in first');
    return;
  }
  const send = (m: Outgoing) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
  };
  let lastSent = 0;
  let ready = false;
  const buffered: DomainEvent[] = [];
  const deliver = (e: DomainEvent) => {
    if (e.seq === undefined || e.seq <= lastSent) return;
    lastSent = e.seq;
    if (!canSeeEvent(actor, e.audience, e.strict)) return;
    const { audience: _hidden, strict: _strict, ...visible } = e;
    send({ type: 'event', seq: e.seq, event: visible });
  };
  const unsubscribe = opts.bus.subscribe((e) => (ready ? deliver(e) : buffered.push(e)));
  // The platform clock every 15 s: consoles show times from it, never from the browser's own clock.
  const heartbeat = setInterval(() => {
    socket.ping();
    send({ type: 'clock', now: nowIso() });
  }, 15_000);
  socket.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
  });
  socket.on('message', () => {
    // The channel is one-way; clients act through the HTTP API.
  });

  const sinceRaw = (request.query as Record<string, unknown>).since;
  const since = typeof sinceRaw === 'string' && /^\d+$/.test(sinceRaw) ? Number(sinceRaw) : null;
  try {
    if (since === null) {
      lastSent = await latestSeq(opts.db);
    } else {
      lastSent = since;
      const missed = await eventsSince(opts.db, since, MAX_CATCH_UP + 1);
      if (missed.length > MAX_CATCH_UP) {
        send({ type: 'reset', reason: 'too far behind; reload' });
        lastSent = await latestSeq(opts.db);
      } else {
        for (const e of missed) deliver(e);
      }
    }
  } catch {
    socket.close(1011, 'catch-up failed');
    return;
  }
  buffered.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  for (const e of buffered.splice(0)) deliver(e);
  ready = true;
  send({ type: 'ready', seq: lastSent, now: nowIso() });
}
