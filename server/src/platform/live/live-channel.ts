import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { DomainEvent, EventBus } from '../bus/event.js';
import { eventsSince, latestSeq } from '../bus/outbox.js';
import { ReadCache, type ResourceReaders } from '../bus/readers.js';
import { nowIso } from '../clock.js';
import { isDatabaseUnavailable } from '../db/availability.js';

/** WebSocket close code 1013 "try again later": the database is away; reconnect with ?since= shortly. */
export const CLOSE_TRY_AGAIN = 1013;

/** A client that has been away longer than this many events reloads instead of replaying. */
export const MAX_CATCH_UP = 5000;
/** How often the platform clock is sent and the session checked again. */
const TICK_MS = 15_000;

export interface LiveOptions {
  db: Kysely<Database>;
  bus: EventBus;
  /** the signed-in user of an upgrade request (token in `?token=` or the session cookie) */
  authenticate: (request: FastifyRequest) => Promise<Actor | null>;
  /** who may read what: every event is checked against the resource it is about */
  readers: ResourceReaders;
  tickMs?: number;
}

type Outgoing =
  | { type: 'event'; seq: number; event: Omit<DomainEvent, 'about' | 'seq'> }
  | { type: 'ready'; seq: number; now: string }
  | { type: 'clock'; now: string }
  | { type: 'reset'; reason: string };

/**
 * `GET /api/live` (WebSocket): every committed event the user may see, as it happens. An event
 * reaches a user only if, when it is delivered, they may read the resource it is about — asked of
 * the same check as that resource's read route. A client that reconnects with `?since=<last seq>`
 * first gets what it missed from the outbox, then the live stream, with no gap and no repeat: the
 * bus is subscribed before the catch-up is read, and events are sent strictly in sequence order.
 */
export async function registerLiveChannel(app: FastifyInstance, opts: LiveOptions): Promise<void> {
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const cache = new ReadCache(opts.readers);
  app.get('/api/live', { websocket: true }, (socket: WebSocket, request) => {
    void serve(socket, request, opts, cache);
  });
}

async function serve(socket: WebSocket, request: FastifyRequest, opts: LiveOptions, cache: ReadCache): Promise<void> {
  let actor: Actor | null;
  try {
    actor = await opts.authenticate(request);
  } catch (e) {
    // not a refusal: the session cannot be looked up now, so the console must not sign out
    socket.close(isDatabaseUnavailable(e) ? CLOSE_TRY_AGAIN : 1011, 'the session could not be checked; reconnect shortly');
    return;
  }
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
  // Checks are asynchronous; one chain per socket keeps the events in sequence order.
  let chain: Promise<void> = Promise.resolve();
  const deliver = (e: DomainEvent) => {
    chain = chain.then(async () => {
      if (e.seq === undefined || e.seq <= lastSent || socket.readyState !== socket.OPEN) return;
      let readable: boolean;
      try {
        // events written before `about` existed are about their entity
        readable = actor !== null && (await cache.canRead(actor, e.id, e.about ?? { kind: e.entity, id: e.entityId }));
      } catch {
        // the database is away and the event cannot be judged: rather than skip it, end the
        // channel; the console comes back with ?since= and is given it then
        socket.close(CLOSE_TRY_AGAIN, 'the database is unavailable; reconnect with ?since= shortly');
        return;
      }
      lastSent = e.seq;
      if (!readable) return;
      const { about: _about, seq: _seq, ...visible } = e;
      send({ type: 'event', seq: e.seq, event: visible });
    });
  };
  const unsubscribe = opts.bus.subscribe((e) => (ready ? deliver(e) : buffered.push(e)));
  // The platform clock, and the session looked at again: a logout, a password change or a
  // disabled account ends the channel as it ends the API, and changed roles apply at once.
  const heartbeat = setInterval(() => {
    socket.ping();
    send({ type: 'clock', now: nowIso() });
    opts.authenticate(request).then(
      (current) => {
        actor = current;
        if (!current) socket.close(4401, 'the session has ended');
      },
      () => {},
    );
  }, opts.tickMs ?? TICK_MS);
  socket.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
  });
  socket.on('message', () => {
    // The channel is one-way; clients act through the HTTP API.
  });

  const sinceRaw = (request.query as Record<string, unknown>).since;
  const since = typeof sinceRaw === 'string' && /^\d{1,15}$/.test(sinceRaw) ? Number(sinceRaw) : null;
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
  } catch (e) {
    socket.close(isDatabaseUnavailable(e) ? CLOSE_TRY_AGAIN : 1011, 'catch-up failed; reconnect with ?since= shortly');
    return;
  }
  buffered.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  for (const e of buffered.splice(0)) deliver(e);
  ready = true;
  await chain;
  send({ type: 'ready', seq: lastSent, now: nowIso() });
}
