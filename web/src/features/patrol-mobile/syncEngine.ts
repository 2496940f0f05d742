import { SyncResults } from '@railjoint/contracts';
import { request } from '../../api/client';
import { ApiError, NETWORK_FAILURE } from '../../api/errors';
import { platformIso } from '../../api/platformClock';
import { offlineStore } from './offlineStore';
import { nextBatch, outcomeOf, photoWork } from './syncPlan';
import type { QueueItem } from './queueTypes';

/** Why a round stopped before the queue was empty. */
export type SyncStop = 'done' | 'offline' | 'signed_out' | 'server';

let running: Promise<SyncStop> | null = null;
/** something was queued while a round ran: it may have missed it, so another round follows */
let again = false;

/**
 * Sends what the account queued: writes in batches through POST /api/patrol-sync (each judged and
 * written on its own, in order), then the photos of findings the server has. Each item is marked
 * only after its answer arrived; an answer lost on the way leaves it waiting, and sending it again
 * is answered as the first time (the server keeps each write under the phone's id), so every write
 * lands exactly once. One round at a time per tab, and per phone where the browser has Web Locks.
 */
export function syncNow(owner: string): Promise<SyncStop> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let stop: SyncStop;
    do {
      again = false;
      stop = await withLock(() => round(owner));
    } while (again && stop === 'done');
    return stop;
  })().finally(() => {
    running = null;
  });
  return running;
}

async function withLock(fn: () => Promise<SyncStop>): Promise<SyncStop> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return fn();
  return locks.request('railjoint-patrol-sync', fn) as unknown as Promise<SyncStop>;
}

function stopFor(e: unknown): SyncStop {
  if (e instanceof ApiError && e.status === NETWORK_FAILURE) return 'offline';
  if (e instanceof ApiError && e.status === 401) return 'signed_out';
  return 'server';
}

async function round(owner: string): Promise<SyncStop> {
  for (;;) {
    const batch = nextBatch(await offlineStore.items(owner));
    if (!batch.length) break;
    let answer;
    try {
      answer = await request('POST', '/api/patrol-sync', {
        body: { items: batch.map((i) => ({ kind: i.kind, ...(i.kind === 'start' ? {} : { patrolId: i.patrolId }), body: i.body })) },
        schema: SyncResults,
      });
    } catch (e) {
      return stopFor(e);
    }
    let unsettled = 0;
    for (const r of answer.results) {
      const item = batch[r.index];
      if (!item?.seq) continue;
      const o = outcomeOf(r.status, r);
      if (o.state === null) unsettled += 1;
      await offlineStore.update(item.seq, {
        attempts: item.attempts + 1,
        ...(o.state ? { state: o.state, answeredAt: answer.receivedAt, result: o.result, error: o.error } : { error: o.error }),
      });
    }
    // the server is busy with some of them: they wait for the next round
    if (unsettled) return 'server';
  }
  return sendPhotos(owner);
}

async function sendPhotos(owner: string): Promise<SyncStop> {
  const { ready, orphaned } = photoWork(await offlineStore.items(owner));
  for (const { item, error } of orphaned) {
    await offlineStore.update(item.seq!, { state: 'failed', error, answeredAt: platformIso() });
    await offlineStore.dropPhoto(item.id);
  }
  for (const item of ready) {
    const stop = await sendPhoto(item);
    if (stop) return stop;
  }
  return 'done';
}

async function sendPhoto(item: QueueItem): Promise<SyncStop | null> {
  const photo = await offlineStore.photo(item.id);
  if (!photo) {
    await offlineStore.update(item.seq!, { state: 'failed', error: { code: 'photo_lost', message: '' }, answeredAt: platformIso() });
    return null;
  }
  try {
    const data = await photo.blob.arrayBuffer();
    const result = await request('POST', `/api/findings/${encodeURIComponent(photo.findingId)}/photos`, { query: { photoId: photo.id }, file: { data, contentType: photo.contentType, name: photo.name } });
    await offlineStore.update(item.seq!, { state: 'sent', result, answeredAt: platformIso(), attempts: item.attempts + 1 });
    await offlineStore.dropPhoto(photo.id);
    return null;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401) return 'signed_out';
    const o = outcomeOf(e.status, { error: { code: e.code, message: e.message, details: e.details } });
    if (o.state === null) return stopFor(e);
    await offlineStore.update(item.seq!, { state: o.state, error: o.error, answeredAt: platformIso(), attempts: item.attempts + 1 });
    return null;
  }
}
