import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ActivePatrol, QueueItem, StoredPhoto } from './queueTypes';

/**
 * The phone's own store (IndexedDB through idb, 1 KB): the queue of writes, the photos they
 * carry, the patrol under way and the last copy of what the server said about the day (duties,
 * checkpoints, teams, categories), each under the account it belongs to. Signing out of the phone
 * leaves the queue of writes (nothing recorded is lost; it goes when its account signs in again)
 * but removes the cached copies of the server's data.
 */
interface PatrolDb extends DBSchema {
  queue: { key: number; value: QueueItem; indexes: { byOwner: string; byId: string } };
  photos: { key: string; value: StoredPhoto };
  cache: { key: string; value: { key: string; owner: string; savedAt: string; value: unknown }; indexes: { byOwner: string } };
  active: { key: string; value: ActivePatrol };
}

const DB_NAME = 'railjoint-patrol';
let dbPromise: Promise<IDBPDatabase<PatrolDb>> | null = null;
const listeners = new Set<() => void>();

function db(): Promise<IDBPDatabase<PatrolDb>> {
  dbPromise ??= openDB<PatrolDb>(DB_NAME, 1, {
    upgrade(d) {
      const queue = d.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      queue.createIndex('byOwner', 'owner');
      queue.createIndex('byId', 'id', { unique: true });
      d.createObjectStore('photos', { keyPath: 'id' });
      d.createObjectStore('cache', { keyPath: 'key' }).createIndex('byOwner', 'owner');
      d.createObjectStore('active', { keyPath: 'owner' });
    },
  });
  return dbPromise;
}

/** Tells every hook that the queue or the patrol changed (this tab; other tabs re-read on focus). */
function changed(): void {
  for (const l of listeners) l();
}

export function onStoreChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const offlineStore = {
  async enqueue(item: Omit<QueueItem, 'seq' | 'state' | 'attempts'>, photo?: StoredPhoto): Promise<void> {
    const d = await db();
    const tx = d.transaction(['queue', 'photos'], 'readwrite');
    if (photo) await tx.objectStore('photos').put(photo);
    await tx.objectStore('queue').add({ ...item, state: 'waiting', attempts: 0 });
    await tx.done;
    changed();
  },

  /** Everything the account made, oldest first. */
  async items(owner: string): Promise<QueueItem[]> {
    const all = await (await db()).getAllFromIndex('queue', 'byOwner', owner);
    return all.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  },

  async update(seq: number, patch: Partial<QueueItem>): Promise<void> {
    const d = await db();
    const tx = d.transaction('queue', 'readwrite');
    const item = await tx.store.get(seq);
    if (item) await tx.store.put({ ...item, ...patch });
    await tx.done;
    changed();
  },

  async photo(id: string): Promise<StoredPhoto | undefined> {
    return (await db()).get('photos', id);
  },

  /** A photo's bytes go once the server has them; its queue entry stays as the record. */
  async dropPhoto(id: string): Promise<void> {
    await (await db()).delete('photos', id);
  },

  /** Answered items of finished patrols are kept a day for the member to read, then dropped. */
  async prune(owner: string, before: string): Promise<void> {
    const d = await db();
    const tx = d.transaction('queue', 'readwrite');
    for (const item of await tx.store.index('byOwner').getAll(owner)) {
      if (item.state !== 'waiting' && (item.answeredAt ?? item.createdAt) < before && item.seq !== undefined) await tx.store.delete(item.seq);
    }
    await tx.done;
  },

  async active(owner: string): Promise<ActivePatrol | undefined> {
    return (await db()).get('active', owner);
  },

  async setActive(patrol: ActivePatrol | null, owner: string): Promise<void> {
    const d = await db();
    if (patrol) await d.put('active', patrol);
    else await d.delete('active', owner);
    changed();
  },

  async cached<T>(owner: string, key: string): Promise<{ value: T; savedAt: string } | null> {
    const row = await (await db()).get('cache', `${owner}:${key}`);
    return row ? { value: row.value as T, savedAt: row.savedAt } : null;
  },

  async keep(owner: string, key: string, value: unknown, savedAt: string): Promise<void> {
    await (await db()).put('cache', { key: `${owner}:${key}`, owner, savedAt, value });
  },

  /** At sign-out: the server's data goes; the account's unsent writes stay until it signs in again. */
  async forget(owner: string): Promise<void> {
    const d = await db();
    const tx = d.transaction('cache', 'readwrite');
    for (const key of await tx.store.index('byOwner').getAllKeys(owner)) await tx.store.delete(key);
    await tx.done;
  },
};
