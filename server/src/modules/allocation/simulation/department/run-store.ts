import type { WhatIfRunStatus } from '@railjoint/contracts';
import type { Db } from '../../../../platform/db/database.js';

/** A run that has said nothing for this long while running had its instance die under it. */
export const SILENT_FOR_MS = 60_000;
/** A run is removed this long after its last word: its end, or the death of its instance. */
export const KEEP_MS = 15 * 60_000;

export interface StoredRun {
  ownerId: string;
  status: WhatIfRunStatus;
  /** ms since epoch of the last write */
  updatedAt: number;
}

// Machine time: rows are compared across instances, and the platform clock started at an instant
// (RAILJOINT_CLOCK_START) runs with a different offset in each process.
const at = (ms = Date.now()) => new Date(ms).toISOString();

/**
 * The `what_if_runs` table. Only the running instance writes a running status, and only while no
 * cancel has been asked: a DELETE writes the cancelled status and the mark in one statement, so a
 * progress write that comes after it changes nothing and the run stays as the DELETE answered it.
 */
export class WhatIfRunStore {
  constructor(private readonly db: Db) {}

  async insert(ownerId: string, status: WhatIfRunStatus, instance: string): Promise<void> {
    const t = at();
    await this.db.kysely
      .insertInto('what_if_runs')
      .values({ id: status.id, owner_id: ownerId, state: status.state, status: JSON.stringify(status), cancel_requested_at: null, instance, created_at: t, updated_at: t })
      .execute();
  }

  /** The running instance's write; false when the run was cancelled (or ended) meanwhile. */
  async write(status: WhatIfRunStatus): Promise<boolean> {
    const done = await this.db.kysely
      .updateTable('what_if_runs')
      .set({ state: status.state, status: JSON.stringify(status), updated_at: at() })
      .where('id', '=', status.id)
      .where('state', '=', 'running')
      .where('cancel_requested_at', 'is', null)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  async read(id: string): Promise<StoredRun | null> {
    const row = await this.db.kysely.selectFrom('what_if_runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return { ownerId: row.owner_id, status: JSON.parse(row.status) as WhatIfRunStatus, updatedAt: Date.parse(row.updated_at) };
  }

  /**
   * Marks the cancel request with the cancelled status, if the run is still running and its
   * instance still speaks; false when it had ended (or gone silent) first.
   */
  async requestCancel(cancelled: WhatIfRunStatus): Promise<boolean> {
    const t = Date.now();
    const done = await this.db.kysely
      .updateTable('what_if_runs')
      .set({ state: cancelled.state, status: JSON.stringify(cancelled), cancel_requested_at: at(t), updated_at: at(t) })
      .where('id', '=', cancelled.id)
      .where('state', '=', 'running')
      .where('cancel_requested_at', 'is', null)
      .where('updated_at', '>=', at(t - SILENT_FOR_MS))
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  /** Of these runs, those someone asked to cancel. */
  async cancelRequested(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.kysely.selectFrom('what_if_runs').select('id').where('id', 'in', ids).where('cancel_requested_at', 'is not', null).execute();
    return rows.map((r) => r.id);
  }

  /** Removes the runs whose last word is older than KEEP_MS; how many. */
  async expire(now = Date.now()): Promise<number> {
    const done = await this.db.kysely.deleteFrom('what_if_runs').where('updated_at', '<', at(now - KEEP_MS)).executeTakeFirst();
    return Number(done.numDeletedRows);
  }
}
