import { platformIso } from '../../api/platformClock';
import { offlineStore } from './offlineStore';
import type { ActivePatrol } from './queueTypes';
import type { Fix } from './usePosition';
import { uuid } from '../../api/uuid';

// the phone makes its own ids, so a write queued offline keeps one id through every retry
export { uuid };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Everything a member does on patrol is a queued write first (IndexedDB), sent by the queue when
 * the network lets it: the same path online and offline, so nothing depends on the signal of the
 * moment. Times are the phone's, on the platform's clock as the phone last learned it.
 */
export const patrolActions = {
  async start(owner: string, patrol: Omit<ActivePatrol, 'id' | 'owner' | 'startedAt'>): Promise<ActivePatrol> {
    const active: ActivePatrol = { ...patrol, id: uuid(), owner, startedAt: platformIso() };
    await offlineStore.enqueue({ owner, kind: 'start', id: active.id, patrolId: active.id, body: { id: active.id, teamId: active.teamId, dutyId: active.dutyId, at: active.startedAt }, createdAt: active.startedAt });
    await offlineStore.setActive(active, owner);
    return active;
  },

  async track(owner: string, patrolId: string, points: Fix[]): Promise<void> {
    if (!points.length) return;
    const id = uuid();
    const body = { id, points: points.map((p) => ({ at: iso(p.at), lon: p.lon, lat: p.lat, accuracyM: Math.round(p.accuracyM) })) };
    await offlineStore.enqueue({ owner, kind: 'track', id, patrolId, body, createdAt: platformIso() });
  },

  async checkIn(owner: string, patrolId: string, c: { checkpointId: string; method: 'qr' | 'typed' | 'nfc'; code: string; fix: Fix }): Promise<void> {
    const id = uuid();
    const at = platformIso();
    const body = { id, checkpointId: c.checkpointId, method: c.method, code: c.code.trim(), lon: c.fix.lon, lat: c.fix.lat, accuracyM: Math.round(c.fix.accuracyM), at };
    await offlineStore.enqueue({ owner, kind: 'check_in', id, patrolId, body, createdAt: at });
  },

  async finding(owner: string, patrolId: string, f: { category: string; description: string; fix: Fix; photos: Array<{ blob: Blob; name: string }> }): Promise<void> {
    const id = uuid();
    const at = platformIso();
    const body = { id, category: f.category, description: f.description.trim(), lon: f.fix.lon, lat: f.fix.lat, accuracyM: Math.round(f.fix.accuracyM), at };
    await offlineStore.enqueue({ owner, kind: 'finding', id, patrolId, body, createdAt: at });
    for (const p of f.photos) {
      const photoId = uuid();
      await offlineStore.enqueue(
        { owner, kind: 'photo', id: photoId, patrolId, body: { findingId: id, name: p.name, size: p.blob.size }, createdAt: at },
        { id: photoId, findingId: id, blob: p.blob, contentType: p.blob.type || 'image/jpeg', name: p.name },
      );
    }
  },

  async finish(owner: string, patrolId: string): Promise<void> {
    const id = uuid();
    const at = platformIso();
    await offlineStore.enqueue({ owner, kind: 'finish', id, patrolId, body: { id, at }, createdAt: at });
    await offlineStore.setActive(null, owner);
  },
};
